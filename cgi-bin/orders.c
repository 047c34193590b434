/* orders.c: sales orders: the list with filters, one order with its
 * lines, taxes, reservations and invoice (one query), drafts (new,
 * change), and the moves place, ship, complete and cancel.  The rules
 * live in lib/order. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/confirm.h"
#include "web/serve.h"
#include "web/auth.h"
#include "books/books_setup.h"
#include "commerce/linemoney.h"
#include "base/money.h"
#include "commerce/order.h"
#include "web/field.h"
#include "web/reply.h"
#include "web/query.h"
#include "web/listing.h"
#include "commerce/docform.h"

#define FORM_ROWS_MIN 5	/* line rows the form offers */

static const char *const money_keys[] = { "net", "tax", "total", NULL };

/* ---- one order ---- */

/* The order as JSON (sql/0015_order_doc.sql: kept with the order for
 * the API, made afresh with decimal text for a page), its status, and
 * its customer's name and code, which may change without it. */
#define ORDER_SQL(doc) "SELECT " doc "::text, o.status, p.name, p.code " \
    "FROM orders o JOIN parties p ON p.tenant_id = o.tenant_id AND p.id = " \
    "o.party_id WHERE o.id = $1::uuid"
static const char api_sql[] = ORDER_SQL("coalesce(o.doc, order_doc(o.id, "
    "false))");
/* after a change, which left the kept JSON stale (doc NULL, see
 * sql/0016_order_doc_once.sql): built here once and kept, so that the
 * commit finds it built */
static const char changed_sql[] = "WITH f AS (UPDATE orders SET doc = "
    "order_doc(id, false) WHERE id = $1::uuid AND doc IS NULL RETURNING "
    "doc) " ORDER_SQL("coalesce((SELECT doc FROM f), o.doc, order_doc(o.id, "
    "false))");
static const char page_sql[] = ORDER_SQL("order_doc(o.id, true)");

/* put_string: s as a JSON string */
static void
put_string(buf *b, const char *s)
{
	cJSON *x = cJSON_CreateString(s);
	char *t = cJSON_PrintUnformatted(x);
	buf_puts(b, t ? t : "null");
	cJSON_free(t);
	cJSON_Delete(x);
}

/* order_text: the order id as JSON text for the API, or for a page
 * (amounts as decimal text); NULL with 404 or the error answered */
static const char *
order_text(ctx *c, const char *id, int page)
{
	if (!api_uuid_ok(id)) {
		app_error(c, 404, "not_found", "no such order", NULL);
		return NULL;
	}
	const char *p[1] = { id };
	db_res r;
	/* a GET reads in a read-only mode and never finds the JSON stale */
	int changed = strcmp(c->req.method, "GET") != 0 &&
	    strcmp(c->req.method, "HEAD") != 0;
	if (db_exec(c->db, &r, page ? page_sql : changed ? changed_sql :
	    api_sql, 1, p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return NULL;
	}
	if (r.rows != 1 || db_isnull(&r, 0, 0)) {	/* none, or not shown */
		db_res_clear(&r);
		app_error(c, 404, "not_found", "no such order", NULL);
		return NULL;
	}
	/* the stored object, closed again after what the caller may do */
	const char *doc = db_text(&r, 0, 0), *st = db_text(&r, 0, 1);
	int write = auth_can(c, "sales.write");
	int draft = strcmp(st, "draft") == 0, placed = strcmp(st, "placed") == 0;
	buf b = BUF_INIT(1 << 24);
	buf_append(&b, doc, strlen(doc) - 1);
	buf_puts(&b, ", \"customer\" : ");
	put_string(&b, db_text(&r, 0, 2));
	buf_puts(&b, ", \"customer_code\" : ");
	put_string(&b, db_text(&r, 0, 3));
	/* "invoice": an order placed and not cancelled may be invoiced once
	 * (the page offers it while the order has no invoice) */
	buf_printf(&b, ", \"can\" : {\"invoice\" : %s, \"edit\" : %s, "
	    "\"place\" : %s, \"ship\" : %s, \"complete\" : %s, \"cancel\" : "
	    "%s}}", write && !draft && strcmp(st, "cancelled") != 0 ? "true" :
	    "false",
	    write && draft ? "true" :
	    "false", write && draft ? "true" : "false", write && placed ? "true" :
	    "false", write && strcmp(st, "shipped") == 0 ? "true" : "false",
	    write && (draft || placed) ? "true" : "false");
	const char *text = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	db_res_clear(&r);
	return text;
}

/* order_json: the order id for a page; NULL with the error answered */
static cJSON *
order_json(ctx *c, const char *id)
{
	const char *text = order_text(c, id, 1);
	return text ? cJSON_Parse(text) : NULL;
}

/* show: the order's page or JSON, with status and an error to tell */
static void
show(ctx *c, const char *id, int status, const char *error)
{
	if (c->api) {
		const char *text = order_text(c, id, 0);
		if (text == NULL)
			return;
		if (status == 201)
			resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
			    "/api/v1/orders/%s", id));
		app_render(c, status, NULL, NULL, cJSON_CreateRaw(text));
		return;
	}
	cJSON *o = order_json(c, id);
	if (o == NULL)
		return;
	cJSON *d = cJSON_CreateObject();
	const char *num = arena_strdup(c->a, cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "number")));
	cJSON_AddItemToObject(d, "order", o);
	if (error)
		cJSON_AddStringToObject(d, "error", error);
	app_render(c, status, "orders_show.cs", num, d);
}

