/* identity.c: signing in and out (pages and API), sign-up, the caller's
 * own profile (/me) and the signed-in home page. */
#include <stdio.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/confirm.h"
#include "web/field.h"
#include "web/serve.h"
#include "web/audit.h"
#include "web/auth.h"
#include "identity/identity.h"
#include "commerce/dashboard.h"
#include "commerce/search.h"
#include "web/change.h"

/* local_next: where to go after signing in; only a path on this site,
 * never an open redirect: one "/" then anything but "/" or "\\" (no
 * "//host", no "/\\host", so no other origin and no scheme), and no
 * control character or backslash anywhere (browsers drop tabs and line
 * breaks from a URL, so "/\t/host" would become "//host"). */
static const char *
local_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    strlen(next) > 2000)
		return "/app";
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == '\\')
			return "/app";
	return next;
}

/* form_page: a form page with what was typed in the fields named by keep
 * (never a password), the field errors (taken) and a message.  Each form
 * of this program is drawn by this one function. */
static void
form_page(ctx *c, int status, const char *template, const char *title,
    const char *const *keep, cJSON *fields, const char *message)
{
	cJSON *d = cJSON_CreateObject();
	for (; keep && *keep; keep++) {
		const char *v = http_arg(&c->req, *keep);
		cJSON_AddStringToObject(d, *keep, v ? v : "");
	}
	cJSON_AddItemToObject(d, "fields", fields ? fields :
	    cJSON_CreateObject());
	if (message)
		cJSON_AddStringToObject(d, "error", message);
	cJSON_AddBoolToObject(d, "signup", c->cfg->signup);
	app_render(c, status, template, title, d);
}

/* refuse: the error for an API caller, the form again for a browser. */
static void
refuse(ctx *c, int status, const char *code, const char *message,
    cJSON *fields, const char *template, const char *title,
    const char *const *keep)
{
	c->failed = 1;
	if (c->api)
		app_error(c, status, code, message, fields);
	else
		form_page(c, status, template, title, keep, fields, message);
}

static const char *const login_keep[] = { "tenant", "email", "next", NULL };

static void
login_form(ctx *c, int status, const char *error)
{
	form_page(c, status, "login.cs", "Sign in", login_keep, NULL, error);
}

static void
login_page(ctx *c)
{
	login_form(c, 200, NULL);
}

/* sign_in: shared by the form and the token endpoint.  Returns 1 with u
 * filled, or 0 with the refusal answered. */
static int
sign_in(ctx *c, identity_user *u)
{
	long wait;
	int rc = identity_sign_in(c, http_arg(&c->req, "tenant"),
	    http_arg(&c->req, "email"), http_arg(&c->req, "password"), u,
	    &wait);
	if (rc == IDENTITY_OK)
		return 1;
	if (rc == IDENTITY_THROTTLED) {
		const char *msg = "too many failed sign-ins; try again later";
		if (c->api)
			app_error(c, 429, "throttled", msg, NULL);
		else
			login_form(c, 429, msg);
		resp_header(c->a, &c->resp, "Retry-After",
		    arena_printf(c->a, "%ld", wait));
	} else if (rc == IDENTITY_REFUSED) {
		const char *t = http_arg(&c->req, "tenant");
		/* one answer for every refusal without a business: it tells
		 * neither whether the email is known nor how many businesses
		 * it belongs to */
		const char *msg = t && *t ? "the business, email or password is "
		    "wrong" : "the email or password is wrong, or this email "
		    "belongs to more than one business: type the business's "
		    "short name";
		if (c->api)
			app_error(c, 401, "invalid_credentials", msg, NULL);
		else
			login_form(c, 401, msg);
	}
	return 0;
}

static void
login(ctx *c)
{
	identity_user u;
	if (!sign_in(c, &u))
		return;
	db_res r;
	if (db_begin(c->db) < 0 || db_set_tenant(c->db, u.tenant_id) < 0 ||
	    identity_session_start(c, &u) < 0 || db_commit(c->db, &r) < 0) {
		db_rollback(c->db);
		if (c->resp.status < 400)
			app_error(c, 503, "unavailable", "the database is "
			    "unavailable", NULL);
		return;
	}
	db_res_clear(&r);
	app_redirect(c, local_next(http_arg(&c->req, "next")));
}

