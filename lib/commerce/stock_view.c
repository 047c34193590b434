/* stock_view.c: the read side of stock, and locations. */
#include "commerce/stock_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/audit.h"
#include "books/books_setup.h"
#include "db/outbox.h"
#include "web/field.h"
#include "web/query.h"
#include "web/change.h"

#define TS(col) "to_char(" col " AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static const char *
opt(const char *s)
{
	return s && *s ? s : NULL;
}

/* common: the checks every list shares */
static void
common(const stock_filter *f, cJSON *fields)
{
	if (f->q && field_chars(f->q) > 200)
		api_field(fields, "q", "at most 200 characters");
	if (f->sku && strlen(f->sku) > 40)
		api_field(fields, "sku", "at most 40 characters");
	if (f->location && strlen(f->location) > 20)
		api_field(fields, "location", "at most 20 characters");
}

/* page: keeps limit rows; *next from the last kept row's key member */
static void
page(struct ctx *c, cJSON *rows, int limit, const char *key,
    const char **next)
{
	*next = NULL;
	if (cJSON_GetArraySize(rows) <= limit)
		return;
	cJSON_DeleteItemFromArray(rows, limit);
	cJSON *last = cJSON_GetArrayItem(rows, limit - 1);
	const cJSON *k = cJSON_GetObjectItem(last, key);
	if (cJSON_IsString(k))
		*next = arena_strdup(c->a, k->valuestring);
	else if (cJSON_IsRaw(k))
		*next = arena_strdup(c->a, k->valuestring);
}

/* strip: drops a helper member from every row */
static void
strip(cJSON *rows, const char *key)
{
	cJSON *o;
	cJSON_ArrayForEach(o, rows)
		cJSON_DeleteItemFromObject(o, key);
}

static int
finish(struct ctx *c, cJSON *rows, const stock_filter *f, const char *key,
    cJSON **items, const char **next)
{
	if (rows == NULL)
		return STOCK_VIEW_ERROR;
	page(c, rows, f->limit, key, next);
	*items = rows;
	return STOCK_VIEW_OK;
}

/* ---- levels ---- */

int
stock_view_levels(struct ctx *c, const stock_filter *f, cJSON *fields,
    cJSON **items, const char **next)
{
	*items = NULL;
	*next = NULL;
	common(f, fields);
	if (f->after && strchr(f->after, '/') == NULL)
		api_field(fields, "cursor", "malformed cursor");
	if (cJSON_GetArraySize(fields) > 0)
		return STOCK_VIEW_INVALID;
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", f->limit + 1);
	const char *p[5] = { opt(f->sku), opt(f->location), opt(f->q),
	    f->after, lim };
	static const char *const keys[] = { "key", "product_id", "sku", "name",
	    "location_id", "location", "#on_hand", "#reserved", "#available",
	    "#reorder_level", NULL };
	cJSON *rows = query_rows(c, "SELECT p.sku || '/' || l.code, p.id, "
	    "p.sku, p.name, l.id, l.code, s.on_hand, s.reserved, s.on_hand - "
	    "s.reserved, p.reorder_level FROM stock_levels s JOIN products p ON "
	    "p.tenant_id = s.tenant_id AND p.id = s.product_id JOIN locations l "
	    "ON l.tenant_id = s.tenant_id AND l.id = s.location_id WHERE ($1::text "
	    "IS NULL OR p.sku = $1) AND ($2::text IS NULL OR l.code = $2) AND "
	    "($3::text IS NULL OR strpos(lower(p.name), lower($3)) > 0 OR "
	    "strpos(lower(p.sku), lower($3)) > 0) AND ($4::text IS NULL OR "
	    "(p.sku, l.code) > (split_part($4, '/', 1), split_part($4, '/', 2))) "
	    "ORDER BY p.sku, l.code LIMIT $5::int", 5, p, keys);
	int rc = finish(c, rows, f, "key", items, next);
	if (rc == STOCK_VIEW_OK)
		strip(rows, "key");
	return rc;
}