static void
order(ctx *c)
{
	show(c, app_param(c, "id"), 200, NULL);
}

/* ---- the list ---- */

static const char *const list_keys[] = { "id", "number", "status",
    "party_id", "customer", "currency", "#digits", "order_date", "reference",
    "#net", "#tax", "#total", "invoice_number", "branch", "key", NULL };

/* the list newest first (cmp "<") or oldest first (">"): the cursor's
 * condition differs, the order is the listing's */
#define LIST_SQL(cmp, dir) "SELECT o.id, o.number, o.status, o.party_id, " \
    "p.name, o.currency, cu.minor_units, o.order_date::text, o.reference, " \
    "o.net, o.tax, o.total, (SELECT i.number FROM invoices i WHERE " \
    "i.tenant_id = o.tenant_id AND i.order_id = o.id AND i.kind = " \
    "'invoice' AND i.status <> 'void'), bursar_branch_code(o.tenant_id, " \
    "o.branch_id), o.created_at::text || '|' || o.id " \
    "FROM orders o JOIN parties p ON p.tenant_id = o.tenant_id AND p.id = " \
    "o.party_id JOIN currencies cu ON cu.code = o.currency WHERE ($1::text " \
    "IS NULL OR o.status = $1) AND ($2::text IS NULL OR o.party_id::text = " \
    "$2 OR p.code = $2) AND ($3::date IS NULL OR o.order_date >= $3::date) " \
    "AND ($4::date IS NULL OR o.order_date <= $4::date) AND ($5::text IS " \
    "NULL OR strpos(lower(o.number || ' ' || p.name || ' ' || o.reference), " \
    "lower($5)) > 0) AND ($6::text IS NULL OR (o.created_at, o.id) " cmp \
    " (split_part($6, '|', 1)::timestamptz, split_part($6, '|', 2)::uuid)) " \
    ""

static const char newest_sql[] = LIST_SQL("<", "DESC");
static const char oldest_sql[] = LIST_SQL(">", "ASC");

/* the sorts; the first two are the cursor's walks (newest_sql, oldest_sql) */
static const listing_sort list_sorts[] = {
	{ "newest", "o.created_at DESC, o.id DESC" },
	{ "oldest", "o.created_at, o.id" },
	{ "number", "o.number, o.id" },
	{ "-number", "o.number DESC, o.id DESC" },
	{ "customer", "lower(p.name), o.id" },
	{ "-customer", "lower(p.name) DESC, o.id DESC" },
	{ "date", "o.order_date, o.id" },
	{ "-date", "o.order_date DESC, o.id DESC" },
	{ "status", "o.status, o.id" },
	{ "-status", "o.status DESC, o.id DESC" },
	{ "total", "o.total, o.id" },
	{ "-total", "o.total DESC, o.id DESC" },
	{ NULL, NULL } };

