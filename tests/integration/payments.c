/* payments.c: bills, payments, allocations, refunds and statements over
 * HTTP against the real stack: a bill received posts exactly and puts its
 * goods into stock at cost; a payment in settles one invoice in full and
 * another in part, its overpayment stays as credit, is allocated later
 * and refunded; a payment to a supplier; a credit note refunded; every
 * refusal writes nothing; statements balance and age; the pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "db/db.h"
#include "kit.h"
#include "suites.h"
#include "web/reply.h"

/* ---- helpers ---- */

/* A business of a test's own. */
typedef kit_biz biz;

static long long
count_of(const biz *b, const char *table)
{
	return kit_adm_int("SELECT count(*) FROM %s WHERE tenant_id = '%s'", table,
	    b->id);
}

/* written: what every refusal must leave as it was */
static long long
written(const biz *b)
{
	return count_of(b, "payments") * 1000000 + count_of(b,
	    "payment_allocations") * 10000 + count_of(b, "journal_entries") *
	    100 + count_of(b, "outbox_events");
}

/* invoice: an issued invoice of one untaxed line for price; its id
 * (malloc'd) */
static char *
invoice(const biz *b, const char *customer, long long price)
{
	char body[512];
	snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"issue\":true,"
	    "\"lines\":[{\"description\":\"Consulting\",\"quantity\":1,"
	    "\"unit_price\":%lld,\"tax_group\":null}]}", customer, price);
	cJSON *j = kit_call("POST", "/api/v1/invoices", b->token, body, 201);
	ck_assert_str_eq(jstr(j, "status"), "issued");
	char *id = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	return id;
}

static const char *
status_of(const biz *b, const char *table, const char *id)
{
	static char s[32];
	char *v = kit_adm("SELECT status FROM %s WHERE tenant_id = '%s' AND id = "
	    "'%s'", table, b->id, id);
	snprintf(s, sizeof(s), "%s", v ? v : "");
	free(v);
	return s;
}

static long long
paid_of(const biz *b, const char *table, const char *id)
{
	return kit_adm_int("SELECT paid FROM %s WHERE tenant_id = '%s' AND id = "
	    "'%s'", table, b->id, id);
}

/* pay: POST /api/v1/payments with body, 201; the payment */
static cJSON *
pay(const biz *b, const char *body)
{
	return kit_call("POST", "/api/v1/payments", b->token, body, 201);
}

/* ---- bills ---- */

START_TEST(bill_received_posts_exactly_and_stocks_at_cost)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *sup = kit_party(b.token, "supplier", "Kaveri Mills", NULL);
	char *prod = kit_product(b.token, "BOLT-M8", 9000, "INR", "GST18", 1);
	char body[1024];
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"supplier_ref\":"
	    "\"KM/1187\",\"lines\":[{\"sku\":\"BOLT-M8\",\"quantity\":40,"
	    "\"unit_price\":3333},{\"description\":\"Freight\",\"quantity\":1,"
	    "\"unit_price\":12050,\"tax_group\":null,\"account\":\"5500\"}]}",
	    sup);
	cJSON *j = kit_call("POST", "/api/v1/bills", b.token, body, 201);
	ck_assert_str_eq(jstr(j, "status"), "draft");
	ck_assert_ptr_null(jstr(j, "number"));
	char *id = strdup(jstr(j, "id"));
	/* 40 x 33.33 = 1333.20; GST 18% = 239.98 (CGST 119.99 + SGST
	 * 119.99); freight 120.50 untaxed */
	ck_assert_int_eq(kit_amount(j, "net"), 133320 + 12050);
	ck_assert_int_eq(kit_amount(j, "tax"), 23998);
	ck_assert_int_eq(kit_amount(j, "total"), 133320 + 12050 + 23998);
	cJSON_Delete(j);
	/* a draft posts nothing and stocks nothing */
	ck_assert_int_eq(kit_balance(&b, "1400"), 0);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM stock_movements WHERE "
	    "tenant_id = '%s'", b.id), 0);
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/bills/%s/receive", id);
	j = kit_call("POST", path, b.token, "{}", 200);
	ck_assert_str_eq(jstr(j, "status"), "received");
	char num[40];
	snprintf(num, sizeof(num), "BILL-%d-00001", kit_fy());
	ck_assert_str_eq(jstr(j, "number"), num);
	ck_assert_ptr_nonnull(jstr(j, "due_date"));
	cJSON_Delete(j);
	/* the posting: inventory and freight at net, input tax, payables */
	ck_assert_int_eq(kit_balance(&b, "1400"), 133320);
	ck_assert_int_eq(kit_balance(&b, "5500"), 12050);
	ck_assert_int_eq(kit_balance(&b, "1510"), 11999);
	ck_assert_int_eq(kit_balance(&b, "1520"), 11999);
	ck_assert_int_eq(kit_balance(&b, "2100"), -(133320 + 12050 + 23998));
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM journal_lines l JOIN "
	    "accounts a ON a.id = l.account_id AND a.tenant_id = l.tenant_id "
	    "WHERE l.tenant_id = '%s' AND a.code = '2100' AND l.party_id = '%s'",
	    b.id, sup), 1);
	/* the goods: on hand and valued at the cost posted to inventory */
	ck_assert_int_eq(kit_adm_int("SELECT on_hand FROM stock_levels WHERE "
	    "tenant_id = '%s' AND product_id = '%s'", b.id, prod), 40);
	ck_assert_int_eq(kit_adm_int("SELECT value FROM stock_valuation WHERE "
	    "tenant_id = '%s' AND product_id = '%s'", b.id, prod), 133320);
	ck_assert_int_eq(kit_events(&b, "bill.received"), 1);
	ck_assert_int_eq(kit_events(&b, "stock.received"), 1);
	/* received once */
	kit_refused("POST", path, b.token, "{}", 409, NULL);
	ck_assert_int_eq(kit_balance(&b, "1400"), 133320);
	/* the same supplier reference again: 409 naming it, nothing kept */
	long long bills = count_of(&b, "bills");
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"supplier_ref\":"
	    "\"km/1187\",\"lines\":[{\"description\":\"x\",\"quantity\":1,"
	    "\"unit_price\":100}]}", sup);
	kit_refused("POST", "/api/v1/bills", b.token, body, 409, "supplier_ref");
	ck_assert_int_eq(count_of(&b, "bills"), bills);
	/* a received bill is not changed or deleted */
	snprintf(path, sizeof(path), "/api/v1/bills/%s", id);
	kit_refused("PATCH", path, b.token, "{\"notes\":\"x\"}", 409, NULL);
	kit_refused("DELETE", path, b.token, NULL, 409, NULL);
	free(id);
	free(prod);
	free(sup);
	free(b.token);
}
END_TEST