static void
logout(ctx *c)
{
	if (identity_session_end(c) < 0)
		return;
	app_redirect(c, "/");
}

static void
token(ctx *c)
{
	if (field_known(c, "tenant email password") < 0)
		return;
	identity_user u;
	if (!sign_in(c, &u))
		return;
	cJSON *out = cJSON_CreateObject();
	db_res r;
	if (db_begin(c->db) < 0 || db_set_tenant(c->db, u.tenant_id) < 0 ||
	    identity_tokens(c, &u, NULL, out) != IDENTITY_OK ||
	    db_commit(c->db, &r) < 0) {
		db_rollback(c->db);
		cJSON_Delete(out);
		if (c->resp.status < 400)
			app_error(c, 503, "unavailable", "the database is "
			    "unavailable", NULL);
		return;
	}
	db_res_clear(&r);
	resp_header(c->a, &c->resp, "Cache-Control", "no-store");
	app_render(c, 200, NULL, NULL, out);
}

static void
refresh(ctx *c)
{
	if (field_known(c, "refresh_token") < 0)
		return;
	cJSON *out = cJSON_CreateObject();
	int rc = identity_refresh(c, http_arg(&c->req, "refresh_token"), out);
	if (rc != IDENTITY_OK) {
		cJSON_Delete(out);
		if (rc == IDENTITY_REFUSED)
			app_error(c, 401, "invalid_token", "the refresh token is "
			    "unknown, spent, revoked or expired", NULL);
		return;
	}
	resp_header(c->a, &c->resp, "Cache-Control", "no-store");
	app_render(c, 200, NULL, NULL, out);
}

static void
api_logout(ctx *c)
{
	if (field_known(c, "refresh_token") < 0)
		return;
	int rc = identity_revoke(c, http_arg(&c->req, "refresh_token"));
	if (rc == IDENTITY_REFUSED)
		app_error(c, 401, "invalid_token", "the refresh token is "
		    "unknown", NULL);
	else if (rc == IDENTITY_OK)
		app_render(c, 200, NULL, NULL, NULL);
}

static const char *const signup_keep[] = { "business", "slug", "currency",
    "name", "email", NULL };

static void
signup_form(ctx *c, int status, cJSON *fields)
{
	form_page(c, status, "signup.cs", "Create your business", signup_keep,
	    fields, NULL);
}

static void
signup_page(ctx *c)
{
	if (!c->cfg->signup) {
		app_error(c, 404, "not_found", "sign-up is closed on this "
		    "server", NULL);
		return;
	}
	signup_form(c, 200, NULL);
}

static void
signup(ctx *c)
{
	if (field_known(c, "business slug currency name email password") < 0)
		return;
	if (!c->cfg->signup) {
		app_error(c, 404, "not_found", "sign-up is closed on this "
		    "server", NULL);
		return;
	}
	identity_signup in = {
		http_arg(&c->req, "business"), http_arg(&c->req, "slug"),
		http_arg(&c->req, "currency"), http_arg(&c->req, "name"),
		http_arg(&c->req, "email"), http_arg(&c->req, "password"),
	};
	identity_user u;
	cJSON *fields = cJSON_CreateObject();
	int rc = identity_sign_up(c, &in, &u, fields);
	if (rc == IDENTITY_INVALID) {
		refuse(c, 422, "invalid", "the sign-up has errors", fields,
		    "signup.cs", "Create your business", signup_keep);
		return;
	}
	cJSON_Delete(fields);
	if (rc != IDENTITY_OK)
		return;
	if (c->api) {
		cJSON *out = cJSON_CreateObject();
		cJSON_AddStringToObject(out, "tenant_id", u.tenant_id);
		cJSON_AddStringToObject(out, "user_id", u.user_id);
		if (identity_tokens(c, &u, NULL, out) != IDENTITY_OK) {
			cJSON_Delete(out);
			return;
		}
		app_render(c, 201, NULL, NULL, out);
		return;
	}
	if (identity_session_start(c, &u) == 0)
		app_redirect(c, "/app");
}

