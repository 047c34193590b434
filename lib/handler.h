/* handler.h: the small things every resource handler of the commerce
 * programs does the same way: read a field that came as JSON or from a
 * form, refuse naming the field, answer a refusal from lib/ with the right
 * status, hold a savepoint while a refused form is drawn again, and show
 * money exactly (an {"amount","currency"} object for the API, decimal
 * text for a page).  Written once here so that orders, invoices, bills and
 * payments answer alike. */
#ifndef HANDLER_H
#define HANDLER_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "app.h"

/* handler_query: a query parameter, NULL when absent or empty */
const char *handler_query(const ctx *c, const char *name);

/* handler_blank: s is NULL or "" */
int handler_blank(const char *s);

/* handler_i64: the exact integer books_rows put under key (0 when null) */
int64_t handler_i64(const cJSON *o, const char *key);

/* handler_money_text: minor units as decimal text, in the arena */
const char *handler_money_text(ctx *c, int64_t minor, int digits);

/* handler_ppm_text: parts per million as a percentage ("5", "2.5") */
const char *handler_ppm_text(ctx *c, int64_t ppm);

/* handler_monies: o's amounts under keys (those present) become
 * {"amount","currency"} for the API or decimal text for a page */
void handler_monies(ctx *c, cJSON *o, const char *currency, int digits,
    const char *const *keys);

/* handler_refuse: 422 naming one field */
void handler_refuse(ctx *c, const char *field, const char *msg);

/* handler_status: the HTTP status of a refusal from lib/ by its SQLSTATE:
 * 404 unknown (P0002), 409 a conflict (40001 a transition not allowed
 * now, 23505, 40P01), 422 a malformed value or broken rule (22..., 23...),
 * 0 anything else (a real failure) */
int handler_status(const db_res *err);

/* handler_failed: the API's answer to a refusal, naming field when given
 * ("" or NULL: none); err is cleared */
void handler_failed(ctx *c, db_res *err, const char *field);

/* handler_answer: handler_failed with the status st already decided
 * (a program that maps one more SQLSTATE of its own); err is cleared */
void handler_answer(ctx *c, db_res *err, int st, const char *field);

/* handler_savepoint, handler_undo: a change that may be refused while the
 * form or page is drawn again in the same transaction; -1 with the
 * response set */
int handler_savepoint(ctx *c);
void handler_undo(ctx *c);

/* handler_arg: member name of the JSON object o as text (a string, or an
 * integer), or the form field name when o is NULL; NULL when absent, ""
 * for null, "?" for a JSON value of another kind */
const char *handler_arg(ctx *c, const cJSON *o, const char *name);

/* handler_text: handler_arg that must be a string (or null); refused
 * into fields under field otherwise */
const char *handler_text(ctx *c, const cJSON *o, const char *name,
    const char *field, cJSON *fields);

/* handler_int: a whole number (a JSON integer, or typed in a form) into
 * *out: 1 when given, 0 when absent or refused into fields */
int handler_int(ctx *c, const cJSON *o, const char *name, const char *field,
    int64_t *out, cJSON *fields);

/* handler_bool: member name as true or false (a form's "yes", "on", ...)
 * into *out (0 when absent); refused into fields */
void handler_bool(ctx *c, const cJSON *o, const char *name, int *out,
    cJSON *fields);

/* handler_discount: a line's discount, "discount" as a percentage ("5",
 * "2.5", or a JSON number) or "discount_ppm" in parts per million, in
 * parts per million; refused into fields under "<at>.discount" */
int64_t handler_discount(ctx *c, const cJSON *o, const char *at,
    cJSON *fields);

/* handler_nth: the i-th value of a repeated form field */
const char *handler_nth(const kv_list *l, const char *name, size_t i);

/* A line row of a document form, as typed. */
typedef struct handler_row {
	int64_t quantity;	/* 1 or more; 0 when refused */
	int64_t unit_price;	/* minor units; -1 when blank or refused */
	int64_t discount_ppm;	/* 0 when blank or refused */
} handler_row;