START_TEST(bill_drafts_void_and_refusals)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *sup = kit_party(b.token, "supplier", "Deccan Steel", NULL);
	char *cust = kit_party(b.token, "customer", "Only A Customer", NULL);
	char *prod = kit_product(b.token, "ROD-10", 5000, "INR", NULL, 1);
	char body[1024];
	long long before = count_of(&b, "bills");
	/* refusals: nothing written */
	kit_refused("POST", "/api/v1/bills", b.token, "{\"lines\":[]}", 422,
	    "supplier");
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":1}]}", cust);
	kit_refused("POST", "/api/v1/bills", b.token, body, 422, "supplier");
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"lines\":[]}", sup);
	kit_refused("POST", "/api/v1/bills", b.token, body, 422, "lines");
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":0,\"unit_price\":100}]}", sup);
	kit_refused("POST", "/api/v1/bills", b.token, body, 422,
	    "lines[0].quantity");
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":10.5}]}", sup);
	kit_refused("POST", "/api/v1/bills", b.token, body, 422,
	    "lines[0].unit_price");
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":100,"
	    "\"account\":\"4100\"}]}", sup);
	kit_refused("POST", "/api/v1/bills", b.token, body, 422,
	    "lines[0].account");
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"lines\":[{"
	    "\"sku\":\"NOPE\",\"quantity\":1,\"unit_price\":100}]}", sup);
	kit_refused("POST", "/api/v1/bills", b.token, body, 422,
	    "lines[0].product");
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"bill_date\":"
	    "\"2026-02-30\",\"lines\":[{\"description\":\"x\",\"quantity\":1,"
	    "\"unit_price\":100}]}", sup);
	kit_refused("POST", "/api/v1/bills", b.token, body, 422, "bill_date");
	ck_assert_int_eq(count_of(&b, "bills"), before);
	/* a draft is changed and deleted */
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"supplier_ref\":"
	    "\"DS-1\",\"lines\":[{\"description\":\"Cutting\",\"quantity\":2,"
	    "\"unit_price\":1000,\"tax_group\":null}]}", sup);
	cJSON *j = kit_call("POST", "/api/v1/bills", b.token, body, 201);
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/bills/%s", jstr(j, "id"));
	cJSON_Delete(j);
	j = kit_call("PATCH", path, b.token, "{\"lines\":[{\"description\":"
	    "\"Cutting\",\"quantity\":3,\"unit_price\":1000,\"tax_group\":"
	    "null}]}", 200);
	ck_assert_int_eq(kit_amount(j, "total"), 3000);
	ck_assert_str_eq(jstr(j, "supplier_ref"), "DS-1");
	cJSON_Delete(j);
	j = kit_call("DELETE", path, b.token, NULL, 200);
	cJSON_Delete(j);
	cJSON_Delete(kit_call("GET", path, b.token, NULL, 404));
	/* received with stock, then voided: the reversal and the goods out */
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"supplier_ref\":"
	    "\"DS-2\",\"receive\":true,\"lines\":[{\"sku\":\"ROD-10\","
	    "\"quantity\":7,\"unit_price\":4321,\"tax_group\":null}]}", sup);
	j = kit_call("POST", "/api/v1/bills", b.token, body, 201);
	ck_assert_str_eq(jstr(j, "status"), "received");
	snprintf(path, sizeof(path), "/api/v1/bills/%s/void", jstr(j, "id"));
	cJSON_Delete(j);
	ck_assert_int_eq(kit_balance(&b, "1400"), 30247);
	j = kit_call("POST", path, b.token, "{}", 200);
	ck_assert_str_eq(jstr(j, "status"), "void");
	cJSON_Delete(j);
	ck_assert_int_eq(kit_balance(&b, "1400"), 0);
	ck_assert_int_eq(kit_balance(&b, "2100"), 0);
	ck_assert_int_eq(kit_adm_int("SELECT on_hand FROM stock_levels WHERE "
	    "tenant_id = '%s' AND product_id = '%s'", b.id, prod), 0);
	ck_assert_int_eq(kit_adm_int("SELECT qty * 1000000 + value FROM "
	    "stock_valuation WHERE tenant_id = '%s' AND product_id = '%s'",
	    b.id, prod), 0);
	ck_assert_int_eq(kit_events(&b, "bill.voided"), 1);
	kit_refused("POST", path, b.token, "{}", 409, NULL);
	/* the void freed its reference */
	j = kit_call("POST", "/api/v1/bills", b.token, body, 201);
	char *again = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	/* goods no longer there (reserved): the void is refused, nothing
	 * moves */
	free(kit_adm("UPDATE stock_levels SET reserved = 3 WHERE tenant_id = '%s' "
	    "AND product_id = '%s'", b.id, prod));
	snprintf(path, sizeof(path), "/api/v1/bills/%s/void", again);
	long long w = written(&b);
	kit_refused("POST", path, b.token, "{}", 409, NULL);
	ck_assert_int_eq(written(&b), w);
	ck_assert_str_eq(status_of(&b, "bills", again), "received");
	ck_assert_int_eq(kit_adm_int("SELECT on_hand FROM stock_levels WHERE "
	    "tenant_id = '%s' AND product_id = '%s'", b.id, prod), 7);
	ck_assert_int_eq(kit_balance(&b, "1400"), 30247);
	free(again);
	free(prod);
	free(cust);
	free(sup);
	free(b.token);
}
END_TEST

