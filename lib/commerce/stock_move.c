/* stock_move.c: a stock movement as typed, checked and made (see
 * stock_move.h). */
#include "commerce/stock_move.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"
#include "db/outbox.h"
#include "web/numbers.h"
#include "web/api.h"
#include "web/app.h"
#include "web/field.h"
#include "web/query.h"

static const char *
opt(const char *s)
{
	return s && *s ? s : NULL;
}

int
stock_whole(const char *s, int64_t *out)
{
	if (s == NULL || !api_matches("^[+-]?[0-9]{1,15}$", s))
		return -1;
	*out = strtoll(s, NULL, 10);
	return 0;
}

int
stock_base_currency(struct ctx *c, char cur[4], int *digits)
{
	static const char *const keys[] = { "code", "#digits", NULL };
	cJSON *rows = query_rows(c, "SELECT t.base_currency, cu.minor_units "
	    "FROM tenants t JOIN currencies cu ON cu.code = t.base_currency "
	    "WHERE t.id = bursar_tenant()", 0, NULL, keys);
	if (rows == NULL)
		return -1;
	const cJSON *o = cJSON_GetArrayItem(rows, 0);
	const cJSON *code = cJSON_GetObjectItem(o, "code");
	const cJSON *dg = cJSON_GetObjectItem(o, "digits");
	snprintf(cur, 4, "%s", cJSON_IsString(code) ? code->valuestring : "");
	*digits = dg && dg->valuestring ? atoi(dg->valuestring) : 2;
	cJSON_Delete(rows);
	return 0;
}

/* place: a location field as an id; -1 with why in fields, -2 with the
 * response set */
static int
place(struct ctx *c, const char *name, const char *value, int required,
    char id[STOCK_ID_LEN], cJSON *fields)
{
	db_res err;
	if (required && opt(value) == NULL) {
		api_field(fields, name, "a location is needed");
		return -1;
	}
	if (stock_location(c->db, opt(value), id, &err) == 0)
		return 0;
	int rc = strcmp(err.sqlstate, "P0002") == 0 ? -1 : -2;
	if (rc == -1)
		api_field(fields, name, "no such location");
	else
		app_db_error(c, &err);
	db_res_clear(&err);
	return rc;
}

/* common: the product, and the quantity (signed when signed_ok), the
 * memo and the date */
static int
common(struct ctx *c, const stock_move_in *in, stock_move *m, int signed_ok,
    cJSON *fields)
{
	int tracked = 1;
	db_res err;
	if (opt(in->sku) == NULL) {
		api_field(fields, "sku", "a SKU is needed");
	} else if (stock_product(c->db, in->sku, m->product, &tracked,
	    &err) < 0) {
		if (strcmp(err.sqlstate, "P0002") != 0) {
			app_db_error(c, &err);
			db_res_clear(&err);
			return -1;
		}
		api_field(fields, "sku", "no such product");
		db_res_clear(&err);
	} else if (!tracked) {
		api_field(fields, "sku", "a service has no stock");
	}
	if (stock_whole(in->quantity, &m->qty) < 0 || m->qty == 0 ||
	    (!signed_ok && m->qty < 0))
		api_field(fields, "quantity", signed_ok ? "the change must be a "
		    "whole number other than 0 (negative to take out)" : "the "
		    "quantity must be a positive whole number");
	if (in->memo && strlen(in->memo) > 500)
		api_field(fields, "memo", "at most 500 characters");
	m->memo = opt(in->memo);
	m->date = opt(in->date);
	if (m->date && !field_date_ok(m->date))
		api_field(fields, "date", "a date written YYYY-MM-DD");
	return 0;
}

/* cost: a receipt's cost: minor units as a JSON integer, or a decimal as
 * typed in the base currency; and the account it is owed to */
static int
cost(struct ctx *c, const stock_move_in *in, stock_move *m, cJSON *fields)
{
	char cur[4];
	int digits;
	const cJSON *jc = in->cost_json;
	m->cost = 0;
	if (jc && cJSON_IsNumber(jc)) {
		if (api_get_int(jc, &m->cost) < 0 || m->cost < 0)
			api_field(fields, "cost", "the total cost in minor units of "
			    "the base currency, 0 or more");
	} else if (opt(in->cost) == NULL) {
		m->cost = 0;
	} else if (stock_base_currency(c, cur, &digits) < 0) {
		return -1;
	} else if (numbers_parse(c, in->cost, digits, &m->cost) < 0 ||
	    m->cost < 0) {
		api_field(fields, "cost", arena_printf(c->a, "the total cost in "
		    "%s, %s", cur, numbers_hint(c, digits)));
	}
	m->account = opt(in->account);
	if (m->account && strlen(m->account) > 41)
		api_field(fields, "account", "an account's code or @role");
	return 0;
}

int
stock_move_check(struct ctx *c, enum stock_move_kind k,
    const stock_move_in *in, stock_move *m, cJSON *fields)
{
	memset(m, 0, sizeof(*m));
	if (common(c, in, m, k == STOCK_MOVE_ADJUSTMENT, fields) < 0)
		return -1;
	if (k != STOCK_MOVE_TRANSFER) {
		if (place(c, "location", in->location, 0, m->location,
		    fields) == -2)
			return -1;
		return k == STOCK_MOVE_RECEIPT ? cost(c, in, m, fields) : 0;
	}
	if (place(c, "from", in->from, 1, m->location, fields) == -2 ||
	    place(c, "to", in->to, 1, m->to, fields) == -2)
		return -1;
	if (cJSON_GetObjectItem(fields, "from") == NULL &&
	    cJSON_GetObjectItem(fields, "to") == NULL &&
	    strcmp(m->location, m->to) == 0)
		api_field(fields, "to", "the two locations are the same");
	return 0;
}

