/* inventory.c: stock levels, the low-stock list, movements (receipts,
 * adjustments, transfers), reservations, the valuation and locations.
 * The rules live in lib/stock (changes) and lib/stock_view (reads and
 * locations). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/serve.h"
#include "web/auth.h"
#include "books/books_setup.h"
#include "web/form.h"
#include "base/money.h"
#include "db/outbox.h"
#include "commerce/stock.h"
#include "commerce/stock_view.h"
#include "web/field.h"
#include "web/reply.h"
#include "web/query.h"

/* arg: a field as text: a string, or a JSON integer in its text form;
 * NULL when absent; "?" for a JSON value of another kind (1.5, true) */
static const char *
arg(ctx *c, const char *name)
{
	const cJSON *v = c->req.json ? cJSON_GetObjectItemCaseSensitive(
	    c->req.json, name) : NULL;
	if (v == NULL || cJSON_IsString(v))
		return http_arg(&c->req, name);
	if (cJSON_IsNull(v))
		return NULL;
	int64_t n;
	if (cJSON_IsNumber(v))
		return api_get_int(v, &n) == 0 ? arena_printf(c->a, "%lld",
		    (long long)n) : "?";
	return "?";
}

static const char *
opt(const char *s)
{
	return s && *s ? s : NULL;
}

/* whole: a whole number typed as text ("12", "-3", "+4"); 0 or -1 */
static int
whole(const char *s, int64_t *out)
{
	if (s == NULL || !api_matches("^[+-]?[0-9]{1,15}$", s))
		return -1;
	*out = strtoll(s, NULL, 10);
	return 0;
}

/* base: the business's base currency and its minor-unit digits */
static int
base(ctx *c, char cur[4], int *digits)
{
	static const char *const keys[] = { "code", "#digits", NULL };
	cJSON *rows = query_rows(c, "SELECT t.base_currency, cu.minor_units "
	    "FROM tenants t JOIN currencies cu ON cu.code = t.base_currency "
	    "WHERE t.id = bursar_tenant()", 0, NULL, keys);
	if (rows == NULL)
		return -1;
	const cJSON *o = cJSON_GetArrayItem(rows, 0);
	const cJSON *code = cJSON_GetObjectItem(o, "code");
	const cJSON *dg = cJSON_GetObjectItem(o, "digits");
	snprintf(cur, 4, "%s", cJSON_IsString(code) ? code->valuestring : "");
	*digits = dg && dg->valuestring ? atoi(dg->valuestring) : 2;
	cJSON_Delete(rows);
	return 0;
}

/* money_text: adds key_text, the decimal form of the integer at key, to
 * every row of a page (the API keeps minor units only) */
static void
money_text(ctx *c, cJSON *rows, const char *key, int digits)
{
	if (c->api)
		return;
	cJSON *o;
	cJSON_ArrayForEach(o, rows) {
		const cJSON *v = cJSON_GetObjectItem(o, key);
		int64_t n;
		if (v == NULL || v->valuestring == NULL || whole(v->valuestring,
		    &n) < 0)
			continue;
		buf b = BUF_INIT(64);
		money_format(&b, n, digits);
		cJSON_AddStringToObject(o, arena_printf(c->a, "%s_text", key),
		    buf_str(&b));
		buf_free(&b);
	}
}

/* ---- savepoints: a refused change leaves the transaction usable ---- */

static int
savepoint(ctx *c, int undo)
{
	db_res r;
	int rc = db_exec(c->db, &r, undo ? "ROLLBACK TO SAVEPOINT stock_change"
	    : "SAVEPOINT stock_change", 0, NULL);
	if (rc < 0)
		app_db_error(c, &r);
	db_res_clear(&r);
	return rc;
}

/* ---- lists ---- */

typedef int (*list_fn)(struct ctx *, const stock_filter *, cJSON *, cJSON **,
    const char **);

static const char *const filter_names[] = { "q", "sku", "location", "kind",
    "status", "order", "archived" };

/* listing: the filter from the query, the list, and for a page the
 * filter's values and the next page's address; NULL when the response
 * is set */
