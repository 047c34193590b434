/* invoices.c: sales invoices and credit notes: the list with filters,
 * one invoice with its lines, taxes and what settled it, drafts typed by
 * hand (new, change, delete), issue, void, credit notes, and the PDF.
 * The rules live in commerce/invoice, one invoice as shown in
 * commerce/invoice_view, the PDF in commerce/invoice_pdf. */
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
#include "web/form.h"
#include "commerce/invoice.h"
#include "commerce/invoice_pdf.h"
#include "commerce/invoice_view.h"
#include "base/money.h"
#include "web/field.h"
#include "web/reply.h"
#include "web/query.h"
#include "web/listing.h"
#include "commerce/docform.h"

#define FORM_ROWS_MIN 4	/* line rows the draft form offers */

/* ---- small things ---- */

/* failed: reply_failed, except that a conflict (409) over an invoice
 * names no field: the invoice as a whole is in the wrong state */
static void
failed(ctx *c, db_res *err, const char *field)
{
	reply_failed(c, err, reply_status(err) == 409 ? NULL : field);
}

/* actions: what can be done to the invoice now */
static void
actions(ctx *c, cJSON *o)
{
	const char *kind = cJSON_GetStringValue(cJSON_GetObjectItem(o, "kind"));
	const char *st = cJSON_GetStringValue(cJSON_GetObjectItem(o, "status"));
	int write = auth_can(c, "sales.write");
	int draft = strcmp(st, "draft") == 0;
	int invoice = strcmp(kind, "invoice") == 0;
	int open_inv = invoice && !draft && strcmp(st, "void") != 0;
	int settled = cJSON_GetArraySize(cJSON_GetObjectItem(o,
	    "settlements")) > 0 || cJSON_GetArraySize(cJSON_GetObjectItem(o,
	    "credit_notes")) > 0;
	cJSON *x = cJSON_AddObjectToObject(o, "can");
	cJSON_AddBoolToObject(x, "edit", write && draft);
	cJSON_AddBoolToObject(x, "issue", write && draft);
	cJSON_AddBoolToObject(x, "delete", write && draft);
	int undo = auth_can(c, "sales.void");	/* both post reversals */
	cJSON_AddBoolToObject(x, "void", undo && open_inv && !settled);
	cJSON_AddBoolToObject(x, "credit", undo && open_inv);
	/* the next step of an invoice that is owed: its payment, the form
	 * filled in with the party, this invoice and what is due, typed as
	 * the form takes it (plain decimal) */
	int owed = open_inv && strcmp(st, "paid") != 0;
	cJSON_AddBoolToObject(x, "pay", write && owed);
	if (c->api || !write || !owed)
		return;
	const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(o, "id"));
	const char *p[1] = { id };
	static const char *const keys[] = { "#open", "#d", NULL };
	cJSON *r = query_rows(c, "SELECT i.total - i.paid, cu.minor_units FROM "
	    "invoices i JOIN currencies cu ON cu.code = i.currency WHERE i.id = "
	    "$1::uuid", 1, p, keys);
	if (r && cJSON_GetArraySize(r) == 1) {
		buf b = BUF_INIT(32);
		money_format(&b, query_i64(r->child, "open"), (int)query_i64(
		    r->child, "d"));
		const char *num = cJSON_GetStringValue(cJSON_GetObjectItem(o,
		    "number"));
		const char *party = cJSON_GetStringValue(cJSON_GetObjectItem(o,
		    "party_id"));
		cJSON_AddStringToObject(o, "pay_href", arena_printf(c->a,
		    "/app/payments/new?direction=in&party=%s&invoice=%s&"
		    "amount=%s", form_url_escape(c->a, party ? party : ""),
		    form_url_escape(c->a, num ? num : ""), form_url_escape(c->a,
		    buf_str(&b))));
		buf_free(&b);
	}
	cJSON_Delete(r);
}

/* ---- the list ---- */

static const char *const list_keys[] = { "id", "kind", "number", "status",
    "party_id", "customer", "currency", "#digits", "issue_date", "due_date",
    "reference", "#net", "#tax", "#total", "#paid", "#open", "branch", "key",
    NULL };

