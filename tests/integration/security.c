/* security.c: credentials that follow their user (issue 24.1, 24.3,
 * 24.8): API keys narrowed with their creator, the audit log's actor for
 * every credential, reset links and access tokens that end, and a sign-in
 * throttle that counts atomically and locks no known email out. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <cJSON.h>

#include "client.h"
#include "db/db.h"
#include "kit.h"
#include "suites.h"

#define PW "blue7Horse!fence"


/* tokens: a sign-in's access token and refresh token (malloc'd) */
static void
tokens(const char *slug, const char *email, const char *pw, char **access,
    char **refresh)
{
	reply r;
	ck_assert_int_eq(kit_try_token(slug, email, pw, &r), 200);
	cJSON *j = body_json(&r);
	*access = strdup(jstr(j, "access_token"));
	if (refresh)
		*refresh = strdup(jstr(j, "refresh_token"));
	cJSON_Delete(j);
	reply_free(&r);
}

/* mailed_token: the token in the newest caught mail to addr with link
 * that is not `not` (NULL: any), waiting up to 5 s; malloc'd, or NULL */
static char *
mailed_token(const char *addr, const char *link, const char *not)
{
	for (int i = 0; i < 50; i++) {
		char cmd[1024];
		snprintf(cmd, sizeof(cmd), "f=$(grep -l '^To: %s' %s/mail/new/* "
		    "2>/dev/null | xargs -r ls -t | head -n1); [ -n \"$f\" ] && "
		    "grep -o '%s?token=[A-Za-z0-9_-]*' \"$f\" | tail -n1 | "
		    "sed 's/.*token=//'", addr, getenv("BURSAR_VAR"), link);
		FILE *p = popen(cmd, "r");
		char tok[128] = "";
		if (fgets(tok, sizeof(tok), p) == NULL)
			tok[0] = '\0';
		pclose(p);
		tok[strcspn(tok, "\r\n")] = '\0';
		if (tok[0] && (not == NULL || strcmp(tok, not) != 0))
			return strdup(tok);
		usleep(100000);
	}
	return NULL;
}

/* invited: a user of the owner's business with role, joined through the
 * mailed link with password PW; *id its id (malloc'd) */
static void
invited(const char *owner, const char *email, const char *role, char **id)
{
	char body[512];
	reply r;
	snprintf(body, sizeof(body), "{\"email\":\"%s\",\"name\":\"Member\","
	    "\"role\":\"%s\"}", email, role);
	ck_assert_int_eq(post_json("/api/v1/users/invite", owner, body, &r), 201);
	cJSON *j = body_json(&r);
	*id = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	reply_free(&r);
	char *tok = mailed_token(email, "/app/invite/accept", NULL);
	ck_assert_ptr_nonnull(tok);
	snprintf(body, sizeof(body), "{\"token\":\"%s\",\"password\":\"%s\"}",
	    tok, PW);
	free(tok);
	ck_assert_int_eq(post_json("/api/v1/invite/accept", NULL, body, &r), 200);
	reply_free(&r);
}

/* new_key: an API key with scopes made by token; *id its id */
static char *
new_key(const char *token, const char *name, const char *scopes, char **id)
{
	char body[512];
	snprintf(body, sizeof(body), "{\"name\":\"%s\",\"scopes\":\"%s\"}", name,
	    scopes);
	cJSON *j = kit_post("/api/v1/api-keys", token, body, 201);
	char *key = strdup(jstr(j, "key"));
	if (id)
		*id = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	return key;
}

