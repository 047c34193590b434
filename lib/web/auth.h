/* auth.h: who is calling, and what they may do.
 *
 * The core calls auth_identify for every request before its transaction
 * opens: a session cookie costs one database call (which also touches the
 * session); a bearer access token costs none (it is signed, and carries
 * the tenant, the role and the permissions; its revocation check rides
 * with the request's first statement: auth_guard); an API key (Bearer
 * bk_...) costs one call and grants only those of its scopes that its
 * creator holds now.  CSRF: a browser's unsafe
 * request must carry the token of its session, or, before sign-in, the
 * double-submit token of the bursar_csrf cookie. */
#ifndef AUTH_H
#define AUTH_H

#include "web/app.h"

#define AUTH_ACCESS_TTL 900	/* seconds an access token lives */


/* auth_identify: fills the ctx's tenant, user, role and permissions from
 * the request.  Returns 0 (signed in or anonymous), or an HTTP status
 * with the response set: 401 for a bearer token that is malformed, forged
 * or expired, 503 when the database cannot be asked. */
int auth_identify(struct ctx *c);

/* auth_guard: for a caller with an access token, inside the request's
 * transaction scoped to its tenant: the token's revocation check
 * (auth_token_guard, sql/0028) rides ahead of the transaction's first
 * statement in the same round trip, and fails it with a 401 when the user
 * logged out, was deactivated or changed password since the token was
 * issued.  Nothing for other callers. */
void auth_guard(struct ctx *c);

/* auth_can: 1 when the caller holds permission ("sales.read"). */
int auth_can(const struct ctx *c, const char *permission);

/* auth_csrf_ok: 1 when an unsafe request may proceed: it is not a
 * browser's (no cookies, e.g. an API client with a bearer token), or it
 * carries the right token in the csrf_token field or X-CSRF-Token. */
int auth_csrf_ok(struct ctx *c);

/* auth_access_token: a signed access token for a user, valid
 * AUTH_ACCESS_TTL seconds; NULL when no secret is configured. */
const char *auth_access_token(struct ctx *c, const char *tenant_id,
    const char *user_id, const char *role, const char *permissions);

#endif