static const char list_sql[] = "SELECT i.id, i.kind, i.number, i.status, "
    "i.party_id, p.name, i.currency, cu.minor_units, i.issue_date::text, "
    "i.due_date::text, i.reference, i.net, i.tax, i.total, i.paid, i.total "
    "- i.paid, bursar_branch_code(i.tenant_id, i.branch_id), "
    "i.created_at::text || '|' || i.id FROM invoices i JOIN "
    "parties p ON p.tenant_id = i.tenant_id AND p.id = i.party_id JOIN "
    "currencies cu ON cu.code = i.currency WHERE i.kind = $1 AND ($2::text "
    "IS NULL OR i.status = $2) AND ($3::text IS NULL OR i.party_id::text = "
    "$3 OR p.code = $3) AND ($4::date IS NULL OR i.issue_date >= $4::date) "
    "AND ($5::date IS NULL OR i.issue_date <= $5::date) AND ($6::text IS "
    "NULL OR strpos(lower(coalesce(i.number, '') || ' ' || p.name || ' ' || "
    "i.reference), lower($6)) > 0) AND ($7::text IS NULL OR (i.created_at, "
    "i.id) < (split_part($7, '|', 1)::timestamptz, split_part($7, '|', "
    "2)::uuid))";

/* the columns a list sorts by: each key a fixed fragment; the first
 * (newest) is the order the API's cursor walks */
static const listing_sort list_sorts[] = {
	{ "newest", "i.created_at DESC, i.id DESC" },
	{ "oldest", "i.created_at, i.id" },
	{ "number", "i.number NULLS FIRST, i.id" },
	{ "-number", "i.number DESC NULLS LAST, i.id DESC" },
	{ "customer", "lower(p.name), i.id" },
	{ "-customer", "lower(p.name) DESC, i.id DESC" },
	{ "issued", "i.issue_date NULLS FIRST, i.id" },
	{ "-issued", "i.issue_date DESC NULLS LAST, i.id DESC" },
	{ "due", "i.due_date NULLS FIRST, i.id" },
	{ "-due", "i.due_date DESC NULLS LAST, i.id DESC" },
	{ "status", "i.status, i.id" },
	{ "-status", "i.status DESC, i.id DESC" },
	{ "total", "i.total, i.id" },
	{ "-total", "i.total DESC, i.id DESC" },
	{ "open", "i.total - i.paid, i.id" },
	{ "-open", "i.total - i.paid DESC, i.id DESC" },
	{ NULL, NULL } };

static void
list(ctx *c, const char *kind)
{
	static const char *const statuses[] = { "draft", "issued",
	    "partially_paid", "paid", "overdue", "void", NULL };
	const char *status = field_query(c, "status");
	const char *from = field_query(c, "from");
	const char *to = field_query(c, "to");
	const char *cust = field_query(c, "customer");
	const char *q = field_query(c, "q");
	if (status && !field_one_of(status, statuses)) {
		field_refuse(c, "status", "draft, issued, partially_paid, paid, "
		    "overdue or void");
		return;
	}
	if (field_span(c, from, to) < 0)
		return;
	listing l;
	if (listing_begin(c, &l, list_sorts, 1) < 0)
		return;
	const char *p[7] = { kind, status, cust, from, to, q, l.after };
	cJSON *items = listing_rows(c, &l, list_sql, 7, p, list_keys);
	if (items == NULL)
		return;
	reply_rows(c, items, invoice_view_money_keys);
	static const char *const names[] = { "status", "customer", "from",
	    "to", "q" };
	const char *values[] = { status, cust, from, to, q };
	cJSON *d = listing_reply(c, &l, items, strcmp(kind, "invoice") == 0 ?
	    "/app/invoices" : "/app/credit-notes", names, values, 5);
	if (!c->api) {
		cJSON_AddBoolToObject(d, "can_write", auth_can(c,
		    "sales.write"));
		cJSON_AddBoolToObject(d, "credit_notes", strcmp(kind,
		    "credit_note") == 0);
	}
	app_render(c, 200, "invoices.cs", strcmp(kind, "invoice") == 0 ?
	    "Invoices" : "Credit notes", d);
}

static void
invoices(ctx *c)
{
	list(c, "invoice");
}

static void
credit_notes(ctx *c)
{
	list(c, "credit_note");
}

/* ---- one invoice ---- */

