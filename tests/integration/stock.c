/* stock.c: levels, movements, reservations, valuation, over HTTP against
 * the real stack: 50 reservations at once against 10 units hold exactly
 * 10; a refusal says why and writes nothing; receipts, adjustments and
 * transfers move exact values and the inventory account agrees with the
 * valuation; shipping an order (through lib/stock, as the orders program
 * calls it) takes cost of goods sold out at the moving average. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "db/db.h"
#include "kit.h"
#include "commerce/stock.h"
#include "suites.h"
#include "web/reply.h"

/* refused: a request that must answer status naming field */
static void
refused(const char *path, const char *token, const char *body, long status,
    const char *field)
{
	cJSON *j = kit_post(path, token, body, status);
	cJSON *e = cJSON_GetObjectItem(j, "error");
	ck_assert_ptr_nonnull(jstr(e, "message"));
	ck_assert_msg(cJSON_HasObjectItem(cJSON_GetObjectItem(e, "fields"),
	    field), "%s %s: no field %s in %s", path, body, field,
	    cJSON_PrintUnformatted(j));
	cJSON_Delete(j);
}

static const char *
path_of(const char *fmt, const char *a)
{
	static __thread char p[8][256];
	static __thread int i;
	i = (i + 1) % 8;
	snprintf(p[i], sizeof(p[i]), fmt, a);
	return p[i];
}

/* countn: a number the owner's connection reads with a and b */
static long long
countn(const char *sql, const char *a, const char *b)
{
	return kit_adm_count(sql, 2, a, b, NULL);
}

/* business: a new business in INR; its owner's token and its id */
static char *
business(char tenant[37])
{
	kit_biz b;
	kit_business(&b, "stk", "INR");
	snprintf(tenant, 37, "%s", b.id);
	return b.token;
}

static long long
events(const char *tenant, const char *type)
{
	return countn("SELECT count(*) FROM outbox_events WHERE tenant_id = "
	    "$1::uuid AND type = $2", tenant, type);
}

/* written: every stock row of the business, to prove a refusal wrote
 * nothing (movements, reservations, the levels' sums, the valuation,
 * journal lines) */
static long long
written(const char *tenant)
{
	return countn("SELECT (SELECT count(*) FROM stock_movements WHERE "
	    "tenant_id = $1::uuid) * 1000000 + (SELECT count(*) FROM "
	    "stock_reservations WHERE tenant_id = $1::uuid) * 10000 + (SELECT "
	    "coalesce(sum(on_hand * 3 + reserved * 7), 0) FROM stock_levels "
	    "WHERE tenant_id = $1::uuid) + (SELECT coalesce(sum(value + qty), 0) "
	    "FROM stock_valuation WHERE tenant_id = $1::uuid) + (SELECT count(*) "
	    "FROM journal_lines WHERE tenant_id = $1::uuid) * 100000000 + "
	    "length($2)", tenant, "");
}

/* level: the row of GET /api/v1/stock for sku at location */
static void
level(const char *token, const char *sku, const char *loc, long long *on,
    long long *res, long long *avail)
{
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/stock?sku=%s&location=%s", sku,
	    loc);
	cJSON *j = get_json(path, token, 200);
	cJSON *items = cJSON_GetObjectItem(j, "items");
	ck_assert_int_eq(cJSON_GetArraySize(items), 1);
	const cJSON *o = items->child;
	*on = kit_num(o, "on_hand");
	*res = kit_num(o, "reserved");
	*avail = kit_num(o, "available");
	ck_assert_int_eq(*avail, *on - *res);
	cJSON_Delete(j);
}

/* valuation: the valuation row of sku (qty, value) and the totals */
static void
valuation(const char *token, const char *sku, long long *qty,
    long long *value, long long *total, long long *inventory)
{
	cJSON *j = get_json(path_of("/api/v1/stock/valuation?q=%s", sku), token,
	    200);
	const cJSON *o;
	*qty = *value = -1;
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(j, "items"))
		if (strcmp(jstr(o, "sku"), sku) == 0) {
			*qty = kit_num(o, "quantity");
			*value = kit_num(o, "value");
		}
	const cJSON *t = cJSON_GetObjectItem(j, "total");
	*total = kit_num(t, "value");
	*inventory = kit_num(t, "inventory_balance");
	ck_assert_str_eq(jstr(t, "currency"), "INR");
	cJSON_Delete(j);
}

/* inventory_balance: the inventory account's balance, read from the
 * books by the admin connection, not through the program */
static long long
inventory_balance(const char *tenant)
{
	return countn("SELECT coalesce(sum(j.debit - j.credit), 0) FROM "
	    "journal_lines j JOIN accounts a ON a.tenant_id = j.tenant_id AND "
	    "a.id = j.account_id WHERE j.tenant_id = $1::uuid AND a.role = $2",
	    tenant, "inventory");
}

