/* dashboard.c: the signed-in home, the menu and the search box, as a
 * person meets them: the dashboard's figures are the lists' own sums, a
 * new business is walked through its set-up until it is done, each role
 * sees only what it may read, and search finds by part of a name or a
 * number, never in another business. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cJSON.h>

#include "client.h"
#include "kit.h"
#include "suites.h"

#define PASSWORD "blue7Horse!fence"

/* a user of b with the built-in role, signed in: the access token */
static char *
member(const kit_biz *b, const char *role)
{
	char *slug = kit_adm("SELECT slug FROM tenants WHERE id = '%s'", b->id);
	free(kit_adm("INSERT INTO users (tenant_id, email, name, password_hash, "
	    "role_id) SELECT '%s', '%s@dash.test', 'A %s', (SELECT password_hash "
	    "FROM users WHERE tenant_id = '%s' AND role_id = (SELECT id FROM roles "
	    "WHERE tenant_id = '%s' AND name = 'owner')), id FROM roles WHERE "
	    "tenant_id = '%s' AND name = '%s' AND builtin RETURNING id", b->id,
	    role, role, b->id, b->id, b->id, role));
	char email[128];
	snprintf(email, sizeof(email), "%s@dash.test", role);
	char *t = kit_token(slug, email, PASSWORD);
	free(slug);
	return t;
}

/* an invoice for customer, issued on issue (due on due), one line */
static char *
invoice(const kit_biz *b, const char *customer, const char *issue,
    const char *due, long long price)
{
	char body[1024];
	if (issue)
		snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"issue_date\":"
		    "\"%s\",\"due_date\":\"%s\",\"lines\":[{\"description\":"
		    "\"Work\",\"quantity\":1,\"unit_price\":%lld}],\"issue\":true}",
		    customer, issue, due, price);
	else
		snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"lines\":[{"
		    "\"description\":\"Work\",\"quantity\":1,\"unit_price\":%lld}]}",
		    customer, price);
	cJSON *j = kit_call("POST", "/api/v1/invoices", b->token, body, 201);
	char *id = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	return id;
}

/* sum_open: the open amounts of the API's own invoice list, of those
 * issued and not settled (or, past_due, also past their due date) */
static long long
sum_open(const kit_biz *b, int past_due, const char *today)
{
	cJSON *l = get_json("/api/v1/invoices?limit=200", b->token, 200);
	long long sum = 0;
	cJSON *x;
	cJSON_ArrayForEach(x, cJSON_GetObjectItem(l, "items")) {
		const char *st = jstr(x, "status");
		if (strcmp(st, "issued") != 0 && strcmp(st, "partially_paid") != 0
		    && strcmp(st, "overdue") != 0)
			continue;
		if (past_due && strcmp(jstr(x, "due_date"), today) >= 0)
			continue;
		sum += kit_amount(x, "open");
	}
	cJSON_Delete(l);
	return sum;
}

/* total0: the first per-currency total's amount of figure f */
static long long
total0(const cJSON *d, const char *f)
{
	cJSON *t = cJSON_GetObjectItem(cJSON_GetObjectItem(d, f), "totals");
	ck_assert_msg(t != NULL, "figure %s has no totals", f);
	if (cJSON_GetArraySize(t) == 0)
		return 0;
	return kit_amount(cJSON_GetArrayItem(t, 0), "amount");
}

