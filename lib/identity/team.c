/* team.c: users, roles, branches and sessions of a tenant. */
#include "identity/team.h"

#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/auth.h"

/* query: one statement; -1 with the error response set on failure */
static int
query(struct ctx *c, db_res *r, const char *sql, int n, const char *const *p)
{
	if (db_exec(c->db, r, sql, n, p) == 0)
		return 0;
	app_db_error(c, r);
	db_res_clear(r);
	return -1;
}

/* user_state: the user's current role, activity and branch limit, as the
 * audit's "before"; NULL (and TEAM_NOT_FOUND) when not in this tenant. */
static cJSON *
user_state(struct ctx *c, const char *user_id, int *result)
{
	*result = TEAM_ERROR;
	if (!api_uuid_ok(user_id)) {
		*result = TEAM_NOT_FOUND;
		return NULL;
	}
	db_res r;
	const char *p[1] = { user_id };
	if (query(c, &r, "SELECT r.name, u.active, u.all_branches, coalesce(("
	    "SELECT string_agg(b.code, ',' ORDER BY b.code) FROM user_branches "
	    "ub JOIN branches b ON b.tenant_id = ub.tenant_id AND b.id = "
	    "ub.branch_id WHERE ub.user_id = u.id), ''), u.email FROM users u "
	    "JOIN roles r ON r.tenant_id = u.tenant_id AND r.id = u.role_id "
	    "WHERE u.id = $1 FOR UPDATE OF u", 1, p) < 0)
		return NULL;
	if (r.rows != 1) {
		db_res_clear(&r);
		*result = TEAM_NOT_FOUND;
		return NULL;
	}
	int active = 0, all = 0;
	db_bool(&r, 0, 1, &active);
	db_bool(&r, 0, 2, &all);
	cJSON *s = cJSON_CreateObject();
	cJSON_AddStringToObject(s, "role", db_text(&r, 0, 0));
	cJSON_AddBoolToObject(s, "active", active);
	cJSON_AddStringToObject(s, "branches", all ? "*" : db_text(&r, 0, 3));
	cJSON_AddStringToObject(s, "email", db_text(&r, 0, 4));
	db_res_clear(&r);
	*result = TEAM_OK;
	return s;
}

static int
active_owners(struct ctx *c)
{
	db_res r;
	if (query(c, &r, "SELECT count(*) FROM users u JOIN roles r ON "
	    "r.tenant_id = u.tenant_id AND r.id = u.role_id WHERE r.name = "
	    "'owner' AND u.active", 0, NULL) < 0)
		return -1;
	int64_t n = 0;
	db_i64(&r, 0, 0, &n);
	db_res_clear(&r);
	return (int)n;
}

/* finish: audits the change from before to the user's state now. */
static int
finish(struct ctx *c, const char *action, const char *user_id, cJSON *before)
{
	int result;
	cJSON *after = user_state(c, user_id, &result);
	int rc = after ? audit_record(c, action, "user", user_id, before,
	    after) : -1;
	cJSON_Delete(before);
	cJSON_Delete(after);
	return rc < 0 ? TEAM_ERROR : TEAM_OK;
}

static int
is_owner_role(const cJSON *state)
{
	const cJSON *r = cJSON_GetObjectItem(state, "role");
	return cJSON_IsString(r) && strcmp(r->valuestring, "owner") == 0;
}

/* narrowed_keys: the user's live API keys whose scopes the user's role
 * no longer holds in full, with the scopes lost, into out. */