START_TEST(bill_overdue_by_cron)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *sup = kit_party(b.token, "supplier", "Late Letters", NULL);
	/* dated in this year's first period, due a day later: past due */
	char *start = kit_adm("SELECT start_date::text FROM periods WHERE "
	    "tenant_id = '%s' AND start_date <= current_date - 2 ORDER BY "
	    "start_date LIMIT 1", b.id);
	if (start == NULL)	/* the year began yesterday */
		start = kit_adm("SELECT (current_date - 40)::text");
	char *due = kit_adm("SELECT ('%s'::date + 1)::text", start);
	char body[1024];
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"bill_date\":"
	    "\"%s\",\"due_date\":\"%s\",\"receive\":true,\"lines\":[{"
	    "\"description\":\"Old stationery\",\"quantity\":1,"
	    "\"unit_price\":7000,\"tax_group\":null}]}", sup, start, due);
	cJSON *j = kit_call("POST", "/api/v1/bills", b.token, body, 201);
	char *late = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"receive\":true,"
	    "\"lines\":[{\"description\":\"New stationery\",\"quantity\":1,"
	    "\"unit_price\":3000,\"tax_group\":null}]}", sup);
	j = kit_call("POST", "/api/v1/bills", b.token, body, 201);
	char *fresh = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "BURSAR_CONFIG=%s/bursar.conf %s/cron/overdue "
	    ">/dev/null", getenv("BURSAR_VAR"), getenv("BURSAR_BUILD"));
	ck_assert_int_eq(sh("%s", cmd), 0);
	ck_assert_str_eq(status_of(&b, "bills", late), "overdue");
	ck_assert_str_eq(status_of(&b, "bills", fresh), "received");
	ck_assert_int_eq(kit_events(&b, "bill.overdue"), 1);
	ck_assert_int_eq(sh("%s", cmd), 0);
	ck_assert_int_eq(kit_events(&b, "bill.overdue"), 1);
	/* a part payment keeps it overdue */
	snprintf(body, sizeof(body), "{\"direction\":\"out\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":2000,\"currency\":\"INR\"},\"method\":"
	    "\"cash\",\"allocations\":[{\"bill\":\"%s\",\"amount\":2000}]}",
	    sup, late);
	cJSON_Delete(pay(&b, body));
	ck_assert_str_eq(status_of(&b, "bills", late), "overdue");
	/* the supplier's aging: 5000 more than 30 days late, 3000 current */
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/statements/%s?side=supplier", sup);
	j = kit_call("GET", path, b.token, NULL, 200);
	cJSON *ag = cJSON_GetObjectItem(j, "aging");
	ck_assert_int_eq(kit_amount(ag, "current"), 3000);
	ck_assert_int_eq(kit_amount(ag, "total"), 8000);
	ck_assert_int_eq(kit_amount(j, "closing"), 8000);
	ck_assert_int_eq(kit_amount(j, "closing"), -kit_balance(&b, "2100"));
	cJSON_Delete(j);
	free(fresh);
	free(late);
	free(due);
	free(start);
	free(sup);
	free(b.token);
}
END_TEST

/* ---- payments received ---- */

START_TEST(payment_in_allocated_credit_kept_allocated_refunded)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *cust = kit_party(b.token, "customer", "Nilgiri Foods", NULL);
	char *a = invoice(&b, cust, 100000);
	char *i2 = invoice(&b, cust, 50000);
	ck_assert_int_eq(kit_balance(&b, "1300"), 150000);
	/* 1300.00 received: 1000.00 settles A in full, 200.00 goes to B,
	 * 100.00 stays as credit */
	char body[1024];
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":130000,\"currency\":\"INR\"},\"method\":"
	    "\"bank_transfer\",\"reference\":\"UTR-1\",\"allocations\":["
	    "{\"invoice\":\"%s\",\"amount\":100000},{\"invoice\":\"%s\","
	    "\"amount\":20000}]}", cust, a, i2);
	cJSON *j = pay(&b, body);
	char num[40];
	snprintf(num, sizeof(num), "PAY-%d-00001", kit_fy());
	ck_assert_str_eq(jstr(j, "number"), num);
	ck_assert_int_eq(kit_amount(j, "amount"), 130000);
	ck_assert_int_eq(kit_amount(j, "allocated"), 120000);
	ck_assert_int_eq(kit_amount(j, "unallocated"), 10000);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j,
	    "allocations")), 2);
	char *p1 = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	ck_assert_str_eq(status_of(&b, "invoices", a), "paid");
	ck_assert_str_eq(status_of(&b, "invoices", i2), "partially_paid");
	ck_assert_int_eq(paid_of(&b, "invoices", i2), 20000);
	ck_assert_int_eq(kit_balance(&b, "1200"), 130000);
	ck_assert_int_eq(kit_balance(&b, "1300"), 20000);
	ck_assert_int_eq(kit_events(&b, "payment.received"), 1);
	ck_assert_int_eq(kit_events(&b, "invoice.paid"), 1);
	/* the credit allocated later */
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/payments/%s/allocate", p1);
	snprintf(body, sizeof(body), "{\"allocations\":[{\"invoice\":\"%s\","
	    "\"amount\":10000}]}", i2);
	j = kit_call("POST", path, b.token, body, 200);
	ck_assert_int_eq(kit_amount(j, "unallocated"), 0);
	cJSON_Delete(j);
	ck_assert_int_eq(paid_of(&b, "invoices", i2), 30000);
	/* allocating it posts nothing */
	ck_assert_int_eq(kit_balance(&b, "1300"), 20000);
	/* nothing left to allocate */
	kit_refused("POST", path, b.token, body, 409, NULL);
	/* 300.00 more: 200.00 pays B off, 100.00 is kept as credit */
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":30000,\"currency\":\"INR\"},\"method\":"
	    "\"cash\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":20000}]}",
	    cust, i2);
	j = pay(&b, body);
	ck_assert_int_eq(kit_amount(j, "unallocated"), 10000);
	ck_assert_str_eq(jstr(j, "account"), "@cash");
	char *p2 = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	ck_assert_str_eq(status_of(&b, "invoices", i2), "paid");
	ck_assert_int_eq(kit_events(&b, "invoice.paid"), 2);
	ck_assert_int_eq(kit_balance(&b, "1100"), 30000);
	ck_assert_int_eq(kit_balance(&b, "1300"), -10000);
	/* 40.00 of the credit refunded, by bank */
	snprintf(path, sizeof(path), "/api/v1/payments/%s/refund", p2);
	j = kit_call("POST", path, b.token, "{\"amount\":4000,\"method\":"
	    "\"bank_transfer\"}", 201);
	ck_assert_str_eq(jstr(j, "kind"), "refund");
	ck_assert_str_eq(jstr(j, "direction"), "out");
	ck_assert_str_eq(jstr(j, "refund_of"), p2);
	ck_assert_int_eq(kit_amount(j, "amount"), 4000);
	cJSON_Delete(j);
	ck_assert_int_eq(kit_adm_int("SELECT unallocated FROM payments WHERE id = "
	    "'%s'", p2), 6000);
	ck_assert_int_eq(kit_balance(&b, "1200"), 126000);
	ck_assert_int_eq(kit_balance(&b, "1300"), -6000);
	ck_assert_int_eq(kit_events(&b, "payment.refunded"), 1);
	/* no more than the credit left; nothing written */
	long long w = written(&b);
	kit_refused("POST", path, b.token, "{\"amount\":6001}", 422, "amount");
	kit_refused("POST", path, b.token, "{\"amount\":0}", 422, "amount");
	ck_assert_int_eq(written(&b), w);
	/* the customer's statement: every document and payment, running */
	snprintf(path, sizeof(path), "/api/v1/statements/%s", cust);
	j = kit_call("GET", path, b.token, NULL, 200);
	ck_assert_str_eq(jstr(j, "side"), "customer");
	ck_assert_int_eq(kit_amount(j, "opening"), 0);
	cJSON *items = cJSON_GetObjectItem(j, "items");
	ck_assert_int_eq(cJSON_GetArraySize(items), 5);
	static const long long run[5] = { 100000, 150000, 20000, -10000,
	    -6000 };
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(kit_amount(cJSON_GetArrayItem(items, i), "balance"),
		    run[i]);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items, 4), "kind"), "refund");
	ck_assert_int_eq(kit_amount(j, "closing"), -6000);
	/* it agrees with the ledger */
	ck_assert_int_eq(kit_amount(j, "closing"), kit_balance(&b, "1300"));
	cJSON *ag = cJSON_GetObjectItem(j, "aging");
	ck_assert_int_eq(kit_amount(ag, "total"), 0);
	ck_assert_int_eq(kit_amount(ag, "unapplied_credit"), 6000);
	cJSON_Delete(j);
	/* a period after today: all brought forward */
	char *tomorrow = kit_adm("SELECT (current_date + 1)::text");
	snprintf(path, sizeof(path), "/api/v1/statements/%s?from=%s", cust,
	    tomorrow);
	j = kit_call("GET", path, b.token, NULL, 200);
	ck_assert_int_eq(kit_amount(j, "opening"), -6000);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 0);
	cJSON_Delete(j);
	free(tomorrow);
	free(p2);
	free(p1);
	free(i2);
	free(a);
	free(cust);
	free(b.token);
}
END_TEST