static void
orders(ctx *c)
{
	static const char *const statuses[] = { "draft", "placed", "shipped",
	    "completed", "cancelled", NULL };
	static const char *const names[] = { "status", "customer", "from", "to",
	    "q" };
	const char *v[5];
	for (int i = 0; i < 5; i++)
		v[i] = field_query(c, names[i]);
	if (v[0] && !field_one_of(v[0], statuses)) {
		field_refuse(c, "status", "draft, placed, shipped, completed or "
		    "cancelled");
		return;
	}
	if (field_span(c, v[2], v[3]) < 0)
		return;
	listing l;
	if (listing_begin(c, &l, list_sorts, 2) < 0)
		return;
	int oldest = strcmp(l.sort->key, "oldest") == 0;
	const char *p[6] = { v[0], v[1], v[2], v[3], v[4], l.after };
	cJSON *items = listing_rows(c, &l, oldest ? oldest_sql : newest_sql, 6,
	    p, list_keys);
	if (items == NULL)
		return;
	reply_rows(c, items, money_keys);
	cJSON *d = listing_reply(c, &l, items, "/app/orders", names, v, 5);
	if (!c->api)
		cJSON_AddBoolToObject(d, "can_write", auth_can(c, "sales.write"));
	app_render(c, 200, "orders.cs", "Orders", d);
}

/* ---- drafts: what was sent ---- */

/* json_lines: the "lines" array of o; 1 when given */
static int
json_lines(ctx *c, const cJSON *o, order_in *in, cJSON *fields)
{
	const cJSON *ls = cJSON_GetObjectItemCaseSensitive(o, "lines");
	if (ls == NULL)
		return 0;
	int k = cJSON_GetArraySize(ls);
	if (!cJSON_IsArray(ls) || k > LINEMONEY_MAX) {
		api_field(fields, "lines", "a list of at most 1000 lines");
		return 1;
	}
	in->lines = arena_alloc(c->a, (size_t)(k ? k : 1) * sizeof(*in->lines));
	const cJSON *x;
	cJSON_ArrayForEach(x, ls) {
		size_t i = in->n++;
		const char *at = arena_printf(c->a, "lines[%zu]", i);
		order_line_in *l = &in->lines[i];
		if (!cJSON_IsObject(x)) {
			api_field(fields, at, "a line: {\"sku\", \"quantity\"}");
			continue;
		}
		const char *pf = arena_printf(c->a, "%s.product", at);
		l->product = field_text(c, x, "product", pf, fields);
		if (field_blank(l->product))
			l->product = field_text(c, x, "sku", pf, fields);
		l->description = field_text(c, x, "description",
		    arena_printf(c->a, "%s.description", at), fields);
		const cJSON *tg = cJSON_GetObjectItemCaseSensitive(x, "tax_group");
		l->tax_group = cJSON_IsNull(tg) ? "" : field_text(c, x,
		    "tax_group", arena_printf(c->a, "%s.tax_group", at), fields);
		const char *qf = arena_printf(c->a, "%s.quantity", at);
		if (!field_int(c, x, "quantity", qf, &l->quantity, fields) ||
		    l->quantity <= 0)
			api_field(fields, qf, "a whole number of units, 1 or more");
		l->unit_price = -1;
		const char *uf = arena_printf(c->a, "%s.unit_price", at);
		if (field_int(c, x, "unit_price", uf, &l->unit_price, fields) &&
		    l->unit_price < 0)
			api_field(fields, uf, "minor units, not negative (1050 for "
			    "10.50)");
		l->discount_ppm = docform_discount(c, x, at, fields);
		if (cJSON_HasObjectItem(x, "total") || cJSON_HasObjectItem(x,
		    "net"))
			api_field(fields, arena_printf(c->a, "%s.total", at),
			    "totals are computed by Bursar: leave them out");
	}
	return 1;
}

/* form_lines: the form's line rows (line_* repeat per row); rows with no
 * product are left out */
static void
form_lines(ctx *c, order_in *in, cJSON *fields)
{
	const kv_list *f = &c->req.form;
	size_t rows = kv_count(f, "line_product");
	int digits = docform_digits(c, in->currency, in->customer);
	in->lines = arena_alloc(c->a, (rows ? rows : 1) * sizeof(*in->lines));
	in->set_lines = 1;
	for (size_t r = 0; r < rows; r++) {
		const char *prod = field_nth(f, "line_product", r);
		if (field_blank(prod))
			continue;
		size_t i = in->n++;
		const char *at = arena_printf(c->a, "lines[%zu]", i);
		order_line_in *l = &in->lines[i];
		l->product = prod;
		docform_row_in m;
		docform_row(c, r, at, digits, 0, &m, fields);
		l->quantity = m.quantity;
		l->unit_price = m.unit_price;
		l->discount_ppm = m.discount_ppm;
	}
}

