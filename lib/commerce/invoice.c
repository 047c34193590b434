/* invoice.c: sales invoices and credit notes: drafts, issue with a gapless
 * number and its posting, settlement, void by reversal, credit notes, and
 * the overdue sweep.  Every call runs in the caller's transaction. */
#include "commerce/invoice.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "web/api.h"
#include "books/books_setup.h"
#include "commerce/linemoney.h"
#include "commerce/document.h"
#include "books/ledger.h"
#include "db/outbox.h"
#include "web/field.h"

/* ---- lines ---- */

/* A line as it is stored. */
typedef document_line line;

/* the accounts a sale's lines may credit */
static const char *const income[] = { "income", NULL };

/* resolve_line: in's line i checked and completed into out; the strings
 * live in keep (one result per line, cleared by the caller) */
static int
resolve_line(db *d, const char *currency, const invoice_line_in *in,
    size_t i, line *out, db_res *keep, char *field, db_res *err)
{
	char at[32];
	snprintf(at, sizeof(at), "lines[%zu]", i);
	memset(out, 0, sizeof(*out));
	out->m.quantity = in->quantity;
	out->m.unit_price = in->unit_price;
	out->m.discount_ppm = in->discount_ppm;
	out->description = document_opt(in->description);
	out->unit = in->unit;
	out->tax_group = in->tax_group;
	out->account = document_opt(in->account);
	out->source_type = document_opt(in->source_type);
	out->source_id = document_opt(in->source_id);
	if (out->source_id && !api_uuid_ok(out->source_id))
		return document_refuse(field, err, "22023", at, "%s: source_id "
		    "must be an id (a UUID)", at);
	if (document_opt(in->product)) {
		const char *p[2] = { in->product, currency };
		int by_id = api_uuid_ok(in->product);
		if (db_run(d, keep, by_id ? "SELECT p.id::text, p.name, p.unit, "
		    "p.tracked, p.tax_group, p.archived, (SELECT unit_price FROM "
		    "product_prices x WHERE x.product_id = p.id AND x.currency = "
		    "$2) FROM products p WHERE p.id = $1::uuid" : "SELECT "
		    "p.id::text, p.name, p.unit, p.tracked, p.tax_group, "
		    "p.archived, (SELECT unit_price FROM product_prices x WHERE "
		    "x.product_id = p.id AND x.currency = $2) FROM products p "
		    "WHERE p.sku = $1", 2, p, err) < 0)
			return -1;
		char f[48];
		snprintf(f, sizeof(f), "%s.product", at);
		if (keep->rows != 1)
			return document_refuse(field, err, "22023", f, "%s: no such "
			    "product", f);
		int tracked = 0, archived = 0;
		db_bool(keep, 0, 3, &tracked);
		db_bool(keep, 0, 5, &archived);
		if (archived)
			return document_refuse(field, err, "22023", f, "%s: the product "
			    "%s is archived", f, db_text(keep, 0, 1));
		out->product_id = db_text(keep, 0, 0);
		if (out->description == NULL)
			out->description = db_text(keep, 0, 1);
		if (out->unit == NULL)
			out->unit = db_text(keep, 0, 2);
		if (out->tax_group == NULL)
			out->tax_group = db_text(keep, 0, 4);
		if (out->account == NULL)
			out->account = tracked ? "@sales" : "@services";
		if (out->m.unit_price < 0) {
			if (db_isnull(keep, 0, 6)) {
				snprintf(f, sizeof(f), "%s.unit_price", at);
				return document_refuse(field, err, "22023", f, "%s: the "
				    "product has no price in %s: give one", f,
				    currency);
			}
			db_i64(keep, 0, 6, &out->m.unit_price);
		}
	}
	char f[48];
	if (out->description == NULL) {
		snprintf(f, sizeof(f), "%s.description", at);
		return document_refuse(field, err, "22023", f, "%s: a description "
		    "(or a product)", f);
	}
	if (strlen(out->description) > 500) {
		snprintf(f, sizeof(f), "%s.description", at);
		return document_refuse(field, err, "22023", f, "%s: at most 500 "
		    "characters", f);
	}
	if (out->m.unit_price < 0) {
		snprintf(f, sizeof(f), "%s.unit_price", at);
		return document_refuse(field, err, "22023", f, "%s: a price in minor "
		    "units, not negative", f);
	}
	if (out->m.quantity <= 0 || out->m.quantity > LINEMONEY_QTY_MAX) {
		snprintf(f, sizeof(f), "%s.quantity", at);
		return document_refuse(field, err, "22023", f, "%s: a whole number "
		    "from 1 to %lld", f, (long long)LINEMONEY_QTY_MAX);
	}
	if (out->m.discount_ppm < 0 || out->m.discount_ppm > 1000000) {
		snprintf(f, sizeof(f), "%s.discount", at);
		return document_refuse(field, err, "22023", f, "%s: from 0%% to 100%%",
		    f);
	}
	if (out->tax_group && *out->tax_group == '\0')
		out->tax_group = NULL;
	if (out->account == NULL)
		out->account = "@sales";
	return 0;
}

