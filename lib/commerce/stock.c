/* stock.c: levels, movements, reservations and the moving-average
 * valuation.  Every call runs in the caller's transaction; the database's
 * checks on stock_levels are the last word, the reads here only make a
 * refusal say something a person understands. */
#include "commerce/stock.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "web/api.h"
#include "books/ledger.h"
#include "base/money.h"
#include "db/outbox.h"

/* ---- small things ---- */

static int
run0(db *d, const char *sql, int n, const char *const *p, db_res *err)
{
	db_res r;
	if (db_run(d, &r, sql, n, p, err) < 0)
		return -1;
	db_res_clear(&r);
	return 0;
}

static void
i64s(char out[24], int64_t v)
{
	snprintf(out, 24, "%" PRId64, v);
}

static cJSON *
jint(int64_t v)
{
	return api_int(v);
}

/* emit_for: the event of tenant (NULL: the transaction's, asked) in the
 * caller's transaction; takes payload */
static int
emit_for(db *d, const char *tenant, const char *type, cJSON *payload,
    db_res *err)
{
	if (tenant)
		return outbox_record(d, tenant, type, payload, err);
	db_res r;
	char asked[STOCK_ID_LEN] = "";
	if (db_run(d, &r, "SELECT bursar_tenant()::text", 0, NULL, err) < 0) {
		cJSON_Delete(payload);
		return -1;
	}
	if (r.rows == 1 && db_text(&r, 0, 0))
		snprintf(asked, sizeof(asked), "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	return outbox_record(d, asked, type, payload, err);
}

/* emit: the event in the caller's transaction; takes payload */
static int
emit(db *d, const char *type, cJSON *payload, db_res *err)
{
	return emit_for(d, NULL, type, payload, err);
}

static void
add_opt(cJSON *o, const char *key, const char *v)
{
	if (v && *v)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

/* ---- products and locations ---- */

typedef struct product_facts {
	int tracked;
	int64_t reorder_level;
	char sku[48];
} product_facts;

static int
product_facts_of(db *d, const char *product_id, product_facts *f,
    db_res *err)
{
	if (product_id == NULL || !api_uuid_ok(product_id))
		return db_refuse(err, "P0002", "no such product");
	db_res r;
	const char *p[1] = { product_id };
	if (db_run(d, &r, "SELECT tracked, reorder_level, sku FROM products "
	    "WHERE id = $1::uuid", 1, p, err) < 0)
		return -1;
	if (r.rows != 1) {
		db_res_clear(&r);
		return db_refuse(err, "P0002", "no such product");
	}
	db_bool(&r, 0, 0, &f->tracked);
	db_i64(&r, 0, 1, &f->reorder_level);
	snprintf(f->sku, sizeof(f->sku), "%s", db_text(&r, 0, 2));
	db_res_clear(&r);
	return 0;
}

int
stock_product(db *d, const char *sku_or_id, char id[STOCK_ID_LEN],
    int *tracked, db_res *err)
{
	if (sku_or_id == NULL || *sku_or_id == '\0' || strlen(sku_or_id) > 40)
		return db_refuse(err, "P0002", "no such product");
	db_res r;
	const char *p[1] = { sku_or_id };
	if (db_run(d, &r, api_uuid_ok(sku_or_id) ? "SELECT id, tracked FROM "
	    "products WHERE id = $1::uuid" : "SELECT id, tracked FROM products "
	    "WHERE sku = $1", 1, p, err) < 0)
		return -1;
	if (r.rows != 1) {
		db_res_clear(&r);
		return db_refuse(err, "P0002", "no such product");
	}
	snprintf(id, STOCK_ID_LEN, "%s", db_text(&r, 0, 0));
	db_bool(&r, 0, 1, tracked);
	db_res_clear(&r);
	return 0;
}

int
stock_location(db *d, const char *code_or_id, char id[STOCK_ID_LEN],
    db_res *err)
{
	db_res r;
	int rc;
	if (code_or_id == NULL || *code_or_id == '\0') {
		rc = db_run(d, &r, "SELECT id FROM locations WHERE NOT archived "
		    "ORDER BY code LIMIT 1", 0, NULL, err);
	} else if (api_uuid_ok(code_or_id)) {
		const char *p[1] = { code_or_id };
		rc = db_run(d, &r, "SELECT id FROM locations WHERE id = $1::uuid "
		    "AND NOT archived", 1, p, err);
	} else {
		const char *p[1] = { code_or_id };
		rc = db_run(d, &r, "SELECT id FROM locations WHERE code = $1 AND "
		    "NOT archived", 1, p, err);
	}
	if (rc < 0)
		return -1;
	if (r.rows != 1) {
		db_res_clear(&r);
		return db_refuse(err, "P0002", "no such location");
	}
	snprintf(id, STOCK_ID_LEN, "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	return 0;
}

/* available_of: on hand less reserved over every location */
static int
available_of(db *d, const char *product_id, int64_t *avail, db_res *err)
{
	db_res r;
	const char *p[1] = { product_id };
	if (db_run(d, &r, "SELECT coalesce(sum(on_hand - reserved), 0) FROM "
	    "stock_levels WHERE product_id = $1::uuid", 1, p, err) < 0)
		return -1;
	*avail = 0;
	db_i64(&r, 0, 0, avail);
	db_res_clear(&r);
	return 0;
}

/* low_check: stock.low when the product's available over all locations
 * has just fallen below its reorder level (it was taken down by
 * taken units); the event is tenant's (NULL: asked) */
static int
low_check_for(db *d, const char *tenant, const char *product_id,
    const product_facts *f, int64_t taken, db_res *err)
{
	if (f->reorder_level <= 0 || taken <= 0)
		return 0;
	int64_t avail;
	if (available_of(d, product_id, &avail, err) < 0)
		return -1;
	if (avail >= f->reorder_level || avail + taken < f->reorder_level)
		return 0;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "product_id", product_id);
	cJSON_AddStringToObject(o, "sku", f->sku);
	cJSON_AddItemToObject(o, "available", jint(avail));
	cJSON_AddItemToObject(o, "reorder_level", jint(f->reorder_level));
	return emit_for(d, tenant, "stock.low", o, err);
}

static int
low_check(db *d, const char *product_id, const product_facts *f,
    int64_t taken, db_res *err)
{
	return low_check_for(d, NULL, product_id, f, taken, err);
}

/* ---- valuation ---- */

/* valued: the units of the product valued and their value (0 and 0 when
 * none yet), locked until the transaction ends */
static int
valued(db *d, const char *product_id, int64_t *q, int64_t *v, db_res *err)
{
	db_res r;
	const char *p[1] = { product_id };
	if (db_run(d, &r, "SELECT qty, value FROM stock_valuation WHERE "
	    "product_id = $1::uuid FOR UPDATE", 1, p, err) < 0)
		return -1;
	*q = *v = 0;
	if (r.rows == 1) {
		db_i64(&r, 0, 0, q);
		db_i64(&r, 0, 1, v);
	}
	db_res_clear(&r);
	return 0;
}

/* value_out: takes n units out of the product's valuation at moving
 * average cost; their cost into *cost */
static int
value_out(db *d, const char *product_id, int64_t n, int64_t *cost,
    db_res *err)
{
	int64_t q, v;
	if (valued(d, product_id, &q, &v, err) < 0)
		return -1;
	if (q < n)
		return db_refuse(err, "23514", "only %" PRId64 " units are "
		    "valued in stock", q);
	if (money_mul_div(v, n, q, cost) < 0)
		return db_refuse(err, "22003", "the stock's value is out of "
		    "range");
	char ns[24], cs[24];
	i64s(ns, n);
	i64s(cs, *cost);
	const char *u[3] = { product_id, ns, cs };
	return run0(d, "UPDATE stock_valuation SET qty = qty - $2::bigint, "
	    "value = value - $3::bigint WHERE product_id = $1::uuid", 3, u, err);
}

/* value_in: adds n units worth value to the product's valuation */
static int
value_in(db *d, const char *product_id, int64_t n, int64_t value,
    db_res *err)
{
	char ns[24], vs[24];
	i64s(ns, n);
	i64s(vs, value);
	const char *p[3] = { product_id, ns, vs };
	return run0(d, "INSERT INTO stock_valuation AS v (tenant_id, "
	    "product_id, qty, value) VALUES (bursar_tenant(), $1::uuid, "
	    "$2::bigint, $3::bigint) ON CONFLICT (tenant_id, product_id) DO "
	    "UPDATE SET qty = v.qty + $2::bigint, value = v.value + $3::bigint",
	    3, p, err);
}

/* average_value: what n units are worth at the current average (0 when
 * nothing is valued yet) */
static int
average_value(db *d, const char *product_id, int64_t n, int64_t *value,
    db_res *err)
{
	int64_t q, v;
	if (valued(d, product_id, &q, &v, err) < 0)
		return -1;
	*value = 0;
	if (q > 0 && money_mul_div(v, n, q, value) < 0)
		return db_refuse(err, "22003", "the stock's value is out of "
		    "range");
	return 0;
}

/* movement: one append-only movement row (the trigger moves on hand) */
static int
movement(db *d, const char *user_id, const char *product_id,
    const char *location_id, const char *kind, int64_t qty, int64_t value,
    const char *source_type, const char *source_id, const char *memo,
    char id[STOCK_ID_LEN], db_res *err)
{
	char qs[24], vs[24];
	i64s(qs, qty);
	i64s(vs, value);
	const char *p[9] = { product_id, location_id, kind, qs, vs,
	    source_type, source_id, memo ? memo : "", user_id };
	db_res r;
	if (db_run(d, &r, "INSERT INTO stock_movements (tenant_id, product_id, "
	    "location_id, kind, qty, value, source_type, source_id, memo, "
	    "created_by) VALUES (bursar_tenant(), $1::uuid, $2::uuid, $3, "
	    "$4::bigint, $5::bigint, $6, $7::uuid, $8, $9::uuid) RETURNING id",
	    9, p, err) < 0)
		return -1;
	if (id)
		snprintf(id, STOCK_ID_LEN, "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	return 0;
}

/* level_free: on hand less reserved at one location, the row locked */
static int
level_free(db *d, const char *product_id, const char *location_id,
    int64_t *free_units, db_res *err)
{
	db_res r;
	const char *p[2] = { product_id, location_id };
	if (db_run(d, &r, "SELECT on_hand - reserved FROM stock_levels WHERE "
	    "product_id = $1::uuid AND location_id = $2::uuid FOR UPDATE", 2, p,
	    err) < 0)
		return -1;
	*free_units = 0;
	if (r.rows == 1)
		db_i64(&r, 0, 0, free_units);
	db_res_clear(&r);
	return 0;
}

/* post_two: one debit and one credit of amount in the base currency, on
 * date (NULL or "": today) */
static int
post_two(db *d, const char *user_id, const char *date, const char *memo,
    const char *source_type, const char *source_id, const char *debit,
    const char *credit, int64_t amount, char entry[LEDGER_ID_LEN],
    db_res *err)
{
	char today[16];
	if (date == NULL || *date == '\0') {
		db_res r;
		if (db_run(d, &r, "SELECT current_date::text", 0, NULL, err) < 0)
			return -1;
		snprintf(today, sizeof(today), "%s", db_text(&r, 0, 0));
		db_res_clear(&r);
		date = today;
	}
	ledger_line l[2] = {
		{ debit, amount, 0, NULL, NULL, NULL },
		{ credit, 0, amount, NULL, NULL, NULL },
	};
	ledger_entry e = { date, memo, source_type, source_id, NULL, NULL, l,
	    2 };
	return ledger_post(d, user_id, &e, entry, err);
}

/* ---- reservations ---- */

/* hold: qty units of a tracked product (f) held at loc, a location
 * checked open, with the stock.reserved event of tenant (NULL: asked):
 * stock_reserve's work once product and location are known */
static int
hold(db *d, const char *user_id, const char *product_id,
    const product_facts *f, const char *loc, const char *tenant,
    int64_t qty, const char *order_id, int line_no, const char *reference,
    char id[STOCK_ID_LEN], int64_t *available, db_res *err)
{
	char qs[24], ln[24];
	i64s(qs, qty);
	snprintf(ln, sizeof(ln), "%d", line_no);
	const char *p[7] = { product_id, loc, qs, order_id,
	    order_id ? ln : NULL, reference ? reference : "", user_id };
	db_res r;
	/* the one conditional statement: the level row is updated only when
	 * enough is free, and the reservation exists only if it was */
	if (db_run(d, &r, "WITH l AS (UPDATE stock_levels SET reserved = "
	    "reserved + $3::bigint WHERE product_id = $1::uuid AND location_id = "
	    "$2::uuid AND on_hand - reserved >= $3::bigint RETURNING on_hand - "
	    "reserved AS available) INSERT INTO stock_reservations (tenant_id, "
	    "product_id, location_id, qty, order_id, line_no, reference, "
	    "created_by) SELECT bursar_tenant(), $1::uuid, $2::uuid, $3::bigint, "
	    "$4::uuid, $5::int, $6, $7::uuid FROM l RETURNING id, (SELECT "
	    "available FROM l)", 7, p, err) < 0)
		return -1;
	if (r.rows == 0) {
		db_res_clear(&r);
		const char *q[2] = { product_id, loc };
		if (db_run(d, &r, "SELECT on_hand - reserved FROM stock_levels "
		    "WHERE product_id = $1::uuid AND location_id = $2::uuid", 2,
		    q, err) < 0)
			return -1;
		*available = 0;
		if (r.rows == 1)
			db_i64(&r, 0, 0, available);
		db_res_clear(&r);
		return STOCK_SHORT;
	}
	snprintf(id, STOCK_ID_LEN, "%s", db_text(&r, 0, 0));
	db_i64(&r, 0, 1, available);
	db_res_clear(&r);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "product_id", product_id);
	cJSON_AddStringToObject(o, "sku", f->sku);
	cJSON_AddStringToObject(o, "location_id", loc);
	cJSON_AddItemToObject(o, "quantity", jint(qty));
	add_opt(o, "order_id", order_id);
	cJSON_AddStringToObject(o, "reference", reference ? reference : "");
	cJSON_AddItemToObject(o, "available", jint(*available));
	if (emit_for(d, tenant, "stock.reserved", o, err) < 0 ||
	    low_check_for(d, tenant, product_id, f, qty, err) < 0)
		return -1;
	return STOCK_RESERVED;
}

int
stock_reserve(db *d, const char *user_id, const char *product_id,
    const char *location_id, int64_t qty, const char *order_id, int line_no,
    const char *reference, char id[STOCK_ID_LEN], int64_t *available,
    db_res *err)
{
	id[0] = '\0';
	if (qty <= 0)
		return db_refuse(err, "22023", "the quantity must be a positive "
		    "whole number");
	product_facts f;
	if (product_facts_of(d, product_id, &f, err) < 0)
		return -1;
	if (!f.tracked)
		return STOCK_RESERVED;	/* a service: nothing to hold */
	char loc[STOCK_ID_LEN];
	if (stock_location(d, location_id, loc, err) < 0)
		return -1;
	return hold(d, user_id, product_id, &f, loc, NULL, qty, order_id,
	    line_no, reference, id, available, err);
}

int
stock_reserve_known(db *d, const char *user_id, const stock_known *k,
    int64_t qty, const char *order_id, int line_no, char id[STOCK_ID_LEN],
    int64_t *available, db_res *err)
{
	id[0] = '\0';
	if (qty <= 0)
		return db_refuse(err, "22023", "the quantity must be a positive "
		    "whole number");
	product_facts f = { .tracked = 1, .reorder_level = k->reorder_level };
	snprintf(f.sku, sizeof(f.sku), "%s", k->sku);
	return hold(d, user_id, k->product_id, &f, k->location_id, k->tenant,
	    qty, order_id, line_no, NULL, id, available, err);
}

int
stock_release(db *d, const char *user_id, const char *reservation_id,
    const char *order_id, db_res *err)
{
	(void)user_id;
	if (reservation_id && !api_uuid_ok(reservation_id))
		return db_refuse(err, "P0002", "no such reservation");
	if (reservation_id == NULL && (order_id == NULL ||
	    !api_uuid_ok(order_id)))
		return db_refuse(err, "P0002", "no such order");
	const char *p[2] = { reservation_id, reservation_id ? NULL : order_id };
	db_res r;
	/* the reservations end and their levels give the units back, in one
	 * statement (several reservations of one level are summed) */
	if (db_run(d, &r, "WITH r AS (UPDATE stock_reservations SET status = "
	    "'released', ended_at = now() WHERE status = 'held' AND ((id = "
	    "$1::uuid AND order_id IS NULL) OR order_id = $2::uuid) RETURNING "
	    "id, product_id, "
	    "location_id, qty, order_id), l AS (UPDATE stock_levels s SET "
	    "reserved = s.reserved - x.q FROM (SELECT product_id, location_id, "
	    "sum(qty) AS q FROM r GROUP BY 1, 2) x WHERE s.product_id = "
	    "x.product_id AND s.location_id = x.location_id RETURNING 1) SELECT "
	    "r.id, r.product_id, r.location_id, r.qty, r.order_id, p.sku, (SELECT "
	    "count(*) FROM l) FROM r JOIN products p ON p.id = r.product_id "
	    "ORDER BY r.id", 2, p, err) < 0)
		return -1;
	if (r.rows == 0 && reservation_id) {
		db_res_clear(&r);
		const char *q[1] = { reservation_id };
		if (db_run(d, &r, "SELECT r.status, o.number FROM "
		    "stock_reservations r LEFT JOIN orders o ON o.tenant_id = "
		    "r.tenant_id AND o.id = r.order_id WHERE r.id = $1::uuid", 1, q,
		    err) < 0)
			return -1;
		int found = r.rows == 1;
		char status[16] = "", order[64] = "";
		if (found) {
			snprintf(status, sizeof(status), "%s", db_text(&r, 0, 0));
			if (!db_isnull(&r, 0, 1))
				snprintf(order, sizeof(order), "%s", db_text(&r, 0, 1));
		}
		db_res_clear(&r);
		if (!found)
			return db_refuse(err, "P0002", "no such reservation");
		/* an order holds all its lines or none, and ships what it holds:
		 * its reservations end with it */
		if (strcmp(status, "held") == 0 && *order)
			return db_refuse(err, "23514", "the reservation holds a line "
			    "of order %s: cancel the order to release it", order);
		return db_refuse(err, "23514", "the reservation is already %s",
		    status);
	}
	for (int i = 0; i < r.rows; i++) {
		int64_t q = 0;
		db_i64(&r, i, 3, &q);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", db_text(&r, i, 0));
		cJSON_AddStringToObject(o, "product_id", db_text(&r, i, 1));
		cJSON_AddStringToObject(o, "sku", db_text(&r, i, 5));
		cJSON_AddStringToObject(o, "location_id", db_text(&r, i, 2));
		cJSON_AddItemToObject(o, "quantity", jint(q));
		add_opt(o, "order_id", db_text(&r, i, 4));
		if (emit(d, "stock.released", o, err) < 0) {
			db_res_clear(&r);
			return -1;
		}
	}
	db_res_clear(&r);
	return 0;
}

/* ---- shipping ---- */

int
stock_ship_order(db *d, const char *user_id, const char *order_id,
    const char *date, int64_t *cogs, db_res *err)
{
	*cogs = 0;
	if (order_id == NULL || !api_uuid_ok(order_id))
		return db_refuse(err, "P0002", "no such order");
	db_res r;
	const char *p[1] = { order_id };
	if (db_run(d, &r, "UPDATE stock_reservations SET status = 'shipped', "
	    "ended_at = now() WHERE order_id = $1::uuid AND status = 'held' "
	    "RETURNING id, product_id, location_id, qty", 1, p, err) < 0)
		return -1;
	cJSON *items = cJSON_CreateArray();
	int rc = 0;
	for (int i = 0; rc == 0 && i < r.rows; i++) {
		const char *rid = db_text(&r, i, 0);
		const char *prod = db_text(&r, i, 1);
		const char *loc = db_text(&r, i, 2);
		int64_t q = 0, cost = 0;
		db_i64(&r, i, 3, &q);
		char qs[24];
		i64s(qs, q);
		const char *u[3] = { prod, loc, qs };
		product_facts f;
		/* reserved first, so on hand never dips under it */
		rc = run0(d, "UPDATE stock_levels SET reserved = reserved - "
		    "$3::bigint WHERE product_id = $1::uuid AND location_id = "
		    "$2::uuid", 3, u, err);
		if (rc == 0)
			rc = value_out(d, prod, q, &cost, err);
		if (rc == 0)
			rc = movement(d, user_id, prod, loc, "shipment", -q, -cost,
			    "order", order_id, "", NULL, err);
		if (rc == 0)
			rc = product_facts_of(d, prod, &f, err);
		if (rc == 0)
			rc = low_check(d, prod, &f, q, err);
		if (rc < 0)
			break;
		*cogs += cost;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "reservation_id", rid);
		cJSON_AddStringToObject(o, "product_id", prod);
		cJSON_AddStringToObject(o, "sku", f.sku);
		cJSON_AddStringToObject(o, "location_id", loc);
		cJSON_AddItemToObject(o, "quantity", jint(q));
		cJSON_AddItemToObject(o, "cost", jint(cost));
		cJSON_AddItemToArray(items, o);
	}
	int shipped = r.rows;
	db_res_clear(&r);
	if (rc < 0) {
		cJSON_Delete(items);
		return -1;
	}
	if (shipped == 0) {
		cJSON_Delete(items);
		return 0;
	}
	char entry[LEDGER_ID_LEN] = "";
	if (*cogs > 0 && post_two(d, user_id, date, "Cost of goods shipped",
	    "order", order_id, "@cogs", "@inventory", *cogs, entry, err) < 0) {
		cJSON_Delete(items);
		return -1;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "order_id", order_id);
	cJSON_AddItemToObject(o, "cogs", jint(*cogs));
	add_opt(o, "entry_id", entry);
	cJSON_AddItemToObject(o, "items", items);
	return emit(d, "stock.shipped", o, err);
}

/* ---- receipts, adjustments, transfers ---- */

static int
receive(db *d, const char *user_id, const char *product_id,
    const char *location_id, int64_t qty, int64_t value,
    const char *source_type, const char *source_id, const char *memo,
    char movement_id[STOCK_ID_LEN], db_res *err)
{
	if (qty <= 0)
		return db_refuse(err, "22023", "the quantity must be a positive "
		    "whole number");
	if (value < 0)
		return db_refuse(err, "22023", "the cost cannot be negative");
	product_facts f;
	if (product_facts_of(d, product_id, &f, err) < 0)
		return -1;
	if (!f.tracked)
		return db_refuse(err, "22023", "%s is a service: it has no "
		    "stock", f.sku);
	char loc[STOCK_ID_LEN];
	if (stock_location(d, location_id, loc, err) < 0)
		return -1;
	if (movement(d, user_id, product_id, loc, "receipt", qty, value,
	    source_type, source_id, memo, movement_id, err) < 0 ||
	    value_in(d, product_id, qty, value, err) < 0)
		return -1;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "movement_id", movement_id);
	cJSON_AddStringToObject(o, "product_id", product_id);
	cJSON_AddStringToObject(o, "sku", f.sku);
	cJSON_AddStringToObject(o, "location_id", loc);
	cJSON_AddItemToObject(o, "quantity", jint(qty));
	cJSON_AddItemToObject(o, "value", jint(value));
	add_opt(o, "source_type", source_type);
	add_opt(o, "source_id", source_id);
	return emit(d, "stock.received", o, err);
}

