/* actions.c: the pages as a person moves through them: each document's
 * page offers its next step with the form behind it filled in (an order's
 * invoice, an invoice's payment, a customer's order, invoice and
 * statement), the payment form lists the party's open invoices, an
 * irreversible action asks first (and a refused confirmation changes
 * nothing) while the API still acts at once, and a save's confirmation is
 * shown once on the page it lands on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "kit.h"
#include "suites.h"

typedef struct biz {
	kit_biz k;
	char *customer;	/* C1's id */
} biz;

static void
business(biz *b)
{
	kit_business(&b->k, "act", "INR");
	free(kit_adm("UPDATE commerce_settings SET invoice_on = 'manual' WHERE "
	    "tenant_id = '%s'", b->k.id));
	b->customer = kit_adm("INSERT INTO parties (tenant_id, code, name, "
	    "is_customer, currency) VALUES ('%s', 'C1', 'Asha Traders', true, "
	    "'INR') RETURNING id", b->k.id);
	free(kit_product(b->k.token, "SETUP", 250000, "INR", NULL, 0));
}

static void
done(biz *b)
{
	free(b->k.token);
	free(b->customer);
}

/* has: the page's body holds text */
static void
has(const reply *r, const char *text)
{
	ck_assert_msg(strstr(buf_str(&r->body), text) != NULL, "no \"%s\" in "
	    "the page: %.4000s", text, buf_str(&r->body));
}

static void
lacks(const reply *r, const char *text)
{
	ck_assert_msg(strstr(buf_str(&r->body), text) == NULL, "\"%s\" in the "
	    "page", text);
}

/* invoice: an issued invoice of one SETUP line (2,500.00) through the
 * API; its id (malloc'd) */
static char *
invoice(const biz *b)
{
	cJSON *j = kit_post("/api/v1/invoices", b->k.token, "{\"customer\":"
	    "\"C1\",\"issue\":true,\"lines\":[{\"product\":\"SETUP\","
	    "\"quantity\":1}]}", 201);
	char *id = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	return id;
}

static char *
inv_status(const biz *b, const char *id)
{
	return kit_adm("SELECT status FROM invoices WHERE tenant_id = '%s' AND "
	    "id = '%s'", b->k.id, id);
}

/* with_cookie: GET path as the browser holding cookie ("name=value") */
static void
with_cookie(const char *path, const biz *b, const char *cookie, reply *r)
{
	char auth[1024], ck[256];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", b->k.token);
	snprintf(ck, sizeof(ck), "Cookie: %s", cookie);
	const char *h[] = { auth, ck, NULL };
	ck_assert_int_eq(client_do("GET", path, h, NULL, 0, r), 0);
	ck_assert_int_eq(r->status, 200);
}

START_TEST(order_offers_its_invoice)
{
	biz b;
	business(&b);
	cJSON *j = kit_post("/api/v1/orders", b.k.token, "{\"customer\":\"C1\","
	    "\"place\":true,\"lines\":[{\"sku\":\"SETUP\",\"quantity\":1}]}",
	    201);
	char *order = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	char path[160], body[256], want[256];
	snprintf(path, sizeof(path), "/app/orders/%s", order);
	reply r;
	kit_page(path, b.k.token, 200, &r);
	/* placed: it can be shipped, and invoiced from its own lines */
	snprintf(want, sizeof(want), "action=\"/app/orders/%s/ship\"", order);
	has(&r, want);
	has(&r, "action=\"/app/invoices\"");
	snprintf(want, sizeof(want), "name=\"order\" value=\"%s\"", order);
	has(&r, want);
	has(&r, "Create invoice");
	reply_free(&r);
	snprintf(body, sizeof(body), "order=%s", order);
	kit_form("/app/invoices", b.k.token, body, &r);
	ck_assert_int_eq(r.status, 303);
	char loc[256];
	ck_assert_int_eq(reply_header(&r, "Location", loc, sizeof(loc)), 0);
	reply_free(&r);
	char *inv = kit_adm("SELECT id FROM invoices WHERE tenant_id = '%s' AND "
	    "order_id = '%s'", b.k.id, order);
	ck_assert_ptr_nonnull(inv);
	snprintf(want, sizeof(want), "/app/invoices/%s", inv);
	ck_assert_str_eq(loc, want);
	/* its lines are the order's */
	ck_assert_int_eq(kit_adm_int("SELECT total FROM invoices WHERE id = "
	    "'%s'", inv), 250000);
	/* invoiced: the order page no longer offers it */
	kit_page(path, b.k.token, 200, &r);
	lacks(&r, "Create invoice");
	reply_free(&r);
	free(inv);
	free(order);
	done(&b);
}
END_TEST