START_TEST(payment_refusals_write_nothing)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *cust = kit_party(b.token, "customer", "Malabar Spices", NULL);
	char *other = kit_party(b.token, "customer", "Someone Else", NULL);
	char *sup = kit_party(b.token, "supplier", "Only A Supplier", NULL);
	char *mine = invoice(&b, cust, 20000);
	char *theirs = invoice(&b, other, 20000);
	char *voided = invoice(&b, cust, 5000);
	char path[200], body[1024];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/void", voided);
	cJSON_Delete(kit_call("POST", path, b.token, "{}", 200));
	long long w = written(&b);
	static const char *const amounts[] = { "0", "-500", "12.5", "\"100\"",
	    "1e20" };
	for (int i = 0; i < 5; i++) {
		snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":"
		    "\"%s\",\"amount\":{\"amount\":%s,\"currency\":\"INR\"},"
		    "\"method\":\"upi\"}", cust, amounts[i]);
		kit_refused("POST", "/api/v1/payments", b.token, body, 422, "amount");
	}
	/* over what is open on the invoice */
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":30000,\"currency\":\"INR\"},\"method\":"
	    "\"upi\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":20001}]}",
	    cust, mine);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422,
	    "allocations[0].amount");
	/* allocations beyond the payment */
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":10000,\"currency\":\"INR\"},\"method\":"
	    "\"upi\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":10001}]}",
	    cust, mine);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422,
	    "allocations[0].amount");
	/* another customer's invoice */
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":10000,\"currency\":\"INR\"},\"method\":"
	    "\"upi\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":5000}]}",
	    cust, theirs);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422,
	    "allocations[0].invoice");
	/* a void invoice */
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":5000,\"currency\":\"INR\"},\"method\":"
	    "\"upi\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":5000}]}",
	    cust, voided);
	kit_refused("POST", "/api/v1/payments", b.token, body, 409,
	    "allocations[0].invoice");
	/* another currency than the invoice's (with no rate to it either) */
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":5000,\"currency\":\"USD\"},\"method\":"
	    "\"upi\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":5000}]}",
	    cust, mine);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422, NULL);
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":5000,\"currency\":\"XYZ\"},\"method\":"
	    "\"upi\"}", cust);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422, "currency");
	/* money in from a party that is not a customer; a bad direction,
	 * method, account, date */
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":5000,\"currency\":\"INR\"},\"method\":"
	    "\"upi\"}", sup);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422, "party");
	snprintf(body, sizeof(body), "{\"direction\":\"sideways\",\"party\":"
	    "\"%s\",\"amount\":{\"amount\":5000,\"currency\":\"INR\"},"
	    "\"method\":\"upi\"}", cust);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422, "direction");
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":5000,\"currency\":\"INR\"},\"method\":"
	    "\"barter\"}", cust);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422, "method");
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":5000,\"currency\":\"INR\"},\"method\":"
	    "\"upi\",\"account\":\"4100\"}", cust);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422, "account");
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":5000,\"currency\":\"INR\"},\"method\":"
	    "\"upi\",\"payment_date\":\"yesterday\"}", cust);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422, "payment_date");
	/* a bill on a payment in */
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":5000,\"currency\":\"INR\"},\"method\":"
	    "\"upi\",\"allocations\":[{\"bill\":\"%s\",\"amount\":5000}]}",
	    cust, mine);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422,
	    "allocations[0]");
	/* nothing of it was written, and the invoices are as they were */
	ck_assert_int_eq(written(&b), w);
	ck_assert_int_eq(paid_of(&b, "invoices", mine), 0);
	ck_assert_int_eq(paid_of(&b, "invoices", theirs), 0);
	ck_assert_str_eq(status_of(&b, "invoices", mine), "issued");
	/* limits and filters on the list */
	kit_refused("GET", "/api/v1/payments?limit=201", b.token, NULL, 400, NULL);
	kit_refused("GET", "/api/v1/payments?direction=up", b.token, NULL, 422,
	    "direction");
	cJSON_Delete(kit_call("GET", "/api/v1/payments/00000000-0000-0000-0000-"
	    "000000000000", b.token, NULL, 404));
	free(voided);
	free(theirs);
	free(mine);
	free(sup);
	free(other);
	free(cust);
	free(b.token);
}
END_TEST

/* ---- payments made ---- */