static cJSON *
listing(ctx *c, list_fn fn, const char *path)
{
	stock_filter f = { field_query(c, "q"), field_query(c, "sku"),
	    field_query(c, "location"), field_query(c, "kind"),
	    field_query(c, "status"), field_query(c, "order"),
	    field_query(c, "archived"), NULL, 50 };
	if (api_limit(&c->req.query, &f.limit) < 0) {
		app_error(c, 400, "bad_request", "limit must be 1 to 200", NULL);
		return NULL;
	}
	const char *cur = field_query(c, "cursor");
	if (cur && (f.after = api_cursor_decode(c->a, cur)) == NULL) {
		app_error(c, 400, "bad_request", "malformed cursor", NULL);
		return NULL;
	}
	cJSON *fields = cJSON_CreateObject(), *items;
	const char *next;
	int rc = fn(c, &f, fields, &items, &next);
	if (rc != STOCK_VIEW_OK) {
		if (rc == STOCK_VIEW_INVALID)
			app_error(c, rc == STOCK_VIEW_INVALID && cJSON_GetObjectItem(
			    fields, "cursor") ? 400 : 422, "invalid",
			    reply_summary(fields, NULL), fields);
		else
			cJSON_Delete(fields);
		return NULL;
	}
	cJSON_Delete(fields);
	const char *enc = next ? api_cursor_encode(c->a, next) : NULL;
	cJSON *d = api_list(items, enc);
	if (c->api)
		return d;
	const char *values[] = { f.q, f.sku, f.location, f.kind, f.status,
	    f.order, f.archived };
	cJSON *fl = cJSON_AddObjectToObject(d, "filter");
	for (int i = 0; i < 7; i++)
		cJSON_AddStringToObject(fl, filter_names[i], values[i] ?
		    values[i] : "");
	if (enc) {
		const char *s = arena_printf(c->a, "%s?cursor=%s", path,
		    form_url_escape(c->a, enc));
		for (int i = 0; i < 7; i++)
			if (values[i])
				s = arena_printf(c->a, "%s&%s=%s", s,
				    filter_names[i], form_url_escape(c->a,
				    values[i]));
		cJSON_AddStringToObject(d, "next_href", s);
	}
	cJSON_AddBoolToObject(d, "can_write", auth_can(c, "inventory.write"));
	return d;
}

static void
levels(ctx *c)
{
	cJSON *d = listing(c, stock_view_levels, "/app/stock");
	if (d)
		app_render(c, 200, "stock.cs", "Stock", d);
}

static void
low(ctx *c)
{
	cJSON *d = listing(c, stock_view_low, "/app/stock/low");
	if (d)
		app_render(c, 200, "stock_low.cs", "Low stock", d);
}

static void
movements(ctx *c)
{
	cJSON *d = listing(c, stock_view_movements, "/app/stock/movements");
	if (d == NULL)
		return;
	char cur[4];
	int digits;
	if (!c->api && base(c, cur, &digits) < 0) {
		cJSON_Delete(d);
		return;
	}
	if (!c->api)
		money_text(c, cJSON_GetObjectItem(d, "items"), "value", digits);
	app_render(c, 200, "stock_movements.cs", "Stock movements", d);
}

static void
reservations(ctx *c)
{
	cJSON *d = listing(c, stock_view_reservations, "/app/reservations");
	if (d)
		app_render(c, 200, "reservations.cs", "Reservations", d);
}

static void
locations(ctx *c)
{
	cJSON *d = listing(c, stock_view_locations, "/app/locations");
	if (d)
		app_render(c, 200, "locations.cs", "Locations", d);
}

/* valuation_fn: stock_view_valuation as a list_fn, the summary kept for
 * the handler */
static cJSON *valuation_summary;

static int
valuation_fn(struct ctx *c, const stock_filter *f, cJSON *fields,
    cJSON **items, const char **next)
{
	return stock_view_valuation(c, f, fields, items, next,
	    &valuation_summary);
}

static void
valuation(ctx *c)
{
	valuation_summary = NULL;
	cJSON *d = listing(c, valuation_fn, "/app/stock/valuation");
	cJSON *s = valuation_summary;
	valuation_summary = NULL;
	if (d == NULL) {
		cJSON_Delete(s);
		return;
	}
	const cJSON *dg = cJSON_GetObjectItem(s, "digits");
	int digits = dg && dg->valuestring ? atoi(dg->valuestring) : 2;
	cJSON_DeleteItemFromObject(s, "digits");
	if (!c->api) {
		money_text(c, cJSON_GetObjectItem(d, "items"), "value", digits);
		money_text(c, cJSON_GetObjectItem(d, "items"), "average_cost",
		    digits);
		cJSON *one = cJSON_CreateArray();
		cJSON_AddItemReferenceToArray(one, s);
		money_text(c, one, "value", digits);
		money_text(c, one, "inventory_balance", digits);
		cJSON_Delete(one);
	}
	cJSON_AddItemToObject(d, "total", s);
	app_render(c, 200, "stock_valuation.cs", "Stock valuation", d);
}