int
stock_move_make(db *d, const char *user_id, enum stock_move_kind k,
    const stock_move *m, char id[STOCK_ID_LEN], db_res *err)
{
	int64_t value;
	switch (k) {
	case STOCK_MOVE_RECEIPT:
		return stock_receive_manual(d, user_id, m->product,
		    m->location, m->qty, m->cost, m->account, m->date, m->memo,
		    id, err);
	case STOCK_MOVE_ADJUSTMENT:
		return stock_adjust(d, user_id, m->product, m->location, m->qty,
		    m->date, m->memo, id, &value, err);
	case STOCK_MOVE_TRANSFER:
		break;
	}
	return stock_transfer(d, user_id, m->product, m->location, m->to,
	    m->qty, m->memo, id, err);
}

int
stock_move_refusal(enum stock_move_kind k, db_res *err, cJSON *fields,
    int *status, const char **code)
{
	const char *st = err->sqlstate;
	const char *msg = err->error ? err->error : "";
	*status = 422;
	*code = "invalid";
	if (strcmp(st, "23514") == 0 && (strncmp(msg, "only ", 5) == 0 ||
	    strstr(msg, "stock_levels"))) {
		/* short: found by lib/stock, or by the level's own check when
		 * another request took the units in between */
		api_field(fields, "quantity", strncmp(msg, "only ", 5) == 0 ? msg :
		    "not enough stock is free there any more");
		*status = 409;
		*code = "insufficient_stock";
	} else if (strcmp(st, "23503") == 0) {
		api_field(fields, "account", err->error);
	} else if (strcmp(st, "P0002") == 0) {
		api_field(fields, strstr(msg, "location") ? (k ==
		    STOCK_MOVE_TRANSFER ? "from" : "location") : "sku",
		    err->error);
	} else if (strncmp(st, "22", 2) == 0 || strncmp(st, "23", 2) == 0) {
		/* what is left after the checks: the books' refusals (no
		 * open period on that date, ...) */
		api_field(fields, "date", err->error);
	} else {
		return -1;
	}
	db_res_clear(err);
	return 0;
}

cJSON *
stock_move_transfer(struct ctx *c, const char *id)
{
	static const char *const keys[] = { "id", "sku", "from", "to",
	    "#quantity", "memo", "created_at", NULL };
	const char *p[1] = { id };
	cJSON *rows = query_rows(c, "SELECT o.id, p.sku, lo.code, li.code, "
	    "i.qty, o.memo, to_char(o.created_at AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM stock_movements o JOIN "
	    "stock_movements i ON i.tenant_id = o.tenant_id AND i.source_id = "
	    "o.id AND i.kind = 'transfer_in' JOIN products p ON p.tenant_id = "
	    "o.tenant_id AND p.id = o.product_id JOIN locations lo ON "
	    "lo.tenant_id = o.tenant_id AND lo.id = o.location_id JOIN locations "
	    "li ON li.tenant_id = i.tenant_id AND li.id = i.location_id WHERE "
	    "o.id = $1::uuid", 1, p, keys);
	if (rows == NULL)
		return NULL;
	cJSON *o = cJSON_DetachItemFromArray(rows, 0);
	cJSON_Delete(rows);
	return o ? o : cJSON_CreateObject();
}

int
stock_hold_check(struct ctx *c, int tracked, const stock_hold_in *in,
    int64_t *qty, char loc[STOCK_ID_LEN], cJSON *fields)
{
	*qty = 0;
	if (stock_whole(in->quantity, qty) < 0 || *qty <= 0)
		api_field(fields, "quantity", "the quantity must be a positive "
		    "whole number");
	if (in->reference && strlen(in->reference) > 100)
		api_field(fields, "reference", "at most 100 characters");
	if (!tracked)
		api_field(fields, "sku", "a service has no stock to reserve");
	db_res err;
	if (stock_location(c->db, opt(in->location), loc, &err) < 0) {
		if (strcmp(err.sqlstate, "P0002") != 0) {
			app_db_error(c, &err);
			db_res_clear(&err);
			return -1;
		}
		api_field(fields, "location", "no such location");
		db_res_clear(&err);
	}
	return 0;
}

int
stock_hold_short(struct ctx *c, const char *product, const char *sku,
    const char *location, int64_t qty, int64_t available,
    const char *reference)
{
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "product_id", product);
	cJSON_AddStringToObject(ev, "sku", sku);
	cJSON_AddStringToObject(ev, "location_id", location);
	cJSON_AddItemToObject(ev, "quantity", api_int(qty));
	cJSON_AddItemToObject(ev, "available", api_int(available));
	cJSON_AddStringToObject(ev, "reference", reference ? reference : "");
	db_res r;
	int rc = outbox_emit(c->db, &r, c->tenant_id,
	    "stock.reservation_failed", ev);
	cJSON_Delete(ev);
	if (rc < 0)
		app_db_error(c, &r);
	db_res_clear(&r);
	return rc < 0 ? -1 : 0;
}