/* me_json: the caller, their business, role and permissions. */
static cJSON *
me_json(ctx *c)
{
	db_res r;
	const char *p[1] = { c->user_id };
	if (db_exec(c->db, &r, "SELECT u.id, u.email, u.name, t.id, t.name, "
	    "t.slug, t.base_currency FROM users u JOIN tenants t ON t.id = "
	    "u.tenant_id WHERE u.id = $1", 1, p) < 0 || r.rows != 1) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return NULL;
	}
	cJSON *me = cJSON_CreateObject();
	cJSON *user = cJSON_AddObjectToObject(me, "user");
	cJSON_AddStringToObject(user, "id", db_text(&r, 0, 0));
	cJSON_AddStringToObject(user, "email", db_text(&r, 0, 1));
	cJSON_AddStringToObject(user, "name", db_text(&r, 0, 2));
	cJSON *t = cJSON_AddObjectToObject(me, "tenant");
	cJSON_AddStringToObject(t, "id", db_text(&r, 0, 3));
	cJSON_AddStringToObject(t, "name", db_text(&r, 0, 4));
	cJSON_AddStringToObject(t, "slug", db_text(&r, 0, 5));
	cJSON_AddStringToObject(t, "base_currency", db_text(&r, 0, 6));
	db_res_clear(&r);
	cJSON_AddStringToObject(me, "role", c->role);
	cJSON *perms = cJSON_AddArrayToObject(me, "permissions");
	const char *s = c->perms;
	while (s && *s) {
		const char *e = strchr(s + 1, ',');
		if (e == NULL)
			break;
		if (e > s + 1)
			cJSON_AddItemToArray(perms, cJSON_CreateString(
			    arena_strndup(c->a, s + 1, (size_t)(e - s - 1))));
		s = e;
	}
	return me;
}

static void
me(ctx *c)
{
	cJSON *d = me_json(c);
	if (d)
		app_render(c, 200, "me.cs", "Your profile", d);
}

/* The settings, grouped as a business sets itself up: the seller's
 * name, address and tax id (which every invoice prints) first.  A link
 * shows only when the user may open it; perm "a|b" is either. */
static const struct setting_link {
	const char *group, *label, *href, *perm, *hint;
} setting_links[] = {
	{ "Business details", "Address and tax id",
	    "/app/commerce/settings#address", "settings.manage|ledger.read",
	    "printed on every invoice" },
	{ "Business details", "Branches", "/app/branches", "branches.read",
	    "offices and shops, and who works where" },
	{ "Sales & invoices", "Numbering, terms, payment instructions",
	    "/app/commerce/settings", "settings.manage|ledger.read",
	    "when orders invoice, default terms, number prefixes" },
	{ "Sales & invoices", "Product categories", "/app/categories",
	    "inventory.read", NULL },
	{ "Books", "Book settings", "/app/books/settings", "ledger.read",
	    "tax rounding, the month the year starts" },
	{ "Books", "Chart of accounts", "/app/accounts", "ledger.read", NULL },
	{ "Books", "Years and periods", "/app/years", "ledger.read", NULL },
	{ "Books", "Currencies and rates", "/app/currencies", "ledger.read",
	    NULL },
	{ "Books", "Taxes", "/app/tax-groups", "ledger.read", NULL },
	{ "Team", "Users", "/app/users", "users.read", "invite, roles, deactivate" },
	{ "Team", "Roles", "/app/roles", "users.read", NULL },
	{ "Integrations", "API keys", "/app/api-keys", "api_keys.manage", NULL },
	{ "Integrations", "Webhooks", "/app/webhooks", "webhooks.manage", NULL },
	{ "Integrations", "Records from a CRM", "/app/sync", "sync.write",
	    NULL },
};

/* may_any: the user holds one of the permissions "a|b" */
static int
may_any(ctx *c, const char *perms)
{
	char one[64];
	for (const char *p = perms; *p; ) {
		size_t n = strcspn(p, "|");
		snprintf(one, sizeof(one), "%.*s", (int)n, p);
		if (auth_can(c, one))
			return 1;
		p += n + (p[n] == '|');
	}
	return 0;
}

