/* lists.c: the lists as a person and an integration walk them, through
 * lib/web/listing: a whitelisted sort key orders the rows (page and API),
 * an unknown one is refused by the API (422 naming sort) and ignored by a
 * page (the default order), a page of a filtered list says "11–20 of 25"
 * and its links keep the filters, a bulk issue of ticked drafts issues
 * each and reports each (a row already issued is refused, the others
 * stay issued), and bulk actions need the form's CSRF token and the
 * route's permission; the settings index groups the pages, the seller's
 * address and tax id first, each link only for a role that opens it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "kit.h"
#include "suites.h"

static char *
slug_of(const kit_biz *b)
{
	return kit_adm("SELECT slug FROM tenants WHERE id = '%s'", b->id);
}

static void
customer(const kit_biz *b, const char *code, const char *name)
{
	free(kit_adm("INSERT INTO parties (tenant_id, code, name, is_customer, "
	    "currency, terms_days) SELECT id, '%s', '%s', true, base_currency, 30 "
	    "FROM tenants WHERE id = '%s' RETURNING id", code, name, b->id));
}

/* draft: a draft invoice of one line for customer at price; its id */
static char *
draft(const kit_biz *b, const char *code, int price)
{
	char body[256];
	snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"lines\":[{"
	    "\"description\":\"Work\",\"quantity\":1,\"unit_price\":%d}]}", code,
	    price);
	cJSON *j = kit_call("POST", "/api/v1/invoices", b->token, body, 201);
	char *id = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	return id;
}

/* first_of: the customer of the n-th item of a list */
static const char *
customer_at(const cJSON *j, int n)
{
	return jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "items"), n),
	    "customer");
}

START_TEST(sorted_by_whitelisted_key)
{
	kit_biz b;
	kit_business(&b, "lsort", "EUR");
	customer(&b, "C1", "Cedar Ltd");
	customer(&b, "C2", "Alder Ltd");
	customer(&b, "C3", "Birch Ltd");
	free(draft(&b, "C1", 300));
	free(draft(&b, "C2", 100));
	free(draft(&b, "C3", 200));
	/* the API: the key orders the rows, "-" turns it round */
	cJSON *j = get_json("/api/v1/invoices?sort=total&page=1", b.token, 200);
	ck_assert_str_eq(customer_at(j, 0), "Alder Ltd");
	ck_assert_str_eq(customer_at(j, 1), "Birch Ltd");
	ck_assert_str_eq(customer_at(j, 2), "Cedar Ltd");
	ck_assert_int_eq(kit_num(j, "total"), 3);
	cJSON_Delete(j);
	j = get_json("/api/v1/invoices?sort=-customer&page=1", b.token, 200);
	ck_assert_str_eq(customer_at(j, 0), "Cedar Ltd");
	ck_assert_str_eq(customer_at(j, 2), "Alder Ltd");
	cJSON_Delete(j);
	/* without page= the API answers as it always did: newest first */
	j = get_json("/api/v1/invoices", b.token, 200);
	ck_assert_str_eq(customer_at(j, 0), "Birch Ltd");
	ck_assert_ptr_null(cJSON_GetObjectItem(j, "total"));
	cJSON_Delete(j);
	/* an unknown key: the API refuses it by name, with or without page= */
	kit_refused("GET", "/api/v1/invoices?sort=1;drop&page=1", b.token, NULL,
	    422, "sort");
	kit_refused("GET", "/api/v1/invoices?sort=total", b.token, NULL, 422,
	    "sort");
	kit_refused("GET", "/api/v1/customers?sort=size&page=1", b.token, NULL,
	    422, "sort");
	/* a page: the column's order, and the header marked */
	reply r;
	kit_page("/app/invoices?sort=total", b.token, 200, &r);
	const char *body = buf_str(&r.body);
	const char *a = strstr(body, "Alder"), *bi = strstr(body, "Birch"),
	    *c = strstr(body, "Cedar");
	ck_assert(a && bi && c && a < bi && bi < c);
	ck_assert_ptr_nonnull(strstr(body, "aria-sort=\"ascending\""));
	/* the header links the other way round */
	ck_assert_ptr_nonnull(strstr(body, "href=\"/app/invoices?sort=-total\""));
	reply_free(&r);
	kit_page("/app/customers?sort=-name", b.token, 200, &r);
	body = buf_str(&r.body);
	a = strstr(body, "Alder");
	c = strstr(body, "Cedar");
	ck_assert(a && c && c < a);
	reply_free(&r);
	/* an unknown key on a page: ignored, the default order (newest) */
	kit_page("/app/invoices?sort=1;drop", b.token, 200, &r);
	body = buf_str(&r.body);
	a = strstr(body, "Alder");
	bi = strstr(body, "Birch");
	c = strstr(body, "Cedar");
	ck_assert(a && bi && c && bi < a && a < c);
	reply_free(&r);
	free(b.token);
}
END_TEST

