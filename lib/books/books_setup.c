/* books_setup.c: the chart of accounts, years and periods, exchange
 * rates, tax rates and groups, and the book settings of a tenant. */
#include "books/books_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/audit.h"
#include "books/ledger.h"
#include "base/money.h"
#include "books/tax.h"
#include "web/field.h"
#include "web/query.h"
int
books_rate_ok(const char *text)
{
	if (!api_matches("^[0-9]{1,14}(\\.[0-9]{1,10})?$", text))
		return 0;
	return strspn(text, "0.") < strlen(text);	/* not zero */
}

#define ACCOUNT_CODE_RE "^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$"
#define TAX_CODE_RE "^[A-Za-z0-9_.-]{1,20}$"

/* name_check: a name of 1 to max characters (input is valid UTF-8). */
static void
name_check(cJSON *fields, const char *field, const char *name, size_t max)
{
	size_t chars = 0;
	for (const char *s = name ? name : ""; *s; s++)
		chars += ((unsigned char)*s & 0xC0) != 0x80;
	if (chars == 0 || chars > max)
		api_field(fields, field, max == 200 ? "a name of 1 to 200 "
		    "characters" : "a name of 1 to 100 characters");
}

/* ---- database ---- */

/* mark: the savepoint a change returns to when the database refuses it;
 * undo: back to it, BOOKS_INVALID (or BOOKS_ERROR when that fails). */
static int
mark(struct ctx *c)
{
	return query_run(c, NULL, "SAVEPOINT books_change", 0, NULL);
}

static int
undo(struct ctx *c)
{
	return query_run(c, NULL, "ROLLBACK TO SAVEPOINT books_change", 0, NULL) < 0 ?
	    BOOKS_ERROR : BOOKS_INVALID;
}

/* settle: the result for a statement that failed with r.  A refusal by
 * a rule (22xxx, 23xxx, or an exception a function raised) is undone to
 * the savepoint, its message put under field; no_data_found is
 * BOOKS_NOT_FOUND; anything else is an error with the response set. */
static int
settle(struct ctx *c, const db_res *r, const char *field, cJSON *fields)
{
	const char *st = r->sqlstate;
	if (strcmp(st, "P0002") == 0)
		return BOOKS_NOT_FOUND;
	if (strncmp(st, "22", 2) == 0 || strncmp(st, "23", 2) == 0 ||
	    strcmp(st, "P0001") == 0) {
		api_field(fields, field, r->error ? r->error : "refused");
		return undo(c);
	}
	app_db_error(c, r);
	return BOOKS_ERROR;
}

/* attempt: a changing statement after mark(); BOOKS_OK with r filled, or
 * settle's answer. */
static int
attempt(struct ctx *c, db_res *r, const char *sql, int n,
    const char *const *p, const char *field, cJSON *fields)
{
	if (db_exec(c->db, r, sql, n, p) == 0)
		return BOOKS_OK;
	int rc = settle(c, r, field, fields);
	db_res_clear(r);
	return rc;
}

/* insert: an INSERT ... RETURNING id after mark(); the new id into id,
 * or attempt's answer (a refusal under "code"). */
