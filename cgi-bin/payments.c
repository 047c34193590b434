/* payments.c: payments received and made: the list with filters, one
 * payment with its allocations and refunds, the payment form, allocating
 * credit later, refunds (of a payment's credit or a credit note's), and
 * customer and supplier statements.  The rules live in lib/payment and
 * lib/statement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/numbers.h"
#include "web/api.h"
#include "web/app.h"
#include "web/serve.h"
#include "web/auth.h"
#include "books/books_setup.h"
#include "web/form.h"
#include "base/money.h"
#include "commerce/payment.h"
#include "commerce/statement.h"
#include "web/field.h"
#include "web/reply.h"
#include "web/query.h"
#include "web/listing.h"
#include "commerce/docform.h"

#define ALLOC_MAX 200	/* allocations in one request */
#define FORM_ALLOC_ROWS 4	/* allocation rows the form offers */

/* ---- small things ---- */

/* status_of: reply_status, and here 54000 (a program limit, such as
 * a statement with more lines than it may hold) is the request's to
 * make smaller: 422 */
static int
status_of(const db_res *err)
{
	return strcmp(err->sqlstate, "54000") == 0 ? 422 :
	    reply_status(err);
}

/* failed: reply_answer with status_of (err cleared) */
static void
failed(ctx *c, db_res *err, const char *field)
{
	reply_answer(c, err, status_of(err), field);
}

/* side_perm: what a payment of direction needs: money in, from
 * customers, is the sales side's; money out, to suppliers, the purchases
 * side's (the routes take either, and leave the side to these) */
static const char *
side_perm(const char *direction, int write)
{
	int out = direction && strcmp(direction, "out") == 0;
	return out ? (write ? "purchases.write" : "purchases.read") :
	    (write ? "sales.write" : "sales.read");
}

/* side_refused: 1 with 403 set when the caller may not read (write 0)
 * or make or change (write 1) a payment of direction */
static int
side_refused(ctx *c, const char *direction, int write)
{
	const char *perm = side_perm(direction, write);
	if (auth_can(c, perm))
		return 0;
	app_error(c, 403, "forbidden", arena_printf(c->a, "%s needs the %s "
	    "permission", strncmp(perm, "purchases", 9) == 0 ? "a payment to a "
	    "supplier" : "a payment from a customer", perm), NULL);
	return 1;
}

/* payment_side_refused: side_refused for the stored payment id (0 when
 * there is none: the handler's own lookup answers 404) */
static int
payment_side_refused(ctx *c, const char *id, int write)
{
	const char *p[1] = { api_uuid_ok(id) ? id : NULL };
	static const char *const keys[] = { "direction", NULL };
	cJSON *r = query_rows(c, "SELECT direction FROM payments WHERE id = "
	    "$1::uuid", 1, p, keys);
	if (r == NULL)
		return 1;	/* the response is set */
	int refused = cJSON_GetArraySize(r) > 0 && side_refused(c,
	    cJSON_GetStringValue(cJSON_GetObjectItem(r->child, "direction")),
	    write);
	cJSON_Delete(r);
	return refused;
}

/* text_field: field_text named by its member, NULL when blank */
static const char *
text_field(ctx *c, const cJSON *o, const char *name, cJSON *fields)
{
	const char *s = field_text(c, o, name, name, fields);
	return field_blank(s) ? NULL : s;
}

/* typed_amount: a form's decimal amount, as the business writes
 * amounts, into minor units; 0 or -1 */
static int
typed_amount(ctx *c, const char *s, int digits, int64_t *out)
{
	return field_blank(s) || numbers_parse(c, s, digits, out) < 0 ?
	    -1 : 0;
}

/* ---- reading a payment ---- */

static const char *const head_keys[] = { "id", "number", "direction",
    "kind", "party_id", "party", "party_code", "currency", "#digits",
    "#amount", "#unallocated", "#allocated", "method", "account",
    "payment_date", "reference", "notes", "refund_of", "refund_of_number",
    "entry_id", "created_at", "branch", NULL };

static const char head_sql[] = "SELECT p.id, p.number, p.direction, "
    "p.kind, p.party_id, pa.name, pa.code, p.currency, cu.minor_units, "
    "p.amount, p.unallocated, coalesce((SELECT sum(a.amount) FROM "
    "payment_allocations a WHERE a.payment_id = p.id), 0), p.method, "
    "p.account, p.payment_date::text, p.reference, p.notes, p.refund_of, "
    "r.number, p.entry_id, to_char(p.created_at AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), bursar_branch_code(p.tenant_id, "
    "p.branch_id) FROM payments p JOIN parties pa ON "
    "pa.tenant_id = p.tenant_id AND pa.id = p.party_id JOIN currencies cu "
    "ON cu.code = p.currency LEFT JOIN payments r ON r.tenant_id = "
    "p.tenant_id AND r.id = p.refund_of WHERE p.id = $1::uuid";

static const char *const money_keys[] = { "amount", "unallocated",
    "allocated", "open", NULL };

/* payment_json: payment id with its allocations and refunds; NULL with
 * the response set */
