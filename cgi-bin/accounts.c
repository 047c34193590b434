/* accounts.c: the books' set-up: the chart of accounts, financial years
 * and periods, currencies and exchange rates, tax rates and groups, and
 * the book settings.  The rules live in lib/books_setup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/confirm.h"
#include "web/serve.h"
#include "books/books_setup.h"
#include "books/tax_view.h"
#include "web/field.h"
#include "web/reply.h"
#include "web/query.h"

/* arg: a field as field_get reads it, or a JSON array of strings as
 * a comma list */
static const char *
arg(ctx *c, const char *name)
{
	const cJSON *v = c->req.json ? cJSON_GetObjectItemCaseSensitive(
	    c->req.json, name) : NULL;
	if (!cJSON_IsArray(v))
		return field_get(c, name);
	buf b = BUF_INIT(4096);
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
		buf_printf(&b, "%s%s", b.len ? "," : "", cJSON_IsString(e) ?
		    e->valuestring : "?");
	const char *out = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* page_fn: draws a page with status, the refused fields (borrowed, may
 * be NULL) and what the user typed. */
typedef void (*page_fn)(ctx *c, int status, cJSON *fields);

/* refused: the end of a change that did not succeed: 404 for another
 * tenant's (or no) record; 422 with the fields, as JSON or as the page
 * again keeping what was typed; nothing more after an error. */
static void
refused(ctx *c, int rc, cJSON *fields, page_fn page)
{
	if (rc == BOOKS_INVALID && c->api) {
		app_error(c, 422, "invalid", reply_summary(fields, NULL),
		    fields);
		return;
	}
	if (rc == BOOKS_INVALID) {
		c->failed = 1;	/* nothing of it is kept */
		page(c, 422, fields);
	}
	cJSON_Delete(fields);
	if (rc == BOOKS_NOT_FOUND)
		app_error(c, 404, "not_found", "no such record", NULL);
}

/* done: the end of a change that succeeded: out as JSON with status (and
 * Location when made), or a browser back to page. */
static void
done(ctx *c, int status, cJSON *out, const char *location, const char *page)
{
	if (out == NULL)
		return;	/* reading it back failed: the response is set */
	if (!c->api) {
		cJSON_Delete(out);
		app_redirect(c, page);
		return;
	}
	if (location)
		resp_header(c->a, &c->resp, "Location", location);
	app_render(c, status, NULL, NULL, out);
}

/* one: the first object of rows (taken), or NULL with 404 set */
static cJSON *
one(ctx *c, cJSON *rows)
{
	if (rows == NULL)
		return NULL;
	cJSON *o = cJSON_GetArraySize(rows) > 0 ?
	    cJSON_DetachItemFromArray(rows, 0) : NULL;
	cJSON_Delete(rows);
	if (o == NULL)
		app_error(c, 404, "not_found", "no such record", NULL);
	return o;
}

/* read_fn: the records with id, as a list (NULL on error). */
typedef cJSON *(*read_fn)(ctx *c, const char *id);

/* created: the end of a create: refused, or 201 with the new record as
 * read reads it and its Location under /api/v1/what, a browser back to
 * /app/what. */
static void
created(ctx *c, int rc, cJSON *f, page_fn page, read_fn read,
    const char *what, const char *id)
{
	if (rc != BOOKS_OK) {
		refused(c, rc, f, page);
		return;
	}
	cJSON_Delete(f);
	done(c, 201, one(c, read(c, id)), arena_printf(c->a, "/api/v1/%s/%s",
	    what, id), arena_printf(c->a, "/app/%s", what));
}

/* form_data: the data of a page for a browser: what was typed in keep
 * (or the default in dflt, same order, when nothing was), the refused
 * fields (copied) and their summary.  d is extended in place. */
static void
form_data(ctx *c, cJSON *d, const char *const *keep, const char *const *dflt,
    cJSON *fields)
{
	cJSON *form = cJSON_AddObjectToObject(d, "form");
	for (int i = 0; keep[i]; i++) {
		const char *v = arg(c, keep[i]);
		if (v == NULL && dflt)
			v = dflt[i];
		cJSON_AddStringToObject(form, keep[i], v ? v : "");
	}
	reply_refusal(d, fields, NULL);
}

/* list_data: {"items": items (taken)} for a page; NULL when items is NULL
 * (the error is set) or the caller is the API (answered here). */
static cJSON *
list_data(ctx *c, int status, cJSON *items)
{
	if (items == NULL)
		return NULL;
	cJSON *d = api_list(items, NULL);
	if (!c->api)
		return d;
	app_render(c, status, NULL, NULL, d);
	return NULL;
}

/* ---- the chart of accounts ---- */

static const char *const account_keys[] = { "id", "code", "name", "type",
    "?is_group", "role", "?archived", "parent_id", "parent_code", "#depth",
    "?has_postings", NULL };

/* the tree in order: each account after its group, siblings by code */
static const char tree_sql[] = "WITH RECURSIVE t AS (SELECT tenant_id, id, "
    "ARRAY[code] AS path, 0 AS depth FROM accounts WHERE parent_id IS NULL "
    "UNION ALL SELECT a.tenant_id, a.id, t.path || a.code, t.depth + 1 FROM "
    "accounts a JOIN t ON a.tenant_id = t.tenant_id AND a.parent_id = t.id) "
    "SELECT a.id, a.code, a.name, a.type, a.is_group, a.role, a.archived, "
    "a.parent_id, p.code, t.depth, EXISTS (SELECT 1 FROM journal_lines l "
    "WHERE l.tenant_id = a.tenant_id AND l.account_id = a.id) FROM t JOIN "
    "accounts a ON a.tenant_id = t.tenant_id AND a.id = t.id LEFT JOIN "
    "accounts p ON p.tenant_id = a.tenant_id AND p.id = a.parent_id ORDER "
    "BY t.path";

static const char account_sql[] = "SELECT a.id, a.code, a.name, a.type, "
    "a.is_group, a.role, a.archived, a.parent_id, p.code, (WITH RECURSIVE "
    "up AS (SELECT a.parent_id AS id, 0 AS n UNION ALL SELECT x.parent_id, "
    "up.n + 1 FROM accounts x JOIN up ON x.tenant_id = a.tenant_id AND x.id "
    "= up.id WHERE up.n < 50) SELECT count(*) - 1 FROM up), EXISTS (SELECT "
    "1 FROM journal_lines l WHERE l.tenant_id = a.tenant_id AND "
    "l.account_id = a.id) FROM accounts a LEFT JOIN accounts p ON "
    "p.tenant_id = a.tenant_id AND p.id = a.parent_id WHERE a.id = $1::uuid";

/* account_json: the account with id (as a list of one, or none); NULL
 * on error */
static cJSON *
account_json(ctx *c, const char *id)
{
	const char *p[1] = { id };
	if (!api_uuid_ok(id))
		return cJSON_CreateArray();
	return query_rows(c, account_sql, 1, p, account_keys);
}

static const char *const account_form[] = { "code", "name", "type",
    "parent", "is_group", NULL };

static void
accounts_page(ctx *c, int status, cJSON *fields)
{
	static const char *const types[] = { "asset", "liability", "equity",
	    "income", "expense" };
	cJSON *d = list_data(c, status, query_rows(c, tree_sql, 0, NULL,
	    account_keys));
	if (d == NULL)
		return;
	cJSON_AddItemToObject(d, "types", cJSON_CreateStringArray(types, 5));
	form_data(c, d, account_form, NULL, fields);
	app_render(c, status, "accounts.cs", "Chart of accounts", d);
}

static void
accounts(ctx *c)
{
	accounts_page(c, 200, NULL);
}

static void
account_create(ctx *c)
{
	if (field_known(c, "code name type parent is_group") < 0)
		return;
	books_account_in in = { arg(c, "code"), arg(c, "name"), arg(c, "type"),
	    arg(c, "parent"), arg(c, "is_group") };
	char id[BOOKS_ID_LEN];
	cJSON *f = cJSON_CreateObject();
	created(c, books_account_create(c, &in, f, id), f, accounts_page,
	    account_json, "accounts", id);
}

static void
account_page(ctx *c, int status, cJSON *fields)
{
	const char *id = app_param(c, "id");
	cJSON *a = one(c, account_json(c, id));
	if (a == NULL || c->api) {
		if (a)
			app_render(c, status, NULL, NULL, a);
		return;
	}
	static const char *const keys[] = { "code", "name", "type", NULL };
	const char *p[2] = { id, cJSON_GetObjectItem(a, "type")->valuestring };
	cJSON *groups = query_rows(c, "SELECT code, name, type FROM accounts "
	    "WHERE is_group AND NOT archived AND type = $2 AND id <> $1::uuid "
	    "ORDER BY code", 2, p, keys);
	if (groups == NULL) {
		cJSON_Delete(a);
		return;
	}
	const cJSON *pc = cJSON_GetObjectItem(a, "parent_code");
	static const char *const keep[] = { "name", "parent", NULL };
	const char *dflt[2] = { cJSON_GetObjectItem(a, "name")->valuestring,
	    cJSON_IsString(pc) ? pc->valuestring : "" };
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "account", a);
	cJSON_AddItemToObject(d, "groups", groups);
	form_data(c, d, keep, dflt, fields);
	app_render(c, status, "accounts_edit.cs", "Account", d);
}

