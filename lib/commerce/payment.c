/* payment.c: payments received and made, their allocations, the credit
 * left on them, and refunds.  Every call runs in the caller's
 * transaction; the posting goes through lib/ledger, the settling through
 * lib/invoice and lib/bill. */
#include "commerce/payment.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "web/api.h"
#include "commerce/bill.h"
#include "books/books_setup.h"
#include "commerce/document.h"
#include "commerce/invoice.h"
#include "books/ledger.h"
#include "db/outbox.h"
#include "web/field.h"

/* ---- small things ---- */

static int
method_ok(const char *m)
{
	static const char *const ms[] = { "cash", "bank_transfer", "card",
	    "cheque", "upi", "other", NULL };
	for (int i = 0; m && ms[i]; i++)
		if (strcmp(m, ms[i]) == 0)
			return 1;
	return 0;
}

/* method_of: the method as stored ("bank" is taken for bank_transfer) */
static const char *
method_of(const char *m)
{
	return m && strcmp(m, "bank") == 0 ? "bank_transfer" : m;
}

/* check_account: the bank or cash account money moves through: an open
 * asset account that takes postings */
static int
check_account(db *d, const char *acct, char *field, db_res *err)
{
	static const char *const asset[] = { "asset", NULL };
	int ok = document_account(d, acct, asset, err);
	if (ok < 0)
		return -1;
	return ok ? 0 : document_refuse(field, err, "22023", "account",
	    "account: %s is not an open bank or cash (asset) account that "
	    "takes postings", acct);
}

/* base_of: the base-currency amount of the side line (receivable or
 * payable) in entry, unsigned */
static int
base_of(db *d, const char *entry, int64_t *out, db_res *err)
{
	db_res r;
	const char *p[1] = { entry };
	if (db_run(d, &r, "SELECT abs(sum(l.debit - l.credit)) FROM journal_lines "
	    "l JOIN accounts a ON a.tenant_id = l.tenant_id AND a.id = "
	    "l.account_id WHERE l.entry_id = $1::uuid AND a.role IN "
	    "('receivable', 'payable')", 1, p, err) < 0)
		return -1;
	*out = 0;
	db_i64(&r, 0, 0, out);
	db_res_clear(&r);
	return 0;
}

/* post_fx: the exchange difference r (debit-positive, in base minor
 * units) left on side for party by a settlement in a foreign currency:
 * cleared against '@fx_loss' (r > 0) or '@fx_gain' (r < 0), in the base
 * currency on date */
static int
post_fx(db *d, const char *user_id, const char *pid, const char *side,
    const char *party_id, int64_t r, const char *date, const char *memo,
    db_res *err)
{
	if (r == 0)
		return 0;
	ledger_line ll[2] = {
		{ .account = side, .party_id = party_id },
		{ .account = r > 0 ? "@fx_loss" : "@fx_gain" },
	};
	if (r > 0) {
		ll[0].credit = r;
		ll[1].debit = r;
	} else {
		ll[0].debit = -r;
		ll[1].credit = -r;
	}
	ledger_entry e = { .date = date, .memo = memo, .source_type = "payment",
	    .source_id = pid, .lines = ll, .nlines = 2 };
	char entry[LEDGER_ID_LEN];
	return ledger_post(d, user_id, &e, entry, err);
}

/* post_money: the entry of money moving: in (money_in 1): Dr account,
 * Cr side for party; out: Dr side for party, Cr account */
static int
post_money(db *d, const char *user_id, const char *id, int money_in,
    const char *side, const char *party_id, const char *account,
    const char *currency, int64_t amount, const char *date, const char *memo,
    char entry[LEDGER_ID_LEN], db_res *err)
{
	ledger_line ll[2] = {
		{ .account = account },
		{ .account = side, .party_id = party_id },
	};
	if (money_in) {
		ll[0].debit = amount;
		ll[1].credit = amount;
	} else {
		ll[1].debit = amount;
		ll[0].credit = amount;
	}
	ledger_entry e = { .date = date, .memo = memo, .source_type = "payment",
	    .source_id = id, .currency = currency, .lines = ll, .nlines = 2 };
	return ledger_post(d, user_id, &e, entry, err);
}

/* ---- allocation ---- */

/* allocate: the n allocations of a payment (party, currency, direction,
 * unallocated known and the row locked), settled and recorded; its
 * unallocated reduced; *sum gets the total allocated, *fx the exchange
 * difference left on the side account (debit-positive, base units) */
