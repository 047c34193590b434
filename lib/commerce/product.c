/* product.c: products, prices, categories, and the commerce settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/numbers.h"
#include "web/api.h"
#include "web/app.h"
#include "web/audit.h"
#include "books/books_setup.h"
#include "base/money.h"
#include "db/outbox.h"
#include "commerce/party.h"
#include "commerce/product.h"
#include "web/field.h"
#include "web/query.h"
#include "web/change.h"

/* ---- database ---- */

static int
mark(struct ctx *c)
{
	return query_run(c, NULL, "SAVEPOINT product_change", 0, NULL);
}

/* attempt: a changing statement after mark(); a refusal by a rule is
 * undone to the savepoint with its message under field (a unique
 * violation is PRODUCT_CONFLICT) */
static int
attempt(struct ctx *c, db_res *r, const char *sql, int n,
    const char *const *p, const char *field, cJSON *fields)
{
	if (db_exec(c->db, r, sql, n, p) == 0)
		return PRODUCT_OK;
	const char *st = r->sqlstate;
	int rc;
	if (strncmp(st, "22", 2) == 0 || strncmp(st, "23", 2) == 0 ||
	    strcmp(st, "P0001") == 0) {
		api_field(fields, field, r->error ? r->error : "refused");
		rc = strcmp(st, "23505") == 0 ? PRODUCT_CONFLICT :
		    PRODUCT_INVALID;
		if (query_run(c, NULL, "ROLLBACK TO SAVEPOINT product_change", 0,
		    NULL) < 0)
			rc = PRODUCT_ERROR;
	} else {
		app_db_error(c, r);
		rc = PRODUCT_ERROR;
	}
	db_res_clear(r);
	return rc;
}

static int
invalid(const cJSON *fields)
{
	return cJSON_GetArraySize(fields) > 0;
}

/* ---- a product's state ---- */

static const char *const product_keys[] = { "id", "sku", "name",
    "description", "unit", "?tracked", "category_id", "category", "tax_group",
    "#reorder_level", "?archived", "created_at", "updated_at", NULL };

#define PRODUCT_COLS "p.id, p.sku, p.name, p.description, p.unit, " \
	"p.tracked, p.category_id, (SELECT name FROM product_categories k " \
	"WHERE k.tenant_id = p.tenant_id AND k.id = p.category_id), " \
	"p.tax_group, p.reorder_level, p.archived, to_char(p.created_at AT " \
	"TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), to_char(" \
	"p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* prices_of: the prices of product id as [{"currency","unit_price"}] */
static cJSON *
prices_of(struct ctx *c, const char *id)
{
	static const char *const keys[] = { "currency", "#unit_price",
	    "#digits", NULL };
	const char *p[1] = { id };
	return query_rows(c, "SELECT pp.currency, pp.unit_price, cu.minor_units "
	    "FROM product_prices pp JOIN currencies cu ON cu.code = pp.currency "
	    "WHERE pp.product_id = $1::uuid ORDER BY pp.currency", 1, p, keys);
}

static cJSON *
state(struct ctx *c, const char *id, int lock, int *rc)
{
	if (id == NULL || !api_uuid_ok(id)) {
		*rc = PRODUCT_NOT_FOUND;
		return NULL;
	}
	const char *p[1] = { id };
	cJSON *rows = query_rows(c, lock ? "SELECT " PRODUCT_COLS " FROM "
	    "products p WHERE p.id = $1::uuid FOR UPDATE" : "SELECT "
	    PRODUCT_COLS " FROM products p WHERE p.id = $1::uuid", 1, p,
	    product_keys);
	if (rows == NULL) {
		*rc = PRODUCT_ERROR;
		return NULL;
	}
	cJSON *o = cJSON_GetArraySize(rows) == 1 ?
	    cJSON_DetachItemFromArray(rows, 0) : NULL;
	cJSON_Delete(rows);
	if (o == NULL) {
		*rc = PRODUCT_NOT_FOUND;
		return NULL;
	}
	cJSON *prices = prices_of(c, id);
	if (prices == NULL) {
		cJSON_Delete(o);
		*rc = PRODUCT_ERROR;
		return NULL;
	}
	cJSON_AddItemToObject(o, "prices", prices);
	*rc = PRODUCT_OK;
	return o;
}

/* announce: product.<what> and the audit entry; frees both states */
static int
announce(struct ctx *c, const char *what, const char *id, cJSON *before,
    cJSON *after)
{
	return change_announce(c, arena_printf(c->a, "product.%s", what),
	    "product", id, before, after) < 0 ? PRODUCT_ERROR : PRODUCT_OK;
}

/* ---- prices ---- */

