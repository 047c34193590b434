/* route.c: pattern matching of paths against a route table. */
#include "web/route.h"

#include <string.h>

/* match: 1 when path fits pattern; parameters are added to params. */
static int
match(arena *a, const char *pattern, const char *path, kv_list *params)
{
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			if (close == NULL)
				return 0;
			size_t seg = strcspn(s, "/");
			if (seg == 0)
				return 0;
			if (params)
				kv_add(a, params,
				    arena_strndup(a, p + 1,
					(size_t)(close - p - 1)),
				    arena_strndup(a, s, seg), seg);
			p = close + 1;
			s += seg;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

/* match_route: a '~' pattern answers under both /app (HTML) and /api/v1
 * (JSON), so one handler serves the browser and the integration. */
static int
match_route(arena *a, const char *pattern, const char *path,
    kv_list *params)
{
	if (pattern[0] != '~')
		return match(a, pattern, path, params);
	if (strncmp(path, "/app/", 5) == 0)
		return match(a, pattern + 1, path + 4, params);
	if (strncmp(path, "/api/v1/", 8) == 0)
		return match(a, pattern + 1, path + 7, params);
	return 0;
}

static int
method_fits(const char *route_method, const char *method)
{
	return strcmp(route_method, method) == 0 ||
	    (strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0);
}

int
route_match(const route *table, size_t n, arena *a, const char *method,
    const char *path, kv_list *params, const route **out, buf *allow)
{
	int path_seen = 0;
	for (size_t i = 0; i < n; i++) {
		size_t mark = params->n;
		if (!match_route(a, table[i].pattern, path, params)) {
			params->n = mark;	/* a partial match adds nothing */
			continue;
		}
		if (method_fits(table[i].method, method)) {
			*out = &table[i];
			return 0;
		}
		params->n = mark;
		if (!strstr(buf_str(allow), table[i].method)) {
			if (allow->len)
				buf_puts(allow, ", ");
			buf_puts(allow, table[i].method);
			if (strcmp(table[i].method, "GET") == 0)
				buf_puts(allow, ", HEAD");
		}
		path_seen = 1;
	}
	return path_seen ? 405 : 404;
}

const route *
route_unguarded(const route *table, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!(table[i].flags & (ROUTE_PUBLIC | ROUTE_SIGNED_IN)) &&
		    (table[i].perm == NULL || table[i].perm[0] == '\0'))
			return &table[i];
	return NULL;
}

void
route_print(const route *table, size_t n, FILE *out)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s\t%s\t%s\n", table[i].method, table[i].pattern,
		    table[i].perm && table[i].perm[0] ? table[i].perm :
		    table[i].flags & ROUTE_PUBLIC ? "public" :
		    table[i].flags & ROUTE_SIGNED_IN ? "signed-in" : "NONE");
}