START_TEST(page_two_of_twenty_five)
{
	kit_biz b;
	kit_business(&b, "lpage", "EUR");
	free(kit_adm("INSERT INTO products (tenant_id, sku, name, tracked) "
	    "SELECT '%s', 'W-' || lpad(n::text, 2, '0'), 'Widget ' || n, false "
	    "FROM generate_series(1, 25) n", b.id));
	free(kit_adm("INSERT INTO products (tenant_id, sku, name, tracked) "
	    "SELECT '%s', 'G-' || n, 'Gadget ' || n, false FROM "
	    "generate_series(1, 3) n", b.id));
	reply r;
	kit_page("/app/products?q=widget&sort=sku&limit=10&page=2", b.token, 200,
	    &r);
	const char *body = buf_str(&r.body);
	ck_assert_msg(strstr(body, "11\xe2\x80\x93" "20 of 25") != NULL, "%s",
	    body);
	ck_assert_ptr_nonnull(strstr(body, ">W-11<"));
	ck_assert_ptr_nonnull(strstr(body, ">W-20<"));
	ck_assert_ptr_null(strstr(body, ">W-21<"));
	ck_assert_ptr_null(strstr(body, "Gadget"));
	/* previous and next keep the filter, the sort and the size */
	ck_assert_ptr_nonnull(strstr(body, "rel=\"prev\" href=\"/app/products?"
	    "q=widget&amp;sort=sku&amp;limit=10\""));
	ck_assert_ptr_nonnull(strstr(body, "rel=\"next\" href=\"/app/products?"
	    "q=widget&amp;sort=sku&amp;limit=10&amp;page=3\""));
	/* so does each column's header */
	ck_assert_ptr_nonnull(strstr(body, "href=\"/app/products?q=widget&amp;"
	    "sort=-sku&amp;limit=10\""));
	reply_free(&r);
	kit_page("/app/products?q=widget&sort=sku&limit=10&page=3", b.token, 200,
	    &r);
	body = buf_str(&r.body);
	ck_assert_ptr_nonnull(strstr(body, "21\xe2\x80\x93" "25 of 25"));
	ck_assert_ptr_null(strstr(body, "rel=\"next\""));
	reply_free(&r);
	/* the API's pages count the same */
	cJSON *j = get_json("/api/v1/products?q=widget&sort=sku&limit=10&page=3",
	    b.token, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 5);
	ck_assert_int_eq(kit_num(j, "total"), 25);
	ck_assert_int_eq(kit_num(j, "page"), 3);
	cJSON_Delete(j);
	free(b.token);
}
END_TEST

START_TEST(bulk_issue_reports_each)
{
	kit_biz b;
	kit_business(&b, "lbulk", "EUR");
	customer(&b, "C1", "Cedar Ltd");
	char *d[3];
	for (int i = 0; i < 3; i++)
		d[i] = draft(&b, "C1", 100 * (i + 1));
	char *done = draft(&b, "C1", 999);
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/issue", done);
	cJSON_Delete(kit_call("POST", path, b.token, "{}", 200));
	char *slug = slug_of(&b);
	kit_browser br;
	kit_browser_in(&br, slug, "owner@lbulk.test", "/app/invoices");
	char hdr[300], body[1024];
	snprintf(hdr, sizeof(hdr), "Cookie: %s", br.cookie);
	const char *h[] = { hdr, "Content-Type: "
	    "application/x-www-form-urlencoded", NULL };
	/* the list offers a box on each draft, none on the issued one */
	reply r;
	ck_assert_int_eq(client_do("GET", "/app/invoices", h, NULL, 0, &r), 0);
	for (int i = 0; i < 3; i++) {
		char box[96];
		snprintf(box, sizeof(box), "name=\"id\" value=\"%s\"", d[i]);
		ck_assert_ptr_nonnull(strstr(buf_str(&r.body), box));
	}
	snprintf(path, sizeof(path), "name=\"id\" value=\"%s\"", done);
	ck_assert_ptr_null(strstr(buf_str(&r.body), path));
	reply_free(&r);
	/* without the form's token: refused, nothing issued */
	snprintf(body, sizeof(body), "id=%s&id=%s&id=%s", d[0], d[1], d[2]);
	ck_assert_int_eq(client_do("POST", "/app/invoices/bulk-issue", h, body,
	    strlen(body), &r), 0);
	ck_assert_int_eq(r.status, 403);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM invoices WHERE "
	    "tenant_id = '%s' AND status = 'draft'", b.id), 3);
	/* with it: the three issued, the fourth reported refused */
	snprintf(body, sizeof(body), "csrf_token=%s&id=%s&id=%s&id=%s&id=%s",
	    br.csrf, d[0], d[1], done, d[2]);
	ck_assert_int_eq(client_do("POST", "/app/invoices/bulk-issue", h, body,
	    strlen(body), &r), 0);
	ck_assert_msg(r.status == 200, "%ld %.2000s", r.status, buf_str(&r.body));
	const char *page = buf_str(&r.body);
	ck_assert_ptr_nonnull(strstr(page, "3 done, 1 refused"));
	for (int i = 0; i < 3; i++) {
		char *num = kit_adm("SELECT number FROM invoices WHERE id = '%s' "
		    "AND status = 'issued'", d[i]);
		ck_assert_ptr_nonnull(num);
		ck_assert_ptr_nonnull(strstr(page, num));
		free(num);
	}
	ck_assert_ptr_nonnull(strstr(page, "Not done: "));
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM invoices WHERE "
	    "tenant_id = '%s' AND status = 'draft'", b.id), 0);
	ck_assert_int_eq(kit_events(&b, "invoice.issued"), 4);
	/* archive of ticked products: each reported */
	char *p1 = kit_product(b.token, "AR-1", 100, "EUR", NULL, 0);
	char *p2 = kit_product(b.token, "AR-2", 100, "EUR", NULL, 0);
	snprintf(body, sizeof(body), "csrf_token=%s&id=%s&id=%s", br.csrf, p1,
	    p2);
	ck_assert_int_eq(client_do("POST", "/app/products/bulk-archive", h, body,
	    strlen(body), &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "2 done"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "AR-2"));
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM products WHERE "
	    "tenant_id = '%s' AND archived", b.id), 2);
	/* nothing ticked: said so */
	snprintf(body, sizeof(body), "csrf_token=%s", br.csrf);
	ck_assert_int_eq(client_do("POST", "/app/invoices/bulk-issue", h, body,
	    strlen(body), &r), 0);
	ck_assert_int_eq(r.status, 422);
	reply_free(&r);
	free(p1);
	free(p2);
	free(done);
	for (int i = 0; i < 3; i++)
		free(d[i]);
	free(slug);
	free(b.token);
}
END_TEST