/* ---- one product's stock, and reserving it ---- */

static void
product_stock_page(ctx *c, int status, const char *sku, cJSON *fields)
{
	stock_filter f = { NULL, sku, NULL, NULL, NULL, NULL, NULL, NULL, 200 };
	cJSON *fl = cJSON_CreateObject(), *items, *held;
	const char *next;
	int rc = stock_view_levels(c, &f, fl, &items, &next);
	cJSON_Delete(fl);
	if (rc != STOCK_VIEW_OK) {
		cJSON_Delete(fields);
		return;
	}
	stock_filter h = { NULL, sku, NULL, NULL, "held", NULL, NULL, NULL,
	    200 };
	fl = cJSON_CreateObject();
	rc = stock_view_reservations(c, &h, fl, &held, &next);
	cJSON_Delete(fl);
	if (rc != STOCK_VIEW_OK) {
		cJSON_Delete(items);
		cJSON_Delete(fields);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "sku", sku);
	cJSON_AddItemToObject(d, "levels", items);
	cJSON_AddItemToObject(d, "reservations", held);
	if (c->api) {
		cJSON_Delete(fields);
		app_render(c, status, NULL, NULL, d);
		return;
	}
	cJSON *form = cJSON_AddObjectToObject(d, "form");
	static const char *const keep[] = { "quantity", "location",
	    "reference", NULL };
	for (int i = 0; keep[i]; i++) {
		const char *v = c->req.form.n > 0 ? http_arg(&c->req, keep[i]) :
		    NULL;
		cJSON_AddStringToObject(form, keep[i], v ? v : "");
	}
	reply_refusal(d, fields, NULL);
	cJSON_Delete(fields);
	cJSON_AddBoolToObject(d, "can_write", auth_can(c, "inventory.write"));
	app_render(c, status, "stock_product.cs", sku, d);
}

/* the_sku: the product named in the path, or NULL with 404 set */
static const char *
the_sku(ctx *c, char id[STOCK_ID_LEN], int *tracked, const char **sku)
{
	db_res err;
	*sku = app_param(c, "sku");
	if (stock_product(c->db, *sku, id, tracked, &err) < 0) {
		if (strcmp(err.sqlstate, "P0002") == 0)
			app_error(c, 404, "not_found", "no such product", NULL);
		else
			app_db_error(c, &err);
		db_res_clear(&err);
		return NULL;
	}
	return id;
}

static void
product_stock(ctx *c)
{
	char id[STOCK_ID_LEN];
	int tracked;
	const char *sku;
	if (the_sku(c, id, &tracked, &sku) == NULL)
		return;
	product_stock_page(c, 200, sku, NULL);
}

/* reserve_refused: 422 with the fields (or the page again, as typed) */
static void
reserve_refused(ctx *c, const char *sku, cJSON *fields)
{
	if (c->api) {
		app_error(c, 422, "invalid", reply_summary(fields, NULL), fields);
		return;
	}
	c->failed = 1;
	product_stock_page(c, 422, sku, fields);
}

