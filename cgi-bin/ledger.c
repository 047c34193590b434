/* ledger.c: the journal (the list, one entry, the manual entry form,
 * posting and reversal) and the views of the books (balances, trial
 * balance, general ledger), the export for hledger and the chain's
 * verification.  The views read through lib/ledger_view; every view is
 * HTML under /app, JSON under /api/v1, and CSV with ?format=csv.  Postings
 * go through lib/ledger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/serve.h"
#include "web/audit.h"
#include "web/auth.h"
#include "books/books_setup.h"
#include "base/csv.h"
#include "web/form.h"
#include "books/ledger.h"
#include "books/ledger_export.h"
#include "books/ledger_view.h"
#include "base/money.h"
#include "db/outbox.h"
#include "web/field.h"
#include "web/reply.h"
#include "web/query.h"

#define GL_PAGE_HTML 200	/* lines a general ledger page shows */
#define CSV_ROWS_MAX 50000	/* ledger lines one CSV file holds */
#define CSV_ENTRIES_MAX 10000	/* journal entries one CSV file holds */
#define FORM_ROWS_MIN 4		/* rows the entry form offers */

/* ---- small things ---- */

/* failed: the response for a call of lib/ledger_view that failed; err
 * is cleared */
static void
failed(ctx *c, db_res *err)
{
	app_db_error(c, err);
	db_res_clear(err);
}

/* query: a query parameter, NULL when absent or empty */
static const char *
query(const ctx *c, const char *name)
{
	const char *v = kv_get(&c->req.query, name);
	return v && *v ? v : NULL;
}

/* money_text: minor in the plain decimal form of its digits, in the
 * arena; "" for zero when blank_zero */
static const char *
money_text(ctx *c, int64_t minor, int digits, int blank_zero)
{
	if (minor == 0 && blank_zero)
		return "";
	buf b = BUF_INIT(64);
	money_format(&b, minor, digits);
	const char *s = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* add_amount: o's key: {"amount","currency"} for the API, the amount as
 * text for a page ("" for zero when blank_zero) */
static void
add_amount(ctx *c, cJSON *o, const char *key, int64_t minor, int digits,
    const char *currency, int blank_zero)
{
	if (c->api)
		cJSON_AddItemToObject(o, key, api_money(minor, currency));
	else
		cJSON_AddStringToObject(o, key, money_text(c, minor, digits,
		    blank_zero));
}

/* add_text: o's key as a string, or null */
static void
add_text(cJSON *o, const char *key, const char *s)
{
	if (s)
		cJSON_AddStringToObject(o, key, s);
	else
		cJSON_AddNullToObject(o, key);
}

/* date_param: the query's date parameter name, NULL when absent; 0, or
 * -1 with 422 set when it is not a date */
static int
date_param(ctx *c, const char *name, const char **out)
{
	*out = query(c, name);
	if (*out == NULL || field_date_ok(*out))
		return 0;
	cJSON *f = cJSON_CreateObject();
	api_field(f, name, "a date, YYYY-MM-DD");
	app_error(c, 422, "invalid", arena_printf(c->a, "%s: a date, "
	    "YYYY-MM-DD", name), f);
	return -1;
}

/* range_params: ?from= and ?to=, each optional, from not after to */
static int
range_params(ctx *c, const char **from, const char **to)
{
	if (date_param(c, "from", from) < 0 || date_param(c, "to", to) < 0)
		return -1;
	if (*from && *to && strcmp(*from, *to) > 0) {
		cJSON *f = cJSON_CreateObject();
		api_field(f, "to", "not before from");
		app_error(c, 422, "invalid", "to: not before from", f);
		return -1;
	}
	return 0;
}

/* csv_wanted: 1 for ?format=csv, 0 without ?format; -1 with 422 set
 * for any other format */
static int
csv_wanted(ctx *c)
{
	const char *f = kv_get(&c->req.query, "format");
	if (f == NULL)
		return 0;
	if (strcmp(f, "csv") == 0)
		return 1;
	cJSON *fields = cJSON_CreateObject();
	api_field(fields, "format", "csv, or leave it out");
	app_error(c, 422, "invalid", "format: csv, or leave it out", fields);
	return -1;
}

/* download: starts a file response: type, and the file name the browser
 * saves it under; the body is left empty for the caller to fill */
static buf *
download(ctx *c, const char *type, const char *filename)
{
	resp_reset(&c->resp, 0);
	c->resp.status = 200;
	c->resp.content_type = type;
	resp_header(c->a, &c->resp, "Content-Disposition", arena_printf(c->a,
	    "attachment; filename=\"%s\"", filename));
	return &c->resp.body;
}

/* csv_start: a CSV download named name.csv, its header row written */
static void
csv_start(ctx *c, csv *w, const char *name, const char *const *head, int n)
{
	csv_init(w, download(c, "text/csv; charset=utf-8", arena_printf(c->a,
	    "%s.csv", name)));
	csv_cells(w, head, n);
}

/* csv_done: the end of a CSV download: 422 when it did not fit */
static void
csv_done(ctx *c, const csv *w, int truncated)
{
	if (w->failed || truncated)
		app_error(c, 422, "too_large", "more than fits one file: "
		    "choose a shorter range of dates", NULL);
}

/* href: path with the non-empty parameters (names[i] = values[i], n of
 * them) as its query string */
static const char *
href(ctx *c, const char *path, const char *const *names,
    const char *const *values, int n)
{
	const char *s = path;
	int first = 1;
	for (int i = 0; i < n; i++) {
		if (values[i] == NULL || *values[i] == '\0')
			continue;
		s = arena_printf(c->a, "%s%c%s=%s", s, first ? '?' : '&',
		    names[i], form_url_escape(c->a, values[i]));
		first = 0;
	}
	return s;
}

/* page_limit: ?limit= for the API (1 to 200, 50 by default), fixed for
 * a page; 0, or -1 with 400 set */
static int
page_limit(ctx *c, int html, int *limit)
{
	if (!c->api) {
		*limit = html;
		return 0;
	}
	if (api_limit(&c->req.query, limit) == 0)
		return 0;
	app_error(c, 400, "bad_request", "limit must be 1 to 200", NULL);
	return -1;
}

/* cursor_param: the key a ?cursor= stands for, NULL without one; 0, or
 * -1 with 400 set for a malformed cursor */
static int
cursor_param(ctx *c, const char **key)
{
	const char *cur = query(c, "cursor");
	*key = cur ? api_cursor_decode(c->a, cur) : NULL;
	if (cur == NULL || *key)
		return 0;
	app_error(c, 400, "bad_request", "malformed cursor", NULL);
	return -1;
}

/* books: the base currency and today, or NULL with the error set */
static int
books(ctx *c, lv_books *b)
{
	db_res err;
	if (lv_books_get(c->db, b, &err) == 0)
		return 0;
	failed(c, &err);
	return -1;
}

/* ---- balances and the trial balance ---- */

/* account_json: the account's identity and, for a page, its indent */
static cJSON *
account_json(const lv_account *x)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", x->id);
	cJSON_AddStringToObject(o, "code", x->code);
	cJSON_AddStringToObject(o, "name", x->name);
	cJSON_AddStringToObject(o, "type", x->type);
	return o;
}