static void
account(ctx *c)
{
	account_page(c, 200, NULL);
}

/* account_changed: the end of a change to the account at {id} */
static void
account_changed(ctx *c, int rc, cJSON *f)
{
	if (rc != BOOKS_OK) {
		refused(c, rc, f, account_page);
		return;
	}
	cJSON_Delete(f);
	const char *id = app_param(c, "id");
	done(c, 200, one(c, account_json(c, id)), NULL, arena_printf(c->a,
	    "/app/accounts/%s", id));
}

static void
account_update(ctx *c)
{
	if (field_known(c, "name parent") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	account_changed(c, books_account_update(c, app_param(c, "id"),
	    arg(c, "name"), arg(c, "parent"), f), f);
}

static void
account_archive(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	account_changed(c, books_account_archive(c, app_param(c, "id"), 1, f),
	    f);
}

static void
account_unarchive(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	account_changed(c, books_account_archive(c, app_param(c, "id"), 0, f),
	    f);
}

/* ---- years and periods ---- */

/* years_json: the years (or the one with id, when not NULL), each with
 * its periods in order; NULL on error. */
static cJSON *
years_json(ctx *c, const char *id)
{
	static const char *const ykeys[] = { "id", "name", "start_date",
	    "end_date", "?closed", "closing_entry_id", NULL };
	static const char *const pkeys[] = { "id", "year_id", "name",
	    "start_date", "end_date", "?closed", NULL };
	const char *p[1] = { id };
	cJSON *years = query_rows(c, "SELECT id, name, start_date::text, "
	    "end_date::text, closed, closing_entry_id FROM fiscal_years WHERE "
	    "$1::uuid IS NULL OR id = $1::uuid ORDER BY start_date", 1, p,
	    ykeys);
	cJSON *periods = years ? query_rows(c, "SELECT id, year_id, name, "
	    "start_date::text, end_date::text, closed FROM periods WHERE "
	    "$1::uuid IS NULL OR year_id = $1::uuid ORDER BY start_date", 1, p,
	    pkeys) : NULL;
	if (periods == NULL) {
		cJSON_Delete(years);
		return NULL;
	}
	cJSON *y;
	cJSON_ArrayForEach(y, years) {
		cJSON *mine = cJSON_AddArrayToObject(y, "periods");
		const char *yid = cJSON_GetObjectItem(y, "id")->valuestring;
		cJSON *per = periods->child;
		while (per) {
			cJSON *next = per->next;
			cJSON *owner = cJSON_GetObjectItem(per, "year_id");
			if (strcmp(owner->valuestring, yid) == 0) {
				cJSON_DetachItemViaPointer(periods, per);
				cJSON_DeleteItemFromObject(per, "year_id");
				cJSON_AddItemToArray(mine, per);
			}
			per = next;
		}
	}
	cJSON_Delete(periods);
	return years;
}

static void
years_page(ctx *c, int status, cJSON *fields)
{
	cJSON *d = list_data(c, status, years_json(c, NULL));
	if (d == NULL)
		return;
	/* the form suggests the day after the last year, or this year's
	 * first month by the settings */
	static const char *const keys[] = { "start", NULL };
	cJSON *next = one(c, query_rows(c, "SELECT coalesce((SELECT "
	    "max(end_date) + 1 FROM fiscal_years), make_date(extract(year FROM "
	    "current_date)::int, coalesce((SELECT year_start_month FROM "
	    "books_settings), 1), 1))::text", 0, NULL, keys));
	if (next == NULL) {
		cJSON_Delete(d);
		return;
	}
	const char *dflt[1] = { cJSON_GetObjectItem(next, "start")->valuestring };
	form_data(c, d, keys, dflt, fields);
	cJSON_Delete(next);
	app_render(c, status, "years.cs", "Years and periods", d);
}

static void
years(ctx *c)
{
	years_page(c, 200, NULL);
}

static void
year_open(ctx *c)
{
	if (field_known(c, "start") < 0)
		return;
	char id[BOOKS_ID_LEN];
	cJSON *f = cJSON_CreateObject();
	created(c, books_year_open(c, arg(c, "start"), f, id), f, years_page,
	    years_json, "years", id);
}

static void
year_close(ctx *c)
{
	const confirm_step ask = { "Close this financial year?", "Every "
	    "period of the year is closed, the year's profit or loss is moved "
	    "to retained earnings by a closing entry, and nothing can be "
	    "posted into the year again.", "Close the year", "/app/years" };
	if (field_known(c, "") < 0 || !confirm_given(c, &ask))
		return;
	char entry[BOOKS_ID_LEN];
	cJSON *f = cJSON_CreateObject();
	const char *id = app_param(c, "id");
	int rc = books_year_close(c, id, f, entry);
	if (rc != BOOKS_OK) {
		refused(c, rc, f, years_page);
		return;
	}
	cJSON_Delete(f);
	done(c, 200, one(c, years_json(c, id)), NULL, "/app/years");
}

static void
period_set(ctx *c, int closed)
{
	static const char *const keys[] = { "id", "year_id", "name",
	    "start_date", "end_date", "?closed", NULL };
	cJSON *f = cJSON_CreateObject();
	const char *p[1] = { app_param(c, "id") };
	int rc = books_period_set(c, p[0], closed, f);
	if (rc != BOOKS_OK) {
		refused(c, rc, f, years_page);
		return;
	}
	cJSON_Delete(f);
	done(c, 200, one(c, query_rows(c, "SELECT id, year_id, name, "
	    "start_date::text, end_date::text, closed FROM periods WHERE id = "
	    "$1::uuid", 1, p, keys)), NULL, "/app/years");
}

static void
period_close(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	period_set(c, 1);
}

static void
period_reopen(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	period_set(c, 0);
}

/* ---- currencies and exchange rates ---- */

static const char *const rate_form[] = { "currency", "date", "rate", NULL };

static void
currencies_page(ctx *c, int status, cJSON *fields)
{
	static const char *const ckeys[] = { "code", "name", "#minor_units",
	    "?base", NULL };
	static const char *const rkeys[] = { "currency", "date", "rate", NULL };
	cJSON *cur = query_rows(c, "SELECT code, name, minor_units, code = "
	    "(SELECT base_currency FROM tenants WHERE id = bursar_tenant()) "
	    "FROM currencies ORDER BY code", 0, NULL, ckeys);
	cJSON *rates = cur ? query_rows(c, "SELECT currency, rate_date::text, "
	    "trim_scale(rate)::text FROM exchange_rates ORDER BY rate_date "
	    "DESC, currency LIMIT 500", 0, NULL, rkeys) : NULL;
	if (rates == NULL) {
		cJSON_Delete(cur);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	const cJSON *x;
	cJSON_ArrayForEach(x, cur)
		if (cJSON_IsTrue(cJSON_GetObjectItem(x, "base")))
			cJSON_AddStringToObject(d, "base_currency",
			    cJSON_GetObjectItem(x, "code")->valuestring);
	cJSON_AddItemToObject(d, "currencies", cur);
	cJSON_AddItemToObject(d, "rates", rates);
	if (!c->api)
		form_data(c, d, rate_form, NULL, fields);
	app_render(c, status, "currencies.cs", "Currencies and exchange rates",
	    d);
}

static void
currencies(ctx *c)
{
	currencies_page(c, 200, NULL);
}

static void
rate_save(ctx *c)
{
	if (field_known(c, "currency date rate") < 0)
		return;
	const char *cur = arg(c, "currency"), *date = arg(c, "date");
	int created = 0;
	cJSON *f = cJSON_CreateObject();
	int rc = books_rate_save(c, cur, date, arg(c, "rate"), f, &created);
	if (rc != BOOKS_OK) {
		refused(c, rc, f, currencies_page);
		return;
	}
	cJSON_Delete(f);
	static const char *const keys[] = { "currency", "date", "rate", NULL };
	const char *p[2] = { cur, date };
	done(c, created ? 201 : 200, one(c, query_rows(c, "SELECT currency, "
	    "rate_date::text, trim_scale(rate)::text FROM exchange_rates WHERE "
	    "currency = $1 AND rate_date = $2::date", 2, p, keys)), NULL,
	    "/app/currencies");
}

static void
rate_delete(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	int rc = books_rate_delete(c, app_param(c, "currency"), app_param(c,
	    "date"));
	if (rc != BOOKS_OK) {
		refused(c, rc, NULL, currencies_page);
		return;
	}
	done(c, 200, cJSON_CreateObject(), NULL, "/app/currencies");
}

/* ---- tax ---- */

static const char *const tax_rate_form[] = { "code", "name", "rate",
    "valid_from", "valid_to", "sales_account", "purchase_account", NULL };

static void
tax_rates_page(ctx *c, int status, cJSON *fields)
{
	cJSON *d = list_data(c, status, tax_view_rates(c, NULL));
	if (d == NULL)
		return;
	form_data(c, d, tax_rate_form, NULL, fields);
	app_render(c, status, "tax_rates.cs", "Tax rates", d);
}

static void
tax_rates(ctx *c)
{
	tax_rates_page(c, 200, NULL);
}

static void
tax_rate_create(ctx *c)
{
	if (field_known(c, "code name rate valid_from valid_to sales_account "
	    "purchase_account") < 0)
		return;
	books_tax_rate_in in = { arg(c, "code"), arg(c, "name"), arg(c, "rate"),
	    arg(c, "valid_from"), arg(c, "valid_to"), arg(c, "sales_account"),
	    arg(c, "purchase_account") };
	char id[BOOKS_ID_LEN];
	cJSON *f = cJSON_CreateObject();
	created(c, books_tax_rate_create(c, &in, f, id), f, tax_rates_page,
	    tax_view_rates, "tax-rates", id);
}

static const char *const tax_group_form[] = { "code", "name", "inclusive",
    "components", NULL };

static void
tax_groups_page(ctx *c, int status, cJSON *fields)
{
	cJSON *d = list_data(c, status, tax_view_groups(c, NULL));
	if (d == NULL)
		return;
	static const char *const keys[] = { "code", NULL };
	cJSON *codes = query_rows(c, "SELECT DISTINCT code FROM tax_rates "
	    "ORDER BY code", 0, NULL, keys);
	if (codes == NULL) {
		cJSON_Delete(d);
		return;
	}
	cJSON_AddItemToObject(d, "rate_codes", codes);
	form_data(c, d, tax_group_form, NULL, fields);
	app_render(c, status, "tax_groups.cs", "Tax groups", d);
}

static void
tax_groups(ctx *c)
{
	tax_groups_page(c, 200, NULL);
}

static void
tax_group_create(ctx *c)
{
	if (field_known(c, "code name inclusive components") < 0)
		return;
	books_tax_group_in in = { arg(c, "code"), arg(c, "name"),
	    arg(c, "inclusive"), arg(c, "components") };
	char id[BOOKS_ID_LEN];
	cJSON *f = cJSON_CreateObject();
	created(c, books_tax_group_create(c, &in, f, id), f, tax_groups_page,
	    tax_view_groups, "tax-groups", id);
}

/* tax_group_page: one group, its form to rename it, change its rates
 * and archive it */
static void
tax_group_page(ctx *c, int status, cJSON *fields)
{
	const char *id = app_param(c, "id");
	cJSON *g = one(c, api_uuid_ok(id) ? tax_view_groups(c, id) :
	    cJSON_CreateArray());
	if (g == NULL || c->api) {
		if (g)
			app_render(c, status, NULL, NULL, g);
		return;
	}
	static const char *const keys[] = { "code", NULL };
	cJSON *codes = query_rows(c, "SELECT DISTINCT code FROM tax_rates "
	    "ORDER BY code", 0, NULL, keys);
	if (codes == NULL) {
		cJSON_Delete(g);
		return;
	}
	buf b = BUF_INIT(256);
	const cJSON *k;
	cJSON_ArrayForEach(k, cJSON_GetObjectItem(g, "components"))
		buf_printf(&b, "%s%s", b.len ? ", " : "", cJSON_GetObjectItem(k, "rate_code")->valuestring);
	static const char *const keep[] = { "name", "components", "inclusive",
	    NULL };
	const char *dflt[3] = { cJSON_GetObjectItem(g, "name")->valuestring,
	    arena_strdup(c->a, buf_str(&b)), cJSON_IsTrue(cJSON_GetObjectItem(
	    g, "inclusive")) ? "true" : "false" };
	buf_free(&b);
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "group", g);
	cJSON_AddItemToObject(d, "rate_codes", codes);
	form_data(c, d, keep, dflt, fields);
	app_render(c, status, "tax_group.cs", "Tax group", d);
}

static void
tax_group(ctx *c)
{
	tax_group_page(c, 200, NULL);
}

/* tax_group_changed: the end of a change to the group at {id} */
static void
tax_group_changed(ctx *c, int rc, cJSON *f)
{
	if (rc != BOOKS_OK) {
		refused(c, rc, f, tax_group_page);
		return;
	}
	cJSON_Delete(f);
	const char *id = app_param(c, "id");
	done(c, 200, one(c, tax_view_groups(c, id)), NULL, arena_printf(c->a,
	    "/app/tax-groups/%s", id));
}

static void
tax_group_update(ctx *c)
{
	if (field_known(c, "name inclusive components") < 0)
		return;
	/* a form's unticked box sends nothing: there it means "no" */
	const char *inclusive = arg(c, "inclusive");
	if (inclusive == NULL && !c->api)
		inclusive = "false";
	books_tax_group_in in = { NULL, arg(c, "name"), inclusive,
	    arg(c, "components") };
	cJSON *f = cJSON_CreateObject();
	tax_group_changed(c, books_tax_group_update(c, app_param(c, "id"),
	    &in, f), f);
}

static void
tax_group_archive(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	tax_group_changed(c, books_tax_group_archive(c, app_param(c, "id"), 1),
	    cJSON_CreateObject());
}

static void
tax_group_unarchive(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	tax_group_changed(c, books_tax_group_archive(c, app_param(c, "id"), 0),
	    cJSON_CreateObject());
}

/* ---- book settings ---- */

static cJSON *
settings_json(ctx *c)
{
	static const char *const keys[] = { "tax_rounding",
	    "#year_start_month", NULL };
	return one(c, query_rows(c, "SELECT tax_rounding, year_start_month "
	    "FROM books_settings", 0, NULL, keys));
}

static void
settings_page(ctx *c, int status, cJSON *fields)
{
	cJSON *d = settings_json(c);
	if (d == NULL || c->api) {
		if (d)
			app_render(c, status, NULL, NULL, d);
		return;
	}
	static const char *const keep[] = { "tax_rounding", "year_start_month",
	    NULL };
	const char *dflt[2] = { cJSON_GetObjectItem(d,
	    "tax_rounding")->valuestring, cJSON_GetObjectItem(d,
	    "year_start_month")->valuestring };
	form_data(c, d, keep, dflt, fields);
	app_render(c, status, "books_settings.cs", "Book settings", d);
}

static void
settings(ctx *c)
{
	settings_page(c, 200, NULL);
}

static void
settings_save(ctx *c)
{
	if (field_known(c, "tax_rounding year_start_month") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	int rc = books_settings_save(c, arg(c, "tax_rounding"), arg(c,
	    "year_start_month"), f);
	if (rc != BOOKS_OK) {
		refused(c, rc, f, settings_page);
		return;
	}
	cJSON_Delete(f);
	done(c, 200, settings_json(c), NULL, "/app/books/settings");
}

static const route routes[] = {
	{ "GET", "~/accounts", accounts, 0, "ledger.read" },
	{ "POST", "~/accounts", account_create, 0, "ledger.manage" },
	{ "GET", "~/accounts/{id}", account, 0, "ledger.read" },
	{ "POST", "~/accounts/{id}", account_update, 0, "ledger.manage" },
	{ "POST", "~/accounts/{id}/archive", account_archive, 0,
	    "ledger.manage" },
	{ "POST", "~/accounts/{id}/unarchive", account_unarchive, 0,
	    "ledger.manage" },
	{ "GET", "~/years", years, 0, "ledger.read" },
	{ "POST", "~/years", year_open, 0, "ledger.manage" },
	{ "POST", "~/years/{id}/close", year_close, 0, "ledger.manage" },
	{ "POST", "~/periods/{id}/close", period_close, 0, "ledger.manage" },
	{ "POST", "~/periods/{id}/reopen", period_reopen, 0, "ledger.manage" },
	{ "GET", "~/currencies", currencies, 0, "ledger.read" },
	{ "POST", "~/exchange-rates", rate_save, 0, "ledger.manage" },
	{ "POST", "~/exchange-rates/{currency}/{date}/delete", rate_delete, 0,
	    "ledger.manage" },
	{ "GET", "~/tax-rates", tax_rates, 0, "ledger.read" },
	{ "POST", "~/tax-rates", tax_rate_create, 0, "ledger.manage" },
	{ "GET", "~/tax-groups", tax_groups, 0, "ledger.read" },
	{ "POST", "~/tax-groups", tax_group_create, 0, "ledger.manage" },
	{ "GET", "~/tax-groups/{id}", tax_group, 0, "ledger.read" },
	{ "POST", "~/tax-groups/{id}", tax_group_update, 0, "ledger.manage" },
	{ "POST", "~/tax-groups/{id}/archive", tax_group_archive, 0,
	    "ledger.manage" },
	{ "POST", "~/tax-groups/{id}/unarchive", tax_group_unarchive, 0,
	    "ledger.manage" },
	{ "GET", "~/books/settings", settings, 0, "ledger.read" },
	{ "POST", "~/books/settings", settings_save, 0, "ledger.manage" },
};

int
main(void)
{
	return serve_main("accounts", routes, sizeof(routes) / sizeof(routes[0]));
}