static int
narrowed_keys(struct ctx *c, const char *user_id, cJSON *out)
{
	db_res r;
	const char *p[1] = { user_id };
	if (query(c, &r, "SELECT k.id, k.name, string_agg(s, ', ' ORDER BY s) "
	    "FROM api_keys k JOIN users u ON u.tenant_id = k.tenant_id AND "
	    "u.id = k.created_by, unnest(string_to_array(trim(BOTH ',' FROM "
	    "k.scopes), ',')) s WHERE k.created_by = $1 AND k.revoked_at IS "
	    "NULL AND NOT EXISTS (SELECT 1 FROM role_permissions rp WHERE "
	    "rp.tenant_id = u.tenant_id AND rp.role_id = u.role_id AND "
	    "rp.permission = s) GROUP BY k.id, k.name ORDER BY k.name", 1,
	    p) < 0)
		return -1;
	for (int i = 0; out && i < r.rows; i++) {
		cJSON *k = cJSON_CreateObject();
		cJSON_AddStringToObject(k, "id", db_text(&r, i, 0));
		cJSON_AddStringToObject(k, "name", db_text(&r, i, 1));
		cJSON_AddStringToObject(k, "lost", db_text(&r, i, 2));
		cJSON_AddItemToArray(out, k);
	}
	db_res_clear(&r);
	return 0;
}

int
team_set_role(struct ctx *c, const char *user_id, const char *role,
    cJSON *fields, cJSON *narrowed)
{
	int result;
	cJSON *before = user_state(c, user_id, &result);
	if (before == NULL)
		return result;
	int caller_owner = strcmp(c->role, "owner") == 0;
	if ((is_owner_role(before) || (role && strcmp(role, "owner") == 0)) &&
	    !caller_owner)
		api_field(fields, "role", "only an owner can make or unmake an "
		    "owner");
	else if (is_owner_role(before) && role && strcmp(role, "owner") != 0 &&
	    active_owners(c) <= 1)
		api_field(fields, "role", "the business must keep an owner");
	if (cJSON_GetArraySize(fields) > 0) {
		cJSON_Delete(before);
		return TEAM_INVALID;
	}
	db_res r;
	const char *p[2] = { user_id, role ? role : "" };
	if (query(c, &r, "UPDATE users SET role_id = ro.id FROM roles ro WHERE "
	    "users.id = $1 AND ro.tenant_id = users.tenant_id AND ro.name = $2 "
	    "RETURNING 1", 2, p) < 0) {
		cJSON_Delete(before);
		return TEAM_ERROR;
	}
	int changed = r.rows == 1;
	db_res_clear(&r);
	if (!changed) {
		api_field(fields, "role", "no such role");
		cJSON_Delete(before);
		return TEAM_INVALID;
	}
	/* access tokens carry the old permissions: they end here */
	if (query(c, &r, "UPDATE users SET tokens_revoked_at = now() WHERE id "
	    "= $1", 1, p) < 0) {
		cJSON_Delete(before);
		return TEAM_ERROR;
	}
	db_res_clear(&r);
	if (narrowed_keys(c, user_id, narrowed) < 0) {
		cJSON_Delete(before);
		return TEAM_ERROR;
	}
	return finish(c, "user.role_changed", user_id, before);
}

int
team_set_branches(struct ctx *c, const char *user_id, const char *codes,
    cJSON *fields)
{
	int result;
	cJSON *before = user_state(c, user_id, &result);
	if (before == NULL)
		return result;
	const char *list = codes ? codes : "";
	db_res r;
	const char *p[2] = { user_id, list };
	/* every code must name a branch of this tenant */
	if (query(c, &r, "SELECT string_agg(x, ', ') FROM unnest("
	    "string_to_array(replace($1, ' ', ''), ',')) AS x WHERE x <> '' AND "
	    "NOT EXISTS (SELECT 1 FROM branches b WHERE b.code = x)", 1,
	    &p[1]) < 0) {
		cJSON_Delete(before);
		return TEAM_ERROR;
	}
	if (!db_isnull(&r, 0, 0)) {
		api_field(fields, "branches", arena_printf(c->a, "no such branch: %s",
		    db_text(&r, 0, 0)));
		db_res_clear(&r);
		cJSON_Delete(before);
		return TEAM_INVALID;
	}
	db_res_clear(&r);
	if (query(c, &r, "DELETE FROM user_branches WHERE user_id = $1", 1,
	    p) < 0) {
		cJSON_Delete(before);
		return TEAM_ERROR;
	}
	db_res_clear(&r);
	if (query(c, &r, "INSERT INTO user_branches (tenant_id, user_id, "
	    "branch_id) SELECT b.tenant_id, $1, b.id FROM branches b WHERE "
	    "b.code = ANY (string_to_array(replace($2, ' ', ''), ','))", 2,
	    p) < 0) {
		cJSON_Delete(before);
		return TEAM_ERROR;
	}
	db_res_clear(&r);
	if (query(c, &r, "UPDATE users SET all_branches = NOT EXISTS (SELECT 1 "
	    "FROM user_branches WHERE user_id = $1) WHERE id = $1", 1, p) < 0) {
		cJSON_Delete(before);
		return TEAM_ERROR;
	}
	db_res_clear(&r);
	return finish(c, "user.branches_changed", user_id, before);
}

