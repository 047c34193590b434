/* ledger_view.c: balances, trial balance, general ledger, journal, one
 * entry and the chain's verification, read in as few statements as each
 * view allows. */
#include "books/ledger_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"

#define LINES_MAX (64u << 20)	/* the id array of a journal page */

/* refuse: err as a refusal of the call's own (no query failed) */
static int
refuse(db_res *err, const char *state, const char *msg)
{
	memset(err, 0, sizeof(*err));
	snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", state);
	err->error = msg;
	return -1;
}

/* run: db_exec with the error handed to the caller in err */
static int
run(db *d, db_res *r, const char *sql, int n, const char *const *p,
    db_res *err)
{
	memset(err, 0, sizeof(*err));
	if (db_exec(d, r, sql, n, p) == 0)
		return 0;
	*err = *r;
	return -1;
}

/* txt: row, col copied into a; NULL for SQL NULL */
static const char *
txt(arena *a, const db_res *r, int row, int col)
{
	const char *s = db_text(r, row, col);
	return s ? arena_strdup(a, s) : NULL;
}

/* num: row, col as an integer; 0 for SQL NULL */
static int64_t
num(const db_res *r, int row, int col)
{
	int64_t v = 0;
	db_i64(r, row, col, &v);
	return v;
}

static int
flag(const db_res *r, int row, int col)
{
	const char *s = db_text(r, row, col);
	return s && s[0] == 't';
}

/* one_row: run for a statement that must give one row; P0002 with
 * missing as its message when it gives none */
static int
one_row(db *d, db_res *r, const char *sql, int n, const char *const *p,
    const char *missing, db_res *err)
{
	if (run(d, r, sql, n, p, err) < 0)
		return -1;
	if (r->rows == 1)
		return 0;
	db_res_clear(r);
	return refuse(err, "P0002", missing);
}

/* ---- the books ---- */

int
lv_books_get(db *d, lv_books *out, db_res *err)
{
	db_res r;
	if (one_row(d, &r, "SELECT t.base_currency, c.minor_units, "
	    "current_date::text FROM tenants t JOIN currencies c ON c.code = "
	    "t.base_currency WHERE t.id = bursar_tenant()", 0, NULL,
	    "no business in scope", err) < 0)
		return -1;
	snprintf(out->currency, sizeof(out->currency), "%s", db_text(&r, 0, 0));
	out->digits = (int)num(&r, 0, 1);
	snprintf(out->today, sizeof(out->today), "%s", db_text(&r, 0, 2));
	db_res_clear(&r);
	return 0;
}

int
lv_currency_digits(db *d, const char *currency, char code[4], int *digits,
    db_res *err)
{
	db_res r;
	const char *p[1] = { currency };
	if (one_row(d, &r, "SELECT c.code, c.minor_units FROM currencies c "
	    "WHERE c.code = coalesce($1::text, (SELECT t.base_currency::text "
	    "FROM tenants t WHERE t.id = bursar_tenant()))", 1, p,
	    "no such currency", err) < 0)
		return -1;
	snprintf(code, 4, "%s", db_text(&r, 0, 0));
	*digits = (int)num(&r, 0, 1);
	db_res_clear(&r);
	return 0;
}

/* ---- balances and the trial balance ---- */

/* The tenant, as a scan of journal_lines names it: row-level security
 * adds tenant_id = bursar_tenant() to every scan, which a sequential scan
 * would evaluate on every row; with the tenant also given once (an
 * InitPlan), the planner turns the policy into a one-time check, and a
 * trial balance over a million lines takes a third of the time. */
#define TENANT "(SELECT bursar_tenant())"