/* read_order: the order sent as JSON or typed in the form; *place set
 * by "place" */
static void
read_order(ctx *c, order_in *in, int *place, cJSON *fields)
{
	const cJSON *o = c->req.json;
	if (o && !cJSON_IsObject(o)) {
		api_field(fields, "body", "a JSON object");
		return;
	}
	static const char *const names[] = { "customer", "currency",
	    "location", "order_date", "reference", "notes" };
	const char **slots[] = { &in->customer, &in->currency, &in->location,
	    &in->order_date, &in->reference, &in->notes };
	for (int i = 0; i < 6; i++) {
		*slots[i] = field_text(c, o, names[i], names[i], fields);
		/* an empty choice in a form means the default */
		if (!o && i < 4 && field_blank(*slots[i]))
			*slots[i] = NULL;
	}
	if (o && (cJSON_HasObjectItem(o, "total") || cJSON_HasObjectItem(o,
	    "net") || cJSON_HasObjectItem(o, "tax")))
		api_field(fields, "total", "totals are computed by Bursar: leave "
		    "them out");
	field_bool(c, o, "place", place, fields);
	if (o)
		in->set_lines = json_lines(c, o, in, fields);
	else
		form_lines(c, in, fields);
}

/* ---- drafts: the form ---- */

static void
order_form(ctx *c, int status, const char *id, cJSON *fields)
{
	static const docform_lookup lists[] = { DOCFORM_CUSTOMERS,
	    DOCFORM_PRODUCTS, DOCFORM_LOCATIONS, DOCFORM_CURRENCIES,
	    { NULL, NULL, NULL } };
	cJSON *d = cJSON_CreateObject();
	if (docform_lookups(c, d, lists) < 0) {
		cJSON_Delete(d);
		return;
	}
	if (id)
		cJSON_AddStringToObject(d, "id", id);
	cJSON *form = cJSON_AddObjectToObject(d, "form");
	cJSON *rows = cJSON_AddArrayToObject(d, "rows");
	static const char *const heads[] = { "customer", "currency", "location",
	    "order_date", "reference", "notes", NULL };
	static const char *const cols[] = { "line_product", "line_quantity",
	    "line_unit_price", "line_discount", NULL };
	if (fields || c->req.form.n > 0) {
		/* drawn again: what was typed */
		reply_typed(c, form, heads, rows, cols);
	} else if (id) {
		/* the draft as it is */
		cJSON *o = order_json(c, id);
		if (o == NULL) {
			cJSON_Delete(d);
			return;
		}
		static const char *const from[] = { "customer_code", "currency",
		    "location", "order_date", "reference", "notes", NULL };
		for (int i = 0; heads[i]; i++)
			cJSON_AddStringToObject(form, heads[i], cJSON_GetStringValue(
			    cJSON_GetObjectItem(o, from[i])));
		cJSON *l;
		cJSON_ArrayForEach(l, cJSON_GetObjectItem(o, "lines")) {
			cJSON *row = cJSON_CreateObject();
			cJSON_AddStringToObject(row, "product", cJSON_GetStringValue(
			    cJSON_GetObjectItem(l, "sku")));
			cJSON_AddStringToObject(row, "quantity", arena_printf(c->a,
			    "%" PRId64, query_i64(l, "quantity")));
			cJSON_AddStringToObject(row, "unit_price",
			    cJSON_GetStringValue(cJSON_GetObjectItem(l,
			    "unit_price")));
			cJSON_AddStringToObject(row, "discount", cJSON_GetStringValue(
			    cJSON_GetObjectItem(l, "discount")));
			cJSON_AddItemToArray(rows, row);
		}
		cJSON_Delete(o);
	} else {
		/* a new order from a customer's page: ?customer=<code> */
		const char *cust = field_query(c, "customer");
		cJSON_AddStringToObject(form, "customer", cust ? cust : "");
	}
	while (cJSON_GetArraySize(rows) < FORM_ROWS_MIN)
		cJSON_AddItemToArray(rows, cJSON_CreateObject());
	static const char *const parts[] = { "product", "quantity",
	    "unit_price", "discount", "description", "tax_group" };
	reply_row_errors(c, rows, fields, parts, 6);
	reply_refusal(d, fields, "the order was refused: see the fields marked");
	app_render(c, status, "orders_form.cs", id ? "Change the order" :
	    "New order", d);
}

