/* identity.c: sign-in, sessions, sign-up and refresh tokens. */
#include "identity/identity.h"

#include <stdio.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/api.h"
#include "web/app.h"
#include "web/audit.h"
#include "base/buf.h"
#include "web/auth.h"
#include "base/crypto.h"
#include "notify/mail.h"
#include "db/outbox.h"
#include "identity/password.h"

#define SESSION_BYTES 32

static char *
lower(struct ctx *c, const char *s)
{
	char *d = arena_strdup(c->a, s ? s : "");
	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

/* load_user: the active user by email in the transaction's tenant, with
 * role and permissions; password_hash into *hash (may be NULL: invited). */
static int
load_user(struct ctx *c, const char *by, const char *value,
    identity_user *u, const char **hash)
{
	static const char *const q_email = "SELECT u.id, u.name, u.email, "
	    "r.name, ',' || coalesce((SELECT string_agg(permission, ',' ORDER "
	    "BY permission) FROM role_permissions rp WHERE rp.tenant_id = "
	    "u.tenant_id AND rp.role_id = u.role_id), '') || ',', t.name, "
	    "u.password_hash, t.id FROM users u JOIN roles r ON r.tenant_id = "
	    "u.tenant_id AND r.id = u.role_id JOIN tenants t ON t.id = "
	    "u.tenant_id WHERE u.email = $1 AND u.active";
	static const char *const q_id = "SELECT u.id, u.name, u.email, "
	    "r.name, ',' || coalesce((SELECT string_agg(permission, ',' ORDER "
	    "BY permission) FROM role_permissions rp WHERE rp.tenant_id = "
	    "u.tenant_id AND rp.role_id = u.role_id), '') || ',', t.name, "
	    "u.password_hash, t.id FROM users u JOIN roles r ON r.tenant_id = "
	    "u.tenant_id AND r.id = u.role_id JOIN tenants t ON t.id = "
	    "u.tenant_id WHERE u.id = $1 AND u.active";
	db_res r;
	const char *p[1] = { value };
	if (db_exec(c->db, &r, strcmp(by, "id") == 0 ? q_id : q_email, 1,
	    p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return -1;
	}
	int found = r.rows == 1;
	if (found) {
		u->user_id = arena_strdup(c->a, db_text(&r, 0, 0));
		u->name = arena_strdup(c->a, db_text(&r, 0, 1));
		u->email = arena_strdup(c->a, db_text(&r, 0, 2));
		u->role = arena_strdup(c->a, db_text(&r, 0, 3));
		u->perms = arena_strdup(c->a, db_text(&r, 0, 4));
		u->tenant_name = arena_strdup(c->a, db_text(&r, 0, 5));
		u->tenant_id = arena_strdup(c->a, db_text(&r, 0, 7));
		if (hash)
			*hash = db_isnull(&r, 0, 6) ? NULL :
			    arena_strdup(c->a, db_text(&r, 0, 6));
	}
	db_res_clear(&r);
	return found;
}

/* exec1: one statement; on failure the error response is set. */
static int
exec1(struct ctx *c, const char *sql, int n, const char *const *p)
{
	db_res r;
	int rc = db_exec(c->db, &r, sql, n, p);
	if (rc < 0)
		app_db_error(c, &r);
	db_res_clear(&r);
	return rc;
}

/* tenant_of: runs one of the cross-tenant lookups (a SECURITY DEFINER
 * function answering a tenant id or NULL).  0 with *tenant set (NULL when
 * unknown), or -1 with the error response set. */
static int
tenant_of(struct ctx *c, const char *sql, int n, const char *const *p,
    const char **tenant)
{
	db_res r;
	*tenant = NULL;
	if (db_exec(c->db, &r, sql, n, p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return -1;
	}
	if (r.rows == 1 && !db_isnull(&r, 0, 0))
		*tenant = arena_strdup(c->a, db_text(&r, 0, 0));
	db_res_clear(&r);
	return 0;
}

int
identity_sign_in(struct ctx *c, const char *slug, const char *email,
    const char *password, identity_user *u, long *retry_after)
{
	memset(u, 0, sizeof(*u));
	*retry_after = 0;
	slug = lower(c, slug);
	email = lower(c, email);
	if (password == NULL)
		password = "";
	if (*slug == '\0') {
		/* no business typed: the email's, when it has one only.  The
		 * look-up runs for every such attempt, found or not, and its
		 * answer only decides which account the attempt is counted
		 * and checked against, so it tells no more than a sign-in */
		const char *ep[1] = { email };
		const char *found_slug;
		if (tenant_of(c, "SELECT auth_slug_by_email($1)", 1, ep,
		    &found_slug) < 0)
			return IDENTITY_ERROR;
		if (found_slug)
			slug = found_slug;
	}
	const crypto_part who[2] = { { slug, strlen(slug) },
	    { email, strlen(email) } };
	const char *acct = arena_printf(c->a, "acct:%s",
	    crypto_sha256_hex(c->a, who, 2));
	const char *addr = c->req.remote_addr ? c->req.remote_addr : "";
	const char *ip = arena_printf(c->a, "ip:%s", addr);
	const crypto_part pair_parts[3] = { { slug, strlen(slug) },
	    { email, strlen(email) }, { addr, strlen(addr) } };
	const char *pair = arena_printf(c->a, "pair:%s",
	    crypto_sha256_hex(c->a, pair_parts, 3));

	/* Every attempt is counted before the password is looked at, in one
	 * statement: concurrent guesses queue on the rows, so exactly the
	 * limit reaches the check.  The account and address together, and
	 * the address alone, are locked at their limits; the account alone
	 * only slows down, so nobody can lock a known email out. */
	db_res r;
	const char *tp[3] = { pair, acct, ip };
	if (db_exec(c->db, &r, "INSERT INTO login_throttle AS t (key, n, since) "
	    "VALUES ($1, 1, now()), ($2, 1, now()), ($3, 1, now()) ON CONFLICT "
	    "(key) DO UPDATE SET n = CASE WHEN t.since > now() - interval "
	    "'15 minutes' THEN t.n + 1 ELSE 1 END, since = CASE WHEN t.since > "
	    "now() - interval '15 minutes' THEN t.since ELSE now() END "
	    "RETURNING key, n, ceil(extract(epoch FROM since + interval "
	    "'15 minutes' - now()))::bigint", 3, tp) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return IDENTITY_ERROR;
	}
	int64_t wait = 0, acct_n = 0;
	for (int i = 0; i < r.rows; i++) {
		const char *key = db_text(&r, i, 0);
		int64_t n = 0, left = 0;
		db_i64(&r, i, 1, &n);
		db_i64(&r, i, 2, &left);
		int over = (strcmp(key, pair) == 0 &&
		    n > IDENTITY_ACCOUNT_LIMIT) || (strcmp(key, ip) == 0 &&
		    n > c->cfg->login_ip_limit);
		if (over && left > wait)
			wait = left > 0 ? left : 1;
		if (strcmp(key, acct) == 0)
			acct_n = n;
	}
	db_res_clear(&r);
	if (wait > 0) {
		*retry_after = (long)wait;
		return IDENTITY_THROTTLED;
	}
	if (acct_n > IDENTITY_ACCOUNT_LIMIT) {
		/* a growing wait, bounded, for everyone trying this account */
		int64_t ms = (acct_n - IDENTITY_ACCOUNT_LIMIT) *
		    IDENTITY_ACCOUNT_DELAY_MS;
		if (ms > IDENTITY_ACCOUNT_DELAY_MAX_MS)
			ms = IDENTITY_ACCOUNT_DELAY_MAX_MS;
		struct timespec ts = { (time_t)(ms / 1000),
		    (long)(ms % 1000) * 1000000L };
		nanosleep(&ts, NULL);
	}

	const char *hash = NULL, *tenant;
	int found = 0;
	const char *sp[1] = { slug };
	if (tenant_of(c, "SELECT auth_tenant_by_slug($1)", 1, sp, &tenant) < 0)
		return IDENTITY_ERROR;
	if (tenant) {
		if (db_begin(c->db) < 0 || db_set_tenant(c->db, tenant) < 0) {
			db_rollback(c->db);
			app_error(c, 503, "unavailable", "the database is "
			    "unavailable", NULL);
			return IDENTITY_ERROR;
		}
		found = load_user(c, "email", email, u, &hash);
		db_rollback(c->db);	/* read only */
		if (found < 0)
			return IDENTITY_ERROR;
	}
	/* the same work whether or not the account exists */
	if (found && hash && password_verify(hash, password)) {
		/* a success clears the account's counts, and does not count
		 * against its address (an office signs in all day) */
		if (exec1(c, "WITH gone AS (DELETE FROM login_throttle WHERE key "
		    "IN ($1, $2)) UPDATE login_throttle SET n = n - 1 WHERE key = "
		    "$3 AND n > 0", 3, tp) < 0)
			return IDENTITY_ERROR;
		return IDENTITY_OK;
	}
	if (!(found && hash))
		password_verify(NULL, password);
	memset(u, 0, sizeof(*u));
	return IDENTITY_REFUSED;
}

int
identity_session_start(struct ctx *c, const identity_user *u)
{
	const char *token = crypto_random_token(c->a, SESSION_BYTES);
	const char *csrf = crypto_random_token(c->a, 24);
	const char *agent = http_header(&c->req, "User-Agent");
	const char *p[6] = { u->tenant_id, u->user_id,
	    crypto_token_hash(c->a, token), csrf,
	    c->req.remote_addr ? c->req.remote_addr : "",
	    arena_strndup(c->a, agent ? agent : "", agent && strlen(agent) >
		200 ? 200 : (agent ? strlen(agent) : 0)) };
	if (exec1(c, "INSERT INTO sessions (tenant_id, user_id, token_hash, "
	    "csrf_token, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)", 6,
	    p) < 0)
		return -1;
	/* lasts as long as the browser, bounded by the server's 12 hours */
	app_cookie(c, AUTH_SESSION_COOKIE, token, -1);
	c->auth = AUTH_SESSION;
	c->tenant_id = u->tenant_id;
	c->user_id = u->user_id;
	c->role = u->role;
	c->perms = u->perms;
	c->csrf_token = csrf;
	c->actor_label = u->email;
	return audit_record(c, "user.signed_in", "user", u->user_id, NULL,
	    NULL);
}

int
identity_session_end(struct ctx *c)
{
	app_cookie(c, AUTH_SESSION_COOKIE, "", 0);
	if (c->session_id == NULL)
		return 0;
	const char *p[1] = { c->session_id };
	if (exec1(c, "DELETE FROM sessions WHERE id = $1", 1, p) < 0)
		return -1;
	/* signing out ends the user's access tokens too (24.8) */
	const char *up[1] = { c->user_id };
	if (exec1(c, "UPDATE users SET tokens_revoked_at = now() WHERE id = "
	    "$1", 1, up) < 0)
		return -1;
	return audit_record(c, "user.signed_out", "user", c->user_id, NULL,
	    NULL);
}

int
identity_sign_up(struct ctx *c, const identity_signup *in, identity_user *u,
    cJSON *fields)
{
	memset(u, 0, sizeof(*u));
	const char *slug = lower(c, in->slug), *email = lower(c, in->email);
	const char *currency = in->currency && *in->currency ? in->currency :
	    "INR";
	size_t blen = in->business ? strlen(in->business) : 0;
	size_t nlen = in->name ? strlen(in->name) : 0;
	if (blen == 0 || blen > 200)
		api_field(fields, "business", "give the business's name");
	if (!api_matches("^[a-z0-9][a-z0-9-]{1,62}$", slug))
		api_field(fields, "slug", "2 to 63 lower-case letters, digits and "
		    "dashes");
	if (!api_matches("^[A-Z]{3}$", currency))
		api_field(fields, "currency", "a three-letter ISO 4217 code, e.g. "
		    "INR");
	if (nlen == 0 || nlen > 200)
		api_field(fields, "name", "give your name");
	if (!api_matches("^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$",
	    email) || strlen(email) > 254)
		api_field(fields, "email", "give a valid email address");
	const char *why = password_policy(in->password ? in->password : "",
	    email);
	if (why)
		api_field(fields, "password", why);
	if (cJSON_GetArraySize(fields) > 0)
		return IDENTITY_INVALID;

	db_res r;
	const char *sp[2] = { slug, currency };
	if (db_exec(c->db, &r, "SELECT auth_tenant_by_slug($1) IS NOT NULL, "
	    "gen_random_uuid(), EXISTS (SELECT 1 FROM currencies WHERE code = "
	    "$2)", 2, sp) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return IDENTITY_ERROR;
	}
	int taken = 0, known = 0;
	db_bool(&r, 0, 0, &taken);
	db_bool(&r, 0, 2, &known);
	const char *tenant = arena_strdup(c->a, db_text(&r, 0, 1));
	db_res_clear(&r);
	if (taken)
		api_field(fields, "slug", "this address is taken; choose another");
	if (!known)
		api_field(fields, "currency", "not an ISO 4217 currency Bursar "
		    "knows");
	if (taken || !known)
		return IDENTITY_INVALID;
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(in->password, hash) < 0) {
		app_error(c, 500, "internal", "an internal error occurred",
		    NULL);
		return IDENTITY_ERROR;
	}
	if (db_set_tenant(c->db, tenant) < 0) {
		app_error(c, 503, "unavailable", "the database is unavailable",
		    NULL);
		return IDENTITY_ERROR;
	}
	const char *tp[4] = { tenant, in->business, slug, currency };
	const char *up[4] = { tenant, email, in->name, hash };
	if (exec1(c, "INSERT INTO tenants (id, name, slug, base_currency) "
	    "VALUES ($1, $2, $3, $4)", 4, tp) < 0 ||
	    exec1(c, "SELECT tenant_seed_roles($1)", 1, tp) < 0 ||
	    exec1(c, "SELECT tenant_seed_books($1)", 1, tp) < 0 ||
	    exec1(c, "SELECT tenant_seed_commerce($1)", 1, tp) < 0 ||
	    exec1(c, "INSERT INTO branches (tenant_id, code, name) VALUES "
	    "($1, 'MAIN', 'Main') ON CONFLICT DO NOTHING", 1, tp) < 0 ||
	    exec1(c, "INSERT INTO users (tenant_id, email, name, "
	    "password_hash, role_id) SELECT $1, $2, $3, $4, id FROM roles "
	    "WHERE tenant_id = $1 AND name = 'owner'", 4, up) < 0)
		return IDENTITY_ERROR;
	if (load_user(c, "email", email, u, NULL) != 1) {
		app_error(c, 500, "internal", "an internal error occurred",
		    NULL);
		return IDENTITY_ERROR;
	}
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "tenant_id", tenant);
	cJSON_AddStringToObject(ev, "slug", slug);
	cJSON_AddStringToObject(ev, "owner_id", u->user_id);
	int rc = outbox_emit(c->db, &r, tenant, "tenant.created", ev);
	if (rc < 0) {
		cJSON_Delete(ev);
		app_db_error(c, &r);
		db_res_clear(&r);
		return IDENTITY_ERROR;
	}
	db_res_clear(&r);
	c->tenant_id = tenant;
	c->user_id = u->user_id;
	c->actor_label = u->email;
	rc = audit_record(c, "tenant.created", "tenant", tenant, NULL, ev);
	cJSON_Delete(ev);
	return rc < 0 ? IDENTITY_ERROR : IDENTITY_OK;
}

int
identity_tokens(struct ctx *c, const identity_user *u, const char *family,
    cJSON *out)
{
	const char *access = auth_access_token(c, u->tenant_id, u->user_id,
	    u->role, u->perms);
	if (access == NULL) {
		app_error(c, 503, "unavailable", "access tokens are not "
		    "enabled on this server (no secret configured)", NULL);
		return IDENTITY_ERROR;
	}
	const char *refresh = crypto_random_token(c->a, IDENTITY_REFRESH_BYTES);
	const char *p[4] = { u->tenant_id, u->user_id,
	    crypto_token_hash(c->a, refresh), family };
	if (exec1(c, "INSERT INTO refresh_tokens (tenant_id, user_id, "
	    "token_hash, family_id) VALUES ($1, $2, $3, "
	    "coalesce($4::uuid, gen_random_uuid()))", 4, p) < 0)
		return IDENTITY_ERROR;
	/* the actor is u, whoever holds the request */
	const char *tenant = c->tenant_id, *user = c->user_id,
	    *label = c->actor_label;
	c->tenant_id = u->tenant_id;
	c->user_id = u->user_id;
	c->actor_label = u->email;
	int logged = audit_record(c, family ? "token.refreshed" :
	    "token.issued", "user", u->user_id, NULL, NULL);
	c->tenant_id = tenant;
	c->user_id = user;
	c->actor_label = label;
	if (logged < 0)
		return IDENTITY_ERROR;
	cJSON_AddStringToObject(out, "access_token", access);
	cJSON_AddStringToObject(out, "token_type", "Bearer");
	cJSON_AddItemToObject(out, "expires_in", api_int(AUTH_ACCESS_TTL));
	cJSON_AddStringToObject(out, "refresh_token", refresh);
	return IDENTITY_OK;
}

/* refresh_scope: opens a transaction scoped to the tenant of a refresh
 * token; *hash is the token's hash.  IDENTITY_OK, IDENTITY_REFUSED (no
 * token, or an unknown one) or IDENTITY_ERROR. */
static int
refresh_scope(struct ctx *c, const char *token, const char **hash)
{
	if (token == NULL || *token == '\0')
		return IDENTITY_REFUSED;
	*hash = crypto_token_hash(c->a, token);
	const char *p[1] = { *hash }, *tenant;
	if (tenant_of(c, "SELECT auth_refresh_tenant($1)", 1, p, &tenant) < 0)
		return IDENTITY_ERROR;
	if (tenant == NULL)
		return IDENTITY_REFUSED;
	if (db_begin(c->db) < 0 || db_set_tenant(c->db, tenant) < 0) {
		db_rollback(c->db);
		app_error(c, 503, "unavailable", "the database is unavailable",
		    NULL);
		return IDENTITY_ERROR;
	}
	c->tenant_id = tenant;
	return IDENTITY_OK;
}

static int
finish(struct ctx *c, int result)
{
	db_res r;
	if (result == IDENTITY_ERROR) {
		db_rollback(c->db);
		return result;
	}
	if (db_commit(c->db, &r) < 0) {
		app_db_error(c, &r);
		result = IDENTITY_ERROR;
	}
	db_res_clear(&r);
	return result;
}

int
identity_refresh(struct ctx *c, const char *token, cJSON *out)
{
	const char *hash;
	int rc = refresh_scope(c, token, &hash);
	if (rc != IDENTITY_OK)
		return rc;
	db_res r;
	const char *p[1] = { hash };
	if (db_exec(c->db, &r, "SELECT id, family_id, user_id, spent_at IS NOT "
	    "NULL, revoked_at IS NULL AND expires_at > now() FROM "
	    "refresh_tokens WHERE token_hash = $1 FOR UPDATE", 1, p) < 0 ||
	    r.rows != 1) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return finish(c, IDENTITY_ERROR);
	}
	const char *id = arena_strdup(c->a, db_text(&r, 0, 0));
	const char *family = arena_strdup(c->a, db_text(&r, 0, 1));
	const char *user = arena_strdup(c->a, db_text(&r, 0, 2));
	int spent = 0, live = 0;
	db_bool(&r, 0, 3, &spent);
	db_bool(&r, 0, 4, &live);
	db_res_clear(&r);
	const char *fp[1] = { family };
	if (spent) {
		/* a copy is in someone else's hands: end the whole line */
		cJSON *why = cJSON_CreateObject();
		cJSON_AddStringToObject(why, "family_id", family);
		const char *actor = c->user_id;
		c->user_id = user;
		int done = exec1(c, "UPDATE refresh_tokens SET revoked_at = "
		    "now() WHERE family_id = $1 AND revoked_at IS NULL", 1, fp);
		if (done == 0)
			done = audit_record(c, "token.reuse_detected", "user",
			    user, NULL, why);
		c->user_id = actor;
		cJSON_Delete(why);
		return finish(c, done < 0 ? IDENTITY_ERROR : IDENTITY_REFUSED);
	}
	if (!live)
		return finish(c, IDENTITY_REFUSED);
	const char *ip[1] = { id };
	if (exec1(c, "UPDATE refresh_tokens SET spent_at = now() WHERE id = $1",
	    1, ip) < 0)
		return finish(c, IDENTITY_ERROR);
	identity_user u = {0};
	int found = load_user(c, "id", user, &u, NULL);
	if (found < 0)
		return finish(c, IDENTITY_ERROR);
	if (found == 0)
		return finish(c, IDENTITY_REFUSED);	/* deactivated */
	return finish(c, identity_tokens(c, &u, family, out));
}