/* the chart in order, each account with the totals of its subtree */
static const char balances_sql[] = "WITH RECURSIVE t AS (SELECT tenant_id, "
    "id, ARRAY[code] AS path, 0 AS depth FROM accounts WHERE parent_id IS "
    "NULL UNION ALL SELECT a.tenant_id, a.id, t.path || a.code, t.depth + 1 "
    "FROM accounts a JOIN t ON a.tenant_id = t.tenant_id AND a.parent_id = "
    "t.id), up AS (SELECT tenant_id, id AS leaf, id AS anc FROM accounts "
    "UNION ALL SELECT up.tenant_id, up.leaf, a.parent_id FROM up JOIN "
    "accounts a ON a.tenant_id = up.tenant_id AND a.id = up.anc WHERE "
    "a.parent_id IS NOT NULL), b AS (SELECT account_id, sum(debit) AS dr, "
    "sum(credit) AS cr FROM journal_lines WHERE tenant_id = " TENANT " AND "
    "entry_date <= $1::date "
    "GROUP BY account_id), s AS (SELECT up.anc, sum(b.dr) AS dr, sum(b.cr) "
    "AS cr FROM b JOIN up ON up.leaf = b.account_id GROUP BY up.anc) "
    "SELECT a.id, a.code, a.name, a.type, p.code, a.is_group, a.archived, "
    "t.depth, coalesce(s.dr, 0), coalesce(s.cr, 0) FROM t JOIN accounts a "
    "ON a.tenant_id = t.tenant_id AND a.id = t.id LEFT JOIN accounts p ON "
    "p.tenant_id = a.tenant_id AND p.id = a.parent_id LEFT JOIN s ON s.anc "
    "= a.id ORDER BY t.path";

/* the postings summed by account first (an index-only scan of
 * journal_lines_account), then joined to the accounts.  MATERIALIZED:
 * with many businesses in the database the planner otherwise re-ran the
 * sum once per account in a nested loop (2.6 s instead of 0.3 s). */
static const char trial_sql[] = "WITH b AS MATERIALIZED (SELECT account_id, "
    "sum(debit) AS dr, sum(credit) AS cr FROM journal_lines WHERE tenant_id "
    "= " TENANT " AND entry_date <= $1::date GROUP BY account_id) "
    "SELECT a.id, a.code, a.name, a.type, NULL, a.is_group, a.archived, 0, "
    "b.dr, b.cr FROM b JOIN accounts a ON "
    "a.tenant_id = bursar_tenant() AND a.id = b.account_id ORDER BY a.code";

/* accounts: the rows of balances_sql or trial_sql (same columns) */
static int
accounts(db *d, arena *a, const char *sql, const char *date,
    lv_accounts *out, db_res *err)
{
	db_res r;
	const char *p[1] = { date };
	memset(out, 0, sizeof(*out));
	if (run(d, &r, sql, 1, p, err) < 0)
		return -1;
	out->n = (size_t)r.rows;
	out->items = arena_alloc(a, (out->n ? out->n : 1) *
	    sizeof(*out->items));
	for (int i = 0; i < r.rows; i++) {
		lv_account *x = &out->items[i];
		x->id = txt(a, &r, i, 0);
		x->code = txt(a, &r, i, 1);
		x->name = txt(a, &r, i, 2);
		x->type = txt(a, &r, i, 3);
		x->parent_code = txt(a, &r, i, 4);
		x->is_group = flag(&r, i, 5);
		x->archived = flag(&r, i, 6);
		x->depth = (int)num(&r, i, 7);
		x->debit = num(&r, i, 8);
		x->credit = num(&r, i, 9);
		x->balance = x->debit - x->credit;
	}
	db_res_clear(&r);
	return 0;
}

int
lv_balances(db *d, arena *a, const char *date, lv_accounts *out,
    db_res *err)
{
	return accounts(d, a, balances_sql, date, out, err);
}

int
lv_trial_balance(db *d, arena *a, const char *date, lv_accounts *out,
    db_res *err)
{
	if (accounts(d, a, trial_sql, date, out, err) < 0)
		return -1;
	for (size_t i = 0; i < out->n; i++) {
		const lv_account *x = &out->items[i];
		out->debit += x->debit;
		out->credit += x->credit;
		if (x->balance > 0)
			out->balance_debit += x->balance;
		else
			out->balance_credit -= x->balance;
	}
	return 0;
}

/* ---- the general ledger ---- */

/* Params: $1 code, $2 from, $3 to (dates, -infinity/infinity for none),
 * $4..$6 the key after which the page starts (date, number, line), $7
 * how many lines.  The running balance of the page starts from the
 * opening balance plus the lines of the range before the key: those of
 * earlier days (from the index alone) and those of the key's own day.
 * Each account of the subtree is read on its own (LATERAL), so its lines
 * come from journal_lines_account in date order and only the page's
 * worth is joined to the chain and sorted. */