/* A view of the accounts at a date: lv_balances or lv_trial_balance. */
typedef int (*accounts_fn)(db *d, arena *a, const char *date,
    lv_accounts *out, db_res *err);

/* accounts_at: the rows of fn at ?date= (today when absent) into l, the
 * date into *date, and whether CSV is wanted; 0, or -1 with the
 * response set */
static int
accounts_at(ctx *c, accounts_fn fn, lv_books *b, const char **date,
    int *want_csv, lv_accounts *l)
{
	*want_csv = csv_wanted(c);
	if (*want_csv < 0 || date_param(c, "date", date) < 0 ||
	    books(c, b) < 0)
		return -1;
	if (*date == NULL)
		*date = b->today;
	db_res err;
	if (fn(c->db, c->a, *date, l, &err) == 0)
		return 0;
	failed(c, &err);
	return -1;
}

/* accounts_data: {"date", "currency", "items": []}, the items into
 * *items */
static cJSON *
accounts_data(const char *date, const lv_books *b, cJSON **items)
{
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "date", date);
	cJSON_AddStringToObject(d, "currency", b->currency);
	*items = cJSON_AddArrayToObject(d, "items");
	return d;
}

static void
balances(ctx *c)
{
	lv_books b;
	const char *date;
	int want_csv;
	lv_accounts l;
	if (accounts_at(c, lv_balances, &b, &date, &want_csv, &l) < 0)
		return;
	if (want_csv) {
		static const char *const head[] = { "code", "name", "type",
		    "parent", "group", "debit", "credit", "balance" };
		csv w;
		csv_start(c, &w, arena_printf(c->a, "balances-%s", date), head,
		    8);
		for (size_t i = 0; i < l.n; i++) {
			const lv_account *x = &l.items[i];
			csv_cell(&w, x->code);
			csv_cell(&w, x->name);
			csv_cell(&w, x->type);
			csv_cell(&w, x->parent_code);
			csv_cell(&w, x->is_group ? "yes" : "no");
			csv_cell(&w, money_text(c, x->debit, b.digits, 0));
			csv_cell(&w, money_text(c, x->credit, b.digits, 0));
			csv_cell(&w, money_text(c, x->balance, b.digits, 0));
			csv_row(&w);
		}
		csv_done(c, &w, 0);
		return;
	}
	cJSON *items, *d = accounts_data(date, &b, &items);
	for (size_t i = 0; i < l.n; i++) {
		const lv_account *x = &l.items[i];
		cJSON *o = account_json(x);
		add_text(o, "parent_code", x->parent_code);
		cJSON_AddBoolToObject(o, "is_group", x->is_group);
		cJSON_AddBoolToObject(o, "archived", x->archived);
		cJSON_AddNumberToObject(o, "depth", x->depth);
		add_amount(c, o, "debit", x->debit, b.digits, b.currency, 0);
		add_amount(c, o, "credit", x->credit, b.digits, b.currency, 0);
		if (c->api) {
			add_amount(c, o, "balance", x->balance, b.digits,
			    b.currency, 0);
		} else {
			/* a page says which side the balance is on */
			add_amount(c, o, "balance", x->balance < 0 ?
			    -x->balance : x->balance, b.digits, b.currency, 0);
			cJSON_AddStringToObject(o, "side", x->balance > 0 ?
			    "Dr" : x->balance < 0 ? "Cr" : "");
		}
		cJSON_AddItemToArray(items, o);
	}
	app_render(c, 200, "balances.cs", "Account balances", d);
}

static void
trial_balance(ctx *c)
{
	lv_books b;
	const char *date;
	int want_csv;
	lv_accounts l;
	if (accounts_at(c, lv_trial_balance, &b, &date, &want_csv, &l) < 0)
		return;
	if (want_csv) {
		static const char *const head[] = { "code", "name", "type",
		    "debit", "credit", "balance_debit", "balance_credit" };
		csv w;
		csv_start(c, &w, arena_printf(c->a, "trial-balance-%s", date),
		    head, 7);
		for (size_t i = 0; i <= l.n; i++) {
			const lv_account *x = i < l.n ? &l.items[i] : NULL;
			int64_t bal = x ? x->balance : 0;
			csv_cell(&w, x ? x->code : "");
			csv_cell(&w, x ? x->name : "Total");
			csv_cell(&w, x ? x->type : "");
			csv_cell(&w, money_text(c, x ? x->debit : l.debit,
			    b.digits, 0));
			csv_cell(&w, money_text(c, x ? x->credit : l.credit,
			    b.digits, 0));
			csv_cell(&w, money_text(c, x ? (bal > 0 ? bal : 0) :
			    l.balance_debit, b.digits, 0));
			csv_cell(&w, money_text(c, x ? (bal < 0 ? -bal : 0) :
			    l.balance_credit, b.digits, 0));
			csv_row(&w);
		}
		csv_done(c, &w, 0);
		return;
	}
	cJSON *items, *d = accounts_data(date, &b, &items);
	for (size_t i = 0; i < l.n; i++) {
		const lv_account *x = &l.items[i];
		cJSON *o = account_json(x);
		add_amount(c, o, "debit", x->debit, b.digits, b.currency, 1);
		add_amount(c, o, "credit", x->credit, b.digits, b.currency, 1);
		add_amount(c, o, "balance_debit", x->balance > 0 ? x->balance :
		    0, b.digits, b.currency, 1);
		add_amount(c, o, "balance_credit", x->balance < 0 ?
		    -x->balance : 0, b.digits, b.currency, 1);
		cJSON_AddItemToArray(items, o);
	}
	cJSON *t = cJSON_AddObjectToObject(d, "totals");
	add_amount(c, t, "debit", l.debit, b.digits, b.currency, 0);
	add_amount(c, t, "credit", l.credit, b.digits, b.currency, 0);
	add_amount(c, t, "balance_debit", l.balance_debit, b.digits,
	    b.currency, 0);
	add_amount(c, t, "balance_credit", l.balance_credit, b.digits,
	    b.currency, 0);
	cJSON_AddBoolToObject(t, "balanced", l.debit == l.credit &&
	    l.balance_debit == l.balance_credit);
	app_render(c, 200, "trial_balance.cs", "Trial balance", d);
}