static int
allocate(db *d, const char *payment_id, const char *party_id,
    const char *currency, int in, int64_t unallocated,
    const payment_alloc_in *a, size_t n, int64_t *sum, int64_t *fx,
    char *field, db_res *err)
{
	*sum = 0;
	*fx = 0;
	for (size_t i = 0; i < n; i++) {
		char f[48];
		snprintf(f, sizeof(f), "allocations[%zu]", i);
		const char *doc = in ? a[i].invoice : a[i].bill;
		if (!document_opt(doc) || (in ? document_opt(a[i].bill) :
		    document_opt(a[i].invoice)))
			return document_refuse(field, err, "22023", f, "%s: a payment %s "
			    "settles %s: give \"%s\" (an id or a number)", f,
			    in ? "received" : "made", in ? "invoices" : "bills",
			    in ? "invoice" : "bill");
		if (a[i].amount <= 0) {
			snprintf(f, sizeof(f), "allocations[%zu].amount", i);
			return document_refuse(field, err, "22023", f, "%s: more than "
			    "zero, in minor units", f);
		}
		if (a[i].amount > unallocated - *sum) {
			snprintf(f, sizeof(f), "allocations[%zu].amount", i);
			return document_refuse(field, err, "23514", f, "%s: the "
			    "allocations come to more than the payment has to "
			    "allocate (%" PRId64 " minor units)", f, unallocated);
		}
		db_res r;
		const char *p[1] = { doc };
		int by_id = api_uuid_ok(doc);
		int rc = in ? db_run(d, &r, by_id ? "SELECT id::text, number, "
		    "party_id::text, currency, status, total - paid, kind FROM "
		    "invoices WHERE id = $1::uuid" : "SELECT id::text, number, "
		    "party_id::text, currency, status, total - paid, kind FROM "
		    "invoices WHERE number = $1", 1, p, err) : db_run(d, &r, by_id ?
		    "SELECT id::text, number, party_id::text, currency, status, "
		    "total - paid, 'bill' FROM bills WHERE id = $1::uuid" : "SELECT "
		    "id::text, number, party_id::text, currency, status, total - "
		    "paid, 'bill' FROM bills WHERE number = $1", 1, p, err);
		if (rc < 0)
			return -1;
		snprintf(f, sizeof(f), "allocations[%zu].%s", i, in ? "invoice" :
		    "bill");
		const char *what = in ? "invoice" : "bill";
		if (r.rows != 1 || (in && strcmp(db_text(&r, 0, 6),
		    "invoice") != 0)) {
			db_res_clear(&r);
			return document_refuse(field, err, "22023", f, "%s: no such %s",
			    f, what);
		}
		char did[PAYMENT_ID_LEN], num[64];
		snprintf(did, sizeof(did), "%s", db_text(&r, 0, 0));
		snprintf(num, sizeof(num), "%s", db_text(&r, 0, 1) ?
		    db_text(&r, 0, 1) : "the draft");
		const char *st = db_text(&r, 0, 4);
		int64_t open = 0;
		db_i64(&r, 0, 5, &open);
		int wrong_party = strcmp(db_text(&r, 0, 2), party_id) != 0;
		int wrong_cur = strcmp(db_text(&r, 0, 3), currency) != 0;
		int closed = strcmp(st, "draft") == 0 || strcmp(st, "void") == 0 ||
		    strcmp(st, "paid") == 0;
		char stbuf[32];
		snprintf(stbuf, sizeof(stbuf), "%s", st);
		char cur[8];
		snprintf(cur, sizeof(cur), "%s", db_text(&r, 0, 3));
		db_res_clear(&r);
		if (wrong_party)
			return document_refuse(field, err, "22023", f, "%s: %s is another "
			    "party's %s", f, num, what);
		if (wrong_cur)
			return document_refuse(field, err, "22023", f, "%s: %s is in %s, "
			    "the payment in %s", f, num, cur, currency);
		if (closed)
			return document_refuse(field, err, "40001", f, "%s: %s is %s: only "
			    "an open %s takes a payment", f, num, stbuf, what);
		if (a[i].amount > open) {
			snprintf(f, sizeof(f), "allocations[%zu].amount", i);
			return document_refuse(field, err, "23514", f, "%s: %s has %"
			    PRId64 " open (minor units of %s): %" PRId64 " is more",
			    f, num, open, currency, a[i].amount);
		}
		if ((in ? invoice_settle(d, did, a[i].amount, err) :
		    bill_settle(d, did, a[i].amount, err)) < 0) {
			snprintf(field, 48, "%s", f);
			return -1;
		}
		/* what it takes off the document and off the payment, in the
		 * base currency */
		char amt[24], left[24];
		document_i64s(amt, a[i].amount);
		document_i64s(left, unallocated - *sum - a[i].amount);
		const char *sp[5] = { in ? "invoice" : "bill", did, amt, payment_id,
		    left };
		if (db_run(d, &r, "SELECT document_base_share($1, $2::uuid, "
		    "$3::bigint), payment_base_share($4::uuid, $3::bigint, "
		    "$5::bigint)", 5, sp, err) < 0)
			return -1;
		int64_t doc_base = 0, paid_base = 0;
		db_i64(&r, 0, 0, &doc_base);
		db_i64(&r, 0, 1, &paid_base);
		db_res_clear(&r);
		*fx += in ? doc_base - paid_base : paid_base - doc_base;
		char db_s[24], pb_s[24];
		document_i64s(db_s, doc_base);
		document_i64s(pb_s, paid_base);
		const char *ip[5] = { payment_id, did, amt, db_s, pb_s };
		if (db_run(d, &r, in ? "INSERT INTO payment_allocations (tenant_id, "
		    "payment_id, invoice_id, amount, doc_base, paid_base) VALUES "
		    "(bursar_tenant(), $1::uuid, $2::uuid, $3::bigint, $4::bigint, "
		    "$5::bigint)" : "INSERT INTO payment_allocations (tenant_id, "
		    "payment_id, bill_id, amount, doc_base, paid_base) VALUES "
		    "(bursar_tenant(), $1::uuid, $2::uuid, $3::bigint, $4::bigint, "
		    "$5::bigint)", 5, ip, err) < 0)
			return -1;
		db_res_clear(&r);
		*sum += a[i].amount;
	}
	if (*sum == 0)
		return 0;
	char s[24];
	document_i64s(s, *sum);
	const char *up[2] = { payment_id, s };
	db_res r;
	if (db_run(d, &r, "UPDATE payments SET unallocated = unallocated - "
	    "$2::bigint WHERE id = $1::uuid", 2, up, err) < 0)
		return -1;
	db_res_clear(&r);
	return 0;
}