static long long
balance_of(const char *tenant, const char *role)
{
	return countn("SELECT coalesce(sum(j.debit - j.credit), 0) FROM "
	    "journal_lines j JOIN accounts a ON a.tenant_id = j.tenant_id AND "
	    "a.id = j.account_id WHERE j.tenant_id = $1::uuid AND a.role = $2",
	    tenant, role);
}

/* ---- 50 reservations at once ---- */

#define RACERS 50

struct racer {
	const char *token;
	pthread_barrier_t *go;
	long status;
	long long available;	/* from a 409 */
	char code[32];
};

static void *
race(void *arg)
{
	struct racer *r = arg;
	pthread_barrier_wait(r->go);
	reply rep;
	if (client_json("POST", "/api/v1/inventory/RACE-1/reserve", r->token,
	    "{\"quantity\":1,\"reference\":\"race\"}", &rep) < 0) {
		r->status = -1;
		return NULL;
	}
	r->status = rep.status;
	r->available = -1;
	cJSON *j = body_json(&rep);
	const cJSON *e = cJSON_GetObjectItem(j, "error");
	if (e) {
		const cJSON *a = cJSON_GetObjectItem(e, "available");
		r->available = cJSON_IsNumber(a) ? (long long)a->valuedouble : -2;
		snprintf(r->code, sizeof(r->code), "%s", jstr(e, "code") ?
		    jstr(e, "code") : "");
	}
	cJSON_Delete(j);
	reply_free(&rep);
	return NULL;
}

START_TEST(fifty_reservations_against_ten)
{
	char tenant[37];
	char *t = business(tenant);
	free(kit_product(t, "RACE-1", 10000, "INR", NULL, 1));
	kit_receive(t, "RACE-1", 10, 60000);
	pthread_t th[RACERS];
	struct racer r[RACERS];
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, RACERS);
	for (int i = 0; i < RACERS; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		r[i].token = t;
		r[i].go = &go;
		pthread_create(&th[i], NULL, race, &r[i]);
	}
	for (int i = 0; i < RACERS; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&go);
	int ok = 0, short_ = 0;
	for (int i = 0; i < RACERS; i++) {
		if (r[i].status == 201) {
			ok++;
		} else {
			ck_assert_msg(r[i].status == 409, "racer %d: %ld", i,
			    r[i].status);
			ck_assert_str_eq(r[i].code, "insufficient_stock");
			/* whoever came after the last unit saw none left */
			ck_assert_int_eq(r[i].available, 0);
			short_++;
		}
	}
	ck_assert_int_eq(ok, 10);
	ck_assert_int_eq(short_, 40);
	long long on, res, avail;
	level(t, "RACE-1", "MAIN", &on, &res, &avail);
	ck_assert_int_eq(on, 10);
	ck_assert_int_eq(res, 10);
	ck_assert_int_eq(avail, 0);
	ck_assert_int_eq(countn("SELECT count(*) FROM stock_reservations WHERE "
	    "tenant_id = $1::uuid AND status = 'held' AND qty = 1 AND reference "
	    "= $2", tenant, "race"), 10);
	ck_assert_int_eq(countn("SELECT count(*) FROM stock_levels WHERE "
	    "tenant_id = $1::uuid AND (on_hand < 0 OR reserved < 0 OR reserved "
	    "> on_hand) AND $2::text IS NULL", tenant, NULL), 0);
	ck_assert_int_eq(events(tenant, "stock.reserved"), 10);
	ck_assert_int_eq(events(tenant, "stock.reservation_failed"), 40);
	/* and one more is still refused with the quantity available */
	cJSON *j = kit_post("/api/v1/inventory/RACE-1/reserve", t,
	    "{\"quantity\":1}", 409);
	ck_assert_int_eq(kit_num(cJSON_GetObjectItem(j, "error"), "available"), 0);
	cJSON_Delete(j);
	free(t);
}
END_TEST

/* ---- reserve: refusals, release, another business, permissions ---- */