static const char gl_sql[] = "WITH RECURSIVE acct AS (SELECT tenant_id, id, "
    "code, name, type, is_group, archived FROM accounts WHERE code = $1), "
    "sub AS (SELECT tenant_id, id FROM acct UNION ALL SELECT a.tenant_id, "
    "a.id FROM accounts a JOIN sub ON a.tenant_id = sub.tenant_id AND "
    "a.parent_id = sub.id), "
    "tot AS (SELECT coalesce(sum(t.opening), 0) AS opening, "
    "coalesce(sum(t.dr), 0) AS dr, coalesce(sum(t.cr), 0) AS cr, "
    "coalesce(sum(t.before_day), 0) AS before_day FROM sub CROSS JOIN "
    "LATERAL (SELECT sum(l.debit - l.credit) FILTER (WHERE l.entry_date < "
    "$2::date) AS opening, sum(l.debit) FILTER (WHERE l.entry_date >= "
    "$2::date) AS dr, sum(l.credit) FILTER (WHERE l.entry_date >= $2::date) "
    "AS cr, sum(l.debit - l.credit) FILTER (WHERE l.entry_date >= $2::date "
    "AND l.entry_date < $4::date) AS before_day FROM journal_lines l WHERE "
    "l.tenant_id = sub.tenant_id AND l.account_id = sub.id AND l.entry_date "
    "<= $3::date) t), "
    "day AS (SELECT coalesce(sum(l.debit - l.credit), 0) AS s FROM sub JOIN "
    "journal_lines l ON l.tenant_id = sub.tenant_id AND l.account_id = "
    "sub.id JOIN ledger_chain k ON k.tenant_id = l.tenant_id AND k.entry_id "
    "= l.entry_id WHERE l.entry_date = $4::date AND l.entry_date BETWEEN "
    "$2::date AND $3::date AND (k.seq, l.line_no) <= ($5::bigint, "
    "$6::int)), "
    "page AS (SELECT x.* FROM sub CROSS JOIN LATERAL (SELECT l.tenant_id, "
    "l.entry_id, l.entry_date, k.seq, l.line_no, l.account_id, l.debit, "
    "l.credit, l.memo FROM journal_lines l JOIN ledger_chain k ON "
    "k.tenant_id = l.tenant_id AND k.entry_id = l.entry_id WHERE "
    "l.tenant_id = sub.tenant_id AND l.account_id = sub.id AND l.entry_date "
    "BETWEEN greatest($2::date, $4::date) AND $3::date AND (l.entry_date, "
    "k.seq, l.line_no) > ($4::date, $5::bigint, $6::int) ORDER BY "
    "l.entry_date, k.seq, l.line_no LIMIT $7::int) x ORDER BY x.entry_date, "
    "x.seq, x.line_no LIMIT $7::int) "
    "SELECT acct.id, acct.code, acct.name, acct.type, acct.is_group, "
    "acct.archived, tot.opening, tot.dr, tot.cr, p.entry_id, "
    "p.entry_date::text, p.seq, p.line_no, la.code, e.memo, p.memo, x.n, "
    "x.code, x.name, p.debit, p.credit, tot.opening + tot.before_day + "
    "day.s + sum(p.debit - p.credit) OVER (ORDER BY p.entry_date, p.seq, "
    "p.line_no ROWS UNBOUNDED PRECEDING) "
    "FROM acct CROSS JOIN tot CROSS JOIN day LEFT JOIN page p ON true "
    "LEFT JOIN journal_entries e ON e.tenant_id = p.tenant_id AND e.id = "
    "p.entry_id LEFT JOIN accounts la ON la.tenant_id = p.tenant_id AND "
    "la.id = p.account_id LEFT JOIN LATERAL (SELECT count(DISTINCT "
    "o.account_id) AS n, min(oa.code) AS code, min(oa.name) AS name FROM "
    "journal_lines o JOIN accounts oa ON oa.tenant_id = o.tenant_id AND "
    "oa.id = o.account_id WHERE o.tenant_id = p.tenant_id AND o.entry_id = "
    "p.entry_id AND o.account_id <> p.account_id) x ON true "
    "ORDER BY p.entry_date, p.seq, p.line_no";