int
stock_view_low(struct ctx *c, const stock_filter *f, cJSON *fields,
    cJSON **items, const char **next)
{
	*items = NULL;
	*next = NULL;
	common(f, fields);
	if (cJSON_GetArraySize(fields) > 0)
		return STOCK_VIEW_INVALID;
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", f->limit + 1);
	const char *p[3] = { opt(f->q), f->after, lim };
	static const char *const keys[] = { "product_id", "sku", "name",
	    "#reorder_level", "#on_hand", "#reserved", "#available",
	    "#shortfall", NULL };
	cJSON *rows = query_rows(c, "SELECT p.id, p.sku, p.name, "
	    "p.reorder_level, coalesce(sum(s.on_hand), 0), coalesce(sum("
	    "s.reserved), 0), coalesce(sum(s.on_hand - s.reserved), 0), "
	    "p.reorder_level - coalesce(sum(s.on_hand - s.reserved), 0) FROM "
	    "products p LEFT JOIN stock_levels s ON s.tenant_id = p.tenant_id AND "
	    "s.product_id = p.id WHERE p.tracked AND NOT p.archived AND "
	    "p.reorder_level > 0 AND ($1::text IS NULL OR strpos(lower(p.name), "
	    "lower($1)) > 0 OR strpos(lower(p.sku), lower($1)) > 0) AND ($2::text "
	    "IS NULL OR p.sku > $2) GROUP BY p.tenant_id, p.id HAVING coalesce("
	    "sum(s.on_hand - s.reserved), 0) < p.reorder_level ORDER BY p.sku "
	    "LIMIT $3::int", 3, p, keys);
	return finish(c, rows, f, "sku", items, next);
}

/* ---- movements ---- */

#define MOVEMENT_COLS "m.seq::text, m.id, " TS("m.created_at") ", p.id, " \
	"p.sku, p.name, l.code, m.kind, m.qty, m.value, m.source_type, " \
	"m.source_id, m.memo FROM stock_movements m JOIN products p ON " \
	"p.tenant_id = m.tenant_id AND p.id = m.product_id JOIN locations l ON " \
	"l.tenant_id = m.tenant_id AND l.id = m.location_id "

static const char *const movement_keys[] = { "seq", "id", "created_at",
    "product_id", "sku", "name", "location", "kind", "#quantity", "#value",
    "source_type", "source_id", "memo", NULL };

int
stock_view_movements(struct ctx *c, const stock_filter *f, cJSON *fields,
    cJSON **items, const char **next)
{
	*items = NULL;
	*next = NULL;
	common(f, fields);
	const char *kind = opt(f->kind);
	if (kind && strcmp(kind, "receipt") != 0 && strcmp(kind, "adjustment") !=
	    0 && strcmp(kind, "transfer_out") != 0 && strcmp(kind,
	    "transfer_in") != 0 && strcmp(kind, "shipment") != 0 && strcmp(kind,
	    "return") != 0)
		api_field(fields, "kind", "receipt, adjustment, transfer_out, "
		    "transfer_in, shipment or return");
	if (f->after && !api_matches("^[0-9]{1,18}$", f->after))
		api_field(fields, "cursor", "malformed cursor");
	if (cJSON_GetArraySize(fields) > 0)
		return STOCK_VIEW_INVALID;
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", f->limit + 1);
	const char *p[6] = { opt(f->sku), opt(f->location), kind, opt(f->q),
	    f->after, lim };
	cJSON *rows = query_rows(c, "SELECT " MOVEMENT_COLS "WHERE ($1::text IS "
	    "NULL OR p.sku = $1) AND ($2::text IS NULL OR l.code = $2) AND "
	    "($3::text IS NULL OR m.kind = $3) AND ($4::text IS NULL OR "
	    "strpos(lower(p.name), lower($4)) > 0 OR strpos(lower(p.sku), "
	    "lower($4)) > 0 OR strpos(lower(m.memo), lower($4)) > 0) AND "
	    "($5::bigint IS NULL OR m.seq < $5::bigint) ORDER BY m.seq DESC "
	    "LIMIT $6::int", 6, p, movement_keys);
	return finish(c, rows, f, "seq", items, next);
}