START_TEST(reserve_refusals_and_release)
{
	char tenant[37];
	char *t = business(tenant);
	free(kit_product(t, "RES-1", 5000, "INR", NULL, 1));
	free(kit_product(t, "SVC-1", 5000, "INR", NULL, 0));
	kit_receive(t, "RES-1", 10, 25000);
	long long before = written(tenant);
	long long failed = events(tenant, "stock.reservation_failed");
	const char *path = "/api/v1/inventory/RES-1/reserve";
	refused(path, t, "{\"quantity\":0}", 422, "quantity");
	refused(path, t, "{\"quantity\":-1}", 422, "quantity");
	refused(path, t, "{\"quantity\":1.5}", 422, "quantity");
	refused(path, t, "{\"quantity\":\"x\"}", 422, "quantity");
	refused(path, t, "{}", 422, "quantity");
	refused(path, t, "{\"quantity\":1,\"location\":\"NOWHERE\"}", 422,
	    "location");
	refused("/api/v1/inventory/SVC-1/reserve", t, "{\"quantity\":1}", 422,
	    "sku");
	cJSON_Delete(kit_post("/api/v1/inventory/NO-SUCH/reserve", t,
	    "{\"quantity\":1}", 404));
	ck_assert_int_eq(written(tenant), before);
	/* short: 409 with what is available, and nothing held */
	cJSON *j = kit_post(path, t, "{\"quantity\":11}", 409);
	const cJSON *e = cJSON_GetObjectItem(j, "error");
	ck_assert_str_eq(jstr(e, "code"), "insufficient_stock");
	ck_assert_int_eq(kit_num(e, "available"), 10);
	ck_assert_ptr_nonnull(strstr(jstr(e, "message"), "10"));
	ck_assert(cJSON_IsObject(cJSON_GetObjectItem(e, "fields")));
	cJSON_Delete(j);
	ck_assert_int_eq(written(tenant), before);
	ck_assert_int_eq(events(tenant, "stock.reservation_failed"), failed + 1);
	/* a viewer (read-only key) may look but not reserve */
	j = kit_post("/api/v1/api-keys", t, "{\"name\":\"viewer\",\"scopes\":"
	    "\"inventory.read,sales.read\"}", 201);
	char *viewer = strdup(jstr(j, "key"));
	cJSON_Delete(j);
	cJSON_Delete(kit_post(path, viewer, "{\"quantity\":1}", 403));
	cJSON_Delete(get_json("/api/v1/stock", viewer, 200));
	ck_assert_int_eq(written(tenant), before);
	/* another business: the SKU does not exist there */
	char other[37];
	char *b = business(other);
	cJSON_Delete(kit_post(path, b, "{\"quantity\":1}", 404));
	j = get_json("/api/v1/stock", b, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 0);
	cJSON_Delete(j);
	/* reserve 4 with an Idempotency-Key: the repeat holds nothing more */
	char key[96];
	snprintf(key, sizeof(key), "Idempotency-Key: %s", unique("rkey"));
	char auth[2048];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", t);
	const char *h[] = { auth, key, "Content-Type: application/json", NULL };
	const char *body = "{\"quantity\":4,\"reference\":\"PO-7\"}";
	reply r1, r2;
	ck_assert_int_eq(client_do("POST", path, h, body, strlen(body), &r1), 0);
	ck_assert_int_eq(client_do("POST", path, h, body, strlen(body), &r2), 0);
	ck_assert_int_eq(r1.status, 201);
	ck_assert_int_eq(r2.status, 201);
	ck_assert_str_eq(buf_str(&r1.body), buf_str(&r2.body));
	j = body_json(&r1);
	reply_free(&r1);
	reply_free(&r2);
	ck_assert_str_eq(jstr(j, "sku"), "RES-1");
	ck_assert_str_eq(jstr(j, "location"), "MAIN");
	ck_assert_str_eq(jstr(j, "status"), "held");
	ck_assert_str_eq(jstr(j, "reference"), "PO-7");
	ck_assert_int_eq(kit_num(j, "quantity"), 4);
	ck_assert_int_eq(kit_num(j, "available"), 6);
	char *rid = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	long long on, res, avail;
	level(t, "RES-1", "MAIN", &on, &res, &avail);
	ck_assert_int_eq(res, 4);
	ck_assert_int_eq(avail, 6);
	/* the list filters */
	j = get_json("/api/v1/reservations?sku=RES-1&status=held", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	cJSON_Delete(j);
	j = get_json("/api/v1/reservations?status=released", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 0);
	cJSON_Delete(j);
	cJSON_Delete(kit_call("GET", "/api/v1/reservations?status=lost", t, NULL,
	    422));
	cJSON_Delete(kit_call("GET", "/api/v1/reservations?limit=201", t, NULL,
	    400));
	/* another business cannot release it */
	cJSON_Delete(kit_post(path_of("/api/v1/reservations/%s/release", rid), b,
	    NULL, 404));
	/* release gives the units back, once */
	long long released = events(tenant, "stock.released");
	j = kit_post(path_of("/api/v1/reservations/%s/release", rid), t, NULL, 200);
	ck_assert_str_eq(jstr(j, "status"), "released");
	cJSON_Delete(j);
	level(t, "RES-1", "MAIN", &on, &res, &avail);
	ck_assert_int_eq(res, 0);
	ck_assert_int_eq(avail, 10);
	ck_assert_int_eq(events(tenant, "stock.released"), released + 1);
	cJSON_Delete(kit_post(path_of("/api/v1/reservations/%s/release", rid), t,
	    NULL, 409));
	cJSON_Delete(kit_post("/api/v1/reservations/"
	    "00000000-0000-4000-8000-000000000000/release", t, NULL, 404));
	ck_assert_int_eq(events(tenant, "stock.released"), released + 1);
	free(rid);
	free(viewer);
	free(b);
	free(t);
}
END_TEST

/* ---- receipts, valuation, adjustments, transfers ---- */

static cJSON *
move(const char *kind, const char *token, const char *body, long want)
{
	return kit_post(path_of("/api/v1/stock/%s", kind), token, body, want);
}

START_TEST(receipt_valuation_adjust_transfer)
{
	char tenant[37];
	char *t = business(tenant);
	free(kit_product(t, "VAL-1", 15000, "INR", NULL, 1));
	free(kit_product(t, "RND-1", 100, "INR", NULL, 1));
	free(kit_product(t, "SVC-2", 100, "INR", NULL, 0));
	/* opening stock: 10 units for 1000.00, against capital */
	kit_receive(t, "VAL-1", 10, 100000);
	/* then 5 for 560.00, typed as a decimal */
	cJSON *j = move("receipts", t, "{\"sku\":\"VAL-1\",\"quantity\":5,"
	    "\"cost\":\"560.00\",\"location\":\"MAIN\",\"memo\":\"second lot\"}",
	    201);
	ck_assert_str_eq(jstr(j, "kind"), "receipt");
	ck_assert_int_eq(kit_num(j, "quantity"), 5);
	ck_assert_int_eq(kit_num(j, "value"), 56000);
	ck_assert_str_eq(jstr(j, "memo"), "second lot");
	cJSON_Delete(j);
	long long qty, value, total, inv;
	valuation(t, "VAL-1", &qty, &value, &total, &inv);
	ck_assert_int_eq(qty, 15);
	ck_assert_int_eq(value, 156000);
	ck_assert_int_eq(total, 156000);
	ck_assert_int_eq(inv, 156000);
	ck_assert_int_eq(balance_of(tenant, "capital"), -156000);
	j = get_json("/api/v1/stock/valuation?q=VAL-1", t, 200);
	ck_assert_int_eq(kit_num(cJSON_GetObjectItem(j, "items")->child,
	    "average_cost"), 10400);
	cJSON_Delete(j);
	/* a count finds 3 missing: 3 x 104.00 out, to expense */
	j = move("adjustments", t, "{\"sku\":\"VAL-1\",\"quantity\":-3,"
	    "\"memo\":\"count\"}", 201);
	ck_assert_str_eq(jstr(j, "kind"), "adjustment");
	ck_assert_int_eq(kit_num(j, "quantity"), -3);
	ck_assert_int_eq(kit_num(j, "value"), -31200);
	cJSON_Delete(j);
	ck_assert_int_eq(balance_of(tenant, "expense"), 31200);
	/* and one found again, at the average */
	j = move("adjustments", t, "{\"sku\":\"VAL-1\",\"quantity\":1}", 201);
	ck_assert_int_eq(kit_num(j, "value"), 10400);
	cJSON_Delete(j);
	ck_assert_int_eq(balance_of(tenant, "expense"), 20800);
	valuation(t, "VAL-1", &qty, &value, &total, &inv);
	ck_assert_int_eq(qty, 13);
	ck_assert_int_eq(value, 135200);
	/* a second location, and 5 moved there: value unchanged */
	j = kit_post("/api/v1/locations", t, "{\"code\":\"WH2\",\"name\":"
	    "\"Warehouse 2\"}", 201);
	ck_assert_str_eq(jstr(j, "code"), "WH2");
	cJSON_Delete(j);
	j = move("transfers", t, "{\"sku\":\"VAL-1\",\"from\":\"MAIN\","
	    "\"to\":\"WH2\",\"quantity\":5}", 201);
	ck_assert_str_eq(jstr(j, "from"), "MAIN");
	ck_assert_str_eq(jstr(j, "to"), "WH2");
	ck_assert_int_eq(kit_num(j, "quantity"), 5);
	cJSON_Delete(j);
	long long on, res, avail;
	level(t, "VAL-1", "MAIN", &on, &res, &avail);
	ck_assert_int_eq(on, 8);
	level(t, "VAL-1", "WH2", &on, &res, &avail);
	ck_assert_int_eq(on, 5);
	valuation(t, "VAL-1", &qty, &value, &total, &inv);
	ck_assert_int_eq(qty, 13);
	ck_assert_int_eq(value, 135200);
	/* thirds: 3 units for 1.00; one out takes 0.33, the last two 0.67 */
	kit_receive(t, "RND-1", 3, 100);
	j = move("adjustments", t, "{\"sku\":\"RND-1\",\"quantity\":-1}", 201);
	ck_assert_int_eq(kit_num(j, "value"), -33);
	cJSON_Delete(j);
	j = move("adjustments", t, "{\"sku\":\"RND-1\",\"quantity\":-2}", 201);
	ck_assert_int_eq(kit_num(j, "value"), -67);
	cJSON_Delete(j);
	valuation(t, "VAL-1", &qty, &value, &total, &inv);
	/* the books agree with the stock, to the paisa */
	ck_assert_int_eq(total, 135200);
	ck_assert_int_eq(inv, 135200);
	ck_assert_int_eq(inventory_balance(tenant), 135200);
	ck_assert_int_eq(balance_of(tenant, "expense"), 20800 + 100);
	ck_assert_int_eq(events(tenant, "stock.received"), 3);
	ck_assert_int_eq(events(tenant, "stock.adjusted"), 4);
	ck_assert_int_eq(events(tenant, "stock.transferred"), 1);
	/* refusals: each says which field, and nothing is written */
	j = kit_post("/api/v1/inventory/VAL-1/reserve", t, "{\"quantity\":6,"
	    "\"location\":\"MAIN\"}", 201);
	cJSON_Delete(j);
	long long before = written(tenant);
	/* 8 on hand at MAIN, 6 of them reserved: 2 may move */
	j = move("transfers", t, "{\"sku\":\"VAL-1\",\"from\":\"MAIN\","
	    "\"to\":\"WH2\",\"quantity\":3}", 409);
	ck_assert_str_eq(jstr(cJSON_GetObjectItem(j, "error"), "code"),
	    "insufficient_stock");
	ck_assert_ptr_nonnull(strstr(jstr(cJSON_GetObjectItem(j, "error"),
	    "message"), "only 2"));
	cJSON_Delete(j);
	refused("/api/v1/stock/transfers", t, "{\"sku\":\"VAL-1\",\"from\":"
	    "\"WH2\",\"to\":\"MAIN\",\"quantity\":6}", 409, "quantity");
	refused("/api/v1/stock/transfers", t, "{\"sku\":\"VAL-1\",\"from\":"
	    "\"MAIN\",\"to\":\"MAIN\",\"quantity\":1}", 422, "to");
	refused("/api/v1/stock/transfers", t, "{\"sku\":\"VAL-1\",\"from\":"
	    "\"MAIN\",\"to\":\"MARS\",\"quantity\":1}", 422, "to");
	refused("/api/v1/stock/transfers", t, "{\"sku\":\"VAL-1\",\"from\":"
	    "\"MAIN\",\"to\":\"WH2\",\"quantity\":0}", 422, "quantity");
	refused("/api/v1/stock/transfers", t, "{\"sku\":\"VAL-1\",\"to\":"
	    "\"WH2\",\"quantity\":1}", 422, "from");
	refused("/api/v1/stock/receipts", t, "{\"sku\":\"NOPE\",\"quantity\":1,"
	    "\"cost\":100}", 422, "sku");
	refused("/api/v1/stock/receipts", t, "{\"sku\":\"SVC-2\",\"quantity\":1,"
	    "\"cost\":100}", 422, "sku");
	refused("/api/v1/stock/receipts", t, "{\"sku\":\"VAL-1\",\"quantity\":"
	    "1.5,\"cost\":100}", 422, "quantity");
	refused("/api/v1/stock/receipts", t, "{\"sku\":\"VAL-1\",\"quantity\":"
	    "-1,\"cost\":100}", 422, "quantity");
	refused("/api/v1/stock/receipts", t, "{\"sku\":\"VAL-1\",\"quantity\":"
	    "\"x\",\"cost\":100}", 422, "quantity");
	refused("/api/v1/stock/receipts", t, "{\"sku\":\"VAL-1\",\"quantity\":1,"
	    "\"cost\":-1}", 422, "cost");
	refused("/api/v1/stock/receipts", t, "{\"sku\":\"VAL-1\",\"quantity\":1,"
	    "\"cost\":\"1.234\"}", 422, "cost");
	refused("/api/v1/stock/receipts", t, "{\"sku\":\"VAL-1\",\"quantity\":1,"
	    "\"cost\":100,\"location\":\"MARS\"}", 422, "location");
	refused("/api/v1/stock/receipts", t, "{\"sku\":\"VAL-1\",\"quantity\":1,"
	    "\"cost\":100,\"date\":\"2026-02-30\"}", 422, "date");
	/* refused by the books after the movement was written: undone */
	refused("/api/v1/stock/receipts", t, "{\"sku\":\"VAL-1\",\"quantity\":1,"
	    "\"cost\":100,\"account\":\"9999\"}", 422, "account");
	refused("/api/v1/stock/adjustments", t, "{\"sku\":\"VAL-1\","
	    "\"quantity\":-3,\"location\":\"MAIN\"}", 409, "quantity");
	refused("/api/v1/stock/adjustments", t, "{\"sku\":\"VAL-1\","
	    "\"quantity\":0}", 422, "quantity");
	ck_assert_int_eq(written(tenant), before);
	/* the movements, newest first, a page at a time */
	j = get_json("/api/v1/stock/movements?sku=VAL-1&limit=4", t, 200);
	cJSON *items = cJSON_GetObjectItem(j, "items");
	ck_assert_int_eq(cJSON_GetArraySize(items), 4);
	ck_assert_str_eq(jstr(items->child, "kind"), "transfer_in");
	ck_assert_str_eq(jstr(items->child, "location"), "WH2");
	char next[256];
	snprintf(next, sizeof(next), "/api/v1/stock/movements?sku=VAL-1&"
	    "limit=4&cursor=%s", jstr(j, "next"));
	cJSON_Delete(j);
	j = get_json(next, t, 200);
	items = cJSON_GetObjectItem(j, "items");
	ck_assert_int_eq(cJSON_GetArraySize(items), 2);
	ck_assert_str_eq(jstr(items->child->next, "kind"), "receipt");
	ck_assert_int_eq(kit_num(items->child->next, "value"), 100000);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "next")));
	cJSON_Delete(j);
	j = get_json("/api/v1/stock/movements?kind=adjustment", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 4);
	cJSON_Delete(j);
	cJSON_Delete(kit_call("GET", "/api/v1/stock/movements?kind=theft", t, NULL,
	    422));
	cJSON_Delete(kit_call("GET", "/api/v1/stock?cursor=!!", t, NULL, 400));
	free(t);
}
END_TEST

