/* orders.c: sales orders over HTTP against the real stack: totals to the
 * paisa with discounts and GST, placing all lines or none, every move not
 * allowed refused, cancel giving the stock back, shipping posting cost of
 * goods sold, invoices made on place or on ship, the credit limit, bad
 * input refused with nothing written, idempotent creation, lists, pages,
 * and another business's order unseen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "kit.h"
#include "suites.h"
#include "web/reply.h"

/* ---- helpers ---- */

/* A business of its own in INR (GST groups), a customer C1 and three
 * products: WIDGET and GADGET (goods, GST18) and SETUP (a service);
 * its orders are invoiced by hand unless a test says otherwise. */
typedef struct biz {
	kit_biz k;
	char *token;	/* k.token */
	const char *id;	/* k.id */
	char *customer;
} biz;

static void
business(biz *b)
{
	kit_business(&b->k, "ord", "INR");
	b->token = b->k.token;
	b->id = b->k.id;
	free(kit_adm("UPDATE commerce_settings SET invoice_on = 'manual' WHERE "
	    "tenant_id = '%s'", b->id));
	b->customer = kit_adm("INSERT INTO parties (tenant_id, code, name, "
	    "is_customer, currency) VALUES ('%s', 'C1', 'Asha Traders', true, "
	    "'INR') RETURNING id", b->id);
	free(kit_product(b->token, "WIDGET", 12500, "INR", "GST18", 1));
	free(kit_product(b->token, "GADGET", 1050, "INR", "GST18", 1));
	free(kit_product(b->token, "SETUP", 250000, "INR", NULL, 0));
}

static void
done(biz *b)
{
	free(b->k.token);
	free(b->customer);
}

/* create: POSTs an order of lines (a JSON array's inside); its id */
static char *
create(const biz *b, const char *lines, int place, long want)
{
	char body[4096];
	snprintf(body, sizeof(body), "{\"customer\":\"C1\",\"reference\":"
	    "\"PO-7\",\"lines\":[%s]%s}", lines, place ? ",\"place\":true" : "");
	cJSON *j = kit_call("POST", "/api/v1/orders", b->token, body, want);
	const char *id = jstr(j, "id");
	if (id == NULL)
		id = jstr(j, "error.order_id");
	char *out = id ? strdup(id) : NULL;
	cJSON_Delete(j);
	return out;
}

/* move: POST /api/v1/orders/{id}/<action>, answering want */
static cJSON *
move(const biz *b, const char *id, const char *action, long want)
{
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/orders/%s/%s", id, action);
	return kit_call("POST", path, b->token, "{}", want);
}

static long long
reserved(const biz *b, const char *sku)
{
	return kit_adm_int("SELECT coalesce(sum(l.reserved), 0) FROM stock_levels l "
	    "JOIN products p ON p.tenant_id = l.tenant_id AND p.id = "
	    "l.product_id WHERE l.tenant_id = '%s' AND p.sku = '%s'", b->id,
	    sku);
}

static long long
events(const biz *b, const char *type)
{
	return kit_events(&b->k, type);
}

static long long
orders_of(const biz *b)
{
	return kit_adm_int("SELECT count(*) FROM orders WHERE tenant_id = '%s'", b->id);
}

static char *
status(const biz *b, const char *id)
{
	return kit_adm("SELECT status FROM orders WHERE tenant_id = '%s' AND id = "
	    "'%s'", b->id, id);
}

/* ---- tests ---- */

