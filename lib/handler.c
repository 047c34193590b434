/* handler.c: what every commerce handler reads and answers the same way */
#include "handler.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "books_setup.h"
#include "form.h"
#include "money.h"

const char *
handler_query(const ctx *c, const char *name)
{
	const char *v = kv_get(&c->req.query, name);
	return v && *v ? v : NULL;
}

int
handler_blank(const char *s)
{
	return s == NULL || *s == '\0';
}

int64_t
handler_i64(const cJSON *o, const char *key)
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

const char *
handler_money_text(ctx *c, int64_t minor, int digits)
{
	buf b = BUF_INIT(64);
	money_format(&b, minor, digits);
	const char *s = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return s;
}

const char *
handler_ppm_text(ctx *c, int64_t ppm)
{
	buf b = BUF_INIT(64);
	books_ppm_text(&b, ppm);
	const char *s = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return s;
}

void
handler_monies(ctx *c, cJSON *o, const char *currency, int digits,
    const char *const *keys)
{
	for (int i = 0; keys[i]; i++) {
		cJSON *v = cJSON_GetObjectItem(o, keys[i]);
		if (v == NULL || cJSON_IsNull(v))
			continue;
		int64_t m = handler_i64(o, keys[i]);
		cJSON_ReplaceItemInObject(o, keys[i], c->api ? api_money(m,
		    currency) : cJSON_CreateString(handler_money_text(c, m,
		    digits)));
	}
}

void
handler_refuse(ctx *c, const char *field, const char *msg)
{
	cJSON *f = cJSON_CreateObject();
	api_field(f, field, msg);
	app_error(c, 422, "invalid", arena_printf(c->a, "%s: %s", field, msg),
	    f);
}

int
handler_status(const db_res *err)
{
	const char *s = err->sqlstate;
	if (strcmp(s, "P0002") == 0)
		return 404;
	if (strcmp(s, "40001") == 0 || strcmp(s, "23505") == 0 ||
	    strcmp(s, "40P01") == 0)
		return 409;
	if (strncmp(s, "22", 2) == 0 || strncmp(s, "23", 2) == 0)
		return 422;
	return 0;
}

void
handler_failed(ctx *c, db_res *err, const char *field)
{
	handler_answer(c, err, handler_status(err), field);
}

void
handler_answer(ctx *c, db_res *err, int st, const char *field)
{
	if (st == 0) {
		app_db_error(c, err);
	} else if (st == 422 || (st == 409 && field && *field)) {
		cJSON *f = cJSON_CreateObject();
		if (field && *field)
			api_field(f, field, err->error);
		app_error(c, st, st == 422 ? "invalid" : "conflict", err->error,
		    f);
	} else {
		app_error(c, st, st == 404 ? "not_found" : "conflict",
		    err->error, NULL);
	}
	db_res_clear(err);
}

int
handler_savepoint(ctx *c)
{
	db_res r;
	int rc = db_exec(c->db, &r, "SAVEPOINT handler_change", 0, NULL);
	if (rc < 0)
		app_db_error(c, &r);
	db_res_clear(&r);
	return rc;
}

void
handler_undo(ctx *c)
{
	db_res r;
	db_exec(c->db, &r, "ROLLBACK TO SAVEPOINT handler_change", 0, NULL);
	db_res_clear(&r);
}

const char *
handler_arg(ctx *c, const cJSON *o, const char *name)
{
	if (o == NULL)
		return http_arg(&c->req, name);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (v == NULL)
		return NULL;
	if (cJSON_IsNull(v))
		return "";
	if (cJSON_IsString(v))
		return v->valuestring;
	int64_t n;
	if (cJSON_IsNumber(v) && api_get_int(v, &n) == 0)
		return arena_printf(c->a, "%lld", (long long)n);
	return "?";
}

const char *
handler_text(ctx *c, const cJSON *o, const char *name, const char *field,
    cJSON *fields)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, name) : NULL;
	if (o && v && !cJSON_IsString(v) && !cJSON_IsNull(v)) {
		api_field(fields, field, "a string");
		return NULL;
	}
	return handler_arg(c, o, name);
}