static cJSON *
payment_json(ctx *c, const char *id)
{
	cJSON *o = query_one(c, head_sql, id, head_keys, "payment");
	if (o == NULL)
		return NULL;
	if (side_refused(c, cJSON_GetStringValue(cJSON_GetObjectItem(o,
	    "direction")), 0)) {
		cJSON_Delete(o);
		return NULL;
	}
	const char *p[1] = { id };
	static const char *const akeys[] = { "kind", "id", "number", "status",
	    "#amount", "#open", NULL };
	static const char *const rkeys[] = { "id", "number", "payment_date",
	    "#amount", NULL };
	cJSON *a = query_rows(c, "SELECT CASE WHEN a.bill_id IS NOT NULL THEN "
	    "'bill' ELSE i.kind END, coalesce(a.invoice_id, a.bill_id), "
	    "coalesce(i.number, b.number), coalesce(i.status, b.status), "
	    "a.amount, coalesce(i.total - i.paid, b.total - b.paid) FROM "
	    "payment_allocations a LEFT JOIN invoices i ON i.tenant_id = "
	    "a.tenant_id AND i.id = a.invoice_id LEFT JOIN bills b ON "
	    "b.tenant_id = a.tenant_id AND b.id = a.bill_id WHERE a.payment_id = "
	    "$1::uuid ORDER BY a.created_at, a.id", 1, p, akeys);
	cJSON *r = a ? query_rows(c, "SELECT id, number, payment_date::text, "
	    "amount FROM payments WHERE refund_of = $1::uuid ORDER BY "
	    "created_at, id", 1, p, rkeys) : NULL;
	if (r == NULL) {
		cJSON_Delete(o);
		cJSON_Delete(a);
		return NULL;
	}
	const char *cur = arena_strdup(c->a, cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "currency")));
	int digits = (int)query_i64(o, "digits");
	cJSON *x;
	cJSON_ArrayForEach(x, a)
		reply_monies(c, x, cur, digits, money_keys);
	cJSON_ArrayForEach(x, r)
		reply_monies(c, x, cur, digits, money_keys);
	int credit = query_i64(o, "unallocated") > 0 && strcmp(
	    cJSON_GetStringValue(cJSON_GetObjectItem(o, "kind")), "payment") == 0;
	reply_monies(c, o, cur, digits, money_keys);
	if (c->api)
		cJSON_DeleteItemFromObject(o, "digits");
	cJSON_AddBoolToObject(o, "credit_left", credit);
	cJSON_AddItemToObject(o, "allocations", a);
	cJSON_AddItemToObject(o, "refunds", r);
	return o;
}

/* actions: what can be done with the payment now */
static void
actions(ctx *c, cJSON *o)
{
	int write = auth_can(c, side_perm(cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "direction")), 1));
	int credit = cJSON_IsTrue(cJSON_GetObjectItem(o, "credit_left"));
	cJSON *x = cJSON_AddObjectToObject(o, "can");
	cJSON_AddBoolToObject(x, "allocate", write && credit);
	cJSON_AddBoolToObject(x, "refund", write && credit);
}

/* ---- the list ---- */

static const char *const list_keys[] = { "id", "number", "direction",
    "kind", "party_id", "party", "currency", "#digits", "#amount",
    "#unallocated", "method", "payment_date", "reference", "branch", "key",
    NULL };

static const char list_sql[] = "SELECT p.id, p.number, p.direction, "
    "p.kind, p.party_id, pa.name, p.currency, cu.minor_units, p.amount, "
    "p.unallocated, p.method, p.payment_date::text, p.reference, "
    "bursar_branch_code(p.tenant_id, p.branch_id), "
    "p.created_at::text || '|' || p.id FROM payments p JOIN parties pa ON "
    "pa.tenant_id = p.tenant_id AND pa.id = p.party_id JOIN currencies cu "
    "ON cu.code = p.currency WHERE ($1::text IS NULL OR p.direction = $1) "
    "AND ($2::text IS NULL OR p.kind = $2) AND ($3::text IS NULL OR "
    "p.party_id::text = $3 OR pa.code = $3) AND ($4::text IS NULL OR "
    "p.method = $4) AND ($5::date IS NULL OR p.payment_date >= $5::date) "
    "AND ($6::date IS NULL OR p.payment_date <= $6::date) AND ($7::text IS "
    "NULL OR strpos(lower(p.number || ' ' || pa.name || ' ' || "
    "p.reference), lower($7)) > 0) AND ($8::boolean IS NULL OR "
    "(p.unallocated > 0) = $8::boolean) AND ($9::text IS NULL OR "
    "(p.created_at, p.id) < (split_part($9, '|', 1)::timestamptz, "
    "split_part($9, '|', 2)::uuid))";

/* the sorts; the first is the order the API's cursor walks */
static const listing_sort list_sorts[] = {
	{ "newest", "p.created_at DESC, p.id DESC" },
	{ "oldest", "p.created_at, p.id" },
	{ "number", "p.number, p.id" },
	{ "-number", "p.number DESC, p.id DESC" },
	{ "date", "p.payment_date, p.id" },
	{ "-date", "p.payment_date DESC, p.id DESC" },
	{ "party", "lower(pa.name), p.id" },
	{ "-party", "lower(pa.name) DESC, p.id DESC" },
	{ "method", "p.method, p.id" },
	{ "-method", "p.method DESC, p.id DESC" },
	{ "amount", "p.amount, p.id" },
	{ "-amount", "p.amount DESC, p.id DESC" },
	{ "credit", "p.unallocated, p.id" },
	{ "-credit", "p.unallocated DESC, p.id DESC" },
	{ NULL, NULL } };

