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

struct ctx;
typedef void (*route_fn)(struct ctx *c);

enum route_flags {
	ROUTE_NO_TX = 1 << 0,	/* the handler needs no transaction */
	ROUTE_PUBLIC = 1 << 1,	/* no sign-in needed */
};

typedef struct route {
	const char *method;	/* "GET", "POST", ... */
	const char *pattern;	/* "/api/v1/orders/{id}" */
	route_fn fn;
	unsigned flags;
	const char *perm;	/* permission needed ("sales.read"), or NULL */
} route;

/* route_match: the route for method and path among n routes.  Returns 0
 * with *out set and params filled (values live in a), 404 when no pattern
 * matches, or 405 with allow holding the methods that would ("GET, POST").
 * HEAD matches GET routes. */
int route_match(const route *table, size_t n, arena *a, const char *method,
    const char *path, kv_list *params, const route **out, buf *allow);

#endif
