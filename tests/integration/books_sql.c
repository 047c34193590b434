/* books_sql.c: the ledger's invariants attacked in SQL, as the
 * application's role and as the database's owner, and the posting rules
 * of lib/ledger (currency rounding, reversal, year-end close). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "db/db.h"
#include "kit.h"
#include "books/ledger.h"
#include "suites.h"
#include "books/taxdoc.h"

static db *app, *adm;
static char tenant[LEDGER_ID_LEN];

/* a fresh INR business for each test, and both connections */
static void
setup(void)
{
	const char *slug = unique("bk");
	free(sign_up_in(slug, "owner@bk.test", "INR"));
	app = db_open(getenv("BURSAR_APP_CONNINFO"), 2);
	adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res r;
	const char *p[1] = { slug };
	ck_assert_int_eq(db_exec(adm, &r, "SELECT id FROM tenants WHERE slug = "
	    "$1", 1, p), 0);
	snprintf(tenant, sizeof(tenant), "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
}

static void
teardown(void)
{
	db_close(app);
	db_close(adm);
}

/* sql: one statement as the app role in the tenant's scope, outside any
 * transaction; returns its SQLSTATE ("" on success). */
static const char *
sql(const char *stmt)
{
	static char state[6];
	db_res r;
	ck_assert_int_eq(db_begin(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	int rc = db_exec(app, &r, stmt, 0, NULL);
	snprintf(state, sizeof(state), "%s", rc == 0 ? "" : r.sqlstate);
	db_res_clear(&r);
	if (rc == 0) {
		db_res cr = {0};
		if (db_commit(app, &cr) < 0)
			snprintf(state, sizeof(state), "%s", cr.sqlstate);
		db_res_clear(&cr);
	} else
		db_rollback(app);
	return state;
}

/* scalar: the first value of a query as the app role (static copy) */
static const char *
scalar(const char *stmt)
{
	static char out[256];
	db_res r;
	ck_assert_int_eq(db_begin_read(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	ck_assert_msg(db_exec(app, &r, stmt, 0, NULL) == 0, "%s: %s", stmt,
	    r.error);
	snprintf(out, sizeof(out), "%s", db_text(&r, 0, 0) ? db_text(&r, 0, 0)
	    : "NULL");
	db_res_clear(&r);
	db_commit(app, NULL);
	return out;
}

/* post: lines through lib/ledger in one transaction; the SQLSTATE of the
 * refusal, at the post or at commit, or "" with id set. */
static const char *
post(const char *date, const char *currency, const ledger_line *lines,
    size_t n, char id[LEDGER_ID_LEN])
{
	static char state[6];
	ledger_entry e = { date, "test", "manual", NULL, currency, NULL, lines,
	    n };
	db_res err;
	ck_assert_int_eq(db_begin(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	if (ledger_post(app, NULL, &e, id, &err) < 0) {
		snprintf(state, sizeof(state), "%s", err.sqlstate);
		db_res_clear(&err);
		db_rollback(app);
		return state;
	}
	state[0] = '\0';
	if (db_commit(app, &err) < 0)
		snprintf(state, sizeof(state), "%s", err.sqlstate);
	db_res_clear(&err);
	return state;
}

static const ledger_line sale[] = {
	{ "@receivable", 118000, 0, NULL, "GST18", NULL },
	{ "@sales", 0, 100000, NULL, "GST18", NULL },
	{ "2210", 0, 9000, NULL, "GST18", "CGST" },
	{ "2220", 0, 9000, NULL, "GST18", "SGST" },
};

#define ENTRIES "SELECT count(*) FROM journal_entries"

START_TEST(invariants_refused)
{
	char id[LEDGER_ID_LEN], posted[LEDGER_ID_LEN];
	ck_assert_str_eq(post("today", NULL, sale, 4, posted), "");
	ck_assert_str_eq(scalar(ENTRIES), "1");
	/* unbalanced through the one posting function: refused at commit */
	ledger_line bad[2] = { { "1100", 500, 0, NULL, NULL, NULL },
		{ "4100", 0, 499, NULL, NULL, NULL } };
	ck_assert_str_eq(post("today", NULL, bad, 2, id), "23514");
	/* by hand, behind its back: still refused at commit */
	ck_assert_str_eq(sql("WITH e AS (INSERT INTO journal_entries (tenant_id, "
	    "entry_date, currency) VALUES (bursar_tenant(), current_date, 'INR') "
	    "RETURNING id) INSERT INTO journal_lines (tenant_id, entry_id, "
	    "entry_date, line_no, account_id, debit, credit) SELECT "
	    "bursar_tenant(), e.id, current_date, a.n, a.id, CASE a.n WHEN 1 "
	    "THEN 100 ELSE 0 END, CASE a.n WHEN 2 THEN 99 ELSE 0 END FROM e, "
	    "(SELECT id, row_number() OVER (ORDER BY code) n FROM accounts WHERE "
	    "code IN ('1100', '4100')) a"), "23514");
	/* one line alone, however balanced, is no entry */
	ck_assert_str_eq(sql("WITH e AS (INSERT INTO journal_entries (tenant_id, "
	    "entry_date, currency) VALUES (bursar_tenant(), current_date, 'INR') "
	    "RETURNING id) INSERT INTO journal_lines (tenant_id, entry_id, "
	    "entry_date, line_no, account_id) SELECT bursar_tenant(), e.id, "
	    "current_date, 1, a.id FROM e, accounts a WHERE a.code = '1100'"),
	    "23514");
	ck_assert_str_eq(scalar(ENTRIES), "1");
	/* posted is final: the app may not even try, the owner is refused */
	ck_assert_str_eq(sql("UPDATE journal_lines SET debit = debit + 1"),
	    "42501");
	ck_assert_str_eq(sql("DELETE FROM journal_entries"), "42501");
	ck_assert_str_eq(sql("DELETE FROM ledger_chain"), "42501");
	db_res r;
	const char *p[1] = { tenant };
	ck_assert_int_eq(db_exec(adm, &r, "UPDATE journal_lines SET debit = "
	    "debit + 1 WHERE tenant_id = $1", 1, p), -1);
	ck_assert_str_eq(r.sqlstate, "23000");
	db_res_clear(&r);
	ck_assert_int_eq(db_exec(adm, &r, "DELETE FROM journal_entries WHERE "
	    "tenant_id = $1", 1, p), -1);
	ck_assert_str_eq(r.sqlstate, "23000");
	db_res_clear(&r);
	/* nor does a posted entry take one more line, even from the owner */
	const char *ep[2] = { tenant, posted };
	ck_assert_int_eq(db_exec(adm, &r, "INSERT INTO journal_lines (tenant_id, "
	    "entry_id, entry_date, line_no, account_id, debit) SELECT e.tenant_id, "
	    "e.id, e.entry_date, 9, a.id, 1 FROM journal_entries e JOIN accounts "
	    "a ON a.tenant_id = e.tenant_id AND a.code = '1100' WHERE "
	    "e.tenant_id = $1 AND e.id = $2", 2, ep), -1);
	ck_assert_str_eq(r.sqlstate, "23000");
	db_res_clear(&r);
	/* a group heading and an archived account take no postings */
	ledger_line to_group[2] = { { "1000", 100, 0, NULL, NULL, NULL },
		{ "4100", 0, 100, NULL, NULL, NULL } };
	ck_assert_str_eq(post("today", NULL, to_group, 2, id), "23514");
	ck_assert_str_eq(sql("UPDATE accounts SET archived = true WHERE code = "
	    "'5400'"), "");
	ledger_line to_archived[2] = { { "5400", 100, 0, NULL, NULL, NULL },
		{ "1100", 0, 100, NULL, NULL, NULL } };
	ck_assert_str_eq(post("today", NULL, to_archived, 2, id), "23514");
	/* an unknown account, an unknown currency, a negative amount */
	ledger_line unknown[2] = { { "9999", 100, 0, NULL, NULL, NULL },
		{ "1100", 0, 100, NULL, NULL, NULL } };
	ck_assert_str_eq(post("today", NULL, unknown, 2, id), "23503");
	ck_assert_str_eq(post("today", "XYZ", sale, 4, id), "23514");
	ledger_line negative[2] = { { "1100", -100, 0, NULL, NULL, NULL },
		{ "4100", -100, 0, NULL, NULL, NULL } };
	ck_assert_str_eq(post("today", NULL, negative, 2, id), "23514");
	ck_assert_str_eq(scalar(ENTRIES), "1");
	ck_assert_str_eq(scalar("SELECT count(*) FROM ledger_verify()"), "0");
}
END_TEST

START_TEST(closed_period_refuses)
{
	char id[LEDGER_ID_LEN];
	char pid[LEDGER_ID_LEN];
	snprintf(pid, sizeof(pid), "%s", scalar("SELECT id FROM periods WHERE "
	    "current_date BETWEEN start_date AND end_date"));
	db_res err;
	ck_assert_int_eq(db_begin(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	ck_assert_int_eq(ledger_set_period(app, pid, 1, &err), 0);
	ck_assert_int_eq(db_commit(app, NULL), 0);
	ck_assert_str_eq(post("today", NULL, sale, 4, id), "23514");
	/* no period at all: years not opened yet */
	ck_assert_str_eq(post("1999-01-01", NULL, sale, 4, id), "23514");
	/* by hand as well */
	ck_assert_str_eq(sql("INSERT INTO journal_entries (tenant_id, entry_date, "
	    "currency) VALUES (bursar_tenant(), current_date, 'INR')"), "23514");
	/* reopened, it takes the entry */
	ck_assert_int_eq(db_begin(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	ck_assert_int_eq(ledger_set_period(app, pid, 0, &err), 0);
	ck_assert_int_eq(db_commit(app, NULL), 0);
	ck_assert_str_eq(post("today", NULL, sale, 4, id), "");
	/* another tenant's period is no such period */
	ck_assert_int_eq(db_begin(app), 0);
	ck_assert_int_eq(db_set_tenant(app, "00000000-0000-0000-0000-000000000009"),
	    0);
	ck_assert_int_eq(ledger_set_period(app, pid, 1, &err), -1);
	ck_assert_str_eq(err.sqlstate, "P0002");
	db_rollback(app);
}
END_TEST

/* a line's amounts in the base currency, by account code and line */
static const char *
line_of(const char *entry, const char *code)
{
	static char q[512];
	snprintf(q, sizeof(q), "SELECT l.debit || '/' || l.credit || '/' || "
	    "l.tx_debit || '/' || l.tx_credit FROM journal_lines l JOIN accounts "
	    "a ON a.tenant_id = l.tenant_id AND a.id = l.account_id WHERE "
	    "l.entry_id = '%s' AND a.code = '%s' ORDER BY l.line_no LIMIT 1",
	    entry, code);
	return scalar(q);
}

START_TEST(foreign_currency_rounds_to_the_rounding_account)
{
	char id[LEDGER_ID_LEN];
	/* no rate yet: refused with the reason */
	ledger_line kwd[4] = { { "1200", 1000, 0, NULL, NULL, NULL },
		{ "4100", 0, 333, NULL, NULL, NULL },
		{ "4100", 0, 333, NULL, NULL, NULL },
		{ "4100", 0, 334, NULL, NULL, NULL } };
	ck_assert_str_eq(post("today", "KWD", kwd, 4, id), "23514");
	ck_assert_str_eq(sql("INSERT INTO exchange_rates (tenant_id, currency, "
	    "rate_date, rate) VALUES (bursar_tenant(), 'KWD', current_date - 1, "
	    "270.5), (bursar_tenant(), 'JPY', current_date, 0.55)"), "");
	/* 1.000 KWD at 270.5: INR 270.50 = 27050 paise; the credits 0.333,
	 * 0.333, 0.334 become 90.0765 -> 90.08, 90.08 and 90.347 -> 90.35,
	 * 270.51 in all: one paisa more on the credit side, so the rounding
	 * account takes a debit of 1 */
	ck_assert_str_eq(post("today", "KWD", kwd, 4, id), "");
	ck_assert_str_eq(line_of(id, "1200"), "27050/0/1000/0");
	ck_assert_str_eq(line_of(id, "5900"), "1/0/0/0");
	ck_assert_str_eq(scalar("SELECT sum(debit) - sum(credit) FROM "
	    "journal_lines"), "0");
	/* JPY has no minor unit: 999 yen at 0.55 is INR 549.45 */
	ledger_line jpy[2] = { { "1200", 999, 0, NULL, NULL, NULL },
		{ "4100", 0, 999, NULL, NULL, NULL } };
	ck_assert_str_eq(post("today", "JPY", jpy, 2, id), "");
	ck_assert_str_eq(line_of(id, "1200"), "54945/0/999/0");
	ck_assert_str_eq(scalar("SELECT currency || ' ' || rate FROM "
	    "journal_entries ORDER BY created_at DESC LIMIT 1"),
	    "JPY 0.5500000000");
}
END_TEST

START_TEST(reversal_once)
{
	char id[LEDGER_ID_LEN], rev[LEDGER_ID_LEN];
	ck_assert_str_eq(post("today", NULL, sale, 4, id), "");
	db_res err;
	ck_assert_int_eq(db_begin(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	ck_assert_int_eq(ledger_reverse(app, NULL, id, "today", NULL, rev,
	    &err), 0);
	ck_assert_int_eq(db_commit(app, NULL), 0);
	ck_assert_str_eq(line_of(rev, "1300"), "0/118000/0/118000");
	ck_assert_str_eq(scalar("SELECT string_agg(DISTINCT (debit - credit)"
	    "::text, ',') FROM (SELECT account_id, sum(debit) debit, sum(credit) "
	    "credit FROM journal_lines GROUP BY account_id) b"), "0");
	/* twice: the unique reversal refuses */
	ck_assert_int_eq(db_begin(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	ck_assert_int_eq(ledger_reverse(app, NULL, id, "today", NULL, rev,
	    &err), -1);
	ck_assert_str_eq(err.sqlstate, "23505");
	db_res_clear(&err);
	db_rollback(app);
	ck_assert_str_eq(scalar(ENTRIES), "2");
}
END_TEST

START_TEST(year_end_close)
{
	char id[LEDGER_ID_LEN];
	ck_assert_str_eq(post("today", NULL, sale, 4, id), "");
	ledger_line rent[2] = { { "@rent", 30000, 0, NULL, NULL, NULL },
		{ "@bank", 0, 30000, NULL, NULL, NULL } };
	ck_assert_str_eq(post("today", NULL, rent, 2, id), "");
	char year[LEDGER_ID_LEN];
	snprintf(year, sizeof(year), "%s", scalar("SELECT id FROM fiscal_years"));
	db_res err;
	char closing[LEDGER_ID_LEN];
	ck_assert_int_eq(db_begin(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	ck_assert_msg(ledger_close_year(app, NULL, year, closing, &err) == 0,
	    "%s", err.error);
	ck_assert_int_eq(db_commit(app, NULL), 0);
	ck_assert_str_ne(closing, "");
	/* income and expense are zero; the profit of 1000.00 - 300.00 sits
	 * in retained earnings as a credit */
	ck_assert_str_eq(scalar("SELECT count(*) FROM (SELECT a.id FROM "
	    "journal_lines l JOIN accounts a ON a.tenant_id = l.tenant_id AND "
	    "a.id = l.account_id WHERE a.type IN ('income', 'expense') GROUP BY "
	    "a.id HAVING sum(l.debit) <> sum(l.credit)) x"), "0");
	ck_assert_str_eq(line_of(closing, "3200"), "0/70000/0/70000");
	ck_assert_str_eq(scalar("SELECT bool_and(closed)::text FROM periods"),
	    "true");
	/* the year is shut: no posting, no reopening, no second close */
	ck_assert_str_eq(post("today", NULL, sale, 4, id), "23514");
	ck_assert_str_eq(sql("UPDATE periods SET closed = false"), "23514");
	ck_assert_int_eq(db_begin(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	ck_assert_int_eq(ledger_close_year(app, NULL, year, closing, &err), -1);
	ck_assert_str_eq(err.sqlstate, "23514");
	db_res_clear(&err);
	db_rollback(app);
	ck_assert_str_eq(scalar("SELECT count(*) FROM ledger_verify()"), "0");
}
END_TEST

START_TEST(chain_names_the_tampered_entry)
{
	char ids[3][LEDGER_ID_LEN];
	for (int i = 0; i < 3; i++)
		ck_assert_str_eq(post("today", NULL, sale, 4, ids[i]), "");
	ck_assert_str_eq(scalar("SELECT count(*) FROM ledger_verify()"), "0");
	ck_assert_str_eq(scalar("SELECT string_agg(seq::text, ',' ORDER BY seq) "
	    "FROM ledger_chain"), "1,2,3");
	/* the owner goes around every trigger and edits the second entry */
	db_res r;
	const char *p[2] = { tenant, ids[1] };
	ck_assert_int_eq(db_begin(adm), 0);
	ck_assert_int_eq(db_exec(adm, &r, "SET LOCAL session_replication_role = "
	    "replica", 0, NULL), 0);
	db_res_clear(&r);
	ck_assert_int_eq(db_exec(adm, &r, "UPDATE journal_lines SET credit = "
	    "credit + 100 WHERE tenant_id = $1 AND entry_id = $2 AND line_no = 2",
	    2, p), 0);
	db_res_clear(&r);
	ck_assert_int_eq(db_commit(adm, NULL), 0);
	char want[128];
	snprintf(want, sizeof(want), "2 %s content changed since it was posted",
	    ids[1]);
	ck_assert_str_eq(scalar("SELECT seq || ' ' || entry_id || ' ' || problem "
	    "FROM ledger_verify()"), want);
}
END_TEST

/* tax_of: a document of three lines of 10.05 under GST18 (CGST 9% + SGST
 * 9%) and one untaxed line of 1.00 */
static int
tax_of(const char *date, int purchase, taxdoc *doc, db_res *err)
{
	taxdoc_line l[4] = { { 1005, "GST18", 0, 0, 0 },
		{ 1005, "GST18", 0, 0, 0 }, { 1005, "GST18", 0, 0, 0 },
		{ 100, NULL, 0, 0, 0 } };
	ck_assert_int_eq(db_begin_read(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	int rc = taxdoc_compute(app, date, purchase, l, 4, doc, err);
	db_commit(app, NULL);
	if (rc == 0) {
		ck_assert_int_eq(l[3].tax, 0);
		ck_assert_int_eq(l[3].gross, 100);
		ck_assert_int_eq(l[0].net + l[0].tax, l[0].gross);
	}
	return rc;
}

START_TEST(tax_follows_the_business_rounding_rule)
{
	taxdoc doc;
	db_res err;
	/* per line: 10.05 x 9% = 0.9045 -> 0.90, three times: 2.70 each of
	 * CGST and SGST, 5.40 in all */
	ck_assert_int_eq(tax_of("today", 0, &doc, &err), 0);
	ck_assert_int_eq(doc.per_document, 0);
	ck_assert_int_eq(doc.net, 3115);
	ck_assert_int_eq(doc.tax, 540);
	ck_assert_int_eq(doc.gross, 3655);
	ck_assert_int_eq(doc.ntotals, 2);
	ck_assert_str_eq(doc.totals[0].rate, "CGST9");
	ck_assert_str_eq(doc.totals[0].account, "2210");
	ck_assert_int_eq(doc.totals[0].tax, 270);
	ck_assert_str_eq(doc.totals[1].account, "2220");
	/* a purchase: the same tax, to the input accounts */
	ck_assert_int_eq(tax_of("today", 1, &doc, &err), 0);
	ck_assert_str_eq(doc.totals[0].account, "1510");
	ck_assert_str_eq(doc.totals[1].account, "1520");
	/* per document: 30.15 x 9% = 2.7135 -> 2.71 each, 5.42 in all */
	ck_assert_str_eq(sql("UPDATE books_settings SET tax_rounding = "
	    "'document'"), "");
	ck_assert_int_eq(tax_of("today", 0, &doc, &err), 0);
	ck_assert_int_eq(doc.per_document, 1);
	ck_assert_int_eq(doc.tax, 542);
	ck_assert_int_eq(doc.totals[0].tax, 271);
	ck_assert_int_eq(doc.totals[1].tax, 271);
	/* before the rates were in force: refused, naming the group */
	ck_assert_int_eq(tax_of("1999-06-30", 0, &doc, &err), -1);
	ck_assert_str_eq(err.sqlstate, "22023");
	ck_assert_ptr_nonnull(strstr(err.error, "GST18"));
}
END_TEST

TCase *
books_sql_tcase(void)
{
	TCase *tc = tcase_create("books_sql");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, invariants_refused);
	tcase_add_test(tc, closed_period_refuses);
	tcase_add_test(tc, foreign_currency_rounds_to_the_rounding_account);
	tcase_add_test(tc, reversal_once);
	tcase_add_test(tc, year_end_close);
	tcase_add_test(tc, chain_names_the_tampered_entry);
	tcase_add_test(tc, tax_follows_the_business_rounding_rule);
	return tc;
}