START_TEST(api_key_follows_its_creator)
{
	const char *slug = unique("kcr");
	char *owner = sign_up(slug, "o@kcr.test");
	char *admin_id, *admin;
	invited(owner, "adm@kcr.test", "admin", &admin_id);
	tokens(slug, "adm@kcr.test", PW, &admin, NULL);
	char *kid, *key = new_key(admin, "robot", "users.manage,api_keys.manage,"
	    "sales.read,sales.write", &kid);
	/* while its creator is an admin, the key may manage people */
	char *victim_id;
	invited(key, "v@kcr.test", "viewer", &victim_id);
	/* the admin is demoted to sales: the answer names the narrowed key */
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/users/%s/role", admin_id);
	cJSON *j = kit_post(path, owner, "{\"role\":\"sales\"}", 200);
	cJSON *nk = cJSON_GetObjectItem(j, "narrowed_keys");
	ck_assert_int_eq(cJSON_GetArraySize(nk), 1);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(nk, 0), "name"), "robot");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(nk, 0), "id"), kid);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(nk, 0), "lost"),
	    "api_keys.manage, users.manage");
	cJSON_Delete(j);
	/* the old key can no longer mint keys, invite, activate or change
	 * roles */
	kit_refused("POST", "/api/v1/api-keys", key, "{\"name\":\"r2\","
	    "\"scopes\":\"sales.read\"}", 403, NULL);
	kit_refused("POST", "/api/v1/users/invite", key, "{\"email\":"
	    "\"x@kcr.test\",\"name\":\"X\",\"role\":\"admin\"}", 403, NULL);
	snprintf(path, sizeof(path), "/api/v1/users/%s/activate", victim_id);
	kit_refused("POST", path, key, "{}", 403, NULL);
	snprintf(path, sizeof(path), "/api/v1/users/%s/role", admin_id);
	kit_refused("POST", path, key, "{\"role\":\"admin\"}", 403, NULL);
	/* but it still does the sales things in its scope */
	j = get_json("/api/v1/me", key, 200);
	cJSON *perms = cJSON_GetObjectItem(j, "permissions");
	ck_assert_int_eq(cJSON_GetArraySize(perms), 2);
	ck_assert_str_eq(cJSON_GetArrayItem(perms, 0)->valuestring, "sales.read");
	ck_assert_str_eq(cJSON_GetArrayItem(perms, 1)->valuestring,
	    "sales.write");
	cJSON_Delete(j);
	cJSON_Delete(get_json("/api/v1/orders", key, 200));
	/* promoted again, the key has its scopes back: they were kept */
	j = kit_post(path, owner, "{\"role\":\"admin\"}", 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j,
	    "narrowed_keys")), 0);
	cJSON_Delete(j);
	j = get_json("/api/v1/me", key, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j,
	    "permissions")), 4);
	cJSON_Delete(j);
	free(owner);
	free(admin);
	free(admin_id);
	free(key);
	free(kid);
	free(victim_id);
}
END_TEST

/* audit_row: the newest audit entry of the business of slug with action:
 * actor_id, actor_label, ip, api_key_id, each "" when none */
static void
audit_row(const char *slug, const char *action, char out[4][128])
{
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res q;
	const char *p[2] = { slug, action };
	ck_assert_int_eq(db_exec(adm, &q, "SELECT coalesce(actor_id::text, ''), "
	    "actor_label, ip, coalesce(api_key_id::text, '') FROM audit_log "
	    "WHERE tenant_id = auth_tenant_by_slug($1) AND action = $2 ORDER BY "
	    "seq DESC LIMIT 1", 2, p), 0);
	ck_assert_int_eq(q.rows, 1);
	for (int i = 0; i < 4; i++)
		snprintf(out[i], 128, "%s", db_text(&q, 0, i));
	db_res_clear(&q);
	db_close(adm);
}

/* browser_session: signs in through the form; the session cookie
 * ("bursar_session=...") and the session's CSRF token */