int
stock_receive(db *d, const char *user_id, const char *product_id,
    const char *location_id, int64_t qty, int64_t value,
    const char *source_type, const char *source_id, const char *memo,
    db_res *err)
{
	char mid[STOCK_ID_LEN];
	return receive(d, user_id, product_id, location_id, qty, value,
	    source_type, source_id, memo, mid, err);
}

int
stock_receive_manual(db *d, const char *user_id, const char *product_id,
    const char *location_id, int64_t qty, int64_t value, const char *account,
    const char *date, const char *memo, char movement_id[STOCK_ID_LEN],
    db_res *err)
{
	if (receive(d, user_id, product_id, location_id, qty, value, "manual",
	    NULL, memo, movement_id, err) < 0)
		return -1;
	if (value == 0)
		return 0;
	char entry[LEDGER_ID_LEN];
	return post_two(d, user_id, date, memo && *memo ? memo :
	    "Stock received", "stock", movement_id, "@inventory",
	    account && *account ? account : "@capital", value, entry, err);
}

int
stock_adjust(db *d, const char *user_id, const char *product_id,
    const char *location_id, int64_t delta, const char *date,
    const char *memo, char movement_id[STOCK_ID_LEN], int64_t *value,
    db_res *err)
{
	*value = 0;
	if (delta == 0)
		return db_refuse(err, "22023", "the change must be a whole "
		    "number other than 0");
	product_facts f;
	if (product_facts_of(d, product_id, &f, err) < 0)
		return -1;
	if (!f.tracked)
		return db_refuse(err, "22023", "%s is a service: it has no "
		    "stock", f.sku);
	char loc[STOCK_ID_LEN];
	if (stock_location(d, location_id, loc, err) < 0)
		return -1;
	int64_t n = delta < 0 ? -delta : delta;
	if (delta < 0) {
		int64_t free_units;
		if (level_free(d, product_id, loc, &free_units, err) < 0)
			return -1;
		if (free_units < n)
			return db_refuse(err, "23514", "only %" PRId64 " units "
			    "are available there to take out", free_units);
		if (value_out(d, product_id, n, value, err) < 0)
			return -1;
	} else {
		if (average_value(d, product_id, n, value, err) < 0 ||
		    value_in(d, product_id, n, *value, err) < 0)
			return -1;
	}
	int64_t signed_value = delta < 0 ? -*value : *value;
	if (movement(d, user_id, product_id, loc, "adjustment", delta,
	    signed_value, "manual", NULL, memo, movement_id, err) < 0)
		return -1;
	char entry[LEDGER_ID_LEN] = "";
	if (*value > 0 && post_two(d, user_id, date, memo && *memo ? memo :
	    "Stock count adjustment", "stock", movement_id, delta < 0 ?
	    "@expense" : "@inventory", delta < 0 ? "@inventory" : "@expense",
	    *value, entry, err) < 0)
		return -1;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "movement_id", movement_id);
	cJSON_AddStringToObject(o, "product_id", product_id);
	cJSON_AddStringToObject(o, "sku", f.sku);
	cJSON_AddStringToObject(o, "location_id", loc);
	cJSON_AddItemToObject(o, "quantity", jint(delta));
	cJSON_AddItemToObject(o, "value", jint(signed_value));
	add_opt(o, "entry_id", entry);
	if (emit(d, "stock.adjusted", o, err) < 0)
		return -1;
	return delta < 0 ? low_check(d, product_id, &f, n, err) : 0;
}

