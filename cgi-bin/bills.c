/* bills.c: supplier bills: the list with filters, one bill with its
 * lines, taxes and payments, drafts (new, change, delete), receive, void.
 * The rules live in lib/bill. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/confirm.h"
#include "web/serve.h"
#include "web/auth.h"
#include "commerce/bill.h"
#include "books/books_setup.h"
#include "commerce/linemoney.h"
#include "web/form.h"
#include "base/money.h"
#include "web/field.h"
#include "web/reply.h"
#include "web/query.h"
#include "web/listing.h"
#include "commerce/docform.h"

#define FORM_ROWS_MIN 4	/* line rows the draft form offers */

/* ---- small things ---- */

/* ---- reading a bill ---- */

static const char *const head_keys[] = { "id", "number", "supplier_ref",
    "status", "party_id", "supplier", "supplier_code", "currency",
    "#digits", "bill_date", "due_date", "location_id", "location", "notes",
    "#net", "#tax", "#total", "#paid", "#open", "entry_id", "void_entry_id",
    "created_at", "received_at", "voided_at", "branch", NULL };

static const char head_sql[] = "SELECT b.id, b.number, b.supplier_ref, "
    "b.status, b.party_id, p.name, p.code, b.currency, cu.minor_units, "
    "b.bill_date::text, b.due_date::text, b.location_id, l.code, b.notes, "
    "b.net, b.tax, b.total, b.paid, b.total - b.paid, b.entry_id, "
    "b.void_entry_id, to_char(b.created_at AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), to_char(b.received_at AT TIME ZONE "
    "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), to_char(b.voided_at AT TIME "
    "ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), bursar_branch_code("
    "b.tenant_id, b.branch_id) FROM bills b JOIN "
    "parties p ON p.tenant_id = b.tenant_id AND p.id = b.party_id JOIN "
    "currencies cu ON cu.code = b.currency LEFT JOIN locations l ON "
    "l.tenant_id = b.tenant_id AND l.id = b.location_id WHERE b.id = "
    "$1::uuid";

static const char *const money_keys[] = { "net", "tax", "total", "paid",
    "open", "unit_price", "amount", NULL };

/* bill_json: bill id with its lines, taxes and payments; NULL with the
 * response set (404 or an error) */
static cJSON *
bill_json(ctx *c, const char *id)
{
	cJSON *o = query_one(c, head_sql, id, head_keys, "bill");
	if (o == NULL)
		return NULL;
	const char *p[1] = { id };
	static const char *const lkeys[] = { "#line", "product_id", "sku",
	    "?stock", "description", "#quantity", "#unit_price", "tax_group",
	    "account", "#net", "#tax", "#total", NULL };
	static const char *const tkeys[] = { "rate_code", "name", "account",
	    "#tax", NULL };
	static const char *const akeys[] = { "id", "number", "date", "#amount",
	    NULL };
	cJSON *l = query_rows(c, "SELECT l.line_no, l.product_id, pr.sku, "
	    "coalesce(pr.tracked, false), l.description, l.quantity, "
	    "l.unit_price, l.tax_group, l.account, l.net, l.tax, l.total FROM "
	    "bill_lines l LEFT JOIN products pr ON pr.tenant_id = l.tenant_id "
	    "AND pr.id = l.product_id WHERE l.bill_id = $1::uuid ORDER BY "
	    "l.line_no", 1, p, lkeys);
	cJSON *t = l ? query_rows(c, "SELECT rate_code, name, account, tax FROM "
	    "document_taxes WHERE doc_type = 'bill' AND doc_id = $1::uuid ORDER "
	    "BY account, rate_code", 1, p, tkeys) : NULL;
	cJSON *a = t ? query_rows(c, "SELECT pay.id, pay.number, "
	    "pay.payment_date::text, a.amount FROM payment_allocations a JOIN "
	    "payments pay ON pay.tenant_id = a.tenant_id AND pay.id = "
	    "a.payment_id WHERE a.bill_id = $1::uuid ORDER BY a.created_at, "
	    "a.id", 1, p, akeys) : NULL;
	if (a == NULL) {
		cJSON_Delete(o);
		cJSON_Delete(l);
		cJSON_Delete(t);
		return NULL;
	}
	const char *cur = arena_strdup(c->a, cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "currency")));
	int digits = (int)query_i64(o, "digits");
	cJSON *arrays[3] = { l, t, a };
	for (int k = 0; k < 3; k++) {
		cJSON *x;
		cJSON_ArrayForEach(x, arrays[k])
			reply_monies(c, x, cur, digits, money_keys);
	}
	reply_monies(c, o, cur, digits, money_keys);
	cJSON_DeleteItemFromObject(o, "digits");
	cJSON_AddItemToObject(o, "lines", l);
	cJSON_AddItemToObject(o, "taxes", t);
	cJSON_AddItemToObject(o, "payments", a);
	return o;
}

