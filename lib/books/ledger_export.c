/* ledger_export.c: the journal written as an hledger / ledger-cli file,
 * read page by page (keyset on entry date and chain number) so that a
 * journal of millions of lines streams through a small buffer. */
#include "books/ledger_export.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"

#define PAGE_ENTRIES "2000"	/* entries per page (their lines follow) */
#define CHUNK_FLUSH (64u << 10)	/* hand a chunk on past this many bytes */
#define CHUNK_MAX (1u << 20)	/* one line is far below this */

/* the currencies in the export (the base currency first) */
typedef struct cur {
	char code[8];
	int digits;
} cur;

/* the postable accounts, sorted by id, each with its journal name */
typedef struct acct {
	char id[40];
	char *name;	/* "assets:1300 Accounts receivable", malloc'd */
} acct;

typedef struct exporter {
	db *d;
	db_res *err;
	ledger_export_write w;
	void *ctx;
	buf chunk;
	cur curs[64];
	int ncurs;
	acct *accts;
	size_t naccts;
} exporter;

static void
fail(db_res *err, const char *state, const char *msg)
{
	memset(err, 0, sizeof(*err));
	snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", state);
	err->error = msg;
}

/* clean: appends s with what would break a journal line removed: control
 * characters become spaces, runs of spaces become one (two spaces end an
 * account name), ';' (a comment) becomes ','; in an account name ':'
 * (a sub-account) becomes '-' too.  Leading and trailing spaces go. */
static int
clean(buf *b, const char *s, int account)
{
	int space = 0, any = 0;
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == 0x7f || ch == ' ') {
			space = 1;
			continue;
		}
		if (space && any && buf_putc(b, ' ') < 0)
			return -1;
		space = 0;
		any = 1;
		if (ch == ';')
			ch = ',';
		else if (account && ch == ':')
			ch = '-';
		if (buf_putc(b, (char)ch) < 0)
			return -1;
	}
	return 0;
}

/* tag_value: appends s as a tag's value: a ',' would end it, so ',', ';'
 * and control characters and spaces become '_'. */
static int
tag_value(buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch <= 0x20 || ch == 0x7f || ch == ',' || ch == ';')
			ch = '_';
		if (buf_putc(b, (char)ch) < 0)
			return -1;
	}
	return 0;
}

static const char *
type_name(const char *type)
{
	static const char *const names[][2] = { { "asset", "assets" },
		{ "liability", "liabilities" }, { "equity", "equity" },
		{ "income", "income" }, { "expense", "expenses" } };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(type, names[i][0]) == 0)
			return names[i][1];
	return type;
}

/* flush: hands the chunk on when it is full enough (or always). */
static int
flush(exporter *x, int always)
{
	if (x->chunk.len == 0 || (!always && x->chunk.len < CHUNK_FLUSH))
		return 0;
	if (x->w(x->ctx, x->chunk.data, x->chunk.len) < 0) {
		fail(x->err, "57014", "the export was stopped by its writer");
		return -1;
	}
	buf_truncate(&x->chunk, 0);
	return 0;
}

static int
too_long(exporter *x)
{
	fail(x->err, "54000", "a journal line is too long");
	return -1;
}

static const cur *
find_cur(const exporter *x, const char *code)
{
	for (int i = 0; i < x->ncurs; i++)
		if (strcmp(x->curs[i].code, code) == 0)
			return &x->curs[i];
	return NULL;
}

static int
acct_cmp(const void *a, const void *b)
{
	return strcmp(((const acct *)a)->id, ((const acct *)b)->id);
}

static const char *
find_acct(const exporter *x, const char *id)
{
	acct key;
	snprintf(key.id, sizeof(key.id), "%s", id);
	const acct *a = bsearch(&key, x->accts, x->naccts, sizeof(*x->accts),
	    acct_cmp);
	return a ? a->name : NULL;
}

/* load_currencies: the base currency and every currency of an entry in
 * the range, with their digits; then their commodity directives. */
static int
load_currencies(exporter *x, const char *from, const char *to)
{
	db_res r;
	const char *p[2] = { from, to };
	if (db_exec(x->d, &r, "SELECT c.code, c.minor_units, "
	    "c.code = t.base_currency FROM currencies c "
	    "JOIN tenants t ON t.id = bursar_tenant() "
	    "WHERE c.code = t.base_currency OR c.code IN (SELECT e.currency "
	    "FROM journal_entries e WHERE e.tenant_id = bursar_tenant() "
	    "AND e.entry_date BETWEEN $1::date AND $2::date) "
	    "ORDER BY c.code <> t.base_currency, c.code", 2, p) < 0) {
		*x->err = r;
		return -1;
	}
	if (r.rows < 1 || r.rows > (int)(sizeof(x->curs) / sizeof(x->curs[0]))) {
		db_res_clear(&r);
		fail(x->err, "P0002", "the tenant's currencies could not be read");
		return -1;
	}
	for (int i = 0; i < r.rows; i++) {
		int64_t digits = 0;
		cur *c = &x->curs[x->ncurs++];
		snprintf(c->code, sizeof(c->code), "%s", db_text(&r, i, 0));
		db_i64(&r, i, 1, &digits);
		c->digits = (int)digits;
		/* a sample amount with the digits: "1000.00", or "1000." */
		if (buf_printf(&x->chunk, "commodity %s 1000.%.*s\n", c->code,
		    c->digits, "0000") < 0) {
			db_res_clear(&r);
			return too_long(x);
		}
	}
	db_res_clear(&r);
	return 0;
}