int
team_set_active(struct ctx *c, const char *user_id, int active,
    cJSON *fields)
{
	int result;
	cJSON *before = user_state(c, user_id, &result);
	if (before == NULL)
		return result;
	if (!active && strcmp(user_id, c->user_id) == 0)
		api_field(fields, "active", "you cannot deactivate yourself");
	else if (!active && is_owner_role(before) &&
	    strcmp(c->role, "owner") != 0)
		api_field(fields, "active", "only an owner can deactivate an owner");
	else if (!active && is_owner_role(before) && active_owners(c) <= 1)
		api_field(fields, "active", "the business must keep an owner");
	if (cJSON_GetArraySize(fields) > 0) {
		cJSON_Delete(before);
		return TEAM_INVALID;
	}
	db_res r;
	const char *p[2] = { user_id, active ? "true" : "false" };
	if (query(c, &r, "UPDATE users SET active = $2::boolean WHERE id = $1",
	    2, p) < 0) {
		cJSON_Delete(before);
		return TEAM_ERROR;
	}
	db_res_clear(&r);
	if (!active) {
		/* gone at once, not at their next idle timeout */
		if (query(c, &r, "DELETE FROM sessions WHERE user_id = $1", 1,
		    p) < 0) {
			cJSON_Delete(before);
			return TEAM_ERROR;
		}
		db_res_clear(&r);
		if (query(c, &r, "UPDATE refresh_tokens SET revoked_at = now() "
		    "WHERE user_id = $1 AND revoked_at IS NULL", 1, p) < 0) {
			cJSON_Delete(before);
			return TEAM_ERROR;
		}
		db_res_clear(&r);
		/* and its access tokens: 24.8 */
		if (query(c, &r, "UPDATE users SET tokens_revoked_at = now() "
		    "WHERE id = $1", 1, p) < 0) {
			cJSON_Delete(before);
			return TEAM_ERROR;
		}
		db_res_clear(&r);
	}
	return finish(c, active ? "user.reactivated" : "user.deactivated",
	    user_id, before);
}