START_TEST(new_business_checklist_then_figures)
{
	kit_biz b;
	kit_business(&b, "dash", "EUR");
	/* a new business: the checklist, nothing done but the chart */
	cJSON *d = get_json("/api/v1/dashboard", b.token, 200);
	cJSON *cl = cJSON_GetObjectItem(d, "checklist");
	ck_assert_int_eq(cJSON_GetArraySize(cl), 5);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetArrayItem(cl, 0),
	    "done")));
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(cl, 1),
	    "done")));
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetArrayItem(cl, 2),
	    "done")));
	ck_assert_int_eq(total0(d, "receivable"), 0);
	cJSON_Delete(d);
	reply r;
	kit_page("/app", b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Getting started"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body),
	    "href=\"/app/customers/new\""));
	reply_free(&r);

	/* each step done where the checklist sends the owner */
	cJSON_Delete(kit_call("PATCH", "/api/v1/commerce/settings", b.token,
	    "{\"address\":\"1 Quay Street, Dublin\",\"tax_id\":\"IE1234567T\"}",
	    200));
	char *cust = kit_party(b.token, "customer", "Harbour Lights Ltd", NULL);
	free(kit_product(b.token, "DASH-1", 1500, "EUR", NULL, 0));
	d = get_json("/api/v1/dashboard", b.token, 200);
	cl = cJSON_GetObjectItem(d, "checklist");
	ck_assert_int_eq(cJSON_GetArraySize(cl), 5);
	for (int i = 0; i < 4; i++)
		ck_assert_msg(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(
		    cl, i), "done")), "step %d not ticked", i);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetArrayItem(cl, 4),
	    "done")));
	cJSON_Delete(d);

	/* the first invoice, issued long ago and past due; another current;
	 * a draft waiting */
	char *today = kit_adm("SELECT current_date::text");
	char *start = kit_adm("SELECT greatest(min(start_date), current_date - "
	    "20)::text FROM periods WHERE tenant_id = '%s' AND start_date <= "
	    "current_date - 2", b.id);
	ck_assert_ptr_nonnull(start);
	char *due = kit_adm("SELECT ('%s'::date + 1)::text", start);
	char *later = kit_adm("SELECT (current_date + 30)::text");
	free(invoice(&b, cust, start, due, 10000));
	free(invoice(&b, cust, today, later, 2500));
	free(invoice(&b, cust, NULL, NULL, 700));

	d = get_json("/api/v1/dashboard", b.token, 200);
	ck_assert_ptr_null(cJSON_GetObjectItem(d, "checklist"));
	/* the figures are the lists' own */
	ck_assert_int_eq(total0(d, "receivable"), sum_open(&b, 0, today));
	ck_assert_int_eq(total0(d, "receivable"), 12500);
	ck_assert_int_eq(total0(d, "overdue"), sum_open(&b, 1, today));
	ck_assert_int_eq(total0(d, "overdue"), 10000);
	cJSON *items = cJSON_GetObjectItem(cJSON_GetObjectItem(d, "overdue"),
	    "items");
	ck_assert_int_eq(cJSON_GetArraySize(items), 1);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items, 0), "customer"),
	    "Harbour Lights Ltd");
	ck_assert_int_eq(kit_num(cJSON_GetObjectItem(cJSON_GetObjectItem(d,
	    "drafts"), "invoices"), "count"), 1);
	ck_assert_str_eq(jstr(cJSON_GetObjectItem(d, "drafts"), "invoices.href"),
	    "/app/invoices?status=draft");
	cJSON *dl = get_json("/api/v1/invoices?status=draft", b.token, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(dl, "items")), 1);
	cJSON_Delete(dl);
	/* the bank and cash accounts carry the books' balances */
	cJSON *acc = cJSON_GetObjectItem(cJSON_GetObjectItem(d, "cash"),
	    "accounts");
	ck_assert_int_eq(cJSON_GetArraySize(acc), 2);
	cJSON *a;
	cJSON_ArrayForEach(a, acc)
		ck_assert_int_eq(kit_amount(a, "balance"), kit_balance(&b,
		    jstr(a, "code")));
	cJSON_Delete(d);
	kit_page("/app", b.token, 200, &r);
	ck_assert_ptr_null(strstr(buf_str(&r.body), "Getting started"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Overdue invoices"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body),
	    "href=\"/app/invoices?status=overdue\""));
	reply_free(&r);
	free(today);
	free(start);
	free(due);
	free(later);
	free(cust);
	free(b.token);
}
END_TEST

/* what a role may not read is not on its dashboard, nor in its menu */
START_TEST(each_role_sees_its_own)
{
	kit_biz b;
	kit_business(&b, "dashr", "EUR");
	char *sales = member(&b, "sales");
	char *viewer = member(&b, "viewer");

	cJSON *d = get_json("/api/v1/dashboard", sales, 200);
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(d, "receivable"));
	ck_assert_ptr_null(cJSON_GetObjectItem(d, "payable"));
	ck_assert_ptr_null(cJSON_GetObjectItem(d, "cash"));
	ck_assert_ptr_null(cJSON_GetObjectItem(d, "checklist"));
	ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "drafts"),
	    "bills"));
	cJSON_Delete(d);
	d = get_json("/api/v1/dashboard", viewer, 200);
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(d, "payable"));
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(d, "cash"));
	ck_assert_ptr_null(cJSON_GetObjectItem(d, "checklist"));
	cJSON_Delete(d);

	/* the menu: the owner's six sections, the sales desk's three */
	reply r;
	kit_page("/app/invoices", b.token, 200, &r);
	const char *h = buf_str(&r.body);
	ck_assert_ptr_nonnull(strstr(h, "<summary>Purchases</summary>"));
	ck_assert_ptr_nonnull(strstr(h, "<summary>Books</summary>"));
	ck_assert_ptr_nonnull(strstr(h, "<summary>Settings</summary>"));
	ck_assert_ptr_nonnull(strstr(h, "href=\"/app/api-keys\""));
	/* the page's own entry and section are marked */
	ck_assert_ptr_nonnull(strstr(h, "<a href=\"/app/invoices\" "
	    "aria-current=\"page\">"));
	ck_assert_ptr_nonnull(strstr(h, "navsection current\"><summary>Sales"));
	reply_free(&r);
	kit_page("/app/invoices", sales, 200, &r);
	h = buf_str(&r.body);
	ck_assert_ptr_nonnull(strstr(h, "<summary>Sales</summary>"));
	ck_assert_ptr_nonnull(strstr(h, "<summary>Stock</summary>"));
	ck_assert_ptr_null(strstr(h, "<summary>Purchases</summary>"));
	ck_assert_ptr_null(strstr(h, "<summary>Books</summary>"));
	ck_assert_ptr_null(strstr(h, "href=\"/app/bills\""));
	ck_assert_ptr_null(strstr(h, "href=\"/app/api-keys\""));
	reply_free(&r);
	/* every entry of every menu opens for who sees it */
	const char *who[] = { b.token, sales, viewer };
	for (int k = 0; k < 3; k++) {
		kit_page("/app", who[k], 200, &r);
		char *html = strdup(buf_str(&r.body));
		reply_free(&r);
		char *end = strstr(html, "</nav>");
		ck_assert_ptr_nonnull(end);
		*end = '\0';
		for (char *p = html; (p = strstr(p, "<li><a href=\"")) != NULL; ) {
			p += strlen("<li><a href=\"");
			char href[256];
			snprintf(href, sizeof(href), "%.*s", (int)strcspn(p, "\""), p);
			kit_page(href, who[k], 200, &r);
			reply_free(&r);
		}
		free(html);
	}
	free(sales);
	free(viewer);
	free(b.token);
}
END_TEST

