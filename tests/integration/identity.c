/* identity.c: sign-up, sign-in and out, throttling, tokens, the demo
 * users, and row-level security, against the running stack. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <check.h>
#include <cJSON.h>

#include "client.h"
#include "db/db.h"
#include "kit.h"
#include "suites.h"
#include "web/reply.h"
#include "web/change.h"

START_TEST(sign_up_and_me)
{
	const char *slug = unique("co");
	char *token = sign_up(slug, "tess@co.test");
	reply r;
	ck_assert_int_eq(client_json("GET", "/api/v1/me", token, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	cJSON *j = body_json(&r);
	ck_assert_str_eq(jstr(j, "tenant.slug"), slug);
	ck_assert_str_eq(jstr(j, "tenant.base_currency"), "EUR");
	ck_assert_str_eq(jstr(j, "user.email"), "tess@co.test");
	ck_assert_str_eq(jstr(j, "role"), "owner");
	/* the owner holds every permission there is (role_matrix) */
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j,
	    "permissions")), kit_adm_int("SELECT count(*) FROM permissions"));
	cJSON_Delete(j);
	reply_free(&r);
	free(token);
	/* no token, no me */
	ck_assert_int_eq(client_json("GET", "/api/v1/me", NULL, NULL, &r), 0);
	ck_assert_int_eq(r.status, 401);
	reply_free(&r);
}
END_TEST

START_TEST(sign_up_refuses_bad_input)
{
	const char *slug = unique("dup");
	free(sign_up(slug, "first@dup.test"));
	char body[512];
	snprintf(body, sizeof(body), "{\"business\":\"\",\"slug\":\"%s\","
	    "\"currency\":\"euro\",\"name\":\"N\",\"email\":\"nope\","
	    "\"password\":\"Password1\"}", slug);
	reply r;
	ck_assert_int_eq(client_json("POST", "/api/v1/signup", NULL, body, &r),
	    0);
	ck_assert_int_eq(r.status, 422);
	cJSON *j = body_json(&r);
	cJSON *f = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "error"),
	    "fields");
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "business"));
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "currency"));
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "email"));
	ck_assert_ptr_nonnull(strstr(jstr(f, "password"), "too easy"));
	cJSON_Delete(j);
	reply_free(&r);
	/* everything right but the taken short name */
	snprintf(body, sizeof(body), "{\"business\":\"B\",\"slug\":\"%s\","
	    "\"currency\":\"INR\",\"name\":\"N\",\"email\":\"n@dup.test\","
	    "\"password\":\"blue7Horse!fence\"}", slug);
	ck_assert_int_eq(client_json("POST", "/api/v1/signup", NULL, body, &r),
	    0);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "taken"));
	reply_free(&r);
}
END_TEST

/* csrf_cookie: the anonymous CSRF token a form page hands out */
static void
csrf_cookie(char *out, size_t len)
{
	reply r;
	ck_assert_int_eq(client_do("GET", "/app/login", NULL, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(reply_cookie(&r, "bursar_csrf", out, len), 0);
	char hidden[160];
	snprintf(hidden, sizeof(hidden), "name=\"csrf_token\" value=\"%s\"",
	    out);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), hidden));
	reply_free(&r);
}

START_TEST(browser_sign_in_and_out)
{
	const char *slug = unique("web");
	free(sign_up(slug, "web@web.test"));
	char csrf[128], cookie[512], body[512], session[128], hdr[600];
	csrf_cookie(csrf, sizeof(csrf));
	snprintf(cookie, sizeof(cookie), "bursar_csrf=%s", csrf);
	/* without the form's token: refused, nothing happens */
	snprintf(body, sizeof(body), "tenant=%s&email=web%%40web.test&"
	    "password=blue7Horse%%21fence&next=%%2Fapp%%2Fme", slug);
	reply r;
	ck_assert_int_eq(client_form("/app/login", cookie, body, &r), 0);
	ck_assert_int_eq(r.status, 403);
	ck_assert_int_eq(reply_cookie(&r, "bursar_session", session,
	    sizeof(session)), -1);
	reply_free(&r);
	snprintf(body, sizeof(body), "csrf_token=%s&tenant=%s&email=web%%40web"
	    ".test&password=blue7Horse%%21fence&next=%%2Fapp%%2Fme", csrf, slug);
	ck_assert_int_eq(client_form("/app/login", cookie, body, &r), 0);
	ck_assert_int_eq(r.status, 303);
	ck_assert_int_eq(reply_header(&r, "Location", hdr, sizeof(hdr)), 0);
	ck_assert_str_eq(hdr, "/app/me");
	ck_assert_int_eq(reply_cookie(&r, "bursar_session", session,
	    sizeof(session)), 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.headers), "; HttpOnly; "
	    "SameSite=Lax"));
	reply_free(&r);
	/* the home page names the business */
	snprintf(cookie, sizeof(cookie), "bursar_session=%s", session);
	const char *ch[] = { hdr, NULL };
	snprintf(hdr, sizeof(hdr), "Cookie: %s", cookie);
	ck_assert_int_eq(client_do("GET", "/app", ch, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "<h1>Test Co</h1>"));
	/* the session's own token is in the page's forms */
	static const char mark[] = "name=\"csrf_token\" value=\"";
	const char *tok = strstr(buf_str(&r.body), mark);
	ck_assert_ptr_nonnull(tok);
	tok += sizeof(mark) - 1;
	char stoken[128];
	snprintf(stoken, sizeof(stoken), "%.*s", (int)strcspn(tok, "\""), tok);
	reply_free(&r);
	/* an open redirect is not on offer */
	snprintf(body, sizeof(body), "csrf_token=%s&tenant=%s&email=web%%40web"
	    ".test&password=blue7Horse%%21fence&next=%%2F%%2Fevil.test", csrf,
	    slug);
	snprintf(cookie, sizeof(cookie), "bursar_csrf=%s", csrf);
	ck_assert_int_eq(client_form("/app/login", cookie, body, &r), 0);
	ck_assert_int_eq(reply_header(&r, "Location", hdr, sizeof(hdr)), 0);
	ck_assert_str_eq(hdr, "/app");
	reply_free(&r);
	/* sign out, and the session is gone */
	snprintf(cookie, sizeof(cookie), "bursar_session=%s", session);
	snprintf(body, sizeof(body), "csrf_token=%s", stoken);
	ck_assert_int_eq(client_form("/app/logout", cookie, body, &r), 0);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	snprintf(hdr, sizeof(hdr), "Cookie: %s", cookie);
	ck_assert_int_eq(client_do("GET", "/app", ch, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
}
END_TEST


START_TEST(account_throttling)
{
	const char *slug = unique("thr");
	free(sign_up(slug, "t@thr.test"));
	reply r;
	/* four failures, then the right password clears the count */
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(kit_try_token(slug, "t@thr.test", "nope", &r), 401);
		reply_free(&r);
	}
	ck_assert_int_eq(kit_try_token(slug, "t@thr.test", "blue7Horse!fence", &r),
	    200);
	reply_free(&r);
	for (int i = 0; i < 5; i++) {
		ck_assert_int_eq(kit_try_token(slug, "t@thr.test", "nope", &r), 401);
		reply_free(&r);
	}
	/* the sixth try is refused even with the right password */
	ck_assert_int_eq(kit_try_token(slug, "t@thr.test", "blue7Horse!fence", &r),
	    429);
	char wait[32];
	ck_assert_int_eq(reply_header(&r, "Retry-After", wait, sizeof(wait)), 0);
	ck_assert_msg(atol(wait) > 800 && atol(wait) <= 900, "wait %s", wait);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "\"throttled\""));
	reply_free(&r);
	/* an unknown email fails the same way as a wrong password */
	ck_assert_int_eq(kit_try_token(slug, "ghost@thr.test", "nope", &r), 401);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "invalid_credentials"));
	reply_free(&r);
}
END_TEST

