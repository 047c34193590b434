/* statement.c: a party's statement and aging, read from its documents
 * and payments in one currency. */
#include "commerce/statement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "books/books_setup.h"
#include "web/field.h"

static int
refuse_at(char *field, db_res *err, const char *name, const char *msg)
{
	snprintf(field, 48, "%s", name);
	return db_refuse(err, "22023", "%s: %s", name, msg);
}

static int64_t
i64(const db_res *r, int row, int col)
{
	int64_t v = 0;
	db_i64(r, row, col, &v);
	return v;
}

/* The movements of a customer (side 'customer') or a supplier, signed as
 * they move the balance: $1 party, $2 currency, $3 side. */
#define MOVES "SELECT i.issue_date AS d, i.kind AS kind, i.id, i.number, " \
    "i.reference AS ref, CASE WHEN i.kind = 'invoice' THEN i.total ELSE " \
    "-i.total END AS amt, i.created_at AS ts FROM invoices i WHERE $3 = " \
    "'customer' AND i.party_id = $1::uuid AND i.currency = $2 AND i.status " \
    "NOT IN ('draft', 'void') UNION ALL SELECT b.bill_date, 'bill', b.id, " \
    "b.number, b.supplier_ref, b.total, b.created_at FROM bills b WHERE $3 " \
    "= 'supplier' AND b.party_id = $1::uuid AND b.currency = $2 AND " \
    "b.status NOT IN ('draft', 'void') UNION ALL SELECT p.payment_date, " \
    "p.kind, p.id, p.number, p.reference, CASE WHEN p.kind = 'refund' THEN " \
    "p.amount ELSE -p.amount END, p.created_at FROM payments p WHERE " \
    "p.party_id = $1::uuid AND p.currency = $2 AND CASE $3 WHEN 'customer' " \
    "THEN (p.kind = 'payment' AND p.direction = 'in') OR (p.kind = " \
    "'refund' AND p.direction = 'out') ELSE (p.kind = 'payment' AND " \
    "p.direction = 'out') OR (p.kind = 'refund' AND p.direction = 'in') " \
    "END"

static const char opening_sql[] = "SELECT coalesce(sum(amt), 0), count(*) "
    "FILTER (WHERE d BETWEEN coalesce($4::date, '-infinity') AND $5::date) "
    "FROM (" MOVES ") m WHERE d < coalesce($4::date, '-infinity') OR d <= "
    "$5::date";

static const char items_sql[] = "SELECT d::text, kind, id::text, number, "
    "ref, amt FROM (" MOVES ") m WHERE d >= coalesce($4::date, '-infinity') "
    "AND d <= $5::date ORDER BY d, ts, id";

/* what is open today, aged at $4 (the statement's end) */
static const char open_sql[] = "SELECT kind, id::text, number, "
    "due_date::text, greatest($4::date - due_date, 0), open FROM (SELECT "
    "'invoice' AS kind, id, number, due_date, total - paid AS open, "
    "created_at FROM invoices WHERE $3 = 'customer' AND party_id = $1::uuid "
    "AND currency = $2 AND kind = 'invoice' AND status IN ('issued', "
    "'partially_paid', 'overdue') UNION ALL SELECT 'bill', id, number, "
    "due_date, total - paid, created_at FROM bills WHERE $3 = 'supplier' AND "
    "party_id = $1::uuid AND currency = $2 AND status IN ('received', "
    "'partially_paid', 'overdue')) o WHERE open > 0 ORDER BY due_date, "
    "created_at LIMIT 10000";

static const char credit_sql[] = "SELECT coalesce((SELECT sum(unallocated) "
    "FROM payments WHERE party_id = $1::uuid AND currency = $2 AND kind = "
    "'payment' AND direction = CASE $3 WHEN 'customer' THEN 'in' ELSE 'out' "
    "END), 0) + coalesce((SELECT sum(total - paid) FROM invoices WHERE $3 = "
    "'customer' AND party_id = $1::uuid AND currency = $2 AND kind = "
    "'credit_note' AND status NOT IN ('draft', 'void')), 0)";