/* ---- the general ledger ---- */

static void
general_ledger(ctx *c)
{
	lv_books b;
	const char *from, *to, *after;
	int limit;
	int want_csv = csv_wanted(c);
	if (want_csv < 0 || range_params(c, &from, &to) < 0 ||
	    cursor_param(c, &after) < 0 || page_limit(c, GL_PAGE_HTML,
	    &limit) < 0 || books(c, &b) < 0)
		return;
	const char *code = app_param(c, "code");
	lv_gl g;
	db_res err;
	if (lv_general_ledger(c->db, c->a, code, from, to, after, want_csv ?
	    CSV_ROWS_MAX : limit, &g, &err) < 0) {
		failed(c, &err);
		return;
	}
	if (want_csv) {
		static const char *const head[] = { "date", "entry", "account",
		    "memo", "line_memo", "counter_account", "debit", "credit",
		    "balance" };
		csv w;
		csv_start(c, &w, arena_printf(c->a, "ledger-%s%s%s%s%s",
		    g.account.code, from ? "-from-" : "", from ? from : "",
		    to ? "-to-" : "", to ? to : ""), head, 9);
		csv_cell(&w, from);
		csv_cell(&w, "");
		csv_cell(&w, g.account.code);
		csv_cell(&w, "Opening balance");
		for (int i = 0; i < 4; i++)
			csv_cell(&w, "");
		csv_cell(&w, money_text(c, g.opening, b.digits, 0));
		csv_row(&w);
		for (size_t i = 0; i < g.n; i++) {
			const lv_gl_line *l = &g.lines[i];
			csv_cell(&w, l->date);
			csv_int(&w, l->seq);
			csv_cell(&w, l->account_code);
			csv_cell(&w, l->memo);
			csv_cell(&w, l->line_memo);
			csv_cell(&w, l->split ? "split" : l->counter_code);
			csv_cell(&w, money_text(c, l->debit, b.digits, 0));
			csv_cell(&w, money_text(c, l->credit, b.digits, 0));
			csv_cell(&w, money_text(c, l->balance, b.digits, 0));
			csv_row(&w);
		}
		csv_cell(&w, to);
		csv_cell(&w, "");
		csv_cell(&w, g.account.code);
		csv_cell(&w, "Closing balance");
		csv_cell(&w, "");
		csv_cell(&w, "");
		csv_cell(&w, money_text(c, g.debit, b.digits, 0));
		csv_cell(&w, money_text(c, g.credit, b.digits, 0));
		csv_cell(&w, money_text(c, g.closing, b.digits, 0));
		csv_row(&w);
		csv_done(c, &w, g.next != NULL);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON *ac = cJSON_AddObjectToObject(d, "account");
	cJSON_AddStringToObject(ac, "id", g.account.id);
	cJSON_AddStringToObject(ac, "code", g.account.code);
	cJSON_AddStringToObject(ac, "name", g.account.name);
	cJSON_AddStringToObject(ac, "type", g.account.type);
	cJSON_AddBoolToObject(ac, "is_group", g.account.is_group);
	cJSON_AddBoolToObject(ac, "archived", g.account.archived);
	add_text(d, "from", from);
	add_text(d, "to", to);
	cJSON_AddStringToObject(d, "currency", b.currency);
	add_amount(c, d, "opening", g.opening, b.digits, b.currency, 0);
	add_amount(c, d, "debit", g.debit, b.digits, b.currency, 0);
	add_amount(c, d, "credit", g.credit, b.digits, b.currency, 0);
	add_amount(c, d, "closing", g.closing, b.digits, b.currency, 0);
	cJSON *items = cJSON_AddArrayToObject(d, "items");
	for (size_t i = 0; i < g.n; i++) {
		const lv_gl_line *l = &g.lines[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "entry_id", l->entry_id);
		cJSON_AddItemToObject(o, "seq", api_int(l->seq));
		cJSON_AddStringToObject(o, "date", l->date);
		cJSON_AddNumberToObject(o, "line_no", l->line_no);
		cJSON_AddStringToObject(o, "account_code", l->account_code);
		cJSON_AddStringToObject(o, "memo", l->memo);
		cJSON_AddStringToObject(o, "line_memo", l->line_memo);
		add_text(o, "counter_code", l->counter_code);
		add_text(o, "counter_name", l->counter_name);
		cJSON_AddBoolToObject(o, "split", l->split);
		add_amount(c, o, "debit", l->debit, b.digits, b.currency, 1);
		add_amount(c, o, "credit", l->credit, b.digits, b.currency, 1);
		add_amount(c, o, "balance", l->balance, b.digits, b.currency,
		    0);
		cJSON_AddItemToArray(items, o);
	}
	const char *next = g.next ? api_cursor_encode(c->a, g.next) : NULL;
	add_text(d, "next", next);
	if (!c->api) {
		static const char *const names[] = { "from", "to", "cursor" };
		const char *values[] = { from, to, next };
		const char *path = arena_printf(c->a, "/app/ledger/accounts/%s",
		    form_url_escape(c->a, code));
		if (next)
			cJSON_AddStringToObject(d, "next_href", href(c, path,
			    names, values, 3));
		values[2] = "csv";
		static const char *const cnames[] = { "from", "to", "format" };
		cJSON_AddStringToObject(d, "csv_href", href(c, path, cnames,
		    values, 3));
		cJSON_AddBoolToObject(d, "continued", after != NULL);
	}
	app_render(c, 200, "general_ledger.cs", "General ledger", d);
}

/* ---- the journal ---- */

/* entry_json: an entry with its lines; amounts in the base currency b,
 * and in the entry's own when it is foreign */
static cJSON *
entry_json(ctx *c, const lv_entry *e, const lv_books *b)
{
	int foreign = strcmp(e->currency, b->currency) != 0;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", e->id);
	if (e->seq)
		cJSON_AddItemToObject(o, "seq", api_int(e->seq));
	else
		cJSON_AddNullToObject(o, "seq");
	cJSON_AddStringToObject(o, "date", e->date);
	cJSON_AddStringToObject(o, "memo", e->memo);
	cJSON_AddStringToObject(o, "source_type", e->source_type);
	cJSON_AddStringToObject(o, "source_id", e->source_id);
	cJSON_AddStringToObject(o, "currency", e->currency);
	cJSON_AddStringToObject(o, "rate", e->rate);
	add_text(o, "reversal_of", e->reversal_of);
	add_text(o, "reversed_by", e->reversed_by);
	if (e->reversed_by && e->reversed_by_seq)
		cJSON_AddItemToObject(o, "reversed_by_seq",
		    api_int(e->reversed_by_seq));
	cJSON_AddStringToObject(o, "created_at", e->created_at);
	if (!c->api)
		cJSON_AddBoolToObject(o, "foreign", foreign);
	int64_t total = 0;
	cJSON *lines = cJSON_AddArrayToObject(o, "lines");
	for (size_t i = 0; i < e->nlines; i++) {
		const lv_line *l = &e->lines[i];
		cJSON *x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "line_no", l->line_no);
		cJSON_AddStringToObject(x, "account", l->account_code);
		cJSON_AddStringToObject(x, "account_name", l->account_name);
		add_amount(c, x, "debit", l->debit, b->digits, b->currency, 1);
		add_amount(c, x, "credit", l->credit, b->digits, b->currency,
		    1);
		add_amount(c, x, "tx_debit", l->tx_debit, e->digits,
		    e->currency, 1);
		add_amount(c, x, "tx_credit", l->tx_credit, e->digits,
		    e->currency, 1);
		add_text(x, "party_id", l->party_id);
		add_text(x, "tax_code", l->tax_code);
		cJSON_AddStringToObject(x, "memo", l->memo);
		cJSON_AddItemToArray(lines, x);
		total += l->debit;	/* = the credits: it is posted */
	}
	add_amount(c, o, "total", total, b->digits, b->currency, 0);
	return o;
}