/* ---- drafts ---- */

/* The draft being written. */
typedef struct draft {
	const char *kind, *credit_of, *order_id;
	const char *party_id, *currency, *issue_date, *due_date;
	const char *reference, *notes;
	line *lines;
	size_t n;
} draft;

/* write_draft: inserts (id NULL) or updates the draft; its id into out,
 * its money (lines and tax) into doc */
static int
write_draft(db *d, const char *user_id, const char *id, const draft *w,
    const char *tenant, const char *today, char out[INVOICE_ID_LEN],
    taxdoc *doc, char *field, db_res *err)
{
	if (w->n == 0)
		return document_refuse(field, err, "22023", "lines", "lines: an "
		    "invoice has at least one line");
	if (w->n > LINEMONEY_MAX)
		return document_refuse(field, err, "22023", "lines", "lines: at most "
		    "%d", LINEMONEY_MAX);
	if (w->issue_date && !field_date_ok(w->issue_date))
		return document_refuse(field, err, "22023", "issue_date", "issue_date: "
		    "a date, YYYY-MM-DD");
	if (w->due_date && !field_date_ok(w->due_date))
		return document_refuse(field, err, "22023", "due_date", "due_date: a "
		    "date, YYYY-MM-DD");
	if (w->issue_date && w->due_date && strcmp(w->due_date,
	    w->issue_date) < 0)
		return document_refuse(field, err, "22023", "due_date", "due_date: not "
		    "before the issue date");
	if (w->reference && strlen(w->reference) > 100)
		return document_refuse(field, err, "22023", "reference", "reference: "
		    "at most 100 characters");
	if (w->notes && strlen(w->notes) > 4000)
		return document_refuse(field, err, "22023", "notes", "notes: at most "
		    "4000 characters");
	if (document_accounts(d, w->lines, w->n, income, "income", field,
	    err) < 0)
		return -1;
	if (document_compute(d, w->issue_date ? w->issue_date : today, 0,
	    w->lines, w->n, doc, err) < 0) {
		snprintf(field, 48, "lines");
		return -1;
	}
	char net[24], tax[24], total[24];
	document_i64s(net, doc->net);
	document_i64s(tax, doc->tax);
	document_i64s(total, doc->gross);
	db_res r;
	const char *p[13] = { w->party_id, w->currency, w->issue_date,
	    w->due_date, w->reference ? w->reference : "", w->notes ? w->notes :
	    "", net, tax, total, user_id, w->kind, w->credit_of, w->order_id };
	if (id)
		p[9] = id;
	int rc = id == NULL ? db_run(d, &r, "INSERT INTO invoices (tenant_id, "
	    "party_id, currency, issue_date, due_date, reference, notes, net, "
	    "tax, total, created_by, kind, credit_of, order_id, "
	    "billing_address) VALUES (bursar_tenant(), $1::uuid, $2, $3::date, "
	    "$4::date, $5, $6, $7, $8, $9, $10::uuid, $11, $12::uuid, "
	    "$13::uuid, coalesce((SELECT concat_ws(E'\\n', a.line1, "
	    "nullif(a.line2, ''), nullif(concat_ws(' ', nullif(a.postal_code, "
	    "''), nullif(a.city, '')), ''), nullif(a.region, ''), a.country) "
	    "FROM party_addresses a WHERE a.party_id = $1::uuid AND a.kind = "
	    "'billing' ORDER BY a.is_default DESC, a.id LIMIT 1), '')) "
	    "RETURNING id::text", 13, p, err) : db_run(d, &r, "UPDATE invoices SET "
	    "party_id = $1::uuid, currency = $2, issue_date = $3::date, "
	    "due_date = $4::date, reference = $5, notes = $6, net = $7, tax = "
	    "$8, total = $9, billing_address = coalesce((SELECT concat_ws("
	    "E'\\n', a.line1, nullif(a.line2, ''), nullif(concat_ws(' ', "
	    "nullif(a.postal_code, ''), nullif(a.city, '')), ''), nullif("
	    "a.region, ''), a.country) FROM party_addresses a WHERE a.party_id "
	    "= $1::uuid AND a.kind = 'billing' ORDER BY a.is_default DESC, a.id "
	    "LIMIT 1), '') WHERE id = $10::uuid AND status = 'draft' "
	    "RETURNING id::text", 10, p, err);
	if (rc < 0)
		return -1;
	if (r.rows != 1) {
		db_res_clear(&r);
		return db_refuse(err, "40001", "only a draft can be changed");
	}
	snprintf(out, INVOICE_ID_LEN, "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	/* a new draft has no lines to replace */
	if ((id ? document_store(d, DOCUMENT_INVOICE, out, w->lines, w->n, doc,
	    err) : document_store_new(d, DOCUMENT_INVOICE, out, w->lines, w->n,
	    doc, err)) < 0)
		return -1;
	if (strcmp(w->kind, "invoice") != 0)
		return 0;	/* a credit note is issued at once */
	cJSON *ev = cJSON_CreateObject();
	document_add_str(ev, "id", out);
	document_add_str(ev, "party_id", w->party_id);
	document_add_str(ev, "currency", w->currency);
	document_add_str(ev, "order_id", w->order_id);
	cJSON_AddItemToObject(ev, "total", api_int(doc->gross));
	return outbox_record(d, tenant, id ? "invoice.updated" : "invoice.created",
	    ev, err);
}

/* load_lines: the stored lines of invoice id (strings live in r) */
static int
load_lines(db *d, const char *id, db_res *r, line **out, size_t *n,
    db_res *err)
{
	const char *p[1] = { id };
	*out = NULL;
	*n = 0;
	if (db_run(d, r, "SELECT product_id::text, description, unit, quantity, "
	    "unit_price, discount_ppm, tax_group, account, source_type, "
	    "source_id::text, line_no FROM invoice_lines WHERE invoice_id = "
	    "$1::uuid ORDER BY line_no", 1, p, err) < 0)
		return -1;
	line *l = calloc(r->rows ? (size_t)r->rows : 1, sizeof(*l));
	if (l == NULL) {
		db_res_clear(r);
		return db_refuse(err, "53200", "out of memory");
	}
	for (int i = 0; i < r->rows; i++) {
		l[i].product_id = db_text(r, i, 0);
		l[i].description = db_text(r, i, 1);
		l[i].unit = db_text(r, i, 2);
		db_i64(r, i, 3, &l[i].m.quantity);
		db_i64(r, i, 4, &l[i].m.unit_price);
		db_i64(r, i, 5, &l[i].m.discount_ppm);
		l[i].tax_group = db_text(r, i, 6);
		l[i].account = db_text(r, i, 7);
		l[i].source_type = db_text(r, i, 8);
		l[i].source_id = db_text(r, i, 9);
	}
	*out = l;
	*n = (size_t)r->rows;
	return 0;
}

int
invoice_draft(db *d, const char *user_id, const char *id, invoice_in *in,
    char out[INVOICE_ID_LEN], db_res *err)
{
	memset(err, 0, sizeof(*err));
	in->field[0] = '\0';
	db_res cur = {0}, old = {0}, *keep = NULL;
	document_party pt = {0};
	line *lines = NULL;
	int rc = -1;
	draft w = { .kind = "invoice" };
	if (id) {
		const char *p[1] = { id };
		if (!api_uuid_ok(id))
			return db_refuse(err, "P0002", "no such invoice");
		if (db_run(d, &cur, "SELECT status, kind, party_id::text, currency, "
		    "issue_date::text, due_date::text, reference, notes, "
		    "order_id::text FROM invoices WHERE id = $1::uuid FOR UPDATE",
		    1, p, err) < 0)
			return -1;
		if (cur.rows != 1) {
			db_res_clear(&cur);
			return db_refuse(err, "P0002", "no such invoice");
		}
		if (strcmp(db_text(&cur, 0, 0), "draft") != 0 ||
		    strcmp(db_text(&cur, 0, 1), "invoice") != 0) {
			db_refuse(err, "40001", "only a draft can be changed: "
			    "this %s is %s", strcmp(db_text(&cur, 0, 1),
			    "invoice") == 0 ? "invoice" : "credit note",
			    db_text(&cur, 0, 0));
			db_res_clear(&cur);
			return -1;
		}
	}
	if (document_find_party(d, "customer", in->customer ? in->customer : id ?
	    db_text(&cur, 0, 2) : NULL, &pt, in->field, err) < 0)
		goto out;
	w.party_id = pt.id;
	w.currency = in->currency ? in->currency : id && !in->customer ?
	    db_text(&cur, 0, 3) : pt.currency;
	if (document_currency(d, w.currency, in->field, err) < 0)
		goto out;
	w.issue_date = in->issue_date ? document_opt(in->issue_date) : id ?
	    db_text(&cur, 0, 4) : NULL;
	w.due_date = in->due_date ? document_opt(in->due_date) : id ? db_text(&cur,
	    0, 5) : NULL;
	w.reference = in->reference ? in->reference : id ? db_text(&cur, 0, 6) :
	    "";
	w.notes = in->notes ? in->notes : id ? db_text(&cur, 0, 7) : "";
	w.order_id = id ? db_text(&cur, 0, 8) : NULL;
	if (id && !in->set_lines) {
		if (load_lines(d, id, &old, &lines, &w.n, err) < 0)
			goto out;
	} else {
		if (in->n > LINEMONEY_MAX) {
			document_refuse(in->field, err, "22023", "lines", "lines: at "
			    "most %d", LINEMONEY_MAX);
			goto out;
		}
		lines = calloc(in->n ? in->n : 1, sizeof(*lines));
		keep = calloc(in->n ? in->n : 1, sizeof(*keep));
		if (lines == NULL || keep == NULL) {
			db_refuse(err, "53200", "out of memory");
			goto out;
		}
		for (size_t i = 0; i < in->n; i++)
			if (resolve_line(d, w.currency, &in->lines[i], i,
			    &lines[i], &keep[i], in->field, err) < 0)
				goto out;
		w.n = in->n;
	}
	w.lines = lines;
	taxdoc doc;
	rc = write_draft(d, user_id, id, &w, pt.tenant, pt.today, out, &doc,
	    in->field, err);
out:
	for (size_t i = 0; keep && i < in->n; i++)
		db_res_clear(&keep[i]);
	free(keep);
	free(lines);
	db_res_clear(&old);
	db_res_clear(&pt.r);
	db_res_clear(&cur);
	return rc;
}

int
invoice_delete(db *d, const char *invoice_id, db_res *err)
{
	return document_delete(d, DOCUMENT_INVOICE, invoice_id, "void it or "
	    "issue a credit note", err);
}

/* ---- from an order ---- */

static int issue_draft(db *d, const char *user_id, const char *invoice_id,
    const char *date, const line *known, size_t nknown,
    const taxdoc *known_doc, db_res *err);

/* from_order: invoice_from_order; unless non-zero, an order invoiced
 * already is left as it is (0, id "") rather than refused */
static int
from_order(db *d, const char *user_id, const char *order_id,
    const char *date, int issue, int unless, char id[INVOICE_ID_LEN],
    db_res *err)
{
	memset(err, 0, sizeof(*err));
	id[0] = '\0';
	if (order_id == NULL || !api_uuid_ok(order_id))
		return db_refuse(err, "P0002", "no such order");
	if (date && !field_date_ok(date))
		return db_refuse(err, "22023", "date: a date, YYYY-MM-DD");
	db_res o, ls = {0};
	line *lines = NULL;
	int rc = -1;
	char field[48];
	const char *p[1] = { order_id };
	/* the order locked, with the invoice it may have already */
	if (db_run(d, &o, "SELECT o.party_id::text, o.currency, o.status, "
	    "o.number, o.reference, o.notes, current_date::text, "
	    "bursar_tenant()::text, EXISTS (SELECT 1 FROM invoices i WHERE "
	    "i.order_id = o.id AND i.kind = 'invoice' AND i.status <> 'void'), "
	    "(SELECT i.number FROM invoices i WHERE i.order_id = o.id AND "
	    "i.kind = 'invoice' AND i.status <> 'void' LIMIT 1) FROM orders o "
	    "WHERE o.id = $1::uuid FOR UPDATE OF o", 1, p, err) < 0)
		return -1;
	if (o.rows != 1) {
		db_refuse(err, "P0002", "no such order");
		goto out;
	}
	if (strcmp(db_text(&o, 0, 2), "cancelled") == 0) {
		db_refuse(err, "40001", "order %s is cancelled: it is not "
		    "invoiced", db_text(&o, 0, 3));
		goto out;
	}
	int invoiced = 0;
	db_bool(&o, 0, 8, &invoiced);
	if (invoiced && unless) {
		rc = 0;
		goto out;
	}
	if (invoiced) {
		db_refuse(err, "23505", "order %s is invoiced already (%s)",
		    db_text(&o, 0, 3), db_text(&o, 0, 9) ? db_text(&o, 0, 9) :
		    "a draft");
		goto out;
	}
	if (db_run(d, &ls, "SELECT l.product_id::text, l.description, p.unit, "
	    "l.quantity, l.unit_price, l.discount_ppm, l.tax_group, CASE WHEN "
	    "p.tracked THEN '@sales' ELSE '@services' END, l.line_no FROM "
	    "order_lines l JOIN products p ON p.tenant_id = l.tenant_id AND "
	    "p.id = l.product_id WHERE l.order_id = $1::uuid ORDER BY "
	    "l.line_no", 1, p, err) < 0)
		goto out;
	size_t n = (size_t)ls.rows;
	lines = calloc(n ? n : 1, sizeof(*lines));
	if (lines == NULL) {
		db_refuse(err, "53200", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		int r = (int)i;
		lines[i].product_id = db_text(&ls, r, 0);
		lines[i].description = db_text(&ls, r, 1);
		lines[i].unit = db_text(&ls, r, 2);
		db_i64(&ls, r, 3, &lines[i].m.quantity);
		db_i64(&ls, r, 4, &lines[i].m.unit_price);
		db_i64(&ls, r, 5, &lines[i].m.discount_ppm);
		lines[i].tax_group = db_text(&ls, r, 6);
		lines[i].account = db_text(&ls, r, 7);
		lines[i].source_type = "order";
		lines[i].source_id = order_id;
	}
	draft w = { .kind = "invoice", .order_id = order_id,
	    .party_id = db_text(&o, 0, 0), .currency = db_text(&o, 0, 1),
	    .issue_date = date, .reference = db_text(&o, 0, 4),
	    .notes = db_text(&o, 0, 5), .lines = lines, .n = n };
	taxdoc doc;
	if (write_draft(d, user_id, NULL, &w, db_text(&o, 0, 7),
	    db_text(&o, 0, 6), id, &doc, field, err) < 0)
		goto out;
	/* issued at once, on the day its money was just computed for
	 * (date, or today for both): the lines and tax are those written */
	rc = issue ? issue_draft(d, user_id, id, date, lines, n, &doc, err) :
	    0;
out:
	free(lines);
	db_res_clear(&ls);
	db_res_clear(&o);
	return rc;
}

int
invoice_from_order(db *d, const char *user_id, const char *order_id,
    const char *date, int issue, char id[INVOICE_ID_LEN], db_res *err)
{
	return from_order(d, user_id, order_id, date, issue, 0, id, err);
}

int
invoice_order_once(db *d, const char *user_id, const char *order_id,
    const char *date, db_res *err)
{
	char id[INVOICE_ID_LEN];
	return from_order(d, user_id, order_id, date, 1, 1, id, err);
}

/* ---- issue ---- */

/* post: the entry of an issued document: receivable against income and
 * tax (sign 1), or the mirror for a credit note (sign -1) */
static int
post(db *d, const char *user_id, const char *id, const char *party_id,
    const char *currency, const char *date, const char *memo, int credit,
    const line *l, size_t n, const taxdoc *doc, char entry[LEDGER_ID_LEN],
    db_res *err)
{
	ledger_line *ll = calloc(n + doc->ntotals + 1, sizeof(*ll));
	if (ll == NULL)
		return db_refuse(err, "53200", "out of memory");
	size_t k = 0;
	ll[k].account = "@receivable";
	ll[k].party_id = party_id;
	*(credit ? &ll[k].credit : &ll[k].debit) = doc->gross;
	k++;
	/* income by account, in the order the accounts first appear */
	for (size_t i = 0; i < n; i++) {
		size_t j = 1;
		while (j < k && strcmp(ll[j].account, l[i].account) != 0)
			j++;
		if (j == k) {
			ll[k].account = l[i].account;
			k++;
		}
		*(credit ? &ll[j].debit : &ll[j].credit) += l[i].m.net;
	}
	for (size_t t = 0; t < doc->ntotals; t++) {
		if (doc->totals[t].tax == 0)
			continue;
		ll[k].account = doc->totals[t].account;
		ll[k].tax_code = doc->totals[t].rate;
		*(credit ? &ll[k].debit : &ll[k].credit) = doc->totals[t].tax;
		k++;
	}
	/* lines of nothing (a free line) are left out */
	size_t m = 0;
	for (size_t i = 0; i < k; i++)
		if (ll[i].debit || ll[i].credit)
			ll[m++] = ll[i];
	ledger_entry e = { .date = date, .memo = memo, .source_type =
	    "invoice", .source_id = id, .currency = currency, .lines = ll,
	    .nlines = m };
	int rc = ledger_post(d, user_id, &e, entry, err);
	free(ll);
	return rc;
}

/* issue_draft: invoice_issue; when the caller has just written the
 * draft's lines and computed its money for the day it is issued on
 * (known, nknown, known_doc), they are taken as they are, else the lines
 * are read and their money computed anew for that day and stored */
static int
issue_draft(db *d, const char *user_id, const char *invoice_id,
    const char *date, const line *known, size_t nknown,
    const taxdoc *known_doc, db_res *err)
{
	memset(err, 0, sizeof(*err));
	if (invoice_id == NULL || !api_uuid_ok(invoice_id))
		return db_refuse(err, "P0002", "no such invoice");
	if (date && !field_date_ok(date))
		return db_refuse(err, "22023", "date: a date, YYYY-MM-DD");
	db_res h, ls = {0}, num = {0}, u = {0};
	line *lines = NULL;
	size_t n = 0;
	int rc = -1;
	const char *p[2] = { invoice_id, date };
	if (db_run(d, &h, "SELECT i.kind, i.status, i.party_id::text, i.currency, "
	    "coalesce($2::date, i.issue_date, current_date)::text, "
	    "coalesce(i.due_date, CASE WHEN i.kind = 'invoice' THEN "
	    "coalesce($2::date, i.issue_date, current_date) + p.terms_days ELSE "
	    "coalesce($2::date, i.issue_date, current_date) END)::text, "
	    "bursar_tenant()::text, i.order_id::text, i.credit_of::text, "
	    "(SELECT c.number FROM invoices c WHERE c.id = i.credit_of) FROM "
	    "invoices i JOIN parties p ON p.tenant_id = i.tenant_id AND p.id = "
	    "i.party_id WHERE i.id = $1::uuid FOR UPDATE OF i", 2, p, err) < 0)
		return -1;
	if (h.rows != 1) {
		db_refuse(err, "P0002", "no such invoice");
		goto out;
	}
	const char *kind = db_text(&h, 0, 0), *status = db_text(&h, 0, 1);
	const char *party_id = db_text(&h, 0, 2), *currency = db_text(&h, 0, 3);
	const char *on = db_text(&h, 0, 4), *due = db_text(&h, 0, 5);
	const char *tenant = db_text(&h, 0, 6);
	int credit = strcmp(kind, "credit_note") == 0;
	if (strcmp(status, "draft") != 0) {
		db_refuse(err, "40001", "only a draft can be issued: this one is "
		    "%s", status);
		goto out;
	}
	if (strcmp(due, on) < 0) {
		db_refuse(err, "22023", "due_date: not before the issue date "
		    "(%s)", on);
		goto out;
	}
	taxdoc doc;
	const line *l = known;
	if (known) {
		n = nknown;
		doc = *known_doc;
	} else {
		if (load_lines(d, invoice_id, &ls, &lines, &n, err) < 0)
			goto out;
		l = lines;
	}
	if (n == 0) {
		db_refuse(err, "23514", "an invoice without lines cannot be "
		    "issued");
		goto out;
	}
	/* the rates in force on the day it is issued */
	if (!known && (document_compute(d, on, 0, lines, n, &doc, err) < 0 ||
	    document_store(d, DOCUMENT_INVOICE, invoice_id, lines, n, &doc,
	    err) < 0))
		goto out;
	if (doc.gross <= 0) {
		db_refuse(err, "23514", "the total is zero: there is nothing to "
		    "%s", credit ? "credit" : "invoice");
		goto out;
	}
	const char *np[2] = { credit ? "credit_note" : "invoice", on };
	if (db_run(d, &num, "SELECT doc_next_number($1, $2::date)", 2, np,
	    err) < 0)
		goto out;
	const char *number = db_text(&num, 0, 0);
	char memo[200], entry[LEDGER_ID_LEN];
	if (credit)
		snprintf(memo, sizeof(memo), "Credit note %s for %s", number,
		    db_text(&h, 0, 9) ? db_text(&h, 0, 9) : "");
	else
		snprintf(memo, sizeof(memo), "Invoice %s", number);
	if (post(d, user_id, invoice_id, party_id, currency, on, memo, credit,
	    l, n, &doc, entry, err) < 0)
		goto out;
	char net[24], tax[24], total[24];
	document_i64s(net, doc.net);
	document_i64s(tax, doc.tax);
	document_i64s(total, doc.gross);
	const char *up[8] = { invoice_id, number, on, due, entry, net, tax,
	    total };
	/* the seller as it is today is the seller this document names for
	 * good: a later change of the business's details is not the law's
	 * record of what was invoiced */
	if (db_run(d, &u, "UPDATE invoices i SET status = 'issued', number = "
	    "$2, issue_date = $3::date, due_date = $4::date, entry_id = "
	    "$5::uuid, net = $6, tax = $7, total = $8, issued_at = now(), "
	    "seller_name = t.name, seller_address = t.address, seller_tax_id = "
	    "t.tax_id FROM tenants t WHERE t.id = i.tenant_id AND i.id = "
	    "$1::uuid", 8, up, err) < 0)
		goto out;
	cJSON *ev = cJSON_CreateObject();
	document_add_str(ev, "id", invoice_id);
	document_add_str(ev, "number", number);
	document_add_str(ev, "party_id", party_id);
	document_add_str(ev, "currency", currency);
	cJSON_AddItemToObject(ev, "total", api_int(doc.gross));
	document_add_str(ev, "issue_date", on);
	document_add_str(ev, "due_date", due);
	document_add_str(ev, credit ? "credit_of" : "order_id", db_text(&h, 0,
	    credit ? 8 : 7));
	document_add_str(ev, "entry_id", entry);
	rc = outbox_record(d, tenant, credit ? "credit_note.issued" :
	    "invoice.issued", ev, err);
out:
	free(lines);
	db_res_clear(&u);
	db_res_clear(&num);
	db_res_clear(&ls);
	db_res_clear(&h);
	return rc;
}

int
invoice_issue(db *d, const char *user_id, const char *invoice_id,
    const char *date, db_res *err)
{
	return issue_draft(d, user_id, invoice_id, date, NULL, 0, NULL, err);
}

/* ---- settlement ---- */

int
invoice_settle(db *d, const char *invoice_id, int64_t amount, db_res *err)
{
	return document_settle(d, DOCUMENT_INVOICE, invoice_id, amount, err);
}

int
invoice_mark_overdue(db *d, int *n, db_res *err)
{
	return document_mark_overdue(d, DOCUMENT_INVOICE, n, err);
}

/* ---- void ---- */

int
invoice_void(db *d, const char *user_id, const char *invoice_id,
    const char *date, db_res *err)
{
	memset(err, 0, sizeof(*err));
	if (invoice_id == NULL || !api_uuid_ok(invoice_id))
		return db_refuse(err, "P0002", "no such invoice");
	if (date && !field_date_ok(date))
		return db_refuse(err, "22023", "date: a date, YYYY-MM-DD");
	db_res r, u = {0};
	const char *p[2] = { invoice_id, date };
	if (db_run(d, &r, "SELECT i.kind, i.status, i.paid, i.entry_id::text, "
	    "i.number, bursar_tenant()::text, coalesce($2::date, "
	    "current_date)::text, EXISTS (SELECT 1 FROM invoices c WHERE "
	    "c.credit_of = i.id AND c.status <> 'void'), i.party_id::text, "
	    "i.total FROM invoices i WHERE i.id = $1::uuid FOR UPDATE", 2, p,
	    err) < 0)
		return -1;
	int rc = -1;
	if (r.rows != 1) {
		db_refuse(err, "P0002", "no such invoice");
		goto out;
	}
	const char *st = db_text(&r, 0, 1);
	int64_t paid = 0;
	int credited = 0;
	db_i64(&r, 0, 2, &paid);
	db_bool(&r, 0, 7, &credited);
	if (strcmp(db_text(&r, 0, 0), "invoice") != 0) {
		db_refuse(err, "40001", "a credit note is not voided");
		goto out;
	}
	if (strcmp(st, "draft") == 0) {
		db_refuse(err, "40001", "a draft is deleted, not voided");
		goto out;
	}
	if (strcmp(st, "void") == 0) {
		db_refuse(err, "40001", "%s is void already", db_text(&r, 0, 4));
		goto out;
	}
	if (paid > 0 || credited) {
		db_refuse(err, "40001", "%s has payments or credit notes against "
		    "it: issue a credit note instead of voiding it",
		    db_text(&r, 0, 4));
		goto out;
	}
	char rev[LEDGER_ID_LEN], memo[200];
	snprintf(memo, sizeof(memo), "Void of invoice %s", db_text(&r, 0, 4));
	if (ledger_reverse(d, user_id, db_text(&r, 0, 3), db_text(&r, 0, 6),
	    memo, rev, err) < 0)
		goto out;
	const char *up[2] = { invoice_id, rev };
	if (db_run(d, &u, "UPDATE invoices SET status = 'void', void_entry_id = "
	    "$2::uuid, voided_at = now() WHERE id = $1::uuid", 2, up, err) < 0)
		goto out;
	cJSON *ev = cJSON_CreateObject();
	document_add_str(ev, "id", invoice_id);
	document_add_str(ev, "number", db_text(&r, 0, 4));
	document_add_str(ev, "party_id", db_text(&r, 0, 8));
	document_add_str(ev, "reversal_entry_id", rev);
	rc = outbox_record(d, db_text(&r, 0, 5), "invoice.voided", ev, err);
out:
	db_res_clear(&u);
	db_res_clear(&r);
	return rc;
}

/* ---- credit notes ---- */

int
invoice_credit(db *d, const char *user_id, const char *invoice_id,
    invoice_credit_in *in, char id[INVOICE_ID_LEN], db_res *err)
{
	memset(err, 0, sizeof(*err));
	in->field[0] = '\0';
	if (invoice_id == NULL || !api_uuid_ok(invoice_id))
		return db_refuse(err, "P0002", "no such invoice");
	if (in->date && !field_date_ok(in->date))
		return document_refuse(in->field, err, "22023", "date", "date: a date, "
		    "YYYY-MM-DD");
	if (in->reason && strlen(in->reason) > 4000)
		return document_refuse(in->field, err, "22023", "reason", "reason: at "
		    "most 4000 characters");
	db_res h, ls = {0}, u = {0}, *keep = NULL;
	line *lines = NULL, *src = NULL;
	size_t nsrc = 0, n = 0, nkeep = 0;
	int rc = -1;
	const char *p[2] = { invoice_id, in->date };
	if (db_run(d, &h, "SELECT i.kind, i.status, i.party_id::text, i.currency, "
	    "i.number, i.total, i.total - i.paid, coalesce((SELECT sum(c.total) "
	    "FROM invoices c WHERE c.credit_of = i.id AND c.status <> 'void'), "
	    "0), bursar_tenant()::text, coalesce($2::date, current_date)::text "
	    "FROM invoices i WHERE i.id = $1::uuid FOR UPDATE", 2, p, err) < 0)
		return -1;
	if (h.rows != 1) {
		db_refuse(err, "P0002", "no such invoice");
		goto out;
	}
	const char *st = db_text(&h, 0, 1);
	if (strcmp(db_text(&h, 0, 0), "invoice") != 0) {
		db_refuse(err, "40001", "a credit note is not credited");
		goto out;
	}
	if (strcmp(st, "draft") == 0 || strcmp(st, "void") == 0) {
		db_refuse(err, "40001", "only an issued invoice takes a credit "
		    "note: this one is %s", st);
		goto out;
	}
	const char *currency = db_text(&h, 0, 3), *number = db_text(&h, 0, 4);
	int64_t total = 0, open = 0, credited = 0;
	db_i64(&h, 0, 5, &total);
	db_i64(&h, 0, 6, &open);
	db_i64(&h, 0, 7, &credited);
	if (load_lines(d, invoice_id, &ls, &src, &nsrc, err) < 0)
		goto out;
	if (in->all) {
		if (in->n > 0) {
			document_refuse(in->field, err, "22023", "lines", "lines: give "
			    "lines or all, not both");
			goto out;
		}
		lines = src;
		n = nsrc;
		src = NULL;
	} else {
		if (in->n == 0) {
			document_refuse(in->field, err, "22023", "lines", "lines: the "
			    "lines to credit, or \"all\": true");
			goto out;
		}
		if (in->n > LINEMONEY_MAX) {
			document_refuse(in->field, err, "22023", "lines", "lines: at "
			    "most %d", LINEMONEY_MAX);
			goto out;
		}
		lines = calloc(in->n, sizeof(*lines));
		keep = calloc(in->n, sizeof(*keep));
		if (lines == NULL || keep == NULL) {
			db_refuse(err, "53200", "out of memory");
			goto out;
		}
		for (size_t i = 0; i < in->n; i++) {
			const invoice_line_in *x = &in->lines[i];
			char f[48];
			if (x->line) {
				if (x->line < 1 || (size_t)x->line > nsrc) {
					snprintf(f, sizeof(f), "lines[%zu].line", i);
					document_refuse(in->field, err, "22023", f, "%s: "
					    "%s has lines 1 to %zu", f, number,
					    nsrc);
					goto out;
				}
				lines[i] = src[x->line - 1];
				if (x->quantity) {
					if (x->quantity < 0 || x->quantity >
					    lines[i].m.quantity) {
						snprintf(f, sizeof(f), "lines[%zu]."
						    "quantity", i);
						document_refuse(in->field, err, "22023",
						    f, "%s: from 1 to %" PRId64
						    ", what the line invoiced", f,
						    lines[i].m.quantity);
						goto out;
					}
					lines[i].m.quantity = x->quantity;
				}
				if (document_opt(x->description))
					lines[i].description = x->description;
			} else if (resolve_line(d, currency, x, i, &lines[i],
			    &keep[i], in->field, err) < 0) {
				nkeep = i + 1;
				goto out;
			}
			nkeep = i + 1;
			lines[i].source_type = "invoice";
			lines[i].source_id = invoice_id;
		}
		n = in->n;
	}
	/* the cap: what was invoiced less earlier credit notes, on the
	 * credit note's lines as they will be computed on its date */
	taxdoc doc;
	if (document_compute(d, db_text(&h, 0, 9), 0, lines, n, &doc, err) < 0) {
		snprintf(in->field, sizeof(in->field), "lines");
		goto out;
	}
	if (doc.gross > total - credited) {
		document_refuse(in->field, err, "23514", "lines", "lines: %s can take "
		    "back at most %" PRId64 " more (minor units of %s): this "
		    "credit note comes to %" PRId64, number, total - credited,
		    currency, doc.gross);
		goto out;
	}
	draft w = { .kind = "credit_note", .credit_of = invoice_id,
	    .party_id = db_text(&h, 0, 2), .currency = currency,
	    .issue_date = db_text(&h, 0, 9), .due_date = db_text(&h, 0, 9),
	    .reference = number, .notes = in->reason ? in->reason : "",
	    .lines = lines, .n = n };
	char field[48];
	taxdoc written;
	if (write_draft(d, user_id, NULL, &w, db_text(&h, 0, 8),
	    db_text(&h, 0, 9), id, &written, field, err) < 0) {
		snprintf(in->field, sizeof(in->field), "%s", field);
		goto out;
	}
	if (invoice_issue(d, user_id, id, db_text(&h, 0, 9), err) < 0)
		goto out;
	/* the credit note settles what is open on the invoice first */
	int64_t apply = doc.gross < open ? doc.gross : open;
	if (apply > 0) {
		char amt[24];
		document_i64s(amt, apply);
		const char *ap[3] = { id, invoice_id, amt };
		if (db_run(d, &u, "INSERT INTO payment_allocations (tenant_id, "
		    "credit_note_id, invoice_id, amount) VALUES (bursar_tenant(), "
		    "$1::uuid, $2::uuid, $3::bigint)", 3, ap, err) < 0)
			goto out;
		if (invoice_settle(d, invoice_id, apply, err) < 0 ||
		    invoice_settle(d, id, apply, err) < 0)
			goto out;
	}
	rc = 0;
out:
	for (size_t i = 0; keep && i < nkeep; i++)
		db_res_clear(&keep[i]);
	free(keep);
	free(lines);
	free(src);
	db_res_clear(&u);
	db_res_clear(&ls);
	db_res_clear(&h);
	return rc;
}
