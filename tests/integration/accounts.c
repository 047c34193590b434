/* accounts.c: integration tests of the accounts program over HTTP: the
 * chart of accounts, years and periods, exchange rates, tax rates and
 * groups, book settings; each route's refusals (422 with fields, 404 for
 * another business's ids, 403 without ledger.manage) and its audit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "db/db.h"
#include "kit.h"
#include "suites.h"
#include "web/reply.h"

/* call: a JSON POST that must answer want; its body parsed */
static cJSON *
call(const char *path, const char *token, const char *body, long want)
{
	reply r;
	long got = post_json(path, token, body, &r);
	ck_assert_msg(got == want, "POST %s %s: %ld %.2000s", path, body, got,
	    buf_str(&r.body));
	cJSON *j = body_json(&r);
	reply_free(&r);
	return j;
}

/* refused: a JSON POST that must answer 422 naming field */
static void
refused(const char *path, const char *token, const char *body,
    const char *field)
{
	cJSON *j = call(path, token, body, 422);
	cJSON *fields = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "error"),
	    "fields");
	ck_assert_msg(cJSON_HasObjectItem(fields, field), "%s %s: no field %s "
	    "in %s", path, body, field, cJSON_PrintUnformatted(fields));
	cJSON_Delete(j);
}

/* find: the item of array whose key is value */
static cJSON *
find(const cJSON *array, const char *key, const char *value)
{
	cJSON *o;
	cJSON_ArrayForEach(o, array) {
		const char *v = jstr(o, key);
		if (v && strcmp(v, value) == 0)
			return o;
	}
	return NULL;
}

/* index_of: the position in array of the item whose key is value, or -1 */
static int
index_of(const cJSON *array, const char *key, const char *value)
{
	int i = 0;
	const cJSON *o;
	cJSON_ArrayForEach(o, array) {
		const char *v = jstr(o, key);
		if (v && strcmp(v, value) == 0)
			return i;
		i++;
	}
	return -1;
}

static long long
jint(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(o, key);
	ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", key);
	return (long long)v->valuedouble;
}

static int
jtrue(const cJSON *o, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItem(o, key));
}

/* items: GET path's "items" (the caller deletes the whole reply in *j) */
static cJSON *
items(const char *path, const char *token, cJSON **j)
{
	*j = get_json(path, token, 200);
	return cJSON_GetObjectItem(*j, "items");
}

/* business: a new business in currency; its owner's token, and its id
 * into tenant when not NULL */
static char *
business(const char *currency, char tenant[37])
{
	const char *slug = unique("acct");
	char *t = sign_up_in(slug, "owner@acct.test", currency);
	if (tenant) {
		db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
		db_res r;
		const char *p[1] = { slug };
		ck_assert_int_eq(db_exec(adm, &r, "SELECT id FROM tenants WHERE "
		    "slug = $1", 1, p), 0);
		snprintf(tenant, 37, "%s", db_text(&r, 0, 0));
		db_res_clear(&r);
		db_close(adm);
	}
	return t;
}

/* as_app: one statement as the application's role in tenant's scope,
 * committed; its SQLSTATE ("" when it and the commit went through) and
 * its first value into out (when not NULL). */
static const char *
as_app(const char *tenant, const char *sql, char *out, size_t outlen)
{
	static char state[6];
	db *app = db_open(getenv("BURSAR_APP_CONNINFO"), 2);
	db_res r, cr = {0};
	ck_assert_int_eq(db_begin(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	state[0] = '\0';
	if (db_exec(app, &r, sql, 0, NULL) < 0) {
		snprintf(state, sizeof(state), "%s", r.sqlstate);
		db_rollback(app);
	} else {
		if (out)
			snprintf(out, outlen, "%s", db_text(&r, 0, 0) ?
			    db_text(&r, 0, 0) : "NULL");
		if (db_commit(app, &cr) < 0)
			snprintf(state, sizeof(state), "%s", cr.sqlstate);
	}
	db_res_clear(&r);
	db_res_clear(&cr);
	db_close(app);
	return state;
}

/* audited: how many audit entries the tenant has for action on record
 * whose JSON condition (on before and after) holds */
static int
audited(const char *tenant, const char *action, const char *record,
    const char *cond)
{
	char sql[1024], out[32];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit_log WHERE "
	    "action = '%s' AND record_id = '%s' AND (%s)", action, record, cond);
	ck_assert_str_eq(as_app(tenant, sql, out, sizeof(out)), "");
	return atoi(out);
}

/* reader: an API key of the business of owner with only ledger.read */
static char *
reader(const char *owner)
{
	cJSON *j = call("/api/v1/api-keys", owner, "{\"name\":\"books reader\","
	    "\"scopes\":\"ledger.read\"}", 201);
	char *key = strdup(jstr(j, "key"));
	cJSON_Delete(j);
	return key;
}

/* form: a urlencoded POST with a bearer token, as a browser's form
 * would send it; r holds the reply */
static void
form(const char *path, const char *token, const char *body, reply *r)
{
	char auth[1024];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	const char *h[] = { auth, "Content-Type: "
	    "application/x-www-form-urlencoded", NULL };
	ck_assert_int_eq(client_do("POST", path, h, body, strlen(body), r), 0);
}

/* page: GET an HTML page with a bearer token; want its status */
static void
page(const char *path, const char *token, long want, reply *r)
{
	char auth[1024];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	const char *h[] = { auth, NULL };
	ck_assert_int_eq(client_do("GET", path, h, NULL, 0, r), 0);
	ck_assert_msg(r->status == want, "%s: %ld %.2000s", path, r->status,
	    buf_str(&r->body));
}

START_TEST(seeded_inr_books)
{
	char *t = business("INR", NULL);
	cJSON *j, *a = items("/api/v1/accounts", t, &j);
	/* the tree: groups at the top, accounts under them, by code */
	cJSON *assets = find(a, "code", "1000");
	ck_assert_ptr_nonnull(assets);
	ck_assert(jtrue(assets, "is_group"));
	ck_assert_int_eq(jint(assets, "depth"), 0);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(assets, "parent_id")));
	cJSON *cgst = find(a, "code", "2210");
	ck_assert_str_eq(jstr(cgst, "name"), "Output CGST");
	ck_assert_str_eq(jstr(cgst, "parent_code"), "2000");
	ck_assert_str_eq(jstr(cgst, "parent_id"), jstr(find(a, "code", "2000"),
	    "id"));
	ck_assert_int_eq(jint(cgst, "depth"), 1);
	ck_assert_str_eq(jstr(find(a, "code", "1300"), "role"), "receivable");
	static const char *const order[] = { "1000", "1100", "1500", "1510",
	    "1530", "2000", "2100", "2230", "3000", "3200", "4000", "4800",
	    "5000", "5900" };
	for (size_t i = 1; i < sizeof(order) / sizeof(order[0]); i++)
		ck_assert_int_lt(index_of(a, "code", order[i - 1]), index_of(a,
		    "code", order[i]));
	/* every account comes after its parent */
	cJSON *o;
	cJSON_ArrayForEach(o, a)
		if (jstr(o, "parent_code"))
			ck_assert_int_lt(index_of(a, "code", jstr(o,
			    "parent_code")), index_of(a, "code", jstr(o, "code")));
	cJSON_Delete(j);
	/* GST: GST18 is CGST 9% + SGST 9%, in that order */
	cJSON *g = items("/api/v1/tax-groups", t, &j);
	cJSON *gst = find(g, "code", "GST18");
	ck_assert_ptr_nonnull(gst);
	cJSON *k = cJSON_GetObjectItem(gst, "components");
	ck_assert_int_eq(cJSON_GetArraySize(k), 2);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(k, 0), "rate_code"), "CGST9");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(k, 1), "rate_code"), "SGST9");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(k, 0), "rate"), "9");
	ck_assert_int_eq(jint(cJSON_GetArrayItem(k, 1), "rate_ppm"), 90000);
	ck_assert_str_eq(jstr(gst, "rate"), "18");
	ck_assert(jtrue(gst, "complete"));
	ck_assert_str_eq(jstr(find(g, "code", "GST5"), "rate"), "5");
	ck_assert_ptr_nonnull(find(g, "code", "IGST18"));
	cJSON_Delete(j);
	cJSON *r = items("/api/v1/tax-rates", t, &j);
	ck_assert_int_eq(jint(find(r, "code", "IGST18"), "rate_ppm"), 180000);
	ck_assert_str_eq(jstr(find(r, "code", "CGST2.5"), "rate"), "2.5");
	ck_assert_str_eq(jstr(find(r, "code", "CGST9"), "sales_account"),
	    "2210");
	cJSON_Delete(j);
	/* this financial year, April to March, in twelve periods */
	cJSON *y = items("/api/v1/years", t, &j);
	ck_assert_int_eq(cJSON_GetArraySize(y), 1);
	cJSON *y0 = cJSON_GetArrayItem(y, 0);
	ck_assert_str_eq(jstr(y0, "start_date") + 4, "-04-01");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(y0,
	    "periods")), 12);
	cJSON_Delete(j);
	j = get_json("/api/v1/books/settings", t, 200);
	ck_assert_int_eq(jint(j, "year_start_month"), 4);
	ck_assert_str_eq(jstr(j, "tax_rounding"), "line");
	cJSON_Delete(j);
	free(t);
}
END_TEST