/* key_parse: a page key "date|number[|line]" into its parts (parts
 * fields; the text copied into a).  0, or -1 when malformed. */
static int
key_parse(arena *a, const char *key, int parts, const char *out[3])
{
	static const char *const re[] = {
	    "^[0-9]{4}-[0-9]{2}-[0-9]{2}\\|[0-9]{1,18}$",
	    "^[0-9]{4}-[0-9]{2}-[0-9]{2}\\|[0-9]{1,18}\\|[0-9]{1,5}$" };
	if (!api_matches(re[parts - 2], key))
		return -1;
	char *s = arena_strdup(a, key);
	for (int i = 0; i < parts; i++) {
		out[i] = s;
		s = strchr(s, '|');
		if (s)
			*s++ = '\0';
	}
	return 0;
}

int
lv_general_ledger(db *d, arena *a, const char *code, const char *from,
    const char *to, const char *after, int limit, lv_gl *out, db_res *err)
{
	const char *key[3] = { "-infinity", "0", "0" };
	memset(out, 0, sizeof(*out));
	if (limit < 1)
		return refuse(err, "22023", "the limit is at least 1");
	if (after && key_parse(a, after, 3, key) < 0)
		return refuse(err, "22023", "the cursor is malformed");
	const char *lim = arena_printf(a, "%d", limit + 1);
	const char *p[7] = { code, from ? from : "-infinity", to ? to :
	    "infinity", key[0], key[1], key[2], lim };
	db_res r;
	if (run(d, &r, gl_sql, 7, p, err) < 0)
		return -1;
	if (r.rows == 0) {
		db_res_clear(&r);
		return refuse(err, "P0002", "no such account");
	}
	lv_account *ac = &out->account;
	ac->id = txt(a, &r, 0, 0);
	ac->code = txt(a, &r, 0, 1);
	ac->name = txt(a, &r, 0, 2);
	ac->type = txt(a, &r, 0, 3);
	ac->is_group = flag(&r, 0, 4);
	ac->archived = flag(&r, 0, 5);
	out->opening = num(&r, 0, 6);
	out->debit = num(&r, 0, 7);
	out->credit = num(&r, 0, 8);
	out->closing = out->opening + out->debit - out->credit;
	int rows = db_isnull(&r, 0, 9) ? 0 : r.rows;
	int more = rows > limit;
	out->n = (size_t)(more ? limit : rows);
	out->lines = arena_alloc(a, (out->n ? out->n : 1) *
	    sizeof(*out->lines));
	for (size_t i = 0; i < out->n; i++) {
		int row = (int)i;
		lv_gl_line *l = &out->lines[i];
		l->entry_id = txt(a, &r, row, 9);
		l->date = txt(a, &r, row, 10);
		l->seq = num(&r, row, 11);
		l->line_no = (int)num(&r, row, 12);
		l->account_code = txt(a, &r, row, 13);
		l->memo = txt(a, &r, row, 14);
		l->line_memo = txt(a, &r, row, 15);
		int64_t others = num(&r, row, 16);
		l->split = others > 1;
		if (others == 1) {
			l->counter_code = txt(a, &r, row, 17);
			l->counter_name = txt(a, &r, row, 18);
		}
		l->debit = num(&r, row, 19);
		l->credit = num(&r, row, 20);
		l->balance = num(&r, row, 21);
	}
	if (more) {
		const lv_gl_line *last = &out->lines[out->n - 1];
		out->next = arena_printf(a, "%s|%lld|%d", last->date,
		    (long long)last->seq, last->line_no);
	}
	db_res_clear(&r);
	return 0;
}

/* ---- the journal ---- */

/* the columns entry_row reads, in order */
#define ENTRY_COLS "e.id, e.entry_date::text, e.memo, e.source_type, " \
    "e.source_id, e.currency, cu.minor_units, trim_scale(e.rate)::text, " \
    "k.seq, e.reversal_of, r.id, rk.seq, to_char(e.created_at AT TIME ZONE " \
    "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), k.hash, k.prev_hash, " \
    "bursar_branch_code(e.tenant_id, e.branch_id)"
