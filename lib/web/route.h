/* route.h: a program's route table and the matcher that picks a handler.
 *
 * A pattern is a path whose segments may be parameters, "{id}", each of
 * which matches one non-empty segment.  404 and 405 are decided here, once,
 * before any handler runs. */
#ifndef ROUTE_H
#define ROUTE_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/kv.h"

#include <stdio.h>

struct ctx;
typedef void (*route_fn)(struct ctx *c);

enum route_flags {
	ROUTE_NO_TX = 1 << 0,	/* the handler needs no transaction */
	ROUTE_PUBLIC = 1 << 1,	/* no sign-in needed */
	/* any signed-in user: the caller's own account (profile, password,
	 * sessions, sign-out); needs no permission */
	ROUTE_SIGNED_IN = 1 << 2,
};

typedef struct route {
	const char *method;	/* "GET", "POST", ... */
	const char *pattern;	/* "/api/v1/orders/{id}" */
	route_fn fn;
	unsigned flags;
	/* the permission needed ("sales.read"), or several any one of which
	 * will do ("sales.read|purchases.read": the handler then checks the
	 * document's own side); NULL only on a ROUTE_PUBLIC or ROUTE_SIGNED_IN
	 * route: serve_main refuses to start a table where it is not */
	const char *perm;
} route;

/* route_match: the route for method and path among n routes.  Returns 0
 * with *out set and params filled (values live in a), 404 when no pattern
 * matches, or 405 with allow holding the methods that would ("GET, POST").
 * HEAD matches GET routes. */
int route_match(const route *table, size_t n, arena *a, const char *method,
    const char *path, kv_list *params, const route **out, buf *allow);

/* route_unguarded: the first route of the table that is neither public
 * nor for any signed-in user and names no permission; NULL when every
 * route is accounted for. */
const route *route_unguarded(const route *table, size_t n);

/* route_print: the table, one route a line, "METHOD\tPATTERN\tGUARD",
 * GUARD being the permission, "public" or "signed-in" (a '~' pattern
 * stands for both /app and /api/v1).  tests/unit and the roles
 * integration case read it (BURSAR_ROUTES=1 program). */
void route_print(const route *table, size_t n, FILE *out);

#endif