/* actions: what can be done to the bill now */
static void
actions(ctx *c, cJSON *o)
{
	const char *st = cJSON_GetStringValue(cJSON_GetObjectItem(o, "status"));
	int write = auth_can(c, "purchases.write");
	int draft = strcmp(st, "draft") == 0;
	int paid = cJSON_GetArraySize(cJSON_GetObjectItem(o, "payments")) > 0;
	cJSON *x = cJSON_AddObjectToObject(o, "can");
	cJSON_AddBoolToObject(x, "edit", write && draft);
	cJSON_AddBoolToObject(x, "receive", write && draft);
	cJSON_AddBoolToObject(x, "delete", write && draft);
	cJSON_AddBoolToObject(x, "void", write && !draft && !paid &&
	    strcmp(st, "void") != 0);
	cJSON_AddBoolToObject(x, "pay", auth_can(c, "purchases.write") && !draft &&
	    strcmp(st, "void") != 0 && strcmp(st, "paid") != 0);
}

/* ---- the list ---- */

static const char *const list_keys[] = { "id", "number", "supplier_ref",
    "status", "party_id", "supplier", "currency", "#digits", "bill_date",
    "due_date", "#net", "#tax", "#total", "#paid", "#open", "branch", "key",
    NULL };

static const char list_sql[] = "SELECT b.id, b.number, b.supplier_ref, "
    "b.status, b.party_id, p.name, b.currency, cu.minor_units, "
    "b.bill_date::text, b.due_date::text, b.net, b.tax, b.total, b.paid, "
    "b.total - b.paid, bursar_branch_code(b.tenant_id, b.branch_id), "
    "b.created_at::text || '|' || b.id FROM bills b JOIN "
    "parties p ON p.tenant_id = b.tenant_id AND p.id = b.party_id JOIN "
    "currencies cu ON cu.code = b.currency WHERE ($1::text IS NULL OR "
    "b.status = $1) AND ($2::text IS NULL OR b.party_id::text = $2 OR p.code "
    "= $2) AND ($3::date IS NULL OR b.bill_date >= $3::date) AND ($4::date "
    "IS NULL OR b.bill_date <= $4::date) AND ($5::text IS NULL OR "
    "strpos(lower(coalesce(b.number, '') || ' ' || p.name || ' ' || "
    "b.supplier_ref), lower($5)) > 0) AND ($6::text IS NULL OR "
    "(b.created_at, b.id) < (split_part($6, '|', 1)::timestamptz, "
    "split_part($6, '|', 2)::uuid))";

/* the sorts; the first is the order the API's cursor walks */
static const listing_sort list_sorts[] = {
	{ "newest", "b.created_at DESC, b.id DESC" },
	{ "oldest", "b.created_at, b.id" },
	{ "number", "b.number NULLS FIRST, b.id" },
	{ "-number", "b.number DESC NULLS LAST, b.id DESC" },
	{ "supplier", "lower(p.name), b.id" },
	{ "-supplier", "lower(p.name) DESC, b.id DESC" },
	{ "dated", "b.bill_date, b.id" },
	{ "-dated", "b.bill_date DESC, b.id DESC" },
	{ "due", "b.due_date NULLS FIRST, b.id" },
	{ "-due", "b.due_date DESC NULLS LAST, b.id DESC" },
	{ "status", "b.status, b.id" },
	{ "-status", "b.status DESC, b.id DESC" },
	{ "total", "b.total, b.id" },
	{ "-total", "b.total DESC, b.id DESC" },
	{ "open", "b.total - b.paid, b.id" },
	{ "-open", "b.total - b.paid DESC, b.id DESC" },
	{ NULL, NULL } };