int
handler_int(ctx *c, const cJSON *o, const char *name, const char *field,
    int64_t *out, cJSON *fields)
{
	if (o) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
		if (v == NULL || cJSON_IsNull(v))
			return 0;
		if (!cJSON_IsNumber(v) || api_get_int(v, out) < 0) {
			api_field(fields, field, "a whole number");
			return 0;
		}
		return 1;
	}
	const char *s = handler_arg(c, NULL, name);
	if (handler_blank(s))
		return 0;
	char *end;
	long long n = strtoll(s, &end, 10);
	if (*end || end == s) {
		api_field(fields, field, "a whole number");
		return 0;
	}
	*out = n;
	return 1;
}

void
handler_bool(ctx *c, const cJSON *o, const char *name, int *out,
    cJSON *fields)
{
	*out = 0;
	if (o == NULL) {
		if (books_flag(http_arg(&c->req, name), out) < 0)
			api_field(fields, name, "yes or no");
		return;
	}
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (v && !cJSON_IsBool(v) && !cJSON_IsNull(v))
		api_field(fields, name, "true or false");
	else
		*out = cJSON_IsTrue(v);
}

int64_t
handler_discount(ctx *c, const cJSON *o, const char *at, cJSON *fields)
{
	int64_t ppm = 0;
	const char *f = arena_printf(c->a, "%s.discount", at);
	if (o && handler_int(c, o, "discount_ppm", f, &ppm, fields))
		return ppm;
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, "discount") :
	    NULL;
	const char *s = NULL;
	if (o && cJSON_IsNumber(v)) {
		/* a JSON number goes back to its text as written */
		char *t = cJSON_PrintUnformatted(v);
		s = arena_strdup(c->a, t ? t : "?");
		cJSON_free(t);
	} else if (o) {
		s = cJSON_IsString(v) ? v->valuestring : v == NULL ||
		    cJSON_IsNull(v) ? NULL : "?";
	} else {
		s = handler_arg(c, NULL, "discount");
	}
	if (handler_blank(s))
		return 0;
	if (books_percent_ppm(s, &ppm) < 0 || ppm > 1000000) {
		api_field(fields, f, "a percentage from 0 to 100, e.g. 5 or 2.5");
		return 0;
	}
	return ppm;
}

const char *
handler_nth(const kv_list *l, const char *name, size_t i)
{
	for (size_t k = 0; k < l->n; k++)
		if (strcmp(l->items[k].name, name) == 0 && i-- == 0)
			return l->items[k].value;
	return NULL;
}

void
handler_form_row(ctx *c, size_t r, const char *at, int digits, int charged,
    handler_row *out, cJSON *fields)
{
	const kv_list *f = &c->req.form;
	const char *qty = handler_nth(f, "line_quantity", r);
	const char *price = handler_nth(f, "line_unit_price", r);
	const char *disc = handler_nth(f, "line_discount", r);
	char *end = NULL;
	out->quantity = handler_blank(qty) ? 0 : strtoll(qty, &end, 10);
	if (handler_blank(qty) || *end || out->quantity <= 0) {
		out->quantity = 0;
		api_field(fields, arena_printf(c->a, "%s.quantity", at),
		    "a whole number of units, 1 or more");
	}
	out->unit_price = -1;
	if ((charged || !handler_blank(price)) && (handler_blank(price) ||
	    money_parse(price, digits, &out->unit_price) < 0 ||
	    out->unit_price < 0)) {
		out->unit_price = -1;
		api_field(fields, arena_printf(c->a, "%s.unit_price", at),
		    digits ? arena_printf(c->a, "%s, at most %d decimals",
		    charged ? "the price charged, such as 12.50" : "a price such "
		    "as 12.50", digits) : "a whole amount");
	}
	out->discount_ppm = 0;
	if (!handler_blank(disc) && (books_percent_ppm(disc,
	    &out->discount_ppm) < 0 || out->discount_ppm > 1000000)) {
		out->discount_ppm = 0;
		api_field(fields, arena_printf(c->a, "%s.discount", at),
		    "a percentage from 0 to 100");
	}
}