/* ---- a payment ---- */

int
payment_create(db *d, const char *user_id, payment_in *in,
    char id[PAYMENT_ID_LEN], db_res *err)
{
	memset(err, 0, sizeof(*err));
	in->field[0] = '\0';
	char *f = in->field;
	if (in->direction == NULL || (strcmp(in->direction, "in") != 0 &&
	    strcmp(in->direction, "out") != 0))
		return document_refuse(f, err, "22023", "direction",
		    "direction: \"in\" (received from a customer) or \"out\" "
		    "(paid to a supplier)");
	int dir_in = strcmp(in->direction, "in") == 0;
	in->method = method_of(in->method);
	if (in->amount <= 0)
		return document_refuse(f, err, "22023", "amount", "amount: more than "
		    "zero, in minor units");
	if (!method_ok(in->method))
		return document_refuse(f, err, "22023", "method", "method: cash, "
		    "bank_transfer, card, cheque, upi or other");
	if (in->payment_date && !field_date_ok(in->payment_date))
		return document_refuse(f, err, "22023", "payment_date", "payment_date: "
		    "a date, YYYY-MM-DD");
	if (in->reference && strlen(in->reference) > 100)
		return document_refuse(f, err, "22023", "reference", "reference: at "
		    "most 100 characters");
	if (in->notes && strlen(in->notes) > 2000)
		return document_refuse(f, err, "22023", "notes", "notes: at most 2000 "
		    "characters");
	if (!document_opt(in->party))
		return document_refuse(f, err, "22023", "party", "party: the %s (an id "
		    "or a code)", dir_in ? "customer" : "supplier");
	db_res pt, num = {0}, ins = {0};
	int rc = -1;
	const char *pp[2] = { in->party, in->payment_date };
	if (db_run(d, &pt, api_uuid_ok(in->party) ? "SELECT id::text, currency, "
	    "is_customer, is_supplier, archived, bursar_tenant()::text, "
	    "coalesce($2::date, current_date)::text, name FROM parties WHERE id "
	    "= $1::uuid" : "SELECT id::text, currency, is_customer, is_supplier, "
	    "archived, bursar_tenant()::text, coalesce($2::date, "
	    "current_date)::text, name FROM parties WHERE code = $1", 2, pp,
	    err) < 0)
		return -1;
	int cust = 0, sup = 0, arch = 0;
	if (pt.rows == 1) {
		db_bool(&pt, 0, 2, &cust);
		db_bool(&pt, 0, 3, &sup);
		db_bool(&pt, 0, 4, &arch);
	}
	if (pt.rows != 1 || arch || (dir_in ? !cust : !sup)) {
		document_refuse(f, err, "22023", "party", "party: %s", pt.rows != 1 ?
		    "no such party" : arch ? "the party is archived" : dir_in ?
		    "not a customer: money in comes from a customer" : "not a "
		    "supplier: money out goes to a supplier");
		goto out;
	}
	const char *party_id = db_text(&pt, 0, 0), *tenant = db_text(&pt, 0, 5);
	const char *on = db_text(&pt, 0, 6);
	const char *currency = document_opt(in->currency) ? in->currency :
	    db_text(&pt, 0, 1);
	if (document_currency(d, currency, f, err) < 0)
		goto out;
	const char *account = document_opt(in->account) ? in->account :
	    strcmp(in->method, "cash") == 0 ? "@cash" : "@bank";
	if (check_account(d, account, f, err) < 0)
		goto out;
	const char *np[2] = { "payment", on };
	if (db_run(d, &num, "SELECT doc_next_number($1, $2::date), "
	    "gen_random_uuid()::text", 2, np, err) < 0)
		goto out;
	const char *number = db_text(&num, 0, 0), *pid = db_text(&num, 0, 1);
	char memo[300], entry[LEDGER_ID_LEN], amt[24];
	snprintf(memo, sizeof(memo), "Payment %s %s %s", number, dir_in ?
	    "from" : "to", db_text(&pt, 0, 7));
	if (post_money(d, user_id, pid, dir_in, dir_in ? "@receivable" :
	    "@payable", party_id, account, currency, in->amount, on, memo,
	    entry, err) < 0)
		goto out;
	document_i64s(amt, in->amount);
	const char *ip[13] = { pid, number, in->direction, party_id, currency,
	    amt, in->method, account, on, in->reference ? in->reference : "",
	    in->notes ? in->notes : "", entry, user_id };
	if (db_run(d, &ins, "INSERT INTO payments (tenant_id, id, number, "
	    "direction, party_id, currency, amount, unallocated, method, "
	    "account, payment_date, reference, notes, entry_id, created_by) "
	    "VALUES (bursar_tenant(), $1::uuid, $2, $3, $4::uuid, $5, $6, $6, "
	    "$7, $8, $9::date, $10, $11, $12::uuid, $13::uuid)", 13, ip,
	    err) < 0)
		goto out;
	int64_t sum = 0, fx = 0;
	if (allocate(d, pid, party_id, currency, dir_in, in->amount, in->allocs,
	    in->n, &sum, &fx, f, err) < 0)
		goto out;
	snprintf(memo, sizeof(memo), "Exchange difference on payment %s",
	    number);
	if (post_fx(d, user_id, pid, dir_in ? "@receivable" : "@payable",
	    party_id, fx, on, memo, err) < 0)
		goto out;
	snprintf(id, PAYMENT_ID_LEN, "%s", pid);
	cJSON *ev = cJSON_CreateObject();
	document_add_str(ev, "id", pid);
	document_add_str(ev, "number", number);
	document_add_str(ev, "party_id", party_id);
	document_add_str(ev, "currency", currency);
	cJSON_AddItemToObject(ev, "amount", api_int(in->amount));
	cJSON_AddItemToObject(ev, "allocated", api_int(sum));
	document_add_str(ev, "method", in->method);
	document_add_str(ev, "payment_date", on);
	document_add_str(ev, "entry_id", entry);
	rc = outbox_record(d, tenant, dir_in ? "payment.received" : "payment.made",
	    ev, err);
out:
	db_res_clear(&ins);
	db_res_clear(&num);
	db_res_clear(&pt);
	return rc;
}