START_TEST(seeded_eur_books)
{
	char *t = business("EUR", NULL);
	cJSON *j, *a = items("/api/v1/accounts", t, &j);
	ck_assert_ptr_null(find(a, "code", "2210"));	/* no GST */
	ck_assert_ptr_nonnull(find(a, "code", "2200"));
	cJSON_Delete(j);
	cJSON *g = items("/api/v1/tax-groups", t, &j);
	ck_assert_int_eq(cJSON_GetArraySize(g), 1);
	cJSON *vat = find(g, "code", "VAT20");
	ck_assert_str_eq(jstr(vat, "rate"), "20");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(vat,
	    "components"), 0), "rate_code"), "VAT20");
	cJSON_Delete(j);
	cJSON *r = items("/api/v1/tax-rates", t, &j);
	ck_assert_str_eq(jstr(find(r, "code", "VAT20"), "sales_account"),
	    "2200");
	ck_assert_str_eq(jstr(find(r, "code", "VAT20"), "purchase_account"),
	    "1500");
	cJSON_Delete(j);
	cJSON *y = items("/api/v1/years", t, &j);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(y, 0), "start_date") + 4,
	    "-01-01");
	cJSON_Delete(j);
	j = get_json("/api/v1/currencies", t, 200);
	ck_assert_str_eq(jstr(j, "base_currency"), "EUR");
	cJSON *kwd = find(cJSON_GetObjectItem(j, "currencies"), "code", "KWD");
	ck_assert_int_eq(jint(kwd, "minor_units"), 3);
	ck_assert_int_eq(jint(find(cJSON_GetObjectItem(j, "currencies"),
	    "code", "JPY"), "minor_units"), 0);
	cJSON_Delete(j);
	free(t);
}
END_TEST

START_TEST(accounts_create_and_change)
{
	char tenant[37];
	char *t = business("INR", tenant);
	/* a group, and an account under it taking the group's type */
	cJSON *grp = call("/api/v1/accounts", t, "{\"code\":\"5600\",\"name\":"
	    "\"Travel\",\"type\":\"expense\",\"parent\":\"5000\",\"is_group\":"
	    "true}", 201);
	ck_assert(jtrue(grp, "is_group"));
	ck_assert_int_eq(jint(grp, "depth"), 1);
	reply r;
	ck_assert_int_eq(post_json("/api/v1/accounts", t, "{\"code\":\"5610\","
	    "\"name\":\"Flights\",\"parent\":\"5600\"}", &r), 201);
	char loc[256];
	ck_assert_int_eq(reply_header(&r, "Location", loc, sizeof(loc)), 0);
	cJSON *acc = body_json(&r);
	reply_free(&r);
	char id[37];
	snprintf(id, sizeof(id), "%s", jstr(acc, "id"));
	ck_assert_ptr_nonnull(strstr(loc, id));
	ck_assert_str_eq(jstr(acc, "type"), "expense");
	ck_assert_str_eq(jstr(acc, "parent_code"), "5600");
	ck_assert_int_eq(jint(acc, "depth"), 2);
	ck_assert(!jtrue(acc, "is_group"));
	cJSON_Delete(acc);
	/* in the tree right under its group */
	cJSON *j, *a = items("/api/v1/accounts", t, &j);
	ck_assert_int_eq(index_of(a, "code", "5600") + 1, index_of(a, "code",
	    "5610"));
	ck_assert_int_lt(index_of(a, "code", "5500"), index_of(a, "code",
	    "5600"));
	cJSON_Delete(j);
	ck_assert_int_eq(audited(tenant, "account.created", id, "before IS NULL "
	    "AND after->>'name' = 'Flights' AND after->>'parent' = '5600'"), 1);
	/* refusals name each bad field */
	cJSON *e = call("/api/v1/accounts", t, "{\"code\":\"bad code!\","
	    "\"name\":\"\",\"type\":\"weird\",\"parent\":\"9999\",\"is_group\":"
	    "\"maybe\"}", 422);
	cJSON *f = cJSON_GetObjectItem(cJSON_GetObjectItem(e, "error"),
	    "fields");
	static const char *const bad[] = { "code", "name", "type", "parent",
	    "is_group" };
	for (size_t i = 0; i < 5; i++)
		ck_assert_msg(cJSON_HasObjectItem(f, bad[i]), "%s", bad[i]);
	cJSON_Delete(e);
	refused("/api/v1/accounts", t, "{\"code\":\"5610\",\"name\":\"Again\","
	    "\"parent\":\"5600\"}", "code");
	refused("/api/v1/accounts", t, "{\"code\":\"5611\",\"name\":\"Under "
	    "an account\",\"parent\":\"5610\"}", "parent");
	refused("/api/v1/accounts", t, "{\"code\":\"5612\",\"name\":\"Wrong "
	    "type\",\"type\":\"income\",\"parent\":\"5600\"}", "parent");
	refused("/api/v1/accounts", t, "{\"code\":\"7000\",\"name\":\"No "
	    "type\"}", "type");
	refused("/api/v1/accounts", t, "{\"code\":\"7001\",\"name\":\"Bad "
	    "flag\",\"type\":\"asset\",\"is_group\":3}", "is_group");
	/* rename, and move under another group of the same type */
	char path[256];
	snprintf(path, sizeof(path), "/api/v1/accounts/%s", id);
	acc = call(path, t, "{\"name\":\"Air travel\",\"parent\":\"5000\"}",
	    200);
	ck_assert_str_eq(jstr(acc, "name"), "Air travel");
	ck_assert_str_eq(jstr(acc, "parent_code"), "5000");
	cJSON_Delete(acc);
	acc = get_json(path, t, 200);
	ck_assert_str_eq(jstr(acc, "name"), "Air travel");
	ck_assert_str_eq(jstr(acc, "code"), "5610");
	cJSON_Delete(acc);
	ck_assert_int_eq(audited(tenant, "account.updated", id, "before->>'name'"
	    " = 'Flights' AND after->>'name' = 'Air travel' AND "
	    "before->>'parent' = '5600' AND after->>'parent' = '5000'"), 1);
	refused(path, t, "{\"parent\":\"4000\"}", "parent");	/* income */
	refused(path, t, "{\"name\":\"\"}", "name");
	/* the database refuses a cycle: a group under its own child */
	cJSON *inner = call("/api/v1/accounts", t, "{\"code\":\"5620\",\"name\":"
	    "\"Local\",\"parent\":\"5600\",\"is_group\":true}", 201);
	snprintf(path, sizeof(path), "/api/v1/accounts/%s", jstr(grp, "id"));
	cJSON_Delete(inner);
	e = call(path, t, "{\"parent\":\"5620\"}", 422);
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "ancestor"));
	cJSON_Delete(e);
	/* nothing of the refused changes stayed */
	acc = get_json(path, t, 200);
	ck_assert_str_eq(jstr(acc, "parent_code"), "5000");
	cJSON_Delete(acc);
	cJSON_Delete(grp);
	free(t);
}
END_TEST