int
identity_revoke(struct ctx *c, const char *token)
{
	const char *hash;
	int rc = refresh_scope(c, token, &hash);
	if (rc != IDENTITY_OK)
		return rc;
	const char *p[1] = { hash };
	if (exec1(c, "UPDATE refresh_tokens SET revoked_at = now() WHERE "
	    "family_id = (SELECT family_id FROM refresh_tokens WHERE "
	    "token_hash = $1) AND revoked_at IS NULL", 1, p) < 0)
		return finish(c, IDENTITY_ERROR);
	/* and every access token of its user issued until now (24.8) */
	if (exec1(c, "UPDATE users SET tokens_revoked_at = now() WHERE id = "
	    "(SELECT user_id FROM refresh_tokens WHERE token_hash = $1)", 1,
	    p) < 0)
		return finish(c, IDENTITY_ERROR);
	return finish(c, IDENTITY_OK);
}

/* token_scope: scopes the caller's transaction to the tenant of a mailed
 * token of kind ("reset" or "invite"); 1, 0 when unknown, -1 on error. */
static int
token_scope(struct ctx *c, const char *kind, const char *hash)
{
	const char *p[2] = { kind, hash }, *tenant;
	if (tenant_of(c, "SELECT auth_token_tenant($1, $2)", 2, p, &tenant) < 0)
		return -1;
	if (tenant == NULL)
		return 0;
	if (db_set_tenant(c->db, tenant) < 0) {
		app_error(c, 503, "unavailable", "the database is unavailable",
		    NULL);
		return -1;
	}
	c->tenant_id = tenant;
	return 1;
}