/* ---- low stock ---- */

static int
in_low(const char *token, const char *sku, long long *avail,
    long long *shortfall)
{
	cJSON *j = get_json("/api/v1/stock/low", token, 200);
	const cJSON *o;
	int found = 0;
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(j, "items"))
		if (strcmp(jstr(o, "sku"), sku) == 0) {
			found = 1;
			*avail = kit_num(o, "available");
			*shortfall = kit_num(o, "shortfall");
		}
	cJSON_Delete(j);
	return found;
}

START_TEST(low_stock)
{
	char tenant[37];
	char *t = business(tenant);
	char *id = kit_product(t, "LOW-1", 1000, "INR", NULL, 1);
	cJSON_Delete(kit_call("PATCH", "/api/v1/products/LOW-1", t,
	    "{\"reorder_level\":5}", 200));
	long long avail, shortfall;
	/* nothing on hand yet: below its level */
	ck_assert(in_low(t, "LOW-1", &avail, &shortfall));
	ck_assert_int_eq(shortfall, 5);
	kit_receive(t, "LOW-1", 6, 6000);
	ck_assert(!in_low(t, "LOW-1", &avail, &shortfall));
	cJSON_Delete(kit_post("/api/v1/inventory/LOW-1/reserve", t,
	    "{\"quantity\":1}", 201));
	ck_assert(!in_low(t, "LOW-1", &avail, &shortfall));
	ck_assert_int_eq(events(tenant, "stock.low"), 0);
	cJSON_Delete(kit_post("/api/v1/inventory/LOW-1/reserve", t,
	    "{\"quantity\":1}", 201));
	ck_assert(in_low(t, "LOW-1", &avail, &shortfall));
	ck_assert_int_eq(avail, 4);
	ck_assert_int_eq(shortfall, 1);
	ck_assert_int_eq(events(tenant, "stock.low"), 1);
	/* already below: no second event */
	cJSON_Delete(kit_post("/api/v1/inventory/LOW-1/reserve", t,
	    "{\"quantity\":1}", 201));
	ck_assert_int_eq(events(tenant, "stock.low"), 1);
	free(id);
	free(t);
}
END_TEST