cJSON *
stock_view_movement(struct ctx *c, const char *id)
{
	if (id == NULL || !api_uuid_ok(id))
		return NULL;
	const char *p[1] = { id };
	cJSON *rows = query_rows(c, "SELECT " MOVEMENT_COLS "WHERE m.id = "
	    "$1::uuid", 1, p, movement_keys);
	if (rows == NULL)
		return NULL;
	cJSON *o = cJSON_GetArraySize(rows) == 1 ?
	    cJSON_DetachItemFromArray(rows, 0) : NULL;
	cJSON_Delete(rows);
	return o;
}

/* ---- reservations ---- */

#define RESERVATION_COLS "r.id, p.id, p.sku, p.name, l.code, r.qty, " \
	"r.status, r.order_id, o.number, r.line_no, r.reference, " \
	TS("r.created_at") ", " TS("r.ended_at") " FROM stock_reservations r " \
	"JOIN products p ON p.tenant_id = r.tenant_id AND p.id = r.product_id " \
	"JOIN locations l ON l.tenant_id = r.tenant_id AND l.id = " \
	"r.location_id LEFT JOIN orders o ON o.tenant_id = r.tenant_id AND " \
	"o.id = r.order_id "

static const char *const reservation_keys[] = { "id", "product_id", "sku",
    "name", "location", "#quantity", "status", "order_id", "order_number",
    "#line_no", "reference", "created_at", "ended_at", NULL };

int
stock_view_reservations(struct ctx *c, const stock_filter *f, cJSON *fields,
    cJSON **items, const char **next)
{
	*items = NULL;
	*next = NULL;
	common(f, fields);
	const char *st = opt(f->status);
	if (st && strcmp(st, "held") != 0 && strcmp(st, "released") != 0 &&
	    strcmp(st, "shipped") != 0)
		api_field(fields, "status", "held, released or shipped");
	if (f->order && strlen(f->order) > 40)
		api_field(fields, "order", "an order's id or number");
	if (f->after && !api_uuid_ok(f->after))
		api_field(fields, "cursor", "malformed cursor");
	if (cJSON_GetArraySize(fields) > 0)
		return STOCK_VIEW_INVALID;
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", f->limit + 1);
	const char *ord = opt(f->order);
	const char *p[7] = { opt(f->sku), st, ord && api_uuid_ok(ord) ? ord :
	    NULL, ord && !api_uuid_ok(ord) ? ord : NULL, opt(f->q), f->after,
	    lim };
	cJSON *rows = query_rows(c, "SELECT " RESERVATION_COLS "WHERE ($1::text "
	    "IS NULL OR p.sku = $1) AND ($2::text IS NULL OR r.status = $2) AND "
	    "($3::uuid IS NULL OR r.order_id = $3::uuid) AND ($4::text IS NULL OR "
	    "o.number = $4) AND ($5::text IS NULL OR strpos(lower(p.name), "
	    "lower($5)) > 0 OR strpos(lower(p.sku), lower($5)) > 0 OR "
	    "strpos(lower(r.reference), lower($5)) > 0) AND ($6::uuid IS NULL OR "
	    "(r.created_at, r.id) < (SELECT created_at, id FROM "
	    "stock_reservations WHERE id = $6::uuid)) ORDER BY r.created_at "
	    "DESC, r.id DESC LIMIT $7::int", 7, p, reservation_keys);
	return finish(c, rows, f, "id", items, next);
}

cJSON *
stock_view_reservation(struct ctx *c, const char *id)
{
	if (id == NULL || !api_uuid_ok(id))
		return NULL;
	const char *p[1] = { id };
	cJSON *rows = query_rows(c, "SELECT " RESERVATION_COLS "WHERE r.id = "
	    "$1::uuid", 1, p, reservation_keys);
	if (rows == NULL)
		return NULL;
	cJSON *o = cJSON_GetArraySize(rows) == 1 ?
	    cJSON_DetachItemFromArray(rows, 0) : NULL;
	cJSON_Delete(rows);
	return o;
}

/* ---- valuation ---- */