static void
bills(ctx *c)
{
	static const char *const statuses[] = { "draft", "received",
	    "partially_paid", "paid", "overdue", "void", NULL };
	const char *status = field_query(c, "status");
	const char *from = field_query(c, "from");
	const char *to = field_query(c, "to");
	const char *sup = field_query(c, "supplier");
	const char *q = field_query(c, "q");
	if (status && !field_one_of(status, statuses)) {
		field_refuse(c, "status", "draft, received, partially_paid, paid, "
		    "overdue or void");
		return;
	}
	if (field_span(c, from, to) < 0)
		return;
	listing l;
	if (listing_begin(c, &l, list_sorts, 1) < 0)
		return;
	const char *p[6] = { status, sup, from, to, q, l.after };
	cJSON *items = listing_rows(c, &l, list_sql, 6, p, list_keys);
	if (items == NULL)
		return;
	reply_rows(c, items, money_keys);
	static const char *const names[] = { "status", "supplier", "from", "to",
	    "q" };
	const char *values[] = { status, sup, from, to, q };
	cJSON *d = listing_reply(c, &l, items, "/app/bills", names, values, 5);
	if (!c->api) {
		cJSON_AddBoolToObject(d, "can_write", auth_can(c,
		    "purchases.write"));
	}
	app_render(c, 200, "bills.cs", "Bills", d);
}

/* ---- one bill ---- */

static void
bill(ctx *c)
{
	cJSON *o = bill_json(c, app_param(c, "id"));
	if (o == NULL)
		return;
	actions(c, o);
	if (c->api) {
		app_render(c, 200, NULL, NULL, o);
		return;
	}
	const char *num = cJSON_GetStringValue(cJSON_GetObjectItem(o, "number"));
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "bill", o);
	app_render(c, 200, "bills_show.cs", num ? arena_strdup(c->a, num) :
	    "Draft bill", d);
}

/* ---- drafts: what was sent ---- */

static void
json_lines(ctx *c, const cJSON *o, bill_in *in, cJSON *fields)
{
	const cJSON *ls = cJSON_GetObjectItemCaseSensitive(o, "lines");
	if (ls == NULL)
		return;
	in->set_lines = 1;
	if (!cJSON_IsArray(ls)) {
		api_field(fields, "lines", "a list of lines");
		return;
	}
	int k = cJSON_GetArraySize(ls);
	if (k > LINEMONEY_MAX) {
		api_field(fields, "lines", "at most 1000 lines");
		return;
	}
	bill_line_in *l = arena_alloc(c->a, (size_t)(k ? k : 1) * sizeof(*l));
	const cJSON *x;
	size_t i = 0;
	cJSON_ArrayForEach(x, ls) {
		const char *at = arena_printf(c->a, "lines[%zu]", i);
		bill_line_in *li = &l[i++];
		memset(li, 0, sizeof(*li));
		if (!cJSON_IsObject(x)) {
			api_field(fields, at, "a line: {\"description\", "
			    "\"quantity\", \"unit_price\"}");
			continue;
		}
		li->product = field_text(c, x, "product", arena_printf(c->a,
		    "%s.product", at), fields);
		if (li->product == NULL)
			li->product = field_text(c, x, "sku", arena_printf(c->a,
			    "%s.product", at), fields);
		li->description = field_text(c, x, "description",
		    arena_printf(c->a, "%s.description", at), fields);
		const cJSON *tg = cJSON_GetObjectItemCaseSensitive(x,
		    "tax_group");
		li->tax_group = cJSON_IsNull(tg) ? "" : field_text(c, x,
		    "tax_group", arena_printf(c->a, "%s.tax_group", at), fields);
		li->account = field_text(c, x, "account", arena_printf(c->a,
		    "%s.account", at), fields);
		const char *qf = arena_printf(c->a, "%s.quantity", at);
		if (!field_int(c, x, "quantity", qf, &li->quantity, fields))
			api_field(fields, qf, "a whole number of units, 1 or more");
		const char *pf = arena_printf(c->a, "%s.unit_price", at);
		li->unit_price = -1;
		if (!field_int(c, x, "unit_price", pf, &li->unit_price, fields))
			api_field(fields, pf, "the price charged, in minor units "
			    "(1050 for 10.50)");
		else if (li->unit_price < 0)
			api_field(fields, pf, "minor units, not negative");
	}
	in->lines = l;
	in->n = i;
}

/* form_lines: the rows of the form (line_* repeat per row); rows with
 * neither product nor description are left out */