START_TEST(invoice_and_customer_next_steps)
{
	biz b;
	business(&b);
	char *inv = invoice(&b);
	char *other = invoice(&b);
	char *number = kit_adm("SELECT number FROM invoices WHERE id = '%s'",
	    inv);
	char *onum = kit_adm("SELECT number FROM invoices WHERE id = '%s'",
	    other);
	char path[256], want[512];
	reply r;
	snprintf(path, sizeof(path), "/app/invoices/%s", inv);
	kit_page(path, b.k.token, 200, &r);
	snprintf(want, sizeof(want), "href=\"/app/payments/new?direction=in&amp;"
	    "party=%s&amp;invoice=%s&amp;amount=2500.00\"", b.customer, number);
	has(&r, want);
	has(&r, "Record payment");
	snprintf(want, sizeof(want), "href=\"/app/invoices/%s.pdf\">Download "
	    "PDF", inv);
	has(&r, want);
	has(&r, "href=\"#credit-note\">Credit note");
	reply_free(&r);
	/* the link's form: this party's open invoices, this one filled in
	 * with what is due, the other listed and left empty */
	snprintf(path, sizeof(path), "/app/payments/new?direction=in&party=%s&"
	    "invoice=%s&amount=2500.00", b.customer, number);
	kit_page(path, b.k.token, 200, &r);
	snprintf(want, sizeof(want), "name=\"alloc_doc\" value=\"%s\"></td><td>",
	    number);
	has(&r, want);
	snprintf(want, sizeof(want), "name=\"alloc_amount\" value=\"2500.00\" "
	    "size=\"10\" inputmode=\"decimal\" aria-label=\"Amount for %s\"",
	    number);
	has(&r, want);
	snprintf(want, sizeof(want), "name=\"alloc_amount\" value=\"\" size="
	    "\"10\" inputmode=\"decimal\" aria-label=\"Amount for %s\"", onum);
	has(&r, want);
	snprintf(want, sizeof(want), "value=\"C1\" selected");
	has(&r, want);
	reply_free(&r);
	/* sent as filled in (the other invoice's field empty): this one is
	 * paid, the other is left alone */
	char body[512];
	snprintf(body, sizeof(body), "direction=in&party=C1&amount=2500.00&"
	    "method=bank_transfer&alloc_doc=%s&alloc_amount=2500.00&"
	    "alloc_doc=%s&alloc_amount=", number, onum);
	kit_form("/app/payments", b.k.token, body, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	char *st = inv_status(&b, inv);
	ck_assert_str_eq(st, "paid");
	free(st);
	st = inv_status(&b, other);
	ck_assert_str_eq(st, "issued");
	free(st);
	/* paid: nothing more to record */
	snprintf(path, sizeof(path), "/app/invoices/%s", inv);
	kit_page(path, b.k.token, 200, &r);
	lacks(&r, "Record payment");
	reply_free(&r);
	/* the customer's page: statement, new order, new invoice */
	snprintf(path, sizeof(path), "/app/customers/%s", b.customer);
	kit_page(path, b.k.token, 200, &r);
	snprintf(want, sizeof(want), "href=\"/app/statements/%s\">Statement",
	    b.customer);
	has(&r, want);
	has(&r, "href=\"/app/orders/new?customer=C1\">New order");
	has(&r, "href=\"/app/invoices/new?customer=C1\">New invoice");
	reply_free(&r);
	/* each form comes with the customer chosen */
	kit_page("/app/orders/new?customer=C1", b.k.token, 200, &r);
	has(&r, "<option value=\"C1\" selected>");
	reply_free(&r);
	kit_page("/app/invoices/new?customer=C1", b.k.token, 200, &r);
	has(&r, "<option value=\"C1\" selected>");
	reply_free(&r);
	snprintf(path, sizeof(path), "/app/statements/%s", b.customer);
	kit_page(path, b.k.token, 200, &r);
	reply_free(&r);
	free(number);
	free(onum);
	free(other);
	free(inv);
	done(&b);
}
END_TEST

/* asked: the confirmation page, the document unchanged */
static void
asked(const reply *r, const char *action)
{
	ck_assert_int_eq(r->status, 200);
	has(r, "This cannot be undone.");
	has(r, "class=\"danger\"");
	has(r, "name=\"confirm\" value=\"yes\"");
	char want[256];
	snprintf(want, sizeof(want), "action=\"%s\"", action);
	has(r, want);
}

START_TEST(irreversible_actions_ask_first)
{
	biz b;
	business(&b);
	char path[256];
	reply r;
	/* voiding an invoice */
	char *inv = invoice(&b);
	snprintf(path, sizeof(path), "/app/invoices/%s/void", inv);
	long long events = kit_events(&b.k, "invoice.voided");
	kit_form(path, b.k.token, "", &r);
	asked(&r, path);
	has(&r, "Void the invoice");
	reply_free(&r);
	char *st = inv_status(&b, inv);
	ck_assert_str_eq(st, "issued");
	free(st);
	ck_assert_int_eq(kit_events(&b.k, "invoice.voided"), events);
	kit_form(path, b.k.token, "confirm=no", &r);
	asked(&r, path);
	reply_free(&r);
	kit_form(path, b.k.token, "confirm=yes", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	st = inv_status(&b, inv);
	ck_assert_str_eq(st, "void");
	free(st);
	/* the API is not asked */
	char *inv2 = invoice(&b);
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/void", inv2);
	cJSON_Delete(kit_post(path, b.k.token, "{}", 200));
	st = inv_status(&b, inv2);
	ck_assert_str_eq(st, "void");
	free(st);
	/* voiding a bill */
	char *sup = kit_party(b.k.token, "supplier", "Deccan Steel", NULL);
	char body[512];
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"supplier_ref\":"
	    "\"DS-9\",\"receive\":true,\"lines\":[{\"description\":\"Cutting\","
	    "\"quantity\":1,\"unit_price\":1000,\"tax_group\":null}]}", sup);
	cJSON *bj = kit_post("/api/v1/bills", b.k.token, body, 201);
	char *bill = strdup(jstr(bj, "id"));
	cJSON_Delete(bj);
	snprintf(path, sizeof(path), "/app/bills/%s/void", bill);
	kit_form(path, b.k.token, "", &r);
	asked(&r, path);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM bills WHERE id = "
	    "'%s' AND status = 'received'", bill), 1);
	kit_form(path, b.k.token, "confirm=yes", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM bills WHERE id = "
	    "'%s' AND status = 'void'", bill), 1);
	free(bill);
	free(sup);
	/* cancelling an order */
	cJSON *j = kit_post("/api/v1/orders", b.k.token, "{\"customer\":\"C1\","
	    "\"lines\":[{\"sku\":\"SETUP\",\"quantity\":1}]}", 201);
	char *order = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	snprintf(path, sizeof(path), "/app/orders/%s/cancel", order);
	kit_form(path, b.k.token, "", &r);
	asked(&r, path);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM orders WHERE id = "
	    "'%s' AND status = 'draft'", order), 1);
	kit_form(path, b.k.token, "confirm=yes", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM orders WHERE id = "
	    "'%s' AND status = 'cancelled'", order), 1);
	/* reversing a journal entry: the date typed travels with the
	 * confirmation */
	j = kit_post("/api/v1/journal", b.k.token, "{\"memo\":\"Capital\","
	    "\"lines\":[{\"account\":\"1200\",\"debit\":10000},{\"account\":"
	    "\"3100\",\"credit\":10000}]}", 201);
	char *entry = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	snprintf(path, sizeof(path), "/app/journal/%s/reverse", entry);
	kit_form(path, b.k.token, "memo=typed+by+hand", &r);
	asked(&r, path);
	has(&r, "name=\"memo\" value=\"typed by hand\"");
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM journal_entries "
	    "WHERE reversal_of = '%s'", entry), 0);
	kit_form(path, b.k.token, "memo=typed+by+hand&confirm=yes", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM journal_entries "
	    "WHERE reversal_of = '%s'", entry), 1);
	/* revoking an API key */
	j = kit_post("/api/v1/api-keys", b.k.token, "{\"name\":\"shop\","
	    "\"scopes\":\"sales.read\"}", 201);
	char *key = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	snprintf(path, sizeof(path), "/app/api-keys/%s/revoke", key);
	kit_form(path, b.k.token, "", &r);
	asked(&r, path);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM api_keys WHERE id = "
	    "'%s' AND revoked_at IS NULL", key), 1);
	kit_form(path, b.k.token, "confirm=yes", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM api_keys WHERE id = "
	    "'%s' AND revoked_at IS NULL", key), 0);
	/* closing a year and deactivating a user ask the same way */
	char *year = kit_adm("SELECT id FROM fiscal_years WHERE tenant_id = "
	    "'%s' ORDER BY start_date LIMIT 1", b.k.id);
	ck_assert_ptr_nonnull(year);
	snprintf(path, sizeof(path), "/app/years/%s/close", year);
	kit_form(path, b.k.token, "", &r);
	asked(&r, path);
	has(&r, "Close the year");
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM fiscal_years WHERE "
	    "id = '%s' AND NOT closed", year), 1);
	char *user = kit_adm("SELECT id FROM users WHERE tenant_id = '%s' "
	    "LIMIT 1", b.k.id);
	snprintf(path, sizeof(path), "/app/users/%s/deactivate", user);
	kit_form(path, b.k.token, "", &r);
	asked(&r, path);
	has(&r, "Deactivate the user");
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM users WHERE id = "
	    "'%s' AND active", user), 1);
	free(user);
	free(year);
	free(key);
	free(entry);
	free(order);
	free(inv2);
	free(inv);
	done(&b);
}
END_TEST

