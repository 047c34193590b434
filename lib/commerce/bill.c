/* bill.c: supplier bills: drafts, receipt with its number, posting and
 * stock, settlement, void by reversal (stock taken back out), and the
 * overdue sweep.  Every call runs in the caller's transaction. */
#include "commerce/bill.h"

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
#include "commerce/stock.h"
#include "web/field.h"

/* ---- lines ---- */

/* A line as it is stored. */
typedef document_line line;

/* the accounts a bill's lines other than stock may debit */
static const char *const spent[] = { "expense", "asset", NULL };

/* resolve_line: in's line i checked and completed into out; strings live
 * in keep (cleared by the caller) */
static int
resolve_line(db *d, const bill_line_in *in, size_t i, line *out,
    db_res *keep, char *field, db_res *err)
{
	char at[32], f[48];
	snprintf(at, sizeof(at), "lines[%zu]", i);
	memset(out, 0, sizeof(*out));
	out->m.quantity = in->quantity;
	out->m.unit_price = in->unit_price;
	out->description = document_opt(in->description);
	out->tax_group = in->tax_group;
	out->account = document_opt(in->account);
	if (document_opt(in->product)) {
		const char *p[1] = { in->product };
		if (db_run(d, keep, api_uuid_ok(in->product) ? "SELECT id::text, "
		    "name, tracked, tax_group, archived FROM products WHERE id = "
		    "$1::uuid" : "SELECT id::text, name, tracked, tax_group, "
		    "archived FROM products WHERE sku = $1", 1, p, err) < 0)
			return -1;
		snprintf(f, sizeof(f), "%s.product", at);
		if (keep->rows != 1)
			return document_refuse(field, err, "22023", f, "%s: no such "
			    "product", f);
		int archived = 0;
		db_bool(keep, 0, 2, &out->stock);
		db_bool(keep, 0, 4, &archived);
		if (archived)
			return document_refuse(field, err, "22023", f, "%s: the product "
			    "%s is archived", f, db_text(keep, 0, 1));
		out->product_id = db_text(keep, 0, 0);
		if (out->description == NULL)
			out->description = db_text(keep, 0, 1);
		if (out->tax_group == NULL)
			out->tax_group = db_text(keep, 0, 3);
		if (out->stock)
			out->account = "@inventory";
	}
	if (out->description == NULL) {
		snprintf(f, sizeof(f), "%s.description", at);
		return document_refuse(field, err, "22023", f, "%s: a description (or "
		    "a product)", f);
	}
	if (strlen(out->description) > 500) {
		snprintf(f, sizeof(f), "%s.description", at);
		return document_refuse(field, err, "22023", f, "%s: at most 500 "
		    "characters", f);
	}
	if (out->m.unit_price < 0) {
		snprintf(f, sizeof(f), "%s.unit_price", at);
		return document_refuse(field, err, "22023", f, "%s: the price charged, "
		    "in minor units, not negative", f);
	}
	if (out->m.quantity <= 0 || out->m.quantity > LINEMONEY_QTY_MAX) {
		snprintf(f, sizeof(f), "%s.quantity", at);
		return document_refuse(field, err, "22023", f, "%s: a whole number "
		    "from 1 to %lld", f, (long long)LINEMONEY_QTY_MAX);
	}
	if (out->tax_group && *out->tax_group == '\0')
		out->tax_group = NULL;
	if (out->account == NULL)
		out->account = "@expense";
	return 0;
}

/* load_lines: the stored lines of bill id (strings live in r) */
static int
load_lines(db *d, const char *id, db_res *r, line **out, size_t *n,
    db_res *err)
{
	const char *p[1] = { id };
	*out = NULL;
	*n = 0;
	if (db_run(d, r, "SELECT l.product_id::text, l.description, l.quantity, "
	    "l.unit_price, l.tax_group, l.account, coalesce(p.tracked, false) "
	    "FROM bill_lines l LEFT JOIN products p ON p.tenant_id = l.tenant_id "
	    "AND p.id = l.product_id WHERE l.bill_id = $1::uuid ORDER BY "
	    "l.line_no", 1, p, err) < 0)
		return -1;
	line *l = calloc(r->rows ? (size_t)r->rows : 1, sizeof(*l));
	if (l == NULL) {
		db_res_clear(r);
		return db_refuse(err, "53200", "out of memory");
	}
	for (int i = 0; i < r->rows; i++) {
		l[i].product_id = db_text(r, i, 0);
		l[i].description = db_text(r, i, 1);
		db_i64(r, i, 2, &l[i].m.quantity);
		db_i64(r, i, 3, &l[i].m.unit_price);
		l[i].tax_group = db_text(r, i, 4);
		l[i].account = db_text(r, i, 5);
		db_bool(r, i, 6, &l[i].stock);
	}
	*out = l;
	*n = (size_t)r->rows;
	return 0;
}