/* handler_form_row: row r of the form's repeated line_quantity,
 * line_unit_price (decimal, in a currency of digits minor units) and
 * line_discount (a percentage); each refusal into fields under
 * "<at>.quantity", "<at>.unit_price" and "<at>.discount".  A blank price
 * is the price list's, unless charged (a purchase: the price charged
 * must be typed) */
void handler_form_row(ctx *c, size_t r, const char *at, int digits,
    int charged, handler_row *out, cJSON *fields);

/* handler_digits: the minor units of the currency a document will be
 * in: currency, else the party's (an id or a code), else the business's */
int handler_digits(ctx *c, const char *currency, const char *party);

/* ---- a document's actions (invoices, bills) ---- */

/* A document a program acts on. */
typedef struct handler_doc {
	const char *name;	/* "bill": the page's key for it */
	const char *title;	/* "Bill": the page's title */
	const char *app;	/* "/app/bills": its pages, by id below */
	const char *api;	/* "/api/v1/bills": the same for the API */
	const char *show;	/* "bills_show.cs": its page */
	/* read: the document id with what can be done to it now; NULL
	 * with the response set */
	cJSON *(*read)(ctx *c, const char *id);
	/* failed: the API's answer to a refusal naming field (err
	 * cleared): handler_failed, or the program's own */
	void (*failed)(ctx *c, db_res *err, const char *field);
} handler_doc;

/* handler_acted: the end of an action on document id: the API gets the
 * document with status (201 with its Location), a browser goes back to
 * its page */
void handler_acted(ctx *c, const handler_doc *k, const char *id,
    int status);

/* handler_action_refused: an action on document id refused with err:
 * the API's answer (k->failed, naming field), or for a refusal by a rule
 * the page again with the reason, the change undone to the savepoint */
void handler_action_refused(ctx *c, const handler_doc *k, const char *id,
    db_res *err, const char *field);

/* ---- a document's draft form (invoices, bills) ---- */

/* A list a form chooses from: d's member name, the rows sql reads (no
 * parameters), their keys as books_rows takes them. */
typedef struct handler_lookup {
	const char *name, *sql;
	const char *const *keys;
} handler_lookup;

/* The lookups the document forms share: who can be chosen (customers,
 * suppliers), products, tax groups, locations and currencies. */
extern const char *const handler_party_keys[];	/* id, code, name, currency */
extern const char *const handler_code_keys[];	/* code, name */
extern const char *const handler_sku_keys[];	/* sku, name */
extern const char *const handler_currency_keys[];	/* code */
#define HANDLER_CUSTOMERS { "customers", "SELECT id, code, name, currency " \
    "FROM parties WHERE is_customer AND NOT archived ORDER BY lower(name), " \
    "id LIMIT 500", handler_party_keys }
#define HANDLER_SUPPLIERS { "suppliers", "SELECT id, code, name, currency " \
    "FROM parties WHERE is_supplier AND NOT archived ORDER BY lower(name), " \
    "id LIMIT 500", handler_party_keys }
#define HANDLER_PRODUCTS { "products", "SELECT sku, name FROM products " \
    "WHERE NOT archived ORDER BY sku LIMIT 1000", handler_sku_keys }
#define HANDLER_TAX_GROUPS { "tax_groups", "SELECT code, name FROM " \
    "tax_groups WHERE NOT archived ORDER BY code", handler_code_keys }
#define HANDLER_LOCATIONS { "locations", "SELECT code, name FROM locations " \
    "WHERE NOT archived ORDER BY code", handler_code_keys }
#define HANDLER_CURRENCIES { "currencies", "SELECT code FROM currencies " \
    "ORDER BY code", handler_currency_keys }

/* handler_lookups: each lookup's rows into d, up to one with a NULL
 * name; 0, or -1 with the response set */