START_TEST(address_throttling)
{
	/* one office behind one address: many people, a higher limit */
	const char *slug = unique("ip");
	free(sign_up(slug, "boss@ip.test"));
	int limit = atoi(getenv("BURSAR_LOGIN_IP_LIMIT"));
	reply r;
	client_from("127.0.0.3");
	for (int i = 0; i < limit; i++) {
		char email[64];
		snprintf(email, sizeof(email), "person%d@ip.test", i);
		ck_assert_int_eq(kit_try_token(slug, email, "nope", &r), 401);
		reply_free(&r);
	}
	long st = kit_try_token(slug, "boss@ip.test", "blue7Horse!fence", &r);
	reply_free(&r);
	/* another address is not affected */
	client_from("127.0.0.4");
	long other = kit_try_token(slug, "boss@ip.test", "blue7Horse!fence", &r);
	reply_free(&r);
	client_from(NULL);
	ck_assert_int_eq(st, 429);
	ck_assert_int_eq(other, 200);
}
END_TEST

START_TEST(refresh_rotation_and_reuse)
{
	const char *slug = unique("ref");
	free(sign_up(slug, "r@ref.test"));
	reply r;
	ck_assert_int_eq(kit_try_token(slug, "r@ref.test", "blue7Horse!fence", &r),
	    200);
	cJSON *j = body_json(&r);
	char *r1 = strdup(jstr(j, "refresh_token"));
	ck_assert_str_eq(jstr(j, "token_type"), "Bearer");
	ck_assert_int_eq(cJSON_GetObjectItem(j, "expires_in")->valueint, 900);
	cJSON_Delete(j);
	reply_free(&r);
	char body[256];
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", r1);
	ck_assert_int_eq(client_json("POST", "/api/v1/auth/refresh", NULL, body,
	    &r), 0);
	ck_assert_int_eq(r.status, 200);
	j = body_json(&r);
	char *r2 = strdup(jstr(j, "refresh_token"));
	char *a2 = strdup(jstr(j, "access_token"));
	cJSON_Delete(j);
	reply_free(&r);
	ck_assert_str_ne(r1, r2);
	ck_assert_int_eq(client_json("GET", "/api/v1/me", a2, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	/* r1 again: stolen; the family dies, r2 with it */
	ck_assert_int_eq(client_json("POST", "/api/v1/auth/refresh", NULL, body,
	    &r), 0);
	ck_assert_int_eq(r.status, 401);
	reply_free(&r);
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", r2);
	ck_assert_int_eq(client_json("POST", "/api/v1/auth/refresh", NULL, body,
	    &r), 0);
	ck_assert_int_eq(r.status, 401);
	reply_free(&r);
	/* API sign-out revokes a fresh family too */
	ck_assert_int_eq(kit_try_token(slug, "r@ref.test", "blue7Horse!fence", &r),
	    200);
	j = body_json(&r);
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}",
	    jstr(j, "refresh_token"));
	cJSON_Delete(j);
	reply_free(&r);
	ck_assert_int_eq(client_json("POST", "/api/v1/auth/logout", NULL, body,
	    &r), 0);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	ck_assert_int_eq(client_json("POST", "/api/v1/auth/refresh", NULL, body,
	    &r), 0);
	ck_assert_int_eq(r.status, 401);
	reply_free(&r);
	free(r1);
	free(r2);
	free(a2);
}
END_TEST