START_TEST(archive_stops_postings)
{
	char tenant[37];
	char *t = business("INR", tenant);
	cJSON *acc = call("/api/v1/accounts", t, "{\"code\":\"5700\",\"name\":"
	    "\"Postage\",\"parent\":\"5000\"}", 201);
	char path[256];
	snprintf(path, sizeof(path), "/api/v1/accounts/%s/archive", jstr(acc,
	    "id"));
	static const char post[] = "SELECT ledger_post(current_date, 'stamps', "
	    "'manual', NULL, 'INR', NULL, NULL, ARRAY['5700', '1100'], "
	    "ARRAY[2500, 0]::bigint[], ARRAY[0, 2500]::bigint[], NULL, NULL, "
	    "NULL, NULL)";
	ck_assert_str_eq(as_app(tenant, post, NULL, 0), "");
	cJSON *a = call(path, t, "{}", 200);
	ck_assert(jtrue(a, "archived"));
	ck_assert(jtrue(a, "has_postings"));
	cJSON_Delete(a);
	/* archived: the database refuses postings to it */
	ck_assert_str_eq(as_app(tenant, post, NULL, 0), "23514");
	ck_assert_int_eq(audited(tenant, "account.archived", jstr(acc, "id"),
	    "(before->>'archived')::boolean = false AND "
	    "(after->>'archived')::boolean"), 1);
	/* there is no way to delete it */
	snprintf(path, sizeof(path), "/api/v1/accounts/%s", jstr(acc, "id"));
	reply r;
	ck_assert_int_eq(client_json("DELETE", path, t, NULL, &r), 0);
	ck_assert_int_eq(r.status, 405);
	reply_free(&r);
	/* unarchived: it takes postings again */
	snprintf(path, sizeof(path), "/api/v1/accounts/%s/unarchive", jstr(acc,
	    "id"));
	a = call(path, t, "{}", 200);
	ck_assert(!jtrue(a, "archived"));
	cJSON_Delete(a);
	ck_assert_str_eq(as_app(tenant, post, NULL, 0), "");
	cJSON_Delete(acc);
	/* what Bursar posts to by role stays open; a group with open
	 * accounts under it too */
	cJSON *j, *all = items("/api/v1/accounts", t, &j);
	snprintf(path, sizeof(path), "/api/v1/accounts/%s/archive",
	    jstr(find(all, "code", "1300"), "id"));
	refused(path, t, "{}", "archived");
	snprintf(path, sizeof(path), "/api/v1/accounts/%s/archive",
	    jstr(find(all, "code", "5000"), "id"));
	refused(path, t, "{}", "archived");
	cJSON_Delete(j);
	/* a group whose accounts are archived can be; then its accounts
	 * stay archived until it is not */
	cJSON *g = call("/api/v1/accounts", t, "{\"code\":\"6000\",\"name\":"
	    "\"Other\",\"type\":\"expense\",\"is_group\":true}", 201);
	cJSON *c = call("/api/v1/accounts", t, "{\"code\":\"6100\",\"name\":"
	    "\"Sundry\",\"parent\":\"6000\"}", 201);
	char gpath[256], cpath[256];
	snprintf(gpath, sizeof(gpath), "/api/v1/accounts/%s/archive", jstr(g,
	    "id"));
	snprintf(cpath, sizeof(cpath), "/api/v1/accounts/%s/archive", jstr(c,
	    "id"));
	cJSON_Delete(call(cpath, t, "{}", 200));
	cJSON_Delete(call(gpath, t, "{}", 200));
	snprintf(cpath, sizeof(cpath), "/api/v1/accounts/%s/unarchive", jstr(c,
	    "id"));
	refused(cpath, t, "{}", "archived");
	refused("/api/v1/accounts", t, "{\"code\":\"6200\",\"name\":\"Under "
	    "archived\",\"parent\":\"6000\"}", "parent");
	cJSON_Delete(g);
	cJSON_Delete(c);
	free(t);
}
END_TEST