static void
pdf_send(ctx *c, const char *id)
{
	invoice_pdf_data x;
	db_res err;
	if (!api_uuid_ok(id)) {
		app_error(c, 404, "not_found", "no such invoice", NULL);
		return;
	}
	if (invoice_pdf_load(c->db, id, &x, &err) < 0) {
		invoice_pdf_data_free(&x);
		failed(c, &err, "");
		return;
	}
	resp_reset(&c->resp, 0);
	c->resp.status = 200;
	c->resp.content_type = "application/pdf";
	char why[200];
	if (invoice_pdf_render(&x.doc, &c->resp.body, why, sizeof(why)) < 0) {
		invoice_pdf_data_free(&x);
		app_error(c, 500, "pdf", why, NULL);
		return;
	}
	const char *name = x.doc.number ? x.doc.number : arena_printf(c->a,
	    "draft-%.8s", id);
	resp_header(c->a, &c->resp, "Content-Disposition", arena_printf(c->a,
	    "inline; filename=\"%s.pdf\"", name));
	invoice_pdf_data_free(&x);
}

static void
invoice(ctx *c)
{
	const char *id = app_param(c, "id");
	size_t n = strlen(id);
	if (!c->api && n > 4 && strcmp(id + n - 4, ".pdf") == 0) {
		pdf_send(c, arena_strndup(c->a, id, n - 4));
		return;
	}
	cJSON *o = invoice_view(c, id);
	if (o == NULL)
		return;
	actions(c, o);
	if (c->api) {
		app_render(c, 200, NULL, NULL, o);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "invoice", o);
	const char *num = cJSON_GetStringValue(cJSON_GetObjectItem(o,
	    "number"));
	app_render(c, 200, "invoices_show.cs", num ? num : "Draft invoice", d);
}

static void
invoice_pdf_route(ctx *c)
{
	pdf_send(c, app_param(c, "id"));
}

/* ---- drafts: what was sent ---- */

/* json_lines: the "lines" array of o into in; 1 when given */
static int
json_lines(ctx *c, const cJSON *o, invoice_line_in **out, size_t *n,
    cJSON *fields)
{
	const cJSON *ls = cJSON_GetObjectItemCaseSensitive(o, "lines");
	*out = NULL;
	*n = 0;
	if (ls == NULL)
		return 0;
	if (!cJSON_IsArray(ls)) {
		api_field(fields, "lines", "a list of lines");
		return 1;
	}
	int k = cJSON_GetArraySize(ls);
	if (k > LINEMONEY_MAX) {
		api_field(fields, "lines", "at most 1000 lines");
		return 1;
	}
	invoice_line_in *l = arena_alloc(c->a, (size_t)(k ? k : 1) *
	    sizeof(*l));
	const cJSON *x;
	size_t i = 0;
	cJSON_ArrayForEach(x, ls) {
		const char *at = arena_printf(c->a, "lines[%zu]", i);
		invoice_line_in *li = &l[i++];
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
		li->unit = field_text(c, x, "unit", arena_printf(c->a,
		    "%s.unit", at), fields);
		const cJSON *tg = cJSON_GetObjectItemCaseSensitive(x,
		    "tax_group");
		li->tax_group = cJSON_IsNull(tg) ? "" : field_text(c, x,
		    "tax_group", arena_printf(c->a, "%s.tax_group", at), fields);
		li->account = field_text(c, x, "account", arena_printf(c->a,
		    "%s.account", at), fields);
		li->source_type = field_text(c, x, "source_type",
		    arena_printf(c->a, "%s.source_type", at), fields);
		li->source_id = field_text(c, x, "source_id", arena_printf(c->a,
		    "%s.source_id", at), fields);
		int64_t v;
		if (field_int(c, x, "line", arena_printf(c->a, "%s.line", at),
		    &v, fields))
			li->line = v > 0 && v <= LINEMONEY_MAX ? (int)v : -1;
		li->quantity = 0;
		if (!field_int(c, x, "quantity", arena_printf(c->a,
		    "%s.quantity", at), &li->quantity, fields) && li->line == 0)
			api_field(fields, arena_printf(c->a, "%s.quantity", at),
			    "a whole number of units, 1 or more");
		li->unit_price = -1;
		if (field_int(c, x, "unit_price", arena_printf(c->a,
		    "%s.unit_price", at), &v, fields)) {
			if (v < 0)
				api_field(fields, arena_printf(c->a,
				    "%s.unit_price", at), "minor units, not "
				    "negative (1050 for 10.50)");
			li->unit_price = v;
		}
		li->discount_ppm = docform_discount(c, x, at, fields);
	}
	*out = l;
	*n = i;
	return 1;
}

