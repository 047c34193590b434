/* ledger.c: the journal (the list, one entry, the manual entry form,
 * posting and reversal) and the views of the books (balances, trial
 * balance, general ledger), the export for hledger and the chain's
 * verification.  The views read through books/ledger_view and are drawn
 * by books/ledger_json (HTML under /app, JSON under /api/v1) and
 * books/ledger_csv (?format=csv); an entry typed is read and checked by
 * books/entry_in and posted through books/ledger.  What stays here is
 * the request's glue: parameters, refusals, pages and links. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/numbers.h"
#include "web/api.h"
#include "web/app.h"
#include "web/confirm.h"
#include "web/serve.h"
#include "web/audit.h"
#include "web/auth.h"
#include "books/entry_in.h"
#include "base/csv.h"
#include "web/form.h"
#include "books/ledger.h"
#include "books/ledger_csv.h"
#include "books/ledger_json.h"
#include "books/ledger_export.h"
#include "books/ledger_view.h"
#include "commerce/integrity.h"
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

/* blank: NULL or empty */
static int
blank(const char *s)
{
	return s == NULL || *s == '\0';
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

/* csv_start: a CSV download named name.csv (lib/books/ledger_csv
 * writes it) */
static void
csv_start(ctx *c, csv *w, const char *name)
{
	csv_init(w, download(c, "text/csv; charset=utf-8", arena_printf(c->a,
	    "%s.csv", name)));
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
	if (lv_books_get(c->db, b, &err) == 0) {
		b->numbers = numbers_style(c);
		return 0;
	}
	failed(c, &err);
	return -1;
}

/* ---- balances and the trial balance ---- */

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
		csv w;
		csv_start(c, &w, arena_printf(c->a, "balances-%s", date));
		ledger_csv_balances(&w, &l, b.digits);
		csv_done(c, &w, 0);
		return;
	}
	cJSON *d = ledger_json_balances(c->a, c->api, date, &b, &l);
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
		csv w;
		csv_start(c, &w, arena_printf(c->a, "trial-balance-%s", date));
		ledger_csv_trial_balance(&w, &l, b.digits);
		csv_done(c, &w, 0);
		return;
	}
	cJSON *d = ledger_json_trial_balance(c->a, c->api, date, &b, &l);
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
		csv w;
		csv_start(c, &w, arena_printf(c->a, "ledger-%s%s%s%s%s",
		    g.account.code, from ? "-from-" : "", from ? from : "",
		    to ? "-to-" : "", to ? to : ""));
		ledger_csv_general_ledger(&w, &g, from, to, b.digits);
		csv_done(c, &w, g.next != NULL);
		return;
	}
	cJSON *d = ledger_json_general_ledger(c->a, c->api, &g, from, to,
	    &b);
	const char *next = g.next ? api_cursor_encode(c->a, g.next) : NULL;
	ledger_json_text(d, "next", next);
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

/* journal_csv: the n entries as a CSV download named name.csv */
static void
journal_csv(ctx *c, const lv_entry *items, size_t n, const lv_books *b,
    const char *name, int truncated)
{
	csv w;
	csv_start(c, &w, name);
	ledger_csv_journal(&w, items, n, b);
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
		cJSON_AddItemToArray(items, ledger_json_entry(c->a, c->api,
		    &j.items[i], &b));
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
	cJSON *o = ledger_json_entry(c->a, c->api, e, b);
	ledger_json_text(o, "hash", e->hash);
	ledger_json_text(o, "prev_hash", e->prev_hash);
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

#define ENTRY_REFUSED "the entry was refused: see the fields marked"

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
		const entry_line_in *l = i < n ? &in->lines[i] : NULL;
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "account", l && l->account ?
		    l->account : "");
		cJSON_AddStringToObject(x, "debit", l && l->debit ? l->debit :
		    "");
		cJSON_AddStringToObject(x, "credit", l && l->credit ?
		    l->credit : "");
		cJSON_AddStringToObject(x, "memo", l && l->memo ? l->memo : "");
		const char *err = l && fields ? entry_in_line_error(c->a,
		    fields, i) : NULL;
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
	if (field_known(c, "branch date memo currency rate lines[account memo party "
	    "debit credit]") < 0)
		return;
	lv_books b;
	entry_in in = {0};
	cJSON *fields = cJSON_CreateObject();
	if (books(c, &b) < 0) {
		cJSON_Delete(fields);
		return;
	}
	if (c->req.json)
		entry_in_json(c->a, c->req.json, &in, fields);
	else
		entry_in_form(c->a, &c->req.form, &in);
	cJSON *accts = postable_accounts(c);
	if (accts == NULL) {
		cJSON_Delete(fields);
		return;
	}
	char code[4];
	int digits;
	db_res err;
	int rc = entry_in_check(c->db, c->a, &in, &b, accts, code, &digits,
	    fields, &err);
	cJSON_Delete(accts);
	if (rc < 0) {
		failed(c, &err);
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
	if (field_known(c, "date memo") < 0)
		return;
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
	if (entry_in_chars(memo) > 500)
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
	const confirm_step ask = { "Reverse this journal entry?", "A new "
	    "entry is posted with every line of this one, debits and credits "
	    "swapped, so the two cancel out. Both stay in the journal.",
	    "Post the reversal", arena_printf(c->a, "/app/journal/%s", id) };
	if (!confirm_given(c, &ask)) {
		cJSON_Delete(before);
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
		ledger_json_text(d, "entry_id", v.entry_id);
		cJSON_AddStringToObject(d, "problem", v.problem);
	}
	app_render(c, 200, "ledger_verify.cs", "Check the books", d);
}

/* raw_int: an integer api_int made (a raw item), 0 when it is not one */
static int64_t
raw_int(const cJSON *o)
{
	return o && cJSON_IsRaw(o) && o->valuestring ?
	    strtoll(o->valuestring, NULL, 10) : 0;
}

/* money_texts: each money object of a check also as decimal text, for
 * the page */
static void
money_texts(ctx *c, cJSON *o, int digits)
{
	static const char *const keys[] = { "expected", "actual", "difference",
	    "amount", NULL };
	for (int i = 0; keys[i]; i++) {
		cJSON *m = cJSON_GetObjectItem(o, keys[i]);
		if (m && cJSON_IsObject(m))
			cJSON_AddStringToObject(m, "text", reply_money_text(c,
			    raw_int(cJSON_GetObjectItem(m, "amount")), digits));
	}
}

/* integrity: the trade against the books, and both chains
 * (lib/commerce/integrity.h) */
static void
integrity(ctx *c)
{
	db_res err;
	cJSON *d = integrity_report(c->db, c->a, &err);
	if (d == NULL) {
		failed(c, &err);
		return;
	}
	if (!c->api) {
		int64_t digits = raw_int(cJSON_GetObjectItem(d, "digits"));
		cJSON *k;
		cJSON_ArrayForEach(k, cJSON_GetObjectItem(d, "checks")) {
			money_texts(c, k, (int)digits);
			cJSON *x;
			cJSON_ArrayForEach(x, cJSON_GetObjectItem(k,
			    "explained_by"))
				money_texts(c, x, (int)digits);
		}
	}
	app_render(c, 200, "integrity.cs", "Integrity check", d);
}

static const route routes[] = {
	{ "GET", "~/integrity", integrity, 0, "reports.read" },
	{ "GET", "~/ledger/balances", balances, 0, "reports.read" },
	{ "GET", "~/ledger/trial-balance", trial_balance, 0,
	    "reports.read" },
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