START_TEST(other_business_and_reader)
{
	char *a = business("INR", NULL), *b = business("INR", NULL);
	cJSON *acc = call("/api/v1/accounts", a, "{\"code\":\"5700\",\"name\":"
	    "\"Postage\",\"parent\":\"5000\"}", 201);
	cJSON *j, *y = items("/api/v1/years", a, &j);
	cJSON *y0 = cJSON_GetArrayItem(y, 0);
	const char *period = jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(y0,
	    "periods"), 0), "id");
	char path[256];
	/* another business's ids do not exist for b */
	snprintf(path, sizeof(path), "/api/v1/accounts/%s", jstr(acc, "id"));
	cJSON_Delete(get_json(path, b, 404));
	cJSON_Delete(call(path, b, "{\"name\":\"Mine\"}", 404));
	snprintf(path, sizeof(path), "/api/v1/accounts/%s/archive", jstr(acc,
	    "id"));
	cJSON_Delete(call(path, b, "{}", 404));
	snprintf(path, sizeof(path), "/api/v1/accounts/%s/unarchive", jstr(acc,
	    "id"));
	cJSON_Delete(call(path, b, "{}", 404));
	snprintf(path, sizeof(path), "/api/v1/periods/%s/close", period);
	cJSON_Delete(call(path, b, "{}", 404));
	snprintf(path, sizeof(path), "/api/v1/periods/%s/reopen", period);
	cJSON_Delete(call(path, b, "{}", 404));
	snprintf(path, sizeof(path), "/api/v1/years/%s/close", jstr(y0, "id"));
	cJSON_Delete(call(path, b, "{}", 404));
	cJSON_Delete(call("/api/v1/exchange-rates", a, "{\"currency\":\"USD\","
	    "\"date\":\"2024-01-31\",\"rate\":\"83.1\"}", 201));
	cJSON_Delete(call("/api/v1/exchange-rates/USD/2024-01-31/delete", b,
	    "{}", 404));
	cJSON_Delete(get_json("/api/v1/accounts/not-a-uuid", a, 404));
	cJSON_Delete(call("/api/v1/periods/not-a-uuid/close", a, "{}", 404));
	/* and b's own lists do not show them */
	cJSON *bj, *mine = items("/api/v1/accounts", b, &bj);
	ck_assert_ptr_null(find(mine, "code", "5700"));
	cJSON_Delete(bj);
	cJSON *cur = get_json("/api/v1/currencies", b, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cur, "rates")),
	    0);
	cJSON_Delete(cur);
	/* nothing changed for a */
	snprintf(path, sizeof(path), "/api/v1/accounts/%s", jstr(acc, "id"));
	cJSON *still = get_json(path, a, 200);
	ck_assert_str_eq(jstr(still, "name"), "Postage");
	ck_assert(!jtrue(still, "archived"));
	cJSON_Delete(still);
	/* a key that may only read: every page, no change */
	char *key = reader(a);
	static const char *const pages[] = { "/api/v1/accounts", "/api/v1/years",
	    "/api/v1/currencies", "/api/v1/tax-rates", "/api/v1/tax-groups",
	    "/api/v1/books/settings" };
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		cJSON_Delete(get_json(pages[i], key, 200));
	cJSON_Delete(get_json(path, key, 200));
	static const char *const changes[][2] = {
		{ "/api/v1/accounts", "{\"code\":\"5800x\",\"name\":\"X\","
		  "\"type\":\"expense\"}" },
		{ "/api/v1/years", "{\"start\":\"2040-01-01\"}" },
		{ "/api/v1/exchange-rates", "{\"currency\":\"USD\",\"date\":"
		  "\"2024-01-31\",\"rate\":\"90\"}" },
		{ "/api/v1/tax-rates", "{\"code\":\"X1\",\"name\":\"X\","
		  "\"rate\":\"1\",\"sales_account\":\"2200\","
		  "\"purchase_account\":\"1500\"}" },
		{ "/api/v1/tax-groups", "{\"code\":\"X1\",\"name\":\"X\","
		  "\"components\":\"CGST9\"}" },
		{ "/api/v1/books/settings", "{\"tax_rounding\":\"document\"}" },
		{ "/api/v1/exchange-rates/USD/2024-01-31/delete", "{}" },
	};
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++)
		cJSON_Delete(call(changes[i][0], key, changes[i][1], 403));
	snprintf(path, sizeof(path), "/api/v1/accounts/%s/archive", jstr(acc,
	    "id"));
	cJSON_Delete(call(path, key, "{}", 403));
	snprintf(path, sizeof(path), "/api/v1/periods/%s/close", period);
	cJSON_Delete(call(path, key, "{}", 403));
	cJSON_Delete(j);
	cJSON_Delete(acc);
	free(key);
	free(a);
	free(b);
}
END_TEST

START_TEST(years_open_and_close)
{
	char tenant[37];
	char *t = business("INR", tenant);
	cJSON *j, *y = items("/api/v1/years", t, &j);
	cJSON *cur = cJSON_Duplicate(cJSON_GetArrayItem(y, 0), 1);
	cJSON_Delete(j);
	char next[16], body[256], path[256];
	/* the next year starts the day after this one ends (YYYY-03-31) */
	snprintf(next, sizeof(next), "%d-04-01", atoi(jstr(cur, "end_date")));
	snprintf(body, sizeof(body), "{\"start\":\"%s\"}", next);
	cJSON *ny = call("/api/v1/years", t, body, 201);
	ck_assert_str_eq(jstr(ny, "start_date"), next);
	cJSON *periods = cJSON_GetObjectItem(ny, "periods");
	ck_assert_int_eq(cJSON_GetArraySize(periods), 12);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(periods, 11), "end_date") + 4,
	    "-03-31");
	char cond[128];
	snprintf(cond, sizeof(cond), "before IS NULL AND after->>'start_date' "
	    "= '%s'", next);
	ck_assert_int_eq(audited(tenant, "year.opened", jstr(ny, "id"), cond),
	    1);
	/* the database's refusals come back with its message */
	cJSON *e = call("/api/v1/years", t, body, 422);
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "overlaps"));
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(e, "error"), "fields"), "start"));
	cJSON_Delete(e);
	refused("/api/v1/years", t, "{\"start\":\"2031-05-15\"}", "start");
	refused("/api/v1/years", t, "{\"start\":\"2031-13-01\"}", "start");
	refused("/api/v1/years", t, "{}", "start");
	/* later years wait for the earlier ones */
	snprintf(path, sizeof(path), "/api/v1/years/%s/close", jstr(ny, "id"));
	e = call(path, t, "{}", 422);
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "earlier years "
	    "first"));
	cJSON_Delete(e);
	/* a period closes and reopens while its year is open */
	const cJSON *cp = cJSON_GetObjectItem(cur, "periods");
	const char *first = jstr(cJSON_GetArrayItem(cp, 0), "id");
	const char *last = jstr(cJSON_GetArrayItem(cp, 11), "id");
	snprintf(path, sizeof(path), "/api/v1/periods/%s/close", first);
	cJSON *p = call(path, t, "{}", 200);
	ck_assert(jtrue(p, "closed"));
	cJSON_Delete(p);
	ck_assert_int_eq(audited(tenant, "period.closed", first,
	    "(after->>'closed')::boolean"), 1);
	snprintf(path, sizeof(path), "/api/v1/periods/%s/reopen", first);
	p = call(path, t, "{}", 200);
	ck_assert(!jtrue(p, "closed"));
	cJSON_Delete(p);
	/* some income, so the close has something to carry; the last
	 * period closed beforehand opens for the closing entry */
	ck_assert_str_eq(as_app(tenant, "SELECT ledger_post(current_date, "
	    "'fees', 'manual', NULL, 'INR', NULL, NULL, ARRAY['1100', '4200'], "
	    "ARRAY[50000, 0]::bigint[], ARRAY[0, 50000]::bigint[], NULL, NULL, "
	    "NULL, NULL)", NULL, 0), "");
	snprintf(path, sizeof(path), "/api/v1/periods/%s/close", last);
	cJSON_Delete(call(path, t, "{}", 200));
	snprintf(path, sizeof(path), "/api/v1/years/%s/close", jstr(cur, "id"));
	cJSON *closed = call(path, t, "{}", 200);
	ck_assert(jtrue(closed, "closed"));
	const char *entry = jstr(closed, "closing_entry_id");
	ck_assert_ptr_nonnull(entry);
	cJSON *pp;
	cJSON_ArrayForEach(pp, cJSON_GetObjectItem(closed, "periods"))
		ck_assert(jtrue(pp, "closed"));
	char sql[512], out[64];
	snprintf(sql, sizeof(sql), "SELECT sum(credit - debit)::text FROM "
	    "journal_lines l JOIN accounts a ON a.id = l.account_id WHERE "
	    "l.entry_id = '%s' AND a.role = 'retained_earnings'", entry);
	ck_assert_str_eq(as_app(tenant, sql, out, sizeof(out)), "");
	ck_assert_str_eq(out, "50000");
	ck_assert_int_eq(audited(tenant, "year.closed", jstr(cur, "id"),
	    "after->>'closing_entry_id' IS NOT NULL"), 1);
	/* closed for good: its periods stay closed, it closes once */
	snprintf(path, sizeof(path), "/api/v1/periods/%s/reopen", first);
	e = call(path, t, "{}", 422);
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "closed year"));
	cJSON_Delete(e);
	snprintf(path, sizeof(path), "/api/v1/years/%s/close", jstr(cur, "id"));
	refused(path, t, "{}", "year");
	/* the page shows the closing entry */
	reply r;
	page("/app/years", t, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), entry));
	reply_free(&r);
	cJSON_Delete(closed);
	cJSON_Delete(ny);
	cJSON_Delete(cur);
	free(t);
}
END_TEST

