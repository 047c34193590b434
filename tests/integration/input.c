/* input.c: what a request may carry, over HTTP against the real stack: a
 * field the route does not know is refused by name and stores nothing
 * (totals on every document among them), single-line text refuses control
 * characters, the database's own messages never reach a client, and an
 * Idempotency-Key belongs to its credential. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "kit.h"
#include "suites.h"

/* rows: the number of rows of table in business b */
static long long
rows(const kit_biz *b, const char *table)
{
	return kit_adm_int("SELECT count(*) FROM %s WHERE tenant_id = '%s'",
	    table, b->id);
}

/* unknown: body to path refused with 422 naming field, and table holds
 * as many of b's rows as before */
static void
unknown(const kit_biz *b, const char *path, const char *body,
    const char *field, const char *table)
{
	long long before = table ? rows(b, table) : 0;
	kit_refused("POST", path, b->token, body, 422, field);
	if (table)
		ck_assert_msg(rows(b, table) == before, "%s stored a row of %s",
		    path, table);
}

START_TEST(unknown_fields_refused_by_name)
{
	kit_biz b;
	kit_business(&b, "unk", "INR");
	char *cust = kit_party(b.token, "customer", "Known Fields Ltd", NULL);
	char *supp = kit_party(b.token, "supplier", "Known Supplies", NULL);
	char *prod = kit_product(b.token, "UNK-1", 1000, "INR", NULL, 1);
	char body[1024];

	unknown(&b, "/api/v1/parties", "{\"code\":\"U1\",\"name\":\"U\","
	    "\"is_customer\":true,\"colour\":\"red\"}", "colour", "parties");
	unknown(&b, "/api/v1/parties", "{\"code\":\"U2\",\"name\":\"U\","
	    "\"is_customer\":true,\"credit_limit\":{\"amount\":5,\"currency\":"
	    "\"INR\",\"soft\":true}}", "credit_limit.soft", "parties");
	unknown(&b, "/api/v1/products", "{\"sku\":\"UNK-2\",\"name\":\"x\","
	    "\"prices\":{\"INR\":100},\"price\":100}", "price", "products");
	unknown(&b, "/api/v1/products", "{\"sku\":\"UNK-3\",\"name\":\"x\","
	    "\"prices\":[{\"currency\":\"INR\",\"unit_price\":100,\"tax\":1}]}",
	    "prices[0].tax", "products");
	/* the demo's mistake: a receipt valued at zero without a word */
	unknown(&b, "/api/v1/stock/receipts", "{\"sku\":\"UNK-1\","
	    "\"quantity\":5,\"total_cost\":5000}", "total_cost",
	    "stock_movements");
	unknown(&b, "/api/v1/locations", "{\"code\":\"L-U\",\"name\":\"x\","
	    "\"kind\":\"shop\"}", "kind", "locations");
	snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"lines\":[{\"sku\":"
	    "\"UNK-1\",\"quantity\":1,\"colour\":\"red\"}]}", cust);
	unknown(&b, "/api/v1/orders", body, "lines[0].colour", "orders");
	/* totals are refused on every document, as orders refuse them */
	snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":100}],"
	    "\"total\":{\"amount\":1,\"currency\":\"INR\"}}", cust);
	unknown(&b, "/api/v1/invoices", body, "total", "invoices");
	snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":100,"
	    "\"total\":1}]}", cust);
	unknown(&b, "/api/v1/invoices", body, "lines[0].total", "invoices");
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":100}],"
	    "\"tax_total\":18}", supp);
	unknown(&b, "/api/v1/bills", body, "tax_total", "bills");
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":100,"
	    "\"net\":100}]}", supp);
	unknown(&b, "/api/v1/bills", body, "lines[0].net", "bills");
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":100,\"currency\":\"INR\"},\"memo\":\"x\"}",
	    cust);
	unknown(&b, "/api/v1/payments", body, "memo", "payments");
	unknown(&b, "/api/v1/accounts", "{\"code\":\"9901\",\"name\":\"x\","
	    "\"type\":\"expense\",\"colour\":1}", "colour", "accounts");
	unknown(&b, "/api/v1/journal", "{\"memo\":\"x\",\"lines\":[{"
	    "\"account\":\"@capital\",\"debit\":100,\"amount\":100},{"
	    "\"account\":\"@capital\",\"credit\":100}]}", "lines[0].amount",
	    "journal_entries");
	unknown(&b, "/api/v1/api-keys", "{\"name\":\"k\",\"scopes\":"
	    "\"sales.read\",\"expires\":\"2030-01-01\"}", "expires", "api_keys");
	unknown(&b, "/api/v1/branches", "{\"code\":\"B-U\",\"name\":\"x\","
	    "\"city\":\"Pune\"}", "city", "branches");
	unknown(&b, "/api/v1/webhooks", "{\"url\":\"https://example.com/h\","
	    "\"event_types\":\"*\",\"secret\":\"mine\"}", "secret",
	    "webhook_subscriptions");
	/* a move takes no fields but its own */
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/products/%s/archive", prod);
	unknown(&b, path, "{\"reason\":\"old\"}", "reason", NULL);
	/* a batch of records holds only its records */
	cJSON *k = kit_post("/api/v1/api-keys", b.token, "{\"name\":\"crm\","
	    "\"scopes\":\"sync.write\"}", 201);
	kit_refused("POST", "/api/v1/sync/units", jstr(k, "key"),
	    "{\"data\":[],\"dry_run\":true}", 422, "dry_run");
	cJSON_Delete(k);
	free(cust);
	free(supp);
	free(prod);
	free(b.token);
}
END_TEST