/* settings: the index of the settings pages, by group */
static void
settings(ctx *c)
{
	cJSON *d = cJSON_CreateObject();
	cJSON *groups = cJSON_AddArrayToObject(d, "groups");
	cJSON *g = NULL;
	const char *last = "";
	for (size_t i = 0; i < sizeof(setting_links) / sizeof(setting_links[0]);
	    i++) {
		const struct setting_link *l = &setting_links[i];
		if (!may_any(c, l->perm))
			continue;
		if (strcmp(last, l->group) != 0) {
			g = cJSON_CreateObject();
			cJSON_AddStringToObject(g, "name", l->group);
			cJSON_AddArrayToObject(g, "links");
			cJSON_AddItemToArray(groups, g);
			last = l->group;
		}
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "label", l->label);
		cJSON_AddStringToObject(o, "href", l->href);
		if (l->hint)
			cJSON_AddStringToObject(o, "hint", l->hint);
		cJSON_AddItemToArray(cJSON_GetObjectItem(g, "links"), o);
	}
	app_render(c, 200, "settings.cs", "Settings", d);
}

/* dashboard: the signed-in home, its figures those the role may read
 * (commerce/dashboard); the same figures under /api/v1/dashboard */
static void
dashboard(ctx *c)
{
	cJSON *f = dashboard_build(c);
	if (f == NULL)
		return;
	if (c->api) {
		app_render(c, 200, NULL, NULL, f);
		return;
	}
	cJSON *d = me_json(c);
	if (d == NULL) {
		cJSON_Delete(f);
		return;
	}
	cJSON_AddItemToObject(d, "figures", f);
	app_render(c, 200, "dashboard.cs", "Home", d);
}

/* search: customers, suppliers, products, orders, invoices and bills by
 * name or number, only the kinds the role may read (commerce/search) */
static void
search(ctx *c)
{
	const char *q = field_query(c, "q");
	cJSON *d = search_find(c, q);
	if (d)
		app_render(c, 200, "search.cs", "Search", d);
}

/* audit_list: the tenant's audit log, newest first, filtered by action,
 * actor email and date range, keyset-paginated on seq. */