int handler_lookups(ctx *c, cJSON *d, const handler_lookup *l);

/* handler_typed: the form as it was sent, to draw it again: into form
 * each of keys with its value ("" when not sent), and into rows one
 * object per row of the repeated fields cols (as many rows as the most
 * repeated of them; each member named without its "line_" prefix) */
void handler_typed(ctx *c, cJSON *form, const char *const *keys,
    cJSON *rows, const char *const *cols);

/* handler_row_errors: each row of rows gets "error", the messages that
 * fields holds for "lines[i].<part>" for the n parts, joined by "; ".
 * Rows with neither product nor description are skipped and not
 * counted, as the forms number the lines they read. */
void handler_row_errors(ctx *c, cJSON *rows, const cJSON *fields,
    const char *const *parts, int n);

/* ---- lists by keyset (invoices, bills, payments) ---- */

/* handler_one: the row sql reads for id ($1) as an object (the caller
 * deletes it); NULL with the response set: 404 "no such <what>" when id
 * is not a UUID or no row has it, else the database's error */
cJSON *handler_one(ctx *c, const char *sql, const char *id,
    const char *const *keys, const char *what);

/* handler_one_of: v is one of allowed (NULL-terminated) */
int handler_one_of(const char *v, const char *const *allowed);

/* handler_span: a list's "from" and "to", when given, are dates; -1
 * with the 422 naming the first that is not */
int handler_span(ctx *c, const char *from, const char *to);

/* handler_keyset: the page's size (size, or the API's limit=) into
 * *limit, and the query's cursor decoded ("<created_at>|<id>") into
 * *after (NULL for the first page); -1 with the 400 answered */
int handler_keyset(ctx *c, int size, int *limit, const char **after);

/* handler_next: items were read limit + 1 rows deep: the row past the
 * page dropped, and the cursor of the next page from the last row's
 * "key" (arena); NULL when this page is the last */
const char *handler_next(ctx *c, cJSON *items, int limit);

/* handler_rows: each row of a list shown: its amounts under keys in its
 * own "currency" and "digits", then "key" and "digits" dropped */
void handler_rows(ctx *c, cJSON *items, const char *const *keys);

/* handler_filter: for a page, into d: "filter" (each of the n names with
 * its value, "" when not given) and, when next, "next_href": path with
 * the filters given and cursor=next */
void handler_filter(ctx *c, cJSON *d, const char *path,
    const char *const *names, const char *const *values, int n,
    const char *next);

/* ---- the record programs (parties, products, inventory) ---- */

/* handler_field: the request's field name as text: a JSON string, true
 * or false ("true", "false") or integer in its text form, else the form
 * field; NULL when absent or JSON null; "?" for a JSON value of another
 * kind */
const char *handler_field(ctx *c, const char *name);

/* handler_string: the string member key of o, "" when absent or not a
 * string */
const char *handler_string(const cJSON *o, const char *key);

/* handler_exact: an exact integer item, raw JSON text (api_int) or a
 * number, into *out; 0 or -1 */
int handler_exact(const cJSON *v, int64_t *out);

/* handler_summary: a refusal's one line: the only field's message, or
 * otherwise (NULL: "the change was refused: see the fields marked") */
const char *handler_summary(const cJSON *fields, const char *otherwise);

/* handler_refusal: into d, "fields" (a copy of fields, or {}) and, when
 * there are any, "error" (their summary, see handler_summary) */
void handler_refusal(cJSON *d, const cJSON *fields, const char *otherwise);

/* handler_form: into d, "form" with what was typed under each of keep
 * (or dflt[i] on a form not yet sent, dflt may be NULL), "fields" (a
 * copy of fields, or {}) and "error" (their summary) when any */
void handler_form(ctx *c, cJSON *d, const char *const *keep,
    const char *const *dflt, const cJSON *fields);

#endif
