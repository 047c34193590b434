/* team.h: the people of a business and what they may do: users' roles,
 * branch limits and deactivation, custom roles, branches, sessions.  Every
 * change is audited with its before and after, inside the caller's
 * transaction (scoped to the caller's tenant). */
#ifndef TEAM_H
#define TEAM_H

#include <cJSON.h>

struct ctx;

enum team_result {
	TEAM_OK,
	TEAM_NOT_FOUND,	/* no such record in this tenant */
	TEAM_INVALID,	/* refused; fields say why */
	TEAM_ERROR,	/* the response is already set */
};

/* team_set_role: gives user a role by name.  Only an owner may make or
 * unmake an owner, and the last active owner keeps the role.  The user's
 * access tokens end (they carry the old permissions).  narrowed (an array,
 * may be NULL) gets {id, name, lost} for each live API key of the user
 * that loses scopes with the new role (the key's powers follow its
 * creator's: sql/0028). */
int team_set_role(struct ctx *c, const char *user_id, const char *role,
    cJSON *fields, cJSON *narrowed);

/* team_set_branches: limits user to the branches with these codes (a
 * comma list), or lifts the limit when codes is empty. */
int team_set_branches(struct ctx *c, const char *user_id, const char *codes,
    cJSON *fields);

/* team_set_active: deactivates (ending every session and token) or
 * reactivates a user; nobody deactivates themselves or the last owner. */
int team_set_active(struct ctx *c, const char *user_id, int active,
    cJSON *fields);

/* team_role_save: creates a custom role, or replaces the permissions of
 * one (built-in roles are fixed).  perms: a comma list from the catalogue. */
int team_role_save(struct ctx *c, const char *name, const char *perms,
    cJSON *fields);

/* team_branch_create: a branch with a short code and a name. */
int team_branch_create(struct ctx *c, const char *code, const char *name,
    cJSON *fields);

/* team_sessions_end_others: signs the caller out everywhere else;
 * returns how many sessions ended, or -1. */
int team_sessions_end_others(struct ctx *c);

#endif