START_TEST(exchange_rates)
{
	char tenant[37];
	char *t = business("INR", tenant);
	cJSON *r = call("/api/v1/exchange-rates", t, "{\"currency\":\"USD\","
	    "\"date\":\"2024-01-31\",\"rate\":\"83.1234\"}", 201);
	ck_assert_str_eq(jstr(r, "rate"), "83.1234");
	cJSON_Delete(r);
	/* the same day again replaces it */
	r = call("/api/v1/exchange-rates", t, "{\"currency\":\"USD\",\"date\":"
	    "\"2024-01-31\",\"rate\":\"83.5\"}", 200);
	ck_assert_str_eq(jstr(r, "rate"), "83.5");
	cJSON_Delete(r);
	ck_assert_int_eq(audited(tenant, "exchange_rate.saved", "USD/2024-01-31",
	    "before->>'rate' = '83.1234' AND after->>'rate' = '83.5'"), 1);
	/* exact to the tenth decimal, and large: never through a double */
	r = call("/api/v1/exchange-rates", t, "{\"currency\":\"IDR\",\"date\":"
	    "\"2024-01-31\",\"rate\":\"0.0053123456\"}", 201);
	ck_assert_str_eq(jstr(r, "rate"), "0.0053123456");
	cJSON_Delete(r);
	r = call("/api/v1/exchange-rates", t, "{\"currency\":\"KWD\",\"date\":"
	    "\"2024-01-31\",\"rate\":\"12345678901234.0000000001\"}", 201);
	ck_assert_str_eq(jstr(r, "rate"), "12345678901234.0000000001");
	cJSON_Delete(r);
	cJSON *j = get_json("/api/v1/currencies", t, 200);
	ck_assert_str_eq(jstr(j, "base_currency"), "INR");
	cJSON *rates = cJSON_GetObjectItem(j, "rates");
	ck_assert_int_eq(cJSON_GetArraySize(rates), 3);
	ck_assert_str_eq(jstr(find(rates, "currency", "USD"), "rate"), "83.5");
	cJSON_Delete(j);
	/* refusals */
	static const char *const bad_rates[] = { "\"0\"", "\"0.000\"", "\"-1\"",
	    "\"1.12345678901\"", "\"1e5\"", "\"abc\"", "\"\"", "83.12",
	    "\"123456789012345\"", "\" 83\"", "\".5\"" };
	char body[256];
	for (size_t i = 0; i < sizeof(bad_rates) / sizeof(bad_rates[0]); i++) {
		snprintf(body, sizeof(body), "{\"currency\":\"USD\",\"date\":"
		    "\"2024-02-01\",\"rate\":%s}", bad_rates[i]);
		refused("/api/v1/exchange-rates", t, body, "rate");
	}
	refused("/api/v1/exchange-rates", t, "{\"currency\":\"INR\",\"date\":"
	    "\"2024-02-01\",\"rate\":\"1\"}", "currency");
	refused("/api/v1/exchange-rates", t, "{\"currency\":\"XYZ\",\"date\":"
	    "\"2024-02-01\",\"rate\":\"1\"}", "currency");
	refused("/api/v1/exchange-rates", t, "{\"currency\":\"usd\",\"date\":"
	    "\"2024-02-01\",\"rate\":\"1\"}", "currency");
	refused("/api/v1/exchange-rates", t, "{\"currency\":\"USD\",\"date\":"
	    "\"2024-02-30\",\"rate\":\"1\"}", "date");
	/* deleting: once */
	cJSON_Delete(call("/api/v1/exchange-rates/USD/2024-01-31/delete", t,
	    "{}", 200));
	cJSON_Delete(call("/api/v1/exchange-rates/USD/2024-01-31/delete", t,
	    "{}", 404));
	cJSON_Delete(call("/api/v1/exchange-rates/USD/yesterday/delete", t,
	    "{}", 404));
	ck_assert_int_eq(audited(tenant, "exchange_rate.deleted",
	    "USD/2024-01-31", "before->>'rate' = '83.5' AND after IS NULL"), 1);
	free(t);
}
END_TEST