/* ---- shipping an order, through lib/stock as the orders program does ---- */

static char *
admin_text(const char *sql, const char *a, const char *b)
{
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res r;
	const char *p[2] = { a, b };
	ck_assert_msg(db_exec(adm, &r, sql, 2, p) == 0, "%s: %s", sql, r.error);
	char *s = strdup(db_text(&r, 0, 0));
	db_res_clear(&r);
	db_close(adm);
	return s;
}

START_TEST(ship_order_at_average_cost)
{
	char tenant[37];
	char *t = business(tenant);
	char *prod = kit_product(t, "SHIP-1", 5000, "INR", NULL, 1);
	char *svc = kit_product(t, "SVC-3", 5000, "INR", NULL, 0);
	char *cust = kit_party(t, "customer", "Shipping Customer", NULL);
	kit_receive(t, "SHIP-1", 3, 1000);
	char *order = admin_text("INSERT INTO orders (tenant_id, number, "
	    "party_id, location_id, currency, status) SELECT $1::uuid, "
	    "'SO-TEST-1', $2::uuid, l.id, 'INR', 'placed' FROM locations l WHERE "
	    "l.tenant_id = $1::uuid AND l.code = 'MAIN' RETURNING id", tenant,
	    cust);
	db *d = db_open(getenv("BURSAR_APP_CONNINFO"), 2);
	db_res err;
	char rid[STOCK_ID_LEN];
	int64_t avail = -1, cogs = -1;
	ck_assert_int_eq(db_begin(d), 0);
	ck_assert_int_eq(db_set_tenant(d, tenant), 0);
	/* a service holds nothing */
	ck_assert_int_eq(stock_reserve(d, NULL, svc, NULL, 1, order, 2, NULL,
	    rid, &avail, &err), STOCK_RESERVED);
	ck_assert_str_eq(rid, "");
	ck_assert_int_eq(stock_reserve(d, NULL, prod, NULL, 4, order, 1, NULL,
	    rid, &avail, &err), STOCK_SHORT);
	ck_assert_int_eq(avail, 3);
	ck_assert_int_eq(stock_reserve(d, NULL, prod, NULL, 2, order, 1, NULL,
	    rid, &avail, &err), STOCK_RESERVED);
	ck_assert_int_eq(avail, 1);
	ck_assert_int_eq(stock_ship_order(d, NULL, order, NULL, &cogs, &err),
	    0);
	/* 2 of 3 units worth 10.00: 6.67 */
	ck_assert_int_eq(cogs, 667);
	ck_assert_int_eq(db_commit(d, &err), 0);
	db_res_clear(&err);
	/* shipping again finds nothing held */
	ck_assert_int_eq(db_begin(d), 0);
	ck_assert_int_eq(db_set_tenant(d, tenant), 0);
	ck_assert_int_eq(stock_ship_order(d, NULL, order, NULL, &cogs, &err),
	    0);
	ck_assert_int_eq(cogs, 0);
	/* an order's reservations released together */
	ck_assert_int_eq(stock_reserve(d, NULL, prod, NULL, 1, order, 3, NULL,
	    rid, &avail, &err), STOCK_RESERVED);
	ck_assert_int_eq(avail, 0);
	ck_assert_int_eq(stock_release(d, NULL, NULL, order, &err), 0);
	ck_assert_int_eq(db_commit(d, &err), 0);
	db_res_clear(&err);
	db_close(d);
	long long on, res, a;
	level(t, "SHIP-1", "MAIN", &on, &res, &a);
	ck_assert_int_eq(on, 1);
	ck_assert_int_eq(res, 0);
	long long qty, value, total, inv;
	valuation(t, "SHIP-1", &qty, &value, &total, &inv);
	ck_assert_int_eq(qty, 1);
	ck_assert_int_eq(value, 333);
	ck_assert_int_eq(inv, 333);
	ck_assert_int_eq(balance_of(tenant, "cogs"), 667);
	ck_assert_int_eq(events(tenant, "stock.shipped"), 1);
	cJSON *j = get_json(path_of("/api/v1/reservations?order=%s", order), t,
	    200);
	cJSON *items = cJSON_GetObjectItem(j, "items");
	ck_assert_int_eq(cJSON_GetArraySize(items), 2);
	ck_assert_str_eq(jstr(items->child, "status"), "released");
	ck_assert_str_eq(jstr(items->child->next, "status"), "shipped");
	ck_assert_str_eq(jstr(items->child->next, "order_number"), "SO-TEST-1");
	cJSON_Delete(j);
	j = get_json("/api/v1/stock/movements?kind=shipment", t, 200);
	items = cJSON_GetObjectItem(j, "items");
	ck_assert_int_eq(cJSON_GetArraySize(items), 1);
	ck_assert_int_eq(kit_num(items->child, "quantity"), -2);
	ck_assert_int_eq(kit_num(items->child, "value"), -667);
	ck_assert_str_eq(jstr(items->child, "source_id"), order);
	cJSON_Delete(j);
	free(order);
	free(cust);
	free(svc);
	free(prod);
	free(t);
}
END_TEST

