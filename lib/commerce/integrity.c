/* integrity.c: the trade against the books (integrity.h).  Each money
 * check is two statements: the two amounts, then (only when they
 * differ) the rows that explain the gap.  The sums run in SQL over the
 * caller's tenant; nothing here writes. */
#include "commerce/integrity.h"

#include <stdint.h>
#include <stdio.h>

#include "books/ledger_view.h"
#include "web/api.h"
#include "web/audit.h"

#define LIMIT_TEXT "50"	/* INTEGRITY_EXPLAIN_MAX, for the statements */

/* the account with a role and every account under it */
#define UNDER(role) \
	"WITH RECURSIVE acc AS (SELECT id FROM accounts WHERE tenant_id = " \
	"bursar_tenant() AND role = '" role "' UNION ALL SELECT a.id FROM " \
	"accounts a JOIN acc ON a.parent_id = acc.id WHERE a.tenant_id = " \
	"bursar_tenant()) "

/* entries on those accounts, each with its net effect (debit - credit) */
#define ENTRIES \
	", e AS (SELECT l.entry_id, sum(l.debit - l.credit)::bigint AS amt " \
	"FROM journal_lines l WHERE l.tenant_id = bursar_tenant() AND " \
	"l.account_id IN (SELECT id FROM acc) GROUP BY l.entry_id HAVING " \
	"sum(l.debit - l.credit) <> 0) "

/* ---- the statements: each answers (expected, actual) or the rows
 * (type, id, number, date, description, amount) ---- */

static const char stock_sums[] = UNDER("inventory")
    "SELECT (SELECT coalesce(sum(value), 0) FROM stock_valuation WHERE "
    "tenant_id = bursar_tenant())::bigint, (SELECT coalesce(sum(l.debit - "
    "l.credit), 0) FROM journal_lines l WHERE l.tenant_id = bursar_tenant() "
    "AND l.account_id IN (SELECT id FROM acc))::bigint";

/* a posting on inventory is explained by stock when a movement is its
 * source (a manual receipt or adjustment: the movement's id) or shares
 * its source (a bill, an order's shipment: the document's id); a
 * reversal keeps its original's source */
static const char stock_explain[] = UNDER("inventory") ENTRIES
    ", mk AS (SELECT id::text AS k FROM stock_movements WHERE tenant_id = "
    "bursar_tenant() UNION SELECT source_id::text FROM stock_movements "
    "WHERE tenant_id = bursar_tenant() AND source_id IS NOT NULL), "
    "ek AS (SELECT j.source_id AS k FROM journal_entries j JOIN e ON "
    "e.entry_id = j.id WHERE j.tenant_id = bursar_tenant()) "
    "SELECT * FROM (SELECT 'journal_entry' AS type, j.id::text AS id, "
    "NULL::text AS number, j.entry_date::text AS d, j.memo, e.amt FROM e "
    "JOIN journal_entries j ON j.tenant_id = bursar_tenant() AND j.id = "
    "e.entry_id WHERE NOT EXISTS (SELECT 1 FROM mk WHERE mk.k = "
    "j.source_id) "
    "UNION ALL SELECT 'stock_movement', m.id::text, NULL, "
    "m.created_at::date::text, m.kind || ' of ' || p.sku || ', posted "
    "nothing to the inventory account', m.value FROM stock_movements m "
    "JOIN products p ON p.tenant_id = m.tenant_id AND p.id = m.product_id "
    "WHERE m.tenant_id = bursar_tenant() AND m.value <> 0 AND m.kind NOT IN "
    "('transfer_out', 'transfer_in') AND NOT EXISTS (SELECT 1 FROM ek "
    "WHERE ek.k IN (m.id::text, m.source_id::text))) x "
    "ORDER BY d DESC, id LIMIT " LIMIT_TEXT;

/* What is open on a document in the base currency: in the base currency
 * its total less what settled it; in another, what its posting booked
 * less what each allocation took off (doc_base, or its share). */
#define OPEN_BASE(booked, on_doc) \
	"CASE WHEN d.paid = d.total THEN 0 WHEN d.currency = (SELECT " \
	"base_currency FROM tenants WHERE id = bursar_tenant()) THEN d.total " \
	"- d.paid ELSE abs(coalesce(" booked ", 0)) - coalesce((SELECT " \
	"sum(coalesce(a.doc_base, round(abs(" booked ")::numeric * a.amount " \
	"/ d.total)::bigint)) FROM payment_allocations a WHERE a.tenant_id = " \
	"bursar_tenant() AND " on_doc "), 0) END"