/* set_password: hashes and stores a password for user, after the policy.
 * INVALID with fields when refused. */
static int
set_password(struct ctx *c, const char *user, const char *email,
    const char *password, cJSON *fields)
{
	const char *why = password_policy(password ? password : "", email);
	if (why) {
		api_field(fields, "password", why);
		return IDENTITY_INVALID;
	}
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(password, hash) < 0) {
		app_error(c, 500, "internal", "an internal error occurred",
		    NULL);
		return IDENTITY_ERROR;
	}
	const char *p[2] = { user, hash };
	if (exec1(c, "UPDATE users SET password_hash = $2 WHERE id = $1", 2,
	    p) < 0)
		return IDENTITY_ERROR;
	return IDENTITY_OK;
}

/* end_sessions: every session and refresh token of user but keep (the
 * caller's own session, or NULL). */
static int
end_sessions(struct ctx *c, const char *user, const char *keep)
{
	const char *p[2] = { user, keep };
	if (exec1(c, "DELETE FROM sessions WHERE user_id = $1 AND ($2::uuid IS "
	    "NULL OR id <> $2::uuid)", 2, p) < 0 ||
	    exec1(c, "UPDATE refresh_tokens SET revoked_at = now() WHERE "
	    "user_id = $1 AND revoked_at IS NULL", 1, p) < 0)
		return -1;
	return 0;
}