static void
audit_list(ctx *c)
{
	int limit;
	if (api_limit(&c->req.query, &limit) < 0) {
		app_error(c, 400, "bad_request", "limit must be 1 to 200", NULL);
		return;
	}
	const char *cursor = kv_get(&c->req.query, "cursor");
	const char *before = cursor ? api_cursor_decode(c->a, cursor) : NULL;
	if (cursor && (before == NULL || strspn(before, "0123456789") !=
	    strlen(before) || strlen(before) > 18)) {
		app_error(c, 400, "bad_request", "malformed cursor", NULL);
		return;
	}
	const char *from = kv_get(&c->req.query, "from");
	const char *to = kv_get(&c->req.query, "to");
	const char *action = kv_get(&c->req.query, "action");
	const char *actor = kv_get(&c->req.query, "actor");
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", limit + 1);
	const char *p[6] = { before, action && *action ? action : NULL,
	    actor && *actor ? actor : NULL, from && *from ? from : NULL,
	    to && *to ? to : NULL, lim };
	db_res r;
	if (db_exec(c->db, &r, "SELECT seq, to_char(at AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), actor_label, ip, action, "
	    "record_type, record_id, coalesce(before::text, 'null'), "
	    "coalesce(after::text, 'null'), coalesce(actor_id::text, ''), "
	    "coalesce(api_key_id::text, '') FROM audit_log WHERE "
	    "($1::bigint IS NULL OR seq < $1::bigint) AND ($2::text IS NULL OR "
	    "action = $2) AND ($3::text IS NULL OR actor_label = lower($3)) AND "
	    "($4::date IS NULL OR at >= $4::date) AND ($5::date IS NULL OR at < "
	    "$5::date + 1) ORDER BY seq DESC LIMIT $6::int", 6, p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return;
	}
	cJSON *items = cJSON_CreateArray();
	int n = r.rows > limit ? limit : r.rows;
	for (int i = 0; i < n; i++) {
		cJSON *e = cJSON_CreateObject();
		int64_t seq = 0;
		db_i64(&r, i, 0, &seq);
		cJSON_AddItemToObject(e, "seq", api_int(seq));
		cJSON_AddStringToObject(e, "at", db_text(&r, i, 1));
		cJSON_AddStringToObject(e, "actor", db_text(&r, i, 2));
		cJSON_AddStringToObject(e, "ip", db_text(&r, i, 3));
		cJSON_AddStringToObject(e, "action", db_text(&r, i, 4));
		cJSON_AddStringToObject(e, "record_type", db_text(&r, i, 5));
		cJSON_AddStringToObject(e, "record_id", db_text(&r, i, 6));
		cJSON_AddItemToObject(e, "before", cJSON_Parse(db_text(&r, i, 7)));
		cJSON_AddItemToObject(e, "after", cJSON_Parse(db_text(&r, i, 8)));
		cJSON_AddStringToObject(e, "actor_id", db_text(&r, i, 9));
		cJSON_AddStringToObject(e, "api_key_id", db_text(&r, i, 10));
		cJSON_AddItemToArray(items, e);
	}
	const char *next = r.rows > limit ? api_cursor_encode(c->a,
	    db_text(&r, limit - 1, 0)) : NULL;
	db_res_clear(&r);
	cJSON *out = api_list(items, next);
	cJSON *f = cJSON_AddObjectToObject(out, "filter");
	cJSON_AddStringToObject(f, "action", action ? action : "");
	cJSON_AddStringToObject(f, "actor", actor ? actor : "");
	cJSON_AddStringToObject(f, "from", from ? from : "");
	cJSON_AddStringToObject(f, "to", to ? to : "");
	app_render(c, 200, "audit.cs", "Audit log", out);
}

/* audit_check: recomputes the chain and names the first broken link. */
static void
audit_check(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	db_res r;
	int64_t broken = 0, total = 0;
	if (audit_verify_chain(c->db, &broken, &total, &r) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return;
	}
	cJSON *out = cJSON_CreateObject();
	int ok = broken == 0;
	cJSON_AddBoolToObject(out, "valid", ok);
	if (ok)
		cJSON_AddNullToObject(out, "first_broken_seq");
	else
		cJSON_AddItemToObject(out, "first_broken_seq", api_int(broken));
	cJSON_AddItemToObject(out, "entries", api_int(total));
	app_render(c, 200, "audit_verify.cs", "Audit log check", out);
}

/* ---- forgotten passwords, invitations, password change ---- */

static const char *const forgot_keep[] = { "tenant", "email", NULL };
static const char *const token_keep[] = { "token", NULL };

static void
forgot_page(ctx *c)
{
	form_page(c, 200, "forgot.cs", "Forgotten password", forgot_keep, NULL,
	    NULL);
}

static void
forgot(ctx *c)
{
	if (field_known(c, "tenant email") < 0)
		return;
	if (identity_reset_request(c, http_arg(&c->req, "tenant"),
	    http_arg(&c->req, "email")) != IDENTITY_OK)
		return;
	/* the same answer whether or not the account exists */
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "message", "If this account exists, a link "
	    "to choose a new password is on its way by email. It works for one "
	    "hour.");
	app_render(c, 202, "sent.cs", "Check your mail", d);
}

static void
reset_page(ctx *c)
{
	form_page(c, 200, "reset.cs", "Choose a new password", token_keep,
	    NULL, NULL);
}

static void
reset(ctx *c)
{
	if (field_known(c, "token password") < 0)
		return;
	cJSON *fields = cJSON_CreateObject();
	int rc = identity_reset(c, http_arg(&c->req, "token"),
	    http_arg(&c->req, "password"), fields);
	if (rc == IDENTITY_OK) {
		cJSON_Delete(fields);
		if (c->api)
			app_render(c, 200, NULL, NULL, NULL);
		else
			app_redirect(c, "/app/login?reset=1");
		return;
	}
	if (rc == IDENTITY_ERROR) {
		cJSON_Delete(fields);
		return;
	}
	refuse(c, rc == IDENTITY_REFUSED ? 400 : 422, rc == IDENTITY_REFUSED ?
	    "invalid_token" : "invalid", rc == IDENTITY_REFUSED ? "this link is "
	    "unknown, used or expired; ask for a new one" : "the password is "
	    "refused", fields, "reset.cs", "Choose a new password", token_keep);
}

static const char *const invite_keep[] = { "email", "name", "role", NULL };