START_TEST(demo_users)
{
	/* each holds what role_matrix grants its role, which roles.c checks
	 * permission by permission */
	static const struct { const char *email, *role; } demo[] = {
		{ "owner@demo.test", "owner" },
		{ "admin@demo.test", "admin" },
		{ "accountant@demo.test", "accountant" },
		{ "sales@demo.test", "sales" },
		{ "viewer@demo.test", "viewer" },
	};
	for (size_t i = 0; i < sizeof(demo) / sizeof(demo[0]); i++) {
		reply r;
		ck_assert_int_eq(kit_try_token("demo", demo[i].email,
		    "Demo-pass-2026", &r), 200);
		cJSON *j = body_json(&r);
		char *t = strdup(jstr(j, "access_token"));
		cJSON_Delete(j);
		reply_free(&r);
		ck_assert_int_eq(client_json("GET", "/api/v1/me", t, NULL, &r),
		    0);
		j = body_json(&r);
		ck_assert_str_eq(jstr(j, "role"), demo[i].role);
		ck_assert_str_eq(jstr(j, "tenant.name"), "Demo Traders Pvt Ltd");
		ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j,
		    "permissions")), kit_adm_int("SELECT count(*) FROM role_matrix "
		    "WHERE role = '%s'", demo[i].role));
		cJSON_Delete(j);
		reply_free(&r);
		free(t);
	}
}
END_TEST

/* rls_proof: as the application role, for every table with a tenant_id
 * (and tenants itself): with no tenant set nothing is visible; with one
 * set, only that tenant's rows; and RLS is forced on each. */
START_TEST(rls_proof)
{
	free(sign_up(unique("rlsa"), "a@rls.test"));
	free(sign_up(unique("rlsb"), "b@rls.test"));
	db *app = db_open(getenv("BURSAR_APP_CONNINFO"), 2);
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res t, r;
	ck_assert_int_eq(db_exec(adm, &t, "SELECT c.relname, c.relrowsecurity "
	    "AND c.relforcerowsecurity, c.relname = 'tenants' FROM pg_class c "
	    "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = "
	    "'public' WHERE c.relkind = 'r' AND (c.relname = 'tenants' OR "
	    "EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND "
	    "a.attname = 'tenant_id' AND NOT a.attisdropped)) ORDER BY 1", 0,
	    NULL), 0);
	ck_assert_int_ge(t.rows, 10);
	ck_assert_int_eq(db_exec(adm, &r, "SELECT id FROM tenants ORDER BY "
	    "created_at DESC LIMIT 1", 0, NULL), 0);
	char tenant[64];
	snprintf(tenant, sizeof(tenant), "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	for (int i = 0; i < t.rows; i++) {
		const char *table = db_text(&t, i, 0);
		int forced = 0, is_tenants = 0;
		db_bool(&t, i, 1, &forced);
		db_bool(&t, i, 2, &is_tenants);
		ck_assert_msg(forced, "%s: row-level security is not forced",
		    table);
		const char *col = is_tenants ? "id" : "tenant_id";
		/* identifiers come from the catalogue, never from input */
		char *sql = NULL;
		ck_assert_int_ne(asprintf(&sql, "SELECT count(*), count(*) "
		    "FILTER (WHERE %s <> '%s') FROM %s", col, tenant, table), -1);
		ck_assert_int_eq(db_exec(app, &r, sql, 0, NULL), 0);
		ck_assert_msg(strcmp(db_text(&r, 0, 0), "0") == 0,
		    "%s: rows visible with no tenant set", table);
		db_res_clear(&r);
		ck_assert_int_eq(db_begin(app), 0);
		ck_assert_int_eq(db_set_tenant(app, tenant), 0);
		ck_assert_int_eq(db_exec(app, &r, sql, 0, NULL), 0);
		ck_assert_msg(strcmp(db_text(&r, 0, 1), "0") == 0,
		    "%s: another tenant's rows are visible", table);
		db_res_clear(&r);
		db_rollback(app);
		free(sql);
	}
	db_res_clear(&t);
	/* and writing into another tenant is refused, not hidden */
	ck_assert_int_eq(db_begin(app), 0);
	ck_assert_int_eq(db_set_tenant(app, tenant), 0);
	ck_assert_int_eq(db_exec(app, &r, "INSERT INTO branches (tenant_id, "
	    "code, name) VALUES ('de300000-0000-4000-8000-000000000001', 'X', "
	    "'sneaky')", 0, NULL), -1);
	ck_assert_str_eq(r.sqlstate, "42501");
	db_res_clear(&r);
	db_rollback(app);
	/* the application role cannot switch RLS off */
	ck_assert_int_eq(db_exec(app, &r, "ALTER TABLE users DISABLE ROW LEVEL "
	    "SECURITY", 0, NULL), -1);
	db_res_clear(&r);
	ck_assert_int_eq(db_exec(app, &r, "SET row_security = off", 0, NULL), 0);
	db_res_clear(&r);
	ck_assert_int_eq(db_exec(app, &r, "SELECT count(*) FROM users", 0,
	    NULL), -1);	/* with RLS off, a policy-bound role gets an error */
	db_res_clear(&r);
	db_close(app);
	db_close(adm);
}
END_TEST

static char *fresh_token(const char *slug, const char *email,
    const char *pw);

/* owner_token: a new access token for an owner made by sign_up */
static char *
owner_token(const char *slug, const char *email)
{
	return fresh_token(slug, email, "blue7Horse!fence");
}

static cJSON *
verify(const char *token)
{
	reply r;
	ck_assert_int_eq(client_json("POST", "/api/v1/audit/verify", token, "{}",
	    &r), 0);
	ck_assert_int_eq(r.status, 200);
	cJSON *j = body_json(&r);
	reply_free(&r);
	return j;
}