#define ENTRY_JOINS "JOIN currencies cu ON cu.code = e.currency LEFT JOIN " \
    "journal_entries r ON r.tenant_id = e.tenant_id AND r.reversal_of = " \
    "e.id LEFT JOIN ledger_chain rk ON rk.tenant_id = r.tenant_id AND " \
    "rk.entry_id = r.id "

/* Params: $1 from, $2 to, $3 account code, $4 source type, $5 source id,
 * $6 party, $7 and $8 the key (date, number) the page goes on before,
 * $9 how many. */
static const char journal_sql[] = "WITH RECURSIVE sub AS (SELECT tenant_id, "
    "id FROM accounts WHERE code = $3 UNION ALL SELECT a.tenant_id, a.id "
    "FROM accounts a JOIN sub ON a.tenant_id = sub.tenant_id AND "
    "a.parent_id = sub.id) SELECT " ENTRY_COLS " FROM journal_entries e "
    "JOIN ledger_chain k ON k.tenant_id = e.tenant_id AND k.entry_id = e.id "
    ENTRY_JOINS "WHERE e.entry_date BETWEEN $1::date AND $2::date AND "
    "($3::text IS NULL OR EXISTS (SELECT 1 FROM journal_lines l WHERE "
    "l.tenant_id = e.tenant_id AND l.entry_id = e.id AND l.account_id IN "
    "(SELECT id FROM sub))) AND ($4::text IS NULL OR e.source_type = $4) "
    "AND ($5::text IS NULL OR e.source_id = $5) AND ($6::uuid IS NULL OR "
    "EXISTS (SELECT 1 FROM journal_lines l WHERE l.tenant_id = e.tenant_id "
    "AND l.entry_id = e.id AND l.party_id = $6::uuid)) AND (e.entry_date, "
    "k.seq) < ($7::date, $8::bigint) ORDER BY e.entry_date DESC, k.seq DESC "
    "LIMIT $9::int";

static const char entry_sql[] = "SELECT " ENTRY_COLS " FROM journal_entries "
    "e LEFT JOIN ledger_chain k ON k.tenant_id = e.tenant_id AND k.entry_id "
    "= e.id " ENTRY_JOINS "WHERE e.id = $1::uuid";

/* the lines of the entries $1, in the entries' order */
static const char lines_sql[] = "SELECT l.entry_id, l.line_no, a.code, "
    "a.name, l.debit, l.credit, l.tx_debit, l.tx_credit, l.party_id, "
    "l.tax_code, l.memo FROM unnest($1::uuid[]) WITH ORDINALITY u(id, ord) "
    "JOIN journal_lines l ON l.tenant_id = bursar_tenant() AND l.entry_id = "
    "u.id JOIN accounts a ON a.tenant_id = l.tenant_id AND a.id = "
    "l.account_id ORDER BY u.ord, l.line_no";

static void
entry_row(arena *a, const db_res *r, int row, lv_entry *e)
{
	e->id = txt(a, r, row, 0);
	e->date = txt(a, r, row, 1);
	e->memo = txt(a, r, row, 2);
	e->source_type = txt(a, r, row, 3);
	e->source_id = txt(a, r, row, 4);
	e->currency = txt(a, r, row, 5);
	e->digits = (int)num(r, row, 6);
	e->rate = txt(a, r, row, 7);
	e->seq = num(r, row, 8);
	e->reversal_of = txt(a, r, row, 9);
	e->reversed_by = txt(a, r, row, 10);
	e->reversed_by_seq = num(r, row, 11);
	e->created_at = txt(a, r, row, 12);
	e->hash = txt(a, r, row, 13);
	e->prev_hash = txt(a, r, row, 14);
	e->branch = txt(a, r, row, 15);
}

