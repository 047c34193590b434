/* query.h: statements run inside a request whose failure becomes the
 * response: rows read as JSON objects with exact integers, one row by id
 * (404 when there is none), one value, a currency's digits, and lists read
 * by keyset with their cursor and their filters kept for the next page. */
#ifndef QUERY_H
#define QUERY_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "web/app.h"
#include "db/db.h"

/* query_i64: the exact integer query_rows put under key (0 when null) */
int64_t query_i64(const cJSON *o, const char *key);

/* query_one: the row sql reads for id ($1) as an object (the caller
 * deletes it); NULL with the response set: 404 "no such <what>" when id
 * is not a UUID or no row has it, else the database's error */
cJSON *query_one(ctx *c, const char *sql, const char *id,
    const char *const *keys, const char *what);

/* query_keyset: the page's size (size, or the API's limit=) into
 * *limit, and the query's cursor decoded ("<created_at>|<id>") into
 * *after (NULL for the first page); -1 with the 400 answered */
int query_keyset(ctx *c, int size, int *limit, const char **after);

/* query_next: items were read limit + 1 rows deep: the row past the
 * page dropped, and the cursor of the next page from the last row's
 * "key" (arena); NULL when this page is the last */
const char *query_next(ctx *c, cJSON *items, int limit);

/* query_filter: for a page, into d: "filter" (each of the n names with
 * its value, "" when not given) and, when next, "next_href": path with
 * the filters given and cursor=next */
void query_filter(ctx *c, cJSON *d, const char *path,
    const char *const *names, const char *const *values, int n,
    const char *next);

/* query_run: db_exec over the request's connection; on failure the
 * response is the database's error and r holds nothing.  r may be NULL
 * when the result is not wanted.  0 or -1. */
int query_run(struct ctx *c, db_res *r, const char *sql, int n,
    const char *const *p);

/* query_text: the first column of the first row of sql into out (""
 * when there is no row); 0, or -1 with the response set */
int query_text(struct ctx *c, const char *sql, int n, const char *const *p,
    char *out, size_t outlen);

/* query_digits: the minor units of currency code into *digits: 0; 1
 * when code is not a known currency code (*digits 0); -1 with the
 * response set */
int query_digits(struct ctx *c, const char *code, int *digits);

/* query_rows: the rows of sql as an array of objects with the given keys,
 * one per column in order: a key starting with '?' is a boolean, '#' an
 * exact integer (api_int), any other text; SQL NULL is null.  NULL on
 * error, with the response set.  The caller deletes the array. */
cJSON *query_rows(struct ctx *c, const char *sql, int n,
    const char *const *p, const char *const *keys);

#endif