/* ---- drafts ---- */

/* The draft being written (resolved). */
typedef struct draft {
	const char *party_id, *supplier_ref, *currency, *bill_date, *due_date;
	const char *location_id, *notes;
	line *lines;
	size_t n;
} draft;

/* write_draft: inserts (id NULL) or updates; its id into out */
static int
write_draft(db *d, const char *user_id, const char *id, const draft *w,
    const char *tenant, const char *today, char out[BILL_ID_LEN],
    char *field, db_res *err)
{
	if (w->n == 0)
		return document_refuse(field, err, "22023", "lines", "lines: a bill "
		    "has at least one line");
	if (w->n > LINEMONEY_MAX)
		return document_refuse(field, err, "22023", "lines", "lines: at most "
		    "%d", LINEMONEY_MAX);
	if (w->bill_date && !field_date_ok(w->bill_date))
		return document_refuse(field, err, "22023", "bill_date", "bill_date: "
		    "a date, YYYY-MM-DD");
	if (w->due_date && !field_date_ok(w->due_date))
		return document_refuse(field, err, "22023", "due_date", "due_date: a "
		    "date, YYYY-MM-DD");
	const char *on = w->bill_date ? w->bill_date : today;
	if (w->due_date && strcmp(w->due_date, on) < 0)
		return document_refuse(field, err, "22023", "due_date", "due_date: not "
		    "before the bill date");
	if (strlen(w->supplier_ref) > 100)
		return document_refuse(field, err, "22023", "supplier_ref",
		    "supplier_ref: at most 100 characters");
	if (strlen(w->notes) > 4000)
		return document_refuse(field, err, "22023", "notes", "notes: at most "
		    "4000 characters");
	if (document_accounts(d, w->lines, w->n, spent, "expense or asset",
	    field, err) < 0)
		return -1;
	taxdoc doc;
	if (document_compute(d, on, 1, w->lines, w->n, &doc, err) < 0) {
		snprintf(field, 48, "lines");
		return -1;
	}
	/* the supplier's number once per supplier (the index is the rule;
	 * this names the other bill) */
	db_res r;
	if (*w->supplier_ref) {
		const char *dp[3] = { w->party_id, w->supplier_ref, id };
		if (db_run(d, &r, "SELECT coalesce(number, 'a draft') FROM bills "
		    "WHERE party_id = $1::uuid AND lower(supplier_ref) = lower($2) "
		    "AND status <> 'void' AND ($3::uuid IS NULL OR id <> $3::uuid) "
		    "LIMIT 1", 3, dp, err) < 0)
			return -1;
		if (r.rows > 0) {
			document_refuse(field, err, "23505", "supplier_ref",
			    "supplier_ref: this supplier's %s is entered already "
			    "(%s)", w->supplier_ref, db_text(&r, 0, 0));
			db_res_clear(&r);
			return -1;
		}
		db_res_clear(&r);
	}
	char net[24], tax[24], total[24];
	document_i64s(net, doc.net);
	document_i64s(tax, doc.tax);
	document_i64s(total, doc.gross);
	const char *p[11] = { w->party_id, w->supplier_ref, w->currency, on,
	    w->due_date, w->location_id, w->notes, net, tax, total,
	    id ? id : user_id };
	int rc = id == NULL ? db_run(d, &r, "INSERT INTO bills (tenant_id, "
	    "party_id, supplier_ref, currency, bill_date, due_date, location_id, "
	    "notes, net, tax, total, created_by) VALUES (bursar_tenant(), "
	    "$1::uuid, $2, $3, $4::date, $5::date, $6::uuid, $7, $8, $9, $10, "
	    "$11::uuid) RETURNING id::text", 11, p, err) : db_run(d, &r, "UPDATE "
	    "bills SET party_id = $1::uuid, supplier_ref = $2, currency = $3, "
	    "bill_date = $4::date, due_date = $5::date, location_id = $6::uuid, "
	    "notes = $7, net = $8, tax = $9, total = $10 WHERE id = $11::uuid "
	    "AND status = 'draft' RETURNING id::text", 11, p, err);
	if (rc < 0)
		return -1;
	if (r.rows != 1) {
		db_res_clear(&r);
		return db_refuse(err, "40001", "only a draft can be changed");
	}
	snprintf(out, BILL_ID_LEN, "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	if (document_store(d, DOCUMENT_BILL, out, w->lines, w->n, &doc,
	    err) < 0)
		return -1;
	cJSON *ev = cJSON_CreateObject();
	document_add_str(ev, "id", out);
	document_add_str(ev, "party_id", w->party_id);
	document_add_str(ev, "supplier_ref", w->supplier_ref);
	document_add_str(ev, "currency", w->currency);
	cJSON_AddItemToObject(ev, "total", api_int(doc.gross));
	return outbox_record(d, tenant, id ? "bill.updated" : "bill.created", ev,
	    err);
}

