/* party.h: customers and suppliers (one party may be both), their contacts
 * and addresses.
 *
 * Changes run in the caller's open transaction, scoped to its tenant, each
 * under a savepoint: when the database refuses one, it is undone, the
 * reason goes into fields and the transaction stays usable so the caller
 * can draw the form again.  Every change records its events in the outbox
 * (customer.created / customer.updated for a customer, supplier.created /
 * supplier.updated for a supplier: a party that is both emits both) and
 * its audit entry.
 *
 * Values arrive as text, as a form or JSON body gives them; NULL means not
 * given (for an update: unchanged). */
#ifndef PARTY_H
#define PARTY_H

#include <cJSON.h>

struct ctx;

#define PARTY_ID_LEN 37	/* a UUID and its NUL */

enum party_result {
	PARTY_OK,
	PARTY_NOT_FOUND,	/* no such record in this tenant */
	PARTY_INVALID,		/* refused; fields say why */
	PARTY_ERROR,		/* the response is already set */
};

/* A party as typed.  code empty or absent: the next C-00001 (customers,
 * and parties that are both) or S-00001 (suppliers only).  currency
 * absent: the business's base currency; terms_days absent: the commerce
 * settings' default_terms_days on create, unchanged on update; "" (the
 * form left empty): that default in either case.  credit_limit is a decimal amount in the
 * party's currency ("50000.00"), or when credit_minor is set an integer
 * count of minor units (the API's money); "" removes the limit. */
typedef struct party_in {
	const char *code, *name, *is_customer, *is_supplier, *email, *phone;
	const char *tax_id, *currency, *terms_days, *credit_limit, *notes;
	int credit_minor;
} party_in;

/* party_gstin_ok: 1 when s has the shape of an Indian GSTIN: 15
 * characters, a state code (01 to 38, 97 or 99), a PAN (five letters,
 * four digits, a letter), an entity digit or letter, 'Z', and the check
 * character of the mod-36 scheme over the first 14; 0 otherwise. */
int party_gstin_ok(const char *s);

/* party_create: a new party; its id into id. */
int party_create(struct ctx *c, const party_in *in, cJSON *fields,
    char id[PARTY_ID_LEN]);

/* party_update: changes the fields given (non-NULL) of party id.  A party
 * stays a customer or a supplier or both; its currency cannot change once
 * a document uses it. */
int party_update(struct ctx *c, const char *id, const party_in *in,
    cJSON *fields);

/* party_archive: archives (1) or unarchives (0) a party. */
int party_archive(struct ctx *c, const char *id, int archived);

/* party_kind: whether the party id is a customer and/or a supplier, for
 * permission checks; PARTY_OK or PARTY_NOT_FOUND or PARTY_ERROR. */
int party_kind(struct ctx *c, const char *id, int *customer, int *supplier);

/* party_json: the party with its contacts, addresses and open balances
 * (issued invoices and received bills not yet paid, per currency); NULL
 * with *rc PARTY_NOT_FOUND or PARTY_ERROR (the response set). */
cJSON *party_json(struct ctx *c, const char *id, int *rc);

/* A list's filter.  kind: "customer", "supplier" or NULL for both; q:
 * part of the name, code, email or tax id (any case); archived: "false"
 * (the default), "true" or "all"; sort: "name" (default) or "newest";
 * after: the id of the last row of the previous page. */
typedef struct party_filter {
	const char *kind, *q, *archived, *sort, *after;
	int limit;
} party_filter;

/* party_list: one page of parties as a JSON array into *items and the
 * id to continue after into *next (NULL on the last page).  PARTY_OK,
 * PARTY_INVALID (fields say which filter) or PARTY_ERROR. */
int party_list(struct ctx *c, const party_filter *f, cJSON *fields,
    cJSON **items, const char **next);

/* A contact as typed (is_primary: a yes/no flag). */
typedef struct party_contact_in {
	const char *name, *role, *email, *phone, *is_primary;
} party_contact_in;

/* party_contact_save: adds (contact_id NULL) or changes a contact of
 * party_id; the contact's id into id.  One primary contact per party: a
 * new primary one takes the mark from the others. */
int party_contact_save(struct ctx *c, const char *party_id,
    const char *contact_id, const party_contact_in *in, cJSON *fields,
    char id[PARTY_ID_LEN]);
int party_contact_remove(struct ctx *c, const char *party_id,
    const char *contact_id);

/* An address as typed: kind "billing" or "shipping"; country two
 * upper-case letters (default IN); is_default: the default address of
 * its kind (one per party and kind). */
typedef struct party_address_in {
	const char *kind, *line1, *line2, *city, *region, *postal_code;
	const char *country, *is_default;
} party_address_in;

int party_address_save(struct ctx *c, const char *party_id,
    const char *address_id, const party_address_in *in, cJSON *fields,
    char id[PARTY_ID_LEN]);
int party_address_remove(struct ctx *c, const char *party_id,
    const char *address_id);

#endif