static void
reserve(ctx *c)
{
	char pid[STOCK_ID_LEN], loc[STOCK_ID_LEN], id[STOCK_ID_LEN];
	int tracked;
	const char *sku;
	if (the_sku(c, pid, &tracked, &sku) == NULL)
		return;
	cJSON *fields = cJSON_CreateObject();
	int64_t qty = 0;
	if (whole(arg(c, "quantity"), &qty) < 0 || qty <= 0)
		api_field(fields, "quantity", "the quantity must be a positive "
		    "whole number");
	const char *ref = arg(c, "reference");
	if (ref && strlen(ref) > 100)
		api_field(fields, "reference", "at most 100 characters");
	if (!tracked)
		api_field(fields, "sku", "a service has no stock to reserve");
	db_res err;
	if (stock_location(c->db, opt(arg(c, "location")), loc, &err) < 0) {
		if (strcmp(err.sqlstate, "P0002") != 0) {
			app_db_error(c, &err);
			db_res_clear(&err);
			cJSON_Delete(fields);
			return;
		}
		api_field(fields, "location", "no such location");
		db_res_clear(&err);
	}
	if (cJSON_GetArraySize(fields) > 0) {
		reserve_refused(c, sku, fields);
		return;
	}
	cJSON_Delete(fields);
	int64_t avail = 0;
	int rc = stock_reserve(c->db, c->user_id, pid, loc, qty, NULL, 0, ref,
	    id, &avail, &err);
	if (rc < 0) {
		app_db_error(c, &err);
		db_res_clear(&err);
		return;
	}
	if (rc == STOCK_SHORT) {
		/* nothing was held; the failure itself is recorded and
		 * committed, so the response is not marked failed */
		cJSON *ev = cJSON_CreateObject();
		cJSON_AddStringToObject(ev, "product_id", pid);
		cJSON_AddStringToObject(ev, "sku", sku);
		cJSON_AddStringToObject(ev, "location_id", loc);
		cJSON_AddItemToObject(ev, "quantity", api_int(qty));
		cJSON_AddItemToObject(ev, "available", api_int(avail));
		cJSON_AddStringToObject(ev, "reference", ref ? ref : "");
		db_res r;
		int erc = outbox_emit(c->db, &r, c->tenant_id,
		    "stock.reservation_failed", ev);
		cJSON_Delete(ev);
		if (erc < 0) {
			app_db_error(c, &r);
			db_res_clear(&r);
			return;
		}
		db_res_clear(&r);
		const char *msg = arena_printf(c->a, "only %" PRId64 " of %s "
		    "available, %" PRId64 " asked for", avail, sku, qty);
		cJSON *root = cJSON_CreateObject();
		cJSON *e = cJSON_AddObjectToObject(root, "error");
		cJSON_AddStringToObject(e, "code", "insufficient_stock");
		cJSON_AddStringToObject(e, "message", msg);
		cJSON_AddItemToObject(e, "fields", cJSON_CreateObject());
		cJSON_AddItemToObject(e, "available", api_int(avail));
		if (c->api) {
			app_render(c, 409, NULL, NULL, root);
			return;
		}
		cJSON_Delete(root);
		cJSON *f = cJSON_CreateObject();
		api_field(f, "quantity", msg);
		product_stock_page(c, 409, sku, f);
		return;
	}
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "/app/inventory/%s",
		    form_url_escape(c->a, sku)));
		return;
	}
	cJSON *o = stock_view_reservation(c, id);
	if (o == NULL)
		return;
	cJSON_AddItemToObject(o, "available", api_int(avail));
	resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
	    "/api/v1/reservations/%s", id));
	app_render(c, 201, NULL, NULL, o);
}

static void
reservation_show(ctx *c)
{
	cJSON *o = stock_view_reservation(c, app_param(c, "id"));
	if (o == NULL) {
		if (!c->failed)
			app_error(c, 404, "not_found", "no such reservation", NULL);
		return;
	}
	if (c->api) {
		app_render(c, 200, NULL, NULL, o);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "reservation", o);
	cJSON_AddBoolToObject(d, "can_write", auth_can(c, "inventory.write"));
	app_render(c, 200, "reservations_show.cs", "Reservation", d);
}

static void
release(ctx *c)
{
	const char *id = app_param(c, "id");
	db_res err;
	if (stock_release(c->db, c->user_id, id, NULL, &err) < 0) {
		if (strcmp(err.sqlstate, "P0002") == 0)
			app_error(c, 404, "not_found", "no such reservation", NULL);
		else if (strcmp(err.sqlstate, "23514") == 0)
			app_error(c, 409, "conflict", err.error, NULL);
		else
			app_db_error(c, &err);
		db_res_clear(&err);
		return;
	}
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "/app/reservations/%s", id));
		return;
	}
	cJSON *o = stock_view_reservation(c, id);
	if (o)
		app_render(c, 200, NULL, NULL, o);
}

/* ---- movements: receipts, adjustments, transfers ---- */

enum move_kind { RECEIPT, ADJUSTMENT, TRANSFER };

static const char *const move_fields[3][8] = {
	{ "sku", "location", "quantity", "cost", "account", "date", "memo",
	    NULL },
	{ "sku", "location", "quantity", "date", "memo", NULL },
	{ "sku", "from", "to", "quantity", "memo", NULL },
};
static const char *const move_names[3] = { "receipt", "adjustment",
    "transfer" };
static const char *const move_titles[3] = { "Receive stock",
    "Adjust stock", "Transfer stock" };