int
bill_draft(db *d, const char *user_id, const char *id, bill_in *in,
    char out[BILL_ID_LEN], db_res *err)
{
	memset(err, 0, sizeof(*err));
	in->field[0] = '\0';
	db_res cur = {0}, loc = {0}, old = {0}, *keep = NULL;
	document_party pt = {0};
	line *lines = NULL;
	int rc = -1;
	draft w = {0};
	if (id) {
		const char *p[1] = { id };
		if (!api_uuid_ok(id))
			return db_refuse(err, "P0002", "no such bill");
		if (db_run(d, &cur, "SELECT status, party_id::text, currency, "
		    "bill_date::text, due_date::text, location_id::text, "
		    "supplier_ref, notes FROM bills WHERE id = $1::uuid FOR UPDATE",
		    1, p, err) < 0)
			return -1;
		if (cur.rows != 1) {
			db_res_clear(&cur);
			return db_refuse(err, "P0002", "no such bill");
		}
		if (strcmp(db_text(&cur, 0, 0), "draft") != 0) {
			db_refuse(err, "40001", "only a draft can be changed: this "
			    "bill is %s", db_text(&cur, 0, 0));
			db_res_clear(&cur);
			return -1;
		}
	}
	const char *supplier = in->supplier ? in->supplier : id ?
	    db_text(&cur, 0, 1) : NULL;
	if (document_find_party(d, "supplier", supplier, &pt, in->field,
	    err) < 0)
		goto out;
	w.party_id = pt.id;
	w.currency = in->currency ? in->currency : id && !in->supplier ?
	    db_text(&cur, 0, 2) : pt.currency;
	if (document_currency(d, w.currency, in->field, err) < 0)
		goto out;
	w.bill_date = in->bill_date ? document_opt(in->bill_date) : id ?
	    db_text(&cur, 0, 3) : NULL;
	w.due_date = in->due_date ? document_opt(in->due_date) : id ? db_text(&cur,
	    0, 4) : NULL;
	w.supplier_ref = in->supplier_ref ? in->supplier_ref : id ?
	    db_text(&cur, 0, 6) : "";
	w.notes = in->notes ? in->notes : id ? db_text(&cur, 0, 7) : "";
	if (in->location && *in->location) {
		const char *lp[1] = { in->location };
		if (db_run(d, &loc, api_uuid_ok(in->location) ? "SELECT id::text "
		    "FROM locations WHERE id = $1::uuid AND NOT archived" : "SELECT "
		    "id::text FROM locations WHERE code = $1 AND NOT archived", 1,
		    lp, err) < 0)
			goto out;
		if (loc.rows != 1) {
			document_refuse(in->field, err, "22023", "location", "location: no "
			    "such location");
			goto out;
		}
		w.location_id = db_text(&loc, 0, 0);
	} else {
		w.location_id = in->location ? NULL : id ? db_text(&cur, 0, 5) :
		    NULL;
	}
	if (id && !in->set_lines) {
		if (load_lines(d, id, &old, &lines, &w.n, err) < 0)
			goto out;
	} else {
		if (in->n > LINEMONEY_MAX) {
			document_refuse(in->field, err, "22023", "lines", "lines: at most "
			    "%d", LINEMONEY_MAX);
			goto out;
		}
		lines = calloc(in->n ? in->n : 1, sizeof(*lines));
		keep = calloc(in->n ? in->n : 1, sizeof(*keep));
		if (lines == NULL || keep == NULL) {
			db_refuse(err, "53200", "out of memory");
			goto out;
		}
		for (size_t i = 0; i < in->n; i++)
			if (resolve_line(d, &in->lines[i], i, &lines[i], &keep[i],
			    in->field, err) < 0)
				goto out;
		w.n = in->n;
	}
	w.lines = lines;
	rc = write_draft(d, user_id, id, &w, pt.tenant, pt.today, out,
	    in->field, err);
out:
	for (size_t i = 0; keep && i < in->n; i++)
		db_res_clear(&keep[i]);
	free(keep);
	free(lines);
	db_res_clear(&old);
	db_res_clear(&loc);
	db_res_clear(&pt.r);
	db_res_clear(&cur);
	return rc;
}