static void
order_new(ctx *c)
{
	order_form(c, 200, NULL, NULL);
}

static void
order_edit(ctx *c)
{
	const char *id = app_param(c, "id");
	cJSON *o = order_json(c, id);
	if (o == NULL)
		return;
	int draft = cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(o,
	    "can"), "edit"));
	cJSON_Delete(o);
	if (!draft) {
		app_error(c, 409, "conflict", "only a draft order can be changed",
		    NULL);
		return;
	}
	order_form(c, 200, id, NULL);
}

/* draft_refused: a draft refused; for a browser the form again, input
 * kept (err may be NULL: fields say why) */
static void
draft_refused(ctx *c, const char *id, cJSON *fields, db_res *err,
    const char *field)
{
	int st = err ? reply_status(err) : 422;
	if (c->api || (err && st != 422)) {
		if (err) {
			cJSON_Delete(fields);
			reply_failed(c, err, field);
			return;
		}
		app_error(c, 422, "invalid", reply_summary(fields,
		    "the order was refused: see the fields marked"), fields);
		return;
	}
	if (err) {
		reply_undo(c);
		api_field(fields, field && *field ? field : "lines", err->error);
		db_res_clear(err);
	}
	c->failed = 1;
	order_form(c, 422, id, fields);
	cJSON_Delete(fields);
}

/* ---- moves ---- */

/* place_refused: the order stays a draft and the refusal is told; the
 * transaction commits (the draft, and the failure's event) */
static void
place_refused(ctx *c, const char *id, const char *code, const char *msg,
    const order_short *s, size_t n)
{
	if (!c->api) {
		show(c, id, 409, msg);
		return;
	}
	cJSON *root = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(root, "error");
	cJSON_AddStringToObject(e, "code", code);
	cJSON_AddStringToObject(e, "message", msg);
	cJSON_AddItemToObject(e, "fields", cJSON_CreateObject());
	cJSON_AddStringToObject(e, "order_id", id);
	cJSON_AddItemToObject(e, "lines", order_shorts_json(s, n));
	app_render(c, 409, NULL, NULL, root);
}

/* place: order id placed; the answer is the order (status) or why not */
static void
place(ctx *c, const char *id, int status)
{
	order_short *s = NULL;
	size_t n = 0;
	db_res err;
	if (reply_savepoint(c) < 0)
		return;
	int rc = order_place(c->db, c->user_id, id, &s, &n, &err);
	if (rc == ORDER_SHORT) {
		buf b = BUF_INIT(4096);
		buf_puts(&b, "not enough stock:");
		for (size_t i = 0; i < n; i++)
			buf_printf(&b, "%s line %d (%s) wants %" PRId64 ", %" PRId64
			    " available", i ? ";" : "", s[i].line, s[i].sku,
			    s[i].wanted, s[i].available);
		const char *msg = arena_strdup(c->a, buf_str(&b));
		buf_free(&b);
		place_refused(c, id, "insufficient_stock", msg, s, n);
		free(s);
		return;
	}
	if (rc < 0 && strcmp(err.sqlstate, "23514") == 0 &&
	    strncmp(err.error, "credit limit", 12) == 0) {
		const char *msg = arena_strdup(c->a, err.error);
		db_res_clear(&err);
		reply_undo(c);
		place_refused(c, id, "credit_limit_exceeded", msg, NULL, 0);
		return;
	}
	if (rc < 0) {
		if (c->api || reply_status(&err) == 0 ||
		    reply_status(&err) == 404) {
			reply_failed(c, &err, "");
			return;
		}
		const char *msg = arena_strdup(c->a, err.error);
		db_res_clear(&err);
		reply_undo(c);
		c->failed = 1;
		show(c, id, 409, msg);
		return;
	}
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "/app/orders/%s", id));
		return;
	}
	show(c, id, status, NULL);
}