START_TEST(totals_to_the_paisa)
{
	biz b;
	business(&b);
	/* 4 x 125.00 less 5% = 475.00 + 9% CGST 42.75 + 9% SGST 42.75;
	 * 10 x 10.50 at the price list = 105.00 + 9.45 + 9.45;
	 * the service at 2500.00 less 2.5% = 2437.50, untaxed;
	 * 3 x 3.33 less 10% = 8.991, rounded to 8.99, untaxed */
	char *id = create(&b, "{\"sku\":\"WIDGET\",\"quantity\":4,"
	    "\"discount\":\"5\"},{\"sku\":\"GADGET\",\"quantity\":10},"
	    "{\"sku\":\"SETUP\",\"quantity\":1,\"discount\":2.5},{\"sku\":"
	    "\"GADGET\",\"quantity\":3,\"unit_price\":333,\"discount_ppm\":"
	    "100000,\"tax_group\":null,\"description\":\"Seconds\"}", 0, 201);
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/orders/%s", id);
	cJSON *o = kit_call("GET", path, b.token, NULL, 200);
	ck_assert_str_eq(jstr(o, "status"), "draft");
	ck_assert_str_eq(jstr(o, "customer"), "Asha Traders");
	ck_assert_ptr_nonnull(strstr(jstr(o, "number"), "SO-"));
	ck_assert_int_eq(kit_amount(o, "net"), 47500 + 10500 + 243750 + 899);
	ck_assert_int_eq(kit_amount(o, "tax"), 2 * (4275 + 945));
	ck_assert_int_eq(kit_amount(o, "total"), 302649 + 10440);
	cJSON *lines = cJSON_GetObjectItem(o, "lines");
	ck_assert_int_eq(cJSON_GetArraySize(lines), 4);
	cJSON *l3 = cJSON_GetArrayItem(lines, 3);
	ck_assert_str_eq(jstr(l3, "description"), "Seconds");
	ck_assert_int_eq(kit_amount(l3, "net"), 899);
	ck_assert_int_eq(kit_amount(l3, "tax"), 0);
	ck_assert_int_eq(kit_amount(cJSON_GetArrayItem(lines, 1), "unit_price"),
	    1050);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(lines, 0), "discount"), "5");
	cJSON *taxes = cJSON_GetObjectItem(o, "taxes");
	ck_assert_int_eq(cJSON_GetArraySize(taxes), 2);
	ck_assert_int_eq(kit_amount(cJSON_GetArrayItem(taxes, 0), "tax"), 5220);
	ck_assert_int_eq(kit_amount(cJSON_GetArrayItem(taxes, 1), "tax"), 5220);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(o,
	    "can"), "place")));
	cJSON_Delete(o);
	/* the stored lines sum to the order, and the event was recorded */
	ck_assert_int_eq(kit_adm_int("SELECT sum(total) FROM order_lines WHERE order_id "
	    "= '%s'", id), 313089);
	ck_assert_int_eq(events(&b, "order.created"), 1);
	/* a change replaces the lines; the totals follow */
	o = kit_call("PATCH", path, b.token, "{\"notes\":\"by Friday\",\"lines\":"
	    "[{\"sku\":\"GADGET\",\"quantity\":2}]}", 200);
	ck_assert_int_eq(kit_amount(o, "total"), 2100 + 378);
	ck_assert_str_eq(jstr(o, "notes"), "by Friday");
	ck_assert_str_eq(jstr(o, "reference"), "PO-7");
	cJSON_Delete(o);
	ck_assert_int_eq(events(&b, "order.updated"), 1);
	free(id);
	done(&b);
}
END_TEST