static void
browser_session(const char *slug, const char *email, char *cookie,
    size_t clen, char *csrf_out, size_t slen)
{
	reply r;
	char csrf[128], c0[256], body[512], session[128], hdr[600];
	ck_assert_int_eq(client_do("GET", "/app/login", NULL, NULL, 0, &r), 0);
	ck_assert_int_eq(reply_cookie(&r, "bursar_csrf", csrf, sizeof(csrf)), 0);
	reply_free(&r);
	snprintf(c0, sizeof(c0), "bursar_csrf=%s", csrf);
	char *e = strdup(email);
	char *at = strchr(e, '@');
	*at = '\0';
	snprintf(body, sizeof(body), "csrf_token=%s&tenant=%s&email=%s%%40%s&"
	    "password=blue7Horse%%21fence", csrf, slug, e, at + 1);
	free(e);
	ck_assert_int_eq(client_form("/app/login", c0, body, &r), 0);
	ck_assert_int_eq(r.status, 303);
	ck_assert_int_eq(reply_cookie(&r, "bursar_session", session,
	    sizeof(session)), 0);
	reply_free(&r);
	snprintf(cookie, clen, "bursar_session=%s", session);
	snprintf(hdr, sizeof(hdr), "Cookie: %s", cookie);
	const char *ch[] = { hdr, NULL };
	ck_assert_int_eq(client_do("GET", "/app", ch, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 200);
	static const char mark[] = "name=\"csrf_token\" value=\"";
	const char *tok = strstr(buf_str(&r.body), mark);
	ck_assert_ptr_nonnull(tok);
	tok += sizeof(mark) - 1;
	snprintf(csrf_out, slen, "%.*s", (int)strcspn(tok, "\""), tok);
	reply_free(&r);
}

START_TEST(audit_names_every_actor)
{
	const char *slug = unique("act");
	char *owner = sign_up(slug, "boss@act.test");
	cJSON *me = get_json("/api/v1/me", owner, 200);
	char *uid = strdup(jstr(me, "user.id"));
	cJSON_Delete(me);
	char row[4][128];
	/* an access token */
	cJSON_Delete(kit_post("/api/v1/branches", owner, "{\"code\":\"TOK\","
	    "\"name\":\"By token\"}", 201));
	audit_row(slug, "branch.created", row);
	ck_assert_str_eq(row[0], uid);
	ck_assert_str_eq(row[1], "boss@act.test");
	ck_assert_str_eq(row[2], "127.0.0.1");
	ck_assert_str_eq(row[3], "");
	/* an API key: its creator, and the key itself */
	char *kid, *key = new_key(owner, "sync", "branches.manage", &kid);
	cJSON_Delete(kit_post("/api/v1/branches", key, "{\"code\":\"KEY\","
	    "\"name\":\"By key\"}", 201));
	audit_row(slug, "branch.created", row);
	ck_assert_str_eq(row[0], uid);
	ck_assert_str_eq(row[1], "api-key:sync");
	ck_assert_str_eq(row[2], "127.0.0.1");
	ck_assert_str_eq(row[3], kid);
	/* a browser session */
	char cookie[256], csrf[128], body[256];
	browser_session(slug, "boss@act.test", cookie, sizeof(cookie), csrf,
	    sizeof(csrf));
	snprintf(body, sizeof(body), "csrf_token=%s&code=WEB&name=By+browser",
	    csrf);
	reply r;
	ck_assert_int_eq(client_form("/app/branches", cookie, body, &r), 0);
	ck_assert_msg(r.status == 303 || r.status == 201, "branch: %ld %s",
	    r.status, buf_str(&r.body));
	reply_free(&r);
	audit_row(slug, "branch.created", row);
	ck_assert_str_eq(row[0], uid);
	ck_assert_str_eq(row[1], "boss@act.test");
	ck_assert_str_eq(row[2], "127.0.0.1");
	ck_assert_str_eq(row[3], "");
	/* the listing shows them, and the chain still holds */
	cJSON *j = get_json("/api/v1/audit?action=branch.created", owner, 200);
	cJSON *e0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "items"), 0);
	ck_assert_str_eq(jstr(e0, "actor"), "boss@act.test");
	cJSON *e1 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "items"), 1);
	ck_assert_str_eq(jstr(e1, "api_key_id"), kid);
	cJSON_Delete(j);
	j = kit_post("/api/v1/audit/verify", owner, "{}", 200);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(j, "valid")));
	cJSON_Delete(j);
	free(uid);
	free(kid);
	free(key);
	free(owner);
}
END_TEST

START_TEST(reset_link_ends_older_ones)
{
	const char *slug = unique("rsl");
	free(sign_up(slug, "f@rsl.test"));
	char body[512];
	snprintf(body, sizeof(body), "{\"tenant\":\"%s\",\"email\":"
	    "\"f@rsl.test\"}", slug);
	cJSON_Delete(kit_post("/api/v1/password/forgot", NULL, body, 202));
	char *first = mailed_token("f@rsl.test", "/app/password/reset", NULL);
	ck_assert_ptr_nonnull(first);
	cJSON_Delete(kit_post("/api/v1/password/forgot", NULL, body, 202));
	char *second = mailed_token("f@rsl.test", "/app/password/reset", first);
	ck_assert_ptr_nonnull(second);
	/* the newer link ended the older one */
	snprintf(body, sizeof(body), "{\"token\":\"%s\",\"password\":"
	    "\"Older-link-2027\"}", first);
	kit_refused("POST", "/api/v1/password/reset", NULL, body, 400, NULL);
	snprintf(body, sizeof(body), "{\"token\":\"%s\",\"password\":"
	    "\"Newer-link-2027\"}", second);
	cJSON_Delete(kit_post("/api/v1/password/reset", NULL, body, 200));
	/* used, it is spent, and so is every other */
	kit_refused("POST", "/api/v1/password/reset", NULL, body, 400, NULL);
	snprintf(body, sizeof(body), "{\"token\":\"%s\",\"password\":"
	    "\"Older-link-2027\"}", first);
	kit_refused("POST", "/api/v1/password/reset", NULL, body, 400, NULL);
	reply r;
	ck_assert_int_eq(kit_try_token(slug, "f@rsl.test", "Newer-link-2027", &r),
	    200);
	reply_free(&r);
	/* the store agrees: no live link is left */
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM password_resets WHERE "
	    "tenant_id = auth_tenant_by_slug('%s') AND used_at IS NULL", slug), 0);
	free(first);
	free(second);
}
END_TEST