/* run_cron_twice: the cron program twice at the same moment, as an
 * overlapping schedule would; 0 when both succeed. */
static int
run_cron_twice(const char *name)
{
	return sh("export BURSAR_CONFIG=%s/bursar.conf BURSAR_AUDIT_ARCHIVE_DAYS=0; "
	    "p=%s/cron/%s; $p >/dev/null & $p >/dev/null; a=$?; wait $!; "
	    "[ $a = 0 ] && [ $? = 0 ]", getenv("BURSAR_VAR"),
	    getenv("BURSAR_BUILD"), name);
}

START_TEST(audit_chain)
{
	const char *slug = unique("aud");
	char *t = sign_up(slug, "o@aud.test");
	free(t);
	t = owner_token(slug, "o@aud.test");
	cJSON *j = get_json("/api/v1/audit", t, 200);
	cJSON *items = cJSON_GetObjectItem(j, "items");
	/* newest first: the token just issued, the one of sign-up, creation */
	ck_assert_int_eq(cJSON_GetArraySize(items), 3);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items, 0), "action"),
	    "token.issued");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items, 2), "action"),
	    "tenant.created");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items, 2), "actor"),
	    "o@aud.test");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items, 2), "ip"), "127.0.0.1");
	ck_assert_str_eq(jstr(cJSON_GetObjectItem(cJSON_GetArrayItem(items, 2),
	    "after"), "slug"), slug);
	cJSON_Delete(j);
	/* filters and pages */
	j = get_json("/api/v1/audit?action=token.issued&limit=1", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	char path[256];
	snprintf(path, sizeof(path), "/api/v1/audit?action=token.issued&limit=1"
	    "&cursor=%s", jstr(j, "next"));
	cJSON_Delete(j);
	j = get_json(path, t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "next")));
	cJSON_Delete(j);
	cJSON_Delete(get_json("/api/v1/audit?cursor=!!", t, 400));
	cJSON_Delete(get_json("/api/v1/audit?limit=500", t, 400));
	j = verify(t);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(j, "valid")));
	cJSON_Delete(j);

	/* append-only: the application cannot change or remove an entry,
	 * and even the superuser is stopped by the database */
	db *app = db_open(getenv("BURSAR_APP_CONNINFO"), 2);
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res r;
	ck_assert_int_eq(db_exec(app, &r, "DELETE FROM audit_log", 0, NULL), -1);
	ck_assert_str_eq(r.sqlstate, "42501");
	db_res_clear(&r);
	const char *sp[1] = { slug };
	ck_assert_int_eq(db_exec(adm, &r, "UPDATE audit_log SET ip = '6.6.6.6' "
	    "WHERE tenant_id = auth_tenant_by_slug($1)", 1, sp), -1);
	ck_assert_str_eq(r.sqlstate, "23000");
	db_res_clear(&r);
	/* someone with the keys to the server edits entry 2 behind the
	 * trigger's back: verify names it */
	ck_assert_int_eq(db_begin(adm), 0);
	ck_assert_int_eq(db_exec(adm, &r, "ALTER TABLE audit_log DISABLE TRIGGER "
	    "audit_log_append_only", 0, NULL), 0);
	db_res_clear(&r);
	ck_assert_int_eq(db_exec(adm, &r, "UPDATE audit_log SET ip = '6.6.6.6' "
	    "WHERE tenant_id = auth_tenant_by_slug($1) AND seq = 2", 1, sp), 0);
	db_res_clear(&r);
	ck_assert_int_eq(db_exec(adm, &r, "ALTER TABLE audit_log ENABLE TRIGGER "
	    "audit_log_append_only", 0, NULL), 0);
	db_res_clear(&r);
	ck_assert_int_eq(db_commit(adm, NULL), 0);
	j = verify(t);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(j, "valid")));
	ck_assert_int_eq(cJSON_GetObjectItem(j, "first_broken_seq")->valueint, 2);
	cJSON_Delete(j);
	db_close(app);
	db_close(adm);
	free(t);
}
END_TEST

START_TEST(audit_archive_keeps_the_chain)
{
	const char *slug = unique("arc");
	free(sign_up(slug, "o@arc.test"));
	char *t = owner_token(slug, "o@arc.test");
	/* every entry, every tenant, moved; twice at once is harmless */
	ck_assert_int_eq(run_cron_twice("audit_archive"), 0);
	cJSON *j = get_json("/api/v1/audit", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 0);
	cJSON_Delete(j);
	j = verify(t);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(j, "valid")));
	ck_assert_int_eq(cJSON_GetObjectItem(j, "entries")->valueint, 3);
	cJSON_Delete(j);
	/* new entries continue the archived chain */
	free(t);
	t = owner_token(slug, "o@arc.test");
	j = get_json("/api/v1/audit", t, 200);
	cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "items"), 0);
	ck_assert_int_eq(cJSON_GetObjectItem(first, "seq")->valueint, 4);
	cJSON_Delete(j);
	j = verify(t);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(j, "valid")));
	cJSON_Delete(j);
	free(t);
}
END_TEST

START_TEST(cleanup_cron)
{
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res r;
	ck_assert_int_eq(db_exec(adm, &r, "INSERT INTO sessions (tenant_id, "
	    "user_id, token_hash, csrf_token, expires_at) SELECT tenant_id, id, "
	    "'stale-' || id, 'x', now() - interval '1 minute' FROM users WHERE "
	    "email = 'viewer@demo.test'", 0, NULL), 0);
	db_res_clear(&r);
	ck_assert_int_eq(db_exec(adm, &r, "INSERT INTO login_failures (key, at) "
	    "VALUES ('ip:test-stale', now() - interval '20 minutes')", 0, NULL),
	    0);
	db_res_clear(&r);
	ck_assert_int_eq(run_cron_twice("auth_cleanup"), 0);
	ck_assert_int_eq(db_exec(adm, &r, "SELECT (SELECT count(*) FROM sessions "
	    "WHERE token_hash LIKE 'stale-%') + (SELECT count(*) FROM "
	    "login_failures WHERE key = 'ip:test-stale')", 0, NULL), 0);
	ck_assert_str_eq(db_text(&r, 0, 0), "0");
	db_res_clear(&r);
	db_close(adm);
}
END_TEST

