/* identity.h: signing in and out, signing up, and the refresh tokens of
 * API clients: the rules that the identity program and the cron jobs
 * share.  Throttling lives in PostgreSQL, so every worker on every machine
 * sees the same counts. */
#ifndef IDENTITY_H
#define IDENTITY_H

#include <cJSON.h>

struct ctx;

#define IDENTITY_ACCOUNT_LIMIT 5	/* failures per account per window */
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

/* identity_sign_in: checks a password for tenant slug and email.  An
 * unknown tenant, an unknown or inactive user and a wrong password are one
 * answer, IDENTITY_REFUSED, at the cost of one Argon2id verification each.
 * Throttled per account (IDENTITY_ACCOUNT_LIMIT) and per client address
 * (config login_ip_limit) over IDENTITY_WINDOW_MIN minutes; *retry_after is
 * then the seconds to wait.  A success clears the account's count.  Runs
 * outside any transaction: a failure must be kept even though the answer
 * is a refusal. */
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

#endif