int
identity_reset_request(struct ctx *c, const char *slug, const char *email)
{
	slug = lower(c, slug);
	email = lower(c, email);
	const char *sp[1] = { slug }, *tenant;
	if (tenant_of(c, "SELECT auth_tenant_by_slug($1)", 1, sp, &tenant) < 0)
		return IDENTITY_ERROR;
	if (tenant == NULL)
		return IDENTITY_OK;
	if (db_set_tenant(c->db, tenant) < 0) {
		app_error(c, 503, "unavailable", "the database is unavailable",
		    NULL);
		return IDENTITY_ERROR;
	}
	c->tenant_id = tenant;
	identity_user u;
	int found = load_user(c, "email", email, &u, NULL);
	if (found <= 0)
		return found < 0 ? IDENTITY_ERROR : IDENTITY_OK;
	const char *token = crypto_random_token(c->a, 32);
	const char *p[3] = { tenant, u.user_id, crypto_token_hash(c->a, token) };
	/* only the newest link works: every older one of the user ends */
	if (exec1(c, "UPDATE password_resets SET used_at = now() WHERE user_id "
	    "= $1 AND used_at IS NULL", 1, p + 1) < 0)
		return IDENTITY_ERROR;
	if (exec1(c, "INSERT INTO password_resets (tenant_id, user_id, "
	    "token_hash) VALUES ($1, $2, $3)", 3, p) < 0)
		return IDENTITY_ERROR;
	const char *body = arena_printf(c->a, "Hello %s,\n\nSomeone (we hope "
	    "you) asked to reset your Bursar password for %s.\n\nChoose a new "
	    "password here within the hour:\n%s/app/password/reset?token=%s\n\n"
	    "If it was not you, ignore this mail: your password stays as it "
	    "is.\n", u.name, u.tenant_name, c->cfg->base_url, token);
	c->user_id = u.user_id;
	c->actor_label = u.email;
	if (mail_queue(c, u.email, "Reset your Bursar password", body) < 0 ||
	    audit_record(c, "user.reset_requested", "user", u.user_id, NULL,
	    NULL) < 0)
		return IDENTITY_ERROR;
	c->user_id = NULL;
	return IDENTITY_OK;
}