static void
payments(ctx *c)
{
	static const char *const dirs[] = { "in", "out", NULL };
	static const char *const kinds[] = { "payment", "refund", NULL };
	static const char *const methods[] = { "cash", "bank_transfer", "card",
	    "cheque", "upi", "other", NULL };
	static const char *const flags[] = { "true", "false", NULL };
	const char *dir = field_query(c, "direction");
	const char *kind = field_query(c, "kind");
	const char *party = field_query(c, "party");
	const char *method = field_query(c, "method");
	const char *from = field_query(c, "from"), *to = field_query(c, "to");
	const char *q = field_query(c, "q"), *credit = field_query(c, "credit");
	if (dir && !field_one_of(dir, dirs)) {
		field_refuse(c, "direction", "in or out");
		return;
	}
	if (kind && !field_one_of(kind, kinds)) {
		field_refuse(c, "kind", "payment or refund");
		return;
	}
	if (method && !field_one_of(method, methods)) {
		field_refuse(c, "method", "cash, bank_transfer, card, cheque, upi or "
		    "other");
		return;
	}
	if (credit && !field_one_of(credit, flags)) {
		field_refuse(c, "credit", "true (with credit left) or false");
		return;
	}
	if (field_span(c, from, to) < 0)
		return;
	/* each side sees its own payments: a list of both shows the side
	 * the caller may see, a list of one side needs that side's */
	if (dir == NULL && !auth_can(c, "sales.read"))
		dir = "out";
	else if (dir == NULL && !auth_can(c, "purchases.read"))
		dir = "in";
	if (side_refused(c, dir, 0))
		return;
	listing l;
	if (listing_begin(c, &l, list_sorts, 1) < 0)
		return;
	const char *p[9] = { dir, kind, party, method, from, to, q, credit,
	    l.after };
	cJSON *items = listing_rows(c, &l, list_sql, 9, p, list_keys);
	if (items == NULL)
		return;
	reply_rows(c, items, money_keys);
	static const char *const names[] = { "direction", "kind", "party",
	    "method", "from", "to", "q", "credit" };
	const char *values[] = { dir, kind, party, method, from, to, q,
	    credit };
	cJSON *d = listing_reply(c, &l, items, "/app/payments", names, values,
	    8);
	if (!c->api) {
		cJSON_AddBoolToObject(d, "can_write", auth_can(c, "sales.write"));
	}
	app_render(c, 200, "payments.cs", "Payments", d);
}

/* ---- one payment ---- */

static void
show(ctx *c, const char *id, int status, const char *error,
    cJSON *fields)
{
	cJSON *o = payment_json(c, id);
	if (o == NULL) {
		cJSON_Delete(fields);
		return;
	}
	actions(c, o);
	if (c->api) {
		cJSON_Delete(fields);
		if (status == 201)
			resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
			    "/api/v1/payments/%s", id));
		app_render(c, status, NULL, NULL, o);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	const char *num = arena_strdup(c->a, cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "number")));
	cJSON_AddItemToObject(d, "payment", o);
	if (error)
		cJSON_AddStringToObject(d, "error", error);
	cJSON_AddItemToObject(d, "fields", fields ? fields :
	    cJSON_CreateObject());
	/* what the party has open, to allocate to */
	cJSON *pid = cJSON_GetObjectItem(o, "party_id");
	const char *p[2] = { cJSON_GetStringValue(pid), cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "direction")) };
	static const char *const okeys[] = { "number", "#open", NULL };
	cJSON *open = query_rows(c, "SELECT number, total - paid FROM invoices "
	    "WHERE $2 = 'in' AND party_id = $1::uuid AND kind = 'invoice' AND "
	    "status IN ('issued', 'partially_paid', 'overdue') UNION ALL SELECT "
	    "number, total - paid FROM bills WHERE $2 = 'out' AND party_id = "
	    "$1::uuid AND status IN ('received', 'partially_paid', 'overdue') "
	    "ORDER BY 1 LIMIT 200", 2, p, okeys);
	if (open == NULL) {
		cJSON_Delete(d);
		return;
	}
	cJSON *x;
	cJSON_ArrayForEach(x, open)
		reply_monies(c, x, "", (int)query_i64(o, "digits"), money_keys);
	cJSON_AddItemToObject(d, "open", open);
	app_render(c, status, "payments_show.cs", num, d);
}

static void
payment(ctx *c)
{
	show(c, app_param(c, "id"), 200, NULL, NULL);
}

/* ---- what was sent ---- */