START_TEST(place_reserves_all_lines_or_none)
{
	biz b;
	business(&b);
	kit_receive(b.token, "WIDGET", 10, 60000);
	kit_receive(b.token, "GADGET", 2, 1000);
	/* GADGET is short: nothing is held, the order stays a draft, and
	 * the 409 names the short line with what is available */
	char *id = create(&b, "{\"sku\":\"WIDGET\",\"quantity\":4},{\"sku\":"
	    "\"GADGET\",\"quantity\":5},{\"sku\":\"SETUP\",\"quantity\":1}",
	    0, 201);
	cJSON *e = move(&b, id, "place", 409);
	ck_assert_str_eq(jstr(e, "error.code"), "insufficient_stock");
	cJSON *ls = cJSON_GetObjectItem(cJSON_GetObjectItem(e, "error"),
	    "lines");
	ck_assert_int_eq(cJSON_GetArraySize(ls), 1);
	ck_assert_str_eq(jstr(ls->child, "sku"), "GADGET");
	ck_assert_int_eq(cJSON_GetObjectItem(ls->child, "quantity")->valuedouble,
	    5);
	ck_assert_int_eq(cJSON_GetObjectItem(ls->child,
	    "available")->valuedouble, 2);
	ck_assert_int_eq(cJSON_GetObjectItem(ls->child, "line")->valuedouble,
	    2);
	cJSON_Delete(e);
	ck_assert_int_eq(reserved(&b, "WIDGET"), 0);
	ck_assert_int_eq(reserved(&b, "GADGET"), 0);
	char *st = status(&b, id);
	ck_assert_str_eq(st, "draft");
	free(st);
	ck_assert_int_eq(events(&b, "stock.reservation_failed"), 1);
	ck_assert_int_eq(events(&b, "stock.reserved"), 0);
	ck_assert_int_eq(events(&b, "order.placed"), 0);
	/* with what there is, it is placed: every tracked line held */
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/orders/%s", id);
	cJSON_Delete(kit_call("PATCH", path, b.token, "{\"lines\":[{\"sku\":"
	    "\"WIDGET\",\"quantity\":4},{\"sku\":\"GADGET\",\"quantity\":2},"
	    "{\"sku\":\"SETUP\",\"quantity\":1}]}", 200));
	cJSON *o = move(&b, id, "place", 200);
	ck_assert_str_eq(jstr(o, "status"), "placed");
	cJSON *lines = cJSON_GetObjectItem(o, "lines");
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(lines, 0),
	    "reserved")->valuedouble, 4);
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(lines, 2),
	    "reserved")->valuedouble, 0);
	cJSON_Delete(o);
	ck_assert_int_eq(reserved(&b, "WIDGET"), 4);
	ck_assert_int_eq(reserved(&b, "GADGET"), 2);
	ck_assert_int_eq(events(&b, "stock.reserved"), 2);
	ck_assert_int_eq(events(&b, "order.placed"), 1);
	/* an order's reservation goes with the order, never on its own */
	char *rid = kit_adm("SELECT id FROM stock_reservations WHERE order_id = "
	    "'%s' LIMIT 1", id);
	snprintf(path, sizeof(path), "/api/v1/reservations/%s/release", rid);
	cJSON *no = kit_call("POST", path, b.token, "{}", 409);
	ck_assert_ptr_nonnull(strstr(jstr(no, "error.message"), "cancel the "
	    "order"));
	cJSON_Delete(no);
	free(rid);
	ck_assert_int_eq(reserved(&b, "WIDGET"), 4);
	ck_assert_int_eq(reserved(&b, "GADGET"), 2);
	/* created and placed in one request, short: the draft is kept */
	char *two = create(&b, "{\"sku\":\"GADGET\",\"quantity\":1}", 1, 409);
	ck_assert_ptr_nonnull(two);
	st = status(&b, two);
	ck_assert_str_eq(st, "draft");
	free(st);
	free(two);
	free(id);
	done(&b);
}
END_TEST

START_TEST(moves_not_allowed_are_409)
{
	biz b;
	business(&b);
	kit_receive(b.token, "WIDGET", 10, 60000);
	char *id = create(&b, "{\"sku\":\"WIDGET\",\"quantity\":3}", 0, 201);
	cJSON *e = move(&b, id, "ship", 409);
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "is draft"));
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "placed"));
	cJSON_Delete(e);
	cJSON_Delete(move(&b, id, "complete", 409));
	cJSON_Delete(move(&b, id, "place", 200));
	cJSON_Delete(move(&b, id, "place", 409));
	cJSON_Delete(move(&b, id, "complete", 409));
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/orders/%s", id);
	cJSON_Delete(kit_call("PATCH", path, b.token, "{\"notes\":\"x\"}", 409));
	/* cancel gives the stock back */
	ck_assert_int_eq(reserved(&b, "WIDGET"), 3);
	cJSON *o = move(&b, id, "cancel", 200);
	ck_assert_str_eq(jstr(o, "status"), "cancelled");
	cJSON_Delete(o);
	ck_assert_int_eq(reserved(&b, "WIDGET"), 0);
	ck_assert_int_eq(events(&b, "stock.released"), 1);
	ck_assert_int_eq(events(&b, "order.cancelled"), 1);
	static const char *const after[] = { "place", "ship", "complete",
	    "cancel" };
	for (int i = 0; i < 4; i++) {
		e = move(&b, id, after[i], 409);
		ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"),
		    "cancelled"));
		cJSON_Delete(e);
	}
	/* a shipped order can only be completed, then nothing more */
	char *two = create(&b, "{\"sku\":\"WIDGET\",\"quantity\":1}", 1, 201);
	cJSON_Delete(move(&b, two, "ship", 200));
	cJSON_Delete(move(&b, two, "cancel", 409));
	cJSON_Delete(move(&b, two, "ship", 409));
	cJSON_Delete(move(&b, two, "complete", 200));
	cJSON_Delete(move(&b, two, "cancel", 409));
	cJSON_Delete(move(&b, two, "complete", 409));
	ck_assert_int_eq(events(&b, "order.completed"), 1);
	free(two);
	free(id);
	done(&b);
}
END_TEST