int
stock_view_valuation(struct ctx *c, const stock_filter *f, cJSON *fields,
    cJSON **items, const char **next, cJSON **summary)
{
	*items = NULL;
	*next = NULL;
	*summary = NULL;
	common(f, fields);
	if (cJSON_GetArraySize(fields) > 0)
		return STOCK_VIEW_INVALID;
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", f->limit + 1);
	const char *p[3] = { opt(f->q), f->after, lim };
	/* the average is exact numeric division, rounded half away from
	 * zero: no float */
	static const char *const keys[] = { "product_id", "sku", "name",
	    "#quantity", "#value", "#average_cost", NULL };
	cJSON *rows = query_rows(c, "SELECT p.id, p.sku, p.name, v.qty, v.value, "
	    "CASE WHEN v.qty > 0 THEN round(v.value::numeric / v.qty)::bigint "
	    "ELSE 0 END FROM stock_valuation v JOIN products p ON p.tenant_id = "
	    "v.tenant_id AND p.id = v.product_id WHERE (v.qty > 0 OR v.value > 0) "
	    "AND ($1::text IS NULL OR strpos(lower(p.name), lower($1)) > 0 OR "
	    "strpos(lower(p.sku), lower($1)) > 0) AND ($2::text IS NULL OR p.sku "
	    "> $2) ORDER BY p.sku LIMIT $3::int", 3, p, keys);
	if (finish(c, rows, f, "sku", items, next) != STOCK_VIEW_OK)
		return STOCK_VIEW_ERROR;
	static const char *const skeys[] = { "currency", "#digits", "#quantity",
	    "#value", "#inventory_balance", NULL };
	cJSON *s = query_rows(c, "SELECT t.base_currency, cu.minor_units, "
	    "(SELECT coalesce(sum(qty), 0) FROM stock_valuation), (SELECT "
	    "coalesce(sum(value), 0) FROM stock_valuation), (SELECT coalesce("
	    "sum(j.debit - j.credit), 0) FROM journal_lines j JOIN accounts a ON "
	    "a.tenant_id = j.tenant_id AND a.id = j.account_id WHERE a.role = "
	    "'inventory') FROM tenants t JOIN currencies cu ON cu.code = "
	    "t.base_currency WHERE t.id = bursar_tenant()", 0, NULL, skeys);
	if (s == NULL) {
		cJSON_Delete(*items);
		*items = NULL;
		return STOCK_VIEW_ERROR;
	}
	*summary = cJSON_GetArraySize(s) == 1 ? cJSON_DetachItemFromArray(s, 0)
	    : cJSON_CreateObject();
	cJSON_Delete(s);
	return STOCK_VIEW_OK;
}

/* ---- locations ---- */

#define LOCATION_COLS "l.id, l.code, l.name, l.archived, (SELECT " \
	"coalesce(sum(s.on_hand), 0) FROM stock_levels s WHERE s.tenant_id = " \
	"l.tenant_id AND s.location_id = l.id), (SELECT coalesce(sum(" \
	"s.reserved), 0) FROM stock_levels s WHERE s.tenant_id = l.tenant_id " \
	"AND s.location_id = l.id), bursar_branch_code(l.tenant_id, " \
	"l.branch_id) FROM locations l "

static const char *const location_keys[] = { "id", "code", "name",
    "?archived", "#on_hand", "#reserved", "branch", NULL };

int
stock_view_locations(struct ctx *c, const stock_filter *f, cJSON *fields,
    cJSON **items, const char **next)
{
	*items = NULL;
	*next = NULL;
	common(f, fields);
	const char *arch = opt(f->archived) ? f->archived : "false";
	if (strcmp(arch, "false") != 0 && strcmp(arch, "true") != 0 &&
	    strcmp(arch, "all") != 0)
		api_field(fields, "archived", "false, true or all");
	if (cJSON_GetArraySize(fields) > 0)
		return STOCK_VIEW_INVALID;
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", f->limit + 1);
	const char *p[4] = { opt(f->q), arch, f->after, lim };
	cJSON *rows = query_rows(c, "SELECT " LOCATION_COLS "WHERE ($1::text IS "
	    "NULL OR strpos(lower(l.code), lower($1)) > 0 OR strpos(lower("
	    "l.name), lower($1)) > 0) AND ($2 = 'all' OR l.archived = ($2 = "
	    "'true')) AND ($3::text IS NULL OR l.code > $3) ORDER BY l.code "
	    "LIMIT $4::int", 4, p, location_keys);
	return finish(c, rows, f, "code", items, next);
}