/* ---- locations and pages ---- */

START_TEST(locations_and_pages)
{
	char tenant[37];
	char *t = business(tenant);
	free(kit_product(t, "PG-1", 1000, "INR", NULL, 1));
	kit_receive(t, "PG-1", 4, 4000);
	cJSON *j = kit_post("/api/v1/locations", t, "{\"code\":\"SHOP\",\"name\":"
	    "\"The shop\"}", 201);
	char *shop = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	long long before = written(tenant);
	refused("/api/v1/locations", t, "{\"code\":\"SHOP\",\"name\":\"Again\"}",
	    409, "code");
	refused("/api/v1/locations", t, "{\"code\":\"has space\",\"name\":"
	    "\"X\"}", 422, "code");
	refused("/api/v1/locations", t, "{\"code\":\"OK2\",\"name\":\"\"}", 422,
	    "name");
	ck_assert_int_eq(countn("SELECT count(*) FROM locations WHERE tenant_id "
	    "= $1::uuid AND $2::text IS NULL", tenant, NULL), 2);
	j = kit_call("PATCH", path_of("/api/v1/locations/%s", shop), t,
	    "{\"name\":\"The corner shop\"}", 200);
	ck_assert_str_eq(jstr(j, "name"), "The corner shop");
	ck_assert_str_eq(jstr(j, "code"), "SHOP");
	cJSON_Delete(j);
	cJSON_Delete(move("transfers", t, "{\"sku\":\"PG-1\",\"from\":\"MAIN\","
	    "\"to\":\"SHOP\",\"quantity\":1}", 201));
	/* a location holding stock stays open */
	refused(path_of("/api/v1/locations/%s/archive", shop), t, NULL, 422,
	    "location");
	cJSON_Delete(move("transfers", t, "{\"sku\":\"PG-1\",\"from\":\"SHOP\","
	    "\"to\":\"MAIN\",\"quantity\":1}", 201));
	j = kit_post(path_of("/api/v1/locations/%s/archive", shop), t, NULL, 200);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(j, "archived")));
	cJSON_Delete(j);
	refused("/api/v1/inventory/PG-1/reserve", t, "{\"quantity\":1,"
	    "\"location\":\"SHOP\"}", 422, "location");
	j = get_json("/api/v1/locations", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	cJSON_Delete(j);
	j = get_json("/api/v1/locations?archived=all&q=corner", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	cJSON_Delete(j);
	ck_assert_int_eq(events(tenant, "location.created"), 1);
	ck_assert_int_eq(events(tenant, "location.archived"), 1);
	(void)before;
	/* another business sees none of it */
	char other[37];
	char *b = business(other);
	cJSON_Delete(kit_call("GET", path_of("/api/v1/locations/%s", shop), b, NULL,
	    404));
	cJSON_Delete(kit_call("PATCH", path_of("/api/v1/locations/%s", shop), b,
	    "{\"name\":\"Mine\"}", 404));
	cJSON_Delete(kit_call("GET", "/api/v1/inventory/PG-1", b, NULL, 404));
	/* the pages */
	static const char *const pages[] = { "/app/stock", "/app/stock/low",
	    "/app/stock/movements", "/app/stock/valuation", "/app/reservations",
	    "/app/locations", "/app/locations/new", "/app/stock/receipts/new",
	    "/app/stock/adjustments/new", "/app/stock/transfers/new",
	    "/app/inventory/PG-1", NULL };
	reply r;
	for (int i = 0; pages[i]; i++) {
		kit_page(pages[i], t, 200, &r);
		reply_free(&r);
	}
	kit_page("/app/stock/valuation", t, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "40.00"));
	reply_free(&r);
	kit_page(path_of("/app/locations/%s", shop), t, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "The corner shop"));
	reply_free(&r);
	/* a form refused comes back as typed, with the reason */
	before = written(tenant);
	kit_form("/app/stock/receipts", t, "sku=PG-1&location=MAIN&quantity=abc&"
	    "cost=12.50&memo=kept+memo", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"abc\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "kept memo"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "positive whole number"));
	reply_free(&r);
	kit_form("/app/stock/adjustments", t, "sku=PG-1&location=MAIN&quantity=-9",
	    &r);
	ck_assert_int_eq(r.status, 409);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "only 4"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"-9\""));
	reply_free(&r);
	kit_form("/app/inventory/PG-1/reserve", t, "quantity=9", &r);
	ck_assert_int_eq(r.status, 409);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "only 4"));
	reply_free(&r);
	ck_assert_int_eq(written(tenant), before);
	kit_form("/app/locations", t, "code=bad+code&name=Kept+name", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Kept name"));
	reply_free(&r);
	/* and one accepted: back to the movements */
	kit_form("/app/stock/receipts", t, "sku=PG-1&location=MAIN&quantity=2&"
	    "cost=25.00&account=%40capital", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	long long on, res, avail;
	level(t, "PG-1", "MAIN", &on, &res, &avail);
	ck_assert_int_eq(on, 6);
	ck_assert_int_eq(inventory_balance(tenant), 6500);
	free(b);
	free(shop);
	free(t);
}
END_TEST

TCase *
stock_tcase(void)
{
	TCase *tc = tcase_create("stock");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, fifty_reservations_against_ten);
	tcase_add_test(tc, reserve_refusals_and_release);
	tcase_add_test(tc, receipt_valuation_adjust_transfer);
	tcase_add_test(tc, low_stock);
	tcase_add_test(tc, ship_order_at_average_cost);
	tcase_add_test(tc, locations_and_pages);
	return tc;
}