static void
form_lines(ctx *c, bill_in *in, cJSON *fields)
{
	const kv_list *f = &c->req.form;
	size_t rows_n = kv_count(f, "line_description");
	if (kv_count(f, "line_product") > rows_n)
		rows_n = kv_count(f, "line_product");
	int digits = docform_digits(c, in->currency, in->supplier);
	in->lines = arena_alloc(c->a, (rows_n ? rows_n : 1) *
	    sizeof(*in->lines));
	in->set_lines = 1;
	for (size_t r = 0; r < rows_n; r++) {
		const char *prod = field_nth(f, "line_product", r);
		const char *desc = field_nth(f, "line_description", r);
		if (field_blank(prod) && field_blank(desc))
			continue;
		size_t i = in->n++;
		const char *at = arena_printf(c->a, "lines[%zu]", i);
		bill_line_in *l = &in->lines[i];
		memset(l, 0, sizeof(*l));
		l->product = field_blank(prod) ? NULL : prod;
		l->description = field_blank(desc) ? NULL : desc;
		const char *tg = field_nth(f, "line_tax_group", r);
		l->tax_group = tg == NULL || strcmp(tg, "(product)") == 0 ? NULL :
		    tg;
		const char *acct = field_nth(f, "line_account", r);
		l->account = field_blank(acct) ? NULL : acct;
		docform_row_in m;
		docform_row(c, r, at, digits, 1, &m, fields);
		l->quantity = m.quantity;
		l->unit_price = m.unit_price;
	}
}

static void
read_draft(ctx *c, bill_in *in, int *receive, cJSON *fields)
{
	const cJSON *o = c->req.json;
	/* totals are computed: one sent is refused, not ignored */
	if (field_known_in(c, o, NULL, "branch supplier supplier_ref currency "
	    "bill_date due_date location notes receive lines[product sku "
	    "description tax_group account quantity unit_price]", fields) > 0)
		return;
	if (o && !cJSON_IsObject(o)) {
		api_field(fields, "body", "a JSON object");
		return;
	}
	in->supplier = field_text(c, o, "supplier", "supplier", fields);
	in->supplier_ref = field_text(c, o, "supplier_ref", "supplier_ref",
	    fields);
	in->currency = field_text(c, o, "currency", "currency", fields);
	if (field_blank(in->currency))
		in->currency = NULL;
	in->bill_date = field_text(c, o, "bill_date", "bill_date", fields);
	in->due_date = field_text(c, o, "due_date", "due_date", fields);
	in->location = field_text(c, o, "location", "location", fields);
	in->notes = field_text(c, o, "notes", "notes", fields);
	const cJSON *rv = o ? cJSON_GetObjectItemCaseSensitive(o, "receive") :
	    NULL;
	*receive = 0;
	if (o && rv && !cJSON_IsBool(rv) && !cJSON_IsNull(rv))
		api_field(fields, "receive", "true or false");
	else if (o)
		*receive = cJSON_IsTrue(rv);
	else if (field_flag(http_arg(&c->req, "receive"), receive) < 0)
		api_field(fields, "receive", "yes or no");
	if (o)
		json_lines(c, o, in, fields);
	else
		form_lines(c, in, fields);
}

/* ---- drafts: the form ---- */