/* invite_form_page: the invitation form offers the tenant's roles, custom ones
 * included (an owner may also make owners). */
static void
invite_form_page(ctx *c, int status, cJSON *fields, const char *message)
{
	db_res r;
	if (db_exec(c->db, &r, "SELECT name FROM roles WHERE name <> 'owner' OR "
	    "$1 = 'owner' ORDER BY builtin DESC, name", 1,
	    (const char *const[]){ c->role }) < 0) {
		cJSON_Delete(fields);
		app_db_error(c, &r);
		db_res_clear(&r);
		return;
	}
	cJSON *roles = cJSON_CreateArray();
	for (int i = 0; i < r.rows; i++)
		cJSON_AddItemToArray(roles, cJSON_CreateString(db_text(&r, i, 0)));
	db_res_clear(&r);
	cJSON *d = cJSON_CreateObject();
	for (const char *const *k = invite_keep; *k; k++) {
		const char *v = http_arg(&c->req, *k);
		cJSON_AddStringToObject(d, *k, v ? v : "");
	}
	cJSON_AddItemToObject(d, "roles", roles);
	cJSON_AddItemToObject(d, "fields", fields ? fields :
	    cJSON_CreateObject());
	if (message)
		cJSON_AddStringToObject(d, "error", message);
	app_render(c, status, "invite.cs", "Invite a user", d);
}

static void
invite_form(ctx *c)
{
	invite_form_page(c, 200, NULL, NULL);
}

static void
invite(ctx *c)
{
	if (field_known(c, "email name role") < 0)
		return;
	cJSON *fields = cJSON_CreateObject();
	const char *user = NULL;
	int rc = identity_invite(c, http_arg(&c->req, "email"),
	    http_arg(&c->req, "name"), http_arg(&c->req, "role"), fields,
	    &user);
	if (rc == IDENTITY_INVALID) {
		c->failed = 1;
		if (c->api)
			app_error(c, 422, "invalid", "the invitation has errors",
			    fields);
		else
			invite_form_page(c, 422, fields, "the invitation has "
			    "errors");
		return;
	}
	cJSON_Delete(fields);
	if (rc != IDENTITY_OK)
		return;
	if (!c->api) {
		app_redirect(c, "/app/users");
		return;
	}
	cJSON *out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "id", user);
	cJSON_AddStringToObject(out, "status", "invited");
	resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
	    "/api/v1/users/%s", user));
	app_render(c, 201, NULL, NULL, out);
}


/* invitation_named: into the page, the business the invitation is to
 * and the short name that sign-in asks for */