int
payment_allocate(db *d, const char *payment_id, const payment_alloc_in *a,
    size_t n, char field[48], db_res *err)
{
	memset(err, 0, sizeof(*err));
	field[0] = '\0';
	if (payment_id == NULL || !api_uuid_ok(payment_id))
		return db_refuse(err, "P0002", "no such payment");
	if (n == 0)
		return document_refuse(field, err, "22023", "allocations",
		    "allocations: at least one");
	db_res r;
	const char *p[1] = { payment_id };
	if (db_run(d, &r, "SELECT kind, direction, party_id::text, currency, "
	    "unallocated, number, bursar_tenant()::text, current_date::text "
	    "FROM payments WHERE id = $1::uuid FOR UPDATE", 1, p, err) < 0)
		return -1;
	int rc = -1;
	if (r.rows != 1) {
		db_refuse(err, "P0002", "no such payment");
		goto out;
	}
	if (strcmp(db_text(&r, 0, 0), "payment") != 0) {
		db_refuse(err, "40001", "a refund is not allocated");
		goto out;
	}
	int64_t unalloc = 0, sum = 0, fx = 0;
	db_i64(&r, 0, 4, &unalloc);
	if (unalloc == 0) {
		db_refuse(err, "40001", "%s is fully allocated: it has no credit "
		    "left", db_text(&r, 0, 5));
		goto out;
	}
	int in = strcmp(db_text(&r, 0, 1), "in") == 0;
	if (allocate(d, payment_id, db_text(&r, 0, 2), db_text(&r, 0, 3), in,
	    unalloc, a, n, &sum, &fx, field, err) < 0)
		goto out;
	char memo[200];
	snprintf(memo, sizeof(memo), "Exchange difference on payment %s",
	    db_text(&r, 0, 5));
	if (post_fx(d, NULL, payment_id, in ? "@receivable" : "@payable",
	    db_text(&r, 0, 2), fx, db_text(&r, 0, 7), memo, err) < 0)
		goto out;
	cJSON *ev = cJSON_CreateObject();
	document_add_str(ev, "id", payment_id);
	document_add_str(ev, "number", db_text(&r, 0, 5));
	document_add_str(ev, "party_id", db_text(&r, 0, 2));
	cJSON_AddItemToObject(ev, "allocated", api_int(sum));
	cJSON_AddItemToObject(ev, "unallocated", api_int(unalloc - sum));
	rc = outbox_record(d, db_text(&r, 0, 6), "payment.allocated", ev, err);
out:
	db_res_clear(&r);
	return rc;
}

