/* search.c: one statement over the six kinds, each branch switched off
 * by a parameter when the role may not read it. */
#include "commerce/search.h"

#include <string.h>

#include "web/app.h"
#include "web/auth.h"
#include "web/field.h"
#include "web/query.h"

#define PER_KIND "10"
#define HIT(col) "strpos(lower(" col "), lower($1)) > 0"
#define FIRST(col) "strpos(lower(" col "), lower($1)) = 1"

/* strpos, not LIKE: what is typed is text, never a pattern */
static const char search_sql[] =
    "(SELECT 'customer', 1, id::text, code, name FROM parties WHERE "
    "$2::bool AND is_customer AND (" HIT("name") " OR " HIT("code") ") "
    "ORDER BY " FIRST("name") " DESC, archived, lower(name), id LIMIT "
    PER_KIND ") "
    "UNION ALL (SELECT 'supplier', 2, id::text, code, name FROM parties "
    "WHERE $3::bool AND is_supplier AND (" HIT("name") " OR " HIT("code")
    ") ORDER BY " FIRST("name") " DESC, archived, lower(name), id LIMIT "
    PER_KIND ") "
    "UNION ALL (SELECT 'product', 3, id::text, sku, name FROM products "
    "WHERE $4::bool AND (" HIT("name") " OR " HIT("sku") ") ORDER BY "
    FIRST("name") " DESC, archived, lower(name), id LIMIT " PER_KIND ") "
    "UNION ALL (SELECT 'order', 4, o.id::text, o.number, p.name FROM orders "
    "o JOIN parties p ON p.tenant_id = o.tenant_id AND p.id = o.party_id "
    "WHERE $2::bool AND (" HIT("o.number") " OR (o.reference <> '' AND "
    HIT("o.reference") ")) ORDER BY " FIRST("o.number") " DESC, o.number "
    "DESC LIMIT " PER_KIND ") "
    "UNION ALL (SELECT CASE i.kind WHEN 'invoice' THEN 'invoice' ELSE "
    "'credit_note' END, 5, i.id::text, i.number, p.name FROM invoices i JOIN "
    "parties p ON p.tenant_id = i.tenant_id AND p.id = i.party_id WHERE "
    "$2::bool AND i.number IS NOT NULL AND (" HIT("i.number") " OR "
    "(i.reference <> '' AND " HIT("i.reference") ")) ORDER BY "
    FIRST("i.number") " DESC, i.number DESC LIMIT " PER_KIND ") "
    "UNION ALL (SELECT 'bill', 6, b.id::text, b.number, p.name FROM bills b "
    "JOIN parties p ON p.tenant_id = b.tenant_id AND p.id = b.party_id "
    "WHERE $3::bool AND b.number IS NOT NULL AND (" HIT("b.number") " OR "
    "(b.supplier_ref <> '' AND " HIT("b.supplier_ref") ")) ORDER BY "
    FIRST("b.number") " DESC, b.number DESC LIMIT " PER_KIND ")";

static const struct kind {
	const char *kind, *title, *path;
} kinds[] = {
	{ "customer", "Customers", "/app/customers/" },
	{ "supplier", "Suppliers", "/app/suppliers/" },
	{ "product", "Products", "/app/products/" },
	{ "order", "Orders", "/app/orders/" },
	{ "invoice", "Invoices", "/app/invoices/" },
	{ "credit_note", "Credit notes", "/app/invoices/" },
	{ "bill", "Bills", "/app/bills/" },
};

cJSON *
search_find(struct ctx *c, const char *q)
{
	if (q == NULL && c->api) {
		field_refuse(c, "q", "type what to search for");
		return NULL;
	}
	if (q && field_chars(q) > SEARCH_MAX_CHARS) {
		field_refuse(c, "q", "at most 100 characters");
		return NULL;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "q", q ? q : "");
	cJSON *out = cJSON_AddArrayToObject(d, "kinds");
	if (q == NULL)
		return d;
	const char *p[4] = { q, auth_can(c, "sales.read") ? "t" : "f",
	    auth_can(c, "purchases.read") ? "t" : "f",
	    auth_can(c, "inventory.read") ? "t" : "f" };
	db_res r;
	if (query_run(c, &r, search_sql, 4, p) < 0) {
		cJSON_Delete(d);
		return NULL;
	}
	int found = 0;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		cJSON *items = NULL;
		for (int i = 0; i < r.rows; i++) {
			if (strcmp(db_text(&r, i, 0), kinds[k].kind) != 0)
				continue;
			if (items == NULL) {
				cJSON *g = cJSON_CreateObject();
				cJSON_AddItemToArray(out, g);
				cJSON_AddStringToObject(g, "kind", kinds[k].kind);
				cJSON_AddStringToObject(g, "title", kinds[k].title);
				items = cJSON_AddArrayToObject(g, "items");
			}
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "id", db_text(&r, i, 2));
			cJSON_AddStringToObject(e, "code", db_text(&r, i, 3));
			cJSON_AddStringToObject(e, "name", db_text(&r, i, 4));
			cJSON_AddStringToObject(e, "href", arena_printf(c->a,
			    "%s%s", kinds[k].path, db_text(&r, i, 2)));
			cJSON_AddItemToArray(items, e);
			found++;
		}
	}
	cJSON_AddNumberToObject(d, "count", found);
	db_res_clear(&r);
	return d;
}