int
team_role_save(struct ctx *c, const char *name, const char *perms,
    cJSON *fields)
{
	if (name == NULL || !api_matches("^[a-z][a-z0-9_ -]{0,59}$", name))
		api_field(fields, "name", "1 to 60 lower-case letters, digits, "
		    "spaces, dashes");
	if (cJSON_GetArraySize(fields) > 0)
		return TEAM_INVALID;
	db_res r;
	const char *p[3] = { c->tenant_id, name, perms ? perms : "" };
	if (query(c, &r, "SELECT string_agg(x, ', ') FROM unnest(string_to_array("
	    "replace($1, ' ', ''), ',')) AS x WHERE x <> '' AND x NOT IN "
	    "(SELECT name FROM permissions)", 1, &p[2]) < 0)
		return TEAM_ERROR;
	if (!db_isnull(&r, 0, 0))
		api_field(fields, "permissions", arena_printf(c->a, "unknown: %s",
		    db_text(&r, 0, 0)));
	db_res_clear(&r);
	if (query(c, &r, "SELECT builtin, id, coalesce((SELECT string_agg("
	    "permission, ',' ORDER BY permission) FROM role_permissions rp WHERE "
	    "rp.role_id = roles.id), '') FROM roles WHERE name = $1", 1,
	    &p[1]) < 0)
		return TEAM_ERROR;
	int builtin = 0;
	const char *role_id = NULL;
	cJSON *before = NULL;
	if (r.rows == 1) {
		db_bool(&r, 0, 0, &builtin);
		role_id = arena_strdup(c->a, db_text(&r, 0, 1));
		before = cJSON_CreateObject();
		cJSON_AddStringToObject(before, "permissions", db_text(&r, 0, 2));
	}
	db_res_clear(&r);
	if (builtin)
		api_field(fields, "name", "built-in roles cannot be changed");
	if (cJSON_GetArraySize(fields) > 0) {
		cJSON_Delete(before);
		return TEAM_INVALID;
	}
	if (role_id == NULL) {
		if (query(c, &r, "INSERT INTO roles (tenant_id, name) VALUES ($1, "
		    "$2) RETURNING id", 2, p) < 0)
			return TEAM_ERROR;
		role_id = arena_strdup(c->a, db_text(&r, 0, 0));
		db_res_clear(&r);
	}
	const char *rp[3] = { c->tenant_id, role_id, p[2] };
	if (query(c, &r, "DELETE FROM role_permissions WHERE role_id = $1", 1,
	    &rp[1]) < 0) {
		cJSON_Delete(before);
		return TEAM_ERROR;
	}
	db_res_clear(&r);
	if (query(c, &r, "INSERT INTO role_permissions (tenant_id, role_id, "
	    "permission) SELECT DISTINCT $1::uuid, $2::uuid, x FROM unnest("
	    "string_to_array(replace($3, ' ', ''), ',')) AS x WHERE x <> ''", 3,
	    rp) < 0) {
		cJSON_Delete(before);
		return TEAM_ERROR;
	}
	db_res_clear(&r);
	cJSON *after = cJSON_CreateObject();
	cJSON_AddStringToObject(after, "permissions", p[2]);
	int rc = audit_record(c, before ? "role.changed" : "role.created",
	    "role", role_id, before, after);
	cJSON_Delete(before);
	cJSON_Delete(after);
	return rc < 0 ? TEAM_ERROR : TEAM_OK;
}

int
team_branch_create(struct ctx *c, const char *code, const char *name,
    cJSON *fields)
{
	if (code == NULL || !api_matches("^[A-Za-z0-9_-]{1,20}$", code))
		api_field(fields, "code", "1 to 20 letters, digits, dashes");
	if (name == NULL || *name == '\0' || strlen(name) > 200)
		api_field(fields, "name", "give the branch a name");
	if (cJSON_GetArraySize(fields) > 0)
		return TEAM_INVALID;
	db_res r;
	const char *p[3] = { c->tenant_id, code, name };
	if (db_exec(c->db, &r, "INSERT INTO branches (tenant_id, code, name) "
	    "VALUES ($1, $2, $3) ON CONFLICT (tenant_id, code) DO NOTHING "
	    "RETURNING id", 3, p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return TEAM_ERROR;
	}
	if (r.rows == 0) {
		db_res_clear(&r);
		api_field(fields, "code", "a branch already has this code");
		return TEAM_INVALID;
	}
	const char *id = arena_strdup(c->a, db_text(&r, 0, 0));
	db_res_clear(&r);
	cJSON *after = cJSON_CreateObject();
	cJSON_AddStringToObject(after, "code", code);
	cJSON_AddStringToObject(after, "name", name);
	int rc = audit_record(c, "branch.created", "branch", id, NULL, after);
	cJSON_Delete(after);
	return rc < 0 ? TEAM_ERROR : TEAM_OK;
}

int
team_sessions_end_others(struct ctx *c)
{
	db_res r;
	const char *p[2] = { c->user_id, c->session_id };
	if (query(c, &r, "DELETE FROM sessions WHERE user_id = $1 AND "
	    "($2::uuid IS NULL OR id <> $2::uuid)", 2, p) < 0)
		return -1;
	int n = (int)strtol(PQcmdTuples(r.pg), NULL, 10);
	db_res_clear(&r);
	if (audit_record(c, "user.signed_out_elsewhere", "user", c->user_id,
	    NULL, NULL) < 0)
		return -1;
	return n;
}