START_TEST(tax_rates_and_versions)
{
	char tenant[37];
	char *t = business("INR", tenant);
	/* percent to parts per million, exactly */
	static const struct {
		const char *code, *rate;
		long long ppm;
	} exact[] = { { "P1", "2.5", 25000 }, { "P2", "18", 180000 },
	    { "P3", "0.125", 1250 }, { "P4", "0", 0 }, { "P5", "1000",
	    10000000 }, { "P6", "0.0001", 1 }, { "P7", "33.3333", 333333 } };
	char body[512];
	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++) {
		snprintf(body, sizeof(body), "{\"code\":\"%s\",\"name\":\"Rate "
		    "%s\",\"rate\":\"%s\",\"sales_account\":\"2200\","
		    "\"purchase_account\":\"1500\"}", exact[i].code,
		    exact[i].rate, exact[i].rate);
		cJSON *r = call("/api/v1/tax-rates", t, body, 201);
		ck_assert_int_eq(jint(r, "rate_ppm"), exact[i].ppm);
		ck_assert_str_eq(jstr(r, "rate"), exact[i].rate);
		cJSON_Delete(r);
	}
	static const char *const bad[] = { "abc", "-1", "1000.5", "2.12345",
	    "+5", "", "1,5", "1e2", "10000" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(body, sizeof(body), "{\"code\":\"B1\",\"name\":\"Bad\","
		    "\"rate\":\"%s\",\"sales_account\":\"2200\","
		    "\"purchase_account\":\"1500\"}", bad[i]);
		refused("/api/v1/tax-rates", t, body, "rate");
	}
	refused("/api/v1/tax-rates", t, "{\"code\":\"B1\",\"name\":\"Bad\","
	    "\"rate\":\"5\",\"sales_account\":\"4100\",\"purchase_account\":"
	    "\"1500\"}", "sales_account");
	refused("/api/v1/tax-rates", t, "{\"code\":\"B1\",\"name\":\"Bad\","
	    "\"rate\":\"5\",\"sales_account\":\"2200\",\"purchase_account\":"
	    "\"1000\"}", "purchase_account");
	refused("/api/v1/tax-rates", t, "{\"code\":\"B1\",\"name\":\"Bad\","
	    "\"rate\":\"5\",\"sales_account\":\"9999\",\"purchase_account\":"
	    "\"1500\"}", "sales_account");
	refused("/api/v1/tax-rates", t, "{\"code\":\"B 1\",\"name\":\"Bad\","
	    "\"rate\":\"5\",\"sales_account\":\"2200\",\"purchase_account\":"
	    "\"1500\"}", "code");
	refused("/api/v1/tax-rates", t, "{\"code\":\"B1\",\"name\":\"Bad\","
	    "\"rate\":\"5\",\"valid_from\":\"2024-07-01\",\"valid_to\":"
	    "\"2024-06-30\",\"sales_account\":\"2200\",\"purchase_account\":"
	    "\"1500\"}", "valid_to");
	/* a rate until a date, then a newer version */
	cJSON *v1 = call("/api/v1/tax-rates", t, "{\"code\":\"TT\",\"name\":"
	    "\"Test 2.5%\",\"rate\":\"2.5\",\"valid_from\":\"2024-01-01\","
	    "\"valid_to\":\"2024-06-30\",\"sales_account\":\"2200\","
	    "\"purchase_account\":\"1500\"}", 201);
	ck_assert_str_eq(jstr(v1, "valid_to"), "2024-06-30");
	cJSON_Delete(v1);
	cJSON *v2 = call("/api/v1/tax-rates", t, "{\"code\":\"TT\",\"name\":"
	    "\"Test 18%\",\"rate\":\"18\",\"valid_from\":\"2024-07-01\","
	    "\"sales_account\":\"2200\",\"purchase_account\":\"1500\"}", 201);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(v2, "valid_to")));
	cJSON_Delete(v2);
	/* versions never overlap */
	cJSON *e = call("/api/v1/tax-rates", t, "{\"code\":\"TT\",\"name\":"
	    "\"Overlap\",\"rate\":\"3\",\"valid_from\":\"2024-03-01\","
	    "\"valid_to\":\"2024-03-31\",\"sales_account\":\"2200\","
	    "\"purchase_account\":\"1500\"}", 422);
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "overlaps"));
	cJSON_Delete(e);
	cJSON_Delete(call("/api/v1/tax-groups", t, "{\"code\":\"TTG\",\"name\":"
	    "\"Test group\",\"components\":[\"TT\"]}", 201));
	char out[64];
	ck_assert_str_eq(as_app(tenant, "SELECT rate_ppm::text FROM "
	    "tax_components('TTG', '2024-06-30')", out, sizeof(out)), "");
	ck_assert_str_eq(out, "25000");
	ck_assert_str_eq(as_app(tenant, "SELECT rate_ppm::text FROM "
	    "tax_components('TTG', '2024-07-01')", out, sizeof(out)), "");
	ck_assert_str_eq(out, "180000");
	ck_assert_str_eq(as_app(tenant, "SELECT count(*)::text FROM "
	    "tax_components('TTG', '2023-12-31')", out, sizeof(out)), "");
	ck_assert_str_eq(out, "0");
	/* a new version ends the open-ended one before it */
	cJSON *gst = call("/api/v1/tax-rates", t, "{\"code\":\"CGST9\",\"name\":"
	    "\"CGST 9.5%\",\"rate\":\"9.5\",\"valid_from\":\"2031-01-01\","
	    "\"sales_account\":\"2210\",\"purchase_account\":\"1510\"}", 201);
	cJSON_Delete(gst);
	cJSON *j, *rates = items("/api/v1/tax-rates", t, &j);
	int versions = 0;
	cJSON *o;
	cJSON_ArrayForEach(o, rates)
		if (strcmp(jstr(o, "code"), "CGST9") == 0) {
			versions++;
			if (strcmp(jstr(o, "valid_from"), "2031-01-01") != 0) {
				ck_assert_str_eq(jstr(o, "valid_to"), "2030-12-31");
				ck_assert(jtrue(o, "in_force"));
			}
		}
	ck_assert_int_eq(versions, 2);
	cJSON_Delete(j);
	ck_assert_str_eq(as_app(tenant, "SELECT string_agg(rate_ppm::text, '+' "
	    "ORDER BY rate_code) FROM tax_components('GST18', '2031-01-01')",
	    out, sizeof(out)), "");
	ck_assert_str_eq(out, "95000+90000");
	ck_assert_str_eq(as_app(tenant, "SELECT count(*)::text FROM audit_log "
	    "WHERE action = 'tax_rate.ended' AND before->'valid_to' = 'null' "
	    "AND after->>'valid_to' = '2030-12-31'", out, sizeof(out)), "");
	ck_assert_str_eq(out, "1");
	free(t);
}
END_TEST

START_TEST(tax_groups)
{
	char tenant[37];
	char *t = business("INR", tenant);
	cJSON_Delete(call("/api/v1/tax-rates", t, "{\"code\":\"CGST6\",\"name\":"
	    "\"CGST 6%\",\"rate\":\"6\",\"sales_account\":\"2210\","
	    "\"purchase_account\":\"1510\"}", 201));
	cJSON_Delete(call("/api/v1/tax-rates", t, "{\"code\":\"SGST6\",\"name\":"
	    "\"SGST 6%\",\"rate\":\"6\",\"sales_account\":\"2220\","
	    "\"purchase_account\":\"1520\"}", 201));
	reply r;
	ck_assert_int_eq(post_json("/api/v1/tax-groups", t, "{\"code\":"
	    "\"GST12\",\"name\":\"GST 12%\",\"inclusive\":true,\"components\":"
	    "[\"SGST6\",\"CGST6\"]}", &r), 201);
	char loc[256];
	ck_assert_int_eq(reply_header(&r, "Location", loc, sizeof(loc)), 0);
	cJSON *g = body_json(&r);
	reply_free(&r);
	ck_assert_ptr_nonnull(strstr(loc, jstr(g, "id")));
	ck_assert_str_eq(jstr(g, "rate"), "12");
	ck_assert(jtrue(g, "inclusive"));
	ck_assert(jtrue(g, "complete"));
	cJSON *k = cJSON_GetObjectItem(g, "components");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(k, 0), "rate_code"), "SGST6");
	ck_assert_int_eq(jint(cJSON_GetArrayItem(k, 0), "position"), 1);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(k, 1), "rate_code"), "CGST6");
	ck_assert_int_eq(audited(tenant, "tax_group.created", jstr(g, "id"),
	    "after->'components' = '[\"SGST6\", \"CGST6\"]'::jsonb"), 1);
	cJSON_Delete(g);
	/* the comma list of a form works the same */
	g = call("/api/v1/tax-groups", t, "{\"code\":\"GST12B\",\"name\":"
	    "\"GST 12% B\",\"components\":\" CGST6 , SGST6 \"}", 201);
	ck_assert(!jtrue(g, "inclusive"));
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(g,
	    "components"), 1), "rate_code"), "SGST6");
	cJSON_Delete(g);
	char out[64];
	ck_assert_str_eq(as_app(tenant, "SELECT string_agg(rate_code, ',' ORDER "
	    "BY rate_code) FROM tax_components('GST12', current_date)", out,
	    sizeof(out)), "");
	ck_assert_str_eq(out, "CGST6,SGST6");
	/* refusals */
	refused("/api/v1/tax-groups", t, "{\"code\":\"GST18\",\"name\":\"Again\","
	    "\"components\":\"CGST9,SGST9\"}", "code");
	refused("/api/v1/tax-groups", t, "{\"code\":\"G1\",\"name\":\"None\","
	    "\"components\":\"\"}", "components");
	refused("/api/v1/tax-groups", t, "{\"code\":\"G1\",\"name\":\"Unknown\","
	    "\"components\":[\"CGST9\",\"NOPE\"]}", "components");
	refused("/api/v1/tax-groups", t, "{\"code\":\"G1\",\"name\":\"Twice\","
	    "\"components\":\"CGST9,CGST9\"}", "components");
	refused("/api/v1/tax-groups", t, "{\"code\":\"G1\",\"name\":\"Five\","
	    "\"components\":\"CGST9,SGST9,IGST18,CGST6,SGST6\"}", "components");
	refused("/api/v1/tax-groups", t, "{\"code\":\"G1\",\"name\":\"\","
	    "\"components\":\"CGST9\"}", "name");
	refused("/api/v1/tax-groups", t, "{\"code\":\"G1\",\"name\":\"Flag\","
	    "\"inclusive\":\"perhaps\",\"components\":\"CGST9\"}", "inclusive");
	free(t);
}
END_TEST