START_TEST(payment_to_a_supplier)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *sup = kit_party(b.token, "supplier", "Tapti Paper", NULL);
	char body[1024];
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"supplier_ref\":"
	    "\"TP-9\",\"receive\":true,\"lines\":[{\"description\":\"Office "
	    "paper\",\"quantity\":10,\"unit_price\":25000,\"tax_group\":"
	    "\"GST18\"}]}", sup);
	cJSON *j = kit_call("POST", "/api/v1/bills", b.token, body, 201);
	ck_assert_int_eq(kit_amount(j, "total"), 295000);
	char *bill = strdup(jstr(j, "id"));
	char *number = strdup(jstr(j, "number"));
	cJSON_Delete(j);
	/* part by its number, then the rest */
	snprintf(body, sizeof(body), "{\"direction\":\"out\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":100000,\"currency\":\"INR\"},\"method\":"
	    "\"cheque\",\"reference\":\"CHQ 000123\",\"allocations\":[{\"bill\":"
	    "\"%s\",\"amount\":100000}]}", sup, number);
	j = pay(&b, body);
	ck_assert_str_eq(jstr(j, "direction"), "out");
	ck_assert_int_eq(kit_amount(j, "unallocated"), 0);
	cJSON_Delete(j);
	ck_assert_str_eq(status_of(&b, "bills", bill), "partially_paid");
	ck_assert_int_eq(kit_balance(&b, "2100"), -195000);
	ck_assert_int_eq(kit_balance(&b, "1200"), -100000);
	ck_assert_int_eq(kit_events(&b, "payment.made"), 1);
	/* more than is open on it is refused */
	long long w = written(&b);
	snprintf(body, sizeof(body), "{\"direction\":\"out\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":200000,\"currency\":\"INR\"},\"method\":"
	    "\"bank_transfer\",\"allocations\":[{\"bill\":\"%s\",\"amount\":"
	    "195001}]}", sup, bill);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422,
	    "allocations[0].amount");
	ck_assert_int_eq(written(&b), w);
	snprintf(body, sizeof(body), "{\"direction\":\"out\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":195000,\"currency\":\"INR\"},\"method\":"
	    "\"bank_transfer\",\"allocations\":[{\"bill\":\"%s\",\"amount\":"
	    "195000}]}", sup, bill);
	cJSON_Delete(pay(&b, body));
	ck_assert_str_eq(status_of(&b, "bills", bill), "paid");
	ck_assert_int_eq(kit_events(&b, "bill.paid"), 1);
	ck_assert_int_eq(kit_balance(&b, "2100"), 0);
	ck_assert_int_eq(kit_balance(&b, "1200"), -295000);
	/* a paid bill is not voided */
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/bills/%s/void", bill);
	kit_refused("POST", path, b.token, "{}", 409, NULL);
	/* the supplier's statement */
	snprintf(path, sizeof(path), "/api/v1/statements/%s", sup);
	j = kit_call("GET", path, b.token, NULL, 200);
	ck_assert_str_eq(jstr(j, "side"), "supplier");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 3);
	ck_assert_int_eq(kit_amount(cJSON_GetArrayItem(cJSON_GetObjectItem(j,
	    "items"), 0), "balance"), 295000);
	ck_assert_int_eq(kit_amount(j, "closing"), 0);
	cJSON_Delete(j);
	free(number);
	free(bill);
	free(sup);
	free(b.token);
}
END_TEST

/* rate: the business's USD rate for today set to r */
static void
rate(const biz *b, const char *r)
{
	free(kit_adm("INSERT INTO exchange_rates (tenant_id, currency, rate_date, "
	    "rate) VALUES ('%s', 'USD', current_date, %s) ON CONFLICT (tenant_id, "
	    "currency, rate_date) DO UPDATE SET rate = EXCLUDED.rate", b->id, r));
}

START_TEST(foreign_currency_exchange_difference)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *cust = kit_party(b.token, "customer", "Acme Inc", "USD");
	char *sup = kit_party(b.token, "supplier", "Globex LLC", "USD");
	/* invoiced $1000.00 at 83.00: receivable 83,000.00 */
	rate(&b, "83.00");
	char *inv = invoice(&b, cust, 100000);
	ck_assert_int_eq(kit_balance(&b, "1300"), 8300000);
	/* $600.00 received at 84.50: 50,700.00 banked, 49,800.00 of the
	 * receivable relieved, 900.00 gained */
	rate(&b, "84.50");
	char body[1024];
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":60000,\"currency\":\"USD\"},\"method\":"
	    "\"bank_transfer\",\"allocations\":[{\"invoice\":\"%s\","
	    "\"amount\":60000}]}", cust, inv);
	cJSON_Delete(pay(&b, body));
	ck_assert_int_eq(kit_balance(&b, "1200"), 5070000);
	ck_assert_int_eq(kit_balance(&b, "1300"), 3320000);
	ck_assert_int_eq(kit_balance(&b, "4800"), -90000);
	/* $450.00: $400.00 settles it (the rest of its 83.00 booking goes,
	 * 600.00 gained), $50.00 kept as credit at 84.50 */
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":45000,\"currency\":\"USD\"},\"method\":"
	    "\"bank_transfer\",\"allocations\":[{\"invoice\":\"%s\","
	    "\"amount\":40000}]}", cust, inv);
	cJSON *j = pay(&b, body);
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/payments/%s/refund", jstr(j, "id"));
	cJSON_Delete(j);
	ck_assert_str_eq(status_of(&b, "invoices", inv), "paid");
	ck_assert_int_eq(kit_balance(&b, "1300"), -422500);
	ck_assert_int_eq(kit_balance(&b, "4800"), -150000);
	/* the $50.00 refunded at 82.00: 4,100.00 paid out for a credit
	 * booked at 4,225.00 */
	rate(&b, "82.00");
	cJSON_Delete(kit_call("POST", path, b.token, "{\"amount\":5000}", 201));
	ck_assert_int_eq(kit_balance(&b, "1300"), 0);
	ck_assert_int_eq(kit_balance(&b, "1200"), 5070000 + 3802500 - 410000);
	ck_assert_int_eq(kit_balance(&b, "4800"), -162500);
	/* a supplier's $200.00 bill at 82.00, paid at 84.50: 500.00 lost */
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"receive\":true,"
	    "\"lines\":[{\"description\":\"Licence\",\"quantity\":1,"
	    "\"unit_price\":20000,\"tax_group\":null}]}", sup);
	j = kit_call("POST", "/api/v1/bills", b.token, body, 201);
	ck_assert_str_eq(jstr(j, "currency"), "USD");
	char *bill = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	ck_assert_int_eq(kit_balance(&b, "2100"), -1640000);
	ck_assert_int_eq(kit_balance(&b, "5500"), 1640000);
	rate(&b, "84.50");
	snprintf(body, sizeof(body), "{\"direction\":\"out\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":20000,\"currency\":\"USD\"},\"method\":"
	    "\"bank_transfer\",\"allocations\":[{\"bill\":\"%s\","
	    "\"amount\":20000}]}", sup, bill);
	cJSON_Delete(pay(&b, body));
	ck_assert_int_eq(kit_balance(&b, "2100"), 0);
	ck_assert_int_eq(kit_balance(&b, "5800"), 50000);
	/* a payment in another currency than the invoice's is refused */
	char *inr = kit_party(b.token, "customer", "Local Shop", NULL);
	char *local = invoice(&b, inr, 1000);
	long long w = written(&b);
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":1000,\"currency\":\"USD\"},\"method\":"
	    "\"upi\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":"
	    "1000}]}", inr, local);
	kit_refused("POST", "/api/v1/payments", b.token, body, 422,
	    "allocations[0].invoice");
	ck_assert_int_eq(written(&b), w);
	free(local);
	free(inr);
	free(bill);
	free(inv);
	free(sup);
	free(cust);
	free(b.token);
}
END_TEST