int
statement_build(db *d, statement_in *in, cJSON **out, db_res *err)
{
	memset(err, 0, sizeof(*err));
	in->field[0] = '\0';
	*out = NULL;
	if (in->party == NULL || *in->party == '\0')
		return db_refuse(err, "P0002", "no such party");
	if (in->side && strcmp(in->side, "customer") != 0 && strcmp(in->side,
	    "supplier") != 0)
		return refuse_at(in->field, err, "side", "customer or supplier");
	if (in->from && !field_date_ok(in->from))
		return refuse_at(in->field, err, "from", "a date, YYYY-MM-DD");
	if (in->to && !field_date_ok(in->to))
		return refuse_at(in->field, err, "to", "a date, YYYY-MM-DD");
	if (in->from && in->to && strcmp(in->from, in->to) > 0)
		return refuse_at(in->field, err, "to", "not before from");
	if (in->currency && !api_matches("^[A-Z]{3}$", in->currency))
		return refuse_at(in->field, err, "currency", "a currency code "
		    "(INR)");
	db_res pt, sum = {0}, it = {0}, op = {0}, cr = {0};
	int rc = -1;
	const char *pp[3] = { in->party, in->currency, in->to };
	if (db_run(d, &pt, api_uuid_ok(in->party) ? "SELECT p.id::text, p.code, "
	    "p.name, p.is_customer, p.is_supplier, coalesce($2, p.currency), "
	    "cu.minor_units, coalesce($3::date, current_date)::text FROM parties "
	    "p LEFT JOIN currencies cu ON cu.code = coalesce($2, p.currency) "
	    "WHERE p.id = $1::uuid" : "SELECT p.id::text, p.code, p.name, "
	    "p.is_customer, p.is_supplier, coalesce($2, p.currency), "
	    "cu.minor_units, coalesce($3::date, current_date)::text FROM parties "
	    "p LEFT JOIN currencies cu ON cu.code = coalesce($2, p.currency) "
	    "WHERE p.code = $1", 3, pp, err) < 0)
		return -1;
	if (pt.rows != 1) {
		db_refuse(err, "P0002", "no such party");
		goto out;
	}
	if (db_isnull(&pt, 0, 6)) {
		refuse_at(in->field, err, "currency", "no such currency");
		goto out;
	}
	int cust = 0, sup = 0;
	db_bool(&pt, 0, 3, &cust);
	db_bool(&pt, 0, 4, &sup);
	const char *side = in->side ? in->side : cust ? "customer" :
	    "supplier";
	if (strcmp(side, "customer") == 0 ? !cust : !sup) {
		refuse_at(in->field, err, "side", strcmp(side, "customer") == 0 ?
		    "this party is not a customer" : "this party is not a "
		    "supplier");
		goto out;
	}
	const char *party_id = db_text(&pt, 0, 0);
	const char *currency = db_text(&pt, 0, 5), *to = db_text(&pt, 0, 7);
	const char *p[5] = { party_id, currency, side, in->from, to };
	if (db_run(d, &sum, opening_sql, 5, p, err) < 0)
		goto out;
	/* opening_sql sums through the end; the lines are subtracted back */
	int64_t through = i64(&sum, 0, 0), lines = i64(&sum, 0, 1);
	if (lines > STATEMENT_MAX_LINES) {
		db_refuse(err, "54000", "the statement has %lld lines: at most "
		    "%d at once, choose a shorter period", (long long)lines,
		    STATEMENT_MAX_LINES);
		goto out;
	}
	if (db_run(d, &it, items_sql, 5, p, err) < 0)
		goto out;
	int64_t moved = 0;
	for (int i = 0; i < it.rows; i++)
		moved += i64(&it, i, 5);
	int64_t opening = through - moved, bal = opening;
	const char *ap[4] = { party_id, currency, side, to };
	if (db_run(d, &op, open_sql, 4, ap, err) < 0 ||
	    db_run(d, &cr, credit_sql, 3, ap, err) < 0)
		goto out;
	cJSON *o = cJSON_CreateObject();
	cJSON *party = cJSON_AddObjectToObject(o, "party");
	cJSON_AddStringToObject(party, "id", party_id);
	cJSON_AddStringToObject(party, "code", db_text(&pt, 0, 1));
	cJSON_AddStringToObject(party, "name", db_text(&pt, 0, 2));
	cJSON_AddStringToObject(o, "side", side);
	cJSON_AddStringToObject(o, "currency", currency);
	cJSON_AddItemToObject(o, "digits", api_int(i64(&pt, 0, 6)));
	if (in->from)
		cJSON_AddStringToObject(o, "from", in->from);
	else
		cJSON_AddNullToObject(o, "from");
	cJSON_AddStringToObject(o, "to", to);
	cJSON_AddItemToObject(o, "opening", api_int(opening));
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (int i = 0; i < it.rows; i++) {
		int64_t amt = i64(&it, i, 5);
		bal += amt;
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "date", db_text(&it, i, 0));
		cJSON_AddStringToObject(x, "kind", db_text(&it, i, 1));
		cJSON_AddStringToObject(x, "id", db_text(&it, i, 2));
		cJSON_AddStringToObject(x, "number", db_text(&it, i, 3) ?
		    db_text(&it, i, 3) : "");
		cJSON_AddStringToObject(x, "reference", db_text(&it, i, 4) ?
		    db_text(&it, i, 4) : "");
		cJSON_AddItemToObject(x, "debit", api_int(amt > 0 ? amt : 0));
		cJSON_AddItemToObject(x, "credit", api_int(amt < 0 ? -amt : 0));
		cJSON_AddItemToObject(x, "balance", api_int(bal));
		cJSON_AddItemToArray(items, x);
	}
	cJSON_AddItemToObject(o, "closing", api_int(bal));
	int64_t bucket[5] = { 0 }, total = 0;
	cJSON *open = cJSON_CreateArray();
	for (int i = 0; i < op.rows; i++) {
		int64_t days = i64(&op, i, 4), amt = i64(&op, i, 5);
		int b = days <= 0 ? 0 : days <= 30 ? 1 : days <= 60 ? 2 : days <=
		    90 ? 3 : 4;
		bucket[b] += amt;
		total += amt;
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "kind", db_text(&op, i, 0));
		cJSON_AddStringToObject(x, "id", db_text(&op, i, 1));
		cJSON_AddStringToObject(x, "number", db_text(&op, i, 2));
		cJSON_AddStringToObject(x, "due_date", db_text(&op, i, 3));
		cJSON_AddItemToObject(x, "days_overdue", api_int(days));
		cJSON_AddItemToObject(x, "open", api_int(amt));
		cJSON_AddItemToArray(open, x);
	}
	cJSON *ag = cJSON_AddObjectToObject(o, "aging");
	static const char *const names[5] = { "current", "days_1_30",
	    "days_31_60", "days_61_90", "days_over_90" };
	for (int b = 0; b < 5; b++)
		cJSON_AddItemToObject(ag, names[b], api_int(bucket[b]));
	cJSON_AddItemToObject(ag, "total", api_int(total));
	cJSON_AddItemToObject(ag, "unapplied_credit", api_int(i64(&cr, 0, 0)));
	cJSON_AddItemToObject(o, "open_items", open);
	*out = o;
	rc = 0;
out:
	db_res_clear(&cr);
	db_res_clear(&op);
	db_res_clear(&it);
	db_res_clear(&sum);
	db_res_clear(&pt);
	return rc;
}