/* the demo's opening stock is received at its cost (it sent total_cost,
 * which was ignored, and every receipt was valued at zero) */
START_TEST(demo_opening_stock_at_cost)
{
	long long n = kit_adm_int("SELECT count(*) FROM stock_movements m JOIN "
	    "tenants t ON t.id = m.tenant_id WHERE t.slug = 'demo' AND m.kind "
	    "= 'receipt' AND m.memo = 'opening stock'");
	if (n == 0)
		return;	/* no demo in this stack */
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM stock_movements m "
	    "JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = 'demo' AND "
	    "m.kind = 'receipt' AND m.memo = 'opening stock' AND m.value <= 0"),
	    0);
	/* BOLT-M10 at MAIN: 120 boxes for 90000.00 */
	ck_assert_int_eq(kit_adm_int("SELECT m.value FROM stock_movements m "
	    "JOIN tenants t ON t.id = m.tenant_id JOIN products p ON p.tenant_id "
	    "= m.tenant_id AND p.id = m.product_id WHERE t.slug = 'demo' AND "
	    "m.kind = 'receipt' AND m.memo = 'opening stock' AND p.sku = "
	    "'BOLT-M10' AND m.qty = 120"), 9000000);
}
END_TEST

START_TEST(single_line_fields_refuse_control_characters)
{
	/* a business name that would break its mails' headers */
	reply r;
	const char *slug = unique("ctl");
	char body[512];
	snprintf(body, sizeof(body), "{\"business\":\"Acme\\r\\nBcc: "
	    "x@evil.test\",\"slug\":\"%s\",\"currency\":\"INR\",\"name\":"
	    "\"Owner\",\"email\":\"o@%s.test\",\"password\":"
	    "\"blue7Horse!fence\"}", slug, slug);
	kit_refused("POST", "/api/v1/signup", NULL, body, 422, "business");
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM tenants WHERE slug "
	    "= '%s'", slug), 0);
	kit_biz b;
	kit_business(&b, "ctl", "INR");
	unknown(&b, "/api/v1/parties", "{\"code\":\"C1\",\"name\":\"Two\\nLines\","
	    "\"is_customer\":true}", "name", "parties");
	unknown(&b, "/api/v1/parties", "{\"code\":\"C\\t1\",\"name\":\"Tab\","
	    "\"is_customer\":true}", "code", "parties");
	unknown(&b, "/api/v1/parties", "{\"code\":\"C2\",\"name\":\"Bell\\u0007\","
	    "\"is_customer\":true}", "name", "parties");
	unknown(&b, "/api/v1/parties", "{\"code\":\"C3\",\"name\":\"C1 \\u0085 "
	    "next line\",\"is_customer\":true}", "name", "parties");
	/* a form is held to the same */
	kit_form("/app/customers", b.token, "code=C4&name=A%0D%0AB", &r);
	ck_assert_int_eq(r.status, 422);
	reply_free(&r);
	/* prose keeps its lines, and only them */
	cJSON *p = kit_post("/api/v1/parties", b.token, "{\"code\":\"C5\","
	    "\"name\":\"Prose\",\"is_customer\":true,\"notes\":\"line one\\n"
	    "line two\"}", 201);
	ck_assert_str_eq(jstr(p, "notes"), "line one\nline two");
	cJSON_Delete(p);
	unknown(&b, "/api/v1/parties", "{\"code\":\"C6\",\"name\":\"x\","
	    "\"is_customer\":true,\"notes\":\"esc \\u001b[2J\"}", "notes",
	    "parties");
	/* inside a document's lines too */
	char *cust = kit_party(b.token, "customer", "Lines Ltd", NULL);
	snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"reference\":"
	    "\"PO\\n7\",\"lines\":[{\"description\":\"x\",\"quantity\":1,"
	    "\"unit_price\":100}]}", cust);
	unknown(&b, "/api/v1/invoices", body, "reference", "invoices");
	free(cust);
	free(b.token);
}
END_TEST

