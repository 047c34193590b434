/* app.h: a request's context, and what a handler answers with.
 *
 * The core (lib/web/serve) builds a fresh ctx for each request and tears
 * it down after: nothing request-scoped survives the turn of the loop.
 * A handler reads like its use case: parse, check, do, then app_render()
 * with the data; the same data becomes JSON under /api/v1 and an HTML page
 * under /app (routes whose pattern starts with '~' answer on both).  This
 * module sits below everything that reads the ctx (who is calling,
 * Idempotency-Key, the audit log), so that the lifecycle uses them and
 * none of them uses the lifecycle. */
#ifndef APP_H
#define APP_H

#include <cJSON.h>

#include "base/arena.h"
#include "base/config.h"
#include "db/db.h"
#include "web/http.h"
#include "web/resp.h"
#include "web/route.h"

#define AUTH_SESSION_COOKIE "bursar_session"
#define AUTH_CSRF_COOKIE "bursar_csrf"

enum auth_kind {
	AUTH_NONE,
	AUTH_SESSION,	/* a browser's session cookie */
	AUTH_BEARER,	/* an access token */
	AUTH_API_KEY,	/* a machine's API key, limited to its scopes */
};

#define AUTH_API_KEY_PREFIX "bk_"

typedef struct ctx {
	arena *a;		/* all request memory */
	const config *cfg;
	db *db;
	http_request req;
	http_response resp;
	kv_list params;		/* path parameters ({id}) */
	const route *route;
	int api;		/* 1: answer JSON (under /api/) */
	const char *request_id;
	enum auth_kind auth;	/* how the caller signed in */
	const char *tenant_id;	/* NULL until authenticated */
	const char *user_id;
	const char *session_id;	/* with a session cookie */
	const char *api_key_id;	/* with an API key */
	const char *role;
	const char *perms;	/* ",sales.read,users.read," */
	const char *csrf_token;	/* the token forms must carry */
	const char *actor_label;	/* for the audit log: the user's email */
	const char *token_iat;	/* with an access token: its iat, for the
				 * revocation guard (auth_guard) */
	const char *branches;	/* the user's branch ids, "a,b"; "" or NULL: all */
	const char *timezone;	/* the tenant's zone; NULL: looked up */
	const char *date_format;	/* the business's (lib/web/words); NULL:
					 * not looked up yet */
	int numbers;		/* its enum money_style, with date_format */
	int failed;		/* set by app_error: roll back */
} ctx;

/* app_render: the response for data (taken: freed by the core).  JSON for
 * the API; otherwise template rendered inside the layout with title. */
void app_render(ctx *c, int status, const char *template, const char *title,
    cJSON *data);

/* app_error: the one error shape.  JSON {"error":{"code","message",
 * "fields"}}, or the error page.  fields (taken) may be NULL.  Marks the
 * request failed so its transaction rolls back. */
void app_error(ctx *c, int status, const char *code, const char *message,
    cJSON *fields);

/* app_db_error: app_error for a failed query, by SQLSTATE: 404 for
 * no_data_found (P0002) raised by a function, 409 for a
 * unique or serialization conflict, 422 for a violated check, 503 when
 * the database is unreachable, else 500 (logged, never shown). */
void app_db_error(ctx *c, const db_res *r);

/* app_db_log: the server's own message behind a generic error (r->detail),
 * logged with the request id; nothing when the error is the app's own.
 * Clients only ever see r->error (see db.h). */
void app_db_log(ctx *c, const db_res *r);

/* app_redirect: 303 See Other to a path on this site (after a form). */
void app_redirect(ctx *c, const char *where);

/* app_csrf_token: the token a form must carry; before sign-in it also
 * sets the double-submit cookie when the browser has none. */
const char *app_csrf_token(ctx *c);

/* app_formats: the business's way of writing amounts and dates for
 * people (tenants.number_format, date_format, sql/0035) into c->numbers
 * and c->date_format, looked up once per request; the plain form and ISO
 * dates for the API and before sign-in. */
void app_formats(ctx *c);

/* app_param: a path parameter, e.g. "id". */
const char *app_param(const ctx *c, const char *name);

/* app_cookie: sets a cookie the way every Bursar cookie is set: HttpOnly,
 * SameSite=Lax, and Secure when the client came over TLS or the config
 * says so.  max_age < 0: a session cookie; 0: delete it. */
int app_cookie(ctx *c, const char *name, const char *value, long max_age);

#endif