/* journal_csv_rows: each line of the n entries as one row */
static void
journal_csv(ctx *c, const lv_entry *items, size_t n, const lv_books *b,
    const char *name, int truncated)
{
	static const char *const head[] = { "entry", "date", "memo",
	    "source_type", "source_id", "currency", "rate", "line", "account",
	    "account_name", "debit", "credit", "tx_debit", "tx_credit",
	    "line_memo", "entry_id" };
	csv w;
	csv_start(c, &w, name, head, 16);
	for (size_t i = 0; i < n; i++) {
		const lv_entry *e = &items[i];
		for (size_t j = 0; j < e->nlines; j++) {
			const lv_line *l = &e->lines[j];
			csv_int(&w, e->seq);
			csv_cell(&w, e->date);
			csv_cell(&w, e->memo);
			csv_cell(&w, e->source_type);
			csv_cell(&w, e->source_id);
			csv_cell(&w, e->currency);
			csv_cell(&w, e->rate);
			csv_int(&w, l->line_no);
			csv_cell(&w, l->account_code);
			csv_cell(&w, l->account_name);
			csv_cell(&w, money_text(c, l->debit, b->digits, 0));
			csv_cell(&w, money_text(c, l->credit, b->digits, 0));
			csv_cell(&w, money_text(c, l->tx_debit, e->digits, 0));
			csv_cell(&w, money_text(c, l->tx_credit, e->digits, 0));
			csv_cell(&w, l->memo);
			csv_cell(&w, e->id);
			csv_row(&w);
		}
	}
	csv_done(c, &w, truncated);
}

/* accounts_rows: the accounts that take postings (code, name, role), or
 * NULL with the error set */
static cJSON *
postable_accounts(ctx *c)
{
	static const char *const keys[] = { "code", "name", "type", "role",
	    NULL };
	return query_rows(c, "SELECT code, name, type, role FROM accounts "
	    "WHERE NOT is_group AND NOT archived ORDER BY code", 0, NULL, keys);
}

static void
journal(ctx *c)
{
	lv_books b;
	lv_filter f = {0};
	int want_csv = csv_wanted(c);
	if (want_csv < 0 || range_params(c, &f.from, &f.to) < 0 ||
	    cursor_param(c, &f.after) < 0 || page_limit(c, API_LIMIT_DEFAULT,
	    &f.limit) < 0 || books(c, &b) < 0)
		return;
	f.account = query(c, "account");
	const char *source = query(c, "source");
	if (source) {
		const char *colon = strchr(source, ':');
		f.source_type = colon ? arena_strndup(c->a, source,
		    (size_t)(colon - source)) : source;
		f.source_id = colon ? colon + 1 : NULL;
	}
	f.party = query(c, "party");
	if (f.party && !api_uuid_ok(f.party)) {
		cJSON *fields = cJSON_CreateObject();
		api_field(fields, "party", "a party's id (a UUID)");
		app_error(c, 422, "invalid", "party: a party's id (a UUID)",
		    fields);
		return;
	}
	if (want_csv)
		f.limit = CSV_ENTRIES_MAX;
	lv_entries j;
	db_res err;
	if (lv_journal(c->db, c->a, &f, &j, &err) < 0) {
		failed(c, &err);
		return;
	}
	if (want_csv) {
		journal_csv(c, j.items, j.n, &b, "journal", j.next != NULL);
		return;
	}
	cJSON *items = cJSON_CreateArray();
	for (size_t i = 0; i < j.n; i++)
		cJSON_AddItemToArray(items, entry_json(c, &j.items[i], &b));
	const char *next = j.next ? api_cursor_encode(c->a, j.next) : NULL;
	cJSON *d = api_list(items, next);
	if (!c->api) {
		cJSON *accts = postable_accounts(c);
		if (accts == NULL) {
			cJSON_Delete(d);
			return;
		}
		cJSON_AddItemToObject(d, "accounts", accts);
		static const char *const names[] = { "from", "to", "account",
		    "source", "party", "cursor" };
		const char *values[] = { f.from, f.to, f.account, source,
		    f.party, next };
		cJSON *fl = cJSON_AddObjectToObject(d, "filter");
		for (int i = 0; i < 5; i++)
			cJSON_AddStringToObject(fl, names[i], values[i] ?
			    values[i] : "");
		if (next)
			cJSON_AddStringToObject(d, "next_href", href(c,
			    "/app/journal", names, values, 6));
		values[5] = "csv";
		static const char *const cnames[] = { "from", "to", "account",
		    "source", "party", "format" };
		cJSON_AddStringToObject(d, "csv_href", href(c, "/app/journal",
		    cnames, values, 6));
		cJSON_AddBoolToObject(d, "can_post", auth_can(c, "ledger.post"));
	}
	app_render(c, 200, "journal.cs", "Journal", d);
}

