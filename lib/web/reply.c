/* reply.c: refusals answered, forms redrawn as typed, money shown */
#include "web/reply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/form.h"
#include "base/money.h"
#include "web/field.h"
#include "web/query.h"
#include "web/numbers.h"
#include "web/words.h"

const char *
reply_money_text(ctx *c, int64_t minor, int digits)
{
	buf b = BUF_INIT(64);
	money_format_grouped(&b, minor, digits, numbers_style(c));
	const char *s = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return s;
}

const char *
reply_ppm_text(ctx *c, int64_t ppm)
{
	buf b = BUF_INIT(64);
	money_ppm_text(&b, ppm);
	const char *s = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return s;
}

void
reply_monies(ctx *c, cJSON *o, const char *currency, int digits,
    const char *const *keys)
{
	for (int i = 0; keys[i]; i++) {
		cJSON *v = cJSON_GetObjectItem(o, keys[i]);
		if (v == NULL || cJSON_IsNull(v))
			continue;
		int64_t m = query_i64(o, keys[i]);
		cJSON_ReplaceItemInObject(o, keys[i], c->api ? api_money(m,
		    currency) : cJSON_CreateString(reply_money_text(c, m,
		    digits)));
	}
}

int
reply_status(const db_res *err)
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
reply_failed(ctx *c, db_res *err, const char *field)
{
	reply_answer(c, err, reply_status(err), field);
}

void
reply_answer(ctx *c, db_res *err, int st, const char *field)
{
	if (st != 0)
		app_db_log(c, err);
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
reply_savepoint(ctx *c)
{
	db_res r;
	int rc = db_exec(c->db, &r, "SAVEPOINT form_redraw", 0, NULL);
	if (rc < 0)
		app_db_error(c, &r);
	db_res_clear(&r);
	return rc;
}

void
reply_undo(ctx *c)
{
	db_res r;
	db_exec(c->db, &r, "ROLLBACK TO SAVEPOINT form_redraw", 0, NULL);
	db_res_clear(&r);
}

const char *
reply_summary(const cJSON *fields, const char *otherwise)
{
	if (cJSON_GetArraySize(fields) == 1 && cJSON_IsString(fields->child))
		return fields->child->valuestring;
	return otherwise ? otherwise :
	    "the change was refused: see the fields marked";
}

void
reply_refusal(cJSON *d, const cJSON *fields, const char *otherwise)
{
	if (fields && cJSON_GetArraySize(fields) == 1 &&
	    cJSON_IsString(fields->child)) {
		/* the one refusal, led by the field as the form names it */
		buf b = BUF_INIT(4096);
		words_message(&b, fields->child->string,
		    fields->child->valuestring);
		cJSON_AddStringToObject(d, "error", buf_str(&b));
		buf_free(&b);
	} else if (fields && cJSON_GetArraySize(fields) > 0) {
		cJSON_AddStringToObject(d, "error", reply_summary(fields,
		    otherwise));
	}
	cJSON_AddItemToObject(d, "fields", fields ? cJSON_Duplicate(fields, 1)
	    : cJSON_CreateObject());
}

void
reply_form(ctx *c, cJSON *d, const char *const *keep,
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
	reply_refusal(d, fields, NULL);
}

void
reply_typed(ctx *c, cJSON *form, const char *const *keys, cJSON *rows,
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
			const char *v = field_nth(f, cols[k], r);
			cJSON_AddStringToObject(row, cols[k] + 5, v ? v : "");
		}
		cJSON_AddItemToArray(rows, row);
	}
}

void
reply_row_errors(ctx *c, cJSON *rows, const cJSON *fields,
    const char *const *parts, int n)
{
	int i = 0;
	cJSON *row;
	cJSON_ArrayForEach(row, rows) {
		if (field_blank(cJSON_GetStringValue(cJSON_GetObjectItem(row,
		    "product"))) && field_blank(cJSON_GetStringValue(
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

void
reply_rows(ctx *c, cJSON *items, const char *const *keys)
{
	cJSON *x;
	cJSON_ArrayForEach(x, items) {
		cJSON_DeleteItemFromObject(x, "key");
		reply_monies(c, x, arena_strdup(c->a, cJSON_GetStringValue(
		    cJSON_GetObjectItem(x, "currency"))), (int)query_i64(x,
		    "digits"), keys);
		cJSON_DeleteItemFromObject(x, "digits");
	}
}