START_TEST(audit_needs_permission)
{
	reply r;
	ck_assert_int_eq(kit_try_token("demo", "sales@demo.test", "Demo-pass-2026",
	    &r), 200);
	cJSON *j = body_json(&r);
	char *t = strdup(jstr(j, "access_token"));
	cJSON_Delete(j);
	reply_free(&r);
	cJSON_Delete(get_json("/api/v1/audit", t, 403));
	free(t);
}
END_TEST

/* mailed_token: the token in the newest caught mail to addr, waiting up
 * to 5 s for the sender; malloc'd, or NULL. */
static char *
mailed_token(const char *addr, const char *link)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "for i in $(seq 50); do f=$(grep -l "
	    "'^To: %s' %s/mail/new/* 2>/dev/null | xargs -r ls -t | head -n1); "
	    "[ -n \"$f\" ] && grep -q '%s' \"$f\" && break; sleep 0.1; done; "
	    "[ -n \"$f\" ] && grep -o '%s?token=[A-Za-z0-9_-]*' \"$f\" | "
	    "tail -n1 | sed 's/.*token=//'", addr, getenv("BURSAR_VAR"), link,
	    link);
	FILE *p = popen(cmd, "r");
	char tok[128] = "";
	if (fgets(tok, sizeof(tok), p) == NULL)
		tok[0] = '\0';
	pclose(p);
	tok[strcspn(tok, "\r\n")] = '\0';
	return tok[0] ? strdup(tok) : NULL;
}

START_TEST(password_reset_by_mail)
{
	const char *slug = unique("rst");
	free(sign_up(slug, "forgetful@rst.test"));
	char *old_token = owner_token(slug, "forgetful@rst.test");
	reply r;
	char body[512];
	/* known or not, the same answer */
	snprintf(body, sizeof(body), "{\"tenant\":\"%s\",\"email\":"
	    "\"ghost@rst.test\"}", slug);
	ck_assert_int_eq(post_json("/api/v1/password/forgot", NULL, body, &r),
	    202);
	char ghost[1024];
	snprintf(ghost, sizeof(ghost), "%s", buf_str(&r.body));
	reply_free(&r);
	snprintf(body, sizeof(body), "{\"tenant\":\"%s\",\"email\":"
	    "\"Forgetful@rst.test\"}", slug);
	ck_assert_int_eq(post_json("/api/v1/password/forgot", NULL, body, &r),
	    202);
	ck_assert_str_eq(buf_str(&r.body), ghost);
	reply_free(&r);
	char *tok = mailed_token("forgetful@rst.test", "/app/password/reset");
	ck_assert_msg(tok != NULL, "no reset mail was caught");
	/* a refused password leaves the token usable */
	snprintf(body, sizeof(body), "{\"token\":\"%s\",\"password\":"
	    "\"short\"}", tok);
	ck_assert_int_eq(post_json("/api/v1/password/reset", NULL, body, &r),
	    422);
	reply_free(&r);
	snprintf(body, sizeof(body), "{\"token\":\"%s\",\"password\":"
	    "\"Fresh-start-2027\"}", tok);
	ck_assert_int_eq(post_json("/api/v1/password/reset", NULL, body, &r),
	    200);
	reply_free(&r);
	/* single use */
	ck_assert_int_eq(post_json("/api/v1/password/reset", NULL, body, &r),
	    400);
	reply_free(&r);
	ck_assert_int_eq(kit_try_token(slug, "forgetful@rst.test", "blue7Horse!fence",
	    &r), 401);
	reply_free(&r);
	ck_assert_int_eq(kit_try_token(slug, "forgetful@rst.test", "Fresh-start-2027",
	    &r), 200);
	reply_free(&r);
	/* the refresh tokens of before are gone with the old password */
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res q;
	const char *sp[1] = { slug };
	ck_assert_int_eq(db_exec(adm, &q, "SELECT count(*) FROM refresh_tokens "
	    "WHERE tenant_id = auth_tenant_by_slug($1) AND revoked_at IS NULL "
	    "AND created_at < (SELECT max(created_at) FROM refresh_tokens WHERE "
	    "tenant_id = auth_tenant_by_slug($1))", 1, sp), 0);
	ck_assert_str_eq(db_text(&q, 0, 0), "0");
	db_res_clear(&q);
	db_close(adm);
	free(tok);
	free(old_token);
}
END_TEST