/* entry_read: the entry with id as JSON, or NULL with the error set */
static cJSON *
entry_read(ctx *c, const char *id, const lv_books *b, lv_entry *e)
{
	db_res err;
	if (lv_entry_get(c->db, c->a, id, e, &err) < 0) {
		failed(c, &err);
		return NULL;
	}
	cJSON *o = entry_json(c, e, b);
	add_text(o, "hash", e->hash);
	add_text(o, "prev_hash", e->prev_hash);
	return o;
}

static void
entry(ctx *c)
{
	lv_books b;
	lv_entry e;
	int want_csv = csv_wanted(c);
	if (want_csv < 0 || books(c, &b) < 0)
		return;
	cJSON *o = entry_read(c, app_param(c, "id"), &b, &e);
	if (o == NULL)
		return;
	if (want_csv) {
		cJSON_Delete(o);
		journal_csv(c, &e, 1, &b, arena_printf(c->a, "entry-%lld",
		    (long long)e.seq), 0);
		return;
	}
	if (!c->api) {
		cJSON *d = cJSON_CreateObject();
		cJSON_AddItemToObject(d, "entry", o);
		cJSON_AddBoolToObject(d, "can_post", auth_can(c, "ledger.post"));
		cJSON_AddStringToObject(d, "today", b.today);
		o = d;
	}
	app_render(c, 200, "entry.cs", "Journal entry", o);
}

/* ---- posting ---- */

/* A line as typed; dr and cr once checked. */
typedef struct line_in {
	const char *account, *debit, *credit, *memo, *party;
	int64_t dr, cr;
} line_in;

/* An entry as typed. */
typedef struct entry_in {
	const char *date, *memo, *currency, *rate;
	line_in *lines;
	size_t n;
	int json;	/* amounts came as JSON integers (already in dr, cr) */
} entry_in;

/* nth: the i-th value of name in a form (fields repeat per line) */
static const char *
nth(const kv_list *l, const char *name, size_t i)
{
	for (size_t k = 0; k < l->n; k++)
		if (strcmp(l->items[k].name, name) == 0 && i-- == 0)
			return l->items[k].value;
	return NULL;
}

static int
blank(const char *s)
{
	return s == NULL || *s == '\0';
}

/* read_form: an entry from a urlencoded form: line_account, line_debit,
 * line_credit and line_memo repeat once per row; empty rows are
 * dropped */
static void
read_form(ctx *c, entry_in *in)
{
	const kv_list *f = &c->req.form;
	in->date = http_arg(&c->req, "date");
	in->memo = http_arg(&c->req, "memo");
	in->currency = http_arg(&c->req, "currency");
	in->rate = http_arg(&c->req, "rate");
	static const char *const cols[] = { "line_account", "line_debit",
	    "line_credit", "line_memo" };
	size_t rows = 0;
	for (int k = 0; k < 4; k++) {
		size_t n = kv_count(f, cols[k]);
		rows = n > rows ? n : rows;
	}
	in->lines = arena_alloc(c->a, (rows ? rows : 1) * sizeof(*in->lines));
	for (size_t i = 0; i < rows; i++) {
		line_in l = { nth(f, cols[0], i), nth(f, cols[1], i),
		    nth(f, cols[2], i), nth(f, cols[3], i), NULL, 0, 0 };
		if (blank(l.account) && blank(l.debit) && blank(l.credit) &&
		    blank(l.memo))
			continue;
		in->lines[in->n++] = l;
	}
}

/* jtext: a JSON string member (NULL when absent or null); a member of
 * another kind is refused under field */
static const char *
jtext(const cJSON *o, const char *name, const char *field, cJSON *fields)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (v == NULL || cJSON_IsNull(v))
		return NULL;
	if (cJSON_IsString(v))
		return v->valuestring;
	api_field(fields, field, "a string");
	return NULL;
}

/* jamount: a JSON amount: an exact integer of minor units, 0 when
 * absent */
static void
jamount(ctx *c, const cJSON *o, const char *name, size_t i, int64_t *out,
    cJSON *fields)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	*out = 0;
	if (v == NULL || cJSON_IsNull(v))
		return;
	if (api_get_int(v, out) < 0 || *out < 0)
		api_field(fields, arena_printf(c->a, "lines[%zu].%s", i, name),
		    "a whole number of minor units, not negative (1050 for "
		    "10.50)");
}

/* read_json: an entry from {"date","memo","currency","rate","lines":
 * [{"account","debit","credit","memo","party"}]} */