/* leaks: the reply shows a message of the database's own */
static int
leaks(const reply *r)
{
	const char *s = buf_str((buf *)&r->body);
	return strstr(s, "violates") || strstr(s, "invalid input syntax") ||
	    strstr(s, "relation \"") || strstr(s, "constraint") ||
	    strstr(s, "duplicate key") || strstr(s, "out of range for type");
}

START_TEST(database_messages_stay_in_the_log)
{
	kit_biz b;
	kit_business(&b, "dbe", "INR");
	/* requests whose bad ids and values could reach the database: a
	 * guard (the programs check all of these before the database does
	 * today; what a server message becomes is lib/db's generic_error) */
	static const char *const probes[][3] = {
		{ "POST", "/api/v1/reservations/not-a-uuid/release", "{}" },
		{ "POST", "/api/v1/webhook-deliveries/not-a-uuid/retry", "{}" },
		{ "POST", "/api/v1/payments/not-a-uuid/allocate",
		    "{\"allocations\":[{\"invoice\":\"x\",\"amount\":1}]}" },
		{ "POST", "/api/v1/exchange-rates", "{\"currency\":\"USD\","
		    "\"date\":\"2026-01-01\",\"rate\":\"99999999999999999999999"
		    "9999999999.5\"}" },
		{ "POST", "/api/v1/journal/not-a-uuid/reverse", "{}" },
		{ "POST", "/api/v1/periods/not-a-uuid/close", "{}" },
		{ "POST", "/api/v1/accounts/not-a-uuid/archive", "{}" },
		{ "POST", "/api/v1/tax-groups/not-a-uuid", "{\"name\":\"x\"}" },
	};
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		reply r;
		ck_assert_int_eq(client_json(probes[i][0], probes[i][1], b.token,
		    probes[i][2], &r), 0);
		ck_assert_msg(!leaks(&r), "%s %s: %ld %s", probes[i][0],
		    probes[i][1], r.status, buf_str(&r.body));
		reply_free(&r);
	}
	free(b.token);
}
END_TEST

/* post_keyed: a JSON POST with an Idempotency-Key; the status */
static long
post_keyed(const char *path, const char *token, const char *key,
    const char *body, reply *r)
{
	char auth[1024], k[160];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	snprintf(k, sizeof(k), "Idempotency-Key: %s", key);
	const char *h[] = { auth, "Content-Type: application/json", k, NULL };
	ck_assert_int_eq(client_do("POST", path, h, body, strlen(body), r), 0);
	return r->status;
}

START_TEST(idempotency_key_per_credential)
{
	kit_biz b;
	kit_business(&b, "idk", "INR");
	cJSON *k = kit_post("/api/v1/api-keys", b.token, "{\"name\":\"shop\","
	    "\"scopes\":\"inventory.write, inventory.read\"}", 201);
	const char *key = jstr(k, "key");
	const char *ik = unique("shared-key");
	reply r;
	ck_assert_int_eq(post_keyed("/api/v1/categories", b.token, ik,
	    "{\"name\":\"Owner's\"}", &r), 201);
	reply_free(&r);
	/* the same key from another credential is another request: neither
	 * refused as reused nor answered with the owner's reply */
	ck_assert_int_eq(post_keyed("/api/v1/categories", key, ik,
	    "{\"name\":\"Shop's\"}", &r), 201);
	char h[16];
	ck_assert_int_lt(reply_header(&r, "Idempotent-Replayed", h, sizeof(h)),
	    0);
	reply_free(&r);
	ck_assert_int_eq(post_keyed("/api/v1/categories", key, ik,
	    "{\"name\":\"Owner's\"}", &r), 422);
	reply_free(&r);
	ck_assert_int_eq(rows(&b, "product_categories"), 2);
	/* and the owner's own key still replays the owner's answer */
	ck_assert_int_eq(post_keyed("/api/v1/categories", b.token, ik,
	    "{\"name\":\"Owner's\"}", &r), 201);
	ck_assert_int_eq(reply_header(&r, "Idempotent-Replayed", h, sizeof(h)),
	    0);
	reply_free(&r);
	ck_assert_int_eq(rows(&b, "product_categories"), 2);
	cJSON_Delete(k);
	free(b.token);
}
END_TEST

TCase *
input_tcase(void)
{
	TCase *tc = tcase_create("input");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, unknown_fields_refused_by_name);
	tcase_add_test(tc, demo_opening_stock_at_cost);
	tcase_add_test(tc, single_line_fields_refuse_control_characters);
	tcase_add_test(tc, database_messages_stay_in_the_log);
	tcase_add_test(tc, idempotency_key_per_credential);
	return tc;
}
