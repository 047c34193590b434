/* docform.h: a commercial document's form and actions, as the programs of
 * orders, invoices and bills share them: a line row as typed (quantity,
 * price, discount), the currency's digits it is typed in, the lists a
 * draft chooses from (customers, suppliers, products, tax groups,
 * locations, currencies), and the end of an action on a document (done,
 * or refused and the page drawn again with the reason). */
#ifndef DOCFORM_H
#define DOCFORM_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "web/app.h"
#include "web/reply.h"
#include "web/query.h"

/* docform_discount: a line's discount, "discount" as a percentage ("5",
 * "2.5", or a JSON number) or "discount_ppm" in parts per million, in
 * parts per million; refused into fields under "<at>.discount" */
int64_t docform_discount(ctx *c, const cJSON *o, const char *at,
    cJSON *fields);

/* A line row of a document form, as typed. */
typedef struct docform_row_in {
	int64_t quantity;	/* 1 or more; 0 when refused */
	int64_t unit_price;	/* minor units; -1 when blank or refused */
	int64_t discount_ppm;	/* 0 when blank or refused */
} docform_row_in;

/* docform_row: row r of the form's repeated line_quantity,
 * line_unit_price (decimal, in a currency of digits minor units) and
 * line_discount (a percentage); each refusal into fields under
 * "<at>.quantity", "<at>.unit_price" and "<at>.discount".  A blank price
 * is the price list's, unless charged (a purchase: the price charged
 * must be typed) */
void docform_row(ctx *c, size_t r, const char *at, int digits,
    int charged, docform_row_in *out, cJSON *fields);

/* docform_digits: the minor units of the currency a document will be
 * in: currency, else the party's (an id or a code), else the business's */
int docform_digits(ctx *c, const char *currency, const char *party);

/* A document a program acts on. */
typedef struct docform_doc {
	const char *name;	/* "bill": the page's key for it */
	const char *title;	/* "Bill": the page's title */
	const char *app;	/* "/app/bills": its pages, by id below */
	const char *api;	/* "/api/v1/bills": the same for the API */
	const char *show;	/* "bills_show.cs": its page */
	/* read: the document id with what can be done to it now; NULL
	 * with the response set */
	cJSON *(*read)(ctx *c, const char *id);
	/* failed: the API's answer to a refusal naming field (err
	 * cleared): reply_failed, or the program's own */
	void (*failed)(ctx *c, db_res *err, const char *field);
} docform_doc;

/* docform_acted: the end of an action on document id: the API gets the
 * document with status (201 with its Location), a browser goes back to
 * its page */
void docform_acted(ctx *c, const docform_doc *k, const char *id,
    int status);

/* docform_action_refused: an action on document id refused with err:
 * the API's answer (k->failed, naming field), or for a refusal by a rule
 * the page again with the reason, the change undone to the savepoint */
void docform_action_refused(ctx *c, const docform_doc *k, const char *id,
    db_res *err, const char *field);

/* A list a form chooses from: d's member name, the rows sql reads (no
 * parameters), their keys as query_rows takes them. */
typedef struct docform_lookup {
	const char *name, *sql;
	const char *const *keys;
} docform_lookup;

/* The lookups the document forms share: who can be chosen (customers,
 * suppliers), products, tax groups, locations and currencies. */
extern const char *const docform_party_keys[];	/* id, code, name, currency */
extern const char *const docform_code_keys[];	/* code, name */
extern const char *const docform_sku_keys[];	/* sku, name */
extern const char *const docform_currency_keys[];	/* code */
#define DOCFORM_CUSTOMERS { "customers", "SELECT id, code, name, currency " \
    "FROM parties WHERE is_customer AND NOT archived ORDER BY lower(name), " \
    "id LIMIT 500", docform_party_keys }
#define DOCFORM_SUPPLIERS { "suppliers", "SELECT id, code, name, currency " \
    "FROM parties WHERE is_supplier AND NOT archived ORDER BY lower(name), " \
    "id LIMIT 500", docform_party_keys }
#define DOCFORM_PRODUCTS { "products", "SELECT sku, name FROM products " \
    "WHERE NOT archived ORDER BY sku LIMIT 1000", docform_sku_keys }
#define DOCFORM_TAX_GROUPS { "tax_groups", "SELECT code, name FROM " \
    "tax_groups WHERE NOT archived ORDER BY code", docform_code_keys }
#define DOCFORM_LOCATIONS { "locations", "SELECT code, name FROM locations " \
    "WHERE NOT archived ORDER BY code", docform_code_keys }
#define DOCFORM_CURRENCIES { "currencies", "SELECT code FROM currencies " \
    "ORDER BY code", docform_currency_keys }

/* docform_lookups: each lookup's rows into d, up to one with a NULL
 * name; 0, or -1 with the response set */
int docform_lookups(ctx *c, cJSON *d, const docform_lookup *l);

#endif