/* A price checked: currency and minor units as text. */
typedef struct price {
	const char *currency, *minor;
} price;

/* price_check: one price; 0 (fields may hold a refusal), -1 on error */
static int
price_check(struct ctx *c, const char *currency, const char *amount,
    int minor, const char *field, cJSON *fields, price *out)
{
	int digits;
	int k = query_digits(c, currency, &digits);
	if (k < 0)
		return -1;
	if (k > 0) {
		api_field(fields, field, arena_printf(c->a, "%s is not a currency "
		    "Bursar knows (e.g. INR, EUR, USD)", currency ? currency :
		    "(none)"));
		return 0;
	}
	int64_t m = -1;
	if (amount == NULL || (minor ? !api_matches("^-?[0-9]{1,18}$", amount) ?
	    -1 : (m = atoll(amount), 0) : numbers_parse(c, amount, digits,
	    &m)) < 0) {
		api_field(fields, field, minor ? "a unit price in minor units "
		    "(an integer)" : arena_printf(c->a, "a unit price in %s %s, "
		    "with at most %d decimals", currency, numbers_hint(c,
		    digits), digits));
		return 0;
	}
	if (m < 0) {
		api_field(fields, field, "a price cannot be negative");
		return 0;
	}
	out->currency = currency;
	out->minor = arena_printf(c->a, "%lld", (long long)m);
	return 0;
}

/* prices_check: the API's prices, a list or a map, into out[] (at most
 * max); the count, or -1 on error */
static int
prices_check(struct ctx *c, const cJSON *prices, cJSON *fields, price *out,
    int max)
{
	int n = 0;
	if (!cJSON_IsArray(prices) && !cJSON_IsObject(prices)) {
		api_field(fields, "prices", "a list of {\"currency\", "
		    "\"unit_price\"} or a map of currency to unit price");
		return 0;
	}
	const cJSON *e;
	cJSON_ArrayForEach(e, prices) {
		if (n == max) {
			api_field(fields, "prices", "too many prices");
			return n;
		}
		const char *cur;
		const cJSON *amt;
		if (cJSON_IsArray(prices)) {
			const cJSON *cu = cJSON_GetObjectItemCaseSensitive(e,
			    "currency");
			cur = cJSON_IsString(cu) ? cu->valuestring : NULL;
			amt = cJSON_GetObjectItemCaseSensitive(e, "unit_price");
		} else {
			cur = e->string;
			amt = e;
		}
		int64_t m;
		const char *txt = amt && api_get_int(amt, &m) == 0 ?
		    arena_printf(c->a, "%lld", (long long)m) : NULL;
		price p = {0};
		if (price_check(c, cur, txt, 1, "prices", fields, &p) < 0)
			return -1;
		for (int i = 0; p.currency && i < n; i++)
			if (strcmp(out[i].currency, p.currency) == 0)
				api_field(fields, "prices", arena_printf(c->a,
				    "two prices in %s", p.currency));
		if (p.currency)
			out[n++] = p;
	}
	return n;
}

static int
prices_save(struct ctx *c, const char *id, const price *ps, int n)
{
	for (int i = 0; i < n; i++) {
		const char *p[4] = { c->tenant_id, id, ps[i].currency,
		    ps[i].minor };
		if (query_run(c, NULL, "INSERT INTO product_prices (tenant_id, "
		    "product_id, currency, unit_price) VALUES ($1, $2::uuid, $3, "
		    "$4::bigint) ON CONFLICT (tenant_id, product_id, currency) DO "
		    "UPDATE SET unit_price = EXCLUDED.unit_price", 4, p) < 0)
			return -1;
	}
	return 0;
}

/* ---- checking what was typed ---- */

#define PRICES_MAX 16

typedef struct checked {
	const char *sku, *name, *description, *unit, *tracked, *category;
	const char *tax_group, *reorder;
	int set_category, set_tax_group;
	price prices[PRICES_MAX];
	int nprices;
} checked;

/* category_id: the id of the category with id or name into out; 0 found,
 * 1 not, -1 error */
static int
category_id(struct ctx *c, const char *key, char out[PRODUCT_ID_LEN])
{
	const char *p[2] = { api_uuid_ok(key) ? key : NULL, key };
	if (query_text(c, "SELECT id FROM product_categories WHERE id = $1::uuid "
	    "OR name = $2 ORDER BY id = $1::uuid DESC LIMIT 1", 2, p, out,
	    PRODUCT_ID_LEN) < 0)
		return -1;
	return out[0] ? 0 : 1;
}