/* a party's credit not yet allocated, in the base currency */
#define CREDIT(direction) \
	"(SELECT coalesce(sum(CASE WHEN p.currency = (SELECT base_currency " \
	"FROM tenants WHERE id = bursar_tenant()) THEN p.unallocated ELSE " \
	"payment_base_share(p.id, p.unallocated, 0) END), 0) FROM payments p " \
	"WHERE p.tenant_id = bursar_tenant() AND p.kind = 'payment' AND " \
	"p.direction = '" direction "' AND p.unallocated > 0)"

static const char receivable_sums[] = UNDER("receivable")
    ", docs AS (SELECT i.id, i.currency, i.total, i.paid, CASE WHEN i.kind "
    "= 'invoice' THEN 1 ELSE -1 END AS sign, (SELECT sum(l.debit - "
    "l.credit) FROM journal_lines l WHERE l.tenant_id = i.tenant_id AND "
    "l.entry_id = i.entry_id AND l.account_id IN (SELECT id FROM acc)) AS "
    "booked FROM invoices i WHERE i.tenant_id = bursar_tenant() AND "
    "i.status NOT IN ('draft', 'void')) "
    "SELECT ((SELECT coalesce(sum(d.sign * (" OPEN_BASE("d.booked",
    "(a.invoice_id = d.id OR a.credit_note_id = d.id)") ")), 0) FROM docs "
    "d) - " CREDIT("in") ")::bigint, (SELECT coalesce(sum(l.debit - "
    "l.credit), 0) FROM journal_lines l WHERE l.tenant_id = bursar_tenant() "
    "AND l.account_id IN (SELECT id FROM acc))::bigint";

static const char payable_sums[] = UNDER("payable")
    ", docs AS (SELECT b.id, b.currency, b.total, b.paid, (SELECT "
    "sum(l.credit - l.debit) FROM journal_lines l WHERE l.tenant_id = "
    "b.tenant_id AND l.entry_id = b.entry_id AND l.account_id IN (SELECT "
    "id FROM acc)) AS booked FROM bills b WHERE b.tenant_id = "
    "bursar_tenant() AND b.status NOT IN ('draft', 'void')) "
    "SELECT ((SELECT coalesce(sum(" OPEN_BASE("d.booked", "a.bill_id = d.id")
    "), 0) FROM docs d) - " CREDIT("out") ")::bigint, (SELECT "
    "coalesce(sum(l.credit - l.debit), 0) FROM journal_lines l WHERE "
    "l.tenant_id = bursar_tenant() AND l.account_id IN (SELECT id FROM "
    "acc))::bigint";

/* the receivable's unexplained: entries no invoice, credit note or
 * payment made, and documents whose settled amount disagrees with their
 * allocations or whose posting with their total */
static const char receivable_explain[] = UNDER("receivable") ENTRIES
    ", dk AS (SELECT id::text AS k FROM invoices WHERE tenant_id = "
    "bursar_tenant() UNION ALL SELECT id::text FROM payments WHERE "
    "tenant_id = bursar_tenant()) "
    "SELECT * FROM (SELECT 'journal_entry' AS type, j.id::text AS id, "
    "NULL::text AS number, j.entry_date::text AS d, j.memo, e.amt FROM e "
    "JOIN journal_entries j ON j.tenant_id = bursar_tenant() AND j.id = "
    "e.entry_id WHERE NOT EXISTS (SELECT 1 FROM dk WHERE dk.k = "
    "j.source_id) "
    "UNION ALL SELECT i.kind, i.id::text, i.number, i.issue_date::text, "
    "CASE WHEN i.paid <> coalesce(al.s, 0) THEN 'settled ' || i.paid || "
    "' but its allocations add up to ' || coalesce(al.s, 0) WHEN i.status "
    "= 'void' THEN 'void, but its posting was never reversed' WHEN "
    "i.entry_id IS NULL THEN 'issued, but never posted' ELSE 'its posting "
    "put ' || coalesce(b.booked, 0) || ' on the receivable account for a "
    "total of ' || i.total END, NULL::bigint FROM invoices i "
    "LEFT JOIN LATERAL (SELECT sum(a.amount) AS s FROM payment_allocations "
    "a WHERE a.tenant_id = i.tenant_id AND (a.invoice_id = i.id OR "
    "a.credit_note_id = i.id)) al ON true LEFT JOIN LATERAL (SELECT "
    "sum(l.debit - l.credit) AS booked FROM journal_lines l WHERE "
    "l.tenant_id = i.tenant_id AND l.entry_id = i.entry_id AND "
    "l.account_id IN (SELECT id FROM acc)) b ON true "
    "WHERE i.tenant_id = bursar_tenant() AND i.status <> 'draft' AND "
    "(i.paid <> coalesce(al.s, 0) OR (i.status = 'void' AND "
    "i.void_entry_id IS NULL) OR (i.status <> 'void' AND i.entry_id IS "
    "NULL) OR (i.status <> 'void' AND i.currency = (SELECT base_currency "
    "FROM tenants WHERE id = bursar_tenant()) AND coalesce(b.booked, 0) <> "
    "CASE WHEN i.kind = 'invoice' THEN i.total ELSE -i.total END))) x "
    "ORDER BY d DESC NULLS LAST, id LIMIT " LIMIT_TEXT;