static void
read_json(ctx *c, entry_in *in, cJSON *fields)
{
	const cJSON *j = c->req.json;
	in->json = 1;
	in->date = jtext(j, "date", "date", fields);
	in->memo = jtext(j, "memo", "memo", fields);
	in->currency = jtext(j, "currency", "currency", fields);
	in->rate = jtext(j, "rate", "rate", fields);
	const cJSON *lines = cJSON_GetObjectItemCaseSensitive(j, "lines");
	if (!cJSON_IsArray(lines)) {
		api_field(fields, "lines", "a list of lines");
		return;
	}
	int n = cJSON_GetArraySize(lines);
	in->lines = arena_alloc(c->a, (n ? (size_t)n : 1) *
	    sizeof(*in->lines));
	const cJSON *x;
	cJSON_ArrayForEach(x, lines) {
		size_t i = in->n++;
		line_in *l = &in->lines[i];
		if (!cJSON_IsObject(x)) {
			api_field(fields, arena_printf(c->a, "lines[%zu]", i),
			    "a line: {\"account\", \"debit\", \"credit\"}");
			continue;
		}
		l->account = jtext(x, "account", arena_printf(c->a,
		    "lines[%zu].account", i), fields);
		l->memo = jtext(x, "memo", arena_printf(c->a, "lines[%zu].memo",
		    i), fields);
		l->party = jtext(x, "party", arena_printf(c->a,
		    "lines[%zu].party", i), fields);
		jamount(c, x, "debit", i, &l->dr, fields);
		jamount(c, x, "credit", i, &l->cr, fields);
	}
}

/* chars: the characters of UTF-8 text */
static size_t
chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* find_account: the postable account an entry line names (a code, or
 * '@' and a role) in accts, or NULL */
static const cJSON *
find_account(const cJSON *accts, const char *name)
{
	const cJSON *a;
	cJSON_ArrayForEach(a, accts) {
		const cJSON *code = cJSON_GetObjectItem(a, "code");
		const cJSON *role = cJSON_GetObjectItem(a, "role");
		if (strcmp(code->valuestring, name) == 0 || (name[0] == '@' &&
		    cJSON_IsString(role) && strcmp(role->valuestring,
		    name + 1) == 0))
			return a;
	}
	return NULL;
}

/* check_amount: a typed amount (form) into *out: decimals with the
 * currency's digits, not negative; "" is 0 */
static void
check_amount(ctx *c, const char *text, int digits, size_t i,
    const char *name, int64_t *out, cJSON *fields)
{
	*out = 0;
	if (blank(text))
		return;
	if (money_parse(text, digits, out) < 0 || *out < 0) {
		*out = 0;
		api_field(fields, arena_printf(c->a, "lines[%zu].%s", i, name),
		    digits ? arena_printf(c->a, "an amount such as 12.50, "
		    "with at most %d decimals", digits) : "a whole amount, "
		    "without decimals");
	}
}

/* check_entry: the rules an entry meets before it goes to the books:
 * a date, a known currency (code and digits set), two lines or more,
 * each to an account that takes postings with one of debit or credit,
 * and debits equal to credits.  Refusals go in fields. */
static void
check_entry(ctx *c, entry_in *in, const lv_books *b, const cJSON *accts,
    char code[4], int *digits, cJSON *fields)
{
	if (blank(in->date))
		in->date = b->today;
	else if (!field_date_ok(in->date))
		api_field(fields, "date", "a date, YYYY-MM-DD");
	if (chars(in->memo) > 500)
		api_field(fields, "memo", "at most 500 characters");
	snprintf(code, 4, "%s", b->currency);
	*digits = b->digits;
	if (!blank(in->currency)) {
		db_res err;
		if (!api_matches("^[A-Z]{3}$", in->currency))
			api_field(fields, "currency", "a currency code (INR)");
		else if (lv_currency_digits(c->db, in->currency, code, digits,
		    &err) < 0) {
			if (strcmp(err.sqlstate, "P0002") != 0) {
				failed(c, &err);
				return;
			}
			api_field(fields, "currency", "no such currency");
			db_res_clear(&err);
		}
	}
	if (!blank(in->rate)) {
		if (strcmp(code, b->currency) == 0)
			api_field(fields, "rate", "only for an entry in another "
			    "currency than the books'");
		else if (!books_rate_ok(in->rate))
			api_field(fields, "rate", "a positive rate, e.g. "
			    "83.1234 (up to 10 decimals)");
	}
	int64_t dr = 0, cr = 0;
	int overflow = 0, amounts_refused = 0;
	for (size_t i = 0; i < in->n; i++) {
		line_in *l = &in->lines[i];
		const char *at = arena_printf(c->a, "lines[%zu]", i);
		if (blank(l->account))
			api_field(fields, arena_printf(c->a, "%s.account", at),
			    "choose an account");
		else if (find_account(accts, l->account) == NULL)
			api_field(fields, arena_printf(c->a, "%s.account", at),
			    "no open account that takes postings has this "
			    "code");
		if (!in->json) {
			check_amount(c, l->debit, *digits, i, "debit", &l->dr,
			    fields);
			check_amount(c, l->credit, *digits, i, "credit", &l->cr,
			    fields);
		}
		if ((l->dr > 0) == (l->cr > 0))
			api_field(fields, arena_printf(c->a, "%s.debit", at),
			    "a debit or a credit: one of them, not both");
		if (chars(l->memo) > 200)
			api_field(fields, arena_printf(c->a, "%s.memo", at),
			    "at most 200 characters");
		if (l->party && !api_uuid_ok(l->party))
			api_field(fields, arena_printf(c->a, "%s.party", at),
			    "a party's id (a UUID)");
		overflow |= __builtin_add_overflow(dr, l->dr, &dr);
		overflow |= __builtin_add_overflow(cr, l->cr, &cr);
		amounts_refused |= cJSON_HasObjectItem(fields, arena_printf(
		    c->a, "%s.debit", at)) || cJSON_HasObjectItem(fields,
		    arena_printf(c->a, "%s.credit", at));
	}
	const char *why = NULL;
	if (in->n < 2)
		why = "an entry has two lines or more";
	else if (amounts_refused)
		why = NULL;	/* the lines' own refusals come first */
	else if (overflow)
		why = "the amounts are too large";
	else if (dr != cr)
		why = arena_printf(c->a, "the entry does not balance: debits %s, "
		    "credits %s, a difference of %s", money_text(c, dr, *digits,
		    0), money_text(c, cr, *digits, 0), money_text(c, dr - cr,
		    *digits, 0));
	else if (dr == 0)
		why = "the entry moves nothing";
	if (why)
		api_field(fields, "lines", why);
}

#define ENTRY_REFUSED "the entry was refused: see the fields marked"