/* json_allocs: "allocations": [{"invoice"|"bill", "amount"}] */
static void
json_allocs(ctx *c, const cJSON *o, payment_alloc_in **out, size_t *n,
    cJSON *fields)
{
	const cJSON *ls = cJSON_GetObjectItemCaseSensitive(o, "allocations");
	*out = NULL;
	*n = 0;
	if (ls == NULL || cJSON_IsNull(ls))
		return;
	if (!cJSON_IsArray(ls)) {
		api_field(fields, "allocations", "a list of {\"invoice\" or "
		    "\"bill\", \"amount\"}");
		return;
	}
	int k = cJSON_GetArraySize(ls);
	if (k > ALLOC_MAX) {
		api_field(fields, "allocations", "at most 200");
		return;
	}
	payment_alloc_in *a = arena_alloc(c->a, (size_t)(k ? k : 1) *
	    sizeof(*a));
	const cJSON *x;
	size_t i = 0;
	cJSON_ArrayForEach(x, ls) {
		const char *at = arena_printf(c->a, "allocations[%zu]", i);
		payment_alloc_in *ai = &a[i++];
		memset(ai, 0, sizeof(*ai));
		if (!cJSON_IsObject(x)) {
			api_field(fields, at, "{\"invoice\" or \"bill\", "
			    "\"amount\"}");
			continue;
		}
		const cJSON *inv = cJSON_GetObjectItemCaseSensitive(x, "invoice");
		const cJSON *bil = cJSON_GetObjectItemCaseSensitive(x, "bill");
		if (inv && !cJSON_IsString(inv))
			api_field(fields, arena_printf(c->a, "%s.invoice", at),
			    "an invoice's id or number");
		if (bil && !cJSON_IsString(bil))
			api_field(fields, arena_printf(c->a, "%s.bill", at),
			    "a bill's id or number");
		ai->invoice = cJSON_GetStringValue(inv);
		ai->bill = cJSON_GetStringValue(bil);
		if (api_get_int(cJSON_GetObjectItemCaseSensitive(x, "amount"),
		    &ai->amount) < 0 || ai->amount <= 0) {
			api_field(fields, arena_printf(c->a, "%s.amount", at),
			    "a whole number of minor units, more than zero");
			ai->amount = 0;
		}
	}
	*out = a;
	*n = i;
}

/* form_allocs: alloc_doc (a number) and alloc_amount repeat; rows with
 * no document are left out */
static void
form_allocs(ctx *c, int in, int digits, payment_alloc_in **out, size_t *n,
    cJSON *fields)
{
	const kv_list *f = &c->req.form;
	size_t rows = kv_count(f, "alloc_doc");
	payment_alloc_in *a = arena_alloc(c->a, (rows ? rows : 1) * sizeof(*a));
	size_t k = 0;
	for (size_t r = 0; r < rows && k < ALLOC_MAX; r++) {
		const char *doc = field_nth(f, "alloc_doc", r);
		const char *amt = field_nth(f, "alloc_amount", r);
		/* the form lists every open document: one left blank is not
		 * paid now */
		if (field_blank(doc) || field_blank(amt))
			continue;
		payment_alloc_in *ai = &a[k];
		memset(ai, 0, sizeof(*ai));
		*(in ? &ai->invoice : &ai->bill) = doc;
		if (typed_amount(c, amt, digits, &ai->amount) < 0 ||
		    ai->amount <= 0)
			api_field(fields, arena_printf(c->a, "allocations[%zu]."
			    "amount", k), digits ? arena_printf(c->a, "an amount "
			    "%s, at most %d decimals, more than zero",
			    numbers_hint(c, digits), digits) : "a whole "
			    "amount, more than zero");
		k++;
	}
	*out = a;
	*n = k;
}

/* read_payment: a payment from JSON or the form */
static void
read_payment(ctx *c, payment_in *in, cJSON *fields)
{
	const cJSON *o = c->req.json;
	if (o && !cJSON_IsObject(o)) {
		api_field(fields, "body", "a JSON object");
		return;
	}
	if (field_known_in(c, o, NULL, "branch direction party method account "
	    "payment_date reference notes amount[amount currency] "
	    "allocations[invoice bill amount]", fields) > 0)
		return;
	in->direction = text_field(c, o, "direction", fields);
	in->party = text_field(c, o, "party", fields);
	in->method = text_field(c, o, "method", fields);
	in->account = text_field(c, o, "account", fields);
	in->payment_date = text_field(c, o, "payment_date", fields);
	in->reference = text_field(c, o, "reference", fields);
	in->notes = text_field(c, o, "notes", fields);
	if (in->method == NULL)
		in->method = "bank_transfer";
	if (o) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, "amount");
		char cur[4];
		if (api_get_money(m, &in->amount, cur) < 0 || in->amount <= 0) {
			api_field(fields, "amount", "{\"amount\": a whole number of "
			    "minor units more than zero, \"currency\": \"INR\"}");
			in->amount = 0;
		} else {
			in->currency = arena_strdup(c->a, cur);
		}
		json_allocs(c, o, &in->allocs, &in->n, fields);
		return;
	}
	in->currency = text_field(c, NULL, "currency", fields);
	int digits = docform_digits(c, in->currency, in->party);
	if (typed_amount(c, http_arg(&c->req, "amount"), digits, &in->amount) <
	    0 || in->amount <= 0) {
		api_field(fields, "amount", digits ? arena_printf(c->a, "an amount "
		    "%s, at most %d decimals, more than zero",
		    numbers_hint(c, digits), digits) : "a whole amount, more "
		    "than zero");
		in->amount = 0;
	}
	form_allocs(c, in->direction == NULL || strcmp(in->direction, "out") !=
	    0, digits, &in->allocs, &in->n, fields);
}