int
handler_digits(ctx *c, const char *currency, const char *party)
{
	const char *p[2] = { currency ? currency : "", party ? party : "" };
	static const char *const keys[] = { "#d", NULL };
	cJSON *r = books_rows(c, "SELECT minor_units FROM currencies WHERE code "
	    "= coalesce(nullif($1, ''), (SELECT currency FROM parties WHERE "
	    "id::text = $2 OR code = $2 LIMIT 1), (SELECT base_currency FROM "
	    "tenants WHERE id = bursar_tenant()))", 2, p, keys);
	int d = r && cJSON_GetArraySize(r) ? (int)handler_i64(r->child, "d") :
	    2;
	cJSON_Delete(r);
	return d;
}

const char *
handler_field(ctx *c, const char *name)
{
	const cJSON *v = c->req.json ? cJSON_GetObjectItemCaseSensitive(
	    c->req.json, name) : NULL;
	if (v == NULL || cJSON_IsString(v))
		return http_arg(&c->req, name);
	if (cJSON_IsNull(v))
		return NULL;
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "true" : "false";
	int64_t n;
	if (cJSON_IsNumber(v))
		return api_get_int(v, &n) == 0 ? arena_printf(c->a, "%lld",
		    (long long)n) : "?";
	return "?";
}

const char *
handler_string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

int
handler_exact(const cJSON *v, int64_t *out)
{
	if (cJSON_IsRaw(v) && v->valuestring) {
		char *end;
		*out = strtoll(v->valuestring, &end, 10);
		return *end == '\0' ? 0 : -1;
	}
	return api_get_int(v, out);
}

const char *
handler_summary(const cJSON *fields, const char *otherwise)
{
	if (cJSON_GetArraySize(fields) == 1 && cJSON_IsString(fields->child))
		return fields->child->valuestring;
	return otherwise ? otherwise :
	    "the change was refused: see the fields marked";
}

void
handler_refusal(cJSON *d, const cJSON *fields, const char *otherwise)
{
	if (fields && cJSON_GetArraySize(fields) > 0)
		cJSON_AddStringToObject(d, "error", handler_summary(fields,
		    otherwise));
	cJSON_AddItemToObject(d, "fields", fields ? cJSON_Duplicate(fields, 1)
	    : cJSON_CreateObject());
}

void
handler_form(ctx *c, cJSON *d, const char *const *keep,
    const char *const *dflt, const cJSON *fields)
{
	cJSON *form = cJSON_AddObjectToObject(d, "form");
	int typed = c->req.form.n > 0;
	for (int i = 0; keep[i]; i++) {
		const char *v = typed ? http_arg(&c->req, keep[i]) : NULL;
		if (v == NULL && !typed && dflt)
			v = dflt[i];
		cJSON_AddStringToObject(form, keep[i], v ? v : "");
	}
	handler_refusal(d, fields, NULL);
}

int
handler_keyset(ctx *c, int size, int *limit, const char **after)
{
	*limit = size;
	*after = NULL;
	if (c->api && api_limit(&c->req.query, limit) < 0) {
		app_error(c, 400, "bad_request", "limit must be 1 to 200", NULL);
		return -1;
	}
	const char *cursor = handler_query(c, "cursor");
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
handler_next(ctx *c, cJSON *items, int limit)
{
	if (cJSON_GetArraySize(items) <= limit)
		return NULL;
	cJSON_DeleteItemFromArray(items, limit);
	cJSON *last = cJSON_GetArrayItem(items, limit - 1);
	return api_cursor_encode(c->a, cJSON_GetStringValue(
	    cJSON_GetObjectItem(last, "key")));
}

void
handler_rows(ctx *c, cJSON *items, const char *const *keys)
{
	cJSON *x;
	cJSON_ArrayForEach(x, items) {
		cJSON_DeleteItemFromObject(x, "key");
		handler_monies(c, x, arena_strdup(c->a, cJSON_GetStringValue(
		    cJSON_GetObjectItem(x, "currency"))), (int)handler_i64(x,
		    "digits"), keys);
		cJSON_DeleteItemFromObject(x, "digits");
	}
}

void
handler_filter(ctx *c, cJSON *d, const char *path,
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
handler_one(ctx *c, const char *sql, const char *id,
    const char *const *keys, const char *what)
{
	const char *nf = arena_printf(c->a, "no such %s", what);
	if (!api_uuid_ok(id)) {
		app_error(c, 404, "not_found", nf, NULL);
		return NULL;
	}
	const char *p[1] = { id };
	cJSON *h = books_rows(c, sql, 1, p, keys);
	if (h == NULL)
		return NULL;
	cJSON *o = cJSON_GetArraySize(h) ? cJSON_DetachItemFromArray(h, 0) :
	    NULL;
	cJSON_Delete(h);
	if (o == NULL)
		app_error(c, 404, "not_found", nf, NULL);
	return o;
}

void
handler_acted(ctx *c, const handler_doc *k, const char *id, int status)
{
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "%s/%s", k->app, id));
		return;
	}
	cJSON *o = k->read(c, id);
	if (o == NULL)
		return;
	if (status == 201)
		resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
		    "%s/%s", k->api, id));
	app_render(c, status, NULL, NULL, o);
}