START_TEST(ship_posts_cost_and_invoices_as_chosen)
{
	biz b;
	business(&b);
	/* 10 at 600.00 in all: 60.00 each at moving average */
	kit_receive(b.token, "WIDGET", 10, 60000);
	char *id = create(&b, "{\"sku\":\"WIDGET\",\"quantity\":4}", 1, 201);
	cJSON *o = move(&b, id, "ship", 200);
	ck_assert_str_eq(jstr(o, "status"), "shipped");
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(o, "invoice_id")));
	cJSON_Delete(o);
	ck_assert_int_eq(kit_adm_int("SELECT coalesce(sum(l.debit - l.credit), 0) FROM "
	    "journal_lines l JOIN accounts a ON a.tenant_id = l.tenant_id AND "
	    "a.id = l.account_id WHERE l.tenant_id = '%s' AND a.role = 'cogs'",
	    b.id), 24000);
	ck_assert_int_eq(kit_adm_int("SELECT on_hand FROM stock_levels l JOIN products "
	    "p ON p.id = l.product_id WHERE l.tenant_id = '%s' AND p.sku = "
	    "'WIDGET'", b.id), 6);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM invoices WHERE tenant_id = "
	    "'%s'", b.id), 0);
	/* invoiced on ship: the shipment issues the order's invoice */
	free(kit_adm("UPDATE commerce_settings SET invoice_on = 'ship' WHERE "
	    "tenant_id = '%s'", b.id));
	char *two = create(&b, "{\"sku\":\"WIDGET\",\"quantity\":2}", 1, 201);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM invoices WHERE order_id = "
	    "'%s'", two), 0);
	o = move(&b, two, "ship", 200);
	ck_assert_ptr_nonnull(strstr(jstr(o, "invoice_number"), "INV-"));
	ck_assert_str_eq(jstr(o, "invoice_status"), "issued");
	long long total = kit_amount(o, "total");
	cJSON_Delete(o);
	ck_assert_int_eq(kit_adm_int("SELECT total FROM invoices WHERE order_id = '%s'",
	    two), total);
	ck_assert_int_eq(total, 2 * 12500 * 118 / 100);
	/* the order shows what happens to its invoice and its customer
	 * afterwards: paid, and renamed */
	char *paid = kit_adm("SELECT id FROM invoices WHERE order_id = '%s'", two);
	char body[512], path[160];
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"C1\","
	    "\"amount\":{\"amount\":%lld,\"currency\":\"INR\"},\"method\":"
	    "\"upi\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":%lld}]}",
	    total, paid, total);
	cJSON_Delete(kit_call("POST", "/api/v1/payments", b.token, body, 201));
	free(paid);
	free(kit_adm("UPDATE parties SET name = 'Asha Traders & Sons' WHERE id = "
	    "'%s'", b.customer));
	snprintf(path, sizeof(path), "/api/v1/orders/%s", two);
	o = kit_call("GET", path, b.token, NULL, 200);
	ck_assert_str_eq(jstr(o, "invoice_status"), "paid");
	ck_assert_str_eq(jstr(o, "customer"), "Asha Traders & Sons");
	cJSON_Delete(o);
	/* invoiced on place: placing issues it; cancelling voids it */
	free(kit_adm("UPDATE commerce_settings SET invoice_on = 'place' WHERE "
	    "tenant_id = '%s'", b.id));
	char *three = create(&b, "{\"sku\":\"WIDGET\",\"quantity\":1}", 1, 201);
	char *inv = kit_adm("SELECT status FROM invoices WHERE order_id = '%s'",
	    three);
	ck_assert_str_eq(inv, "issued");
	free(inv);
	cJSON_Delete(move(&b, three, "cancel", 200));
	inv = kit_adm("SELECT status FROM invoices WHERE order_id = '%s'", three);
	ck_assert_str_eq(inv, "void");
	free(inv);
	ck_assert_int_eq(reserved(&b, "WIDGET"), 0);
	/* the books still balance */
	ck_assert_int_eq(kit_adm_int("SELECT sum(debit) - sum(credit) FROM "
	    "journal_lines WHERE tenant_id = '%s'", b.id), 0);
	free(three);
	free(two);
	free(id);
	done(&b);
}
END_TEST