/* form_lines: the rows of the draft form (line_* repeat per row); rows
 * with neither product nor description are left out */
static void
form_lines(ctx *c, invoice_in *in, cJSON *fields)
{
	const kv_list *f = &c->req.form;
	size_t rows_n = kv_count(f, "line_description");
	if (kv_count(f, "line_product") > rows_n)
		rows_n = kv_count(f, "line_product");
	int digits = docform_digits(c, in->currency, in->customer);
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
		invoice_line_in *l = &in->lines[i];
		l->product = field_blank(prod) ? NULL : prod;
		l->description = field_blank(desc) ? NULL : desc;
		const char *tg = field_nth(f, "line_tax_group", r);
		l->tax_group = tg == NULL || strcmp(tg, "(product)") == 0 ? NULL :
		    tg;
		const char *acct = field_nth(f, "line_account", r);
		l->account = field_blank(acct) ? NULL : acct;
		docform_row_in m;
		docform_row(c, r, at, digits, 0, &m, fields);
		l->quantity = m.quantity;
		l->unit_price = m.unit_price;
		l->discount_ppm = m.discount_ppm;
	}
}

/* read_draft: a draft from JSON or the form; *issue set by "issue" */
static void
read_draft(ctx *c, invoice_in *in, int *issue, cJSON *fields)
{
	const cJSON *o = c->req.json;
	if (o && !cJSON_IsObject(o)) {
		api_field(fields, "body", "a JSON object");
		return;
	}
	in->customer = field_text(c, o, "customer", "customer", fields);
	in->currency = field_text(c, o, "currency", "currency", fields);
	if (!o && field_blank(in->currency))
		in->currency = NULL;
	in->issue_date = field_text(c, o, "issue_date", "issue_date", fields);
	in->due_date = field_text(c, o, "due_date", "due_date", fields);
	in->reference = field_text(c, o, "reference", "reference", fields);
	in->notes = field_text(c, o, "notes", "notes", fields);
	const char *flag = field_arg(c, o, "issue");
	const cJSON *iv = o ? cJSON_GetObjectItemCaseSensitive(o, "issue") :
	    NULL;
	*issue = 0;
	if (o && iv && !cJSON_IsBool(iv) && !cJSON_IsNull(iv))
		api_field(fields, "issue", "true or false");
	else if (o)
		*issue = cJSON_IsTrue(iv);
	else if (field_flag(flag, issue) < 0)
		api_field(fields, "issue", "yes or no");
	if (o)
		in->set_lines = json_lines(c, o, &in->lines, &in->n, fields);
	else
		form_lines(c, in, fields);
}

/* ---- drafts: the form ---- */