/* ---- the form ---- */

/* the party's open invoices (money in) or bills (money out), oldest due
 * first; the direction, when none was chosen, is the party's side */
static const char *const open_keys[] = { "id", "kind", "number",
    "date", "due_date", "currency", "#digits", "#total", "#open", "dir",
    NULL };
static const char open_sql[] = "WITH p AS (SELECT id, coalesce(nullif($2, "
    "''), CASE WHEN is_customer THEN 'in' ELSE 'out' END) AS dir FROM "
    "parties WHERE id::text = $1 OR code = $1 ORDER BY (id::text = $1) DESC "
    "LIMIT 1) SELECT i.id, 'invoice', i.number, i.issue_date::text, "
    "i.due_date::text, i.currency, cu.minor_units, i.total, i.total - "
    "i.paid, p.dir FROM p JOIN invoices i ON i.party_id = p.id JOIN "
    "currencies cu ON cu.code = i.currency WHERE p.dir = 'in' AND i.kind = "
    "'invoice' AND i.status IN ('issued', 'partially_paid', 'overdue') AND "
    "i.total > i.paid UNION ALL SELECT b.id, 'bill', b.number, "
    "b.bill_date::text, b.due_date::text, b.currency, cu.minor_units, "
    "b.total, b.total - b.paid, p.dir FROM p JOIN bills b ON b.party_id = "
    "p.id JOIN currencies cu ON cu.code = b.currency WHERE p.dir = 'out' "
    "AND b.status IN ('received', 'partially_paid', 'overdue') AND b.total "
    "> b.paid ORDER BY 5 NULLS LAST, 3 LIMIT 200";

/* typed_for: what the form sent (again) for document number, or what
 * the link asked for it (?invoice=&amount=, the amount due when none) */
static const char *
typed_for(ctx *c, int again, const char *number, const char *id,
    const char *due)
{
	if (again) {
		const kv_list *f = &c->req.form;
		size_t n = kv_count(f, "alloc_doc");
		for (size_t r = 0; r < n; r++) {
			const char *doc = field_nth(f, "alloc_doc", r);
			if (doc && (strcmp(doc, number) == 0 || strcmp(doc, id) == 0))
				return field_nth(f, "alloc_amount", r);
		}
		return "";
	}
	const char *want = field_query(c, "invoice");
	if (want == NULL)
		want = field_query(c, "bill");
	if (want == NULL || (strcmp(want, number) != 0 && strcmp(want, id) != 0))
		return "";
	const char *amt = field_query(c, "amount");
	return amt ? amt : due;
}

/* open_docs: for a chosen party, its open documents as rows to allocate
 * to, each with its amount field ("open"); 0, or -1 with the response
 * set */
static int
open_docs(ctx *c, cJSON *d, cJSON *form, int again)
{
	const char *party = cJSON_GetStringValue(cJSON_GetObjectItem(form,
	    "party"));
	if (field_blank(party))
		return 0;
	const char *p[2] = { party, cJSON_GetStringValue(cJSON_GetObjectItem(
	    form, "direction")) };
	cJSON *open = query_rows(c, open_sql, 2, p, open_keys);
	if (open == NULL)
		return -1;
	cJSON *x;
	cJSON_ArrayForEach(x, open) {
		int digits = (int)query_i64(x, "digits");
		int64_t due = query_i64(x, "open");
		buf b = BUF_INIT(32);
		money_format(&b, due, digits);
		const char *plain = arena_strdup(c->a, buf_str(&b));
		buf_free(&b);
		const char *num = cJSON_GetStringValue(cJSON_GetObjectItem(x,
		    "number"));
		const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(x, "id"));
		const char *typed = typed_for(c, again, num ? num : "", id, plain);
		cJSON_AddStringToObject(x, "amount", typed ? typed : "");
		cJSON_ReplaceItemInObject(x, "open", cJSON_CreateString(
		    reply_money_text(c, due, digits)));
		cJSON_ReplaceItemInObject(x, "total", cJSON_CreateString(
		    reply_money_text(c, query_i64(x, "total"), digits)));
	}
	if (cJSON_GetArraySize(open) > 0) {
		cJSON *dir = cJSON_GetObjectItem(open->child, "dir");
		cJSON_ReplaceItemInObject(form, "direction", cJSON_CreateString(
		    dir->valuestring));
	}
	cJSON_AddItemToObject(d, "open", open);
	cJSON_AddBoolToObject(d, "party_chosen", 1);
	return 0;
}