int
bill_delete(db *d, const char *bill_id, db_res *err)
{
	return document_delete(d, DOCUMENT_BILL, bill_id, "void it instead", err);
}

/* ---- receive ---- */

/* post: payables against each line's account (one ledger line per stock
 * line, so each line's base cost can be read back) and input tax; stock
 * lines' ledger indexes into at[] */
static int
post(db *d, const char *user_id, const char *id, const char *party_id,
    const char *currency, const char *date, const char *memo, const line *l,
    size_t n, const taxdoc *doc, size_t *at, char entry[LEDGER_ID_LEN],
    db_res *err)
{
	ledger_line *ll = calloc(n + doc->ntotals + 1, sizeof(*ll));
	if (ll == NULL)
		return db_refuse(err, "53200", "out of memory");
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = k;
		if (!l[i].stock)
			for (j = 0; j < k; j++)
				if (ll[j].memo == NULL && strcmp(ll[j].account,
				    l[i].account) == 0)
					break;
		if (j == k) {
			ll[k].account = l[i].account;
			if (l[i].stock)
				ll[k].memo = l[i].description;
			k++;
		}
		ll[j].debit += l[i].m.net;
		at[i] = j;
	}
	for (size_t t = 0; t < doc->ntotals; t++) {
		if (doc->totals[t].tax == 0)
			continue;
		ll[k].account = doc->totals[t].account;
		ll[k].tax_code = doc->totals[t].rate;
		ll[k].debit = doc->totals[t].tax;
		k++;
	}
	ll[k].account = "@payable";
	ll[k].party_id = party_id;
	ll[k].credit = doc->gross;
	k++;
	/* lines of nothing are left out; at[] follows the lines kept */
	size_t m = 0, *map = calloc(k, sizeof(*map));
	if (map == NULL) {
		free(ll);
		return db_refuse(err, "53200", "out of memory");
	}
	for (size_t i = 0; i < k; i++) {
		map[i] = m;
		if (ll[i].debit || ll[i].credit)
			ll[m++] = ll[i];
	}
	for (size_t i = 0; i < n; i++)
		at[i] = map[at[i]];
	free(map);
	ledger_entry e = { .date = date, .memo = memo, .source_type = "bill",
	    .source_id = id, .currency = currency, .lines = ll, .nlines = m };
	int rc = ledger_post(d, user_id, &e, entry, err);
	free(ll);
	return rc;
}