START_TEST(credit_note_refunded)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *cust = kit_party(b.token, "customer", "Godavari Retail", NULL);
	char *inv = invoice(&b, cust, 80000);
	char body[512], path[200];
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":80000,\"currency\":\"INR\"},\"method\":"
	    "\"upi\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":80000}]}",
	    cust, inv);
	cJSON_Delete(pay(&b, body));
	/* goods came back after payment: the credit note's 800.00 is open */
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/credit-notes", inv);
	cJSON *j = kit_call("POST", path, b.token, "{\"all\":true}", 201);
	char *cn = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	ck_assert_int_eq(kit_balance(&b, "1300"), -80000);
	snprintf(path, sizeof(path), "/api/v1/payments/credit-notes/%s/refund",
	    cn);
	long long w = written(&b);
	kit_refused("POST", path, b.token, "{\"amount\":80001}", 422, "amount");
	ck_assert_int_eq(written(&b), w);
	j = kit_call("POST", path, b.token, "{\"amount\":80000}", 201);
	ck_assert_str_eq(jstr(j, "kind"), "refund");
	cJSON_Delete(j);
	ck_assert_int_eq(kit_balance(&b, "1300"), 0);
	ck_assert_int_eq(kit_balance(&b, "1200"), 0);
	ck_assert_str_eq(status_of(&b, "invoices", cn), "paid");
	kit_refused("POST", path, b.token, "{\"amount\":1}", 422, "amount");
	free(cn);
	free(inv);
	free(cust);
	free(b.token);
}
END_TEST

START_TEST(statement_aging_and_periods)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *cust = kit_party(b.token, "customer", "Kaveri Hotels", NULL);
	/* three invoices, made old by hand: due 10, 45 and 120 days ago */
	char *x = invoice(&b, cust, 10000), *y = invoice(&b, cust, 20000);
	char *z = invoice(&b, cust, 40000);
	free(kit_adm("UPDATE invoices SET due_date = current_date - 10 WHERE id = "
	    "'%s'", x));
	free(kit_adm("UPDATE invoices SET due_date = current_date - 45 WHERE id = "
	    "'%s'", y));
	free(kit_adm("UPDATE invoices SET due_date = current_date - 120 WHERE id = "
	    "'%s'", z));
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/statements/%s", cust);
	cJSON *j = kit_call("GET", path, b.token, NULL, 200);
	cJSON *ag = cJSON_GetObjectItem(j, "aging");
	ck_assert_int_eq(kit_amount(ag, "current"), 0);
	ck_assert_int_eq(kit_amount(ag, "days_1_30"), 10000);
	ck_assert_int_eq(kit_amount(ag, "days_31_60"), 20000);
	ck_assert_int_eq(kit_amount(ag, "days_61_90"), 0);
	ck_assert_int_eq(kit_amount(ag, "days_over_90"), 40000);
	ck_assert_int_eq(kit_amount(ag, "total"), 70000);
	ck_assert_int_eq(kit_amount(j, "closing"), 70000);
	cJSON_Delete(j);
	/* before the first document: nothing */
	char *yesterday = kit_adm("SELECT (current_date - 1)::text");
	snprintf(path, sizeof(path), "/api/v1/statements/%s?to=%s", cust,
	    yesterday);
	j = kit_call("GET", path, b.token, NULL, 200);
	ck_assert_int_eq(kit_amount(j, "closing"), 0);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 0);
	cJSON_Delete(j);
	/* bad asks */
	snprintf(path, sizeof(path), "/api/v1/statements/%s?from=someday",
	    cust);
	kit_refused("GET", path, b.token, NULL, 422, "from");
	snprintf(path, sizeof(path), "/api/v1/statements/%s?side=supplier",
	    cust);
	kit_refused("GET", path, b.token, NULL, 422, "side");
	kit_refused("GET", "/api/v1/statements/NOBODY", b.token, NULL, 404, NULL);
	/* another business sees none of it */
	biz o;
	kit_business(&o, "pay", "INR");
	snprintf(path, sizeof(path), "/api/v1/statements/%s", cust);
	kit_refused("GET", path, o.token, NULL, 404, NULL);
	free(o.token);
	free(yesterday);
	free(z);
	free(y);
	free(x);
	free(cust);
	free(b.token);
}
END_TEST

START_TEST(idempotent_payment)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *cust = kit_party(b.token, "customer", "Repeat Buyer", NULL);
	char body[512], auth[1024], key[128];
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":1234,\"currency\":\"INR\"},\"method\":"
	    "\"cash\"}", cust);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", b.token);
	snprintf(key, sizeof(key), "Idempotency-Key: %s", unique("paykey"));
	const char *h[] = { auth, key, "Content-Type: application/json", NULL };
	reply r1, r2;
	ck_assert_int_eq(client_do("POST", "/api/v1/payments", h, body,
	    strlen(body), &r1), 0);
	ck_assert_int_eq(client_do("POST", "/api/v1/payments", h, body,
	    strlen(body), &r2), 0);
	ck_assert_int_eq(r1.status, 201);
	ck_assert_int_eq(r2.status, 201);
	cJSON *a = body_json(&r1), *c = body_json(&r2);
	ck_assert_str_eq(jstr(a, "id"), jstr(c, "id"));
	ck_assert_int_eq(count_of(&b, "payments"), 1);
	ck_assert_int_eq(kit_balance(&b, "1100"), 1234);
	cJSON_Delete(a);
	cJSON_Delete(c);
	reply_free(&r1);
	reply_free(&r2);
	free(cust);
	free(b.token);
}
END_TEST

/* ---- lists and pages ---- */