static int
check(struct ctx *c, const product_in *in, checked *v, cJSON *fields)
{
	memset(v, 0, sizeof(*v));
	if (in->sku && !api_matches("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$",
	    in->sku))
		api_field(fields, "sku", "1 to 40 letters, digits, '.', '_' or "
		    "'-', starting with a letter or a digit");
	v->sku = in->sku;
	if (in->name && (field_chars(in->name) < 1 ||
	    field_chars(in->name) > 200))
		api_field(fields, "name", "a name of 1 to 200 characters");
	v->name = in->name;
	if (in->description && field_chars(in->description) > 4000)
		api_field(fields, "description", "at most 4000 characters");
	v->description = in->description;
	if (in->unit && (field_chars(in->unit) < 1 || field_chars(in->unit) > 20))
		api_field(fields, "unit", "a unit of 1 to 20 characters (each, "
		    "kg, hour)");
	v->unit = in->unit;
	int t = 1;
	if (in->tracked && field_flag(in->tracked, &t) < 0)
		api_field(fields, "tracked", "yes (stock is counted) or no (a "
		    "service)");
	v->tracked = in->tracked ? t ? "true" : "false" : NULL;
	if (in->reorder_level && !api_matches("^[0-9]{1,15}$",
	    in->reorder_level))
		api_field(fields, "reorder_level", "a whole number of units, 0 or "
		    "more");
	v->reorder = in->reorder_level;
	if (in->category) {
		v->set_category = 1;
		if (*in->category) {
			char id[PRODUCT_ID_LEN];
			int k = category_id(c, in->category, id);
			if (k < 0)
				return -1;
			if (k)
				api_field(fields, "category", arena_printf(c->a,
				    "no category %s", in->category));
			else
				v->category = arena_strdup(c->a, id);
		}
	}
	if (in->tax_group) {
		v->set_tax_group = 1;
		if (*in->tax_group) {
			char t2[8];
			const char *p[1] = { in->tax_group };
			if (query_text(c, "SELECT 1 FROM tax_groups WHERE code = $1 "
			    "AND NOT archived", 1, p, t2, sizeof(t2)) < 0)
				return -1;
			if (!t2[0])
				api_field(fields, "tax_group", arena_printf(c->a,
				    "no active tax group has the code %s",
				    in->tax_group));
			v->tax_group = in->tax_group;
		}
	}
	if (in->prices) {
		int n = prices_check(c, in->prices, fields, v->prices,
		    PRICES_MAX);
		if (n < 0)
			return -1;
		v->nprices = n;
	}
	if (in->price && *in->price) {
		if (price_check(c, in->price_currency, in->price, 0, "price",
		    fields, &v->prices[v->nprices]) < 0)
			return -1;
		if (v->prices[v->nprices].currency)
			v->nprices++;
	}
	return 0;
}

/* sku_taken: 1 when another product (not self) has sku */
static int
sku_taken(struct ctx *c, const char *sku, const char *self)
{
	char t[8];
	const char *p[2] = { sku, self };
	if (query_text(c, "SELECT 1 FROM products WHERE sku = $1 AND ($2::uuid IS "
	    "NULL OR id <> $2::uuid)", 2, p, t, sizeof(t)) < 0)
		return -1;
	return t[0] != '\0';
}

