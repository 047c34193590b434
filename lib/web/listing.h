/* listing.h: the one helper every list uses (orders, invoices, bills,
 * payments, parties, products): a whitelist of sort keys, each mapped to
 * a fixed ORDER BY fragment (the parameter itself never reaches SQL),
 * numbered pages with their count ("41–60 of 312"), and the links of a
 * page (column headers, previous, next) keeping the filters in the URL.
 *
 * Two ways to walk a list:
 *   - pages: ?page=N (&limit=, &sort=), always for HTML, and for the API
 *     when page= is given (so its old answers stay as they were);
 *     the count is read with a second statement over the same filters;
 *   - the API's cursor walk (its old default, unchanged): the first
 *     the first nkeyset sorts only (another is refused, 422 naming
 *     "sort"), limit + 1 rows, "next" from the row's "key".
 * An unknown sort key is refused (422 naming "sort") by the API; a page
 * ignores it and shows the default order, so an old link still opens. */
#ifndef LISTING_H
#define LISTING_H

#include <stdint.h>

#include <cJSON.h>

#include "web/app.h"
#include "db/db.h"

#define LISTING_PAGE_ROWS 20	/* rows a page shows unless limit= says */

typedef struct listing_sort {
	const char *key;	/* as in ?sort=; "-x" is x descending */
	const char *order;	/* the fixed ORDER BY fragment */
} listing_sort;

typedef struct listing {
	const listing_sort *sorts;	/* ends with { NULL, NULL }; [0] default */
	const listing_sort *sort;	/* the one chosen */
	int keyset;		/* 1: the API's cursor walk */
	int limit;		/* rows a page holds */
	int page;		/* from 1 (pages only) */
	int limit_given;	/* limit= was in the URL: the links keep it */
	int64_t total;		/* rows matching the filters (pages only) */
	const char *after;	/* the decoded cursor (keyset only) */
	const char *next;	/* the next page's cursor (keyset only) */
	const char *path;	/* the page's own path, for its links */
	const char *const *names;	/* the filters, kept in every link */
	const char *const *values;
	int nfilters;
} listing;

/* listing_begin: reads sort=, page=, limit= and cursor= for a list whose
 * sorts are given (the first nkeyset of them walkable by cursor, the
 * first the default).  0, or -1 with the 400/422 answered. */
int listing_begin(ctx *c, listing *l, const listing_sort *sorts,
    int nkeyset);

/* listing_rows: the rows of base (a SELECT without ORDER BY or LIMIT,
 * its n parameters in p, $1..$n) in the chosen order, one page of them,
 * as query_rows reads them with keys; on a page also the count.  NULL
 * with the response set. */
cJSON *listing_rows(ctx *c, listing *l, const char *base, int n,
    const char *const *p, const char *const *keys);

/* listing_reply: the list's answer around items: {"items","next"} as
 * before, and with pages "page", "limit", "total"; for HTML also
 * "filter" (each filter's value, "" when absent), "sort" (the key),
 * "sorts" (per column: "href", "dir" ascending/descending/none) and
 * "pager" ("text" like "41–60 of 312", "prev_href", "next_href"). */
cJSON *listing_reply(ctx *c, listing *l, cJSON *items, const char *path,
    const char *const *names, const char *const *values, int n);

/* listing_href: the list's own URL with its filters, sort (when not the
 * default) and limit (when given), at page (1: none) */
const char *listing_href(ctx *c, const listing *l, const char *sort,
    int page);

/* listing_act: one row's change (the id a UUID); 0 done, 1 refused with
 * *why the reason in words, -1 failed for real with the response set */
typedef int (*listing_act)(ctx *c, const char *id, const char **why);

/* listing_bulk: each "id" the form ticked, changed by act under its own
 * savepoint, so a refused row is undone and the others stay done; into
 * d "results" (per row: "id", "label" read by label_sql with $1 the id
 * after the change, "ok", "message": done or the refusal's words),
 * "done" and "refused" counts.  0, or -1 with the response set (none
 * ticked, more than 200, or the database failing for real). */
int listing_bulk(ctx *c, cJSON *d, listing_act act, const char *label_sql,
    const char *done);

#endif