/* line_error: the refusals of line i, joined */
static const char *
line_error(ctx *c, const cJSON *fields, size_t i)
{
	static const char *const parts[] = { "account", "debit", "credit",
	    "memo", "party" };
	const char *s = NULL;
	for (int k = 0; k < 5; k++) {
		const cJSON *v = cJSON_GetObjectItem(fields, arena_printf(c->a,
		    "lines[%zu].%s", i, parts[k]));
		if (cJSON_IsString(v))
			s = s ? arena_printf(c->a, "%s; %s: %s", s, parts[k],
			    v->valuestring) : arena_printf(c->a, "%s: %s",
			    parts[k], v->valuestring);
	}
	return s;
}

/* form_page: the manual entry form with what was typed (in, may be
 * NULL) and the refusals (fields, borrowed, may be NULL) */
static void
form_page(ctx *c, int status, const entry_in *in, const cJSON *fields)
{
	lv_books b;
	if (books(c, &b) < 0)
		return;
	static const char *const ckeys[] = { "code", "name", "#minor_units",
	    NULL };
	cJSON *accts = postable_accounts(c);
	cJSON *curs = accts ? query_rows(c, "SELECT code, name, minor_units "
	    "FROM currencies ORDER BY code", 0, NULL, ckeys) : NULL;
	if (curs == NULL) {
		cJSON_Delete(accts);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "accounts", accts);
	cJSON_AddItemToObject(d, "currencies", curs);
	cJSON_AddStringToObject(d, "base_currency", b.currency);
	cJSON *form = cJSON_AddObjectToObject(d, "form");
	cJSON_AddStringToObject(form, "date", in && in->date ? in->date :
	    b.today);
	cJSON_AddStringToObject(form, "memo", in && in->memo ? in->memo : "");
	cJSON_AddStringToObject(form, "currency", in && !blank(in->currency) ?
	    in->currency : b.currency);
	cJSON_AddStringToObject(form, "rate", in && in->rate ? in->rate : "");
	cJSON *lines = cJSON_AddArrayToObject(d, "lines");
	size_t n = in ? in->n : 0;
	size_t rows = n + 1 > FORM_ROWS_MIN ? n + 1 : FORM_ROWS_MIN;
	for (size_t i = 0; i < rows; i++) {
		const line_in *l = i < n ? &in->lines[i] : NULL;
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "account", l && l->account ?
		    l->account : "");
		cJSON_AddStringToObject(x, "debit", l && l->debit ? l->debit :
		    "");
		cJSON_AddStringToObject(x, "credit", l && l->credit ?
		    l->credit : "");
		cJSON_AddStringToObject(x, "memo", l && l->memo ? l->memo : "");
		const char *err = l && fields ? line_error(c, fields, i) : NULL;
		if (err)
			cJSON_AddStringToObject(x, "error", err);
		cJSON_AddItemToArray(lines, x);
	}
	reply_refusal(d, fields, ENTRY_REFUSED);
	app_render(c, status, "journal_new.cs", "New journal entry", d);
}

static void
entry_form(ctx *c)
{
	form_page(c, 200, NULL, NULL);
}

/* refused: 422 with fields (taken), as JSON or the form drawn again */
static void
refused(ctx *c, const entry_in *in, cJSON *fields)
{
	if (c->api) {
		app_error(c, 422, "invalid", reply_summary(fields,
		    ENTRY_REFUSED), fields);
		return;
	}
	c->failed = 1;	/* nothing of it is kept */
	form_page(c, 422, in, fields);
	cJSON_Delete(fields);
}

/* settle: after a refused posting: back to the savepoint, the
 * database's reason in fields under field; 0, or -1 when the failure was
 * not a refusal (the response is set) */
static int
settle(ctx *c, db_res *err, const char *field, cJSON *fields)
{
	const char *st = err->sqlstate;
	int refusal = strncmp(st, "22", 2) == 0 || strncmp(st, "23", 2) == 0 ||
	    strcmp(st, "P0001") == 0;
	if (!refusal) {
		failed(c, err);
		return -1;
	}
	api_field(fields, field, err->error ? err->error : "refused");
	db_res_clear(err);
	db_res r;
	if (db_exec(c->db, &r, "ROLLBACK TO SAVEPOINT ledger_post", 0,
	    NULL) < 0) {
		failed(c, &r);
		return -1;
	}
	db_res_clear(&r);
	return 0;
}

/* exec0: a statement with no rows to read; 0, or -1 with err */
static int
exec0(ctx *c, const char *sql, db_res *err)
{
	if (db_exec(c->db, err, sql, 0, NULL) < 0)
		return -1;
	db_res_clear(err);
	return 0;
}

/* commit_entry: the checks and the chain of a new entry, now rather than
 * at commit, so a refusal can still be shown with the form, and the
 * answer carries the entry's number.  (The chain's lock is then held for
 * the rest of this short request.) */
static int
commit_entry(ctx *c, db_res *err)
{
	return exec0(c, "SET CONSTRAINTS journal_entries_post IMMEDIATE", err);
}

/* recorded: the audit entry and the event of a new entry e (read back);
 * the 201 answer, or a browser on to the entry's page */
static void
recorded(ctx *c, const char *action, const char *record_id, cJSON *before,
    cJSON *e, const char *id)
{
	db_res r;
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "entry_id", id);
	cJSON_AddItemToObject(ev, "seq", cJSON_Duplicate(
	    cJSON_GetObjectItem(e, "seq"), 1));
	int rc = audit_record(c, action, "journal_entry", record_id, before, e);
	if (rc == 0) {
		rc = outbox_emit(c->db, &r, c->tenant_id, action, ev);
		if (rc < 0)
			app_db_error(c, &r);
		db_res_clear(&r);
	}
	cJSON_Delete(ev);
	cJSON_Delete(before);
	if (rc < 0) {
		cJSON_Delete(e);
		return;
	}
	if (!c->api) {
		cJSON_Delete(e);
		app_redirect(c, arena_printf(c->a, "/app/journal/%s", id));
		return;
	}
	resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
	    "/api/v1/journal/%s", id));
	app_render(c, 201, NULL, NULL, e);
}