/* redeem: spends a live mailed token of kind ("reset" or "invite") by
 * setting the password of its user, inside the caller's transaction
 * (left scoped to the token's tenant).  On IDENTITY_OK, *user and *email
 * name the user, who is also the actor from here on. */
static int
redeem(struct ctx *c, const char *kind, const char *token,
    const char *password, cJSON *fields, const char **user,
    const char **email)
{
	static const char *const find_reset = "SELECT r.id, u.id, u.email "
	    "FROM password_resets r JOIN users u ON u.tenant_id = r.tenant_id "
	    "AND u.id = r.user_id WHERE r.token_hash = $1 AND r.used_at IS NULL "
	    "AND r.expires_at > now() AND u.active FOR UPDATE OF r";
	static const char *const find_invite = "SELECT i.id, u.id, u.email "
	    "FROM invitations i JOIN users u ON u.tenant_id = i.tenant_id AND "
	    "u.id = i.user_id WHERE i.token_hash = $1 AND i.accepted_at IS NULL "
	    "AND i.expires_at > now() AND u.active FOR UPDATE OF i";
	/* spending one reset link spends every other of its user too */
	static const char *const spend_reset = "UPDATE password_resets SET "
	    "used_at = now() WHERE used_at IS NULL AND user_id = (SELECT user_id "
	    "FROM password_resets WHERE id = $1)";
	static const char *const spend_invite = "UPDATE invitations SET "
	    "accepted_at = now() WHERE id = $1";
	int is_reset = strcmp(kind, "reset") == 0;
	if (token == NULL || *token == '\0')
		return IDENTITY_REFUSED;
	const char *hash = crypto_token_hash(c->a, token);
	int scoped = token_scope(c, kind, hash);
	if (scoped <= 0)
		return scoped < 0 ? IDENTITY_ERROR : IDENTITY_REFUSED;
	db_res r;
	const char *p[1] = { hash };
	if (db_exec(c->db, &r, is_reset ? find_reset : find_invite, 1, p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return IDENTITY_ERROR;
	}
	if (r.rows != 1) {
		db_res_clear(&r);
		return IDENTITY_REFUSED;
	}
	const char *id = arena_strdup(c->a, db_text(&r, 0, 0));
	*user = arena_strdup(c->a, db_text(&r, 0, 1));
	*email = arena_strdup(c->a, db_text(&r, 0, 2));
	db_res_clear(&r);
	int rc = set_password(c, *user, *email, password, fields);
	if (rc != IDENTITY_OK)
		return rc;
	c->user_id = *user;
	c->actor_label = *email;
	const char *sp[1] = { id };
	return exec1(c, is_reset ? spend_reset : spend_invite, 1, sp) < 0 ?
	    IDENTITY_ERROR : IDENTITY_OK;
}

int
identity_reset(struct ctx *c, const char *token, const char *password,
    cJSON *fields)
{
	const char *user, *email;
	int rc = redeem(c, "reset", token, password, fields, &user, &email);
	if (rc != IDENTITY_OK)
		return rc;
	const char *up[1] = { user };
	if (end_sessions(c, user, NULL) < 0 ||
	    exec1(c, "UPDATE users SET tokens_revoked_at = now() WHERE id = $1",
	    1, up) < 0 ||
	    audit_record(c, "user.password_reset", "user", user, NULL, NULL) < 0)
		return IDENTITY_ERROR;
	return IDENTITY_OK;
}

int
identity_invite(struct ctx *c, const char *email, const char *name,
    const char *role, cJSON *fields, const char **user_id)
{
	email = lower(c, email);
	size_t nlen = name ? strlen(name) : 0;
	if (!api_matches("^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$",
	    email) || strlen(email) > 254)
		api_field(fields, "email", "give a valid email address");
	if (nlen == 0 || nlen > 200)
		api_field(fields, "name", "give the person's name");
	if (role == NULL || *role == '\0')
		api_field(fields, "role", "choose a role");
	else if (strcmp(role, "owner") == 0 && strcmp(c->role, "owner") != 0)
		api_field(fields, "role", "only an owner can make another owner");
	if (cJSON_GetArraySize(fields) > 0)
		return IDENTITY_INVALID;
	db_res r;
	const char *q[2] = { role, email };
	if (db_exec(c->db, &r, "SELECT (SELECT id FROM roles WHERE name = $1), "
	    "EXISTS (SELECT 1 FROM users WHERE email = $2)", 2, q) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return IDENTITY_ERROR;
	}
	const char *role_id = db_isnull(&r, 0, 0) ? NULL :
	    arena_strdup(c->a, db_text(&r, 0, 0));
	int taken = 0;
	db_bool(&r, 0, 1, &taken);
	db_res_clear(&r);
	if (role_id == NULL)
		api_field(fields, "role", "no such role");
	if (taken)
		api_field(fields, "email", "this person is already a user here");
	if (cJSON_GetArraySize(fields) > 0)
		return IDENTITY_INVALID;
	const char *up[4] = { c->tenant_id, email, name, role_id };
	if (db_exec(c->db, &r, "INSERT INTO users (tenant_id, email, name, "
	    "role_id) VALUES ($1, $2, $3, $4) RETURNING id", 4, up) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return IDENTITY_ERROR;
	}
	*user_id = arena_strdup(c->a, db_text(&r, 0, 0));
	db_res_clear(&r);
	const char *token = crypto_random_token(c->a, 32);
	const char *ip[4] = { c->tenant_id, *user_id, c->user_id,
	    crypto_token_hash(c->a, token) };
	if (exec1(c, "INSERT INTO invitations (tenant_id, user_id, invited_by, "
	    "token_hash) VALUES ($1, $2, $3, $4)", 4, ip) < 0)
		return IDENTITY_ERROR;
	const char *tp[1] = { c->tenant_id };
	if (db_exec(c->db, &r, "SELECT name, slug FROM tenants WHERE id = $1", 1,
	    tp) < 0 || r.rows != 1) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return IDENTITY_ERROR;
	}
	const char *business = arena_strdup(c->a, db_text(&r, 0, 0));
	const char *slug = arena_strdup(c->a, db_text(&r, 0, 1));
	db_res_clear(&r);
	const char *body = arena_printf(c->a, "Hello %s,\n\nyou are invited to "
	    "%s on Bursar, as %s.\n\nChoose your password here within 7 days:"
	    "\n%s/app/invite/accept?token=%s\n\nTo sign in later, the "
	    "business's short name is: %s\n(with your email %s and your "
	    "password; while this email belongs to one business only, the short "
	    "name may be left empty).\n", name, business, role,
	    c->cfg->base_url, token, slug, email);
	cJSON *after = cJSON_CreateObject();
	cJSON_AddStringToObject(after, "email", email);
	cJSON_AddStringToObject(after, "name", name);
	cJSON_AddStringToObject(after, "role", role);
	int rc = mail_queue(c, email, arena_printf(c->a, "You are invited to "
	    "%s on Bursar", business), body);
	if (rc == 0)
		rc = audit_record(c, "user.invited", "user", *user_id, NULL,
		    after);
	cJSON_Delete(after);
	return rc < 0 ? IDENTITY_ERROR : IDENTITY_OK;
}