static void
draft_form(ctx *c, int status, const char *id, cJSON *fields)
{
	static const docform_lookup lists[] = {
		DOCFORM_SUPPLIERS, DOCFORM_PRODUCTS, DOCFORM_TAX_GROUPS,
		DOCFORM_CURRENCIES, DOCFORM_LOCATIONS,
		{ "accounts", "SELECT code, name FROM accounts WHERE type IN "
		    "('expense', 'asset') AND NOT is_group AND NOT archived ORDER "
		    "BY code", docform_code_keys },
		{ NULL, NULL, NULL },
	};
	cJSON *d = cJSON_CreateObject();
	if (docform_lookups(c, d, lists) < 0) {
		cJSON_Delete(d);
		return;
	}
	if (id)
		cJSON_AddStringToObject(d, "id", id);
	cJSON *form = cJSON_AddObjectToObject(d, "form");
	cJSON *lines = cJSON_AddArrayToObject(d, "rows");
	static const char *const keys[] = { "supplier", "supplier_ref",
	    "currency", "bill_date", "due_date", "location", "notes", NULL };
	if (fields || c->req.form.n > 0) {
		/* drawn again: what was typed */
		static const char *const cols[] = { "line_product",
		    "line_description", "line_quantity", "line_unit_price",
		    "line_tax_group", "line_account", NULL };
		reply_typed(c, form, keys, lines, cols);
	} else if (id) {
		cJSON *o = bill_json(c, id);
		if (o == NULL) {
			cJSON_Delete(d);
			return;
		}
		static const char *const map[][2] = { { "supplier",
		    "supplier_code" }, { "supplier_ref", "supplier_ref" }, {
		    "currency", "currency" }, { "bill_date", "bill_date" }, {
		    "due_date", "due_date" }, { "location", "location" }, {
		    "notes", "notes" } };
		for (int i = 0; i < 7; i++) {
			const char *v = cJSON_GetStringValue(cJSON_GetObjectItem(o,
			    map[i][1]));
			cJSON_AddStringToObject(form, map[i][0], v ? v : "");
		}
		cJSON *l;
		cJSON_ArrayForEach(l, cJSON_GetObjectItem(o, "lines")) {
			cJSON *row = cJSON_CreateObject();
			static const char *const parts[] = { "description",
			    "unit_price", "tax_group", "account" };
			const char *sku = cJSON_GetStringValue(
			    cJSON_GetObjectItem(l, "sku"));
			cJSON_AddStringToObject(row, "product", sku ? sku : "");
			for (int k = 0; k < 4; k++) {
				const char *v = cJSON_GetStringValue(
				    cJSON_GetObjectItem(l, parts[k]));
				cJSON_AddStringToObject(row, parts[k], v ? v : "");
			}
			cJSON_AddStringToObject(row, "quantity", arena_printf(c->a,
			    "%lld", (long long)query_i64(l, "quantity")));
			cJSON_AddItemToArray(lines, row);
		}
		cJSON_Delete(o);
	}
	while (cJSON_GetArraySize(lines) < FORM_ROWS_MIN) {
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "tax_group", "(product)");
		cJSON_AddItemToArray(lines, row);
	}
	static const char *const parts[] = { "product", "description",
	    "quantity", "unit_price", "tax_group", "account" };
	reply_row_errors(c, lines, fields, parts, 6);
	reply_refusal(d, fields, "the bill was refused: see the fields marked");
	app_render(c, status, "bills_form.cs", id ? "Change the draft bill" :
	    "New bill", d);
}

static void
bill_new(ctx *c)
{
	draft_form(c, 200, NULL, NULL);
}

static void
bill_edit(ctx *c)
{
	const char *id = app_param(c, "id");
	cJSON *o = bill_json(c, id);
	if (o == NULL)
		return;
	int draft = strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(o,
	    "status")), "draft") == 0;
	cJSON_Delete(o);
	if (!draft) {
		app_error(c, 409, "conflict", "only a draft can be changed", NULL);
		return;
	}
	draft_form(c, 200, id, NULL);
}

/* ---- drafts: writing ---- */

static void
draft_refused(ctx *c, const char *id, cJSON *fields, db_res *err,
    const char *field)
{
	if (c->api) {
		if (err) {
			cJSON_Delete(fields);
			reply_failed(c, err, field);
			return;
		}
		app_error(c, 422, "invalid", reply_summary(fields,
		    "the bill was refused: see the fields marked"), fields);
		return;
	}
	int st = err ? reply_status(err) : 422;
	if (err && (st == 422 || (st == 409 && field && *field))) {
		reply_undo(c);
		api_field(fields, field && *field ? field : "lines", err->error);
		db_res_clear(err);
	} else if (err) {
		cJSON_Delete(fields);
		reply_failed(c, err, field);
		return;
	}
	c->failed = 1;
	draft_form(c, st, id, fields);
	cJSON_Delete(fields);
}

static void acted(ctx *c, const char *id, int status);

static void
bill_save(ctx *c, const char *id)
{
	bill_in in = {0};
	int receive = 0;
	cJSON *fields = cJSON_CreateObject();
	read_draft(c, &in, &receive, fields);
	if (!id && field_blank(in.supplier))
		api_field(fields, "supplier", "choose a supplier (an id or a "
		    "code)");
	if (cJSON_GetArraySize(fields) > 0) {
		draft_refused(c, id, fields, NULL, NULL);
		return;
	}
	if (!c->api && reply_savepoint(c) < 0) {
		cJSON_Delete(fields);
		return;
	}
	char out[BILL_ID_LEN];
	db_res err;
	if (bill_draft(c->db, c->user_id, id, &in, out, &err) < 0 ||
	    (receive && bill_receive(c->db, c->user_id, out, &err) < 0)) {
		draft_refused(c, id, fields, &err, in.field);
		return;
	}
	cJSON_Delete(fields);
	acted(c, out, id ? 200 : 201);
}