START_TEST(credit_limit_refuses_placing)
{
	biz b;
	business(&b);
	kit_receive(b.token, "WIDGET", 10, 60000);
	free(kit_adm("UPDATE parties SET credit_limit = 30000 WHERE id = '%s'",
	    b.customer));
	/* 2 x 125.00 + GST = 295.00: within 300.00 */
	char *id = create(&b, "{\"sku\":\"WIDGET\",\"quantity\":2}", 1, 201);
	/* another 147.50 would owe 442.50 */
	char *two = create(&b, "{\"sku\":\"WIDGET\",\"quantity\":1}", 0, 201);
	cJSON *e = move(&b, two, "place", 409);
	ck_assert_str_eq(jstr(e, "error.code"), "credit_limit_exceeded");
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "29500"));
	cJSON_Delete(e);
	ck_assert_int_eq(reserved(&b, "WIDGET"), 2);
	char *st = status(&b, two);
	ck_assert_str_eq(st, "draft");
	free(st);
	/* the first cancelled, the second fits */
	cJSON_Delete(move(&b, id, "cancel", 200));
	cJSON_Delete(move(&b, two, "place", 200));
	free(two);
	free(id);
	done(&b);
}
END_TEST

START_TEST(bad_input_refused_nothing_written)
{
	biz b;
	business(&b);
	free(kit_adm("INSERT INTO parties (tenant_id, code, name, is_customer, "
	    "is_supplier, currency) VALUES ('%s', 'S1', 'Only Supplies', false, "
	    "true, 'INR')", b.id));
	long long before = orders_of(&b);
	static const struct {
		const char *body, *field;
	} bad[] = {
		{ "{\"customer\":\"C1\",\"lines\":[]}", "lines" },
		{ "{\"customer\":\"C1\"}", "lines" },
		{ "{\"customer\":\"C1\",\"lines\":[{\"sku\":\"WIDGET\","
		    "\"quantity\":0}]}", "lines[0].quantity" },
		{ "{\"customer\":\"C1\",\"lines\":[{\"sku\":\"WIDGET\","
		    "\"quantity\":1.5}]}", "lines[0].quantity" },
		{ "{\"customer\":\"C1\",\"lines\":[{\"sku\":\"NOPE\","
		    "\"quantity\":1}]}", "lines[0].product" },
		{ "{\"customer\":\"C1\",\"lines\":[{\"quantity\":1}]}",
		    "lines[0].product" },
		{ "{\"customer\":\"C1\",\"currency\":\"USD\",\"lines\":[{\"sku\":"
		    "\"WIDGET\",\"quantity\":1}]}", "lines[0].unit_price" },
		{ "{\"customer\":\"C1\",\"lines\":[{\"sku\":\"WIDGET\","
		    "\"quantity\":1,\"unit_price\":-5}]}", "lines[0].unit_price" },
		{ "{\"customer\":\"C1\",\"lines\":[{\"sku\":\"WIDGET\","
		    "\"quantity\":1,\"discount\":\"120\"}]}", "lines[0].discount" },
		{ "{\"customer\":\"C1\",\"lines\":[{\"sku\":\"WIDGET\","
		    "\"quantity\":1}],\"total\":{\"amount\":1,\"currency\":"
		    "\"INR\"}}", "total" },
		{ "{\"customer\":\"NOBODY\",\"lines\":[{\"sku\":\"WIDGET\","
		    "\"quantity\":1}]}", "customer" },
		{ "{\"customer\":\"S1\",\"lines\":[{\"sku\":\"WIDGET\","
		    "\"quantity\":1}]}", "customer" },
		{ "{\"customer\":\"C1\",\"order_date\":\"2026-02-30\",\"lines\":"
		    "[{\"sku\":\"WIDGET\",\"quantity\":1}]}", "order_date" },
		{ "{\"customer\":\"C1\",\"location\":\"MARS\",\"lines\":[{\"sku\":"
		    "\"WIDGET\",\"quantity\":1}]}", "location" },
		{ "{\"customer\":\"C1\",\"currency\":\"XXQ\",\"lines\":[{\"sku\":"
		    "\"WIDGET\",\"quantity\":1}]}", "currency" },
		{ "{\"customer\":\"C1\",\"place\":\"yes\",\"lines\":[{\"sku\":"
		    "\"WIDGET\",\"quantity\":1}]}", "place" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cJSON *j = kit_call("POST", "/api/v1/orders", b.token, bad[i].body,
		    422);
		cJSON *f = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "error"),
		    "fields");
		ck_assert_msg(cJSON_HasObjectItem(f, bad[i].field), "%s: no %s in "
		    "%s", bad[i].body, bad[i].field, cJSON_PrintUnformatted(j));
		cJSON_Delete(j);
	}
	/* 1001 lines */
	buf big = BUF_INIT(1 << 20);
	buf_puts(&big, "{\"customer\":\"C1\",\"lines\":[");
	for (int i = 0; i < 1001; i++)
		buf_printf(&big, "%s{\"sku\":\"WIDGET\",\"quantity\":1}", i ? "," :
		    "");
	buf_puts(&big, "]}");
	cJSON_Delete(kit_call("POST", "/api/v1/orders", b.token, buf_str(&big), 422));
	buf_free(&big);
	cJSON_Delete(kit_call("POST", "/api/v1/orders", b.token, "[1]", 400));
	ck_assert_int_eq(orders_of(&b), before);
	ck_assert_int_eq(events(&b, "order.created"), 0);
	/* unknown orders */
	cJSON_Delete(kit_call("GET", "/api/v1/orders/not-an-id", b.token, NULL,
	    404));
	cJSON_Delete(kit_call("POST", "/api/v1/orders/"
	    "00000000-0000-4000-8000-000000000000/place", b.token, "{}", 404));
	done(&b);
}
END_TEST