/* load_accounts: every postable account, named once, with its account
 * directive (so `hledger check --strict` knows them), in code order; then
 * sorted by id for find_acct. */
static int
load_accounts(exporter *x)
{
	db_res r;
	buf name = BUF_INIT(1024);
	int rc = -1;
	if (db_exec(x->d, &r, "SELECT a.id::text COLLATE \"C\" AS id, a.type, "
	    "a.code, a.name FROM accounts a WHERE a.tenant_id = bursar_tenant() "
	    "AND NOT a.is_group ORDER BY a.code", 0, NULL) < 0) {
		*x->err = r;
		return -1;
	}
	x->accts = calloc(r.rows ? (size_t)r.rows : 1, sizeof(*x->accts));
	if (x->accts == NULL) {
		fail(x->err, "53200", "out of memory");
		goto out;
	}
	for (int i = 0; i < r.rows; i++) {
		acct *a = &x->accts[x->naccts];
		buf_truncate(&name, 0);
		snprintf(a->id, sizeof(a->id), "%s", db_text(&r, i, 0));
		if (buf_printf(&name, "%s:%s ", type_name(db_text(&r, i, 1)),
		    db_text(&r, i, 2)) < 0 || clean(&name, db_text(&r, i, 3),
		    1) < 0) {
			fail(x->err, "54000", "an account's name is too long");
			goto out;
		}
		if (name.data[name.len - 1] == ' ')	/* a blank name */
			buf_truncate(&name, name.len - 1);
		if ((a->name = strdup(buf_str(&name))) == NULL) {
			fail(x->err, "53200", "out of memory");
			goto out;
		}
		x->naccts++;
		if (buf_printf(&x->chunk, "%saccount %s\n", i ? "" : "\n",
		    a->name) < 0) {
			too_long(x);
			goto out;
		}
		if (flush(x, 0) < 0)
			goto out;
	}
	qsort(x->accts, x->naccts, sizeof(*x->accts), acct_cmp);
	rc = 0;
out:
	buf_free(&name);
	db_res_clear(&r);
	return rc;
}

/* amount: "INR 1180.00", or -1 when the chunk is full. */
static int
amount(buf *b, const cur *c, int64_t minor)
{
	if (buf_printf(b, "%s ", c->code) < 0)
		return -1;
	return money_format(b, minor, c->digits);
}

/* page: one page of lines, from entries after (date, seq); *date and
 * *seq move on to the page's last entry.  Returns the number of entries
 * read, or -1.  The page's entries are read from a window of dates, from
 * date to the date of the PAGE_ENTRIES'th entry after it, which the date
 * index finds at once (one scalar subquery, so the window's end bounds
 * the index scan), and a page costs the same at the journal's end as at
 * its start.  The chain number and the lines are looked up entry by
 * entry, by primary key (OFFSET 0 keeps the planner from flattening
 * the lookups into a join, and ORDER BY line_no from choosing another
 * index: with statistics that have not yet seen a large posting, either
 * became a scan of the whole tenant per entry). */