void
handler_action_refused(ctx *c, const handler_doc *k, const char *id,
    db_res *err, const char *field)
{
	int st = handler_status(err);
	if (c->api || st == 0 || st == 404) {
		k->failed(c, err, field);
		return;
	}
	const char *why = arena_strdup(c->a, err->error);
	db_res_clear(err);
	handler_undo(c);
	c->failed = 1;
	cJSON *o = k->read(c, id);
	if (o == NULL)
		return;
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, k->name, o);
	cJSON_AddStringToObject(d, "error", why);
	app_render(c, st, k->show, k->title, d);
}

const char *const handler_party_keys[] = { "id", "code", "name",
    "currency", NULL };
const char *const handler_code_keys[] = { "code", "name", NULL };
const char *const handler_sku_keys[] = { "sku", "name", NULL };
const char *const handler_currency_keys[] = { "code", NULL };

int
handler_lookups(ctx *c, cJSON *d, const handler_lookup *l)
{
	for (; l->name; l++) {
		cJSON *rows = books_rows(c, l->sql, 0, NULL, l->keys);
		if (rows == NULL)
			return -1;
		cJSON_AddItemToObject(d, l->name, rows);
	}
	return 0;
}

void
handler_typed(ctx *c, cJSON *form, const char *const *keys, cJSON *rows,
    const char *const *cols)
{
	for (int i = 0; keys[i]; i++) {
		const char *v = http_arg(&c->req, keys[i]);
		cJSON_AddStringToObject(form, keys[i], v ? v : "");
	}
	const kv_list *f = &c->req.form;
	size_t n = 0;
	for (int k = 0; cols[k]; k++)
		if (kv_count(f, cols[k]) > n)
			n = kv_count(f, cols[k]);
	for (size_t r = 0; r < n; r++) {
		cJSON *row = cJSON_CreateObject();
		for (int k = 0; cols[k]; k++) {
			const char *v = handler_nth(f, cols[k], r);
			cJSON_AddStringToObject(row, cols[k] + 5, v ? v : "");
		}
		cJSON_AddItemToArray(rows, row);
	}
}

void
handler_row_errors(ctx *c, cJSON *rows, const cJSON *fields,
    const char *const *parts, int n)
{
	int i = 0;
	cJSON *row;
	cJSON_ArrayForEach(row, rows) {
		if (handler_blank(cJSON_GetStringValue(cJSON_GetObjectItem(row,
		    "product"))) && handler_blank(cJSON_GetStringValue(
		    cJSON_GetObjectItem(row, "description"))))
			continue;
		const char *why = NULL;
		for (int k = 0; k < n; k++) {
			const cJSON *v = fields ? cJSON_GetObjectItem(fields,
			    arena_printf(c->a, "lines[%d].%s", i, parts[k])) :
			    NULL;
			if (cJSON_IsString(v))
				why = why ? arena_printf(c->a, "%s; %s", why,
				    v->valuestring) : v->valuestring;
		}
		if (why)
			cJSON_AddStringToObject(row, "error", why);
		i++;
	}
}

int
handler_one_of(const char *v, const char *const *allowed)
{
	for (int i = 0; allowed[i]; i++)
		if (strcmp(v, allowed[i]) == 0)
			return 1;
	return 0;
}

int
handler_span(ctx *c, const char *from, const char *to)
{
	if (from && !books_date_ok(from)) {
		handler_refuse(c, "from", "a date, YYYY-MM-DD");
		return -1;
	}
	if (to && !books_date_ok(to)) {
		handler_refuse(c, "to", "a date, YYYY-MM-DD");
		return -1;
	}
	return 0;
}
