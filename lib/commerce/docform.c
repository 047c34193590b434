/* docform.c: a document's form rows, lookups and actions */
#include "commerce/docform.h"

#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/numbers.h"
#include "web/words.h"
#include "web/field.h"
#include "web/query.h"
#include "web/reply.h"
#include "base/money.h"

int64_t
docform_discount(ctx *c, const cJSON *o, const char *at, cJSON *fields)
{
	int64_t ppm = 0;
	const char *f = arena_printf(c->a, "%s.discount", at);
	if (o && field_int(c, o, "discount_ppm", f, &ppm, fields))
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
		s = field_arg(c, NULL, "discount");
	}
	if (field_blank(s))
		return 0;
	if (money_percent_ppm(s, &ppm) < 0 || ppm > 1000000) {
		api_field(fields, f, "a percentage from 0 to 100, e.g. 5 or 2.5");
		return 0;
	}
	return ppm;
}

void
docform_row(ctx *c, size_t r, const char *at, int digits, int charged,
    docform_row_in *out, cJSON *fields)
{
	const kv_list *f = &c->req.form;
	const char *qty = field_nth(f, "line_quantity", r);
	const char *price = field_nth(f, "line_unit_price", r);
	const char *disc = field_nth(f, "line_discount", r);
	char *end = NULL;
	out->quantity = field_blank(qty) ? 0 : strtoll(qty, &end, 10);
	if (field_blank(qty) || *end || out->quantity <= 0) {
		out->quantity = 0;
		api_field(fields, arena_printf(c->a, "%s.quantity", at),
		    "a whole number of units, 1 or more");
	}
	out->unit_price = -1;
	if ((charged || !field_blank(price)) && (field_blank(price) ||
	    numbers_parse(c, price, digits, &out->unit_price) < 0 ||
	    out->unit_price < 0)) {
		out->unit_price = -1;
		api_field(fields, arena_printf(c->a, "%s.unit_price", at),
		    digits ? arena_printf(c->a, "%s %s, at most %d decimals",
		    charged ? "the price charged," : "a price",
		    numbers_hint(c, digits), digits) : "a whole amount");
	}
	out->discount_ppm = 0;
	if (!field_blank(disc) && (money_percent_ppm(disc,
	    &out->discount_ppm) < 0 || out->discount_ppm > 1000000)) {
		out->discount_ppm = 0;
		api_field(fields, arena_printf(c->a, "%s.discount", at),
		    "a percentage from 0 to 100");
	}
}

int
docform_digits(ctx *c, const char *currency, const char *party)
{
	const char *p[2] = { currency ? currency : "", party ? party : "" };
	static const char *const keys[] = { "#d", NULL };
	cJSON *r = query_rows(c, "SELECT minor_units FROM currencies WHERE code "
	    "= coalesce(nullif($1, ''), (SELECT currency FROM parties WHERE "
	    "id::text = $2 OR code = $2 LIMIT 1), (SELECT base_currency FROM "
	    "tenants WHERE id = bursar_tenant()))", 2, p, keys);
	int d = r && cJSON_GetArraySize(r) ? (int)query_i64(r->child, "d") :
	    2;
	cJSON_Delete(r);
	return d;
}

void
docform_acted(ctx *c, const docform_doc *k, const char *id, int status)
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
docform_action_refused(ctx *c, const docform_doc *k, const char *id,
    db_res *err, const char *field)
{
	int st = reply_status(err);
	if (c->api || st == 0 || st == 404) {
		k->failed(c, err, field);
		return;
	}
	buf said = BUF_INIT(4096);
	words_text(&said, err->error);	/* "line 3", not "lines[2]" */
	const char *why = arena_strdup(c->a, buf_str(&said));
	buf_free(&said);
	db_res_clear(err);
	reply_undo(c);
	c->failed = 1;
	cJSON *o = k->read(c, id);
	if (o == NULL)
		return;
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, k->name, o);
	cJSON_AddStringToObject(d, "error", why);
	app_render(c, st, k->show, k->title, d);
}

const char *const docform_party_keys[] = { "id", "code", "name",
    "currency", NULL };
const char *const docform_code_keys[] = { "code", "name", NULL };
const char *const docform_sku_keys[] = { "sku", "name", NULL };
const char *const docform_currency_keys[] = { "code", NULL };

int
docform_lookups(ctx *c, cJSON *d, const docform_lookup *l)
{
	for (; l->name; l++) {
		cJSON *rows = query_rows(c, l->sql, 0, NULL, l->keys);
		if (rows == NULL)
			return -1;
		cJSON_AddItemToObject(d, l->name, rows);
	}
	return 0;
}