/* ---- refunds ---- */

/* refund_write: numbers, posts and records a refund of amount to (or, for
 * a supplier, from) party; its id into id.  credit_base: the base amount
 * the credit returned was booked at (NULL: the base currency), whose
 * difference from the refund's own goes to exchange gain or loss */
static int
refund_write(db *d, const char *user_id, const char *tenant,
    const char *party_id, const char *party_name, int customer,
    const char *currency, const char *refund_of, const char *of_number,
    payment_refund_in *in, const char *method, const int64_t *credit_base,
    char id[PAYMENT_ID_LEN], db_res *err)
{
	char *f = in->field;
	method = method_of(method);
	if (in->payment_date && !field_date_ok(in->payment_date))
		return document_refuse(f, err, "22023", "payment_date", "payment_date: "
		    "a date, YYYY-MM-DD");
	if (in->reference && strlen(in->reference) > 100)
		return document_refuse(f, err, "22023", "reference", "reference: at "
		    "most 100 characters");
	if (!method_ok(method))
		return document_refuse(f, err, "22023", "method", "method: cash, "
		    "bank_transfer, card, cheque, upi or other");
	const char *account = document_opt(in->account) ? in->account :
	    strcmp(method, "cash") == 0 ? "@cash" : "@bank";
	if (check_account(d, account, f, err) < 0)
		return -1;
	db_res num, ins = {0};
	int rc = -1;
	const char *np[2] = { "payment", in->payment_date };
	if (db_run(d, &num, "SELECT doc_next_number($1, coalesce($2::date, "
	    "current_date)), gen_random_uuid()::text, coalesce($2::date, "
	    "current_date)::text", 2, np, err) < 0)
		return -1;
	const char *number = db_text(&num, 0, 0), *pid = db_text(&num, 0, 1);
	const char *on = db_text(&num, 0, 2);
	char memo[300], entry[LEDGER_ID_LEN], amt[24];
	snprintf(memo, sizeof(memo), "Refund %s of %s %s %s", number,
	    of_number, customer ? "to" : "from", party_name);
	/* a customer's refund is money out against receivables; a
	 * supplier's is money in against payables */
	if (post_money(d, user_id, pid, !customer, customer ? "@receivable" :
	    "@payable", party_id, account, currency, in->amount, on, memo,
	    entry, err) < 0)
		goto out;
	document_i64s(amt, in->amount);
	char cb[24];
	if (credit_base)
		document_i64s(cb, *credit_base);
	const char *ip[14] = { pid, number, customer ? "out" : "in", party_id,
	    currency, amt, method, account, on, in->reference ? in->reference :
	    "", entry, refund_of, user_id, credit_base ? cb : NULL };
	if (db_run(d, &ins, "INSERT INTO payments (tenant_id, id, number, "
	    "direction, kind, party_id, currency, amount, unallocated, method, "
	    "account, payment_date, reference, entry_id, refund_of, created_by, "
	    "source_base) VALUES (bursar_tenant(), $1::uuid, $2, $3, 'refund', "
	    "$4::uuid, $5, $6, 0, $7, $8, $9::date, $10, $11::uuid, $12::uuid, "
	    "$13::uuid, $14::bigint)", 14, ip, err) < 0)
		goto out;
	if (credit_base) {
		int64_t base = 0;
		if (base_of(d, entry, &base, err) < 0)
			goto out;
		snprintf(memo, sizeof(memo), "Exchange difference on refund %s",
		    number);
		if (post_fx(d, user_id, pid, customer ? "@receivable" :
		    "@payable", party_id, customer ? base - *credit_base :
		    *credit_base - base, on, memo, err) < 0)
			goto out;
	}
	snprintf(id, PAYMENT_ID_LEN, "%s", pid);
	cJSON *ev = cJSON_CreateObject();
	document_add_str(ev, "id", pid);
	document_add_str(ev, "number", number);
	document_add_str(ev, "party_id", party_id);
	document_add_str(ev, "currency", currency);
	cJSON_AddItemToObject(ev, "amount", api_int(in->amount));
	document_add_str(ev, "refund_of", of_number);
	document_add_str(ev, "payment_date", on);
	document_add_str(ev, "entry_id", entry);
	rc = outbox_record(d, tenant, "payment.refunded", ev, err);
out:
	db_res_clear(&ins);
	db_res_clear(&num);
	return rc;
}