START_TEST(invitation_by_mail)
{
	const char *slug = unique("inv");
	char *owner = sign_up(slug, "boss@inv.test");
	reply r;
	const char *bad = "{\"email\":\"not-an-email\",\"name\":\"\","
	    "\"role\":\"wizard\"}";
	ck_assert_int_eq(post_json("/api/v1/users/invite", owner, bad, &r), 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "\"email\""));
	reply_free(&r);
	const char *good = "{\"email\":\"new@inv.test\",\"name\":\"Nia New\","
	    "\"role\":\"accountant\"}";
	ck_assert_int_eq(post_json("/api/v1/users/invite", owner, good, &r), 201);
	reply_free(&r);
	ck_assert_int_eq(post_json("/api/v1/users/invite", owner, good, &r), 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "already"));
	reply_free(&r);
	/* not yet joined: no password, no sign-in */
	ck_assert_int_eq(kit_try_token(slug, "new@inv.test", "", &r), 401);
	reply_free(&r);
	char *tok = mailed_token("new@inv.test", "/app/invite/accept");
	ck_assert_msg(tok != NULL, "no invitation mail was caught");
	char body[256];
	snprintf(body, sizeof(body), "{\"token\":\"%s\",\"password\":"
	    "\"Ledger-lover-42\"}", tok);
	ck_assert_int_eq(post_json("/api/v1/invite/accept", NULL, body, &r),
	    200);
	cJSON *j = body_json(&r);
	char *access = strdup(jstr(j, "access_token"));
	cJSON_Delete(j);
	reply_free(&r);
	ck_assert_int_eq(post_json("/api/v1/invite/accept", NULL, body, &r),
	    400);
	reply_free(&r);
	j = get_json("/api/v1/me", access, 200);
	ck_assert_str_eq(jstr(j, "role"), "accountant");
	ck_assert_str_eq(jstr(j, "user.name"), "Nia New");
	cJSON_Delete(j);
	/* an accountant may not invite */
	ck_assert_int_eq(post_json("/api/v1/users/invite", access,
	    "{\"email\":\"x@inv.test\",\"name\":\"X\",\"role\":\"viewer\"}",
	    &r), 403);
	reply_free(&r);
	free(tok);
	free(access);
	free(owner);
}
END_TEST

START_TEST(change_password)
{
	const char *slug = unique("chg");
	char *t = sign_up(slug, "c@chg.test");
	reply r;
	ck_assert_int_eq(post_json("/api/v1/password", t, "{\"current_password\":"
	    "\"wrong\",\"password\":\"Another-good-one-9\"}", &r), 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "current_password"));
	reply_free(&r);
	ck_assert_int_eq(post_json("/api/v1/password", t, "{\"current_password\":"
	    "\"blue7Horse!fence\",\"password\":\"Another-good-one-9\"}", &r),
	    200);
	reply_free(&r);
	ck_assert_int_eq(kit_try_token(slug, "c@chg.test", "Another-good-one-9", &r),
	    200);
	reply_free(&r);
	free(t);
}
END_TEST

START_TEST(api_keys_and_scopes)
{
	const char *slug = unique("key");
	char *owner = sign_up(slug, "o@key.test");
	reply r;
	ck_assert_int_eq(post_json("/api/v1/api-keys", owner, "{\"name\":\"shop\","
	    "\"scopes\":\"sales.read, bogus.perm\"}", &r), 422);
	reply_free(&r);
	ck_assert_int_eq(post_json("/api/v1/api-keys", owner, "{\"name\":"
	    "\"web shop\",\"scopes\":\"sales.read\"}", &r), 201);
	cJSON *j = body_json(&r);
	char *key = strdup(jstr(j, "key"));
	char *id = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	reply_free(&r);
	ck_assert_ptr_eq(strstr(key, "bk_"), key);
	/* only its hash is kept */
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res q;
	const char *kp[1] = { key };
	ck_assert_int_eq(db_exec(adm, &q, "SELECT count(*) FILTER (WHERE "
	    "key_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')), count(*) "
	    "FILTER (WHERE position($1 IN k::text) > 0) FROM api_keys k", 1, kp),
	    0);
	ck_assert_str_eq(db_text(&q, 0, 0), "1");
	ck_assert_str_eq(db_text(&q, 0, 1), "0");
	db_res_clear(&q);
	/* in scope: fine; out of scope: 403, whatever its creator may do */
	j = get_json("/api/v1/me", key, 200);
	ck_assert_str_eq(jstr(j, "role"), "api_key");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j,
	    "permissions")), 1);
	cJSON_Delete(j);
	cJSON_Delete(get_json("/api/v1/audit", key, 403));
	cJSON_Delete(get_json("/api/v1/api-keys", key, 403));
	/* its use is recorded */
	const char *ip[1] = { id };
	ck_assert_int_eq(db_exec(adm, &q, "SELECT last_used_at IS NOT NULL FROM "
	    "api_keys WHERE id = $1", 1, ip), 0);
	ck_assert_str_eq(db_text(&q, 0, 0), "t");
	db_res_clear(&q);
	j = get_json("/api/v1/api-keys", owner, 200);
	cJSON *k0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "items"), 0);
	ck_assert_str_eq(jstr(k0, "name"), "web shop");
	ck_assert_ptr_null(cJSON_GetObjectItem(k0, "key"));	/* never again */
	cJSON_Delete(j);
	/* another business cannot touch it: not even learn it exists */
	char *other = sign_up(unique("key2"), "x@key2.test");
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/api-keys/%s/revoke", id);
	ck_assert_int_eq(post_json(path, other, "{}", &r), 404);
	reply_free(&r);
	ck_assert_int_eq(post_json(path, owner, "{}", &r), 200);
	reply_free(&r);
	cJSON_Delete(get_json("/api/v1/me", key, 401));
	ck_assert_int_eq(post_json(path, owner, "{}", &r), 404);
	reply_free(&r);
	db_close(adm);
	free(key);
	free(id);
	free(owner);
	free(other);
}
END_TEST

/* invited: invites email with role into the owner's business and joins
 * through the mailed link; returns the new user's access token. */
