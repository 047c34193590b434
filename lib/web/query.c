/* query.c: a request's statements, rows as JSON, lists by keyset */
#include "web/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/form.h"
#include "web/field.h"

int64_t
query_i64(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(o, key);
	if (cJSON_IsRaw(v))
		return strtoll(v->valuestring, NULL, 10);
	if (cJSON_IsNumber(v))
		return (int64_t)v->valuedouble;
	if (cJSON_IsString(v))
		return strtoll(v->valuestring, NULL, 10);
	return 0;
}

int
query_keyset(ctx *c, int size, int *limit, const char **after)
{
	*limit = size;
	*after = NULL;
	if (c->api && api_limit(&c->req.query, limit) < 0) {
		app_error(c, 400, "bad_request", "limit must be 1 to 200", NULL);
		return -1;
	}
	const char *cursor = field_query(c, "cursor");
	if (cursor == NULL)
		return 0;
	*after = api_cursor_decode(c->a, cursor);
	if (*after == NULL || strchr(*after, '|') == NULL ||
	    !api_uuid_ok(strchr(*after, '|') + 1)) {
		app_error(c, 400, "bad_request", "malformed cursor", NULL);
		return -1;
	}
	return 0;
}

const char *
query_next(ctx *c, cJSON *items, int limit)
{
	if (cJSON_GetArraySize(items) <= limit)
		return NULL;
	cJSON_DeleteItemFromArray(items, limit);
	cJSON *last = cJSON_GetArrayItem(items, limit - 1);
	return api_cursor_encode(c->a, cJSON_GetStringValue(
	    cJSON_GetObjectItem(last, "key")));
}

void
query_filter(ctx *c, cJSON *d, const char *path,
    const char *const *names, const char *const *values, int n,
    const char *next)
{
	cJSON *fl = cJSON_AddObjectToObject(d, "filter");
	const char *href = path;
	int first = 1;
	for (int i = 0; i < n; i++) {
		cJSON_AddStringToObject(fl, names[i], values[i] ? values[i] : "");
		if (values[i] == NULL)
			continue;
		href = arena_printf(c->a, "%s%c%s=%s", href, first ? '?' : '&',
		    names[i], form_url_escape(c->a, values[i]));
		first = 0;
	}
	if (next)
		cJSON_AddStringToObject(d, "next_href", arena_printf(c->a,
		    "%s%ccursor=%s", href, first ? '?' : '&',
		    form_url_escape(c->a, next)));
}

cJSON *
query_one(ctx *c, const char *sql, const char *id,
    const char *const *keys, const char *what)
{
	const char *nf = arena_printf(c->a, "no such %s", what);
	if (!api_uuid_ok(id)) {
		app_error(c, 404, "not_found", nf, NULL);
		return NULL;
	}
	const char *p[1] = { id };
	cJSON *h = query_rows(c, sql, 1, p, keys);
	if (h == NULL)
		return NULL;
	cJSON *o = cJSON_GetArraySize(h) ? cJSON_DetachItemFromArray(h, 0) :
	    NULL;
	cJSON_Delete(h);
	if (o == NULL)
		app_error(c, 404, "not_found", nf, NULL);
	return o;
}

int
query_run(struct ctx *c, db_res *r, const char *sql, int n,
    const char *const *p)
{
	db_res own;
	db_res *res = r ? r : &own;
	if (db_exec(c->db, res, sql, n, p) < 0) {
		app_db_error(c, res);
		db_res_clear(res);
		return -1;
	}
	if (r == NULL)
		db_res_clear(&own);
	return 0;
}

int
query_text(struct ctx *c, const char *sql, int n, const char *const *p,
    char *out, size_t outlen)
{
	db_res r;
	if (query_run(c, &r, sql, n, p) < 0)
		return -1;
	snprintf(out, outlen, "%s", r.rows > 0 && db_text(&r, 0, 0) ?
	    db_text(&r, 0, 0) : "");
	db_res_clear(&r);
	return 0;
}

int
query_digits(struct ctx *c, const char *code, int *digits)
{
	char d[8];
	const char *p[1] = { code };
	*digits = 0;
	if (code == NULL || !api_matches("^[A-Z]{3}$", code))
		return 1;
	if (query_text(c, "SELECT minor_units FROM currencies WHERE code = $1",
	    1, p, d, sizeof(d)) < 0)
		return -1;
	*digits = atoi(d);
	return d[0] ? 0 : 1;
}

cJSON *
query_rows(struct ctx *c, const char *sql, int n, const char *const *p,
    const char *const *keys)
{
	db_res r;
	if (query_run(c, &r, sql, n, p) < 0)
		return NULL;
	cJSON *items = cJSON_CreateArray();
	for (int i = 0; i < r.rows; i++) {
		cJSON *o = cJSON_CreateObject();
		for (int k = 0; keys[k]; k++) {
			const char *v = db_text(&r, i, k);
			int typed = keys[k][0] == '?' || keys[k][0] == '#';
			int64_t num;
			if (v == NULL)
				cJSON_AddNullToObject(o, keys[k] + typed);
			else if (keys[k][0] == '?')
				cJSON_AddBoolToObject(o, keys[k] + 1, v[0] == 't');
			else if (keys[k][0] == '#' && db_i64(&r, i, k, &num) == 0)
				cJSON_AddItemToObject(o, keys[k] + 1, api_int(num));
			else
				cJSON_AddStringToObject(o, keys[k] + typed, v);
		}
		cJSON_AddItemToArray(items, o);
	}
	db_res_clear(&r);
	return items;
}