START_TEST(idempotent_create)
{
	biz b;
	business(&b);
	char auth[1024], key[128];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", b.token);
	snprintf(key, sizeof(key), "Idempotency-Key: %s", unique("ordkey"));
	const char *h[] = { auth, key, "Content-Type: application/json", NULL };
	const char *body = "{\"customer\":\"C1\",\"lines\":[{\"sku\":"
	    "\"GADGET\",\"quantity\":1}]}";
	const char *other = "{\"customer\":\"C1\",\"lines\":[{\"sku\":"
	    "\"GADGET\",\"quantity\":2}]}";
	reply r1, r2, r3;
	ck_assert_int_eq(client_do("POST", "/api/v1/orders", h, body,
	    strlen(body), &r1), 0);
	ck_assert_int_eq(client_do("POST", "/api/v1/orders", h, body,
	    strlen(body), &r2), 0);
	ck_assert_int_eq(client_do("POST", "/api/v1/orders", h, other,
	    strlen(other), &r3), 0);
	ck_assert_int_eq(r1.status, 201);
	ck_assert_int_eq(r2.status, 201);
	ck_assert_int_eq(r3.status, 422);
	cJSON *a = body_json(&r1), *c = body_json(&r2);
	ck_assert_str_eq(jstr(a, "id"), jstr(c, "id"));
	ck_assert_int_eq(orders_of(&b), 1);
	/* after 24 hours the key is swept by the hourly cleanup, and a
	 * repeat would make a new order */
	char *aged = kit_adm("UPDATE idempotency_keys SET created_at = now() - "
	    "interval '25 hours' WHERE key = '%s' RETURNING key", key +
	    strlen("Idempotency-Key: "));
	ck_assert_ptr_nonnull(aged);
	free(aged);
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "BURSAR_CONFIG=%s/bursar.conf "
	    "%s/cron/auth_cleanup >/dev/null", getenv("BURSAR_VAR"),
	    getenv("BURSAR_BUILD"));
	ck_assert_int_eq(sh("%s", cmd), 0);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM idempotency_keys "
	    "WHERE key = '%s'", key + strlen("Idempotency-Key: ")), 0);
	cJSON_Delete(a);
	cJSON_Delete(c);
	reply_free(&r1);
	reply_free(&r2);
	reply_free(&r3);
	done(&b);
}
END_TEST