int
payment_refund(db *d, const char *user_id, const char *payment_id,
    payment_refund_in *in, char id[PAYMENT_ID_LEN], db_res *err)
{
	memset(err, 0, sizeof(*err));
	in->field[0] = '\0';
	if (payment_id == NULL || !api_uuid_ok(payment_id))
		return db_refuse(err, "P0002", "no such payment");
	if (in->amount <= 0)
		return document_refuse(in->field, err, "22023", "amount",
		    "amount: more than zero, in minor units");
	db_res r, u = {0};
	const char *p[1] = { payment_id };
	if (db_run(d, &r, "SELECT p.kind, p.direction, p.party_id::text, "
	    "p.currency, p.unallocated, p.number, bursar_tenant()::text, "
	    "p.method, pa.name FROM payments p JOIN parties pa ON pa.tenant_id = "
	    "p.tenant_id AND pa.id = p.party_id WHERE p.id = $1::uuid FOR UPDATE "
	    "OF p", 1, p, err) < 0)
		return -1;
	int rc = -1;
	if (r.rows != 1) {
		db_refuse(err, "P0002", "no such payment");
		goto out;
	}
	if (strcmp(db_text(&r, 0, 0), "payment") != 0) {
		db_refuse(err, "40001", "a refund is not refunded");
		goto out;
	}
	int64_t unalloc = 0;
	db_i64(&r, 0, 4, &unalloc);
	if (in->amount > unalloc) {
		document_refuse(in->field, err, "23514", "amount", "amount: %s has %"
		    PRId64 " of credit left to refund (minor units of %s): %"
		    PRId64 " is more", db_text(&r, 0, 5), unalloc, db_text(&r, 0,
		    3), in->amount);
		goto out;
	}
	/* the base the credit stands for in the books */
	char amt[24], left[24];
	document_i64s(amt, in->amount);
	document_i64s(left, unalloc - in->amount);
	const char *sp[3] = { payment_id, amt, left };
	if (db_run(d, &u, "SELECT payment_base_share($1::uuid, $2::bigint, "
	    "$3::bigint)", 3, sp, err) < 0)
		goto out;
	int64_t credit_base = 0;
	db_i64(&u, 0, 0, &credit_base);
	db_res_clear(&u);
	if (refund_write(d, user_id, db_text(&r, 0, 6), db_text(&r, 0, 2),
	    db_text(&r, 0, 8), strcmp(db_text(&r, 0, 1), "in") == 0,
	    db_text(&r, 0, 3), payment_id, db_text(&r, 0, 5), in,
	    document_opt(in->method) ? in->method : db_text(&r, 0, 7),
	    &credit_base, id, err) < 0)
		goto out;
	const char *up[2] = { payment_id, amt };
	if (db_run(d, &u, "UPDATE payments SET unallocated = unallocated - "
	    "$2::bigint WHERE id = $1::uuid", 2, up, err) < 0)
		goto out;
	rc = 0;
out:
	db_res_clear(&u);
	db_res_clear(&r);
	return rc;
}