START_TEST(lists_pages_and_forms)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *cust = kit_party(b.token, "customer", "Sahyadri Farms", NULL);
	char *sup = kit_party(b.token, "supplier", "Konkan Crates", NULL);
	char *inv = invoice(&b, cust, 99900);
	char body[1024];
	for (int i = 0; i < 3; i++) {
		snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":"
		    "\"%s\",\"amount\":{\"amount\":%d,\"currency\":\"INR\"},"
		    "\"method\":\"upi\",\"reference\":\"R-%d\"}", cust, 1000 + i,
		    i);
		cJSON_Delete(pay(&b, body));
	}
	/* keyset pages of 2, newest first */
	cJSON *j = kit_call("GET", "/api/v1/payments?limit=2", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 2);
	ck_assert_int_eq(kit_amount(cJSON_GetArrayItem(cJSON_GetObjectItem(j,
	    "items"), 0), "amount"), 1002);
	const char *next = jstr(j, "next");
	ck_assert_ptr_nonnull(next);
	char path[300];
	snprintf(path, sizeof(path), "/api/v1/payments?limit=2&cursor=%s",
	    next);
	cJSON_Delete(j);
	j = kit_call("GET", path, b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "next")));
	cJSON_Delete(j);
	j = kit_call("GET", "/api/v1/payments?q=r-1", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	cJSON_Delete(j);
	j = kit_call("GET", "/api/v1/payments?credit=true&direction=in", b.token,
	    NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 3);
	cJSON_Delete(j);
	/* the payment form: refused with what was typed kept */
	long long w = written(&b);
	reply r;
	snprintf(body, sizeof(body), "direction=in&party=%s&amount=12.345&"
	    "method=upi&reference=KEEP-ME&alloc_doc=&alloc_amount=", cust);
	kit_form("/app/payments", b.token, body, &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "KEEP-ME"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "at most 2 decimals"));
	reply_free(&r);
	char *number = kit_adm("SELECT number FROM invoices WHERE id = '%s'", inv);
	snprintf(body, sizeof(body), "direction=in&party=%s&amount=500.00&"
	    "method=upi&reference=TOO-MUCH&alloc_doc=%s&alloc_amount=1000.00",
	    cust, number);
	kit_form("/app/payments", b.token, body, &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "TOO-MUCH"));
	reply_free(&r);
	ck_assert_int_eq(written(&b), w);
	snprintf(body, sizeof(body), "direction=in&party=%s&amount=999.00&"
	    "method=upi&reference=FORM-1&alloc_doc=%s&alloc_amount=999.00",
	    cust, number);
	kit_form("/app/payments", b.token, body, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_str_eq(status_of(&b, "invoices", inv), "paid");
	/* the pages */
	kit_page("/app/payments", b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "FORM-1"));
	reply_free(&r);
	/* the form first asks whose payment, then lists what is open */
	kit_page("/app/payments/new?direction=out", b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Show open invoices"));
	ck_assert_ptr_null(strstr(buf_str(&r.body), "alloc_doc"));
	reply_free(&r);
	char *pid = kit_adm("SELECT id FROM payments WHERE reference = "
	    "'FORM-1' AND tenant_id = '%s'", b.id);
	snprintf(path, sizeof(path), "/app/payments/%s", pid);
	kit_page(path, b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), number));
	reply_free(&r);
	snprintf(path, sizeof(path), "/app/statements/%s", cust);
	kit_page(path, b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Balance brought"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "-30.03"));
	reply_free(&r);
	/* the refund and allocation forms on a payment's page */
	char *r0 = kit_adm("SELECT id FROM payments WHERE reference = 'R-0' AND "
	    "tenant_id = '%s'", b.id);
	snprintf(path, sizeof(path), "/app/payments/%s/refund", r0);
	w = written(&b);
	kit_form(path, b.token, "amount=20.00", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "credit left to refund"));
	reply_free(&r);
	snprintf(path, sizeof(path), "/app/payments/%s/allocate", r0);
	kit_form(path, b.token, "direction=in&alloc_doc=NO-SUCH&alloc_amount=1.00",
	    &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "no such invoice"));
	reply_free(&r);
	ck_assert_int_eq(written(&b), w);
	snprintf(path, sizeof(path), "/app/payments/%s/refund", r0);
	kit_form(path, b.token, "amount=5.00&reference=CASH-BACK", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT unallocated FROM payments WHERE id = "
	    "'%s'", r0), 500);
	free(r0);
	/* a bill by the form, with a bad line drawn again */
	snprintf(body, sizeof(body), "supplier=%s&supplier_ref=KC-FORM&"
	    "line_product=&line_description=Crates&line_quantity=two&"
	    "line_unit_price=150.00&line_tax_group=&line_account=", sup);
	long long bills = count_of(&b, "bills");
	kit_form("/app/bills", b.token, body, &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "KC-FORM"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Crates"));
	reply_free(&r);
	ck_assert_int_eq(count_of(&b, "bills"), bills);
	snprintf(body, sizeof(body), "supplier=%s&supplier_ref=KC-FORM&"
	    "line_product=&line_description=Crates&line_quantity=2&"
	    "line_unit_price=150.00&line_tax_group=&line_account=5500&"
	    "receive=yes", sup);
	kit_form("/app/bills", b.token, body, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_int_eq(kit_balance(&b, "5500"), 30000);
	kit_page("/app/bills?q=kc-form", b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "KC-FORM"));
	reply_free(&r);
	kit_page("/app/bills/new", b.token, 200, &r);
	reply_free(&r);
	char *bid = kit_adm("SELECT id FROM bills WHERE supplier_ref = "
	    "'KC-FORM' AND tenant_id = '%s'", b.id);
	snprintf(path, sizeof(path), "/app/bills/%s", bid);
	kit_page(path, b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "300.00"));
	reply_free(&r);
	j = kit_call("GET", "/api/v1/bills?status=received", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	cJSON_Delete(j);
	kit_refused("GET", "/api/v1/bills?status=lost", b.token, NULL, 422,
	    "status");
	free(bid);
	free(pid);
	free(number);
	free(inv);
	free(sup);
	free(cust);
	free(b.token);
}
END_TEST

/* ---- the workflow of the issue, end to end ---- */

/* tb: the trial balance's item for code: its balance, debit-positive */
static long long
tb(const cJSON *items, const char *code)
{
	const cJSON *x;
	cJSON_ArrayForEach(x, items) {
		if (strcmp(jstr(x, "code") ? jstr(x, "code") : "", code) == 0)
			return kit_amount(x, "balance_debit") - kit_amount(x,
			    "balance_credit");
	}
	return 0;
}