static cJSON *
location_state(struct ctx *c, const char *id, int lock)
{
	if (id == NULL || !api_uuid_ok(id))
		return NULL;
	const char *p[1] = { id };
	cJSON *rows = query_rows(c, lock ? "SELECT " LOCATION_COLS "WHERE l.id = "
	    "$1::uuid FOR UPDATE OF l" : "SELECT " LOCATION_COLS "WHERE l.id = "
	    "$1::uuid", 1, p, location_keys);
	if (rows == NULL)
		return NULL;
	cJSON *o = cJSON_GetArraySize(rows) == 1 ?
	    cJSON_DetachItemFromArray(rows, 0) : NULL;
	cJSON_Delete(rows);
	return o;
}

cJSON *
stock_view_location(struct ctx *c, const char *id)
{
	cJSON *o = location_state(c, id, 0);
	if (o == NULL)
		return NULL;
	const char *p[1] = { id };
	static const char *const keys[] = { "product_id", "sku", "name",
	    "#on_hand", "#reserved", "#available", NULL };
	cJSON *levels = query_rows(c, "SELECT p.id, p.sku, p.name, s.on_hand, "
	    "s.reserved, s.on_hand - s.reserved FROM stock_levels s JOIN products "
	    "p ON p.tenant_id = s.tenant_id AND p.id = s.product_id WHERE "
	    "s.location_id = $1::uuid AND (s.on_hand > 0 OR s.reserved > 0) "
	    "ORDER BY p.sku LIMIT 200", 1, p, keys);
	if (levels == NULL) {
		cJSON_Delete(o);
		return NULL;
	}
	cJSON_AddItemToObject(o, "stock", levels);
	return o;
}

/* attempt: a change under the savepoint; a refusal by a rule is undone
 * with its message under field */
static int
attempt(struct ctx *c, db_res *r, const char *sql, int n,
    const char *const *p, const char *field, cJSON *fields)
{
	if (db_exec(c->db, r, sql, n, p) == 0)
		return STOCK_VIEW_OK;
	const char *st = r->sqlstate;
	int rc;
	if (strncmp(st, "22", 2) == 0 || strncmp(st, "23", 2) == 0) {
		int taken = strcmp(st, "23505") == 0;
		api_field(fields, field, taken ? "another location has this code"
		    : r->error ? r->error : "refused");
		rc = taken ? STOCK_VIEW_CONFLICT : STOCK_VIEW_INVALID;
		if (query_run(c, NULL, "ROLLBACK TO SAVEPOINT location_change", 0,
		    NULL) < 0)
			rc = STOCK_VIEW_ERROR;
	} else {
		app_db_error(c, r);
		rc = STOCK_VIEW_ERROR;
	}
	db_res_clear(r);
	return rc;
}

static void
check(const char *code, const char *name, int creating, cJSON *fields)
{
	if (creating || code) {
		if (code == NULL || *code == '\0')
			api_field(fields, "code", "a code is needed");
		else if (!api_matches("^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$", code))
			api_field(fields, "code", "up to 20 letters, digits, _ . "
			    "or -, starting with a letter or digit");
	}
	if (creating || name) {
		size_t n = field_chars(name);
		if (name == NULL || n == 0)
			api_field(fields, "name", "a name is needed");
		else if (n > 100)
			api_field(fields, "name", "at most 100 characters");
	}
}

/* announce: the event and the audit entry; frees both states */
static int
announce(struct ctx *c, const char *what, const char *id, cJSON *before,
    cJSON *after)
{
	return change_announce(c, arena_printf(c->a, "location.%s", what),
	    "location", id, before, after) < 0 ? STOCK_VIEW_ERROR :
	    STOCK_VIEW_OK;
}