static void
bill_create(ctx *c)
{
	bill_save(c, NULL);
}

static void
bill_update(ctx *c)
{
	const char *id = app_param(c, "id");
	if (!api_uuid_ok(id)) {
		app_error(c, 404, "not_found", "no such bill", NULL);
		return;
	}
	bill_save(c, id);
}

/* ---- actions ---- */

/* shown: the bill with what can be done to it now */
static cJSON *
shown(ctx *c, const char *id)
{
	cJSON *o = bill_json(c, id);
	if (o)
		actions(c, o);
	return o;
}

static const docform_doc the_bill = { "bill", "Bill", "/app/bills",
    "/api/v1/bills", "bills_show.cs", shown, reply_failed };

static void
acted(ctx *c, const char *id, int status)
{
	docform_acted(c, &the_bill, id, status);
}

static void
action_refused(ctx *c, const char *id, db_res *err, const char *field)
{
	docform_action_refused(c, &the_bill, id, err, field);
}

static void
bill_receive_route(ctx *c)
{
	const char *id = app_param(c, "id");
	if (field_known(c, "") < 0 || (!c->api && reply_savepoint(c) < 0))
		return;
	db_res err;
	if (bill_receive(c->db, c->user_id, id, &err) < 0) {
		action_refused(c, id, &err, "");
		return;
	}
	acted(c, id, 200);
}

static void
bill_void_route(ctx *c)
{
	const char *id = app_param(c, "id");
	if (field_known(c, "date") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	const char *date = field_text(c, c->req.json, "date", "date", f);
	if (field_blank(date))
		date = NULL;
	if (date && !field_date_ok(date))
		api_field(f, "date", "a date, YYYY-MM-DD");
	if (cJSON_GetArraySize(f) > 0) {
		app_error(c, 422, "invalid", "date: a date, YYYY-MM-DD", f);
		return;
	}
	cJSON_Delete(f);
	const confirm_step ask = { "Void this bill?", "Voiding posts a "
	    "reversal of the bill's journal entry and takes its goods back out "
	    "of stock. The bill stays on file as void and can no longer be "
	    "paid.", "Void the bill", arena_printf(c->a, "/app/bills/%s", id) };
	if (!confirm_given(c, &ask) || (!c->api && reply_savepoint(c) < 0))
		return;
	db_res err;
	if (bill_void(c->db, c->user_id, id, date, &err) < 0) {
		action_refused(c, id, &err, "date");
		return;
	}
	acted(c, id, 200);
}

static void
bill_delete_route(ctx *c)
{
	const char *id = app_param(c, "id");
	if (field_known(c, "") < 0 || (!c->api && reply_savepoint(c) < 0))
		return;
	db_res err;
	if (bill_delete(c->db, id, &err) < 0) {
		action_refused(c, id, &err, "");
		return;
	}
	if (!c->api) {
		app_redirect(c, "/app/bills");
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddBoolToObject(o, "deleted", 1);
	app_render(c, 200, NULL, NULL, o);
}

static const route routes[] = {
	{ "GET", "~/bills", bills, 0, "purchases.read" },
	{ "POST", "~/bills", bill_create, 0, "purchases.write" },
	{ "GET", "/app/bills/new", bill_new, 0, "purchases.write" },
	{ "GET", "~/bills/{id}", bill, 0, "purchases.read" },
	{ "PATCH", "/api/v1/bills/{id}", bill_update, 0, "purchases.write" },
	{ "POST", "/app/bills/{id}", bill_update, 0, "purchases.write" },
	{ "DELETE", "/api/v1/bills/{id}", bill_delete_route, 0,
	    "purchases.write" },
	{ "POST", "/app/bills/{id}/delete", bill_delete_route, 0,
	    "purchases.write" },
	{ "GET", "/app/bills/{id}/edit", bill_edit, 0, "purchases.write" },
	{ "POST", "~/bills/{id}/receive", bill_receive_route, 0,
	    "purchases.write" },
	{ "POST", "~/bills/{id}/void", bill_void_route, 0, "purchases.write" },
};

int
main(void)
{
	return serve_main("bills", routes, sizeof(routes) / sizeof(routes[0]));
}
