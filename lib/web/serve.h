/* serve.h: the request core every FastCGI program runs on.
 *
 * A program is a main() that hands its route table to serve_main().  For
 * each request the core builds a fresh ctx: it parses the request,
 * decides 404, 405 and 413 itself, finds out who is calling (lib/web/auth),
 * opens a transaction (unless the route says ROUTE_NO_TX), claims an
 * Idempotency-Key (lib/web/idem), calls the handler, commits when the
 * handler succeeded and rolls back otherwise, renders, logs one line and
 * tears the ctx down. */
#ifndef SERVE_H
#define SERVE_H

#include "web/app.h"

/* serve_main: runs the accept loop for a program named name.  Returns the
 * process exit status. */
int serve_main(const char *name, const route *routes, size_t nroutes);

/* How the body arrived, as serve_main read it. */
enum serve_body {
	SERVE_BODY_OK,
	SERVE_BODY_TOO_LARGE,	/* past body_limit: 413, left unread */
	SERVE_BODY_TRUNCATED,	/* fewer bytes than Content-Length: 400 */
};

/* serve_process: one request through the core, with the request's own
 * FastCGI parameters and body; fills out with the serialized response.
 * serve_main calls it; tests may too. */
void serve_process(const config *cfg, db *d, const route *routes,
    size_t nroutes, char *const *envp, const char *body, size_t body_len,
    enum serve_body body_state, buf *out, arena *a);

#endif
