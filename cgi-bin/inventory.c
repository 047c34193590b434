/* inventory.c: stock levels, the low-stock list, movements (receipts,
 * adjustments, transfers), reservations, the valuation and locations.
 * The rules live in commerce/stock (changes), commerce/stock_move (a
 * movement as typed, checked) and commerce/stock_view (reads and
 * locations); what stays here is the request's glue. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/numbers.h"
#include "web/api.h"
#include "web/app.h"
#include "web/serve.h"
#include "web/auth.h"
#include "web/form.h"
#include "base/money.h"
#include "commerce/stock.h"
#include "commerce/stock_move.h"
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
		if (v == NULL || v->valuestring == NULL || stock_whole(v->valuestring,
		    &n) < 0)
			continue;
		buf b = BUF_INIT(64);
		money_format_grouped(&b, n, digits, numbers_style(c));
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
	if (!c->api && stock_base_currency(c, cur, &digits) < 0) {
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
	if (field_known(c, "quantity location reference") < 0 ||
	    the_sku(c, pid, &tracked, &sku) == NULL)
		return;
	stock_hold_in in = { arg(c, "quantity"), arg(c, "location"),
	    arg(c, "reference") };
	const char *ref = in.reference;
	int64_t qty;
	cJSON *fields = cJSON_CreateObject();
	if (stock_hold_check(c, tracked, &in, &qty, loc, fields) < 0) {
		cJSON_Delete(fields);
		return;
	}
	if (cJSON_GetArraySize(fields) > 0) {
		reserve_refused(c, sku, fields);
		return;
	}
	cJSON_Delete(fields);
	int64_t avail = 0;
	db_res err;
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
		if (stock_hold_short(c, pid, sku, loc, qty, avail, ref) < 0)
			return;
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
	if (field_known(c, "") < 0)
		return;
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
move_page(ctx *c, enum stock_move_kind k, int status, cJSON *fields)
{
	static const char *const keys[] = { "code", "name", NULL };
	cJSON *locs = query_rows(c, "SELECT code, name FROM locations WHERE NOT "
	    "archived ORDER BY code", 0, NULL, keys);
	char cur[4];
	int digits;
	if (locs == NULL || stock_base_currency(c, cur, &digits) < 0) {
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
	move_page(c, STOCK_MOVE_RECEIPT, 200, NULL);
}

static void
adjustment_form(ctx *c)
{
	move_page(c, STOCK_MOVE_ADJUSTMENT, 200, NULL);
}

static void
transfer_form(ctx *c)
{
	move_page(c, STOCK_MOVE_TRANSFER, 200, NULL);
}

/* move_refused: the error as JSON, or the form again as typed */
static void
move_refused(ctx *c, enum stock_move_kind k, int status, const char *code,
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
move_failed(ctx *c, enum stock_move_kind k, db_res *err)
{
	cJSON *fields = cJSON_CreateObject();
	int status;
	const char *code;
	if (stock_move_refusal(k, err, fields, &status, &code) < 0) {
		cJSON_Delete(fields);
		app_db_error(c, err);
		db_res_clear(err);
		return;
	}
	if (savepoint(c, 1) < 0) {
		cJSON_Delete(fields);
		return;
	}
	move_refused(c, k, status, code, fields);
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

/* move: a receipt, an adjustment or a transfer: read, checked
 * (lib/commerce/stock_move), made, and answered */
static void
move(ctx *c, enum stock_move_kind k)
{
	static const char *const known[] = {
		[STOCK_MOVE_RECEIPT] = "sku quantity location cost account date "
		    "memo",
		[STOCK_MOVE_ADJUSTMENT] = "sku quantity location account date "
		    "memo",
		[STOCK_MOVE_TRANSFER] = "sku quantity from to date memo",
	};
	if (field_known(c, known[k]) < 0)
		return;
	stock_move_in in = { arg(c, "sku"), arg(c, "quantity"),
	    arg(c, "location"), arg(c, "from"), arg(c, "to"), arg(c, "cost"),
	    arg(c, "account"), arg(c, "date"), arg(c, "memo"), c->req.json ?
	    cJSON_GetObjectItemCaseSensitive(c->req.json, "cost") : NULL };
	stock_move m;
	cJSON *fields = cJSON_CreateObject();
	if (stock_move_check(c, k, &in, &m, fields) < 0) {
		cJSON_Delete(fields);
		return;
	}
	if (cJSON_GetArraySize(fields) > 0) {
		move_refused(c, k, 422, "invalid", fields);
		return;
	}
	cJSON_Delete(fields);
	if (savepoint(c, 0) < 0)
		return;
	char id[STOCK_ID_LEN];
	db_res err;
	if (stock_move_make(c->db, c->user_id, k, &m, id, &err) < 0) {
		move_failed(c, k, &err);
		return;
	}
	if (k != STOCK_MOVE_TRANSFER || !c->api) {
		move_done(c, id);
		return;
	}
	cJSON *o = stock_move_transfer(c, id);
	if (o)
		app_render(c, 201, NULL, NULL, o);
}

static void
receive(ctx *c)
{
	move(c, STOCK_MOVE_RECEIPT);
}

static void
adjust(ctx *c)
{
	move(c, STOCK_MOVE_ADJUSTMENT);
}

static void
transfer(ctx *c)
{
	move(c, STOCK_MOVE_TRANSFER);
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
	if (field_known(c, "branch code name") < 0)
		return;
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
	if (field_known(c, "code name") < 0)
		return;
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
	if (field_known(c, "") < 0)
		return;
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