static void
post_entry(ctx *c)
{
	lv_books b;
	entry_in in = {0};
	cJSON *fields = cJSON_CreateObject();
	if (books(c, &b) < 0) {
		cJSON_Delete(fields);
		return;
	}
	if (c->req.json)
		read_json(c, &in, fields);
	else
		read_form(c, &in);
	cJSON *accts = postable_accounts(c);
	if (accts == NULL) {
		cJSON_Delete(fields);
		return;
	}
	char code[4];
	int digits;
	check_entry(c, &in, &b, accts, code, &digits, fields);
	cJSON_Delete(accts);
	if (c->failed) {
		cJSON_Delete(fields);
		return;
	}
	if (cJSON_GetArraySize(fields) > 0) {
		refused(c, &in, fields);
		return;
	}
	ledger_line *lines = arena_alloc(c->a, in.n * sizeof(*lines));
	for (size_t i = 0; i < in.n; i++)
		lines[i] = (ledger_line){ in.lines[i].account, in.lines[i].dr,
		    in.lines[i].cr, in.lines[i].party, NULL, blank(
		    in.lines[i].memo) ? NULL : in.lines[i].memo };
	ledger_entry e = { in.date, in.memo, "manual", NULL, code,
	    blank(in.rate) ? NULL : in.rate, lines, in.n };
	char id[LEDGER_ID_LEN];
	db_res err;
	if (exec0(c, "SAVEPOINT ledger_post", &err) < 0) {
		failed(c, &err);
		cJSON_Delete(fields);
		return;
	}
	if (ledger_post(c->db, c->user_id, &e, id, &err) < 0 ||
	    commit_entry(c, &err) < 0) {
		if (settle(c, &err, "entry", fields) == 0)
			refused(c, &in, fields);
		else
			cJSON_Delete(fields);
		return;
	}
	cJSON_Delete(fields);
	lv_entry got;
	cJSON *o = entry_read(c, id, &b, &got);
	if (o)
		recorded(c, "journal.posted", id, NULL, o, id);
}

static void
reverse_entry(ctx *c)
{
	lv_books b;
	lv_entry orig;
	const char *id = app_param(c, "id");
	if (books(c, &b) < 0)
		return;
	cJSON *before = entry_read(c, id, &b, &orig);
	if (before == NULL)
		return;
	const char *date = http_arg(&c->req, "date");
	const char *memo = http_arg(&c->req, "memo");
	cJSON *fields = cJSON_CreateObject();
	if (blank(date))
		date = b.today;
	else if (!field_date_ok(date))
		api_field(fields, "date", "a date, YYYY-MM-DD");
	if (chars(memo) > 500)
		api_field(fields, "memo", "at most 500 characters");
	if (cJSON_GetArraySize(fields) > 0) {
		cJSON_Delete(before);
		app_error(c, 422, "invalid", reply_summary(fields,
		    ENTRY_REFUSED), fields);
		return;
	}
	cJSON_Delete(fields);
	if (orig.reversed_by) {
		cJSON_Delete(before);
		app_error(c, 409, "already_reversed", arena_printf(c->a, "this "
		    "entry is already reversed by entry %lld",
		    (long long)orig.reversed_by_seq), NULL);
		return;
	}
	if (orig.reversal_of) {
		cJSON_Delete(before);
		app_error(c, 422, "invalid", "a reversal is not reversed: post "
		    "a new entry", NULL);
		return;
	}
	char rid[LEDGER_ID_LEN];
	db_res err;
	if (ledger_reverse(c->db, c->user_id, orig.id, date, blank(memo) ?
	    NULL : memo, rid, &err) < 0 || commit_entry(c, &err) < 0) {
		cJSON_Delete(before);
		failed(c, &err);	/* 409 when another reversal won */
		return;
	}
	lv_entry rev;
	cJSON *o = entry_read(c, rid, &b, &rev);
	if (o == NULL) {
		cJSON_Delete(before);
		return;
	}
	recorded(c, "journal.reversed", orig.id, before, o, rid);
}

/* ---- export and verification ---- */

static void
export_journal(ctx *c)
{
	const char *from, *to;
	if (range_params(c, &from, &to) < 0)
		return;
	buf *out = download(c, "text/plain; charset=utf-8", arena_printf(c->a,
	    "bursar%s%s%s%s.journal", from ? "-from-" : "", from ? from : "",
	    to ? "-to-" : "", to ? to : ""));
	db_res err;
	if (ledger_export_journal(c->db, from, to, out, &err) == 0)
		return;
	if (strcmp(err.sqlstate, "54000") == 0) {
		db_res_clear(&err);
		app_error(c, 422, "too_large", "the journal is larger than one "
		    "response: export a shorter range of dates (from, to)",
		    NULL);
		return;
	}
	failed(c, &err);
}

static void
verify(ctx *c)
{
	lv_verify v;
	db_res err;
	if (lv_verify_chain(c->db, c->a, &v, &err) < 0) {
		failed(c, &err);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddBoolToObject(d, "ok", v.ok);
	cJSON_AddItemToObject(d, "entries", api_int(v.entries));
	if (!v.ok) {
		if (v.seq)
			cJSON_AddItemToObject(d, "seq", api_int(v.seq));
		else
			cJSON_AddNullToObject(d, "seq");
		add_text(d, "entry_id", v.entry_id);
		cJSON_AddStringToObject(d, "problem", v.problem);
	}
	app_render(c, 200, "ledger_verify.cs", "Check the books", d);
}

static const route routes[] = {
	{ "GET", "~/ledger/balances", balances, 0, "ledger.read" },
	{ "GET", "~/ledger/trial-balance", trial_balance, 0, "ledger.read" },
	{ "GET", "~/ledger/accounts/{code}", general_ledger, 0,
	    "ledger.read" },
	{ "GET", "~/ledger/export.journal", export_journal, 0,
	    "ledger.read" },
	{ "GET", "~/ledger/verify", verify, 0, "ledger.read" },
	{ "GET", "~/journal", journal, 0, "ledger.read" },
	{ "POST", "~/journal", post_entry, 0, "ledger.post" },
	{ "GET", "/app/journal/new", entry_form, 0, "ledger.post" },
	{ "GET", "~/journal/{id}", entry, 0, "ledger.read" },
	{ "POST", "~/journal/{id}/reverse", reverse_entry, 0, "ledger.post" },
};

int
main(void)
{
	return serve_main("ledger", routes, sizeof(routes) / sizeof(routes[0]));
}