int
payment_refund_credit_note(db *d, const char *user_id,
    const char *credit_note_id, payment_refund_in *in,
    char id[PAYMENT_ID_LEN], db_res *err)
{
	memset(err, 0, sizeof(*err));
	in->field[0] = '\0';
	if (credit_note_id == NULL || !api_uuid_ok(credit_note_id))
		return db_refuse(err, "P0002", "no such credit note");
	if (in->amount <= 0)
		return document_refuse(in->field, err, "22023", "amount",
		    "amount: more than zero, in minor units");
	db_res r, u = {0};
	const char *p[1] = { credit_note_id };
	if (db_run(d, &r, "SELECT i.kind, i.status, i.party_id::text, i.currency, "
	    "i.total - i.paid, i.number, bursar_tenant()::text, pa.name, "
	    "(SELECT base_currency FROM tenants WHERE id = bursar_tenant()) FROM "
	    "invoices i JOIN parties pa ON pa.tenant_id = i.tenant_id AND pa.id "
	    "= i.party_id WHERE i.id = $1::uuid FOR UPDATE OF i", 1, p, err) < 0)
		return -1;
	int rc = -1;
	if (r.rows != 1 || strcmp(db_text(&r, 0, 0), "credit_note") != 0) {
		db_refuse(err, "P0002", "no such credit note");
		goto out;
	}
	const char *st = db_text(&r, 0, 1);
	if (strcmp(st, "draft") == 0 || strcmp(st, "void") == 0) {
		db_refuse(err, "40001", "a %s credit note is not refunded", st);
		goto out;
	}
	int64_t open = 0;
	db_i64(&r, 0, 4, &open);
	if (in->amount > open) {
		document_refuse(in->field, err, "23514", "amount", "amount: %s has %"
		    PRId64 " of credit left to refund (minor units of %s): %"
		    PRId64 " is more", db_text(&r, 0, 5), open, db_text(&r, 0, 3),
		    in->amount);
		goto out;
	}
	if (strcmp(db_text(&r, 0, 3), db_text(&r, 0, 8)) != 0) {
		document_refuse(in->field, err, "22023", "amount",
		    "amount: %s is in %s: "
		    "a credit note in a foreign currency is not refunded here "
		    "(its exchange difference is not worked out); apply it to an "
		    "invoice instead", db_text(&r, 0, 5), db_text(&r, 0, 3));
		goto out;
	}
	if (refund_write(d, user_id, db_text(&r, 0, 6), db_text(&r, 0, 2),
	    db_text(&r, 0, 7), 1, db_text(&r, 0, 3), NULL, db_text(&r, 0, 5),
	    in, document_opt(in->method) ? in->method : "bank_transfer", NULL, id,
	    err) < 0)
		goto out;
	char amt[24];
	document_i64s(amt, in->amount);
	const char *ap[3] = { id, credit_note_id, amt };
	if (db_run(d, &u, "INSERT INTO payment_allocations (tenant_id, payment_id, "
	    "invoice_id, amount) VALUES (bursar_tenant(), $1::uuid, $2::uuid, "
	    "$3::bigint)", 3, ap, err) < 0)
		goto out;
	rc = invoice_settle(d, credit_note_id, in->amount, err);
out:
	db_res_clear(&u);
	db_res_clear(&r);
	return rc;
}