static void
draft_form(ctx *c, int status, const char *id, cJSON *fields)
{
	static const docform_lookup lists[] = { DOCFORM_CUSTOMERS,
	    DOCFORM_PRODUCTS, DOCFORM_TAX_GROUPS, DOCFORM_CURRENCIES,
	    { NULL, NULL, NULL } };
	cJSON *d = cJSON_CreateObject();
	if (docform_lookups(c, d, lists) < 0) {
		cJSON_Delete(d);
		return;
	}
	if (id)
		cJSON_AddStringToObject(d, "id", id);
	cJSON *form = cJSON_AddObjectToObject(d, "form");
	cJSON *lines = cJSON_AddArrayToObject(d, "rows");
	if (fields || c->req.form.n > 0) {
		/* drawn again: what was typed */
		static const char *const keys[] = { "customer", "currency",
		    "issue_date", "due_date", "reference", "notes", NULL };
		static const char *const cols[] = { "line_product",
		    "line_description", "line_quantity", "line_unit_price",
		    "line_discount", "line_tax_group", NULL };
		reply_typed(c, form, keys, lines, cols);
	} else if (id) {
		/* the draft as it is */
		cJSON *o = invoice_view(c, id);
		if (o == NULL) {
			cJSON_Delete(d);
			return;
		}
		static const char *const map[][2] = { { "customer",
		    "customer_code" }, { "currency", "currency" }, {
		    "issue_date", "issue_date" }, { "due_date", "due_date" }, {
		    "reference", "reference" }, { "notes", "notes" } };
		for (int i = 0; i < 6; i++) {
			const char *v = cJSON_GetStringValue(cJSON_GetObjectItem(o,
			    map[i][1]));
			cJSON_AddStringToObject(form, map[i][0], v ? v : "");
		}
		cJSON *l;
		cJSON_ArrayForEach(l, cJSON_GetObjectItem(o, "lines")) {
			cJSON *row = cJSON_CreateObject();
			const char *sku = cJSON_GetStringValue(
			    cJSON_GetObjectItem(l, "sku"));
			const char *tg = cJSON_GetStringValue(
			    cJSON_GetObjectItem(l, "tax_group"));
			cJSON_AddStringToObject(row, "product", sku ? sku : "");
			cJSON_AddStringToObject(row, "description",
			    cJSON_GetStringValue(cJSON_GetObjectItem(l,
			    "description")));
			cJSON_AddStringToObject(row, "quantity", arena_printf(c->a,
			    "%lld", (long long)query_i64(l, "quantity")));
			cJSON_AddStringToObject(row, "unit_price",
			    cJSON_GetStringValue(cJSON_GetObjectItem(l,
			    "unit_price")));
			cJSON_AddStringToObject(row, "discount",
			    cJSON_GetStringValue(cJSON_GetObjectItem(l,
			    "discount")));
			cJSON_AddStringToObject(row, "tax_group", tg ? tg : "");
			cJSON_AddItemToArray(lines, row);
		}
		cJSON_Delete(o);
	} else {
		/* a new draft from a customer's page: ?customer=<code> */
		const char *cust = field_query(c, "customer");
		cJSON_AddStringToObject(form, "customer", cust ? cust : "");
	}
	while (cJSON_GetArraySize(lines) < FORM_ROWS_MIN ||
	    cJSON_GetArraySize(lines) < 1) {
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "tax_group", "(product)");
		cJSON_AddItemToArray(lines, row);
	}
	static const char *const parts[] = { "product", "description",
	    "quantity", "unit_price", "discount", "tax_group", "account" };
	reply_row_errors(c, lines, fields, parts, 7);
	reply_refusal(d, fields, "the invoice was refused: see the fields marked");
	app_render(c, status, "invoices_form.cs", id ? "Change the draft" :
	    "New invoice", d);
}

static void
invoice_new(ctx *c)
{
	draft_form(c, 200, NULL, NULL);
}

static void
invoice_edit(ctx *c)
{
	const char *id = app_param(c, "id");
	cJSON *o = invoice_view(c, id);
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

static void acted(ctx *c, const char *id, int status);

/* ---- drafts: writing ---- */

/* draft_refused: a draft refused; for a browser the form again */
static void
draft_refused(ctx *c, const char *id, cJSON *fields, db_res *err,
    const char *field)
{
	if (c->api) {
		if (err) {
			cJSON_Delete(fields);
			failed(c, err, field);
			return;
		}
		app_error(c, 422, "invalid", reply_summary(fields,
		    "the invoice was refused: see the fields marked"), fields);
		return;
	}
	int st = err ? reply_status(err) : 422;
	if (err && (st == 422 || st == 0)) {
		reply_undo(c);
		api_field(fields, field && *field ? field : "lines", err->error);
		db_res_clear(err);
		st = 422;
	} else if (err) {
		cJSON_Delete(fields);
		failed(c, err, field);
		return;
	}
	c->failed = 1;
	draft_form(c, st, id, fields);
	cJSON_Delete(fields);
}

static void
invoice_save(ctx *c, const char *id)
{
	invoice_in in = {0};
	int issue = 0;
	/* totals are computed: one sent is refused, not ignored */
	if (field_known(c, "branch customer currency issue_date due_date reference "
	    "notes issue lines[product sku description unit tax_group account "
	    "source_type source_id line quantity unit_price discount "
	    "discount_ppm]") < 0)
		return;
	cJSON *fields = cJSON_CreateObject();
	read_draft(c, &in, &issue, fields);
	if (!id && c->req.json == NULL && field_blank(in.customer))
		api_field(fields, "customer", "choose a customer");
	if (cJSON_GetArraySize(fields) > 0) {
		draft_refused(c, id, fields, NULL, NULL);
		return;
	}
	if (!c->api && reply_savepoint(c) < 0) {
		cJSON_Delete(fields);
		return;
	}
	char out[INVOICE_ID_LEN];
	db_res err;
	if (invoice_draft(c->db, c->user_id, id, &in, out, &err) < 0 ||
	    (issue && invoice_issue(c->db, c->user_id, out, NULL, &err) < 0)) {
		draft_refused(c, id, fields, &err, in.field);
		return;
	}
	cJSON_Delete(fields);
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "/app/invoices/%s", out));
		return;
	}
	cJSON *o = invoice_view(c, out);
	if (o == NULL)
		return;
	actions(c, o);
	if (!id)
		resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
		    "/api/v1/invoices/%s", out));
	app_render(c, id ? 200 : 201, NULL, NULL, o);
}

