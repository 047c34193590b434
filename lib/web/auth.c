/* auth.c: sessions, bearer tokens, permissions and CSRF. */
#include "web/auth.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "web/api.h"
#include "web/app.h"
#include "base/crypto.h"

/* take_scope: the caller's time zone and branch limit from auth_scope's
 * "<timezone>|<branch ids>" (sql/0027); NULL leaves both to the
 * database (the tenant's zone, every branch: a token issued before). */
static void
take_scope(ctx *c, const char *scope)
{
	const char *bar = scope ? strchr(scope, '|') : NULL;
	if (bar == NULL)
		return;
	c->timezone = arena_strndup(c->a, scope, (size_t)(bar - scope));
	c->branches = arena_strdup(c->a, bar + 1);
}

static int
from_session(ctx *c, const char *token)
{
	const char *hash = crypto_token_hash(c->a, token);
	const char *p[1] = { hash };
	db_res r;
	if (db_exec(c->db, &r, "SELECT tenant_id, session_id, user_id, "
	    "csrf_token, role, permissions, scope FROM auth_session($1)", 1,
	    p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return c->resp.status;
	}
	if (r.rows == 1) {
		c->tenant_id = arena_strdup(c->a, db_text(&r, 0, 0));
		c->session_id = arena_strdup(c->a, db_text(&r, 0, 1));
		c->user_id = arena_strdup(c->a, db_text(&r, 0, 2));
		c->csrf_token = arena_strdup(c->a, db_text(&r, 0, 3));
		c->role = arena_strdup(c->a, db_text(&r, 0, 4));
		c->perms = arena_strdup(c->a, db_text(&r, 0, 5));
		take_scope(c, db_text(&r, 0, 6));
		c->auth = AUTH_SESSION;
	}
	/* an unknown or expired session is simply not signed in */
	db_res_clear(&r);
	return 0;
}

static const char jwt_header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

const char *
auth_access_token(ctx *c, const char *tenant_id, const char *user_id,
    const char *role, const char *permissions)
{
	if (c->cfg->secret[0] == '\0')
		return NULL;
	/* the branch limit and time zone travel in the token ("scope"), so
	 * a bearer request still costs no lookup; a token without them is
	 * not issued */
	const char *scope = NULL;
	if (c->db != NULL) {
		const char *sp[2] = { tenant_id, user_id };
		db_res r;
		if (db_exec(c->db, &r, "SELECT auth_scope($1::uuid, $2::uuid)",
		    2, sp) == 0 && r.rows == 1 && !db_isnull(&r, 0, 0))
			scope = arena_strdup(c->a, db_text(&r, 0, 0));
		db_res_clear(&r);
		if (scope == NULL)
			return NULL;
	}
	cJSON *claims = cJSON_CreateObject();
	long now = (long)time(NULL);
	cJSON_AddStringToObject(claims, "sub", user_id);
	cJSON_AddStringToObject(claims, "tid", tenant_id);
	cJSON_AddStringToObject(claims, "role", role);
	cJSON_AddStringToObject(claims, "perms", permissions);
	cJSON_AddItemToObject(claims, "iat", api_int(now));
	/* the revocation guard compares to the microsecond: a token made
	 * just after a logout must not fall with the ones before it */
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	cJSON_AddItemToObject(claims, "iat_us", api_int((int64_t)ts.tv_sec *
	    1000000 + ts.tv_nsec / 1000));
	cJSON_AddItemToObject(claims, "exp", api_int(now + AUTH_ACCESS_TTL));
	cJSON_AddStringToObject(claims, "typ", "access");
	if (scope)
		cJSON_AddStringToObject(claims, "scope", scope);
	char *json = cJSON_PrintUnformatted(claims);
	cJSON_Delete(claims);
	const char *signing = arena_printf(c->a, "%s.%s",
	    crypto_b64url(c->a, jwt_header, strlen(jwt_header)),
	    crypto_b64url(c->a, json, strlen(json)));
	cJSON_free(json);
	unsigned char mac[32];
	crypto_hmac_sha256(c->cfg->secret, strlen(c->cfg->secret), signing,
	    strlen(signing), mac);
	return arena_printf(c->a, "%s.%s", signing,
	    crypto_b64url(c->a, mac, sizeof(mac)));
}

static int
bearer_refused(ctx *c, const char *why)
{
	resp_header(c->a, &c->resp, "WWW-Authenticate",
	    "Bearer error=\"invalid_token\"");
	app_error(c, 401, "unauthenticated", why, NULL);
	resp_header(c->a, &c->resp, "WWW-Authenticate",
	    "Bearer error=\"invalid_token\"");
	return 401;
}

static const char *
claim(const cJSON *claims, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(claims, name);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int
from_bearer(ctx *c, const char *token)
{
	if (c->cfg->secret[0] == '\0')
		return bearer_refused(c, "access tokens are not enabled");
	const char *dot2 = strrchr(token, '.');
	const char *dot1 = strchr(token, '.');
	if (dot1 == NULL || dot2 == dot1)
		return bearer_refused(c, "malformed access token");
	size_t signed_len = (size_t)(dot2 - token), maclen;
	unsigned char mac[32];
	crypto_hmac_sha256(c->cfg->secret, strlen(c->cfg->secret), token,
	    signed_len, mac);
	unsigned char *given = crypto_b64url_decode(c->a, dot2 + 1, &maclen);
	if (given == NULL || maclen != sizeof(mac) ||
	    !crypto_equal(given, mac, sizeof(mac)))
		return bearer_refused(c, "the access token's signature is "
		    "not valid");
	/* the header is ours, so it must be byte-for-byte ours: no alg
	 * games */
	const char *want = crypto_b64url(c->a, jwt_header, strlen(jwt_header));
	if ((size_t)(dot1 - token) != strlen(want) ||
	    strncmp(token, want, strlen(want)) != 0)
		return bearer_refused(c, "unsupported access token");
	size_t plen;
	char *payload_b64 = arena_strndup(c->a, dot1 + 1,
	    (size_t)(dot2 - dot1 - 1));
	unsigned char *payload = crypto_b64url_decode(c->a, payload_b64,
	    &plen);
	cJSON *claims = payload ? cJSON_ParseWithLength((const char *)payload,
	    plen) : NULL;
	int64_t exp = 0;
	const char *typ = claim(claims, "typ"), *sub = claim(claims, "sub"),
	    *tid = claim(claims, "tid"), *role = claim(claims, "role"),
	    *perms = claim(claims, "perms");
	int64_t iat = 0;
	int ok = claims && typ && strcmp(typ, "access") == 0 &&
	    api_uuid_ok(sub) && api_uuid_ok(tid) && role && perms &&
	    api_get_int(cJSON_GetObjectItemCaseSensitive(claims, "exp"),
	    &exp) == 0 && api_get_int(cJSON_GetObjectItemCaseSensitive(claims,
	    "iat"), &iat) == 0;
	if (ok) {
		int64_t us;
		if (api_get_int(cJSON_GetObjectItemCaseSensitive(claims,
		    "iat_us"), &us) < 0)
			us = iat * 1000000;
		c->token_iat = arena_printf(c->a, "%lld", (long long)us);
		c->user_id = arena_strdup(c->a, sub);
		c->tenant_id = arena_strdup(c->a, tid);
		c->role = arena_strdup(c->a, role);
		c->perms = arena_strdup(c->a, perms);
		take_scope(c, claim(claims, "scope"));
	}
	cJSON_Delete(claims);
	if (!ok)
		return bearer_refused(c, "malformed access token");
	if (exp <= (int64_t)time(NULL)) {
		c->user_id = c->tenant_id = c->role = c->perms = NULL;
		c->branches = c->timezone = NULL;
		return bearer_refused(c, "the access token has expired");
	}
	c->auth = AUTH_BEARER;
	return 0;
}

static int
from_api_key(ctx *c, const char *key)
{
	const char *p[1] = { crypto_token_hash(c->a, key) };
	db_res r;
	if (db_exec(c->db, &r, "SELECT tenant_id, key_id, name, scopes, "
	    "created_by, scope FROM auth_api_key($1)", 1, p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return c->resp.status;
	}
	if (r.rows != 1) {
		db_res_clear(&r);
		return bearer_refused(c, "unknown or revoked API key");
	}
	c->tenant_id = arena_strdup(c->a, db_text(&r, 0, 0));
	c->api_key_id = arena_strdup(c->a, db_text(&r, 0, 1));
	c->actor_label = arena_printf(c->a, "api-key:%s", db_text(&r, 0, 2));
	c->perms = arena_strdup(c->a, db_text(&r, 0, 3));
	c->user_id = arena_strdup(c->a, db_text(&r, 0, 4));
	take_scope(c, db_text(&r, 0, 5));
	c->role = "api_key";
	c->api_key_id = arena_strdup(c->a, db_text(&r, 0, 1));
	c->auth = AUTH_API_KEY;
	db_res_clear(&r);
	return 0;
}

int
auth_identify(ctx *c)
{
	const char *authz = http_header(&c->req, "Authorization");
	if (authz != NULL) {
		if (strncmp(authz, "Bearer ", 7) != 0)
			return bearer_refused(c, "use Authorization: Bearer "
			    "<token>");
		if (strncmp(authz + 7, AUTH_API_KEY_PREFIX,
		    strlen(AUTH_API_KEY_PREFIX)) == 0)
			return from_api_key(c, authz + 7);
		return from_bearer(c, authz + 7);
	}
	const char *token = kv_get(&c->req.cookies, AUTH_SESSION_COOKIE);
	if (token != NULL && *token != '\0')
		return from_session(c, token);
	return 0;
}

void
auth_guard(ctx *c)
{
	if (c->auth != AUTH_BEARER || c->token_iat == NULL)
		return;
	const char **p = arena_alloc(c->a, 2 * sizeof(*p));
	p[0] = c->user_id;
	p[1] = c->token_iat;
	db_guard(c->db, "SELECT auth_token_guard($1::uuid, $2::bigint)", 2, p);
}

int
auth_can(const ctx *c, const char *permission)
{
	if (c->perms == NULL)
		return 0;
	const char *p = c->perms;
	size_t n = strlen(permission);
	while ((p = strstr(p, permission)) != NULL) {
		if (p > c->perms && p[-1] == ',' && p[n] == ',')
			return 1;
		p += n;
	}
	return 0;
}

/* submitted_csrf: the token the request carries, from the form or the
 * header. */
static const char *
submitted_csrf(const ctx *c)
{
	const char *t = kv_get(&c->req.form, "csrf_token");
	return t ? t : http_header(&c->req, "X-CSRF-Token");
}

int
auth_csrf_ok(ctx *c)
{
	const char *m = c->req.method;
	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0 ||
	    strcmp(m, "OPTIONS") == 0)
		return 1;
	if (c->auth == AUTH_BEARER || c->auth == AUTH_API_KEY)
		return 1;
	const char *sent = submitted_csrf(c);
	if (c->auth == AUTH_SESSION)
		return sent && crypto_streq(sent, c->csrf_token);
	/* anonymous: only a browser can be forged into posting, and a
	 * browser's forms carry the double-submit pair */
	if (c->req.cookies.n == 0 && c->api)
		return 1;
	const char *cookie = kv_get(&c->req.cookies, AUTH_CSRF_COOKIE);
	return sent && cookie && *cookie && crypto_streq(sent, cookie);
}