static int
page(exporter *x, char date[16], int64_t *seq, const char *to)
{
	db_res r;
	char seqs[24];
	snprintf(seqs, sizeof(seqs), "%" PRId64, *seq);
	const char *p[3] = { date, to, seqs };
	if (db_exec(x->d, &r, "WITH p AS (SELECT e.tenant_id, e.id, e.entry_date, c.seq, "
	    "e.memo, e.source_type, e.source_id, e.currency "
	    "FROM journal_entries e CROSS JOIN LATERAL (SELECT k.seq "
	    "FROM ledger_chain k WHERE k.tenant_id = e.tenant_id "
	    "AND k.entry_id = e.id OFFSET 0) c "
	    "WHERE e.tenant_id = bursar_tenant() AND e.entry_date >= $1::date "
	    "AND e.entry_date <= (SELECT coalesce((SELECT w.entry_date "
	    "FROM journal_entries w WHERE w.tenant_id = bursar_tenant() "
	    "AND w.entry_date > $1::date AND w.entry_date <= $2::date "
	    "ORDER BY w.entry_date OFFSET " PAGE_ENTRIES " - 1 LIMIT 1), "
	    "$2::date)) "
	    "AND (e.entry_date > $1::date OR c.seq > $3::bigint) "
	    "ORDER BY e.entry_date, c.seq LIMIT " PAGE_ENTRIES ") "
	    "SELECT p.entry_date, p.seq, p.id, p.memo, p.source_type, "
	    "p.source_id, p.currency, l.account_id, l.amount, l.tx "
	    "FROM p CROSS JOIN LATERAL (SELECT j.line_no, j.account_id, "
	    "j.debit - j.credit AS amount, j.tx_debit - j.tx_credit AS tx "
	    "FROM journal_lines j WHERE j.tenant_id = p.tenant_id "
	    "AND j.entry_id = p.id ORDER BY j.line_no OFFSET 0) l "
	    "ORDER BY p.entry_date, p.seq, l.line_no", 3, p) < 0) {
		*x->err = r;
		return -1;
	}
	const cur *base = &x->curs[0];
	int entries = 0;
	int64_t last = -1;
	buf *b = &x->chunk;
	for (int i = 0; i < r.rows; i++) {
		int64_t s = 0, amt = 0, tx = 0;
		db_i64(&r, i, 1, &s);
		db_i64(&r, i, 8, &amt);
		db_i64(&r, i, 9, &tx);
		const char *cc = db_text(&r, i, 6);
		const cur *c = find_cur(x, cc);
		const char *name = find_acct(x, db_text(&r, i, 7));
		if (c == NULL || name == NULL) {
			fail(x->err, "XX000", "an entry's currency or account "
			    "could not be found");
			goto fail;
		}
		if (s != last) {
			/* 2026-04-05 (42) memo  ; source:type:id, entry:uuid */
			const char *sid = db_text(&r, i, 5);
			if (buf_printf(b, "\n%s (%" PRId64 ") ",
			    db_text(&r, i, 0), s) < 0 ||
			    clean(b, db_text(&r, i, 3), 0) < 0 ||
			    buf_puts(b, "  ; source:") < 0 ||
			    tag_value(b, db_text(&r, i, 4)) < 0 ||
			    (sid[0] && (buf_putc(b, ':') < 0 ||
			    tag_value(b, sid) < 0)) ||
			    buf_printf(b, ", entry:%s\n", db_text(&r, i, 2)) < 0)
				goto full;
			last = s;
			entries++;
			snprintf(date, 16, "%s", db_text(&r, i, 0));
			*seq = s;
		}
		/* base-currency debit positive, credit negative; a foreign
		 * amount carries its total cost in the base currency */
		if (buf_printf(b, "    %s  ", name) < 0)
			goto full;
		if (c != base && tx != 0) {
			if (amount(b, c, tx) < 0 || buf_puts(b, " @@ ") < 0 ||
			    amount(b, base, amt < 0 ? -amt : amt) < 0)
				goto full;
		} else if (amount(b, base, amt) < 0)
			goto full;
		if (buf_putc(b, '\n') < 0)
			goto full;
		if (flush(x, 0) < 0)
			goto fail;
	}
	db_res_clear(&r);
	return entries;
full:
	too_long(x);
fail:
	db_res_clear(&r);
	return -1;
}

int
ledger_export_stream(db *d, const char *from, const char *to,
    ledger_export_write w, void *ctx, db_res *err)
{
	exporter x = { .d = d, .err = err, .w = w, .ctx = ctx };
	char date[16];
	int64_t seq = 0;
	int rc = -1, n;
	memset(err, 0, sizeof(*err));
	buf_init(&x.chunk, CHUNK_MAX);
	from = from ? from : "-infinity";
	to = to ? to : "infinity";
	snprintf(date, sizeof(date), "%s", from);
	if (strlen(from) >= sizeof(date)) {
		fail(err, "22007", "the start date is malformed");
		goto out;
	}
	if (buf_puts(&x.chunk, "; Bursar's journal, in posting order\n") < 0 ||
	    load_currencies(&x, from, to) < 0 || load_accounts(&x) < 0)
		goto out;
	while ((n = page(&x, date, &seq, to)) > 0)
		;
	if (n < 0 || flush(&x, 1) < 0)
		goto out;
	rc = 0;
out:
	for (size_t i = 0; i < x.naccts; i++)
		free(x.accts[i].name);
	free(x.accts);
	buf_free(&x.chunk);
	return rc;
}

/* to_buf: the writer behind ledger_export_journal. */
typedef struct to_buf {
	buf *out;
	int full;
} to_buf;

static int
append(void *ctx, const char *p, size_t n)
{
	to_buf *t = ctx;
	if (buf_append(t->out, p, n) < 0) {
		t->full = 1;
		return -1;
	}
	return 0;
}

int
ledger_export_journal(db *d, const char *from, const char *to, buf *out,
    db_res *err)
{
	to_buf t = { out, 0 };
	if (ledger_export_stream(d, from, to, append, &t, err) == 0)
		return 0;
	if (t.full)
		fail(err, "54000", "the journal is larger than the buffer's cap");
	return -1;
}