static void
move_page(ctx *c, enum move_kind k, int status, cJSON *fields)
{
	static const char *const keys[] = { "code", "name", NULL };
	cJSON *locs = query_rows(c, "SELECT code, name FROM locations WHERE NOT "
	    "archived ORDER BY code", 0, NULL, keys);
	char cur[4];
	int digits;
	if (locs == NULL || base(c, cur, &digits) < 0) {
		cJSON_Delete(locs);
		cJSON_Delete(fields);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "kind", move_names[k]);
	cJSON_AddStringToObject(d, "currency", cur);
	cJSON_AddItemToObject(d, "locations", locs);
	cJSON *form = cJSON_AddObjectToObject(d, "form");
	int typed = c->req.form.n > 0;
	for (int i = 0; move_fields[k][i]; i++) {
		const char *v = typed ? http_arg(&c->req, move_fields[k][i]) :
		    field_query(c, move_fields[k][i]);
		if (v == NULL && !typed && strcmp(move_fields[k][i], "account")
		    == 0)
			v = "@capital";
		cJSON_AddStringToObject(form, move_fields[k][i], v ? v : "");
	}
	reply_refusal(d, fields, NULL);
	cJSON_Delete(fields);
	app_render(c, status, "stock_move.cs", move_titles[k], d);
}

static void
receipt_form(ctx *c)
{
	move_page(c, RECEIPT, 200, NULL);
}

static void
adjustment_form(ctx *c)
{
	move_page(c, ADJUSTMENT, 200, NULL);
}

static void
transfer_form(ctx *c)
{
	move_page(c, TRANSFER, 200, NULL);
}

/* move_refused: the error as JSON, or the form again as typed */
static void
move_refused(ctx *c, enum move_kind k, int status, const char *code,
    cJSON *fields)
{
	if (c->api) {
		app_error(c, status, code, reply_summary(fields, NULL), fields);
		return;
	}
	c->failed = 1;
	move_page(c, k, status, fields);
}

/* move_failed: a refusal from lib/stock, after the savepoint: undone, and
 * reported on the field it concerns */
static void
move_failed(ctx *c, enum move_kind k, db_res *err)
{
	const char *st = err->sqlstate;
	cJSON *fields = cJSON_CreateObject();
	int status = 422;
	const char *code = "invalid";
	const char *msg = err->error ? err->error : "";
	if (strcmp(st, "23514") == 0 && (strncmp(msg, "only ", 5) == 0 ||
	    strstr(msg, "stock_levels"))) {
		/* short: found by lib/stock, or by the level's own check when
		 * another request took the units in between */
		api_field(fields, "quantity", strncmp(msg, "only ", 5) == 0 ? msg :
		    "not enough stock is free there any more");
		status = 409;
		code = "insufficient_stock";
	} else if (strcmp(st, "23503") == 0) {
		api_field(fields, "account", err->error);
	} else if (strcmp(st, "P0002") == 0) {
		api_field(fields, strstr(err->error ? err->error : "",
		    "location") ? (k == TRANSFER ? "from" : "location") : "sku",
		    err->error);
	} else if (strncmp(st, "22", 2) == 0 || strncmp(st, "23", 2) == 0) {
		/* what is left after the checks here: the books' refusals
		 * (no open period on that date, ...) */
		api_field(fields, "date", err->error);
	} else {
		cJSON_Delete(fields);
		app_db_error(c, err);
		db_res_clear(err);
		return;
	}
	db_res_clear(err);
	if (savepoint(c, 1) < 0) {
		cJSON_Delete(fields);
		return;
	}
	move_refused(c, k, status, code, fields);
}

/* move_place: a location field as an id; records why not in fields */
static int
move_place(ctx *c, const char *name, const char *value, int required,
    char id[STOCK_ID_LEN], cJSON *fields)
{
	db_res err;
	if (required && opt(value) == NULL) {
		api_field(fields, name, "a location is needed");
		return -1;
	}
	if (stock_location(c->db, opt(value), id, &err) == 0)
		return 0;
	int rc = strcmp(err.sqlstate, "P0002") == 0 ? -1 : -2;
	if (rc == -1)
		api_field(fields, name, "no such location");
	else
		app_db_error(c, &err);
	db_res_clear(&err);
	return rc;
}

static void
move_done(ctx *c, const char *movement_id)
{
	if (!c->api) {
		app_redirect(c, "/app/stock/movements");
		return;
	}
	cJSON *o = stock_view_movement(c, movement_id);
	if (o == NULL) {
		if (!c->failed)
			app_error(c, 500, "internal", "the movement vanished",
			    NULL);
		return;
	}
	app_render(c, 201, NULL, NULL, o);
}

