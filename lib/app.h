/* app.h: the request core every FastCGI program runs on.
 *
 * A program is a main() that hands its route table to app_main().  For each
 * request the core builds a fresh ctx: it parses the request, decides 404,
 * 405 and 413 itself, opens a transaction (unless the route says
 * ROUTE_NO_TX), calls the handler, commits when the handler succeeded and
 * rolls back otherwise, renders, logs one line and tears the ctx down.
 * Nothing request-scoped survives the turn of the loop.
 *
 * A handler reads like its use case: parse, check, do, then app_render()
 * with the data; the same data becomes JSON under /api/v1 and an HTML page
 * under /app (routes whose pattern starts with '~' answer on both). */
#ifndef APP_H
#define APP_H

#include <cJSON.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "resp.h"
#include "route.h"

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
	int auth;		/* enum auth_kind: how the caller signed in */
	const char *tenant_id;	/* NULL until authenticated */
	const char *user_id;
	const char *session_id;	/* with a session cookie */
	const char *role;
	const char *perms;	/* ",sales.read,users.read," */
	const char *csrf_token;	/* the token forms must carry */
	const char *actor_label;	/* for the audit log: the user's email */
	int failed;		/* set by app_error: roll back */
} ctx;

/* app_main: runs the accept loop for a program named name.  Returns the
 * process exit status. */
int app_main(const char *name, const route *routes, size_t nroutes);

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

/* app_redirect: 303 See Other to a path on this site (after a form). */
void app_redirect(ctx *c, const char *where);

/* app_param: a path parameter, e.g. "id". */
const char *app_param(const ctx *c, const char *name);

/* app_cookie: sets a cookie the way every Bursar cookie is set: HttpOnly,
 * SameSite=Lax, and Secure when the client came over TLS or the config
 * says so.  max_age < 0: a session cookie; 0: delete it. */
int app_cookie(ctx *c, const char *name, const char *value, long max_age);

/* How the body arrived, as app_main read it. */
enum app_body {
	APP_BODY_OK,
	APP_BODY_TOO_LARGE,	/* past body_limit: 413, left unread */
	APP_BODY_TRUNCATED,	/* fewer bytes than Content-Length: 400 */
};

/* app_process: one request through the core, with the request's own
 * FastCGI parameters and body; fills out with the serialized response.
 * app_main calls it; tests may too. */
void app_process(const config *cfg, db *d, const route *routes,
    size_t nroutes, char *const *envp, const char *body, size_t body_len,
    enum app_body body_state, buf *out, arena *a);

#endif
