/* integrity.c: what Bursar says it does, and whether its trade agrees
 * with its books.  The front page names only capabilities whose page
 * answers a signed-in owner, and README's opening names none that is not
 * built; GET /api/v1/integrity (and /app/integrity) holds for a business
 * that buys by bill, sells, invoices and is paid, fails on a journal
 * entry to inventory that no stock movement made and names it; the demo
 * business passes every check; the sales desk (no reports.read) is
 * refused; a business sees only its own figures, and its books or audit
 * log edited behind the triggers fail its chain checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <check.h>

#include "kit.h"
#include "suites.h"

/* what the issue found promised and not built */
static const char *const not_built[] = { "trade desk", "time billing",
    "reconciliation", "notifications", "reports", NULL };


static void
no_unbuilt(const char *where, const char *text)
{
	for (int i = 0; not_built[i]; i++)
		ck_assert_msg(strcasestr(text, not_built[i]) == NULL, "%s promises "
		    "%s, which is not built", where, not_built[i]);
}

/* Every capability the front page lists links to a page that answers a
 * signed-in owner (a name without a page, or a page that is not there,
 * fails), and neither the page nor README's opening paragraph promises
 * what the issue found missing. */
START_TEST(front_page_promises_only_pages)
{
	kit_biz b;
	kit_business(&b, "front", "EUR");
	reply r;
	ck_assert_int_eq(client_do("GET", "/", NULL, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 200);
	char *page = strdup(buf_str(&r.body));
	reply_free(&r);
	no_unbuilt("the front page", page);
	char *list = strstr(page, "<section class=\"features\">");
	ck_assert_msg(list != NULL, "the front page lists no capabilities");
	char *end = strstr(list, "</section>");
	ck_assert_ptr_nonnull(end);
	*end = '\0';
	int n = 0;
	for (char *li = strstr(list, "<li"); li; li = strstr(li + 3, "<li")) {
		char *close = strstr(li, "</li>");
		ck_assert_ptr_nonnull(close);
		*close = '\0';
		char *href = strstr(li, "href=\"");
		ck_assert_msg(href != NULL, "the front page names a capability "
		    "with no page: %s", li);
		href += 6;
		char path[256];
		snprintf(path, sizeof(path), "%.*s", (int)strcspn(href, "\""),
		    href);
		ck_assert_msg(path[0] == '/', "%s: not a page of Bursar", path);
		reply p;
		kit_page(path, b.token, 200, &p);
		ck_assert_ptr_nonnull(strstr(buf_str(&p.body), "<main"));
		reply_free(&p);
		n++;
		li = close;
	}
	ck_assert_int_ge(n, 8);
	free(page);

	/* README's opening paragraph: the same, in words */
	char path[1024];
	snprintf(path, sizeof(path), "%s/README.md", getenv("BURSAR_ROOT"));
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	char para[4096] = "", line[512];
	int in = 0;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		if (line[0] == '\n') {
			if (in)
				break;
			continue;
		}
		in = 1;
		strncat(para, line, sizeof(para) - strlen(para) - 1);
	}
	fclose(f);
	ck_assert_ptr_nonnull(strstr(para, "Bursar is"));
	no_unbuilt("README's opening", para);
	free(b.token);
}
END_TEST

/* check: the check named name in report j (asserted present) */
static const cJSON *
check(const cJSON *j, const char *name)
{
	const cJSON *k;
	cJSON_ArrayForEach(k, cJSON_GetObjectItem(j, "checks"))
		if (strcmp(jstr(k, "name"), name) == 0)
			return k;
	ck_abort_msg("no check %s", name);
	return NULL;
}

static int
ok_of(const cJSON *o)
{
	const cJSON *v = cJSON_GetObjectItem(o, "ok");
	ck_assert_ptr_nonnull(v);
	return cJSON_IsTrue(v);
}

/* all_hold: every check of j holds, each money check with expected ==
 * actual and nothing to explain */
static void
all_hold(const cJSON *j, const char *who)
{
	char *s = cJSON_PrintUnformatted(j);
	ck_assert_msg(ok_of(j), "%s: %.400s", who, s);
	static const char *const names[] = { "stock_vs_inventory",
	    "receivables_vs_invoices", "payables_vs_bills", "ledger_chain",
	    "audit_chain", NULL };
	for (int i = 0; names[i]; i++) {
		const cJSON *k = check(j, names[i]);
		ck_assert_msg(ok_of(k), "%s: %s fails: %.400s", who, names[i], s);
		if (i < 3) {
			ck_assert_int_eq(kit_amount(k, "expected"), kit_amount(k,
			    "actual"));
			ck_assert_int_eq(kit_amount(k, "difference"), 0);
			ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(k,
			    "explained_by")), 0);
		}
	}
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "checks")),
	    5);
	free(s);
}

/* A business that buys stock by bill, sells it on an order, invoices and
 * is paid (in part, in full, and in advance) agrees with its books; a
 * journal entry to inventory by hand breaks stock_vs_inventory and is
 * named; another business sees only its own figures. */