int
product_create(struct ctx *c, const product_in *in, cJSON *fields,
    char id[PRODUCT_ID_LEN])
{
	checked v;
	if (in->sku == NULL || *in->sku == '\0')
		api_field(fields, "sku", "the product's SKU is needed");
	if (in->name == NULL)
		api_field(fields, "name", "the product's name is needed");
	if (check(c, in, &v, fields) < 0)
		return PRODUCT_ERROR;
	if (invalid(fields))
		return PRODUCT_INVALID;
	int t = sku_taken(c, v.sku, NULL);
	if (t < 0)
		return PRODUCT_ERROR;
	if (t) {
		api_field(fields, "sku", arena_printf(c->a, "a product with the "
		    "SKU %s exists", v.sku));
		return PRODUCT_CONFLICT;
	}
	if (mark(c) < 0)
		return PRODUCT_ERROR;
	const char *p[9] = { c->tenant_id, v.sku, v.name, v.description,
	    v.unit, v.tracked, v.category, v.tax_group, v.reorder };
	db_res r;
	int rc = attempt(c, &r, "INSERT INTO products (tenant_id, sku, name, "
	    "description, unit, tracked, category_id, tax_group, reorder_level) "
	    "VALUES ($1, $2, $3, coalesce($4, ''), coalesce($5, 'each'), "
	    "coalesce($6::boolean, true), $7::uuid, $8, coalesce($9::bigint, 0)) "
	    "RETURNING id", 9, p, "sku", fields);
	if (rc != PRODUCT_OK)
		return rc;
	snprintf(id, PRODUCT_ID_LEN, "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	if (prices_save(c, id, v.prices, v.nprices) < 0)
		return PRODUCT_ERROR;
	cJSON *after = state(c, id, 0, &rc);
	if (after == NULL)
		return PRODUCT_ERROR;
	return announce(c, "created", id, NULL, after);
}

int
product_update(struct ctx *c, const char *id, const product_in *in,
    cJSON *fields)
{
	int rc;
	cJSON *before = state(c, id, 1, &rc);
	if (before == NULL)
		return rc;
	checked v;
	if (check(c, in, &v, fields) < 0)
		goto fail;
	if (invalid(fields)) {
		cJSON_Delete(before);
		return PRODUCT_INVALID;
	}
	if (v.sku) {
		int t = sku_taken(c, v.sku, id);
		if (t < 0)
			goto fail;
		if (t) {
			api_field(fields, "sku", arena_printf(c->a, "a product "
			    "with the SKU %s exists", v.sku));
			cJSON_Delete(before);
			return PRODUCT_CONFLICT;
		}
	}
	if (mark(c) < 0)
		goto fail;
	const char *p[11] = { id, v.sku, v.name, v.description, v.unit,
	    v.tracked, v.set_category ? "true" : "false", v.category,
	    v.set_tax_group ? "true" : "false", v.tax_group, v.reorder };
	db_res r;
	rc = attempt(c, &r, "UPDATE products SET sku = coalesce($2, sku), name "
	    "= coalesce($3, name), description = coalesce($4, description), "
	    "unit = coalesce($5, unit), tracked = coalesce($6::boolean, "
	    "tracked), category_id = CASE WHEN $7::boolean THEN $8::uuid ELSE "
	    "category_id END, tax_group = CASE WHEN $9::boolean THEN $10 ELSE "
	    "tax_group END, reorder_level = coalesce($11::bigint, "
	    "reorder_level), updated_at = now() WHERE id = $1::uuid", 11, p,
	    "name", fields);
	if (rc != PRODUCT_OK) {
		cJSON_Delete(before);
		return rc;
	}
	db_res_clear(&r);
	if (prices_save(c, id, v.prices, v.nprices) < 0)
		goto fail;
	cJSON *after = state(c, id, 0, &rc);
	if (after == NULL)
		goto fail;
	return announce(c, "updated", id, before, after);
fail:
	cJSON_Delete(before);
	return PRODUCT_ERROR;
}

/* changed: the product.updated event after a change made by sql (params
 * id, then more) */
static int
changed(struct ctx *c, const char *id, const char *sql, int n,
    const char *const *p, int *found)
{
	int rc;
	cJSON *before = state(c, id, 1, &rc);
	if (before == NULL)
		return rc;
	db_res r;
	if (query_run(c, &r, sql, n, p) < 0) {
		cJSON_Delete(before);
		return PRODUCT_ERROR;
	}
	*found = r.rows > 0;
	db_res_clear(&r);
	if (!*found) {
		cJSON_Delete(before);
		return PRODUCT_NOT_FOUND;
	}
	query_run(c, NULL, "UPDATE products SET updated_at = now() WHERE id = "
	    "$1::uuid", 1, p);
	cJSON *after = state(c, id, 0, &rc);
	if (after == NULL) {
		cJSON_Delete(before);
		return PRODUCT_ERROR;
	}
	return announce(c, "updated", id, before, after);
}

int
product_archive(struct ctx *c, const char *id, int archived)
{
	int found;
	const char *p[2] = { id, archived ? "true" : "false" };
	return changed(c, id, "UPDATE products SET archived = $2::boolean WHERE "
	    "id = $1::uuid RETURNING id", 2, p, &found);
}

int
product_price_set(struct ctx *c, const char *id, const char *currency,
    const char *unit_price, int minor, cJSON *fields)
{
	if (id == NULL || !api_uuid_ok(id))
		return PRODUCT_NOT_FOUND;
	price pr = {0};
	if (price_check(c, currency, unit_price, minor, "unit_price", fields,
	    &pr) < 0)
		return PRODUCT_ERROR;
	if (invalid(fields))
		return PRODUCT_INVALID;
	int found;
	const char *p[4] = { id, c->tenant_id, pr.currency, pr.minor };
	return changed(c, id, "INSERT INTO product_prices (tenant_id, "
	    "product_id, currency, unit_price) VALUES ($2, $1::uuid, $3, "
	    "$4::bigint) ON CONFLICT (tenant_id, product_id, currency) DO UPDATE "
	    "SET unit_price = EXCLUDED.unit_price RETURNING 1", 4, p, &found);
}

int
product_price_remove(struct ctx *c, const char *id, const char *currency)
{
	if (id == NULL || !api_uuid_ok(id))
		return PRODUCT_NOT_FOUND;
	int found;
	const char *p[2] = { id, currency };
	return changed(c, id, "DELETE FROM product_prices WHERE product_id = "
	    "$1::uuid AND currency = $2 RETURNING 1", 2, p, &found);
}

int
product_find(struct ctx *c, const char *key, char id[PRODUCT_ID_LEN])
{
	if (key == NULL || *key == '\0')
		return PRODUCT_NOT_FOUND;
	const char *p[2] = { api_uuid_ok(key) ? key : NULL, key };
	if (query_text(c, "SELECT id FROM products WHERE id = $1::uuid OR sku = "
	    "$2 ORDER BY id = $1::uuid DESC LIMIT 1", 2, p, id,
	    PRODUCT_ID_LEN) < 0)
		return PRODUCT_ERROR;
	return id[0] ? PRODUCT_OK : PRODUCT_NOT_FOUND;
}

cJSON *
product_json(struct ctx *c, const char *id, int *rc)
{
	cJSON *o = state(c, id, 0, rc);
	if (o == NULL)
		return NULL;
	static const char *const keys[] = { "location_id", "location_code",
	    "location_name", "#on_hand", "#reserved", "#available", NULL };
	const char *p[1] = { id };
	cJSON *stock = query_rows(c, "SELECT l.id, l.code, l.name, "
	    "coalesce(s.on_hand, 0), coalesce(s.reserved, 0), coalesce(s.on_hand "
	    "- s.reserved, 0) FROM locations l LEFT JOIN stock_levels s ON "
	    "s.tenant_id = l.tenant_id AND s.location_id = l.id AND s.product_id "
	    "= $1::uuid WHERE NOT l.archived OR s.on_hand > 0 ORDER BY l.code", 1,
	    p, keys);
	if (stock == NULL) {
		cJSON_Delete(o);
		*rc = PRODUCT_ERROR;
		return NULL;
	}
	int64_t on = 0, res = 0;
	const cJSON *s;
	cJSON_ArrayForEach(s, stock) {
		int64_t a, b;
		if (field_exact(cJSON_GetObjectItem(s, "on_hand"), &a) == 0 &&
		    field_exact(cJSON_GetObjectItem(s, "reserved"), &b) == 0) {
			on += a;
			res += b;
		}
	}
	cJSON_AddItemToObject(o, "stock", stock);
	cJSON *tot = cJSON_AddObjectToObject(o, "stock_total");
	cJSON_AddItemToObject(tot, "on_hand", api_int(on));
	cJSON_AddItemToObject(tot, "reserved", api_int(res));
	cJSON_AddItemToObject(tot, "available", api_int(on - res));
	return o;
}

const listing_sort product_sorts[] = {
	{ "name", "lower(p.name), p.id" },
	{ "sku", "p.sku" },
	{ "newest", "p.created_at DESC, p.id DESC" },
	{ "-name", "lower(p.name) DESC, p.id DESC" },
	{ "-sku", "p.sku DESC" },
	{ "category", "8 NULLS LAST, p.id" },
	{ "-category", "8 DESC NULLS FIRST, p.id DESC" },
	{ "kind", "p.tracked DESC, p.id" },
	{ "-kind", "p.tracked, p.id DESC" },
	{ "reorder", "p.reorder_level NULLS FIRST, p.id" },
	{ "-reorder", "p.reorder_level DESC NULLS LAST, p.id DESC" },
	{ "oldest", "p.created_at, p.id" },
	{ NULL, NULL } };

int
product_list(struct ctx *c, const product_filter *f, cJSON *fields,
    cJSON **items, const char **next)
{
	*items = NULL;
	*next = NULL;
	const char *arch = f->archived && *f->archived ? f->archived : "false";
	const char *sort = f->sort && *f->sort ? f->sort : "name";
	const char *kind = f->kind && *f->kind ? f->kind : NULL;
	if (strcmp(arch, "false") != 0 && strcmp(arch, "true") != 0 &&
	    strcmp(arch, "all") != 0)
		api_field(fields, "archived", "false, true or all");
	int s = strcmp(sort, "name") == 0 ? 0 : strcmp(sort, "sku") == 0 ? 1 :
	    strcmp(sort, "newest") == 0 ? 2 : -1;
	if (s < 0 && f->page == NULL)
		api_field(fields, "sort", "name, sku or newest");
	if (kind && strcmp(kind, "goods") != 0 && strcmp(kind, "service") != 0)
		api_field(fields, "kind", "goods or service");
	const char *cat = f->category && *f->category ? f->category : NULL;
	if (cat && !api_uuid_ok(cat))
		api_field(fields, "category", "a category's id");
	if (f->after && !api_uuid_ok(f->after))
		api_field(fields, "cursor", "malformed cursor");
	if (f->q && field_chars(f->q) > 200)
		api_field(fields, "q", "at most 200 characters");
	if (invalid(fields))
		return PRODUCT_INVALID;
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", f->limit + 1);
	const char *p[6] = { f->q && *f->q ? f->q : NULL, kind, cat, arch,
	    f->after, lim };
#define PRODUCT_WHERE " FROM products p WHERE ($1::text IS NULL OR " \
	"strpos(lower(p.name), lower($1)) > 0 OR strpos(lower(p.sku), " \
	"lower($1)) > 0) AND ($2::text IS NULL OR p.tracked = ($2 = 'goods')) " \
	"AND ($3::uuid IS NULL OR p.category_id = $3::uuid) AND ($4 = 'all' OR " \
	"p.archived = ($4 = 'true')) "
	static const char *const sqls[3] = {
		"SELECT " PRODUCT_COLS PRODUCT_WHERE "AND ($5::uuid IS NULL OR "
		"(lower(p.name), p.id) > (SELECT lower(name), id FROM products "
		"WHERE id = $5::uuid)) ORDER BY lower(p.name), p.id LIMIT $6::int",
		"SELECT " PRODUCT_COLS PRODUCT_WHERE "AND ($5::uuid IS NULL OR "
		"p.sku > (SELECT sku FROM products WHERE id = $5::uuid)) ORDER BY "
		"p.sku LIMIT $6::int",
		"SELECT " PRODUCT_COLS PRODUCT_WHERE "AND ($5::uuid IS NULL OR "
		"(p.created_at, p.id) < (SELECT created_at, id FROM products WHERE "
		"id = $5::uuid)) ORDER BY p.created_at DESC, p.id DESC LIMIT "
		"$6::int",
	};
#undef PRODUCT_WHERE
	cJSON *rows = f->page ? listing_rows(c, f->page, "SELECT " PRODUCT_COLS
	    " FROM products p WHERE ($1::text IS NULL OR strpos(lower(p.name), "
	    "lower($1)) > 0 OR strpos(lower(p.sku), lower($1)) > 0) AND ($2::text "
	    "IS NULL OR p.tracked = ($2 = 'goods')) AND ($3::uuid IS NULL OR "
	    "p.category_id = $3::uuid) AND ($4 = 'all' OR p.archived = ($4 = "
	    "'true'))", 4, p, product_keys) : query_rows(c, sqls[s], 6, p,
	    product_keys);
	if (rows == NULL)
		return PRODUCT_ERROR;
	if (f->page == NULL && cJSON_GetArraySize(rows) > f->limit) {
		cJSON_DeleteItemFromArray(rows, f->limit);
		cJSON *last = cJSON_GetArrayItem(rows, f->limit - 1);
		*next = arena_strdup(c->a, cJSON_GetObjectItem(last,
		    "id")->valuestring);
	}
	/* each row's prices, in one query for the page */
	static const char *const pkeys[] = { "product_id", "currency",
	    "#unit_price", NULL };
	buf ids = BUF_INIT(1 << 16);
	const char **arr = arena_alloc(c->a, sizeof(char *) *
	    (size_t)(cJSON_GetArraySize(rows) + 1));
	int n = 0;
	cJSON *o;
	cJSON_ArrayForEach(o, rows)
		arr[n++] = cJSON_GetObjectItem(o, "id")->valuestring;
	db_array(&ids, arr, (size_t)n);
	const char *q[1] = { buf_str(&ids) };
	cJSON *prices = query_rows(c, "SELECT product_id, currency, unit_price "
	    "FROM product_prices WHERE product_id = ANY($1::uuid[]) ORDER BY "
	    "currency", 1, q, pkeys);
	buf_free(&ids);
	if (prices == NULL) {
		cJSON_Delete(rows);
		return PRODUCT_ERROR;
	}
	cJSON_ArrayForEach(o, rows) {
		const char *pid = cJSON_GetObjectItem(o, "id")->valuestring;
		cJSON *mine = cJSON_AddArrayToObject(o, "prices");
		const cJSON *pr;
		cJSON_ArrayForEach(pr, prices) {
			if (strcmp(cJSON_GetObjectItem(pr,
			    "product_id")->valuestring, pid) != 0)
				continue;
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "currency", cJSON_GetObjectItem(
			    pr, "currency")->valuestring);
			cJSON_AddItemToObject(x, "unit_price", cJSON_Duplicate(
			    cJSON_GetObjectItem(pr, "unit_price"), 1));
			cJSON_AddItemToArray(mine, x);
		}
	}
	cJSON_Delete(prices);
	*items = rows;
	return PRODUCT_OK;
}

