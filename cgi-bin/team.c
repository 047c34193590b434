/* team.c: users (role, branches, deactivation), roles and permissions,
 * branches, and the caller's own sessions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/confirm.h"
#include "web/field.h"
#include "web/serve.h"
#include "identity/team.h"

/* answer: the common end of a change: 404, 422 with fields, or success
 * (JSON {} for the API, back to page for a browser). */
static void
answer(ctx *c, int rc, cJSON *fields, const char *page)
{
	if (rc == TEAM_INVALID) {
		app_error(c, 422, "invalid", "the change was refused", fields);
		return;
	}
	cJSON_Delete(fields);
	if (rc == TEAM_NOT_FOUND)
		app_error(c, 404, "not_found", "no such record", NULL);
	else if (rc == TEAM_OK) {
		if (c->api)
			app_render(c, 200, NULL, NULL, NULL);
		else
			app_redirect(c, page);
	}
}

/* rows: a query's rows as objects with the given keys, all text except
 * keys starting with '?', which are booleans. */
static cJSON *
rows(ctx *c, const char *sql, int n, const char *const *p,
    const char *const *keys)
{
	db_res r;
	if (db_exec(c->db, &r, sql, n, p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return NULL;
	}
	cJSON *items = cJSON_CreateArray();
	for (int i = 0; i < r.rows; i++) {
		cJSON *o = cJSON_CreateObject();
		for (int k = 0; keys[k]; k++) {
			if (keys[k][0] == '?') {
				int b = 0;
				db_bool(&r, i, k, &b);
				cJSON_AddBoolToObject(o, keys[k] + 1, b);
			} else
				cJSON_AddStringToObject(o, keys[k],
				    db_text(&r, i, k) ? db_text(&r, i, k) : "");
		}
		cJSON_AddItemToArray(items, o);
	}
	db_res_clear(&r);
	return items;
}

static void
users(ctx *c)
{
	static const char *const keys[] = { "id", "email", "name", "role",
	    "?active", "?invited", "branches", NULL };
	cJSON *items = rows(c, "SELECT u.id, u.email, u.name, r.name, u.active, "
	    "u.password_hash IS NULL, CASE WHEN u.all_branches THEN '*' ELSE "
	    "coalesce((SELECT string_agg(b.code, ',' ORDER BY b.code) FROM "
	    "user_branches ub JOIN branches b ON b.tenant_id = ub.tenant_id AND "
	    "b.id = ub.branch_id WHERE ub.user_id = u.id), '') END FROM users u "
	    "JOIN roles r ON r.tenant_id = u.tenant_id AND r.id = u.role_id "
	    "ORDER BY u.email LIMIT 500", 0, NULL, keys);
	if (items)
		app_render(c, 200, "users.cs", "Users", api_list(items, NULL));
}

static void
user_role(ctx *c)
{
	if (field_known(c, "role") < 0)
		return;
	cJSON *f = cJSON_CreateObject(), *keys = cJSON_CreateArray();
	int rc = team_set_role(c, app_param(c, "id"), http_arg(&c->req,
	    "role"), f, keys);
	/* the answer names the API keys the new role narrowed */
	if (rc == TEAM_OK && (c->api || cJSON_GetArraySize(keys) > 0)) {
		cJSON_Delete(f);
		cJSON *out = cJSON_CreateObject();
		cJSON_AddItemToObject(out, "narrowed_keys", keys);
		app_render(c, 200, "role_changed.cs", "Role changed", out);
		return;
	}
	cJSON_Delete(keys);
	answer(c, rc, f, "/app/users");
}

static void
user_branches(ctx *c)
{
	if (field_known(c, "branches") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	answer(c, team_set_branches(c, app_param(c, "id"), http_arg(&c->req,
	    "branches"), f), f, "/app/users");
}

static void
user_deactivate(ctx *c)
{
	const confirm_step ask = { "Deactivate this user?", "They are signed "
	    "out everywhere at once: their sessions and access tokens end and "
	    "cannot be brought back. They cannot sign in until someone "
	    "activates them again.", "Deactivate the user", "/app/users" };
	if (field_known(c, "") < 0 || !confirm_given(c, &ask))
		return;
	cJSON *f = cJSON_CreateObject();
	answer(c, team_set_active(c, app_param(c, "id"), 0, f), f,
	    "/app/users");
}

static void
user_activate(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	answer(c, team_set_active(c, app_param(c, "id"), 1, f), f,
	    "/app/users");
}

static void
roles(ctx *c)
{
	static const char *const rkeys[] = { "name", "?builtin", "permissions",
	    NULL };
	static const char *const pkeys[] = { "name", "description", NULL };
	cJSON *items = rows(c, "SELECT r.name, r.builtin, coalesce((SELECT "
	    "string_agg(permission, ', ' ORDER BY permission) FROM "
	    "role_permissions rp WHERE rp.role_id = r.id), '') FROM roles r "
	    "ORDER BY NOT r.builtin, r.name", 0, NULL, rkeys);
	if (items == NULL)
		return;
	cJSON *catalogue = rows(c, "SELECT name, description FROM permissions "
	    "ORDER BY name", 0, NULL, pkeys);
	if (catalogue == NULL) {
		cJSON_Delete(items);
		return;
	}
	cJSON *out = api_list(items, NULL);
	cJSON_AddItemToObject(out, "permissions", catalogue);
	app_render(c, 200, "roles.cs", "Roles and permissions", out);
}

static void
role_save(ctx *c)
{
	if (field_known(c, "name permissions") < 0)
		return;
	/* a form sends one checkbox per permission; JSON a comma list */
	const char *perms = http_arg(&c->req, "permissions");
	if (!c->api) {
		buf all = BUF_INIT(4096);
		for (size_t i = 0; i < c->req.form.n; i++)
			if (strcmp(c->req.form.items[i].name, "permission") == 0)
				buf_printf(&all, "%s,", c->req.form.items[i].value);
		perms = arena_strdup(c->a, buf_str(&all));
		buf_free(&all);
	}
	cJSON *f = cJSON_CreateObject();
	answer(c, team_role_save(c, http_arg(&c->req, "name"), perms, f), f,
	    "/app/roles");
}

/* branches: those the caller may see: all, or the ones they are limited
 * to */
static void
branches(ctx *c)
{
	static const char *const keys[] = { "id", "code", "name", "?active",
	    NULL };
	const char *p[1] = { c->user_id };
	cJSON *items = rows(c, "SELECT b.id, b.code, b.name, b.active FROM "
	    "branches b WHERE (SELECT all_branches FROM users WHERE id = $1) OR "
	    "b.id IN (SELECT branch_id FROM user_branches WHERE user_id = $1) "
	    "ORDER BY b.code", 1, p, keys);
	if (items)
		app_render(c, 200, "branches.cs", "Branches", api_list(items,
		    NULL));
}

static void
branch_create(ctx *c)
{
	if (field_known(c, "code name") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	int rc = team_branch_create(c, http_arg(&c->req, "code"),
	    http_arg(&c->req, "name"), f);
	if (rc == TEAM_OK && c->api) {
		cJSON_Delete(f);
		app_render(c, 201, NULL, NULL, NULL);
		return;
	}
	answer(c, rc, f, "/app/branches");
}

static void
sessions(ctx *c)
{
	static const char *const keys[] = { "id", "created_at", "last_seen_at",
	    "ip", "user_agent", "?current", NULL };
	const char *p[2] = { c->user_id, c->session_id };
	cJSON *items = rows(c, "SELECT id, to_char(created_at AT TIME ZONE "
	    "'UTC', 'YYYY-MM-DD HH24:MI'), to_char(last_seen_at AT TIME ZONE "
	    "'UTC', 'YYYY-MM-DD HH24:MI'), ip, user_agent, id = $2::uuid FROM "
	    "sessions WHERE user_id = $1 AND expires_at > now() ORDER BY "
	    "last_seen_at DESC", 2, p, keys);
	if (items)
		app_render(c, 200, "sessions.cs", "Your sessions", api_list(items,
		    NULL));
}

static void
sessions_end_others(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	int n = team_sessions_end_others(c);
	if (n < 0)
		return;
	if (!c->api) {
		app_redirect(c, "/app/sessions");
		return;
	}
	cJSON *out = cJSON_CreateObject();
	cJSON_AddItemToObject(out, "ended", api_int(n));
	app_render(c, 200, NULL, NULL, out);
}

static const route routes[] = {
	{ "GET", "~/users", users, 0, "users.read" },
	{ "POST", "~/users/{id}/role", user_role, 0, "users.manage" },
	{ "POST", "~/users/{id}/branches", user_branches, 0, "users.manage" },
	{ "POST", "~/users/{id}/deactivate", user_deactivate, 0,
	    "users.manage" },
	{ "POST", "~/users/{id}/activate", user_activate, 0, "users.manage" },
	{ "GET", "~/roles", roles, 0, "users.read" },
	{ "POST", "~/roles", role_save, 0, "roles.manage" },
	{ "GET", "~/branches", branches, 0, "branches.read" },
	{ "POST", "~/branches", branch_create, 0, "branches.manage" },
	{ "GET", "~/sessions", sessions, ROUTE_SIGNED_IN, NULL },
	{ "POST", "~/sessions/others/end", sessions_end_others,
	    ROUTE_SIGNED_IN, NULL },
};

int
main(void)
{
	return serve_main("team", routes, sizeof(routes) / sizeof(routes[0]));
}