static void
payment_form(ctx *c, int status, cJSON *fields)
{
	static const char *const pkeys[] = { "id", "code", "name", "currency",
	    "?customer", "?supplier", NULL };
	static const char *const akeys[] = { "code", "name", NULL };
	static const char *const ckeys[] = { "code", NULL };
	cJSON *parties = query_rows(c, "SELECT id, code, name, currency, "
	    "is_customer, is_supplier FROM parties WHERE NOT archived ORDER BY "
	    "lower(name), id LIMIT 1000", 0, NULL, pkeys);
	cJSON *accts = parties ? query_rows(c, "SELECT code, name FROM accounts "
	    "WHERE type = 'asset' AND NOT is_group AND NOT archived AND (role IN "
	    "('bank', 'cash') OR role IS NULL) ORDER BY code", 0,
	    NULL, akeys) : NULL;
	cJSON *curs = accts ? query_rows(c, "SELECT code FROM currencies ORDER "
	    "BY code", 0, NULL, ckeys) : NULL;
	if (curs == NULL) {
		cJSON_Delete(parties);
		cJSON_Delete(accts);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "parties", parties);
	cJSON_AddItemToObject(d, "accounts", accts);
	cJSON_AddItemToObject(d, "currencies", curs);
	cJSON *form = cJSON_AddObjectToObject(d, "form");
	static const char *const keys[] = { "direction", "party", "amount",
	    "currency", "method", "account", "payment_date", "reference",
	    "notes", NULL };
	int again = fields != NULL;
	for (int i = 0; keys[i]; i++) {
		const char *v = again ? http_arg(&c->req, keys[i]) : field_query(c,
		    keys[i]);
		cJSON_AddStringToObject(form, keys[i], v ? v : "");
	}
	if (open_docs(c, d, form, again) < 0) {
		cJSON_Delete(d);
		return;
	}
	cJSON *rows = cJSON_AddArrayToObject(d, "rows");
	if (again) {
		const kv_list *f = &c->req.form;
		size_t n = kv_count(f, "alloc_doc"), k = 0;
		for (size_t r = 0; r < n; r++) {
			const char *doc = field_nth(f, "alloc_doc", r);
			const char *amt = field_nth(f, "alloc_amount", r);
			cJSON *row = cJSON_CreateObject();
			cJSON_AddStringToObject(row, "doc", doc ? doc : "");
			cJSON_AddStringToObject(row, "amount", amt ? amt : "");
			if (!field_blank(doc) && !field_blank(amt)) {
				static const char *const parts[] = { "invoice", "bill",
				    "amount" };
				for (int j = 0; j < 3; j++) {
					const cJSON *v = cJSON_GetObjectItem(fields,
					    arena_printf(c->a, "allocations[%zu].%s",
					    k, parts[j]));
					if (cJSON_IsString(v))
						cJSON_AddStringToObject(row, "error",
						    v->valuestring);
				}
				k++;
			}
			cJSON_AddItemToArray(rows, row);
		}
	} else if (field_query(c, "invoice") || field_query(c, "bill")) {
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "doc", field_query(c, "invoice") ?
		    field_query(c, "invoice") : field_query(c, "bill"));
		cJSON_AddStringToObject(row, "amount", field_query(c, "amount") ?
		    field_query(c, "amount") : "");
		cJSON_AddItemToArray(rows, row);
	}
	while (cJSON_GetArraySize(rows) < FORM_ALLOC_ROWS)
		cJSON_AddItemToArray(rows, cJSON_CreateObject());
	reply_refusal(d, fields, "the payment was refused: see the fields marked");
	app_render(c, status, "payments_form.cs", "New payment", d);
}

static void
payment_new(ctx *c)
{
	payment_form(c, 200, NULL);
}

/* ---- writing ---- */

/* done: the end of a change to payment id: the API gets the payment with
 * status, a browser goes to its page */
static void
done(ctx *c, const char *id, int status)
{
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "/app/payments/%s", id));
		return;
	}
	show(c, id, status, NULL, NULL);
}

static void
payment_post(ctx *c)
{
	payment_in in = {0};
	cJSON *fields = cJSON_CreateObject();
	read_payment(c, &in, fields);
	if (in.direction && (strcmp(in.direction, "out") == 0 ||
	    strcmp(in.direction, "in") == 0) && side_refused(c, in.direction,
	    1)) {
		cJSON_Delete(fields);
		return;
	}
	if (cJSON_GetArraySize(fields) > 0) {
		if (c->api) {
			app_error(c, 422, "invalid", reply_summary(fields,
			    "the payment was refused: see the fields marked"),
			    fields);
			return;
		}
		c->failed = 1;
		payment_form(c, 422, fields);
		cJSON_Delete(fields);
		return;
	}
	if (!c->api && reply_savepoint(c) < 0) {
		cJSON_Delete(fields);
		return;
	}
	char id[PAYMENT_ID_LEN];
	db_res err;
	if (payment_create(c->db, c->user_id, &in, id, &err) < 0) {
		int st = status_of(&err);
		if (c->api || st == 0 || st == 404) {
			cJSON_Delete(fields);
			failed(c, &err, in.field);
			return;
		}
		reply_undo(c);
		api_field(fields, *in.field ? in.field : "amount", err.error);
		db_res_clear(&err);
		c->failed = 1;
		payment_form(c, st, fields);
		cJSON_Delete(fields);
		return;
	}
	cJSON_Delete(fields);
	done(c, id, 201);
}