/* move_common: the product, and the quantity (signed when signed_ok) */
static int
move_common(ctx *c, char pid[STOCK_ID_LEN], int64_t *qty, int signed_ok,
    cJSON *fields)
{
	const char *sku = arg(c, "sku");
	int tracked = 1;
	db_res err;
	if (opt(sku) == NULL) {
		api_field(fields, "sku", "a SKU is needed");
	} else if (stock_product(c->db, sku, pid, &tracked, &err) < 0) {
		if (strcmp(err.sqlstate, "P0002") != 0) {
			app_db_error(c, &err);
			db_res_clear(&err);
			return -1;
		}
		api_field(fields, "sku", "no such product");
		db_res_clear(&err);
	} else if (!tracked) {
		api_field(fields, "sku", "a service has no stock");
	}
	if (whole(arg(c, "quantity"), qty) < 0 || *qty == 0 || (!signed_ok &&
	    *qty < 0))
		api_field(fields, "quantity", signed_ok ? "the change must be a "
		    "whole number other than 0 (negative to take out)" : "the "
		    "quantity must be a positive whole number");
	const char *memo = arg(c, "memo");
	if (memo && strlen(memo) > 500)
		api_field(fields, "memo", "at most 500 characters");
	const char *date = opt(arg(c, "date"));
	if (date && !field_date_ok(date))
		api_field(fields, "date", "a date written YYYY-MM-DD");
	return 0;
}

static void
receive(ctx *c)
{
	char pid[STOCK_ID_LEN] = "", loc[STOCK_ID_LEN], mid[STOCK_ID_LEN];
	int64_t qty = 0, cost = 0;
	cJSON *fields = cJSON_CreateObject();
	if (move_common(c, pid, &qty, 0, fields) < 0 || move_place(c,
	    "location", arg(c, "location"), 0, loc, fields) == -2) {
		cJSON_Delete(fields);
		return;
	}
	/* the cost: minor units as a JSON integer, or a decimal as typed */
	const cJSON *jc = c->req.json ? cJSON_GetObjectItemCaseSensitive(
	    c->req.json, "cost") : NULL;
	const char *ct = arg(c, "cost");
	char cur[4];
	int digits;
	if (jc && cJSON_IsNumber(jc)) {
		if (api_get_int(jc, &cost) < 0 || cost < 0)
			api_field(fields, "cost", "the total cost in minor units of "
			    "the base currency, 0 or more");
	} else if (opt(ct) == NULL) {
		cost = 0;
	} else if (base(c, cur, &digits) < 0) {
		cJSON_Delete(fields);
		return;
	} else if (money_parse(ct, digits, &cost) < 0 || cost < 0) {
		api_field(fields, "cost", arena_printf(c->a, "the total cost in "
		    "%s, e.g. 1250.00", cur));
	}
	const char *account = opt(arg(c, "account"));
	if (account && strlen(account) > 41)
		api_field(fields, "account", "an account's code or @role");
	if (cJSON_GetArraySize(fields) > 0) {
		move_refused(c, RECEIPT, 422, "invalid", fields);
		return;
	}
	cJSON_Delete(fields);
	if (savepoint(c, 0) < 0)
		return;
	db_res err;
	if (stock_receive_manual(c->db, c->user_id, pid, loc, qty, cost,
	    account, opt(arg(c, "date")), opt(arg(c, "memo")), mid, &err) < 0) {
		move_failed(c, RECEIPT, &err);
		return;
	}
	move_done(c, mid);
}

static void
adjust(ctx *c)
{
	char pid[STOCK_ID_LEN] = "", loc[STOCK_ID_LEN], mid[STOCK_ID_LEN];
	int64_t qty = 0, value;
	cJSON *fields = cJSON_CreateObject();
	if (move_common(c, pid, &qty, 1, fields) < 0 || move_place(c,
	    "location", arg(c, "location"), 0, loc, fields) == -2) {
		cJSON_Delete(fields);
		return;
	}
	if (cJSON_GetArraySize(fields) > 0) {
		move_refused(c, ADJUSTMENT, 422, "invalid", fields);
		return;
	}
	cJSON_Delete(fields);
	if (savepoint(c, 0) < 0)
		return;
	db_res err;
	if (stock_adjust(c->db, c->user_id, pid, loc, qty, opt(arg(c, "date")),
	    opt(arg(c, "memo")), mid, &value, &err) < 0) {
		move_failed(c, ADJUSTMENT, &err);
		return;
	}
	move_done(c, mid);
}