START_TEST(book_settings)
{
	char tenant[37];
	char *t = business("EUR", tenant);
	cJSON *s = call("/api/v1/books/settings", t, "{\"tax_rounding\":"
	    "\"document\",\"year_start_month\":7}", 200);
	ck_assert_str_eq(jstr(s, "tax_rounding"), "document");
	ck_assert_int_eq(jint(s, "year_start_month"), 7);
	cJSON_Delete(s);
	/* one alone leaves the other */
	s = call("/api/v1/books/settings", t, "{\"tax_rounding\":\"line\"}",
	    200);
	ck_assert_int_eq(jint(s, "year_start_month"), 7);
	cJSON_Delete(s);
	s = get_json("/api/v1/books/settings", t, 200);
	ck_assert_str_eq(jstr(s, "tax_rounding"), "line");
	cJSON_Delete(s);
	ck_assert_int_eq(audited(tenant, "books_settings.changed", tenant,
	    "before->>'tax_rounding' = 'line' AND after->>'tax_rounding' = "
	    "'document' AND (after->>'year_start_month')::int = 7"), 1);
	refused("/api/v1/books/settings", t, "{\"tax_rounding\":\"banker\"}",
	    "tax_rounding");
	refused("/api/v1/books/settings", t, "{\"year_start_month\":13}",
	    "year_start_month");
	refused("/api/v1/books/settings", t, "{\"year_start_month\":\"0\"}",
	    "year_start_month");
	refused("/api/v1/books/settings", t, "{\"year_start_month\":4.5}",
	    "year_start_month");
	free(t);
}
END_TEST

START_TEST(pages_and_forms)
{
	char *t = business("INR", NULL);
	reply r;
	static const char *const pages[][2] = {
		{ "/app/accounts", "Chart of accounts" },
		{ "/app/years", "Open a year" },
		{ "/app/currencies", "Kuwaiti dinar" },
		{ "/app/tax-rates", "CGST 9%" },
		{ "/app/tax-groups", "CGST9 (9%) + SGST9 (9%)" },
		{ "/app/books/settings", "Per document" },
	};
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		page(pages[i][0], t, 200, &r);
		ck_assert_msg(strstr(buf_str(&r.body), pages[i][1]) != NULL,
		    "%s lacks %s", pages[i][0], pages[i][1]);
		reply_free(&r);
	}
	/* the tree is indented */
	page("/app/accounts", t, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "&nbsp;&nbsp;&nbsp;"
	    "&nbsp;<a href=\"/app/accounts/"));
	reply_free(&r);
	/* a refused form comes back with what was typed, escaped */
	form("/app/accounts", t, "code=bad+code&name=Keep+%3Cme%3E&type=asset&"
	    "parent=", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"Keep &lt;me&gt;"
	    "\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"bad code\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "starting with a letter"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "<select id=\"type\""));
	reply_free(&r);
	/* a good one goes back to the list */
	form("/app/accounts", t, "code=1450&name=Deposits&parent=1000", &r);
	ck_assert_int_eq(r.status, 303);
	char loc[256];
	ck_assert_int_eq(reply_header(&r, "Location", loc, sizeof(loc)), 0);
	ck_assert_str_eq(loc, "/app/accounts");
	reply_free(&r);
	/* the database's refusal, drawn on the page it came from */
	cJSON *j, *y = items("/api/v1/years", t, &j);
	char body[128];
	snprintf(body, sizeof(body), "start=%s", jstr(cJSON_GetArrayItem(y, 0),
	    "start_date"));
	cJSON_Delete(j);
	form("/app/years", t, body, &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "overlaps another year"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "<h1>Years and periods"));
	reply_free(&r);
	form("/app/tax-rates", t, "code=X&name=X&rate=abc&sales_account=2200&"
	    "purchase_account=1500", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"abc\""));
	reply_free(&r);
	form("/app/books/settings", t, "tax_rounding=document&"
	    "year_start_month=4", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	page("/app/books/settings", t, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"document\" "
	    "checked"));
	reply_free(&r);
	free(t);
}
END_TEST

/* location: the reply's Location, which must be want */
static void
location_is(reply *r, const char *want)
{
	char loc[256];
	ck_assert_int_eq(reply_header(r, "Location", loc, sizeof(loc)), 0);
	ck_assert_str_eq(loc, want);
}