/* the same for the payable (its effect shown as credit - debit) */
static const char payable_explain[] = UNDER("payable") ENTRIES
    ", dk AS (SELECT id::text AS k FROM bills WHERE tenant_id = "
    "bursar_tenant() UNION ALL SELECT id::text FROM payments WHERE "
    "tenant_id = bursar_tenant()) "
    "SELECT * FROM (SELECT 'journal_entry' AS type, j.id::text AS id, "
    "NULL::text AS number, j.entry_date::text AS d, j.memo, -e.amt FROM e "
    "JOIN journal_entries j ON j.tenant_id = bursar_tenant() AND j.id = "
    "e.entry_id WHERE NOT EXISTS (SELECT 1 FROM dk WHERE dk.k = "
    "j.source_id) "
    "UNION ALL SELECT 'bill', b.id::text, b.number, b.bill_date::text, "
    "CASE WHEN b.paid <> coalesce(al.s, 0) THEN 'settled ' || b.paid || "
    "' but its allocations add up to ' || coalesce(al.s, 0) WHEN b.status "
    "= 'void' THEN 'void, but its posting was never reversed' WHEN "
    "b.entry_id IS NULL THEN 'received, but never posted' ELSE 'its "
    "posting put ' || coalesce(p.booked, 0) || ' on the payable account "
    "for a total of ' || b.total END, NULL::bigint FROM bills b "
    "LEFT JOIN LATERAL (SELECT sum(a.amount) AS s FROM payment_allocations "
    "a WHERE a.tenant_id = b.tenant_id AND a.bill_id = b.id) al ON true "
    "LEFT JOIN LATERAL (SELECT sum(l.credit - l.debit) AS booked FROM "
    "journal_lines l WHERE l.tenant_id = b.tenant_id AND l.entry_id = "
    "b.entry_id AND l.account_id IN (SELECT id FROM acc)) p ON true "
    "WHERE b.tenant_id = bursar_tenant() AND b.status <> 'draft' AND "
    "(b.paid <> coalesce(al.s, 0) OR (b.status = 'void' AND "
    "b.void_entry_id IS NULL) OR (b.status <> 'void' AND b.entry_id IS "
    "NULL) OR (b.status <> 'void' AND b.currency = (SELECT base_currency "
    "FROM tenants WHERE id = bursar_tenant()) AND coalesce(p.booked, 0) <> "
    "b.total))) x ORDER BY d DESC NULLS LAST, id LIMIT " LIMIT_TEXT;

static const struct money_check {
	const char *name, *title, *expected_is, *actual_is;
	const char *sums, *explain;
} money_checks[] = {
	{ "stock_vs_inventory", "Stock valuation equals the inventory account",
	    "the stock valuation (moving average cost)",
	    "the balance of the inventory account", stock_sums,
	    stock_explain },
	{ "receivables_vs_invoices", "Receivables equal the open invoices",
	    "open invoices, less open credit notes and customers' unallocated "
	    "payments", "the balance of the receivable account",
	    receivable_sums, receivable_explain },
	{ "payables_vs_bills", "Payables equal the open bills",
	    "open bills, less suppliers' unallocated payments",
	    "the balance of the payable account", payable_sums,
	    payable_explain },
};

static cJSON *
explain_rows(db *d, const char *sql, const char *currency, db_res *err)
{
	db_res r;
	if (db_run(d, &r, sql, 0, NULL, err) < 0)
		return NULL;
	cJSON *list = cJSON_CreateArray();
	for (int i = 0; i < r.rows; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", db_text(&r, i, 0));
		cJSON_AddStringToObject(o, "id", db_text(&r, i, 1));
		if (!db_isnull(&r, i, 2))
			cJSON_AddStringToObject(o, "number", db_text(&r, i, 2));
		if (db_isnull(&r, i, 3))
			cJSON_AddNullToObject(o, "date");
		else
			cJSON_AddStringToObject(o, "date", db_text(&r, i, 3));
		cJSON_AddStringToObject(o, "description", db_isnull(&r, i, 4) ?
		    "" : db_text(&r, i, 4));
		int64_t amt;
		if (db_i64(&r, i, 5, &amt) == 0)
			cJSON_AddItemToObject(o, "amount", api_money(amt,
			    currency));
		cJSON_AddItemToArray(list, o);
	}
	db_res_clear(&r);
	return list;
}