int
bill_receive(db *d, const char *user_id, const char *bill_id, db_res *err)
{
	memset(err, 0, sizeof(*err));
	if (bill_id == NULL || !api_uuid_ok(bill_id))
		return db_refuse(err, "P0002", "no such bill");
	db_res h, ls = {0}, num = {0}, u = {0}, base = {0};
	line *lines = NULL;
	size_t n = 0, *at = NULL;
	int rc = -1;
	const char *p[1] = { bill_id };
	if (db_run(d, &h, "SELECT b.status, b.party_id::text, b.currency, "
	    "b.bill_date::text, coalesce(b.due_date, b.bill_date + "
	    "p.terms_days)::text, bursar_tenant()::text, b.location_id::text, "
	    "b.supplier_ref FROM bills b JOIN parties p ON p.tenant_id = "
	    "b.tenant_id AND p.id = b.party_id WHERE b.id = $1::uuid FOR UPDATE "
	    "OF b", 1, p, err) < 0)
		return -1;
	if (h.rows != 1) {
		db_refuse(err, "P0002", "no such bill");
		goto out;
	}
	const char *status = db_text(&h, 0, 0), *party_id = db_text(&h, 0, 1);
	const char *currency = db_text(&h, 0, 2), *on = db_text(&h, 0, 3);
	const char *due = db_text(&h, 0, 4), *tenant = db_text(&h, 0, 5);
	if (strcmp(status, "draft") != 0) {
		db_refuse(err, "40001", "only a draft can be received: this one "
		    "is %s", status);
		goto out;
	}
	if (load_lines(d, bill_id, &ls, &lines, &n, err) < 0)
		goto out;
	if (n == 0) {
		db_refuse(err, "23514", "a bill without lines cannot be received");
		goto out;
	}
	/* the rates in force on the bill's date */
	taxdoc doc;
	if (document_compute(d, on, 1, lines, n, &doc, err) < 0 ||
	    document_store(d, DOCUMENT_BILL, bill_id, lines, n, &doc, err) < 0)
		goto out;
	if (doc.gross <= 0) {
		db_refuse(err, "23514", "the total is zero: there is nothing to "
		    "pay");
		goto out;
	}
	const char *np[2] = { "bill", on };
	if (db_run(d, &num, "SELECT doc_next_number($1, $2::date)", 2, np,
	    err) < 0)
		goto out;
	const char *number = db_text(&num, 0, 0);
	char memo[200], entry[LEDGER_ID_LEN];
	snprintf(memo, sizeof(memo), "Bill %s%s%s", number, *db_text(&h, 0, 7) ?
	    " / " : "", db_text(&h, 0, 7));
	at = calloc(n, sizeof(*at));
	if (at == NULL) {
		db_refuse(err, "53200", "out of memory");
		goto out;
	}
	if (post(d, user_id, bill_id, party_id, currency, on, memo, lines, n,
	    &doc, at, entry, err) < 0)
		goto out;
	/* stock lines: into stock at the base cost the entry booked, so the
	 * inventory account and the valuation agree to the minor unit */
	const char *bp[1] = { entry };
	if (db_run(d, &base, "SELECT debit FROM journal_lines WHERE entry_id = "
	    "$1::uuid ORDER BY line_no", 1, bp, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!lines[i].stock)
			continue;
		int64_t value = 0;
		if ((int)at[i] < base.rows)
			db_i64(&base, (int)at[i], 0, &value);
		if (stock_receive(d, user_id, lines[i].product_id, db_text(&h, 0,
		    6), lines[i].m.quantity, value, "bill", bill_id, memo,
		    err) < 0)
			goto out;
	}
	char net[24], tax[24], total[24];
	document_i64s(net, doc.net);
	document_i64s(tax, doc.tax);
	document_i64s(total, doc.gross);
	const char *up[7] = { bill_id, number, due, entry, net, tax, total };
	if (db_run(d, &u, "UPDATE bills SET status = 'received', number = $2, "
	    "due_date = $3::date, entry_id = $4::uuid, net = $5, tax = $6, total "
	    "= $7, received_at = now() WHERE id = $1::uuid", 7, up, err) < 0)
		goto out;
	cJSON *ev = cJSON_CreateObject();
	document_add_str(ev, "id", bill_id);
	document_add_str(ev, "number", number);
	document_add_str(ev, "supplier_ref", db_text(&h, 0, 7));
	document_add_str(ev, "party_id", party_id);
	document_add_str(ev, "currency", currency);
	cJSON_AddItemToObject(ev, "total", api_int(doc.gross));
	document_add_str(ev, "bill_date", on);
	document_add_str(ev, "due_date", due);
	document_add_str(ev, "entry_id", entry);
	rc = outbox_record(d, tenant, "bill.received", ev, err);
out:
	free(at);
	free(lines);
	db_res_clear(&base);
	db_res_clear(&u);
	db_res_clear(&num);
	db_res_clear(&ls);
	db_res_clear(&h);
	return rc;
}

/* ---- settlement ---- */

int
bill_settle(db *d, const char *bill_id, int64_t amount, db_res *err)
{
	return document_settle(d, DOCUMENT_BILL, bill_id, amount, err);
}

int
bill_mark_overdue(db *d, int *n, db_res *err)
{
	return document_mark_overdue(d, DOCUMENT_BILL, n, err);
}

/* ---- void ---- */

/* unstock: the goods bill_id received go back out: one adjustment per
 * receipt, at the cost it came in at, the valuation reduced by the same;
 * the database's checks refuse when they are no longer on hand */