/* from_order: {"order": id, "issue": true?, "issue_date"?}: the order's
 * invoice, drafted (and issued) by lib/invoice as placing or shipping
 * would */
static void
from_order(ctx *c, const char *order)
{
	if (field_known(c, "order issue issue_date") < 0)
		return;
	cJSON *fields = cJSON_CreateObject();
	const char *date = field_text(c, c->req.json, "issue_date",
	    "issue_date", fields);
	const cJSON *iv = cJSON_GetObjectItemCaseSensitive(c->req.json,
	    "issue");
	if (iv && !cJSON_IsBool(iv) && !cJSON_IsNull(iv))
		api_field(fields, "issue", "true or false");
	if (field_blank(date))
		date = NULL;
	else if (!field_date_ok(date))
		api_field(fields, "issue_date", "a date, YYYY-MM-DD");
	if (cJSON_GetArraySize(fields) > 0) {
		app_error(c, 422, "invalid", fields->child->valuestring, fields);
		return;
	}
	cJSON_Delete(fields);
	char out[INVOICE_ID_LEN];
	db_res err;
	if (invoice_from_order(c->db, c->user_id, order, date,
	    cJSON_IsTrue(iv), out, &err) < 0) {
		failed(c, &err, strcmp(err.sqlstate, "P0002") == 0 ? "order" :
		    "");
		return;
	}
	acted(c, out, 201);
}

static void
invoice_create(ctx *c)
{
	const cJSON *order = c->req.json ? cJSON_GetObjectItemCaseSensitive(
	    c->req.json, "order") : NULL;
	/* the order page's "Create invoice" posts its id as a form */
	const char *form_order = c->req.json ? NULL : kv_get(&c->req.form,
	    "order");
	if (!field_blank(form_order)) {
		from_order(c, form_order);
		return;
	}
	if (order && cJSON_IsString(order)) {
		from_order(c, order->valuestring);
		return;
	}
	if (order && !cJSON_IsNull(order)) {
		field_refuse(c, "order", "an order's id");
		return;
	}
	invoice_save(c, NULL);
}

static void
invoice_update(ctx *c)
{
	const char *id = app_param(c, "id");
	if (!api_uuid_ok(id)) {
		app_error(c, 404, "not_found", "no such invoice", NULL);
		return;
	}
	invoice_save(c, id);
}

/* ---- actions ---- */

/* shown: the invoice with what can be done to it now */
static cJSON *
shown(ctx *c, const char *id)
{
	cJSON *o = invoice_view(c, id);
	if (o)
		actions(c, o);
	return o;
}

static const docform_doc the_invoice = { "invoice", "Invoice",
    "/app/invoices", "/api/v1/invoices", "invoices_show.cs", shown, failed };

/* acted: the end of an action on invoice id */
static void
acted(ctx *c, const char *id, int status)
{
	docform_acted(c, &the_invoice, id, status);
}

static void
action_refused(ctx *c, const char *id, db_res *err, const char *field)
{
	docform_action_refused(c, &the_invoice, id, err, field);
}

/* date_arg: an optional "date" */
static int
date_arg(ctx *c, const char **date)
{
	*date = NULL;
	if (field_known(c, "date") < 0)
		return -1;
	cJSON *f = cJSON_CreateObject();
	*date = field_text(c, c->req.json, "date", "date", f);
	if (field_blank(*date))
		*date = NULL;
	if (*date && !field_date_ok(*date))
		api_field(f, "date", "a date, YYYY-MM-DD");
	if (cJSON_GetArraySize(f) == 0) {
		cJSON_Delete(f);
		return 0;
	}
	app_error(c, 422, "invalid", "date: a date, YYYY-MM-DD", f);
	return -1;
}