static cJSON *
money_check(db *d, const struct money_check *k, const char *currency,
    int *all_ok, db_res *err)
{
	db_res r;
	if (db_run(d, &r, k->sums, 0, NULL, err) < 0)
		return NULL;
	int64_t expected = 0, actual = 0;
	db_i64(&r, 0, 0, &expected);
	db_i64(&r, 0, 1, &actual);
	db_res_clear(&r);
	int ok = expected == actual;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", k->name);
	cJSON_AddStringToObject(o, "title", k->title);
	cJSON_AddBoolToObject(o, "ok", ok);
	cJSON_AddItemToObject(o, "expected", api_money(expected, currency));
	cJSON_AddStringToObject(o, "expected_is", k->expected_is);
	cJSON_AddItemToObject(o, "actual", api_money(actual, currency));
	cJSON_AddStringToObject(o, "actual_is", k->actual_is);
	cJSON_AddItemToObject(o, "difference", api_money(actual - expected,
	    currency));
	cJSON *why = ok ? cJSON_CreateArray() : explain_rows(d, k->explain,
	    currency, err);
	if (why == NULL) {
		cJSON_Delete(o);
		return NULL;
	}
	cJSON_AddItemToObject(o, "explained_by", why);
	if (!ok)
		*all_ok = 0;
	return o;
}

static cJSON *
ledger_check(db *d, arena *a, int *all_ok, db_res *err)
{
	lv_verify v;
	if (lv_verify_chain(d, a, &v, err) < 0)
		return NULL;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", "ledger_chain");
	cJSON_AddStringToObject(o, "title", "The journal's hash chain "
	    "verifies");
	cJSON_AddBoolToObject(o, "ok", v.ok);
	cJSON_AddItemToObject(o, "entries", api_int(v.entries));
	if (v.ok) {
		cJSON_AddNullToObject(o, "first_broken");
	} else {
		cJSON *b = cJSON_AddObjectToObject(o, "first_broken");
		if (v.seq)
			cJSON_AddItemToObject(b, "seq", api_int(v.seq));
		else
			cJSON_AddNullToObject(b, "seq");
		if (v.entry_id)
			cJSON_AddStringToObject(b, "entry_id", v.entry_id);
		else
			cJSON_AddNullToObject(b, "entry_id");
		cJSON_AddStringToObject(b, "problem", v.problem ? v.problem :
		    "");
		*all_ok = 0;
	}
	return o;
}

static cJSON *
audit_check(db *d, int *all_ok, db_res *err)
{
	int64_t broken, entries;
	if (audit_verify_chain(d, &broken, &entries, err) < 0)
		return NULL;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", "audit_chain");
	cJSON_AddStringToObject(o, "title", "The audit log's hash chain "
	    "verifies");
	cJSON_AddBoolToObject(o, "ok", broken == 0);
	cJSON_AddItemToObject(o, "entries", api_int(entries));
	if (broken == 0) {
		cJSON_AddNullToObject(o, "first_broken");
	} else {
		cJSON *b = cJSON_AddObjectToObject(o, "first_broken");
		cJSON_AddItemToObject(b, "seq", api_int(broken));
		*all_ok = 0;
	}
	return o;
}

cJSON *
integrity_report(db *d, arena *a, db_res *err)
{
	db_res r;
	if (db_run(d, &r, "SELECT t.base_currency, c.minor_units FROM tenants "
	    "t JOIN currencies c ON c.code = t.base_currency WHERE t.id = "
	    "bursar_tenant()", 0, NULL, err) < 0)
		return NULL;
	if (r.rows != 1) {
		db_res_clear(&r);
		return db_refuse(err, "P0002", "no business in scope"), NULL;
	}
	char currency[4];
	snprintf(currency, sizeof(currency), "%s", db_text(&r, 0, 0));
	int64_t digits = 2;
	db_i64(&r, 0, 1, &digits);
	db_res_clear(&r);

	int all_ok = 1;
	cJSON *out = cJSON_CreateObject();
	cJSON *ok = cJSON_AddBoolToObject(out, "ok", 1);
	cJSON_AddStringToObject(out, "currency", currency);
	cJSON_AddItemToObject(out, "digits", api_int(digits));
	cJSON *checks = cJSON_AddArrayToObject(out, "checks");
	for (size_t i = 0; i < sizeof(money_checks) / sizeof(money_checks[0]);
	    i++) {
		cJSON *o = money_check(d, &money_checks[i], currency, &all_ok,
		    err);
		if (o == NULL)
			goto fail;
		cJSON_AddItemToArray(checks, o);
	}
	cJSON *o = ledger_check(d, a, &all_ok, err);
	if (o == NULL)
		goto fail;
	cJSON_AddItemToArray(checks, o);
	if ((o = audit_check(d, &all_ok, err)) == NULL)
		goto fail;
	cJSON_AddItemToArray(checks, o);
	ok->type = all_ok ? cJSON_True : cJSON_False;
	return out;
fail:
	cJSON_Delete(out);
	return NULL;
}