START_TEST(a_save_is_confirmed_once)
{
	biz b;
	business(&b);
	cJSON *j = kit_post("/api/v1/invoices", b.k.token, "{\"customer\":"
	    "\"C1\",\"lines\":[{\"product\":\"SETUP\",\"quantity\":1}]}", 201);
	char *inv = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	char path[256], flash[128], loc[256];
	reply r;
	snprintf(path, sizeof(path), "/app/invoices/%s/issue", inv);
	kit_form(path, b.k.token, "", &r);
	ck_assert_int_eq(r.status, 303);
	ck_assert_int_eq(reply_header(&r, "Location", loc, sizeof(loc)), 0);
	/* the cookie names the save, never words of the request's */
	ck_assert_int_eq(reply_cookie(&r, "bursar_flash", flash, sizeof(flash)),
	    0);
	ck_assert_str_eq(flash, "invoices.issue");
	reply_free(&r);
	char cookie[160];
	snprintf(cookie, sizeof(cookie), "bursar_flash=%s", flash);
	with_cookie(loc, &b, cookie, &r);
	has(&r, "<p class=\"flash\" role=\"status\">The invoice was issued.</p>");
	/* shown: the cookie is gone, so a reload says nothing */
	ck_assert_int_eq(reply_cookie(&r, "bursar_flash", flash, sizeof(flash)),
	    0);
	ck_assert_str_eq(flash, "");
	ck_assert_ptr_nonnull(strstr(buf_str(&r.headers), "bursar_flash=; "));
	reply_free(&r);
	kit_page(loc, b.k.token, 200, &r);
	lacks(&r, "class=\"flash\"");
	reply_free(&r);
	/* a code not in the table, or made up, shows nothing */
	with_cookie(loc, &b, "bursar_flash=you.were.hacked", &r);
	lacks(&r, "class=\"flash\"");
	reply_free(&r);
	with_cookie(loc, &b, "bursar_flash=%3Cb%3Ehi", &r);
	lacks(&r, "class=\"flash\"");
	lacks(&r, "<b>hi");
	reply_free(&r);
	/* a refused save sets none */
	kit_form("/app/payments", b.k.token, "direction=in&party=C1&amount=x",
	    &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_int_eq(reply_cookie(&r, "bursar_flash", flash, sizeof(flash)),
	    -1);
	reply_free(&r);
	/* an API call sets none */
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/void", inv);
	reply ar;
	ck_assert_int_eq(post_json(path, b.k.token, "{}", &ar), 200);
	ck_assert_int_eq(reply_cookie(&ar, "bursar_flash", flash,
	    sizeof(flash)), -1);
	reply_free(&ar);
	free(inv);
	done(&b);
}
END_TEST

TCase *
actions_tcase(void)
{
	TCase *tc = tcase_create("actions");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, order_offers_its_invoice);
	tcase_add_test(tc, invoice_and_customer_next_steps);
	tcase_add_test(tc, irreversible_actions_ask_first);
	tcase_add_test(tc, a_save_is_confirmed_once);
	return tc;
}