static void
invoice_issue_route(ctx *c)
{
	const char *id = app_param(c, "id"), *date;
	if (date_arg(c, &date) < 0 || (!c->api && reply_savepoint(c) < 0))
		return;
	db_res err;
	if (invoice_issue(c->db, c->user_id, id, date, &err) < 0) {
		action_refused(c, id, &err, "date");
		return;
	}
	acted(c, id, 200);
}

static void
invoice_void_route(ctx *c)
{
	const char *id = app_param(c, "id"), *date;
	if (date_arg(c, &date) < 0)
		return;
	const confirm_step ask = { "Void this invoice?", "Voiding posts a "
	    "reversal of the invoice's journal entry. The invoice stays on "
	    "file as void, its number stays used, and it can no longer be "
	    "paid or credited.", "Void the invoice", arena_printf(c->a,
	    "/app/invoices/%s", id) };
	if (!confirm_given(c, &ask) || (!c->api && reply_savepoint(c) < 0))
		return;
	db_res err;
	if (invoice_void(c->db, c->user_id, id, date, &err) < 0) {
		action_refused(c, id, &err, "date");
		return;
	}
	acted(c, id, 200);
}

static void
invoice_delete_route(ctx *c)
{
	const char *id = app_param(c, "id");
	if (field_known(c, "") < 0 || (!c->api && reply_savepoint(c) < 0))
		return;
	db_res err;
	if (invoice_delete(c->db, id, &err) < 0) {
		action_refused(c, id, &err, "");
		return;
	}
	if (!c->api) {
		app_redirect(c, "/app/invoices");
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddBoolToObject(o, "deleted", 1);
	app_render(c, 200, NULL, NULL, o);
}

/* form_credit_lines: the credit note form: cn_line (an invoice line's
 * number) and cn_quantity repeat; rows of no quantity are left out */
static void
form_credit_lines(ctx *c, invoice_credit_in *in, cJSON *fields)
{
	const kv_list *f = &c->req.form;
	size_t n = kv_count(f, "cn_line");
	in->lines = arena_alloc(c->a, (n ? n : 1) * sizeof(*in->lines));
	for (size_t r = 0; r < n; r++) {
		const char *ln = field_nth(f, "cn_line", r);
		const char *q = field_nth(f, "cn_quantity", r);
		if (field_blank(q) || strcmp(q, "0") == 0)
			continue;
		char *e1 = NULL, *e2 = NULL;
		long line = ln ? strtol(ln, &e1, 10) : 0;
		long long qty = strtoll(q, &e2, 10);
		size_t i = in->n++;
		if (ln == NULL || *e1 || line < 1 || *e2 || qty < 1) {
			api_field(fields, arena_printf(c->a, "lines[%zu].quantity",
			    i), "a whole number of units");
			continue;
		}
		in->lines[i].line = (int)line;
		in->lines[i].quantity = qty;
	}
}

static void
credit_note_create(ctx *c)
{
	const char *id = app_param(c, "id");
	const cJSON *o = c->req.json;
	invoice_credit_in in = {0};
	if (field_known(c, "reason date all lines[line quantity]") < 0)
		return;
	cJSON *fields = cJSON_CreateObject();
	if (o && !cJSON_IsObject(o))
		api_field(fields, "body", "a JSON object");
	in.reason = field_text(c, o, "reason", "reason", fields);
	in.date = field_text(c, o, "date", "date", fields);
	if (field_blank(in.date))
		in.date = NULL;
	const cJSON *all = o ? cJSON_GetObjectItemCaseSensitive(o, "all") :
	    NULL;
	if (o && all && !cJSON_IsBool(all) && !cJSON_IsNull(all))
		api_field(fields, "all", "true or false");
	in.all = o ? cJSON_IsTrue(all) : 0;
	if (!o && field_flag(http_arg(&c->req, "all"), &in.all) < 0)
		api_field(fields, "all", "yes or no");
	if (o)
		json_lines(c, o, &in.lines, &in.n, fields);
	else
		form_credit_lines(c, &in, fields);
	for (size_t i = 0; i < in.n; i++)
		if (in.lines[i].line < 0)
			api_field(fields, arena_printf(c->a, "lines[%zu].line", i),
			    "the number of a line of the invoice");
	if (cJSON_GetArraySize(fields) > 0) {
		if (c->api) {
			app_error(c, 422, "invalid", reply_summary(fields,
			    "the credit note was refused: see the fields marked"),
			    fields);
			return;
		}
		db_res e = {0};
		db_refuse(&e, "22023", "%s", fields->child->valuestring);
		cJSON_Delete(fields);
		if (reply_savepoint(c) == 0)
			action_refused(c, id, &e, "");
		return;
	}
	cJSON_Delete(fields);
	if (!c->api && reply_savepoint(c) < 0)
		return;
	char cn[INVOICE_ID_LEN];
	db_res err;
	if (invoice_credit(c->db, c->user_id, id, &in, cn, &err) < 0) {
		action_refused(c, id, &err, in.field);
		return;
	}
	acted(c, cn, 201);
}

/* ---- bulk: the drafts ticked on the list ---- */

static int
issue_one(ctx *c, const char *id, const char **why)
{
	db_res err;
	if (invoice_issue(c->db, c->user_id, id, NULL, &err) == 0)
		return 0;
	if (reply_status(&err) == 0) {
		app_db_error(c, &err);
		db_res_clear(&err);
		return -1;
	}
	*why = arena_strdup(c->a, err.error ? err.error : "refused");
	db_res_clear(&err);
	return 1;
}

/* bulk_issue: each ticked draft issued today, or told why not: one
 * refused (not a draft any more, a closed period) leaves the others
 * issued, and the page says which was which */
static void
bulk_issue(ctx *c)
{
	cJSON *d = cJSON_CreateObject();
	if (listing_bulk(c, d, issue_one, "SELECT coalesce(i.number, 'draft') "
	    "|| ' \xe2\x80\x94 ' || p.name FROM invoices i JOIN parties p ON "
	    "p.tenant_id = i.tenant_id AND p.id = i.party_id WHERE i.id = "
	    "$1::uuid AND i.kind = 'invoice'", "issued") < 0) {
		cJSON_Delete(d);
		return;
	}
	cJSON_AddStringToObject(d, "what", "Issue invoices");
	cJSON_AddStringToObject(d, "back_href", "/app/invoices");
	cJSON_AddStringToObject(d, "back", "Back to the invoices");
	cJSON_AddStringToObject(d, "href_base", "/app/invoices/");
	app_render(c, 200, "bulk.cs", "Issue invoices", d);
}

static const route routes[] = {
	{ "POST", "/app/invoices/bulk-issue", bulk_issue, 0, "sales.write" },
	{ "GET", "~/invoices", invoices, 0, "sales.read" },
	{ "POST", "~/invoices", invoice_create, 0, "sales.write" },
	{ "GET", "/app/invoices/new", invoice_new, 0, "sales.write" },
	{ "GET", "~/credit-notes", credit_notes, 0, "sales.read" },
	{ "GET", "~/invoices/{id}", invoice, 0, "sales.read" },
	{ "PATCH", "/api/v1/invoices/{id}", invoice_update, 0, "sales.write" },
	{ "POST", "/app/invoices/{id}", invoice_update, 0, "sales.write" },
	{ "DELETE", "/api/v1/invoices/{id}", invoice_delete_route, 0,
	    "sales.write" },
	{ "POST", "/app/invoices/{id}/delete", invoice_delete_route, 0,
	    "sales.write" },
	{ "GET", "/app/invoices/{id}/edit", invoice_edit, 0, "sales.write" },
	{ "GET", "/api/v1/invoices/{id}/pdf", invoice_pdf_route, 0, "sales.read" },
	{ "POST", "~/invoices/{id}/issue", invoice_issue_route, 0,
	    "sales.write" },
	{ "POST", "~/invoices/{id}/void", invoice_void_route, 0,
	    "sales.void" },
	{ "POST", "~/invoices/{id}/credit-notes", credit_note_create, 0,
	    "sales.void" },
};

int
main(void)
{
	return serve_main("invoices", routes, sizeof(routes) / sizeof(routes[0]));
}