static void
accept_form(ctx *c, int status, cJSON *fields, const char *message)
{
	const char *business, *slug, *email;
	if (identity_invitation(c, http_arg(&c->req, "token"), &business,
	    &slug, &email) < 0) {
		cJSON_Delete(fields);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	const char *t = http_arg(&c->req, "token");
	cJSON_AddStringToObject(d, "token", t ? t : "");
	cJSON_AddItemToObject(d, "fields", fields ? fields :
	    cJSON_CreateObject());
	if (message)
		cJSON_AddStringToObject(d, "error", message);
	if (business) {
		cJSON_AddStringToObject(d, "business", business);
		cJSON_AddStringToObject(d, "slug", slug);
		cJSON_AddStringToObject(d, "email", email);
	}
	app_render(c, status, "accept.cs", "Join", d);
}

static void
accept_page(ctx *c)
{
	accept_form(c, 200, NULL, NULL);
}

static void
accept(ctx *c)
{
	if (field_known(c, "token password") < 0)
		return;
	cJSON *fields = cJSON_CreateObject();
	identity_user u;
	int rc = identity_accept(c, http_arg(&c->req, "token"),
	    http_arg(&c->req, "password"), &u, fields);
	if (rc == IDENTITY_ERROR) {
		cJSON_Delete(fields);
		return;
	}
	if (rc != IDENTITY_OK) {
		const char *msg = rc == IDENTITY_REFUSED ? "this invitation is "
		    "unknown, used or expired" : "the password is refused";
		c->failed = 1;
		if (c->api)
			app_error(c, rc == IDENTITY_REFUSED ? 400 : 422,
			    rc == IDENTITY_REFUSED ? "invalid_token" : "invalid",
			    msg, fields);
		else
			accept_form(c, rc == IDENTITY_REFUSED ? 400 : 422, fields,
			    msg);
		return;
	}
	cJSON_Delete(fields);
	if (c->api) {
		cJSON *out = cJSON_CreateObject();
		if (identity_tokens(c, &u, NULL, out) != IDENTITY_OK) {
			cJSON_Delete(out);
			return;
		}
		app_render(c, 200, NULL, NULL, out);
		return;
	}
	if (identity_session_start(c, &u) == 0)
		app_redirect(c, "/app");
}

static void
password_page(ctx *c)
{
	form_page(c, 200, "password.cs", "Change your password", NULL, NULL,
	    NULL);
}

static void
change_password(ctx *c)
{
	if (field_known(c, "current_password password") < 0)
		return;
	cJSON *fields = cJSON_CreateObject();
	int rc = identity_change_password(c, http_arg(&c->req,
	    "current_password"), http_arg(&c->req, "password"), fields);
	if (rc == IDENTITY_INVALID) {
		refuse(c, 422, "invalid", "the password was not changed",
		    fields, "password.cs", "Change your password", NULL);
		return;
	}
	cJSON_Delete(fields);
	if (rc != IDENTITY_OK)
		return;
	if (c->api)
		app_render(c, 200, NULL, NULL, NULL);
	else
		app_redirect(c, "/app/me?password=changed");
}

/* ---- API keys ---- */

static void
api_keys(ctx *c)
{
	db_res r;
	if (db_exec(c->db, &r, "SELECT id, name, prefix, scopes, "
	    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
	    "to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
	    "revoked_at IS NOT NULL FROM api_keys ORDER BY created_at DESC, id "
	    "LIMIT 200", 0, NULL) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return;
	}
	cJSON *items = cJSON_CreateArray();
	for (int i = 0; i < r.rows; i++) {
		cJSON *k = cJSON_CreateObject();
		int revoked = 0;
		db_bool(&r, i, 6, &revoked);
		cJSON_AddStringToObject(k, "id", db_text(&r, i, 0));
		cJSON_AddStringToObject(k, "name", db_text(&r, i, 1));
		cJSON_AddStringToObject(k, "prefix", arena_printf(c->a,
		    AUTH_API_KEY_PREFIX "%s", db_text(&r, i, 2)));
		cJSON_AddStringToObject(k, "scopes", db_text(&r, i, 3));
		cJSON_AddStringToObject(k, "created_at", db_text(&r, i, 4));
		if (db_isnull(&r, i, 5))
			cJSON_AddNullToObject(k, "last_used_at");
		else
			cJSON_AddStringToObject(k, "last_used_at",
			    db_text(&r, i, 5));
		cJSON_AddBoolToObject(k, "revoked", revoked);
		cJSON_AddItemToArray(items, k);
	}
	db_res_clear(&r);
	app_render(c, 200, "api_keys.cs", "API keys", api_list(items, NULL));
}

static void
api_key_create(ctx *c)
{
	if (field_known(c, "name scopes") < 0)
		return;
	cJSON *fields = cJSON_CreateObject();
	const char *key = NULL, *id = NULL;
	/* a form sends one checkbox per scope; JSON a comma list */
	const char *scopes = http_arg(&c->req, "scopes");
	if (!c->api && kv_count(&c->req.form, "scope") > 0) {
		buf all = BUF_INIT(4096);
		for (size_t i = 0; i < c->req.form.n; i++)
			if (strcmp(c->req.form.items[i].name, "scope") == 0)
				buf_printf(&all, "%s,", c->req.form.items[i].value);
		scopes = arena_strdup(c->a, buf_str(&all));
		buf_free(&all);
	}
	int rc = identity_api_key_create(c, http_arg(&c->req, "name"), scopes,
	    &key, &id, fields);
	if (rc == IDENTITY_INVALID) {
		c->failed = 1;
		app_error(c, 422, "invalid", "the key has errors", fields);
		return;
	}
	cJSON_Delete(fields);
	if (rc != IDENTITY_OK)
		return;
	cJSON *out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "id", id);
	cJSON_AddStringToObject(out, "key", key);
	cJSON_AddStringToObject(out, "note", "Copy this key now: Bursar keeps "
	    "only its hash and cannot show it again.");
	resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
	    "/api/v1/api-keys/%s", id));
	resp_header(c->a, &c->resp, "Cache-Control", "no-store");
	app_render(c, 201, "api_key_created.cs", "Your new API key", out);
}