struct guess {
	const char *slug, *email;
	long status;
};

static void *
guess(void *arg)
{
	struct guess *g = arg;
	char body[512];
	snprintf(body, sizeof(body), "{\"tenant\":\"%s\",\"email\":\"%s\","
	    "\"password\":\"wrong-guess\"}", g->slug, g->email);
	reply r;
	g->status = client_json("POST", "/api/v1/auth/token", NULL, body, &r)
	    == 0 ? r.status : -1;
	reply_free(&r);
	return NULL;
}

START_TEST(throttle_counts_atomically)
{
	const char *slug = unique("race");
	free(sign_up(slug, "r@race.test"));
	enum { N = 8 };
	struct guess g[N];
	pthread_t t[N];
	client_from("127.0.0.5");
	for (int i = 0; i < N; i++) {
		g[i] = (struct guess){ slug, "r@race.test", 0 };
		ck_assert_int_eq(pthread_create(&t[i], NULL, guess, &g[i]), 0);
	}
	int refused = 0, throttled = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		refused += g[i].status == 401;
		throttled += g[i].status == 429;
	}
	/* exactly the limit was checked; the rest were turned away */
	ck_assert_int_eq(refused, 5);
	ck_assert_int_eq(throttled, N - 5);
	/* that address stays locked for this account, even with the
	 * password */
	reply r;
	ck_assert_int_eq(kit_try_token(slug, "r@race.test", PW, &r), 429);
	reply_free(&r);
	/* but the account is not locked out from elsewhere: only slowed */
	client_from("127.0.0.6");
	ck_assert_int_eq(kit_try_token(slug, "r@race.test", PW, &r), 200);
	reply_free(&r);
	client_from(NULL);
}
END_TEST

START_TEST(access_token_ends_at_logout_and_deactivation)
{
	const char *slug = unique("rev");
	char *owner = sign_up(slug, "o@rev.test");
	char *access, *refresh;
	tokens(slug, "o@rev.test", PW, &access, &refresh);
	cJSON_Delete(get_json("/api/v1/me", access, 200));
	/* signing out (the API's way) ends the access token too */
	char body[512];
	snprintf(body, sizeof(body), "{\"refresh_token\":\"%s\"}", refresh);
	cJSON_Delete(kit_post("/api/v1/auth/logout", NULL, body, 200));
	cJSON_Delete(get_json("/api/v1/me", access, 401));
	kit_refused("POST", "/api/v1/branches", access, "{\"code\":\"NO\","
	    "\"name\":\"No\"}", 401, NULL);
	cJSON_Delete(get_json("/api/v1/me", owner, 401));	/* older too */
	/* a token made right after works */
	char *again;
	tokens(slug, "o@rev.test", PW, &again, NULL);
	cJSON_Delete(get_json("/api/v1/me", again, 200));
	/* a browser's sign-out ends them as well */
	char cookie[256], csrf[128];
	browser_session(slug, "o@rev.test", cookie, sizeof(cookie), csrf,
	    sizeof(csrf));
	snprintf(body, sizeof(body), "csrf_token=%s", csrf);
	reply r;
	ck_assert_int_eq(client_form("/app/logout", cookie, body, &r), 0);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	cJSON_Delete(get_json("/api/v1/me", again, 401));
	/* deactivation ends a member's token at once */
	free(owner);
	tokens(slug, "o@rev.test", PW, &owner, NULL);
	char *mid, *member;
	invited(owner, "m@rev.test", "sales", &mid);
	tokens(slug, "m@rev.test", PW, &member, NULL);
	cJSON_Delete(get_json("/api/v1/orders", member, 200));
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/users/%s/deactivate", mid);
	cJSON_Delete(kit_post(path, owner, "{}", 200));
	cJSON_Delete(get_json("/api/v1/orders", member, 401));
	/* and reactivation does not bring the old one back */
	snprintf(path, sizeof(path), "/api/v1/users/%s/activate", mid);
	cJSON_Delete(kit_post(path, owner, "{}", 200));
	cJSON_Delete(get_json("/api/v1/orders", member, 401));
	free(access);
	free(refresh);
	free(again);
	free(owner);
	free(mid);
	free(member);
}
END_TEST

TCase *
security_tcase(void)
{
	TCase *tc = tcase_create("security");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, api_key_follows_its_creator);
	tcase_add_test(tc, audit_names_every_actor);
	tcase_add_test(tc, reset_link_ends_older_ones);
	tcase_add_test(tc, throttle_counts_atomically);
	tcase_add_test(tc, access_token_ends_at_logout_and_deactivation);
	return tc;
}