START_TEST(trade_agrees_with_books_until_a_hand_entry)
{
	kit_biz b;
	kit_business(&b, "integ", "INR");
	char *sup = kit_party(b.token, "supplier", "Malabar Wholesale", NULL);
	char *cus = kit_party(b.token, "customer", "Asha Traders", NULL);
	free(kit_product(b.token, "WIDGET-9", 50000, "INR", "GST18", 1));
	char body[1024], path[256];

	/* bought by bill: 10 at 200.00, into stock at cost */
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"supplier_ref\":"
	    "\"MW/9\",\"receive\":true,\"lines\":[{\"sku\":\"WIDGET-9\","
	    "\"quantity\":10,\"unit_price\":20000}]}", sup);
	cJSON *j = kit_call("POST", "/api/v1/bills", b.token, body, 201);
	char *bill = strdup(jstr(j, "id"));
	long long bill_total = kit_amount(j, "total");
	cJSON_Delete(j);
	/* sold: 3 placed and shipped (cost of goods sold out of inventory) */
	snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"place\":true,"
	    "\"lines\":[{\"sku\":\"WIDGET-9\",\"quantity\":3}]}", cus);
	j = kit_call("POST", "/api/v1/orders", b.token, body, 201);
	snprintf(path, sizeof(path), "/api/v1/orders/%s/ship", jstr(j, "id"));
	cJSON_Delete(j);
	cJSON_Delete(kit_post(path, b.token, "{}", 200));
	/* invoiced by hand, paid in part; an advance kept as credit */
	snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"issue\":true,"
	    "\"lines\":[{\"description\":\"Installation\",\"quantity\":1,"
	    "\"unit_price\":100000,\"tax_group\":null}]}", cus);
	j = kit_call("POST", "/api/v1/invoices", b.token, body, 201);
	char *inv = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":40000,\"currency\":\"INR\"},\"method\":"
	    "\"bank\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":40000}]}",
	    cus, inv);
	cJSON_Delete(kit_post("/api/v1/payments", b.token, body, 201));
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":15000,\"currency\":\"INR\"},\"method\":"
	    "\"cash\",\"allocations\":[]}", cus);
	cJSON_Delete(kit_post("/api/v1/payments", b.token, body, 201));
	/* the supplier paid in full */
	snprintf(body, sizeof(body), "{\"direction\":\"out\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":%lld,\"currency\":\"INR\"},\"method\":"
	    "\"bank\",\"allocations\":[{\"bill\":\"%s\",\"amount\":%lld}]}",
	    sup, bill_total, bill, bill_total);
	cJSON_Delete(kit_post("/api/v1/payments", b.token, body, 201));

	j = get_json("/api/v1/integrity", b.token, 200);
	all_hold(j, "a business trading through its documents");
	ck_assert_str_eq(jstr(j, "currency"), "INR");
	const cJSON *k = check(j, "stock_vs_inventory");
	ck_assert_int_eq(kit_amount(k, "expected"), 7 * 20000);
	ck_assert_str_eq(jstr(k, "expected.currency"), "INR");
	k = check(j, "receivables_vs_invoices");
	ck_assert_int_eq(kit_amount(k, "actual"), kit_balance(&b, "1300"));
	ck_assert_int_eq(kit_amount(k, "expected"), kit_adm_int("SELECT "
	    "sum(total - paid) FROM invoices WHERE tenant_id = '%s' AND status "
	    "NOT IN ('draft', 'void')", b.id) - 15000);
	k = check(j, "payables_vs_bills");
	ck_assert_int_eq(kit_amount(k, "expected"), 0);
	ck_assert_int_gt(kit_num(check(j, "ledger_chain"), "entries"), 3);
	ck_assert_int_gt(kit_num(check(j, "audit_chain"), "entries"), 3);
	cJSON_Delete(j);

	/* stock "found" and booked by hand: the books say more than the stock */
	snprintf(body, sizeof(body), "{\"memo\":\"Stock found in the back "
	    "room\",\"lines\":[{\"account\":\"1400\",\"debit\":12345},"
	    "{\"account\":\"3100\",\"credit\":12345}]}");
	j = kit_call("POST", "/api/v1/journal", b.token, body, 201);
	char *entry = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	j = get_json("/api/v1/integrity", b.token, 200);
	ck_assert(!ok_of(j));
	k = check(j, "stock_vs_inventory");
	ck_assert(!ok_of(k));
	ck_assert_int_eq(kit_amount(k, "expected"), 7 * 20000);
	ck_assert_int_eq(kit_amount(k, "actual"), 7 * 20000 + 12345);
	ck_assert_int_eq(kit_amount(k, "difference"), 12345);
	const cJSON *why = cJSON_GetObjectItem(k, "explained_by");
	ck_assert_int_eq(cJSON_GetArraySize(why), 1);
	const cJSON *x = cJSON_GetArrayItem(why, 0);
	ck_assert_str_eq(jstr(x, "type"), "journal_entry");
	ck_assert_str_eq(jstr(x, "id"), entry);
	ck_assert_int_eq(kit_amount(x, "amount"), 12345);
	ck_assert_str_eq(jstr(x, "description"), "Stock found in the back room");
	/* the other checks still hold */
	ck_assert(ok_of(check(j, "receivables_vs_invoices")));
	ck_assert(ok_of(check(j, "payables_vs_bills")));
	ck_assert(ok_of(check(j, "ledger_chain")));
	ck_assert(ok_of(check(j, "audit_chain")));
	cJSON_Delete(j);
	/* the page says so, and links the entry */
	reply r;
	kit_page("/app/integrity", b.token, 200, &r);
	snprintf(path, sizeof(path), "href=\"/app/journal/%s\"", entry);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), path));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "123.45"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "fails"));
	reply_free(&r);

	/* another business: its own (empty) figures, none of b's */
	kit_biz o;
	kit_business(&o, "integ2", "INR");
	j = get_json("/api/v1/integrity", o.token, 200);
	all_hold(j, "a new business");
	ck_assert_int_eq(kit_amount(check(j, "stock_vs_inventory"), "actual"), 0);
	ck_assert_int_eq(kit_amount(check(j, "receivables_vs_invoices"),
	    "actual"), 0);
	char *s = cJSON_PrintUnformatted(j);
	ck_assert_ptr_null(strstr(s, entry));
	free(s);
	cJSON_Delete(j);

	/* someone with the server's keys edits o's books and audit log
	 * behind the triggers: both chain checks fail, b's still hold */
	j = kit_call("POST", "/api/v1/journal", o.token, "{\"memo\":\"Tea\","
	    "\"lines\":[{\"account\":\"5500\",\"debit\":100},{\"account\":"
	    "\"1200\",\"credit\":100}]}", 201);
	char *tea = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	free(kit_adm("DO $$ BEGIN PERFORM set_config("
	    "'session_replication_role', 'replica', true); UPDATE journal_lines "
	    "SET credit = credit + 100 WHERE tenant_id = '%s' AND entry_id = "
	    "'%s' AND line_no = 2; ALTER TABLE audit_log DISABLE TRIGGER "
	    "audit_log_append_only; UPDATE audit_log SET ip = '6.6.6.6' WHERE "
	    "tenant_id = '%s' AND seq = 1; ALTER TABLE audit_log ENABLE TRIGGER "
	    "audit_log_append_only; END $$", o.id, tea, o.id));
	j = get_json("/api/v1/integrity", o.token, 200);
	ck_assert(!ok_of(j));
	k = check(j, "ledger_chain");
	ck_assert(!ok_of(k));
	ck_assert_str_eq(jstr(k, "first_broken.entry_id"), tea);
	k = check(j, "audit_chain");
	ck_assert(!ok_of(k));
	ck_assert_int_eq(kit_num(cJSON_GetObjectItem(k, "first_broken"), "seq"),
	    1);
	cJSON_Delete(j);
	j = get_json("/api/v1/integrity", b.token, 200);
	ck_assert(ok_of(check(j, "ledger_chain")));
	ck_assert(ok_of(check(j, "audit_chain")));
	cJSON_Delete(j);
	free(tea);
	free(entry);
	free(inv);
	free(bill);
	free(sup);
	free(cus);
	free(b.token);
	free(o.token);
}
END_TEST