START_TEST(lists_filter_and_page)
{
	biz b;
	business(&b);
	kit_receive(b.token, "GADGET", 100, 50000);
	for (int i = 0; i < 5; i++)
		free(create(&b, "{\"sku\":\"GADGET\",\"quantity\":1}", i < 2,
		    201));
	cJSON *j = kit_call("GET", "/api/v1/orders?status=placed", b.token, NULL,
	    200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 2);
	cJSON_Delete(j);
	j = kit_call("GET", "/api/v1/orders?q=asha&customer=C1", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 5);
	cJSON_Delete(j);
	/* keyset pages of two: 2, 2, 1, none repeated */
	char path[512] = "/api/v1/orders?limit=2";
	int seen = 0, pages = 0;
	char first[64] = "";
	for (;;) {
		j = kit_call("GET", path, b.token, NULL, 200);
		cJSON *it;
		cJSON_ArrayForEach(it, cJSON_GetObjectItem(j, "items")) {
			ck_assert_str_ne(jstr(it, "id"), first);
			if (seen++ == 0)
				snprintf(first, sizeof(first), "%s", jstr(it, "id"));
		}
		pages++;
		const char *next = jstr(j, "next");
		if (next == NULL) {
			cJSON_Delete(j);
			break;
		}
		snprintf(path, sizeof(path), "/api/v1/orders?limit=2&cursor=%s",
		    next);
		cJSON_Delete(j);
	}
	ck_assert_int_eq(seen, 5);
	ck_assert_int_eq(pages, 3);
	/* oldest first: the first order made leads, then the next */
	j = kit_call("GET", "/api/v1/orders?sort=oldest&limit=1", b.token, NULL,
	    200);
	char *made = kit_adm("SELECT id FROM orders WHERE tenant_id = '%s' ORDER "
	    "BY created_at, id LIMIT 2", b.id);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(j,
	    "items"), 0), "id"), made);
	snprintf(path, sizeof(path), "/api/v1/orders?sort=oldest&limit=1&"
	    "cursor=%s", jstr(j, "next"));
	cJSON_Delete(j);
	free(made);
	j = kit_call("GET", path, b.token, NULL, 200);
	made = kit_adm("SELECT id FROM orders WHERE tenant_id = '%s' ORDER BY "
	    "created_at, id OFFSET 1 LIMIT 1", b.id);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(j,
	    "items"), 0), "id"), made);
	cJSON_Delete(j);
	free(made);
	cJSON_Delete(kit_call("GET", "/api/v1/orders?sort=total", b.token, NULL,
	    422));
	cJSON_Delete(kit_call("GET", "/api/v1/orders?limit=201", b.token, NULL,
	    400));
	cJSON_Delete(kit_call("GET", "/api/v1/orders?status=lost", b.token, NULL,
	    422));
	cJSON_Delete(kit_call("GET", "/api/v1/orders?from=yesterday", b.token,
	    NULL, 422));
	done(&b);
}
END_TEST

START_TEST(another_business_sees_nothing)
{
	biz a, b;
	business(&a);
	business(&b);
	char *id = create(&a, "{\"sku\":\"GADGET\",\"quantity\":1}", 0, 201);
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/orders/%s", id);
	cJSON_Delete(kit_call("GET", path, b.token, NULL, 404));
	cJSON_Delete(kit_call("PATCH", path, b.token, "{\"notes\":\"x\"}", 404));
	cJSON_Delete(move(&b, id, "cancel", 404));
	cJSON *j = kit_call("GET", "/api/v1/orders", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 0);
	cJSON_Delete(j);
	char *st = status(&a, id);
	ck_assert_str_eq(st, "draft");
	free(st);
	free(id);
	done(&a);
	done(&b);
}
END_TEST

/* ---- pages ---- */

static void
page(const char *method, const char *path, const char *token,
    const char *form, reply *r)
{
	char auth[1024];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	const char *h[] = { auth, "Content-Type: "
	    "application/x-www-form-urlencoded", NULL };
	ck_assert_int_eq(client_do(method, path, h, form, form ? strlen(form) :
	    0, r), 0);
}

START_TEST(pages_and_forms)
{
	biz b;
	business(&b);
	kit_receive(b.token, "WIDGET", 5, 30000);
	reply r;
	page("GET", "/app/orders/new", b.token, NULL, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "line_product"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Asha Traders"));
	reply_free(&r);
	/* a bad line: the form again with what was typed */
	long long before = orders_of(&b);
	page("POST", "/app/orders", b.token, "customer=C1&reference=KEEP-ME&"
	    "line_product=WIDGET&line_quantity=two&line_unit_price=&"
	    "line_discount=", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "KEEP-ME"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"two\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "a whole number"));
	reply_free(&r);
	page("POST", "/app/orders", b.token, "customer=C1&reference=KEEP-ME&"
	    "line_product=NOPE&line_quantity=1&line_unit_price=&line_discount=",
	    &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "no such product"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"NOPE\""));
	reply_free(&r);
	ck_assert_int_eq(orders_of(&b), before);
	/* a good one, placed at once: the page shows it placed */
	page("POST", "/app/orders", b.token, "customer=C1&reference=FORM-1&"
	    "line_product=WIDGET&line_quantity=2&line_unit_price=99.50&"
	    "line_discount=&place=yes", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	char *id = kit_adm("SELECT id FROM orders WHERE tenant_id = '%s' AND "
	    "reference = 'FORM-1'", b.id);
	char *st = status(&b, id);
	ck_assert_str_eq(st, "placed");
	free(st);
	char path[160];
	snprintf(path, sizeof(path), "/app/orders/%s", id);
	page("GET", path, b.token, NULL, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "234.82"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "/ship"));
	ck_assert_ptr_null(strstr(buf_str(&r.body), "/complete\""));
	reply_free(&r);
	/* a move refused: the page again, saying why */
	snprintf(path, sizeof(path), "/app/orders/%s/complete", id);
	page("POST", path, b.token, "", &r);
	ck_assert_int_eq(r.status, 409);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "can be shipped"));
	reply_free(&r);
	page("GET", "/app/orders?status=placed", b.token, NULL, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Asha Traders"));
	reply_free(&r);
	free(id);
	done(&b);
}
END_TEST