static char *
invited(const char *owner, const char *email, const char *role, char **id)
{
	char body[512];
	reply r;
	snprintf(body, sizeof(body), "{\"email\":\"%s\",\"name\":\"Member\","
	    "\"role\":\"%s\"}", email, role);
	ck_assert_int_eq(post_json("/api/v1/users/invite", owner, body, &r), 201);
	cJSON *j = body_json(&r);
	if (id)
		*id = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	reply_free(&r);
	char *tok = mailed_token(email, "/app/invite/accept");
	ck_assert_ptr_nonnull(tok);
	snprintf(body, sizeof(body), "{\"token\":\"%s\",\"password\":"
	    "\"Team-player-2026\"}", tok);
	free(tok);
	ck_assert_int_eq(post_json("/api/v1/invite/accept", NULL, body, &r), 200);
	j = body_json(&r);
	char *access = strdup(jstr(j, "access_token"));
	cJSON_Delete(j);
	reply_free(&r);
	return access;
}

static char *
fresh_token(const char *slug, const char *email, const char *pw)
{
	reply r;
	ck_assert_int_eq(kit_try_token(slug, email, pw, &r), 200);
	return take_access(&r);
}

START_TEST(team_roles_and_branches)
{
	const char *slug = unique("team");
	char *owner = sign_up(slug, "own@team.test");
	char *uid = NULL;
	char *member = invited(owner, "m@team.test", "accountant", &uid);
	free(member);
	char path[256];
	reply r;
	/* the role changes what the member may do */
	snprintf(path, sizeof(path), "/api/v1/users/%s/role", uid);
	ck_assert_int_eq(post_json(path, owner, "{\"role\":\"sales\"}", &r),
	    200);
	reply_free(&r);
	member = fresh_token(slug, "m@team.test", "Team-player-2026");
	cJSON *j = get_json("/api/v1/me", member, 200);
	ck_assert_str_eq(jstr(j, "role"), "sales");
	cJSON_Delete(j);
	ck_assert_int_eq(post_json(path, owner, "{\"role\":\"wizard\"}", &r),
	    422);
	reply_free(&r);
	/* the last owner stays an owner */
	j = get_json("/api/v1/me", owner, 200);
	snprintf(path, sizeof(path), "/api/v1/users/%s/role", jstr(j,
	    "user.id"));
	cJSON_Delete(j);
	ck_assert_int_eq(post_json(path, owner, "{\"role\":\"admin\"}", &r),
	    422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "keep an owner"));
	reply_free(&r);
	/* a custom role from the catalogue; built-in roles are fixed */
	ck_assert_int_eq(post_json("/api/v1/roles", owner, "{\"name\":"
	    "\"auditor\",\"permissions\":\"audit.read, users.read\"}", &r),
	    200);
	reply_free(&r);
	ck_assert_int_eq(post_json("/api/v1/roles", owner, "{\"name\":"
	    "\"viewer\",\"permissions\":\"audit.read\"}", &r), 422);
	reply_free(&r);
	ck_assert_int_eq(post_json("/api/v1/roles", owner, "{\"name\":"
	    "\"odd\",\"permissions\":\"fly.plane\"}", &r), 422);
	reply_free(&r);
	snprintf(path, sizeof(path), "/api/v1/users/%s/role", uid);
	ck_assert_int_eq(post_json(path, owner, "{\"role\":\"auditor\"}", &r),
	    200);
	reply_free(&r);
	free(member);
	member = fresh_token(slug, "m@team.test", "Team-player-2026");
	j = get_json("/api/v1/me", member, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j,
	    "permissions")), 2);
	cJSON_Delete(j);
	cJSON_Delete(get_json("/api/v1/audit", member, 200));
	/* branches: a limited user sees only theirs */
	ck_assert_int_eq(post_json("/api/v1/branches", owner, "{\"code\":\"MUM\","
	    "\"name\":\"Mumbai\"}", &r), 201);
	reply_free(&r);
	ck_assert_int_eq(post_json("/api/v1/branches", owner, "{\"code\":\"MUM\","
	    "\"name\":\"Again\"}", &r), 422);
	reply_free(&r);
	ck_assert_int_eq(post_json(path, owner, "{\"role\":\"viewer\"}", &r),
	    200);
	reply_free(&r);
	snprintf(path, sizeof(path), "/api/v1/users/%s/branches", uid);
	ck_assert_int_eq(post_json(path, owner, "{\"branches\":\"MUM, NOPE\"}",
	    &r), 422);
	reply_free(&r);
	ck_assert_int_eq(post_json(path, owner, "{\"branches\":\"MUM\"}", &r),
	    200);
	reply_free(&r);
	free(member);
	member = fresh_token(slug, "m@team.test", "Team-player-2026");
	j = get_json("/api/v1/branches", member, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(j,
	    "items"), 0), "code"), "MUM");
	cJSON_Delete(j);
	j = get_json("/api/v1/branches", owner, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 2);
	cJSON_Delete(j);
	/* deactivated: no sign-in, no refresh; and nobody deactivates self */
	snprintf(path, sizeof(path), "/api/v1/users/%s/deactivate", uid);
	ck_assert_int_eq(post_json(path, owner, "{}", &r), 200);
	reply_free(&r);
	ck_assert_int_eq(kit_try_token(slug, "m@team.test", "Team-player-2026", &r),
	    401);
	reply_free(&r);
	j = get_json("/api/v1/me", owner, 200);
	snprintf(path, sizeof(path), "/api/v1/users/%s/deactivate", jstr(j,
	    "user.id"));
	cJSON_Delete(j);
	ck_assert_int_eq(post_json(path, owner, "{}", &r), 422);
	reply_free(&r);
	/* every change is in the audit log with before and after */
	j = get_json("/api/v1/audit?action=user.role_changed", owner, 200);
	cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "items"), 0);
	ck_assert_str_eq(jstr(cJSON_GetObjectItem(e, "before"), "role"),
	    "auditor");
	ck_assert_str_eq(jstr(cJSON_GetObjectItem(e, "after"), "role"),
	    "viewer");
	cJSON_Delete(j);
	free(member);
	free(owner);
	free(uid);
}
END_TEST