int
stock_transfer(db *d, const char *user_id, const char *product_id,
    const char *from, const char *to, int64_t qty, const char *memo,
    char transfer_id[STOCK_ID_LEN], db_res *err)
{
	if (qty <= 0)
		return db_refuse(err, "22023", "the quantity must be a positive "
		    "whole number");
	product_facts f;
	if (product_facts_of(d, product_id, &f, err) < 0)
		return -1;
	if (!f.tracked)
		return db_refuse(err, "22023", "%s is a service: it has no "
		    "stock", f.sku);
	char src[STOCK_ID_LEN], dst[STOCK_ID_LEN];
	if (stock_location(d, from, src, err) < 0 ||
	    stock_location(d, to, dst, err) < 0)
		return -1;
	if (strcmp(src, dst) == 0)
		return db_refuse(err, "22023", "the two locations are the same");
	int64_t free_units;
	if (level_free(d, product_id, src, &free_units, err) < 0)
		return -1;
	if (free_units < qty)
		return db_refuse(err, "23514", "only %" PRId64 " units are "
		    "available to move from there", free_units);
	/* the out movement's id names the transfer; the in movement points
	 * at it */
	char in_id[STOCK_ID_LEN];
	if (movement(d, user_id, product_id, src, "transfer_out", -qty, 0,
	    "transfer", NULL, memo, transfer_id, err) < 0 ||
	    movement(d, user_id, product_id, dst, "transfer_in", qty, 0,
	    "transfer", transfer_id, memo, in_id, err) < 0)
		return -1;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", transfer_id);
	cJSON_AddStringToObject(o, "product_id", product_id);
	cJSON_AddStringToObject(o, "sku", f.sku);
	cJSON_AddStringToObject(o, "from_location_id", src);
	cJSON_AddStringToObject(o, "to_location_id", dst);
	cJSON_AddItemToObject(o, "quantity", jint(qty));
	return emit(d, "stock.transferred", o, err);
}