START_TEST(workflow_end_to_end)
{
	biz b;
	kit_business(&b, "pay", "INR");
	char *sup = kit_party(b.token, "supplier", "Assam Estates", NULL);
	char *cust = kit_party(b.token, "customer", "Blue Lotus Cafe", NULL);
	char *prod = kit_product(b.token, "TEA-1KG", 50000, "INR", "GST18", 1);
	/* the stock: 20 kg bought at 300.00 (+ GST 18% input tax) */
	char body[1024];
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"supplier_ref\":"
	    "\"AE-501\",\"receive\":true,\"lines\":[{\"sku\":\"TEA-1KG\","
	    "\"quantity\":20,\"unit_price\":30000}]}", sup);
	cJSON *j = kit_call("POST", "/api/v1/bills", b.token, body, 201);
	ck_assert_int_eq(kit_amount(j, "total"), 708000);
	char *bill = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	snprintf(body, sizeof(body), "{\"direction\":\"out\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":708000,\"currency\":\"INR\"},\"method\":"
	    "\"bank_transfer\",\"allocations\":[{\"bill\":\"%s\",\"amount\":"
	    "708000}]}", sup, bill);
	cJSON_Delete(pay(&b, body));
	/* an order for 5 kg at 500.00 + GST 18%, placed: 5 reserved */
	snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"lines\":[{"
	    "\"sku\":\"TEA-1KG\",\"quantity\":5,\"unit_price\":50000}]}",
	    cust);
	j = kit_call("POST", "/api/v1/orders", b.token, body, 201);
	ck_assert_int_eq(kit_amount(j, "total"), 295000);
	char *order = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/orders/%s/place", order);
	cJSON_Delete(kit_call("POST", path, b.token, "{}", 200));
	ck_assert_int_eq(kit_adm_int("SELECT reserved FROM stock_levels WHERE "
	    "tenant_id = '%s' AND product_id = '%s'", b.id, prod), 5);
	ck_assert_int_eq(kit_events(&b, "order.placed"), 1);
	ck_assert_int_eq(kit_events(&b, "stock.reserved"), 1);
	/* shipped: cost of goods sold at the moving average, 5 x 300.00 */
	snprintf(path, sizeof(path), "/api/v1/orders/%s/ship", order);
	cJSON_Delete(kit_call("POST", path, b.token, "{}", 200));
	ck_assert_int_eq(kit_adm_int("SELECT on_hand * 1000 + reserved FROM "
	    "stock_levels WHERE tenant_id = '%s' AND product_id = '%s'", b.id,
	    prod), 15000);
	/* invoiced: by the shipment (the business's default), or by hand */
	char *inv = kit_adm("SELECT id FROM invoices WHERE tenant_id = '%s' AND "
	    "order_id = '%s' AND status <> 'void'", b.id, order);
	if (inv == NULL) {
		snprintf(body, sizeof(body), "{\"order\":\"%s\",\"issue\":true}",
		    order);
		j = kit_call("POST", "/api/v1/invoices", b.token, body, 201);
		inv = strdup(jstr(j, "id"));
		cJSON_Delete(j);
	}
	ck_assert_str_eq(status_of(&b, "invoices", inv), "issued");
	ck_assert_int_eq(kit_adm_int("SELECT total FROM invoices WHERE id = '%s'",
	    inv), 295000);
	/* partly paid, then paid */
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":100000,\"currency\":\"INR\"},\"method\":"
	    "\"upi\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":"
	    "100000}]}", cust, inv);
	cJSON_Delete(pay(&b, body));
	ck_assert_str_eq(status_of(&b, "invoices", inv), "partially_paid");
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":195000,\"currency\":\"INR\"},\"method\":"
	    "\"bank_transfer\",\"allocations\":[{\"invoice\":\"%s\","
	    "\"amount\":195000}]}", cust, inv);
	cJSON_Delete(pay(&b, body));
	ck_assert_str_eq(status_of(&b, "invoices", inv), "paid");
	ck_assert_int_eq(kit_events(&b, "invoice.paid"), 1);
	/* the trial balance at the year's end, to the paisa */
	char *end = kit_adm("SELECT end_date::text FROM fiscal_years WHERE "
	    "tenant_id = '%s' AND start_date <= current_date AND end_date >= "
	    "current_date", b.id);
	snprintf(path, sizeof(path), "/api/v1/ledger/trial-balance?date=%s",
	    end);
	j = kit_call("GET", path, b.token, NULL, 200);
	cJSON *items = cJSON_GetObjectItem(j, "items");
	ck_assert_int_eq(tb(items, "1300"), 0);		/* receivable */
	ck_assert_int_eq(tb(items, "4100"), -250000);	/* sales */
	ck_assert_int_eq(tb(items, "2210"), -22500);	/* output CGST */
	ck_assert_int_eq(tb(items, "2220"), -22500);	/* output SGST */
	ck_assert_int_eq(tb(items, "1200"), -708000 + 295000);	/* bank */
	ck_assert_int_eq(tb(items, "1400"), 600000 - 150000);	/* inventory */
	ck_assert_int_eq(tb(items, "5100"), 150000);	/* COGS */
	ck_assert_int_eq(tb(items, "1510"), 54000);	/* input CGST */
	ck_assert_int_eq(tb(items, "1520"), 54000);	/* input SGST */
	ck_assert_int_eq(tb(items, "2100"), 0);		/* payable */
	cJSON *t = cJSON_GetObjectItem(j, "totals");
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(t, "balanced")));
	ck_assert_int_eq(kit_amount(t, "balance_debit"), 54000 + 54000 + 450000 +
	    150000);
	cJSON_Delete(j);
	/* the inventory account and the valuation agree */
	ck_assert_int_eq(kit_adm_int("SELECT value FROM stock_valuation WHERE "
	    "tenant_id = '%s' AND product_id = '%s'", b.id, prod), 450000);
	free(end);
	free(inv);
	free(order);
	free(bill);
	free(prod);
	free(cust);
	free(sup);
	free(b.token);
}
END_TEST

TCase *
payments_tcase(void)
{
	TCase *tc = tcase_create("payments");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, bill_received_posts_exactly_and_stocks_at_cost);
	tcase_add_test(tc, bill_drafts_void_and_refusals);
	tcase_add_test(tc, bill_overdue_by_cron);
	tcase_add_test(tc, payment_in_allocated_credit_kept_allocated_refunded);
	tcase_add_test(tc, payment_refusals_write_nothing);
	tcase_add_test(tc, payment_to_a_supplier);
	tcase_add_test(tc, foreign_currency_exchange_difference);
	tcase_add_test(tc, credit_note_refunded);
	tcase_add_test(tc, statement_aging_and_periods);
	tcase_add_test(tc, idempotent_payment);
	tcase_add_test(tc, lists_pages_and_forms);
	tcase_add_test(tc, workflow_end_to_end);
	return tc;
}