int
identity_invitation(struct ctx *c, const char *token, const char **business,
    const char **slug, const char **email)
{
	*business = *slug = *email = NULL;
	if (token == NULL || *token == '\0')
		return 0;
	const char *p[1] = { crypto_token_hash(c->a, token) };
	db_res r;
	if (db_exec(c->db, &r, "SELECT name, slug, email FROM "
	    "auth_invitation_business($1)", 1, p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return -1;
	}
	if (r.rows == 1) {
		*business = arena_strdup(c->a, db_text(&r, 0, 0));
		*slug = arena_strdup(c->a, db_text(&r, 0, 1));
		*email = arena_strdup(c->a, db_text(&r, 0, 2));
	}
	db_res_clear(&r);
	return 0;
}

int
identity_accept(struct ctx *c, const char *token, const char *password,
    identity_user *u, cJSON *fields)
{
	memset(u, 0, sizeof(*u));
	const char *user, *email;
	int rc = redeem(c, "invite", token, password, fields, &user, &email);
	if (rc != IDENTITY_OK)
		return rc;
	if (audit_record(c, "user.joined", "user", user, NULL, NULL) < 0)
		return IDENTITY_ERROR;
	return load_user(c, "id", user, u, NULL) == 1 ? IDENTITY_OK :
	    IDENTITY_ERROR;
}

int
identity_change_password(struct ctx *c, const char *current,
    const char *password, cJSON *fields)
{
	identity_user u;
	const char *hash = NULL;
	int found = load_user(c, "id", c->user_id, &u, &hash);
	if (found <= 0) {
		if (found == 0)
			app_error(c, 404, "not_found", "no such user", NULL);
		return IDENTITY_ERROR;
	}
	if (!password_verify(hash, current ? current : "")) {
		api_field(fields, "current_password", "this is not your current "
		    "password");
		return IDENTITY_INVALID;
	}
	int rc = set_password(c, u.user_id, u.email, password, fields);
	if (rc != IDENTITY_OK)
		return rc;
	if (end_sessions(c, u.user_id, c->session_id) < 0 ||
	    audit_record(c, "user.password_changed", "user", u.user_id, NULL,
	    NULL) < 0)
		return IDENTITY_ERROR;
	return IDENTITY_OK;
}

int
identity_api_key_create(struct ctx *c, const char *name, const char *scopes,
    const char **key, const char **id, cJSON *fields)
{
	size_t nlen = name ? strlen(name) : 0;
	if (nlen == 0 || nlen > 100)
		api_field(fields, "name", "name the key after what uses it");
	/* normalise "a, b" into ",a,b," and hold each scope to the caller */
	buf norm = BUF_INIT(4096);
	buf_putc(&norm, ',');
	int count = 0;
	const char *s = scopes ? scopes : "";
	while (*s) {
		size_t len = strcspn(s, ", ");
		if (len > 0) {
			char *one = arena_strndup(c->a, s, len);
			if (!api_matches("^[a-z_]+\\.[a-z_]+$", one) ||
			    !auth_can(c, one)) {
				api_field(fields, "scopes", arena_printf(c->a, "%s is "
				    "not a permission you hold", one));
				break;
			}
			buf_printf(&norm, "%s,", one);
			count++;
		}
		s += len + (s[len] != '\0');
	}
	if (count == 0)
		api_field(fields, "scopes", "give at least one scope");
	if (cJSON_GetArraySize(fields) > 0) {
		buf_free(&norm);
		return IDENTITY_INVALID;
	}
	const char *prefix = crypto_random_token(c->a, 6);
	*key = arena_printf(c->a, AUTH_API_KEY_PREFIX "%s_%s", prefix,
	    crypto_random_token(c->a, 32));
	const char *p[6] = { c->tenant_id, name, prefix,
	    crypto_token_hash(c->a, *key), buf_str(&norm), c->user_id };
	db_res r;
	int rc = db_exec(c->db, &r, "INSERT INTO api_keys (tenant_id, name, "
	    "prefix, key_hash, scopes, created_by) VALUES ($1, $2, $3, $4, $5, "
	    "$6) RETURNING id", 6, p);
	if (rc < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		buf_free(&norm);
		return IDENTITY_ERROR;
	}
	*id = arena_strdup(c->a, db_text(&r, 0, 0));
	db_res_clear(&r);
	cJSON *after = cJSON_CreateObject();
	cJSON_AddStringToObject(after, "name", name);
	cJSON_AddStringToObject(after, "prefix", prefix);
	cJSON_AddStringToObject(after, "scopes", buf_str(&norm));
	buf_free(&norm);
	rc = audit_record(c, "api_key.created", "api_key", *id, NULL, after);
	cJSON_Delete(after);
	return rc < 0 ? IDENTITY_ERROR : IDENTITY_OK;
}

int
identity_api_key_revoke(struct ctx *c, const char *id)
{
	if (!api_uuid_ok(id))
		return IDENTITY_REFUSED;
	const char *p[1] = { id };
	db_res r;
	if (db_exec(c->db, &r, "UPDATE api_keys SET revoked_at = now() WHERE "
	    "id = $1 AND revoked_at IS NULL RETURNING name", 1, p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return IDENTITY_ERROR;
	}
	int found = r.rows == 1;
	db_res_clear(&r);
	if (!found)
		return IDENTITY_REFUSED;
	return audit_record(c, "api_key.revoked", "api_key", id, NULL, NULL) <
	    0 ? IDENTITY_ERROR : IDENTITY_OK;
}