/* ---- categories ---- */

static void
category_name_check(const char *name, cJSON *fields)
{
	if (name == NULL || field_chars(name) < 1 || field_chars(name) > 100)
		api_field(fields, "name", "a name of 1 to 100 characters");
}

int
product_category_create(struct ctx *c, const char *name, cJSON *fields,
    char id[PRODUCT_ID_LEN])
{
	category_name_check(name, fields);
	if (invalid(fields))
		return PRODUCT_INVALID;
	char t[PRODUCT_ID_LEN];
	if (category_id(c, name, t) == 0) {
		api_field(fields, "name", arena_printf(c->a, "a category named %s "
		    "exists", name));
		return PRODUCT_CONFLICT;
	}
	if (mark(c) < 0)
		return PRODUCT_ERROR;
	const char *p[2] = { c->tenant_id, name };
	db_res r;
	int rc = attempt(c, &r, "INSERT INTO product_categories (tenant_id, "
	    "name) VALUES ($1, $2) RETURNING id", 2, p, "name", fields);
	if (rc != PRODUCT_OK)
		return rc;
	snprintf(id, PRODUCT_ID_LEN, "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	return PRODUCT_OK;
}

int
product_category_rename(struct ctx *c, const char *id, const char *name,
    cJSON *fields)
{
	if (id == NULL || !api_uuid_ok(id))
		return PRODUCT_NOT_FOUND;
	category_name_check(name, fields);
	if (invalid(fields))
		return PRODUCT_INVALID;
	if (mark(c) < 0)
		return PRODUCT_ERROR;
	const char *p[2] = { id, name };
	db_res r;
	int rc = attempt(c, &r, "UPDATE product_categories SET name = $2 WHERE "
	    "id = $1::uuid RETURNING id", 2, p, "name", fields);
	if (rc != PRODUCT_OK)
		return rc;
	int found = r.rows == 1;
	db_res_clear(&r);
	return found ? PRODUCT_OK : PRODUCT_NOT_FOUND;
}

int
product_category_delete(struct ctx *c, const char *id, cJSON *fields)
{
	if (id == NULL || !api_uuid_ok(id))
		return PRODUCT_NOT_FOUND;
	char t[16];
	const char *p[1] = { id };
	if (query_text(c, "SELECT count(*) FROM products WHERE category_id = "
	    "$1::uuid", 1, p, t, sizeof(t)) < 0)
		return PRODUCT_ERROR;
	if (atoi(t) > 0) {
		api_field(fields, "category", arena_printf(c->a, "%s product%s "
		    "still in this category: move them first", t,
		    atoi(t) == 1 ? " is" : "s are"));
		return PRODUCT_INVALID;
	}
	db_res r;
	if (query_run(c, &r, "DELETE FROM product_categories WHERE id = $1::uuid "
	    "RETURNING id", 1, p) < 0)
		return PRODUCT_ERROR;
	int found = r.rows == 1;
	db_res_clear(&r);
	return found ? PRODUCT_OK : PRODUCT_NOT_FOUND;
}

cJSON *
product_categories(struct ctx *c)
{
	static const char *const keys[] = { "id", "name", "#products", NULL };
	return query_rows(c, "SELECT k.id, k.name, (SELECT count(*) FROM "
	    "products p WHERE p.tenant_id = k.tenant_id AND p.category_id = k.id) "
	    "FROM product_categories k ORDER BY lower(k.name), k.id", 0, NULL,
	    keys);
}

/* ---- commerce settings ---- */

cJSON *
commerce_settings_json(struct ctx *c)
{
	static const char *const keys[] = { "invoice_on", "#default_terms_days",
	    "invoice_prefix", "credit_note_prefix", "order_prefix",
	    "bill_prefix", "payment_prefix", "payment_instructions", "address",
	    "tax_id", "base_currency", "number_format", "date_format", NULL };
	cJSON *rows = query_rows(c, "SELECT s.invoice_on, s.default_terms_days, "
	    "s.invoice_prefix, s.credit_note_prefix, s.order_prefix, "
	    "s.bill_prefix, s.payment_prefix, s.payment_instructions, t.address, "
	    "t.tax_id, t.base_currency, t.number_format, t.date_format FROM "
	    "commerce_settings s JOIN tenants t ON "
	    "t.id = s.tenant_id", 0, NULL, keys);
	if (rows == NULL)
		return NULL;
	cJSON *o = cJSON_GetArraySize(rows) == 1 ?
	    cJSON_DetachItemFromArray(rows, 0) : NULL;
	cJSON_Delete(rows);
	if (o == NULL)
		app_error(c, 404, "not_found", "no commerce settings", NULL);
	return o;
}

int
commerce_settings_save(struct ctx *c, const commerce_settings_in *in,
    cJSON *fields)
{
	if (in->invoice_on && strcmp(in->invoice_on, "place") != 0 &&
	    strcmp(in->invoice_on, "ship") != 0 && strcmp(in->invoice_on,
	    "manual") != 0)
		api_field(fields, "invoice_on", "place, ship or manual");
	if (in->default_terms_days && (!api_matches("^[0-9]{1,3}$",
	    in->default_terms_days) || atoi(in->default_terms_days) > 365))
		api_field(fields, "default_terms_days", "a number of days from 0 "
		    "to 365");
	const char *const pf[5] = { in->invoice_prefix, in->credit_note_prefix,
	    in->order_prefix, in->bill_prefix, in->payment_prefix };
	static const char *const pn[5] = { "invoice_prefix",
	    "credit_note_prefix", "order_prefix", "bill_prefix",
	    "payment_prefix" };
	for (int i = 0; i < 5; i++)
		if (pf[i] && !api_matches("^[A-Z0-9]{1,8}$", pf[i]))
			api_field(fields, pn[i], "1 to 8 capital letters or digits");
	if (in->payment_instructions &&
	    field_chars(in->payment_instructions) > 2000)
		api_field(fields, "payment_instructions", "at most 2000 "
		    "characters");
	if (in->address && field_chars(in->address) > 1000)
		api_field(fields, "address", "at most 1000 characters");
	if (in->number_format && !api_matches("^(indian|western|continental)$",
	    in->number_format))
		api_field(fields, "number_format", "indian (12,34,567.89), western "
		    "(1,234,567.89) or continental (1.234.567,89)");
	if (in->date_format && !api_matches("^(DD/MM/YYYY|MM/DD/YYYY|DD\\.MM\\."
	    "YYYY|YYYY-MM-DD)$", in->date_format))
		api_field(fields, "date_format", "DD/MM/YYYY, MM/DD/YYYY, "
		    "DD.MM.YYYY or YYYY-MM-DD");
	cJSON *before = commerce_settings_json(c);
	if (before == NULL)
		return PRODUCT_ERROR;
	const char *base = cJSON_GetObjectItem(before,
	    "base_currency")->valuestring;
	if (in->tax_id && field_chars(in->tax_id) > 40)
		api_field(fields, "tax_id", "at most 40 characters");
	else if (in->tax_id && *in->tax_id && strcmp(base, "INR") == 0 &&
	    !party_gstin_ok(in->tax_id))
		api_field(fields, "tax_id", "not a valid GSTIN: 15 characters, a "
		    "state code, a PAN, an entity code, 'Z' and the check "
		    "character (e.g. 27AAPFU0939F1ZV)");
	if (invalid(fields)) {
		cJSON_Delete(before);
		return PRODUCT_INVALID;
	}
	const char *p[8] = { in->invoice_on, in->default_terms_days,
	    in->invoice_prefix, in->credit_note_prefix, in->order_prefix,
	    in->bill_prefix, in->payment_prefix, in->payment_instructions };
	const char *q[4] = { in->address, in->tax_id, in->number_format,
	    in->date_format };
	cJSON *after = NULL;
	db_res r;
	int rc = PRODUCT_ERROR;
	if (query_run(c, NULL, "UPDATE commerce_settings SET invoice_on = "
	    "coalesce($1, invoice_on), default_terms_days = coalesce($2::int, "
	    "default_terms_days), invoice_prefix = coalesce($3, invoice_prefix), "
	    "credit_note_prefix = coalesce($4, credit_note_prefix), order_prefix = "
	    "coalesce($5, order_prefix), bill_prefix = coalesce($6, bill_prefix), "
	    "payment_prefix = coalesce($7, payment_prefix), payment_instructions = "
	    "coalesce($8, payment_instructions)", 8, p) < 0 || query_run(c, NULL,
	    "UPDATE tenants SET address = coalesce($1, address), tax_id = "
	    "coalesce($2, tax_id), number_format = coalesce($3, number_format), "
	    "date_format = coalesce($4, date_format) WHERE id = bursar_tenant()",
	    4, q) < 0 ||
	    (after = commerce_settings_json(c)) == NULL)
		goto done;
	if (outbox_emit(c->db, &r, c->tenant_id, "commerce.settings_changed",
	    after) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		goto done;
	}
	db_res_clear(&r);
	if (audit_record(c, "commerce.settings_changed", "commerce_settings", "",
	    before, after) < 0)
		goto done;
	rc = PRODUCT_OK;
done:
	cJSON_Delete(before);
	cJSON_Delete(after);
	return rc;
}