static void
api_key_revoke(ctx *c)
{
	const confirm_step ask = { "Revoke this API key?", "Every program "
	    "that uses this key is refused from now on. A revoked key cannot "
	    "be turned back on: a program that still needs access needs a "
	    "new key.", "Revoke the key", "/app/api-keys" };
	if (field_known(c, "") < 0 || !confirm_given(c, &ask))
		return;
	int rc = identity_api_key_revoke(c, app_param(c, "id"));
	if (rc == IDENTITY_REFUSED)
		app_error(c, 404, "not_found", "no such live API key", NULL);
	else if (rc == IDENTITY_OK) {
		if (c->api)
			app_render(c, 200, NULL, NULL, NULL);
		else
			app_redirect(c, "/app/api-keys");
	}
}

static const route routes[] = {
	{ "GET", "/app/login", login_page, ROUTE_PUBLIC | ROUTE_NO_TX, NULL },
	{ "POST", "/app/login", login, ROUTE_PUBLIC | ROUTE_NO_TX, NULL },
	{ "POST", "/app/logout", logout, ROUTE_SIGNED_IN, NULL },
	{ "GET", "/app/signup", signup_page, ROUTE_PUBLIC | ROUTE_NO_TX, NULL },
	{ "POST", "~/signup", signup, ROUTE_PUBLIC, NULL },
	{ "POST", "/api/v1/auth/token", token, ROUTE_PUBLIC | ROUTE_NO_TX,
	    NULL },
	{ "POST", "/api/v1/auth/refresh", refresh, ROUTE_PUBLIC | ROUTE_NO_TX,
	    NULL },
	{ "POST", "/api/v1/auth/logout", api_logout,
	    ROUTE_PUBLIC | ROUTE_NO_TX, NULL },
	{ "GET", "~/me", me, ROUTE_SIGNED_IN, NULL },
	{ "GET", "/app", dashboard, ROUTE_SIGNED_IN, NULL },
	{ "GET", "/api/v1/dashboard", dashboard, ROUTE_SIGNED_IN, NULL },
	{ "GET", "~/search", search, ROUTE_SIGNED_IN, NULL },
	{ "GET", "/app/settings", settings, ROUTE_SIGNED_IN, NULL },
	{ "GET", "~/audit", audit_list, 0, "audit.read" },
	{ "POST", "~/audit/verify", audit_check, 0, "audit.read" },
	{ "GET", "/app/password/forgot", forgot_page,
	    ROUTE_PUBLIC | ROUTE_NO_TX, NULL },
	{ "POST", "~/password/forgot", forgot, ROUTE_PUBLIC, NULL },
	{ "GET", "/app/password/reset", reset_page, ROUTE_PUBLIC | ROUTE_NO_TX,
	    NULL },
	{ "POST", "~/password/reset", reset, ROUTE_PUBLIC, NULL },
	{ "GET", "/app/users/invite", invite_form, 0, "users.manage" },
	{ "POST", "~/users/invite", invite, 0, "users.manage" },
	{ "GET", "/app/invite/accept", accept_page, ROUTE_PUBLIC | ROUTE_NO_TX,
	    NULL },
	{ "POST", "~/invite/accept", accept, ROUTE_PUBLIC, NULL },
	{ "GET", "/app/password", password_page,
	    ROUTE_NO_TX | ROUTE_SIGNED_IN, NULL },
	{ "POST", "~/password", change_password, ROUTE_SIGNED_IN, NULL },
	{ "GET", "~/api-keys", api_keys, 0, "api_keys.manage" },
	{ "POST", "~/api-keys", api_key_create, 0, "api_keys.manage" },
	{ "POST", "~/api-keys/{id}/revoke", api_key_revoke, 0,
	    "api_keys.manage" },
};

int
main(void)
{
	return serve_main("identity", routes, sizeof(routes) / sizeof(routes[0]));
}