START_TEST(bulk_needs_the_permission)
{
	/* the demo business's viewer reads invoices but may not issue them */
	reply r;
	char *viewer = kit_token("demo", "viewer@demo.test", "Demo-pass-2026");
	char *id = kit_adm("SELECT id FROM invoices WHERE tenant_id = (SELECT id "
	    "FROM tenants WHERE slug = 'demo') AND status = 'draft' LIMIT 1");
	ck_assert_ptr_nonnull(id);
	char body[128];
	snprintf(body, sizeof(body), "id=%s", id);
	kit_form("/app/invoices/bulk-issue", viewer, body, &r);
	ck_assert_int_eq(r.status, 403);
	reply_free(&r);
	kit_form("/app/products/bulk-archive", viewer, body, &r);
	ck_assert_int_eq(r.status, 403);
	reply_free(&r);
	kit_form("/app/customers/bulk-archive", viewer, body, &r);
	ck_assert_int_eq(r.status, 403);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM invoices WHERE id = "
	    "'%s' AND status = 'draft'", id), 1);
	free(id);
	free(viewer);
}
END_TEST

START_TEST(settings_grouped)
{
	/* the owner finds the seller's address and tax id first */
	kit_biz b;
	kit_business(&b, "lset", "EUR");
	reply r;
	kit_page("/app/settings", b.token, 200, &r);
	const char *body = buf_str(&r.body);
	const char *biz = strstr(body, "Business details");
	const char *addr = strstr(body, "href=\"/app/commerce/settings#address\"");
	const char *books = strstr(body, "<h2>Books</h2>");
	ck_assert(biz && addr && books && biz < addr && addr < books);
	ck_assert_ptr_nonnull(strstr(body, "<h2>Team</h2>"));
	ck_assert_ptr_nonnull(strstr(body, "<h2>Integrations</h2>"));
	reply_free(&r);
	/* the page it links has both fields */
	kit_page("/app/commerce/settings", b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "id=\"address\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "id=\"tax_id\""));
	reply_free(&r);
	free(b.token);
	/* a viewer sees only what the role opens */
	char *viewer = kit_token("demo", "viewer@demo.test", "Demo-pass-2026");
	kit_page("/app/settings", viewer, 200, &r);
	ck_assert_ptr_null(strstr(buf_str(&r.body), "API keys"));
	ck_assert_ptr_null(strstr(buf_str(&r.body), "/app/webhooks"));
	reply_free(&r);
	free(viewer);
}
END_TEST

TCase *
lists_tcase(void)
{
	TCase *tc = tcase_create("lists");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, sorted_by_whitelisted_key);
	tcase_add_test(tc, page_two_of_twenty_five);
	tcase_add_test(tc, bulk_issue_reports_each);
	tcase_add_test(tc, bulk_needs_the_permission);
	tcase_add_test(tc, settings_grouped);
	return tc;
}