/* action_refused: the API's error, or the payment's page with the reason
 * and the field marked */
static void
action_refused(ctx *c, const char *id, db_res *err, const char *field)
{
	int st = status_of(err);
	if (c->api || st == 0 || st == 404) {
		failed(c, err, field);
		return;
	}
	const char *why = arena_strdup(c->a, err->error);
	db_res_clear(err);
	reply_undo(c);
	c->failed = 1;
	cJSON *f = cJSON_CreateObject();
	if (field && *field)
		api_field(f, field, why);
	show(c, id, st, why, f);
}

/* refused_early: bad input before anything ran */
static void
refused_early(ctx *c, const char *id, cJSON *fields)
{
	if (c->api) {
		app_error(c, 422, "invalid", reply_summary(fields,
		    "refused: see the fields marked"), fields);
		return;
	}
	c->failed = 1;
	show(c, id, 422, cJSON_GetArraySize(fields) == 1 ?
	    arena_strdup(c->a, fields->child->valuestring) : "refused: see the "
	    "fields marked", fields);
}

/* payment_digits: the minor units of payment id's currency (2 if none) */
static int
payment_digits(ctx *c, const char *id)
{
	const char *p[1] = { api_uuid_ok(id) ? id : NULL };
	static const char *const keys[] = { "#d", "direction", NULL };
	cJSON *r = query_rows(c, "SELECT cu.minor_units, p.direction FROM "
	    "payments p JOIN currencies cu ON cu.code = p.currency WHERE p.id = "
	    "$1::uuid", 1, p, keys);
	int d = r && cJSON_GetArraySize(r) ? (int)query_i64(r->child, "d") : 2;
	cJSON_Delete(r);
	return d;
}

static void
allocate_route(ctx *c)
{
	const char *id = app_param(c, "id");
	if (payment_side_refused(c, id, 1))
		return;
	cJSON *fields = cJSON_CreateObject();
	payment_alloc_in *a = NULL;
	size_t n = 0;
	if (c->req.json && !cJSON_IsObject(c->req.json))
		api_field(fields, "body", "a JSON object");
	else if (c->req.json && field_known_in(c, c->req.json, NULL,
	    "allocations[invoice bill amount]", fields) == 0)
		json_allocs(c, c->req.json, &a, &n, fields);
	else
		form_allocs(c, !field_blank(http_arg(&c->req, "direction")) &&
		    strcmp(http_arg(&c->req, "direction"), "out") != 0,
		    payment_digits(c, id), &a, &n, fields);
	if (cJSON_GetArraySize(fields) == 0 && n == 0)
		api_field(fields, "allocations", "at least one document and its "
		    "amount");
	if (cJSON_GetArraySize(fields) > 0) {
		refused_early(c, id, fields);
		return;
	}
	cJSON_Delete(fields);
	if (!c->api && reply_savepoint(c) < 0)
		return;
	char field[48];
	db_res err;
	if (payment_allocate(c->db, id, a, n, field, &err) < 0) {
		action_refused(c, id, &err, field);
		return;
	}
	done(c, id, 200);
}

/* read_refund: {"amount": n or money, "method"?, "account"?,
 * "payment_date"?, "reference"?} or the refund form */
static void
read_refund(ctx *c, payment_refund_in *in, int digits, cJSON *fields)
{
	const cJSON *o = c->req.json;
	if (o && !cJSON_IsObject(o)) {
		api_field(fields, "body", "a JSON object");
		return;
	}
	if (field_known_in(c, o, NULL, "method account payment_date reference "
	    "amount[amount currency]", fields) > 0)
		return;
	in->method = text_field(c, o, "method", fields);
	in->account = text_field(c, o, "account", fields);
	in->payment_date = text_field(c, o, "payment_date", fields);
	in->reference = text_field(c, o, "reference", fields);
	if (o) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, "amount");
		char cur[4];
		if ((cJSON_IsObject(m) ? api_get_money(m, &in->amount, cur) :
		    api_get_int(m, &in->amount)) < 0 || in->amount <= 0) {
			api_field(fields, "amount", "a whole number of minor units, "
			    "more than zero");
			in->amount = 0;
		}
		return;
	}
	if (typed_amount(c, http_arg(&c->req, "amount"), digits, &in->amount) <
	    0 || in->amount <= 0) {
		api_field(fields, "amount", "an amount more than zero");
		in->amount = 0;
	}
}

static void
refund_route(ctx *c)
{
	const char *id = app_param(c, "id");
	if (payment_side_refused(c, id, 1))
		return;
	payment_refund_in in = {0};
	cJSON *fields = cJSON_CreateObject();
	read_refund(c, &in, payment_digits(c, id), fields);
	if (cJSON_GetArraySize(fields) > 0) {
		refused_early(c, id, fields);
		return;
	}
	cJSON_Delete(fields);
	if (!c->api && reply_savepoint(c) < 0)
		return;
	char rid[PAYMENT_ID_LEN];
	db_res err;
	if (payment_refund(c->db, c->user_id, id, &in, rid, &err) < 0) {
		action_refused(c, id, &err, in.field);
		return;
	}
	done(c, rid, 201);
}