static void
transfer(ctx *c)
{
	char pid[STOCK_ID_LEN] = "", src[STOCK_ID_LEN], dst[STOCK_ID_LEN];
	char tid[STOCK_ID_LEN];
	int64_t qty = 0;
	cJSON *fields = cJSON_CreateObject();
	if (move_common(c, pid, &qty, 0, fields) < 0 || move_place(c, "from",
	    arg(c, "from"), 1, src, fields) == -2 || move_place(c, "to",
	    arg(c, "to"), 1, dst, fields) == -2) {
		cJSON_Delete(fields);
		return;
	}
	if (cJSON_GetObjectItem(fields, "from") == NULL &&
	    cJSON_GetObjectItem(fields, "to") == NULL && strcmp(src, dst) == 0)
		api_field(fields, "to", "the two locations are the same");
	if (cJSON_GetArraySize(fields) > 0) {
		move_refused(c, TRANSFER, 422, "invalid", fields);
		return;
	}
	cJSON_Delete(fields);
	if (savepoint(c, 0) < 0)
		return;
	db_res err;
	if (stock_transfer(c->db, c->user_id, pid, src, dst, qty,
	    opt(arg(c, "memo")), tid, &err) < 0) {
		move_failed(c, TRANSFER, &err);
		return;
	}
	if (!c->api) {
		app_redirect(c, "/app/stock/movements");
		return;
	}
	static const char *const keys[] = { "id", "sku", "from", "to",
	    "#quantity", "memo", "created_at", NULL };
	const char *p[1] = { tid };
	cJSON *rows = query_rows(c, "SELECT o.id, p.sku, lo.code, li.code, "
	    "i.qty, o.memo, to_char(o.created_at AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM stock_movements o JOIN "
	    "stock_movements i ON i.tenant_id = o.tenant_id AND i.source_id = "
	    "o.id AND i.kind = 'transfer_in' JOIN products p ON p.tenant_id = "
	    "o.tenant_id AND p.id = o.product_id JOIN locations lo ON "
	    "lo.tenant_id = o.tenant_id AND lo.id = o.location_id JOIN locations "
	    "li ON li.tenant_id = i.tenant_id AND li.id = i.location_id WHERE "
	    "o.id = $1::uuid", 1, p, keys);
	if (rows == NULL)
		return;
	cJSON *o = cJSON_DetachItemFromArray(rows, 0);
	cJSON_Delete(rows);
	app_render(c, 201, NULL, NULL, o ? o : cJSON_CreateObject());
}

/* ---- locations ---- */

static void
location_form_page(ctx *c, int status, cJSON *fields)
{
	const char *id = app_param(c, "id");
	cJSON *d = cJSON_CreateObject();
	cJSON *form = cJSON_AddObjectToObject(d, "form");
	int typed = c->req.form.n > 0;
	cJSON *l = NULL;
	if (id) {
		l = stock_view_location(c, id);
		if (l == NULL) {
			cJSON_Delete(d);
			cJSON_Delete(fields);
			if (!c->failed)
				app_error(c, 404, "not_found", "no such location",
				    NULL);
			return;
		}
	}
	static const char *const keep[] = { "code", "name", NULL };
	for (int i = 0; keep[i]; i++) {
		const char *v = typed ? http_arg(&c->req, keep[i]) : NULL;
		const cJSON *was = l ? cJSON_GetObjectItem(l, keep[i]) : NULL;
		if (v == NULL && !typed && cJSON_IsString(was))
			v = was->valuestring;
		cJSON_AddStringToObject(form, keep[i], v ? v : "");
	}
	if (l)
		cJSON_AddItemToObject(d, "location", l);
	reply_refusal(d, fields, NULL);
	cJSON_Delete(fields);
	app_render(c, status, "locations_form.cs", id ? "Edit location" :
	    "New location", d);
}

static void
location_new(ctx *c)
{
	location_form_page(c, 200, NULL);
}

static void
location_edit(ctx *c)
{
	location_form_page(c, 200, NULL);
}

/* location_refused: the error, or the form again as typed (form set) */
static void
location_refused(ctx *c, int rc, cJSON *fields, int form)
{
	if (rc == STOCK_VIEW_NOT_FOUND) {
		cJSON_Delete(fields);
		app_error(c, 404, "not_found", "no such location", NULL);
		return;
	}
	if (rc == STOCK_VIEW_ERROR) {
		cJSON_Delete(fields);
		return;
	}
	int status = rc == STOCK_VIEW_CONFLICT ? 409 : 422;
	if (c->api || !form) {
		app_error(c, status, rc == STOCK_VIEW_CONFLICT ? "conflict" :
		    "invalid", reply_summary(fields, NULL), fields);
		return;
	}
	c->failed = 1;
	location_form_page(c, status, fields);
}

static void
location_done(ctx *c, int status, const char *id)
{
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "/app/locations/%s", id));
		return;
	}
	cJSON *o = stock_view_location(c, id);
	if (o == NULL)
		return;
	if (status == 201)
		resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
		    "/api/v1/locations/%s", id));
	app_render(c, status, NULL, NULL, o);
}