/* count_kind: how many results of kind search j holds */
static int
count_kind(const cJSON *j, const char *kind)
{
	cJSON *g;
	cJSON_ArrayForEach(g, cJSON_GetObjectItem(j, "kinds"))
		if (strcmp(jstr(g, "kind"), kind) == 0)
			return cJSON_GetArraySize(cJSON_GetObjectItem(g, "items"));
	return 0;
}

START_TEST(search_finds_by_part_never_another_business)
{
	kit_biz a, o;
	kit_business(&a, "dashs", "EUR");
	kit_business(&o, "dasho", "EUR");
	char *mine = kit_party(a.token, "customer", "Quillfeather Bakery", NULL);
	char *theirs = kit_party(o.token, "customer", "Quillfeather Mills",
	    NULL);
	char *today = kit_adm("SELECT current_date::text");
	char *inv = invoice(&a, mine, today, today, 900);
	char *num = kit_adm("SELECT number FROM invoices WHERE id = '%s'", inv);
	free(invoice(&o, theirs, today, today, 900));

	/* part of the name, another case */
	cJSON *j = get_json("/api/v1/search?q=LLFEATH", a.token, 200);
	ck_assert_int_eq(count_kind(j, "customer"), 1);
	cJSON *g = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "kinds"), 0);
	cJSON *it = cJSON_GetArrayItem(cJSON_GetObjectItem(g, "items"), 0);
	ck_assert_str_eq(jstr(it, "name"), "Quillfeather Bakery");
	char want[128];
	snprintf(want, sizeof(want), "/app/customers/%s", mine);
	ck_assert_str_eq(jstr(it, "href"), want);
	cJSON_Delete(j);
	/* an invoice by its number; the other business's, with the same
	 * number, not */
	char path[256];
	snprintf(path, sizeof(path), "/api/v1/search?q=%s", num);
	j = get_json(path, a.token, 200);
	ck_assert_int_eq(count_kind(j, "invoice"), 1);
	ck_assert_int_eq(kit_num(j, "count"), 1);
	cJSON_Delete(j);
	/* the page links each result */
	reply r;
	kit_page("/app/search?q=quillfeather", a.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), want));
	ck_assert_ptr_null(strstr(buf_str(&r.body), "Mills"));
	reply_free(&r);
	/* a kind the role may not read is not searched: a sales user finds
	 * no supplier */
	char *sup = kit_party(a.token, "supplier", "Quillfeather Flour", NULL);
	char *sales = member(&a, "sales");
	j = get_json("/api/v1/search?q=quillfeather", sales, 200);
	ck_assert_int_eq(count_kind(j, "customer"), 1);
	ck_assert_int_eq(count_kind(j, "supplier"), 0);
	cJSON_Delete(j);
	j = get_json("/api/v1/search?q=quillfeather", a.token, 200);
	ck_assert_int_eq(count_kind(j, "supplier"), 1);
	cJSON_Delete(j);
	/* nothing to search for: the API says which field */
	kit_refused("GET", "/api/v1/search", a.token, NULL, 422, "q");
	free(sup);
	free(sales);
	free(num);
	free(inv);
	free(today);
	free(mine);
	free(theirs);
	free(a.token);
	free(o.token);
}
END_TEST

TCase *
dashboard_tcase(void)
{
	TCase *tc = tcase_create("dashboard");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, new_business_checklist_then_figures);
	tcase_add_test(tc, each_role_sees_its_own);
	tcase_add_test(tc, search_finds_by_part_never_another_business);
	return tc;
}