static int
unstock(db *d, const char *user_id, const char *bill_id, const char *number,
    db_res *err)
{
	db_res r;
	char memo[120];
	snprintf(memo, sizeof(memo), "Void of bill %s", number);
	const char *p[3] = { bill_id, memo, user_id };
	if (db_run(d, &r, "SAVEPOINT bill_unstock", 0, NULL, err) < 0)
		return -1;
	db_res_clear(&r);
	if (db_run(d, &r, "WITH m AS (INSERT INTO stock_movements (tenant_id, "
	    "product_id, location_id, kind, qty, value, source_type, source_id, "
	    "memo, created_by) SELECT tenant_id, product_id, location_id, "
	    "'adjustment', -qty, -value, 'bill', $1::uuid, $2, $3::uuid FROM "
	    "stock_movements WHERE source_type = 'bill' AND source_id = $1::uuid "
	    "AND kind = 'receipt' RETURNING product_id, qty, value) UPDATE "
	    "stock_valuation v SET qty = v.qty + s.qty, value = v.value + "
	    "s.value FROM (SELECT product_id, sum(qty) AS qty, sum(value) AS "
	    "value FROM m GROUP BY product_id) s WHERE v.product_id = "
	    "s.product_id", 3, p, err) == 0) {
		db_res_clear(&r);
		if (db_run(d, &r, "RELEASE SAVEPOINT bill_unstock", 0, NULL, err) < 0)
			return -1;
		db_res_clear(&r);
		return 0;
	}
	if (strncmp(err->sqlstate, "23", 2) != 0)
		return -1;
	db_res_clear(err);
	if (db_run(d, &r, "ROLLBACK TO SAVEPOINT bill_unstock", 0, NULL, err) < 0)
		return -1;
	db_res_clear(&r);
	return db_refuse(err, "40001", "the goods of %s are no longer all in "
	    "stock (sold, reserved or moved): it cannot be voided; record the "
	    "supplier's credit instead", number);
}

int
bill_void(db *d, const char *user_id, const char *bill_id, const char *date,
    db_res *err)
{
	memset(err, 0, sizeof(*err));
	if (bill_id == NULL || !api_uuid_ok(bill_id))
		return db_refuse(err, "P0002", "no such bill");
	if (date && !field_date_ok(date))
		return db_refuse(err, "22023", "date: a date, YYYY-MM-DD");
	db_res r, u = {0};
	const char *p[2] = { bill_id, date };
	if (db_run(d, &r, "SELECT status, paid, entry_id::text, number, "
	    "bursar_tenant()::text, coalesce($2::date, current_date)::text, "
	    "party_id::text FROM bills WHERE id = $1::uuid FOR UPDATE", 2, p,
	    err) < 0)
		return -1;
	int rc = -1;
	if (r.rows != 1) {
		db_refuse(err, "P0002", "no such bill");
		goto out;
	}
	const char *st = db_text(&r, 0, 0), *number = db_text(&r, 0, 3);
	int64_t paid = 0;
	db_i64(&r, 0, 1, &paid);
	if (strcmp(st, "draft") == 0) {
		db_refuse(err, "40001", "a draft is deleted, not voided");
		goto out;
	}
	if (strcmp(st, "void") == 0) {
		db_refuse(err, "40001", "%s is void already", number);
		goto out;
	}
	if (paid > 0) {
		db_refuse(err, "40001", "%s has payments against it: it cannot be "
		    "voided", number);
		goto out;
	}
	if (unstock(d, user_id, bill_id, number, err) < 0)
		goto out;
	char rev[LEDGER_ID_LEN], memo[200];
	snprintf(memo, sizeof(memo), "Void of bill %s", number);
	if (ledger_reverse(d, user_id, db_text(&r, 0, 2), db_text(&r, 0, 5),
	    memo, rev, err) < 0)
		goto out;
	const char *up[2] = { bill_id, rev };
	if (db_run(d, &u, "UPDATE bills SET status = 'void', void_entry_id = "
	    "$2::uuid, voided_at = now() WHERE id = $1::uuid", 2, up, err) < 0)
		goto out;
	cJSON *ev = cJSON_CreateObject();
	document_add_str(ev, "id", bill_id);
	document_add_str(ev, "number", number);
	document_add_str(ev, "party_id", db_text(&r, 0, 6));
	document_add_str(ev, "reversal_entry_id", rev);
	rc = outbox_record(d, db_text(&r, 0, 4), "bill.voided", ev, err);
out:
	db_res_clear(&u);
	db_res_clear(&r);
	return rc;
}