/* lines: fills the lines of the n entries */
static int
lines(db *d, arena *a, lv_entry *items, size_t n, db_res *err)
{
	if (n == 0)
		return 0;
	const char **ids = arena_alloc(a, n * sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = items[i].id;
	buf b = BUF_INIT(LINES_MAX);
	if (db_array(&b, ids, n) < 0) {
		buf_free(&b);
		return refuse(err, "54000", "too many entries");
	}
	const char *p[1] = { buf_str(&b) };
	db_res r;
	int rc = run(d, &r, lines_sql, 1, p, err);
	buf_free(&b);
	if (rc < 0)
		return -1;
	/* the lines come in the entries' order: share them out in one walk */
	int row = 0;
	for (size_t i = 0; i < n; i++) {
		lv_entry *e = &items[i];
		int first = row;
		while (row < r.rows && strcmp(db_text(&r, row, 0), e->id) == 0)
			row++;
		e->nlines = (size_t)(row - first);
		e->lines = arena_alloc(a, (e->nlines ? e->nlines : 1) *
		    sizeof(*e->lines));
		for (int j = first; j < row; j++) {
			lv_line *l = &e->lines[j - first];
			l->line_no = (int)num(&r, j, 1);
			l->account_code = txt(a, &r, j, 2);
			l->account_name = txt(a, &r, j, 3);
			l->debit = num(&r, j, 4);
			l->credit = num(&r, j, 5);
			l->tx_debit = num(&r, j, 6);
			l->tx_credit = num(&r, j, 7);
			l->party_id = txt(a, &r, j, 8);
			l->tax_code = txt(a, &r, j, 9);
			l->memo = txt(a, &r, j, 10);
		}
	}
	db_res_clear(&r);
	return 0;
}

int
lv_journal(db *d, arena *a, const lv_filter *f, lv_entries *out,
    db_res *err)
{
	const char *key[3] = { "infinity", "0", NULL };
	memset(out, 0, sizeof(*out));
	if (f->limit < 1)
		return refuse(err, "22023", "the limit is at least 1");
	if (f->after && key_parse(a, f->after, 2, key) < 0)
		return refuse(err, "22023", "the cursor is malformed");
	if (f->party && !api_uuid_ok(f->party))
		return refuse(err, "22023", "a party is given by its id");
	const char *p[9] = { f->from ? f->from : "-infinity", f->to ? f->to :
	    "infinity", f->account, f->source_type, f->source_id, f->party,
	    key[0], key[1], arena_printf(a, "%d", f->limit + 1) };
	db_res r;
	if (run(d, &r, journal_sql, 9, p, err) < 0)
		return -1;
	int more = r.rows > f->limit;
	out->n = (size_t)(more ? f->limit : r.rows);
	out->items = arena_alloc(a, (out->n ? out->n : 1) *
	    sizeof(*out->items));
	for (size_t i = 0; i < out->n; i++)
		entry_row(a, &r, (int)i, &out->items[i]);
	db_res_clear(&r);
	if (more) {
		const lv_entry *last = &out->items[out->n - 1];
		out->next = arena_printf(a, "%s|%lld", last->date,
		    (long long)last->seq);
	}
	return lines(d, a, out->items, out->n, err);
}

int
lv_entry_get(db *d, arena *a, const char *id, lv_entry *out, db_res *err)
{
	memset(out, 0, sizeof(*out));
	if (!api_uuid_ok(id))
		return refuse(err, "P0002", "no such entry");
	const char *p[1] = { id };
	db_res r;
	if (one_row(d, &r, entry_sql, 1, p, "no such entry", err) < 0)
		return -1;
	entry_row(a, &r, 0, out);
	db_res_clear(&r);
	return lines(d, a, out, 1, err);
}

/* ---- the chain ---- */

int
lv_verify_chain(db *d, arena *a, lv_verify *out, db_res *err)
{
	db_res r;
	memset(out, 0, sizeof(*out));
	if (run(d, &r, "SELECT v.seq, v.entry_id, v.problem, (SELECT count(*) "
	    "FROM ledger_chain) FROM (SELECT 1) one LEFT JOIN ledger_verify() v "
	    "ON true", 0, NULL, err) < 0)
		return -1;
	out->problem = txt(a, &r, 0, 2);
	out->ok = out->problem == NULL;
	out->seq = num(&r, 0, 0);
	out->entry_id = txt(a, &r, 0, 1);
	out->entries = num(&r, 0, 3);
	db_res_clear(&r);
	return 0;
}
