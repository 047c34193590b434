/* identity.h: signing in and out, signing up, and the refresh tokens of
 * API clients: the rules that the identity program and the cron jobs
 * share.  Throttling lives in PostgreSQL, so every worker on every machine
 * sees the same counts. */
#ifndef IDENTITY_H
#define IDENTITY_H

#include <cJSON.h>

struct ctx;

#define IDENTITY_ACCOUNT_LIMIT 5	/* attempts per account and address
					 * per window (a success clears it) */
#define IDENTITY_ACCOUNT_DELAY_MS 250	/* past the limit, the account alone
					 * waits this much more per attempt */
#define IDENTITY_ACCOUNT_DELAY_MAX_MS 2000	/* and never longer */
#define IDENTITY_WINDOW_MIN 15		/* minutes */
#define IDENTITY_REFRESH_BYTES 32

typedef struct identity_user {
	const char *tenant_id, *tenant_name, *user_id, *name, *email;
	const char *role, *perms;	/* perms as ",a,b," */
} identity_user;

enum identity_result {
	IDENTITY_OK,
	IDENTITY_REFUSED,	/* wrong credentials, or a spent token */
	IDENTITY_THROTTLED,	/* too many failures: wait */
	IDENTITY_INVALID,	/* input rejected; fields say why */
	IDENTITY_ERROR,		/* the response is already set */
};

/* identity_sign_in: checks a password for tenant slug and email; a blank
 * slug is the business of the email when it belongs to one only.  An
 * unknown tenant, an unknown or inactive user and a wrong password are one
 * answer, IDENTITY_REFUSED, at the cost of one Argon2id verification each.
 * Every attempt is counted first, atomically, over IDENTITY_WINDOW_MIN
 * minutes: per account and address (IDENTITY_ACCOUNT_LIMIT) and per
 * address (config login_ip_limit) the attempts past the limit are
 * IDENTITY_THROTTLED, *retry_after the seconds to wait; per account alone
 * they are only delayed (IDENTITY_ACCOUNT_DELAY_MS more each, at most
 * IDENTITY_ACCOUNT_DELAY_MAX_MS), never refused, so a known email cannot
 * be locked out from elsewhere.  A success clears the account's counts.
 * Runs outside any transaction: a count must be kept even though the
 * answer is a refusal. */
int identity_sign_in(struct ctx *c, const char *slug, const char *email,
    const char *password, identity_user *u, long *retry_after);

/* identity_session_start: a session for u, inside the caller's
 * transaction scoped to u's tenant; sets the session cookie. */
int identity_session_start(struct ctx *c, const identity_user *u);

/* identity_session_end: ends the caller's session; clears the cookie. */
int identity_session_end(struct ctx *c);

typedef struct identity_signup {
	const char *business, *slug, *currency, *name, *email, *password;
} identity_signup;

/* identity_sign_up: a new tenant with its built-in roles, a main branch
 * and its owner, inside the caller's transaction (left scoped to the new
 * tenant).  IDENTITY_INVALID fills fields (name -> message). */
int identity_sign_up(struct ctx *c, const identity_signup *in,
    identity_user *u, cJSON *fields);

/* identity_tokens: adds access_token, token_type, expires_in and a new
 * refresh_token (of family, or of a new family when NULL) to out, inside
 * the caller's transaction scoped to u's tenant. */
int identity_tokens(struct ctx *c, const identity_user *u,
    const char *family, cJSON *out);

/* identity_refresh: spends a refresh token and adds the next pair to out.
 * A token presented twice revokes its whole family (it was copied).  Runs
 * its own transaction, since a revocation must stick while the answer is
 * a refusal. */
int identity_refresh(struct ctx *c, const char *refresh_token, cJSON *out);

/* identity_revoke: revokes the family of a refresh token (API sign-out). */
int identity_revoke(struct ctx *c, const char *refresh_token);

/* identity_reset_request: when slug and email name an active user, a
 * single-use reset token (1 hour) and its mail; otherwise nothing.  The
 * caller answers the same either way (no account discovery).  Inside the
 * caller's transaction; leaves it scoped to the tenant. */
int identity_reset_request(struct ctx *c, const char *slug,
    const char *email);

/* identity_reset: sets a new password with a mailed token: the token is
 * spent, and every session and refresh token of the user ends.
 * IDENTITY_REFUSED for an unknown, spent or expired token; INVALID with
 * fields for a refused password.  Inside the caller's transaction. */
int identity_reset(struct ctx *c, const char *token, const char *password,
    cJSON *fields);

/* identity_invite: a user of the caller's tenant with a role and no
 * password yet, an invitation valid 7 days, and its mail.  *user_id is the
 * new user's id.  INVALID with fields for bad input or a taken email. */
int identity_invite(struct ctx *c, const char *email, const char *name,
    const char *role, cJSON *fields, const char **user_id);

/* identity_invitation: the business (its name and short name) and the
 * email of a live invitation by its token, for the page that accepts it;
 * all NULL for an unknown, used or expired one.  0, or -1 with the error
 * answered. */
int identity_invitation(struct ctx *c, const char *token,
    const char **business, const char **slug, const char **email);

/* identity_accept: the invited user chooses a password; u is then the
 * signed-in user.  REFUSED for an unknown, used or expired invitation. */
int identity_accept(struct ctx *c, const char *token, const char *password,
    identity_user *u, cJSON *fields);

/* identity_change_password: the caller's own password, with the current
 * one; ends the caller's other sessions and refresh tokens. */
int identity_change_password(struct ctx *c, const char *current,
    const char *password, cJSON *fields);

/* identity_api_key_create: a key named name with scopes (a comma list of
 * permissions, each held by the caller).  *key is the key itself, shown
 * this once; *id its id.  INVALID with fields for bad input. */
int identity_api_key_create(struct ctx *c, const char *name,
    const char *scopes, const char **key, const char **id, cJSON *fields);

/* identity_api_key_revoke: IDENTITY_OK, or REFUSED when no live key of
 * the tenant has this id. */
int identity_api_key_revoke(struct ctx *c, const char *id);

#endif