/* The demo business, as `make run` loads it, passes every check: its
 * stock came in by receipts and bills, and its books agree. */
START_TEST(demo_business_passes)
{
	char *t = kit_token("demo", "owner@demo.test", "Demo-pass-2026");
	cJSON *j = get_json("/api/v1/integrity", t, 200);
	all_hold(j, "the demo business");
	/* there is stock to agree on */
	ck_assert_int_gt(kit_amount(check(j, "stock_vs_inventory"), "expected"),
	    0);
	cJSON_Delete(j);
	reply r;
	kit_page("/app/integrity", t, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Every check holds"));
	reply_free(&r);
	free(t);
}
END_TEST

/* The check needs reports.read: the demo's sales desk lacks it. */
START_TEST(sales_desk_refused)
{
	char *t = kit_token("demo", "sales@demo.test", "Demo-pass-2026");
	kit_refused("GET", "/api/v1/integrity", t, NULL, 403, NULL);
	reply r;
	kit_page("/app/integrity", t, 403, &r);
	reply_free(&r);
	free(t);
}
END_TEST

TCase *
integrity_tcase(void)
{
	TCase *tc = tcase_create("integrity");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, front_page_promises_only_pages);
	tcase_add_test(tc, trade_agrees_with_books_until_a_hand_entry);
	tcase_add_test(tc, demo_business_passes);
	tcase_add_test(tc, sales_desk_refused);
	return tc;
}