static int
insert(struct ctx *c, const char *sql, int n, const char *const *p,
    cJSON *fields, char id[BOOKS_ID_LEN])
{
	db_res r;
	int rc = attempt(c, &r, sql, n, p, "code", fields);
	if (rc != BOOKS_OK)
		return rc;
	snprintf(id, BOOKS_ID_LEN, "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	return BOOKS_OK;
}

/* ledger_settled: settle for a lib/ledger call that failed with err */
static int
ledger_settled(struct ctx *c, db_res *err, const char *field, cJSON *fields)
{
	int rc = settle(c, err, field, fields);
	db_res_clear(err);
	return rc;
}

/* state: the one row of sql (param id) as an object of query_rows' keys.
 * NULL with *rc BOOKS_NOT_FOUND when there is no such row, or
 * BOOKS_ERROR. */
static cJSON *
state(struct ctx *c, const char *sql, const char *id,
    const char *const *keys, int *rc)
{
	const char *p[1] = { id };
	cJSON *rows = query_rows(c, sql, 1, p, keys);
	*rc = rows == NULL ? BOOKS_ERROR : cJSON_GetArraySize(rows) == 1 ?
	    BOOKS_OK : BOOKS_NOT_FOUND;
	cJSON *s = *rc == BOOKS_OK ? cJSON_DetachItemFromArray(rows, 0) : NULL;
	cJSON_Delete(rows);
	return s;
}

/* audited: records the change and frees both states */
static int
audited(struct ctx *c, const char *action, const char *type, const char *id,
    cJSON *before, cJSON *after)
{
	int rc = audit_record(c, action, type, id, before, after);
	cJSON_Delete(before);
	cJSON_Delete(after);
	return rc < 0 ? BOOKS_ERROR : BOOKS_OK;
}

/* invalid: BOOKS_INVALID when fields holds a reason, else BOOKS_OK */
static int
invalid(const cJSON *fields)
{
	return cJSON_GetArraySize(fields) > 0 ? BOOKS_INVALID : BOOKS_OK;
}

/* ---- accounts ---- */

static const char *const account_keys[] = { "code", "name", "type",
    "parent", "?is_group", "?archived", "role", NULL };
static const char account_sql[] = "SELECT a.code, a.name, a.type, p.code, "
    "a.is_group, a.archived, a.role FROM accounts a LEFT JOIN accounts p ON "
    "p.tenant_id = a.tenant_id AND p.id = a.parent_id WHERE a.id = $1 FOR "
    "UPDATE OF a";

static cJSON *
account_state(struct ctx *c, const char *id, int *rc)
{
	if (!api_uuid_ok(id)) {
		*rc = BOOKS_NOT_FOUND;
		return NULL;
	}
	return state(c, account_sql, id, account_keys, rc);
}

static int
type_ok(const char *type)
{
	static const char *const types[] = { "asset", "liability", "equity",
	    "income", "expense", NULL };
	for (int i = 0; type && types[i]; i++)
		if (strcmp(type, types[i]) == 0)
			return 1;
	return 0;
}

/* An account found by its code. */
typedef struct found {
	int exists, group, archived;
	char id[BOOKS_ID_LEN], type[16];
} found;

/* by_code: the account with code into f (f->exists 0 when none); 0, or
 * -1 on error. */
static int
by_code(struct ctx *c, const char *code, found *f)
{
	db_res r;
	const char *p[1] = { code };
	memset(f, 0, sizeof(*f));
	if (query_run(c, &r, "SELECT id, type, is_group, archived FROM accounts "
	    "WHERE code = $1", 1, p) < 0)
		return -1;
	if (r.rows == 1) {
		f->exists = 1;
		snprintf(f->id, sizeof(f->id), "%s", db_text(&r, 0, 0));
		snprintf(f->type, sizeof(f->type), "%s", db_text(&r, 0, 1));
		db_bool(&r, 0, 2, &f->group);
		db_bool(&r, 0, 3, &f->archived);
	}
	db_res_clear(&r);
	return 0;
}

/* parent_group: the group with code, to hold an account of type (NULL:
 * any) other than self (NULL: none), into g.  0 when it may; 1 with the
 * reason under "parent"; -1 on error. */
static int
parent_group(struct ctx *c, const char *code, const char *type,
    const char *self, found *g, cJSON *fields)
{
	if (by_code(c, code, g) < 0)
		return -1;
	const char *why = NULL;
	if (!g->exists)
		why = arena_printf(c->a, "no account has the code %s", code);
	else if (self && strcmp(g->id, self) == 0)
		why = "an account cannot go under itself";
	else if (!g->group)
		why = arena_printf(c->a, "%s is not a group", code);
	else if (g->archived)
		why = arena_printf(c->a, "the group %s is archived", code);
	else if (type && strcmp(type, g->type) != 0)
		why = arena_printf(c->a, "%s is a group of %s accounts; an "
		    "account of type %s goes under a group of its own type",
		    code, g->type, type);
	if (why)
		api_field(fields, "parent", why);
	return why ? 1 : 0;
}

/* taken: 1 when sql (param value) finds a row, 0 when not, -1 on error */
static int
taken(struct ctx *c, const char *sql, const char *value)
{
	db_res r;
	const char *p[1] = { value };
	if (query_run(c, &r, sql, 1, p) < 0)
		return -1;
	int any = r.rows > 0;
	db_res_clear(&r);
	return any;
}

int
books_account_create(struct ctx *c, const books_account_in *in,
    cJSON *fields, char id[BOOKS_ID_LEN])
{
	const char *code = in->code ? in->code : "";
	const char *type = in->type && *in->type ? in->type : NULL;
	int code_ok = api_matches(ACCOUNT_CODE_RE, code), is_group = 0;
	if (!code_ok)
		api_field(fields, "code", "1 to 20 letters, digits, '.' or '-', "
		    "starting with a letter or a digit");
	name_check(fields, "name", in->name, 200);
	if (type && !type_ok(type))
		api_field(fields, "type", "one of asset, liability, equity, "
		    "income, expense");
	if (field_flag(in->is_group, &is_group) < 0)
		api_field(fields, "is_group", "yes or no (true or false)");
	found g = {0};
	if (in->parent && *in->parent) {
		int rc = parent_group(c, in->parent, type_ok(type) ? type :
		    NULL, NULL, &g, fields);
		if (rc < 0)
			return BOOKS_ERROR;
		if (rc == 0 && type == NULL)
			type = arena_strdup(c->a, g.type);
	} else if (type == NULL)
		api_field(fields, "type", "choose the account's type");
	if (code_ok) {
		int t = taken(c, "SELECT 1 FROM accounts WHERE code = $1", code);
		if (t < 0)
			return BOOKS_ERROR;
		if (t)
			api_field(fields, "code", "an account with this code "
			    "exists");
	}
	if (invalid(fields))
		return BOOKS_INVALID;
	if (mark(c) < 0)
		return BOOKS_ERROR;
	const char *p[6] = { c->tenant_id, code, in->name, type, g.id,
	    is_group ? "true" : "false" };
	int rc = insert(c, "INSERT INTO accounts (tenant_id, code, name, type, "
	    "parent_id, is_group) VALUES ($1, $2, $3, $4, nullif($5, '')::uuid, "
	    "$6::boolean) RETURNING id", 6, p, fields, id);
	if (rc != BOOKS_OK)
		return rc;
	cJSON *after = account_state(c, id, &rc);
	if (after == NULL)
		return BOOKS_ERROR;
	return audited(c, "account.created", "account", id, NULL, after);
}

int
books_account_update(struct ctx *c, const char *id, const char *name,
    const char *parent, cJSON *fields)
{
	int rc;
	cJSON *before = account_state(c, id, &rc);
	if (before == NULL)
		return rc;
	if (name)
		name_check(fields, "name", name, 200);
	found g = {0};
	if (parent && *parent &&
	    parent_group(c, parent, cJSON_GetObjectItem(before,
	    "type")->valuestring, id, &g, fields) < 0) {
		cJSON_Delete(before);
		return BOOKS_ERROR;
	}
	rc = invalid(fields);
	if (rc == BOOKS_OK && mark(c) < 0)
		rc = BOOKS_ERROR;
	if (rc != BOOKS_OK) {
		cJSON_Delete(before);
		return rc;
	}
	db_res r;
	const char *p[4] = { id, name, parent ? "true" : "false", g.id };
	rc = attempt(c, &r, "UPDATE accounts SET name = coalesce($2, name), "
	    "parent_id = CASE WHEN $3::boolean THEN nullif($4, '')::uuid ELSE "
	    "parent_id END WHERE id = $1", 4, p, "parent", fields);
	if (rc != BOOKS_OK) {
		cJSON_Delete(before);
		return rc;
	}
	db_res_clear(&r);
	cJSON *after = account_state(c, id, &rc);
	if (after == NULL) {
		cJSON_Delete(before);
		return BOOKS_ERROR;
	}
	return audited(c, "account.updated", "account", id, before, after);
}

/* archive_refusal: why the account (id, in state s) cannot become
 * archived (or unarchived), or NULL; *err -1 on a failed query. */
static const char *
archive_refusal(struct ctx *c, const char *id, const cJSON *s, int archived,
    int *err)
{
	const cJSON *role = cJSON_GetObjectItem(s, "role");
	const cJSON *parent = cJSON_GetObjectItem(s, "parent");
	int t = 0;
	*err = 0;
	if (archived && cJSON_IsString(role))
		return arena_printf(c->a, "Bursar posts to this account as @%s; "
		    "it stays open", role->valuestring);
	if (archived && cJSON_IsTrue(cJSON_GetObjectItem(s, "is_group")))
		t = taken(c, "SELECT 1 FROM accounts WHERE parent_id = $1 AND "
		    "NOT archived", id);
	else if (!archived && cJSON_IsString(parent))
		t = taken(c, "SELECT 1 FROM accounts WHERE code = $1 AND "
		    "archived", parent->valuestring);
	if (t < 0)
		*err = -1;
	if (t <= 0)
		return NULL;
	return archived ? "archive the accounts under this group first" :
	    arena_printf(c->a, "its group %s is archived: unarchive the group "
	    "first", parent->valuestring);
}

int
books_account_archive(struct ctx *c, const char *id, int archived,
    cJSON *fields)
{
	int rc, err;
	cJSON *before = account_state(c, id, &rc);
	if (before == NULL)
		return rc;
	if (cJSON_IsTrue(cJSON_GetObjectItem(before, "archived")) == archived) {
		cJSON_Delete(before);
		return BOOKS_OK;	/* already so */
	}
	const char *why = archive_refusal(c, id, before, archived, &err);
	if (why || err < 0) {
		cJSON_Delete(before);
		if (err < 0)
			return BOOKS_ERROR;
		api_field(fields, "archived", why);
		return BOOKS_INVALID;
	}
	const char *p[2] = { id, archived ? "true" : "false" };
	cJSON *after = NULL;
	if (query_run(c, NULL, "UPDATE accounts SET archived = $2::boolean WHERE id = "
	    "$1", 2, p) < 0 || (after = account_state(c, id, &rc)) == NULL) {
		cJSON_Delete(before);
		return BOOKS_ERROR;
	}
	return audited(c, archived ? "account.archived" : "account.unarchived",
	    "account", id, before, after);
}

/* ---- years and periods ---- */

static const char *const year_keys[] = { "name", "start_date", "end_date",
    "?closed", "closing_entry_id", NULL };
static const char year_sql[] = "SELECT name, start_date::text, "
    "end_date::text, closed, closing_entry_id FROM fiscal_years WHERE id = "
    "$1";

int
books_year_open(struct ctx *c, const char *start, cJSON *fields,
    char id[BOOKS_ID_LEN])
{
	if (!field_date_ok(start) || strcmp(start + 8, "01") != 0) {
		api_field(fields, "start", "the first day of a month, as "
		    "YYYY-MM-01");
		return BOOKS_INVALID;
	}
	if (mark(c) < 0)
		return BOOKS_ERROR;
	db_res err;
	if (ledger_open_year(c->db, start, id, &err) < 0)
		return ledger_settled(c, &err, "start", fields);
	int rc;
	cJSON *after = state(c, year_sql, id, year_keys, &rc);
	if (after == NULL)
		return BOOKS_ERROR;
	return audited(c, "year.opened", "fiscal_year", id, NULL, after);
}

int
books_year_close(struct ctx *c, const char *year_id, cJSON *fields,
    char entry[BOOKS_ID_LEN])
{
	int rc;
	if (!api_uuid_ok(year_id))
		return BOOKS_NOT_FOUND;
	cJSON *before = state(c, year_sql, year_id, year_keys, &rc);
	if (before == NULL)
		return rc;
	if (mark(c) < 0) {
		cJSON_Delete(before);
		return BOOKS_ERROR;
	}
	/* the closing entry is dated on the last day: its period opens for
	 * it, and closes with the year in this same transaction */
	const char *p[1] = { year_id };
	db_res r, err;
	rc = attempt(c, &r, "UPDATE periods p SET closed = false FROM "
	    "fiscal_years y WHERE y.id = $1 AND p.year_id = y.id AND p.end_date "
	    "= y.end_date AND p.closed AND NOT y.closed", 1, p, "year", fields);
	if (rc == BOOKS_OK) {
		db_res_clear(&r);
		if (ledger_close_year(c->db, c->user_id, year_id, entry,
		    &err) < 0)
			rc = ledger_settled(c, &err, "year", fields);
	}
	cJSON *after = rc == BOOKS_OK ? state(c, year_sql, year_id, year_keys,
	    &rc) : NULL;
	if (after == NULL) {	/* rc says why */
		cJSON_Delete(before);
		return rc;
	}
	return audited(c, "year.closed", "fiscal_year", year_id, before, after);
}

int
books_period_set(struct ctx *c, const char *period_id, int closed,
    cJSON *fields)
{
	static const char *const keys[] = { "name", "year", "?closed", NULL };
	static const char sql[] = "SELECT p.name, y.name, p.closed FROM "
	    "periods p JOIN fiscal_years y ON y.tenant_id = p.tenant_id AND "
	    "y.id = p.year_id WHERE p.id = $1";
	int rc;
	if (!api_uuid_ok(period_id))
		return BOOKS_NOT_FOUND;
	cJSON *before = state(c, sql, period_id, keys, &rc);
	if (before == NULL)
		return rc;
	db_res err;
	if (mark(c) < 0) {
		cJSON_Delete(before);
		return BOOKS_ERROR;
	}
	if (ledger_set_period(c->db, period_id, closed, &err) < 0) {
		cJSON_Delete(before);
		return ledger_settled(c, &err, "period", fields);
	}
	cJSON *after = state(c, sql, period_id, keys, &rc);
	if (after == NULL) {
		cJSON_Delete(before);
		return BOOKS_ERROR;
	}
	return audited(c, closed ? "period.closed" : "period.reopened",
	    "period", period_id, before, after);
}

/* ---- exchange rates ---- */

static cJSON *
rate_state(const char *currency, const char *date, const char *rate)
{
	cJSON *s = cJSON_CreateObject();
	cJSON_AddStringToObject(s, "currency", currency);
	cJSON_AddStringToObject(s, "date", date);
	cJSON_AddStringToObject(s, "rate", rate);
	return s;
}

/* currency_check: the currency exists and is not the base currency */
static int
currency_check(struct ctx *c, const char *currency, cJSON *fields)
{
	db_res r;
	const char *p[1] = { currency };
	if (!api_matches("^[A-Z]{3}$", currency)) {
		api_field(fields, "currency", "a currency code such as USD");
		return 0;
	}
	if (query_run(c, &r, "SELECT code = (SELECT base_currency FROM tenants "
	    "WHERE id = bursar_tenant()) FROM currencies WHERE code = $1", 1,
	    p) < 0)
		return -1;
	int base = 0;
	if (r.rows != 1)
		api_field(fields, "currency", "not a currency Bursar knows");
	else if (db_bool(&r, 0, 0, &base) == 0 && base)
		api_field(fields, "currency", "the base currency needs no rate");
	db_res_clear(&r);
	return 0;
}

int
books_rate_save(struct ctx *c, const char *currency, const char *date,
    const char *rate, cJSON *fields, int *created)
{
	if (currency_check(c, currency, fields) < 0)
		return BOOKS_ERROR;
	if (!field_date_ok(date))
		api_field(fields, "date", "a date, as YYYY-MM-DD");
	if (!books_rate_ok(rate))
		api_field(fields, "rate", "units of the base currency for one "
		    "unit: a positive decimal with at most 10 decimals, such as "
		    "83.1234");
	if (invalid(fields))
		return BOOKS_INVALID;
	db_res r;
	const char *p[4] = { c->tenant_id, currency, date, rate };
	if (mark(c) < 0 || query_run(c, &r, "SELECT trim_scale(rate)::text FROM "
	    "exchange_rates WHERE currency = $1 AND rate_date = $2::date FOR "
	    "UPDATE", 2, p + 1) < 0)
		return BOOKS_ERROR;
	cJSON *before = r.rows ? rate_state(currency, date, db_text(&r, 0, 0))
	    : NULL;
	db_res_clear(&r);
	*created = before == NULL;
	int rc = attempt(c, &r, "INSERT INTO exchange_rates (tenant_id, "
	    "currency, rate_date, rate) VALUES ($1, $2, $3::date, $4::numeric) "
	    "ON CONFLICT (tenant_id, currency, rate_date) DO UPDATE SET rate = "
	    "EXCLUDED.rate RETURNING trim_scale(rate)::text", 4, p, "rate",
	    fields);
	if (rc != BOOKS_OK) {
		cJSON_Delete(before);
		return rc;
	}
	cJSON *after = rate_state(currency, date, db_text(&r, 0, 0));
	db_res_clear(&r);
	return audited(c, "exchange_rate.saved", "exchange_rate",
	    arena_printf(c->a, "%s/%s", currency, date), before, after);
}

int
books_rate_delete(struct ctx *c, const char *currency, const char *date)
{
	if (!api_matches("^[A-Z]{3}$", currency) || !field_date_ok(date))
		return BOOKS_NOT_FOUND;
	db_res r;
	const char *p[2] = { currency, date };
	if (query_run(c, &r, "DELETE FROM exchange_rates WHERE currency = $1 AND "
	    "rate_date = $2::date RETURNING trim_scale(rate)::text", 2, p) < 0)
		return BOOKS_ERROR;
	if (r.rows == 0) {
		db_res_clear(&r);
		return BOOKS_NOT_FOUND;
	}
	cJSON *before = rate_state(currency, date, db_text(&r, 0, 0));
	db_res_clear(&r);
	return audited(c, "exchange_rate.deleted", "exchange_rate",
	    arena_printf(c->a, "%s/%s", currency, date), before, NULL);
}

/* ---- tax ---- */

/* tax_account: the postable balance-sheet account with code, its id into
 * id, or the reason under field.  0, or -1 on error. */
static int
tax_account(struct ctx *c, const char *code, const char *field,
    char id[BOOKS_ID_LEN], cJSON *fields)
{
	found a;
	if (code == NULL || *code == '\0') {
		api_field(fields, field, "the code of an account");
		return 0;
	}
	if (by_code(c, code, &a) < 0)
		return -1;
	if (!a.exists)
		api_field(fields, field, arena_printf(c->a, "no account has the "
		    "code %s", code));
	else if (a.group)
		api_field(fields, field, arena_printf(c->a, "%s is a group: "
		    "choose an account under it", code));
	else if (a.archived)
		api_field(fields, field, arena_printf(c->a, "%s is archived",
		    code));
	else if (strcmp(a.type, "asset") != 0 && strcmp(a.type, "liability") != 0)
		api_field(fields, field, arena_printf(c->a, "%s is an %s "
		    "account; tax goes to an asset or a liability", code, a.type));
	else
		snprintf(id, BOOKS_ID_LEN, "%s", a.id);
	return 0;
}

static const char *const tax_rate_keys[] = { "code", "name", "#rate_ppm",
    "valid_from", "valid_to", "sales_account", "purchase_account", NULL };
static const char tax_rate_sql[] = "SELECT r.code, r.name, r.rate_ppm, "
    "r.valid_from::text, r.valid_to::text, sa.code, pa.code FROM tax_rates "
    "r JOIN accounts sa ON sa.tenant_id = r.tenant_id AND sa.id = "
    "r.sales_account_id JOIN accounts pa ON pa.tenant_id = r.tenant_id AND "
    "pa.id = r.purchase_account_id WHERE r.id = $1";

/* tax_rate_check: every field of in; the rate into *ppm, the accounts'
 * ids into sa and pa.  0, or -1 on error. */
static int
tax_rate_check(struct ctx *c, const books_tax_rate_in *in, int64_t *ppm,
    char sa[BOOKS_ID_LEN], char pa[BOOKS_ID_LEN], cJSON *fields)
{
	if (!api_matches(TAX_CODE_RE, in->code))
		api_field(fields, "code", "1 to 20 letters, digits, '_', '.' "
		    "or '-'");
	name_check(fields, "name", in->name, 100);
	if (money_percent_ppm(in->rate, ppm) < 0)
		api_field(fields, "rate", "a percentage from 0 to 1000 with at "
		    "most 4 decimals, such as 9 or 2.5");
	if (!field_date_ok(in->valid_from))
		api_field(fields, "valid_from", "a date, as YYYY-MM-DD");
	if (in->valid_to && !field_date_ok(in->valid_to))
		api_field(fields, "valid_to", "a date, as YYYY-MM-DD, or empty");
	else if (in->valid_to && strcmp(in->valid_to, in->valid_from) < 0)
		api_field(fields, "valid_to", "on or after the first day");
	if (tax_account(c, in->sales_account, "sales_account", sa, fields) < 0 ||
	    tax_account(c, in->purchase_account, "purchase_account", pa,
	    fields) < 0)
		return -1;
	return 0;
}

/* tax_rate_end: ends the open-ended version of code that starts before
 * from on the day before it; its id into ended ("" when none). */
static int
tax_rate_end(struct ctx *c, const char *code, const char *from,
    char ended[BOOKS_ID_LEN])
{
	db_res r;
	const char *p[2] = { code, from };
	if (query_run(c, &r, "UPDATE tax_rates SET valid_to = $2::date - 1 WHERE "
	    "code = $1 AND valid_to IS NULL AND valid_from < $2::date "
	    "RETURNING id", 2, p) < 0)
		return -1;
	snprintf(ended, BOOKS_ID_LEN, "%s", r.rows ? db_text(&r, 0, 0) : "");
	db_res_clear(&r);
	return 0;
}

/* tax_rate_overlap: the reason a version of code from..to (NULL: open)
 * overlaps another, or NULL; -1 in *err on error. */
static const char *
tax_rate_overlap(struct ctx *c, const char *code, const char *from,
    const char *to, int *err)
{
	db_res r;
	const char *p[3] = { code, from, to };
	*err = query_run(c, &r, "SELECT valid_from::text, valid_to::text FROM "
	    "tax_rates WHERE code = $1 AND valid_from <= coalesce($3::date, "
	    "'infinity') AND coalesce(valid_to, 'infinity') >= $2::date ORDER "
	    "BY valid_from LIMIT 1", 3, p);
	if (*err < 0 || r.rows == 0) {
		if (*err == 0)
			db_res_clear(&r);
		return NULL;
	}
	const char *why = db_isnull(&r, 0, 1) ? arena_printf(c->a, "the "
	    "version of %s from %s on overlaps these dates", code,
	    db_text(&r, 0, 0)) : arena_printf(c->a, "the version of %s from "
	    "%s to %s overlaps these dates", code, db_text(&r, 0, 0),
	    db_text(&r, 0, 1));
	db_res_clear(&r);
	return why;
}

int
books_tax_rate_create(struct ctx *c, const books_tax_rate_in *in,
    cJSON *fields, char id[BOOKS_ID_LEN])
{
	books_tax_rate_in t = *in;
	if (t.valid_from == NULL || *t.valid_from == '\0')
		t.valid_from = "2000-01-01";	/* since always */
	if (t.valid_to && *t.valid_to == '\0')
		t.valid_to = NULL;
	int64_t ppm = 0;
	char sa[BOOKS_ID_LEN] = "", pa[BOOKS_ID_LEN] = "", ended[BOOKS_ID_LEN];
	if (tax_rate_check(c, &t, &ppm, sa, pa, fields) < 0)
		return BOOKS_ERROR;
	if (invalid(fields))
		return BOOKS_INVALID;
	int err, rc;
	if (mark(c) < 0 || tax_rate_end(c, t.code, t.valid_from, ended) < 0)
		return BOOKS_ERROR;
	const char *why = tax_rate_overlap(c, t.code, t.valid_from, t.valid_to,
	    &err);
	if (err < 0)
		return BOOKS_ERROR;
	if (why) {
		api_field(fields, "valid_from", why);
		return undo(c);
	}
	const char *ppm_text = arena_printf(c->a, "%lld", (long long)ppm);
	const char *p[8] = { c->tenant_id, t.code, t.name, ppm_text,
	    t.valid_from, t.valid_to, sa, pa };
	rc = insert(c, "INSERT INTO tax_rates (tenant_id, code, name, "
	    "rate_ppm, valid_from, valid_to, sales_account_id, "
	    "purchase_account_id) VALUES ($1, $2, $3, $4::bigint, $5::date, "
	    "$6::date, $7::uuid, $8::uuid) RETURNING id", 8, p, fields, id);
	if (rc != BOOKS_OK)
		return rc;
	if (ended[0]) {
		cJSON *before = cJSON_CreateObject();
		cJSON_AddNullToObject(before, "valid_to");
		cJSON *after = state(c, tax_rate_sql, ended, tax_rate_keys, &rc);
		if (after == NULL || audited(c, "tax_rate.ended", "tax_rate",
		    ended, before, after) != BOOKS_OK) {
			if (after == NULL)
				cJSON_Delete(before);
			return BOOKS_ERROR;
		}
	}
	cJSON *after = state(c, tax_rate_sql, id, tax_rate_keys, &rc);
	if (after == NULL)
		return BOOKS_ERROR;
	return audited(c, "tax_rate.created", "tax_rate", id, NULL, after);
}

/* components: the comma list split into codes (in the arena), checked:
 * one to four, each a known rate code, none twice.  The count, or -1 on
 * error. */
static int
components(struct ctx *c, const char *list, const char *codes[4],
    cJSON *fields)
{
	int n = 0, over = 0;
	char *copy = arena_strdup(c->a, list ? list : "");
	for (char *save = NULL, *s = strtok_r(copy, ",", &save); s;
	    s = strtok_r(NULL, ",", &save)) {
		s += strspn(s, " ");
		size_t len = strlen(s);
		while (len > 0 && s[len - 1] == ' ')
			s[--len] = '\0';
		if (len == 0)
			continue;
		if (n == 4) {
			over = 1;
			break;
		}
		for (int i = 0; i < n; i++)
			if (strcmp(codes[i], s) == 0)
				api_field(fields, "components", arena_printf(c->a,
				    "%s appears twice", s));
		codes[n++] = s;
	}
	if (n == 0 || over) {
		api_field(fields, "components", "one to four tax rate codes, in "
		    "order, separated by commas");
		return n;
	}
	for (int i = 0; i < n; i++) {
		int t = taken(c, "SELECT 1 FROM tax_rates WHERE code = $1",
		    codes[i]);
		if (t < 0)
			return -1;
		if (t == 0)
			api_field(fields, "components", arena_printf(c->a, "no "
			    "tax rate has the code %s", codes[i]));
	}
	return n;
}

int
books_tax_group_create(struct ctx *c, const books_tax_group_in *in,
    cJSON *fields, char id[BOOKS_ID_LEN])
{
	int inclusive = 0;
	const char *codes[4];
	if (!api_matches(TAX_CODE_RE, in->code))
		api_field(fields, "code", "1 to 20 letters, digits, '_', '.' "
		    "or '-'");
	else {
		int t = taken(c, "SELECT 1 FROM tax_groups WHERE code = $1",
		    in->code);
		if (t < 0)
			return BOOKS_ERROR;
		if (t)
			api_field(fields, "code", "a tax group with this code "
			    "exists");
	}
	name_check(fields, "name", in->name, 100);
	if (field_flag(in->inclusive, &inclusive) < 0)
		api_field(fields, "inclusive", "yes or no (true or false)");
	int n = components(c, in->components, codes, fields);
	if (n < 0)
		return BOOKS_ERROR;
	if (invalid(fields))
		return BOOKS_INVALID;
	buf arr = BUF_INIT(1024);
	const char *p[4] = { c->tenant_id, in->code, in->name,
	    inclusive ? "true" : "false" };
	if (db_array(&arr, codes, (size_t)n) < 0 || mark(c) < 0) {
		buf_free(&arr);
		if (c->resp.status < 400)
			app_error(c, 500, "internal", "an internal error "
			    "occurred", NULL);
		return BOOKS_ERROR;
	}
	int rc = insert(c, "INSERT INTO tax_groups (tenant_id, code, name, "
	    "inclusive) VALUES ($1, $2, $3, $4::boolean) RETURNING id", 4, p,
	    fields, id);
	if (rc == BOOKS_OK) {
		const char *q[3] = { c->tenant_id, id, buf_str(&arr) };
		if (query_run(c, NULL, "INSERT INTO tax_group_components (tenant_id, "
		    "group_id, position, rate_code) SELECT $1, $2, o, x FROM "
		    "unnest($3::text[]) WITH ORDINALITY AS u(x, o)", 3, q) < 0)
			rc = BOOKS_ERROR;
	}
	buf_free(&arr);
	if (rc != BOOKS_OK)
		return rc;
	cJSON *after = cJSON_CreateObject();
	cJSON_AddStringToObject(after, "code", in->code);
	cJSON_AddStringToObject(after, "name", in->name);
	cJSON_AddBoolToObject(after, "inclusive", inclusive);
	cJSON_AddItemToObject(after, "components",
	    cJSON_CreateStringArray(codes, n));
	return audited(c, "tax_group.created", "tax_group", id, NULL, after);
}

static const char *const tax_group_keys[] = { "code", "name",
    "?inclusive", "?archived", "components", NULL };
static const char tax_group_sql[] = "SELECT g.code, g.name, g.inclusive, "
    "g.archived, (SELECT string_agg(k.rate_code, ', ' ORDER BY k.position) "
    "FROM tax_group_components k WHERE k.tenant_id = g.tenant_id AND "
    "k.group_id = g.id) FROM tax_groups g WHERE g.id = $1 FOR UPDATE OF g";

/* tax_group_state: the group with id as it stands (locked), or NULL with
 * *rc BOOKS_NOT_FOUND or BOOKS_ERROR */
static cJSON *
tax_group_state(struct ctx *c, const char *id, int *rc)
{
	if (!api_uuid_ok(id)) {
		*rc = BOOKS_NOT_FOUND;
		return NULL;
	}
	return state(c, tax_group_sql, id, tax_group_keys, rc);
}

int
books_tax_group_update(struct ctx *c, const char *id,
    const books_tax_group_in *in, cJSON *fields)
{
	int rc, inclusive = 0, n = 0;
	const char *codes[4];
	cJSON *before = tax_group_state(c, id, &rc);
	if (before == NULL)
		return rc;
	if (in->name)
		name_check(fields, "name", in->name, 100);
	if (in->inclusive && field_flag(in->inclusive, &inclusive) < 0)
		api_field(fields, "inclusive", "yes or no (true or false)");
	if (in->components && (n = components(c, in->components, codes,
	    fields)) < 0) {
		cJSON_Delete(before);
		return BOOKS_ERROR;
	}
	rc = invalid(fields);
	buf arr = BUF_INIT(1024);
	if (rc == BOOKS_OK && ((in->components && db_array(&arr, codes,
	    (size_t)n) < 0) || mark(c) < 0)) {
		if (c->resp.status < 400)
			app_error(c, 500, "internal", "an internal error "
			    "occurred", NULL);
		rc = BOOKS_ERROR;
	}
	const char *p[4] = { id, in->name, in->inclusive ? "true" : "false",
	    inclusive ? "true" : "false" };
	if (rc == BOOKS_OK && query_run(c, NULL, "UPDATE tax_groups SET name = "
	    "coalesce($2, name), inclusive = CASE WHEN $3::boolean THEN "
	    "$4::boolean ELSE inclusive END WHERE id = $1", 4, p) < 0)
		rc = BOOKS_ERROR;
	/* the components are replaced whole: the list typed is the group */
	const char *q[3] = { c->tenant_id, id, buf_str(&arr) };
	if (rc == BOOKS_OK && in->components && (query_run(c, NULL, "DELETE "
	    "FROM tax_group_components WHERE group_id = $1", 1, q + 1) < 0 ||
	    query_run(c, NULL, "INSERT INTO tax_group_components (tenant_id, "
	    "group_id, position, rate_code) SELECT $1, $2, o, x FROM "
	    "unnest($3::text[]) WITH ORDINALITY AS u(x, o)", 3, q) < 0))
		rc = BOOKS_ERROR;
	buf_free(&arr);
	cJSON *after = NULL;
	if (rc == BOOKS_OK && (after = tax_group_state(c, id, &rc)) == NULL)
		rc = BOOKS_ERROR;
	if (rc != BOOKS_OK) {
		cJSON_Delete(before);
		return rc;
	}
	return audited(c, "tax_group.updated", "tax_group", id, before, after);
}

int
books_tax_group_archive(struct ctx *c, const char *id, int archived)
{
	int rc;
	cJSON *before = tax_group_state(c, id, &rc);
	if (before == NULL)
		return rc;
	if (cJSON_IsTrue(cJSON_GetObjectItem(before, "archived")) == archived) {
		cJSON_Delete(before);
		return BOOKS_OK;	/* already so */
	}
	const char *p[2] = { id, archived ? "true" : "false" };
	cJSON *after = NULL;
	if (query_run(c, NULL, "UPDATE tax_groups SET archived = $2::boolean "
	    "WHERE id = $1", 2, p) < 0 || (after = tax_group_state(c, id,
	    &rc)) == NULL) {
		cJSON_Delete(before);
		return BOOKS_ERROR;
	}
	return audited(c, archived ? "tax_group.archived" :
	    "tax_group.unarchived", "tax_group", id, before, after);
}

/* ---- settings ---- */

int
books_settings_save(struct ctx *c, const char *tax_rounding,
    const char *year_start_month, cJSON *fields)
{
	static const char *const keys[] = { "tax_rounding",
	    "#year_start_month", NULL };
	static const char sql[] = "SELECT tax_rounding, year_start_month FROM "
	    "books_settings WHERE tenant_id = $1 FOR UPDATE";
	if (tax_rounding && strcmp(tax_rounding, "line") != 0 &&
	    strcmp(tax_rounding, "document") != 0)
		api_field(fields, "tax_rounding", "line or document");
	if (year_start_month && (!api_matches("^[0-9]{1,2}$",
	    year_start_month) || atoi(year_start_month) < 1 ||
	    atoi(year_start_month) > 12))
		api_field(fields, "year_start_month", "a month, from 1 to 12");
	if (invalid(fields))
		return BOOKS_INVALID;
	if (tax_rounding == NULL && year_start_month == NULL)
		return BOOKS_OK;	/* nothing to change */
	int rc;
	cJSON *before = state(c, sql, c->tenant_id, keys, &rc);
	if (before == NULL && rc == BOOKS_ERROR)
		return BOOKS_ERROR;
	const char *p[3] = { c->tenant_id, tax_rounding, year_start_month };
	cJSON *after = NULL;
	if (query_run(c, NULL, "INSERT INTO books_settings (tenant_id, tax_rounding, "
	    "year_start_month) VALUES ($1, coalesce($2, 'line'), "
	    "coalesce($3::smallint, 1)) ON CONFLICT (tenant_id) DO UPDATE SET "
	    "tax_rounding = coalesce($2, books_settings.tax_rounding), "
	    "year_start_month = coalesce($3::smallint, "
	    "books_settings.year_start_month)", 3, p) < 0 ||
	    (after = state(c, sql, c->tenant_id, keys, &rc)) == NULL) {
		cJSON_Delete(before);
		return BOOKS_ERROR;
	}
	return audited(c, "books_settings.changed", "books_settings",
	    c->tenant_id, before, after);
}