/* Placing an order with its invoice does each piece of work once
 * (sql/0016_order_doc_once.sql, outbox_hold): what the answer shows is
 * what a GET reads and what order_doc builds from the rows, and the
 * events come in the order of the changes, those of a placing refused
 * short never recorded. */
START_TEST(placing_keeps_one_json_and_its_events_in_order)
{
	biz b;
	business(&b);
	kit_receive(b.token, "WIDGET", 10, 60000);
	kit_receive(b.token, "GADGET", 10, 5000);
	free(kit_adm("UPDATE commerce_settings SET invoice_on = 'place' WHERE "
	    "tenant_id = '%s'", b.id));
	cJSON *made = kit_call("POST", "/api/v1/orders", b.token,
	    "{\"customer\":\"C1\",\"lines\":[{\"sku\":\"WIDGET\",\"quantity\":2},"
	    "{\"sku\":\"SETUP\",\"quantity\":1},{\"sku\":\"GADGET\","
	    "\"quantity\":3,\"discount\":\"5\"}],\"place\":true}", 201);
	ck_assert_str_eq(jstr(made, "status"), "placed");
	ck_assert_str_eq(jstr(made, "invoice_status"), "issued");
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/orders/%s", jstr(made, "id"));
	cJSON *read = kit_call("GET", path, b.token, NULL, 200);
	char *a = cJSON_PrintUnformatted(made), *g = cJSON_PrintUnformatted(read);
	ck_assert_str_eq(a, g);
	cJSON_free(a);
	cJSON_free(g);
	cJSON_Delete(read);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM orders WHERE tenant_id = "
	    "'%s' AND doc::text = order_doc(id, false)::text", b.id), 1);
	char *seq = kit_adm("SELECT string_agg(type, ',' ORDER BY seq) FROM "
	    "outbox_events WHERE tenant_id = '%s' AND type ~ '^(order|invoice)\\.|"
	    "^stock\\.reserv'", b.id);
	ck_assert_str_eq(seq, "order.created,stock.reserved,stock.reserved,"
	    "order.placed,invoice.created,invoice.issued");
	free(seq);
	/* short on the second line: the first line's hold and its event go */
	char *shorted = create(&b, "{\"sku\":\"WIDGET\",\"quantity\":1},"
	    "{\"sku\":\"GADGET\",\"quantity\":100}", 1, 409);
	ck_assert_int_eq(events(&b, "stock.reserved"), 2);
	ck_assert_int_eq(events(&b, "stock.reservation_failed"), 1);
	ck_assert_int_eq(events(&b, "order.placed"), 1);
	ck_assert_int_eq(reserved(&b, "WIDGET"), 2);
	/* a move afterwards leaves the kept JSON current again */
	cJSON_Delete(move(&b, jstr(made, "id"), "cancel", 200));
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM orders WHERE tenant_id = "
	    "'%s' AND doc::text = order_doc(id, false)::text", b.id), 2);
	free(shorted);
	cJSON_Delete(made);
	done(&b);
}
END_TEST

TCase *
orders_tcase(void)
{
	TCase *tc = tcase_create("orders");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, totals_to_the_paisa);
	tcase_add_test(tc, place_reserves_all_lines_or_none);
	tcase_add_test(tc, moves_not_allowed_are_409);
	tcase_add_test(tc, ship_posts_cost_and_invoices_as_chosen);
	tcase_add_test(tc, credit_limit_refuses_placing);
	tcase_add_test(tc, bad_input_refused_nothing_written);
	tcase_add_test(tc, idempotent_create);
	tcase_add_test(tc, lists_filter_and_page);
	tcase_add_test(tc, another_business_sees_nothing);
	tcase_add_test(tc, pages_and_forms);
	tcase_add_test(tc, placing_keeps_one_json_and_its_events_in_order);
	return tc;
}