static void
location_create(ctx *c)
{
	char id[STOCK_ID_LEN];
	cJSON *fields = cJSON_CreateObject();
	int rc = stock_location_create(c, arg(c, "code"), arg(c, "name"),
	    fields, id);
	if (rc != STOCK_VIEW_OK) {
		location_refused(c, rc, fields, 1);
		return;
	}
	cJSON_Delete(fields);
	location_done(c, 201, id);
}

static void
location_update(ctx *c)
{
	const char *id = app_param(c, "id");
	cJSON *fields = cJSON_CreateObject();
	int rc = stock_location_update(c, id, arg(c, "code"), arg(c, "name"),
	    fields);
	if (rc != STOCK_VIEW_OK) {
		location_refused(c, rc, fields, 1);
		return;
	}
	cJSON_Delete(fields);
	location_done(c, 200, id);
}

static void
location_set_archived(ctx *c, int archived)
{
	const char *id = app_param(c, "id");
	cJSON *fields = cJSON_CreateObject();
	int rc = stock_location_archive(c, id, archived, fields);
	if (rc != STOCK_VIEW_OK) {
		location_refused(c, rc, fields, 0);
		return;
	}
	cJSON_Delete(fields);
	location_done(c, 200, id);
}

static void
location_archive(ctx *c)
{
	location_set_archived(c, 1);
}

static void
location_unarchive(ctx *c)
{
	location_set_archived(c, 0);
}

static void
location_show(ctx *c)
{
	cJSON *o = stock_view_location(c, app_param(c, "id"));
	if (o == NULL) {
		if (!c->failed)
			app_error(c, 404, "not_found", "no such location", NULL);
		return;
	}
	if (c->api) {
		app_render(c, 200, NULL, NULL, o);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	const cJSON *name = cJSON_GetObjectItem(o, "name");
	const char *title = arena_strdup(c->a, cJSON_IsString(name) ?
	    name->valuestring : "Location");
	cJSON_AddItemToObject(d, "location", o);
	cJSON_AddBoolToObject(d, "can_write", auth_can(c, "inventory.write"));
	app_render(c, 200, "locations_show.cs", title, d);
}

static const route routes[] = {
	{ "GET", "~/stock", levels, 0, "inventory.read" },
	{ "GET", "~/stock/low", low, 0, "inventory.read" },
	{ "GET", "~/stock/movements", movements, 0, "inventory.read" },
	{ "GET", "~/stock/valuation", valuation, 0, "inventory.read" },
	{ "POST", "~/stock/receipts", receive, 0, "inventory.write" },
	{ "GET", "/app/stock/receipts/new", receipt_form, 0, "inventory.write" },
	{ "POST", "~/stock/adjustments", adjust, 0, "inventory.write" },
	{ "GET", "/app/stock/adjustments/new", adjustment_form, 0,
	    "inventory.write" },
	{ "POST", "~/stock/transfers", transfer, 0, "inventory.write" },
	{ "GET", "/app/stock/transfers/new", transfer_form, 0,
	    "inventory.write" },
	{ "GET", "~/inventory/{sku}", product_stock, 0, "inventory.read" },
	{ "POST", "~/inventory/{sku}/reserve", reserve, 0, "inventory.write" },
	{ "GET", "~/reservations", reservations, 0, "inventory.read" },
	{ "GET", "~/reservations/{id}", reservation_show, 0, "inventory.read" },
	{ "POST", "~/reservations/{id}/release", release, 0, "inventory.write" },
	{ "GET", "~/locations", locations, 0, "inventory.read" },
	{ "POST", "~/locations", location_create, 0, "inventory.write" },
	{ "GET", "/app/locations/new", location_new, 0, "inventory.write" },
	{ "GET", "~/locations/{id}", location_show, 0, "inventory.read" },
	{ "GET", "/app/locations/{id}/edit", location_edit, 0,
	    "inventory.write" },
	{ "POST", "~/locations/{id}", location_update, 0, "inventory.write" },
	{ "PATCH", "~/locations/{id}", location_update, 0, "inventory.write" },
	{ "POST", "~/locations/{id}/archive", location_archive, 0,
	    "inventory.write" },
	{ "POST", "~/locations/{id}/unarchive", location_unarchive, 0,
	    "inventory.write" },
};

int
main(void)
{
	return serve_main("inventory", routes, sizeof(routes) /
	    sizeof(routes[0]));
}