int
stock_location_create(struct ctx *c, const char *code, const char *name,
    cJSON *fields, char id[37])
{
	check(code, name, 1, fields);
	if (cJSON_GetArraySize(fields) > 0)
		return STOCK_VIEW_INVALID;
	if (query_run(c, NULL, "SAVEPOINT location_change", 0, NULL) < 0)
		return STOCK_VIEW_ERROR;
	db_res r;
	const char *p[2] = { code, name };
	int rc = attempt(c, &r, "INSERT INTO locations (tenant_id, code, name) "
	    "VALUES (bursar_tenant(), $1, $2) RETURNING id", 2, p, "code",
	    fields);
	if (rc != STOCK_VIEW_OK)
		return rc;
	snprintf(id, 37, "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	cJSON *after = location_state(c, id, 0);
	if (after == NULL)
		return STOCK_VIEW_ERROR;
	return announce(c, "created", id, NULL, after);
}

int
stock_location_update(struct ctx *c, const char *id, const char *code,
    const char *name, cJSON *fields)
{
	cJSON *before = location_state(c, id, 1);
	if (before == NULL)
		return c->failed ? STOCK_VIEW_ERROR : STOCK_VIEW_NOT_FOUND;
	check(code, name, 0, fields);
	if (cJSON_GetArraySize(fields) > 0) {
		cJSON_Delete(before);
		return STOCK_VIEW_INVALID;
	}
	if (query_run(c, NULL, "SAVEPOINT location_change", 0, NULL) < 0) {
		cJSON_Delete(before);
		return STOCK_VIEW_ERROR;
	}
	db_res r;
	const char *p[3] = { id, opt(code), opt(name) };
	int rc = attempt(c, &r, "UPDATE locations SET code = coalesce($2, code), "
	    "name = coalesce($3, name) WHERE id = $1::uuid", 3, p, "code",
	    fields);
	if (rc != STOCK_VIEW_OK) {
		cJSON_Delete(before);
		return rc;
	}
	db_res_clear(&r);
	cJSON *after = location_state(c, id, 0);
	if (after == NULL) {
		cJSON_Delete(before);
		return STOCK_VIEW_ERROR;
	}
	return announce(c, "updated", id, before, after);
}

int
stock_location_archive(struct ctx *c, const char *id, int archived,
    cJSON *fields)
{
	cJSON *before = location_state(c, id, 1);
	if (before == NULL)
		return c->failed ? STOCK_VIEW_ERROR : STOCK_VIEW_NOT_FOUND;
	if (archived) {
		const cJSON *held = cJSON_GetObjectItem(before, "on_hand");
		if (held && held->valuestring && strcmp(held->valuestring, "0")
		    != 0)
			api_field(fields, "location", "it still holds stock: "
			    "move it elsewhere first");
		const char *p[1] = { id };
		static const char *const keys[] = { "#open", NULL };
		cJSON *n = query_rows(c, "SELECT count(*) FROM locations WHERE NOT "
		    "archived AND id <> $1::uuid", 1, p, keys);
		if (n == NULL) {
			cJSON_Delete(before);
			return STOCK_VIEW_ERROR;
		}
		const cJSON *open = cJSON_GetObjectItem(cJSON_GetArrayItem(n, 0),
		    "open");
		if (open && open->valuestring && strcmp(open->valuestring, "0")
		    == 0)
			api_field(fields, "location", "the business needs one open "
			    "location");
		cJSON_Delete(n);
		if (cJSON_GetArraySize(fields) > 0) {
			cJSON_Delete(before);
			return STOCK_VIEW_INVALID;
		}
	}
	const char *p[2] = { id, archived ? "true" : "false" };
	if (query_run(c, NULL, "UPDATE locations SET archived = $2::boolean WHERE "
	    "id = $1::uuid", 2, p) < 0) {
		cJSON_Delete(before);
		return STOCK_VIEW_ERROR;
	}
	cJSON *after = location_state(c, id, 0);
	if (after == NULL) {
		cJSON_Delete(before);
		return STOCK_VIEW_ERROR;
	}
	return announce(c, archived ? "archived" : "unarchived", id, before,
	    after);
}