static void
order_save(ctx *c, const char *id)
{
	order_in in = {0};
	int placing = 0;
	if (field_known(c, "branch customer currency location order_date reference "
	    "notes place lines[product sku description tax_group quantity "
	    "unit_price discount discount_ppm]") < 0)
		return;
	cJSON *fields = cJSON_CreateObject();
	read_order(c, &in, &placing, fields);
	if (!id && !c->api && field_blank(in.customer))
		api_field(fields, "customer", "choose a customer");
	if (cJSON_GetArraySize(fields) > 0) {
		draft_refused(c, id, fields, NULL, NULL);
		return;
	}
	if (!c->api && reply_savepoint(c) < 0) {
		cJSON_Delete(fields);
		return;
	}
	char out[ORDER_ID_LEN];
	db_res err;
	if (order_draft(c->db, c->user_id, id, &in, out, &err) < 0) {
		draft_refused(c, id, fields, &err, in.field);
		return;
	}
	cJSON_Delete(fields);
	if (placing) {
		place(c, out, id ? 200 : 201);
		return;
	}
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "/app/orders/%s", out));
		return;
	}
	show(c, out, id ? 200 : 201, NULL);
}

static void
order_create(ctx *c)
{
	order_save(c, NULL);
}

static void
order_update(ctx *c)
{
	const char *id = app_param(c, "id");
	if (!api_uuid_ok(id)) {
		app_error(c, 404, "not_found", "no such order", NULL);
		return;
	}
	order_save(c, id);
}

static void
order_place_route(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	place(c, app_param(c, "id"), 200);
}

/* moved: the end of a move on order id: refused (told on the order's
 * page, or the API's error), else the order again */
static void
moved(ctx *c, const char *id, int rc, db_res *err)
{
	if (rc < 0) {
		int st = reply_status(err);
		if (c->api || st == 0 || st == 404) {
			reply_failed(c, err, "");
			return;
		}
		const char *msg = arena_strdup(c->a, err->error);
		db_res_clear(err);
		reply_undo(c);
		c->failed = 1;
		show(c, id, st, msg);
		return;
	}
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "/app/orders/%s", id));
		return;
	}
	show(c, id, 200, NULL);
}

static void
order_ship_route(ctx *c)
{
	const char *id = app_param(c, "id");
	if (field_known(c, "date") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	const char *date = field_text(c, c->req.json, "date", "date", f);
	if (field_blank(date))
		date = NULL;
	if (cJSON_GetArraySize(f) > 0 || (date && !field_date_ok(date))) {
		cJSON_Delete(f);
		field_refuse(c, "date", "a date, YYYY-MM-DD");
		return;
	}
	cJSON_Delete(f);
	if (reply_savepoint(c) < 0)
		return;
	db_res err;
	moved(c, id, order_ship(c->db, c->user_id, id, date, &err), &err);
}

static void
order_complete_route(ctx *c)
{
	const char *id = app_param(c, "id");
	if (field_known(c, "") < 0 || reply_savepoint(c) < 0)
		return;
	db_res err;
	moved(c, id, order_complete(c->db, c->user_id, id, &err), &err);
}

static void
order_cancel_route(ctx *c)
{
	const char *id = app_param(c, "id");
	const confirm_step ask = { "Cancel this order?", "The order is closed "
	    "as cancelled and the stock it reserved is released. A cancelled "
	    "order cannot be placed, shipped or invoiced again.",
	    "Cancel the order", arena_printf(c->a, "/app/orders/%s", id) };
	if (field_known(c, "") < 0 || !confirm_given(c, &ask) ||
	    reply_savepoint(c) < 0)
		return;
	db_res err;
	moved(c, id, order_cancel(c->db, c->user_id, id, &err), &err);
}

static const route routes[] = {
	{ "GET", "~/orders", orders, 0, "sales.read" },
	{ "POST", "~/orders", order_create, 0, "sales.write" },
	{ "GET", "/app/orders/new", order_new, 0, "sales.write" },
	{ "GET", "~/orders/{id}", order, 0, "sales.read" },
	{ "PATCH", "/api/v1/orders/{id}", order_update, 0, "sales.write" },
	{ "POST", "/app/orders/{id}", order_update, 0, "sales.write" },
	{ "GET", "/app/orders/{id}/edit", order_edit, 0, "sales.write" },
	{ "POST", "~/orders/{id}/place", order_place_route, 0, "sales.write" },
	{ "POST", "~/orders/{id}/ship", order_ship_route, 0, "sales.write" },
	{ "POST", "~/orders/{id}/complete", order_complete_route, 0,
	    "sales.write" },
	{ "POST", "~/orders/{id}/cancel", order_cancel_route, 0,
	    "sales.write" },
};

int
main(void)
{
	return serve_main("orders", routes, sizeof(routes) / sizeof(routes[0]));
}
