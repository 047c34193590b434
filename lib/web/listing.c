/* listing.c: sort whitelist, numbered pages with a count, the links */
#include "web/listing.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/field.h"
#include "web/form.h"
#include "web/query.h"
#include "web/reply.h"
#include "base/buf.h"

static const listing_sort *
find(const listing_sort *s, const char *key)
{
	for (; s->key; s++)
		if (strcmp(s->key, key) == 0)
			return s;
	return NULL;
}

/* page_arg: ?page= as 1..1000000; 0 when absent, -1 when malformed */
static int
page_arg(const char *v)
{
	if (v == NULL)
		return 0;
	if (!api_matches("^[0-9]{1,7}$", v))
		return -1;
	int n = atoi(v);
	return n >= 1 ? n : -1;
}

int
listing_begin(ctx *c, listing *l, const listing_sort *sorts, int nkeyset)
{
	memset(l, 0, sizeof(*l));
	l->sorts = sorts;
	l->sort = &sorts[0];
	const char *s = field_query(c, "sort");
	const char *pg = field_query(c, "page");
	int idx = 0;
	if (s) {
		const listing_sort *f = find(sorts, s);
		if (f == NULL && c->api) {
			cJSON *fl = cJSON_CreateObject();
			buf b;
			buf_init(&b, 1024);
			for (const listing_sort *x = sorts; x->key; x++)
				buf_printf(&b, "%s%s", x == sorts ? "" : ", ",
				    x->key);
			const char *msg = arena_printf(c->a, "one of: %s",
			    buf_str(&b));
			buf_free(&b);
			api_field(fl, "sort", msg);
			app_error(c, 422, "invalid", arena_printf(c->a,
			    "sort: %s", msg), fl);
			return -1;
		}
		if (f) {
			l->sort = f;
			idx = (int)(f - sorts);
		}
	}
	l->page = page_arg(pg);
	if (l->page < 0) {
		if (c->api) {
			field_refuse(c, "page", "a page number from 1");
			return -1;
		}
		l->page = 0;	/* a page link typed wrong: the first */
	}
	l->limit_given = field_query(c, "limit") != NULL;
	l->limit = c->api ? API_LIMIT_DEFAULT : LISTING_PAGE_ROWS;
	if (l->limit_given && api_limit(&c->req.query, &l->limit) < 0) {
		app_error(c, 400, "bad_request", "limit must be 1 to 200", NULL);
		return -1;
	}
	l->keyset = c->api && l->page == 0;
	if (l->keyset && idx >= nkeyset) {
		field_refuse(c, "sort", arena_printf(c->a, "%s%s%s (page= for "
		    "the others)", sorts[0].key, nkeyset > 1 ? " or " : "",
		    nkeyset > 1 ? sorts[1].key : ""));
		return -1;
	}
	if (!l->keyset) {
		if (l->page == 0)
			l->page = 1;
		return 0;
	}
	const char *cursor = field_query(c, "cursor");
	if (cursor == NULL)
		return 0;
	l->after = api_cursor_decode(c->a, cursor);
	if (l->after == NULL || strchr(l->after, '|') == NULL ||
	    !api_uuid_ok(strchr(l->after, '|') + 1)) {
		app_error(c, 400, "bad_request", "malformed cursor", NULL);
		return -1;
	}
	return 0;
}

cJSON *
listing_rows(ctx *c, listing *l, const char *base, int n,
    const char *const *p, const char *const *keys)
{
	const char **q = arena_alloc(c->a, (size_t)(n + 2) * sizeof(*q));
	for (int i = 0; i < n; i++)
		q[i] = p[i];
	q[n] = arena_printf(c->a, "%d", l->keyset ? l->limit + 1 : l->limit);
	q[n + 1] = arena_printf(c->a, "%lld", l->keyset ? 0LL :
	    (long long)(l->page - 1) * l->limit);
	const char *sql = arena_printf(c->a, "%s ORDER BY %s LIMIT $%d::int "
	    "OFFSET $%d::bigint", base, l->sort->order, n + 1, n + 2);
	cJSON *items = query_rows(c, sql, n + 2, q, keys);
	if (items == NULL)
		return NULL;
	if (l->keyset) {
		l->next = query_next(c, items, l->limit);
		return items;
	}
	int got = cJSON_GetArraySize(items);
	if (l->page == 1 && got < l->limit) {
		l->total = got;	/* all of them are here: no count to ask */
		return items;
	}
	char t[32];
	if (query_text(c, arena_printf(c->a, "SELECT count(*) FROM (%s) q",
	    base), n, p, t, sizeof(t)) < 0) {
		cJSON_Delete(items);
		return NULL;
	}
	l->total = strtoll(t, NULL, 10);
	return items;
}