START_TEST(tax_pages)
{
	const char *slug = unique("taxp");
	char tenant[37], out[256];
	char *t = sign_up_in(slug, "owner@taxp.test", "INR");
	{
		db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
		db_res q;
		const char *p[1] = { slug };
		ck_assert_int_eq(db_exec(adm, &q, "SELECT id FROM tenants WHERE "
		    "slug = $1", 1, p), 0);
		snprintf(tenant, sizeof(tenant), "%s", db_text(&q, 0, 0));
		db_res_clear(&q);
		db_close(adm);
	}
	kit_browser b;
	kit_browser_in(&b, slug, "owner%40taxp.test", "/app/tax-rates");
	reply r;
	/* without the form's token: refused, nothing written */
	ck_assert_int_eq(client_form("/app/tax-rates", b.cookie, "code=TX5&"
	    "name=Tax+5&rate=5&sales_account=2200&purchase_account=1500", &r),
	    0);
	ck_assert_int_eq(r.status, 403);
	reply_free(&r);
	ck_assert_str_eq(as_app(tenant, "SELECT count(*) FROM tax_rates WHERE "
	    "code = 'TX5'", out, sizeof(out)), "");
	ck_assert_str_eq(out, "0");
	/* a bad percentage: the page again, the refusal beside the rate,
	 * what was typed kept, nothing written */
	kit_browser_post(&b, "/app/tax-rates", "code=TX5&name=Tax+5&rate=5.5.5&"
	    "valid_from=2024-01-01&sales_account=2200&purchase_account=1500",
	    &r);
	ck_assert_int_eq(r.status, 422);
	const char *body = buf_str(&r.body);
	const char *at = strstr(body, "<input id=\"rate\" name=\"rate\" "
	    "type=\"text\" value=\"5.5.5\" aria-invalid=\"true\" "
	    "aria-describedby=\"rate-error\">");
	ck_assert_msg(at != NULL, "no rate field kept, its error linked: %.2000s",
	    body);
	ck_assert_ptr_nonnull(strstr(body, "<p class=\"field invalid\">\n"
	    "<label for=\"rate\">"));
	ck_assert_ptr_nonnull(strstr(at, "<span class=\"error\" "
	    "id=\"rate-error\">"));
	ck_assert_ptr_nonnull(strstr(body, "value=\"Tax 5\""));
	ck_assert_ptr_null(strstr(body, "<p class=\"field invalid\">\n"
	    "<label for=\"name\">"));
	reply_free(&r);
	ck_assert_str_eq(as_app(tenant, "SELECT count(*) FROM tax_rates WHERE "
	    "code = 'TX5'", out, sizeof(out)), "");
	ck_assert_str_eq(out, "0");
	/* a good rate goes back to the list, which shows it */
	kit_browser_post(&b, "/app/tax-rates", "code=TX5&name=Tax+5&rate=5&"
	    "valid_from=2024-01-01&sales_account=2200&purchase_account=1500",
	    &r);
	ck_assert_int_eq(r.status, 303);
	location_is(&r, "/app/tax-rates");
	reply_free(&r);
	/* and a new version of it from a later date */
	kit_browser_post(&b, "/app/tax-rates", "code=TX5&name=Tax+5&rate=6&"
	    "valid_from=2030-01-01&sales_account=2200&purchase_account=1500",
	    &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	kit_browser_post(&b, "/app/tax-rates", "code=TX1&name=Tax+1&rate=1&"
	    "sales_account=2200&purchase_account=1500", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	page("/app/tax-rates", t, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "<td>TX5</td><td>Tax 5"
	    "</td><td>5%</td><td>2024-01-01</td><td>2029-12-31</td>"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "<td>6%</td><td>"
	    "2030-01-01</td>"));
	reply_free(&r);
	/* a group of it made from its page, then the rate is used */
	kit_browser_post(&b, "/app/tax-groups", "code=G5&name=Five&components=TX5",
	    &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_str_eq(as_app(tenant, "SELECT string_agg(rate_code || ':' || "
	    "rate_ppm, ',') FROM tax_components('G5', '2025-06-01')", out,
	    sizeof(out)), "");
	ck_assert_str_eq(out, "TX5:50000");
	ck_assert_str_eq(as_app(tenant, "SELECT string_agg(rate_code || ':' || "
	    "rate_ppm, ',') FROM tax_components('G5', '2031-06-01')", out,
	    sizeof(out)), "");
	ck_assert_str_eq(out, "TX5:60000");
	/* the group's page, from the list */
	cJSON *j, *g = find(items("/api/v1/tax-groups", t, &j), "code", "G5");
	ck_assert_ptr_nonnull(g);
	char id[64], path[128], loc[160];
	snprintf(id, sizeof(id), "%s", jstr(g, "id"));
	cJSON_Delete(j);
	snprintf(path, sizeof(path), "/app/tax-groups/%s", id);
	page("/app/tax-groups", t, 200, &r);
	snprintf(loc, sizeof(loc), "<a href=\"%s\">G5</a>", path);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), loc));
	reply_free(&r);
	page(path, t, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"Five\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "<input id=\"components\" "
	    "name=\"components\" type=\"text\" value=\"TX5\">"));
	reply_free(&r);
	/* an unknown rate: refused beside the components, nothing changed */
	kit_browser_post(&b, path, "name=Five+again&components=TX5%2C+NOPE", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "no tax rate has the "
	    "code NOPE"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"TX5, NOPE\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"Five again\""));
	reply_free(&r);
	ck_assert_str_eq(as_app(tenant, "SELECT name FROM tax_groups WHERE "
	    "code = 'G5'", out, sizeof(out)), "");
	ck_assert_str_eq(out, "Five");
	/* edited: renamed, a second rate, prices inclusive */
	kit_browser_post(&b, path, "name=Six&components=TX5%2C+TX1&inclusive=true",
	    &r);
	ck_assert_int_eq(r.status, 303);
	location_is(&r, path);
	reply_free(&r);
	ck_assert_str_eq(as_app(tenant, "SELECT string_agg(rate_code || ':' || "
	    "rate_ppm || ':' || inclusive, ',') FROM tax_components('G5', "
	    "'2025-06-01')", out, sizeof(out)), "");
	ck_assert_str_eq(out, "TX5:50000:true,TX1:10000:true");
	ck_assert_int_eq(audited(tenant, "tax_group.updated", id, "before->>"
	    "'name' = 'Five' AND after->>'name' = 'Six' AND after->>"
	    "'components' = 'TX5, TX1'"), 1);
	/* the box unticked: no longer inclusive */
	kit_browser_post(&b, path, "name=Six&components=TX1", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_str_eq(as_app(tenant, "SELECT string_agg(rate_code || ':' || "
	    "inclusive, ',') FROM tax_components('G5', '2025-06-01')", out,
	    sizeof(out)), "");
	ck_assert_str_eq(out, "TX1:false");
	/* archived: no document finds its rates; and back */
	snprintf(loc, sizeof(loc), "%s/archive", path);
	kit_browser_post(&b, loc, "x=1", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_str_eq(as_app(tenant, "SELECT count(*) FROM tax_components("
	    "'G5', '2025-06-01')", out, sizeof(out)), "");
	ck_assert_str_eq(out, "0");
	page(path, t, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "archived: no new line"));
	reply_free(&r);
	snprintf(loc, sizeof(loc), "%s/unarchive", path);
	kit_browser_post(&b, loc, "x=1", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_str_eq(as_app(tenant, "SELECT count(*) FROM tax_components("
	    "'G5', '2025-06-01')", out, sizeof(out)), "");
	ck_assert_str_eq(out, "1");
	/* the API edits it too; a reader may look but not change it */
	snprintf(path, sizeof(path), "/api/v1/tax-groups/%s", id);
	cJSON *u = call(path, t, "{\"name\":\"Seven\"}", 200);
	ck_assert_str_eq(jstr(u, "name"), "Seven");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(u,
	    "components")), 1);
	cJSON_Delete(u);
	refused(path, t, "{\"components\":\"\"}", "components");
	char *key = reader(t);
	cJSON_Delete(get_json(path, key, 200));
	cJSON_Delete(call(path, key, "{\"name\":\"Eight\"}", 403));
	cJSON_Delete(get_json("/api/v1/tax-groups/"
	    "00000000-0000-0000-0000-000000000000", t, 404));
	free(key);
	free(t);
}
END_TEST

TCase *
accounts_tcase(void)
{
	TCase *tc = tcase_create("accounts");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, seeded_inr_books);
	tcase_add_test(tc, seeded_eur_books);
	tcase_add_test(tc, accounts_create_and_change);
	tcase_add_test(tc, archive_stops_postings);
	tcase_add_test(tc, other_business_and_reader);
	tcase_add_test(tc, years_open_and_close);
	tcase_add_test(tc, exchange_rates);
	tcase_add_test(tc, tax_rates_and_versions);
	tcase_add_test(tc, tax_groups);
	tcase_add_test(tc, book_settings);
	tcase_add_test(tc, pages_and_forms);
	tcase_add_test(tc, tax_pages);
	return tc;
}