/* credit_note_refund_route: POST .../payments/credit-notes/{id}/refund:
 * pays out a credit note's open credit (the refund lives here, with the
 * payments; the credit note page links to it) */
static void
credit_note_refund_route(ctx *c)
{
	const char *id = app_param(c, "id");
	if (side_refused(c, "in", 1))	/* paid back to a customer */
		return;
	payment_refund_in in = {0};
	cJSON *fields = cJSON_CreateObject();
	read_refund(c, &in, docform_digits(c, NULL, NULL), fields);
	if (cJSON_GetArraySize(fields) > 0) {
		app_error(c, 422, "invalid", fields->child->valuestring, fields);
		return;
	}
	cJSON_Delete(fields);
	char rid[PAYMENT_ID_LEN];
	db_res err;
	if (payment_refund_credit_note(c->db, c->user_id, id, &in, rid,
	    &err) < 0) {
		failed(c, &err, in.field);
		return;
	}
	done(c, rid, 201);
}

/* ---- statements ---- */

static void
statement(ctx *c)
{
	statement_in in = { .party = app_param(c, "party"),
	    .side = field_query(c, "side"),
	    .currency = field_query(c, "currency"),
	    .from = field_query(c, "from"), .to = field_query(c, "to") };
	/* a customer's statement is the sales side's to read, a supplier's
	 * the purchases side's; unasked, the side the caller may read */
	if (in.side == NULL && !auth_can(c, "sales.read"))
		in.side = "supplier";
	else if (in.side == NULL && !auth_can(c, "purchases.read"))
		in.side = "customer";
	if (in.side && strcmp(in.side, "supplier") == 0 && !auth_can(c,
	    "purchases.read")) {
		app_error(c, 403, "forbidden", "a supplier's statement needs the "
		    "purchases.read permission", NULL);
		return;
	}
	if (in.side && strcmp(in.side, "customer") == 0 && !auth_can(c,
	    "sales.read")) {
		app_error(c, 403, "forbidden", "a customer's statement needs the "
		    "sales.read permission", NULL);
		return;
	}
	cJSON *o;
	db_res err;
	if (statement_build(c->db, &in, &o, &err) < 0) {
		if (strcmp(err.sqlstate, "P0002") == 0) {
			db_res_clear(&err);
			app_error(c, 404, "not_found", "no such party", NULL);
			return;
		}
		failed(c, &err, in.field);
		return;
	}
	const char *cur = arena_strdup(c->a, cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "currency")));
	int digits = (int)query_i64(o, "digits");
	static const char *const top[] = { "opening", "closing", NULL };
	static const char *const line[] = { "debit", "credit", "balance", NULL };
	static const char *const aging[] = { "current", "days_1_30",
	    "days_31_60", "days_61_90", "days_over_90", "total",
	    "unapplied_credit", NULL };
	static const char *const open[] = { "open", NULL };
	cJSON *x;
	cJSON_ArrayForEach(x, cJSON_GetObjectItem(o, "items")) {
		reply_monies(c, x, cur, digits, line);
		if (!c->api) {
			/* a page leaves the empty side blank */
			static const char *const sides[] = { "debit", "credit" };
			for (int k = 0; k < 2; k++)
				if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(x,
				    sides[k])), reply_money_text(c, 0, digits)) == 0)
					cJSON_ReplaceItemInObject(x, sides[k],
					    cJSON_CreateString(""));
		}
	}
	cJSON_ArrayForEach(x, cJSON_GetObjectItem(o, "open_items"))
		reply_monies(c, x, cur, digits, open);
	reply_monies(c, cJSON_GetObjectItem(o, "aging"), cur, digits, aging);
	reply_monies(c, o, cur, digits, top);
	if (c->api) {
		cJSON_DeleteItemFromObject(o, "digits");
		app_render(c, 200, NULL, NULL, o);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	const char *name = arena_strdup(c->a, cJSON_GetStringValue(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(o, "party"), "name")));
	cJSON_AddItemToObject(d, "statement", o);
	app_render(c, 200, "statement.cs", arena_printf(c->a, "Statement: %s",
	    name), d);
}

/* either side's permission lets a request in; the handlers then check
 * the payment's or the statement's own side (side_refused) */
#define EITHER_READ "sales.read|purchases.read"
#define EITHER_WRITE "sales.write|purchases.write"

static const route routes[] = {
	{ "GET", "~/payments", payments, 0, EITHER_READ },
	{ "POST", "~/payments", payment_post, 0, EITHER_WRITE },
	{ "GET", "/app/payments/new", payment_new, 0, EITHER_WRITE },
	{ "GET", "~/payments/{id}", payment, 0, EITHER_READ },
	{ "POST", "~/payments/{id}/allocate", allocate_route, 0, EITHER_WRITE },
	{ "POST", "~/payments/{id}/refund", refund_route, 0, EITHER_WRITE },
	{ "POST", "~/payments/credit-notes/{id}/refund",
	    credit_note_refund_route, 0, "sales.write" },
	{ "GET", "~/statements/{party}", statement, 0, EITHER_READ },
};

int
main(void)
{
	return serve_main("payments", routes, sizeof(routes) / sizeof(routes[0]));
}