const char *
listing_href(ctx *c, const listing *l, const char *sort, int page)
{
	buf b;
	buf_init(&b, 4096);
	buf_puts(&b, l->path);
	char sep = '?';
	for (int i = 0; i < l->nfilters; i++) {
		if (l->values[i] == NULL || !*l->values[i])
			continue;
		buf_printf(&b, "%c%s=%s", sep, l->names[i],
		    form_url_escape(c->a, l->values[i]));
		sep = '&';
	}
	if (sort && strcmp(sort, l->sorts[0].key) != 0) {
		buf_printf(&b, "%csort=%s", sep, form_url_escape(c->a, sort));
		sep = '&';
	}
	if (l->limit_given) {
		buf_printf(&b, "%climit=%d", sep, l->limit);
		sep = '&';
	}
	if (page > 1)
		buf_printf(&b, "%cpage=%d", sep, page);
	const char *out = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return out;
}

cJSON *
listing_reply(ctx *c, listing *l, cJSON *items, const char *path,
    const char *const *names, const char *const *values, int n)
{
	l->path = path;
	l->names = names;
	l->values = values;
	l->nfilters = n;
	cJSON *d = api_list(items, l->next ? l->next : NULL);
	if (!l->keyset) {
		cJSON_AddNumberToObject(d, "page", l->page);
		cJSON_AddNumberToObject(d, "limit", l->limit);
		cJSON_AddItemToObject(d, "total", api_int(l->total));
	}
	if (c->api)
		return d;
	cJSON *fl = cJSON_AddObjectToObject(d, "filter");
	for (int i = 0; i < n; i++)
		cJSON_AddStringToObject(fl, names[i], values[i] ? values[i] : "");
	cJSON_AddStringToObject(d, "sort", l->sort->key);
	/* each column's header: ascending first, then the other way */
	cJSON *ss = cJSON_AddObjectToObject(d, "sorts");
	for (const listing_sort *s = l->sorts; s->key; s++) {
		if (s->key[0] == '-')
			continue;
		const char *cur = l->sort->key;
		int asc = strcmp(cur, s->key) == 0;
		int desc = cur[0] == '-' && strcmp(cur + 1, s->key) == 0;
		const char *flip = arena_printf(c->a, "-%s", s->key);
		cJSON *o = cJSON_AddObjectToObject(ss, s->key);
		cJSON_AddStringToObject(o, "href", listing_href(c, l, asc &&
		    find(l->sorts, flip) ? flip : s->key, 1));
		cJSON_AddStringToObject(o, "dir", asc ? "ascending" : desc ?
		    "descending" : "none");
	}
	cJSON *pg = cJSON_AddObjectToObject(d, "pager");
	int64_t from = (int64_t)(l->page - 1) * l->limit + 1;
	int64_t to = from + cJSON_GetArraySize(items) - 1;
	cJSON_AddStringToObject(pg, "text", l->total == 0 ? "none" :
	    to < from ? arena_printf(c->a, "past the last of %" PRId64,
	    l->total) : arena_printf(c->a, "%" PRId64 "\xe2\x80\x93%" PRId64
	    " of %" PRId64, from, to, l->total));
	if (l->page > 1)
		cJSON_AddStringToObject(pg, "prev_href", listing_href(c, l,
		    l->sort->key, l->page - 1));
	if ((int64_t)l->page * l->limit < l->total)
		cJSON_AddStringToObject(pg, "next_href", listing_href(c, l,
		    l->sort->key, l->page + 1));
	cJSON_AddBoolToObject(pg, "several", l->total > l->limit);
	return d;
}

#define BULK_MAX 200	/* rows one bulk action changes */

static int
exec0(ctx *c, const char *sql)
{
	return query_run(c, NULL, sql, 0, NULL);
}

int
listing_bulk(ctx *c, cJSON *d, listing_act act, const char *label_sql,
    const char *done)
{
	size_t n = kv_count(&c->req.form, "id");
	if (n == 0 || n > BULK_MAX) {
		field_refuse(c, "id", n ? "at most 200 rows at once" :
		    "tick at least one row");
		return -1;
	}
	cJSON *rs = cJSON_AddArrayToObject(d, "results");
	int ok_n = 0, bad_n = 0;
	for (size_t i = 0; i < c->req.form.n; i++) {
		const kv_pair *kv = &c->req.form.items[i];
		if (strcmp(kv->name, "id") != 0)
			continue;
		const char *id = kv->value;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToArray(rs, o);
		cJSON_AddStringToObject(o, "id", id);
		if (exec0(c, "SAVEPOINT bulk_row") < 0)
			return -1;
		const char *why = "no such row";
		int rc = api_uuid_ok(id) ? act(c, id, &why) : 1;
		if (rc < 0)
			return -1;
		int ok = rc == 0;
		if (exec0(c, ok ? "RELEASE SAVEPOINT bulk_row" :
		    "ROLLBACK TO SAVEPOINT bulk_row") < 0)
			return -1;
		char label[256] = "";
		const char *p[1] = { id };
		if (api_uuid_ok(id) && query_text(c, label_sql, 1, p, label,
		    sizeof(label)) < 0)
			return -1;
		cJSON_AddStringToObject(o, "label", label[0] ? label : id);
		cJSON_AddBoolToObject(o, "ok", ok);
		cJSON_AddStringToObject(o, "message", ok ? done : why);
		ok ? ok_n++ : bad_n++;
	}
	cJSON_AddNumberToObject(d, "done", ok_n);
	cJSON_AddNumberToObject(d, "refused", bad_n);
	return 0;
}