START_TEST(my_sessions)
{
	const char *slug = unique("ses");
	free(sign_up(slug, "s@ses.test"));
	char csrf[128], cookie[256], body[512], s1[128], s2[128];
	csrf_cookie(csrf, sizeof(csrf));
	snprintf(cookie, sizeof(cookie), "bursar_csrf=%s", csrf);
	snprintf(body, sizeof(body), "csrf_token=%s&tenant=%s&email=s%%40ses.test"
	    "&password=blue7Horse%%21fence", csrf, slug);
	reply r;
	ck_assert_int_eq(client_form("/app/login", cookie, body, &r), 0);
	reply_cookie(&r, "bursar_session", s1, sizeof(s1));
	reply_free(&r);
	ck_assert_int_eq(client_form("/app/login", cookie, body, &r), 0);
	reply_cookie(&r, "bursar_session", s2, sizeof(s2));
	reply_free(&r);
	char hdr[300];
	snprintf(hdr, sizeof(hdr), "Cookie: bursar_session=%s", s2);
	const char *h[] = { hdr, NULL };
	ck_assert_int_eq(client_do("GET", "/api/v1/sessions", h, NULL, 0, &r), 0);
	cJSON *j = body_json(&r);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 2);
	cJSON_Delete(j);
	reply_free(&r);
	/* the session's CSRF token, from any page it renders */
	ck_assert_int_eq(client_do("GET", "/app/sessions", h, NULL, 0, &r), 0);
	static const char mark[] = "name=\"csrf_token\" value=\"";
	const char *t = strstr(buf_str(&r.body), mark) + sizeof(mark) - 1;
	char stoken[128];
	snprintf(stoken, sizeof(stoken), "%.*s", (int)strcspn(t, "\""), t);
	reply_free(&r);
	snprintf(cookie, sizeof(cookie), "bursar_session=%s", s2);
	snprintf(body, sizeof(body), "csrf_token=%s", stoken);
	ck_assert_int_eq(client_form("/app/sessions/others/end", cookie, body,
	    &r), 0);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_int_eq(client_do("GET", "/api/v1/sessions", h, NULL, 0, &r), 0);
	j = body_json(&r);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	cJSON_Delete(j);
	reply_free(&r);
	snprintf(hdr, sizeof(hdr), "Cookie: bursar_session=%s", s1);
	ck_assert_int_eq(client_do("GET", "/api/v1/sessions", h, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 401);
	reply_free(&r);
}
END_TEST

/* Every route that takes an id answers 404, never 403, for an id of
 * another business, and changes nothing there. */
START_TEST(other_tenants_ids_are_not_found)
{
	const char *slug = unique("ta");
	char *a = sign_up(slug, "a@ta.test");
	char *uid = NULL;
	free(invited(a, "victim@ta.test", "viewer", &uid));
	reply r;
	ck_assert_int_eq(post_json("/api/v1/api-keys", a, "{\"name\":\"k\","
	    "\"scopes\":\"sales.read\"}", &r), 201);
	cJSON *j = body_json(&r);
	char *kid = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	reply_free(&r);
	char *b = sign_up(unique("tb"), "b@tb.test");
	const struct { const char *fmt, *id, *body; } routes[] = {
		{ "/api/v1/users/%s/role", uid, "{\"role\":\"owner\"}" },
		{ "/api/v1/users/%s/branches", uid, "{\"branches\":\"\"}" },
		{ "/api/v1/users/%s/deactivate", uid, "{}" },
		{ "/api/v1/users/%s/activate", uid, "{}" },
		{ "/api/v1/api-keys/%s/revoke", kid, "{}" },
	};
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		char path[256];
		snprintf(path, sizeof(path), routes[i].fmt, routes[i].id);
		ck_assert_int_eq(post_json(path, b, routes[i].body, &r), 404);
		ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "not_found"));
		reply_free(&r);
	}
	/* nothing changed in A */
	ck_assert_int_eq(kit_try_token(slug, "victim@ta.test", "Team-player-2026",
	    &r), 200);
	j = body_json(&r);
	reply_free(&r);
	cJSON *me = get_json("/api/v1/me", jstr(j, "access_token"), 200);
	ck_assert_str_eq(jstr(me, "role"), "viewer");
	cJSON_Delete(me);
	cJSON_Delete(j);
	j = get_json("/api/v1/api-keys", a, 200);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    cJSON_GetObjectItem(j, "items"), 0), "revoked")));
	cJSON_Delete(j);
	free(a);
	free(b);
	free(uid);
	free(kid);
}
END_TEST

TCase *
identity_tcase(void)
{
	TCase *tc = tcase_create("identity");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, sign_up_and_me);
	tcase_add_test(tc, sign_up_refuses_bad_input);
	tcase_add_test(tc, browser_sign_in_and_out);
	tcase_add_test(tc, account_throttling);
	tcase_add_test(tc, address_throttling);
	tcase_add_test(tc, refresh_rotation_and_reuse);
	tcase_add_test(tc, demo_users);
	tcase_add_test(tc, rls_proof);
	tcase_add_test(tc, audit_chain);
	tcase_add_test(tc, audit_archive_keeps_the_chain);
	tcase_add_test(tc, cleanup_cron);
	tcase_add_test(tc, audit_needs_permission);
	tcase_add_test(tc, password_reset_by_mail);
	tcase_add_test(tc, invitation_by_mail);
	tcase_add_test(tc, change_password);
	tcase_add_test(tc, api_keys_and_scopes);
	tcase_add_test(tc, team_roles_and_branches);
	tcase_add_test(tc, my_sessions);
	tcase_add_test(tc, other_tenants_ids_are_not_found);
	return tc;
}
