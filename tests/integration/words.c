/* words.c: what a person reads on the pages: amounts grouped the
 * business's way, its dates, statuses in words, refusals that name what
 * was typed, amounts typed the business's way; the invitation that names
 * the business's short name, and sign-in without it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "kit.h"
#include "suites.h"

static const char *
body(const reply *r)
{
	return buf_str(&r->body);
}

/* has: the page holds text (a message naming what it missed) */
#define has(r, text) ck_assert_msg(strstr(body(r), (text)) != NULL, \
	"no \"%s\" in %.1500s", (text), body(r))
#define lacks(r, text) ck_assert_msg(strstr(body(r), (text)) == NULL, \
	"\"%s\" in %.1500s", (text), body(r))

/* an INR business's invoice of 2,56,23,053.44, issued and partly paid */
START_TEST(inr_invoice_page)
{
	kit_biz b;
	kit_business(&b, "wdi", "INR");
	char *cust = kit_party(b.token, "customer", "Crore Traders", NULL);
	free(kit_product(b.token, "BIG", 2562305344LL, "INR", NULL, 0));
	char req[512];
	snprintf(req, sizeof(req), "{\"customer\":\"%s\",\"issue\":true,"
	    "\"lines\":[{\"sku\":\"BIG\",\"quantity\":1}]}", cust);
	cJSON *j = kit_call("POST", "/api/v1/invoices", b.token, req, 201);
	char *id = strdup(jstr(j, "id"));
	/* the API keeps minor units and codes */
	ck_assert_int_eq(kit_amount(j, "total"), 2562305344LL);
	cJSON_Delete(j);
	snprintf(req, sizeof(req), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":100000,\"currency\":\"INR\"},\"method\":"
	    "\"bank_transfer\",\"allocations\":[{\"invoice\":\"%s\",\"amount\":"
	    "100000}]}", cust, id);
	char *pay = strdup(jstr(j = kit_post("/api/v1/payments", b.token, req,
	    201), "id"));
	cJSON_Delete(j);
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s", id);
	j = kit_call("GET", path, b.token, NULL, 200);
	ck_assert_str_eq(jstr(j, "status"), "partially_paid");
	ck_assert(strchr(jstr(j, "issue_date"), '-') != NULL);
	cJSON_Delete(j);
	char *day = kit_adm("SELECT to_char(issue_date, 'DD/MM/YYYY') FROM "
	    "invoices WHERE id = '%s'", id);
	reply r;
	snprintf(path, sizeof(path), "/app/invoices/%s", id);
	kit_page(path, b.token, 200, &r);
	has(&r, "2,56,23,053.44");	/* the total */
	has(&r, "2,56,22,053.44");	/* what is still due */
	has(&r, "1,000.00");		/* what was paid */
	has(&r, "Partly paid");
	lacks(&r, ">partially_paid<");
	has(&r, day);
	reply_free(&r);
	kit_page("/app/invoices", b.token, 200, &r);
	has(&r, "2,56,23,053.44");
	has(&r, "Partly paid");
	has(&r, day);
	reply_free(&r);
	snprintf(path, sizeof(path), "/app/payments/%s", pay);
	kit_page(path, b.token, 200, &r);
	has(&r, "Bank transfer");
	has(&r, "1,000.00");
	reply_free(&r);
	/* the business may choose another way of writing them */
	kit_form("/app/commerce/settings", b.token, "number_format=western&"
	    "date_format=YYYY-MM-DD", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	snprintf(path, sizeof(path), "/app/invoices/%s", id);
	kit_page(path, b.token, 200, &r);
	has(&r, "25,623,053.44");
	lacks(&r, day);
	reply_free(&r);
	free(day);
	free(pay);
	free(id);
	free(cust);
	free(b.token);
}
END_TEST

/* a form refused on its third line says "line 3", never "lines[2]" */
START_TEST(refusal_names_the_line)
{
	kit_biz b;
	kit_business(&b, "wdl", "INR");
	char *cust = kit_party(b.token, "customer", "Line Counter", NULL);
	char form[1024];
	snprintf(form, sizeof(form), "customer=%s&reference=L3&"
	    "line_product=&line_description=One&line_quantity=1&"
	    "line_unit_price=10&line_discount=&line_tax_group=&"
	    "line_product=&line_description=Two&line_quantity=2&"
	    "line_unit_price=10&line_discount=&line_tax_group=&"
	    "line_product=&line_description=Three&line_quantity=0&"
	    "line_unit_price=10&line_discount=&line_tax_group=", cust);
	reply r;
	kit_form("/app/invoices", b.token, form, &r);
	ck_assert_int_eq(r.status, 422);
	has(&r, "line 3, quantity: a whole number of units");
	lacks(&r, "lines[2]");
	reply_free(&r);
	/* the same for an order */
	free(kit_product(b.token, "P", 1000, "INR", NULL, 0));
	snprintf(form, sizeof(form), "customer=%s&reference=L3&"
	    "line_product=P&line_quantity=1&line_unit_price=&line_discount=&"
	    "line_product=P&line_quantity=2&line_unit_price=&line_discount=&"
	    "line_product=P&line_quantity=0&line_unit_price=&line_discount=",
	    cust);
	kit_form("/app/orders", b.token, form, &r);
	ck_assert_int_eq(r.status, 422);
	has(&r, "line 3, quantity");
	lacks(&r, "lines[2]");
	reply_free(&r);
	/* the API keeps naming the field by its path */
	char req[512];
	snprintf(req, sizeof(req), "{\"customer\":\"%s\",\"lines\":["
	    "{\"description\":\"a\",\"quantity\":1,\"unit_price\":1},"
	    "{\"description\":\"b\",\"quantity\":1,\"unit_price\":1},"
	    "{\"description\":\"c\",\"quantity\":0,\"unit_price\":1}]}", cust);
	kit_refused("POST", "/api/v1/invoices", b.token, req, 422,
	    "lines[2].quantity");
	free(cust);
	free(b.token);
}
END_TEST

/* a page refused to a role says what the role may not do, in words */
START_TEST(forbidden_in_words)
{
	reply r;
	ck_assert_int_eq(post_json("/api/v1/auth/token", NULL, "{\"tenant\":\"demo\","
	    "\"email\":\"viewer@demo.test\",\"password\":\"Demo-pass-2026\"}",
	    &r), 200);
	char *viewer = take_access(&r);
	kit_page("/app/invoices/new", viewer, 403, &r);
	has(&r, "Your role may not create or change customers, orders and "
	    "invoices");
	lacks(&r, "sales.write");
	reply_free(&r);
	/* the API keeps the code a client acts on */
	cJSON *j = kit_call("POST", "/api/v1/invoices", viewer, "{}", 403);
	ck_assert_ptr_nonnull(strstr(jstr(j, "error.message"), "sales.write"));
	cJSON_Delete(j);
	free(viewer);
}
END_TEST

/* amounts typed the business's way: a decimal comma for a EUR
 * business, grouping commas for INR; a decimal comma refused where the
 * business writes a point, with a message that shows how */
START_TEST(amounts_typed_the_business_way)
{
	static const struct {
		const char *currency, *typed;
		long long minor;
	} ok[] = {
		{ "EUR", "1.234%2C56", 123456 },	/* 1.234,56 */
		{ "INR", "2%2C56%2C230.50", 25623050 },	/* 2,56,230.50 */
		{ "USD", "1%2C234.56", 123456 },	/* 1,234.56 */
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		kit_biz b;
		kit_business(&b, "wdm", ok[i].currency);
		char *cust = kit_party(b.token, "customer", "Komma GmbH", NULL);
		char form[512];
		snprintf(form, sizeof(form), "customer=%s&reference=TYPED&"
		    "line_product=&line_description=Typed&line_quantity=1&"
		    "line_unit_price=%s&line_discount=&line_tax_group=", cust,
		    ok[i].typed);
		reply r;
		kit_form("/app/invoices", b.token, form, &r);
		ck_assert_msg(r.status == 303, "%s %s: %ld %.1500s", ok[i].currency,
		    ok[i].typed, r.status, body(&r));
		reply_free(&r);
		ck_assert_int_eq(kit_adm_int("SELECT total FROM invoices WHERE "
		    "tenant_id = '%s' AND reference = 'TYPED'", b.id),
		    ok[i].minor);
		free(cust);
		free(b.token);
	}
	kit_biz b;
	kit_business(&b, "wdm", "USD");
	char *cust = kit_party(b.token, "customer", "Point Inc", NULL);
	char form[512];
	snprintf(form, sizeof(form), "customer=%s&reference=COMMA&"
	    "line_product=&line_description=Typed&line_quantity=1&"
	    "line_unit_price=12%%2C50&line_discount=&line_tax_group=", cust);
	reply r;
	kit_form("/app/invoices", b.token, form, &r);
	ck_assert_int_eq(r.status, 422);
	has(&r, "such as 1,234.50");
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM invoices WHERE "
	    "tenant_id = '%s'", b.id), 0);
	/* a business that writes a decimal comma takes it alone too */
	kit_form("/app/commerce/settings", b.token, "number_format=continental",
	    &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	kit_form("/app/invoices", b.token, form, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT total FROM invoices WHERE "
	    "tenant_id = '%s' AND reference = 'COMMA'", b.id), 1250);
	free(cust);
	free(b.token);
}
END_TEST

/* mail_to: the newest caught mail to addr holding text, waiting up to 5 s
 * for the sender; malloc'd, or NULL */
static char *
mail_to(const char *addr, const char *text)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "for i in $(seq 50); do f=$(grep -l "
	    "'^To: %s' %s/mail/new/* 2>/dev/null | xargs -r ls -t | head -n1); "
	    "[ -n \"$f\" ] && grep -q '%s' \"$f\" && break; sleep 0.1; done; "
	    "[ -n \"$f\" ] && cat \"$f\"", addr, getenv("BURSAR_VAR"), text);
	FILE *p = popen(cmd, "r");
	buf out = BUF_INIT(1 << 20);
	char line[1024];
	while (fgets(line, sizeof(line), p))
		buf_puts(&out, line);
	pclose(p);
	return out.len ? buf_detach(&out) : (buf_free(&out), NULL);
}

static long
token_for(const char *tenant, const char *email, const char *pw, reply *r)
{
	char req[512];
	snprintf(req, sizeof(req), "{\"tenant\":\"%s\",\"email\":\"%s\","
	    "\"password\":\"%s\"}", tenant, email, pw);
	return post_json("/api/v1/auth/token", NULL, req, r);
}

/* the invitation names the business and its short name; the invited
 * person then signs in by email alone */
START_TEST(invitation_and_sign_in_by_email)
{
	char slug[64], email[96];
	snprintf(slug, sizeof(slug), "%s", unique("wdv"));
	snprintf(email, sizeof(email), "%s@wdv.test", unique("nia"));
	char *owner = sign_up(slug, "boss@wdv.test");
	char req[256];
	snprintf(req, sizeof(req), "{\"email\":\"%s\",\"name\":\"Nia New\","
	    "\"role\":\"accountant\"}", email);
	cJSON_Delete(kit_post("/api/v1/users/invite", owner, req, 201));
	char *mail = mail_to(email, "/app/invite/accept");
	ck_assert_msg(mail != NULL, "no invitation mail was caught");
	ck_assert_ptr_nonnull(strstr(mail, "Test Co"));
	char said[128];
	snprintf(said, sizeof(said), "short name is: %s", slug);
	ck_assert_msg(strstr(mail, said) != NULL, "%s", mail);
	char *t = strstr(mail, "token=");
	ck_assert_ptr_nonnull(t);
	char tok[128];
	snprintf(tok, sizeof(tok), "%.*s", (int)strspn(t + 6,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
	    t + 6);
	reply r;
	char path[256];
	snprintf(path, sizeof(path), "/app/invite/accept?token=%s", tok);
	ck_assert_int_eq(client_do("GET", path, NULL, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 200);
	has(&r, "Test Co");
	has(&r, slug);
	reply_free(&r);
	snprintf(req, sizeof(req), "{\"token\":\"%s\",\"password\":"
	    "\"Ledger-lover-42\"}", tok);
	ck_assert_int_eq(post_json("/api/v1/invite/accept", NULL, req, &r), 200);
	reply_free(&r);
	/* no business typed: the email's one business */
	ck_assert_int_eq(token_for("", email, "Ledger-lover-42", &r), 200);
	char *access = take_access(&r);
	cJSON *me = get_json("/api/v1/me", access, 200);
	ck_assert_str_eq(jstr(me, "user.name"), "Nia New");
	cJSON_Delete(me);
	free(access);
	/* a wrong password, an unknown email and an email of two businesses
	 * all get the one answer */
	ck_assert_int_eq(token_for("", email, "wrong-one-99", &r), 401);
	char wrong[1024];
	snprintf(wrong, sizeof(wrong), "%s", body(&r));
	has(&r, "short name");
	reply_free(&r);
	ck_assert_int_eq(token_for("", "ghost@wdv.test", "Ledger-lover-42", &r),
	    401);
	ck_assert_str_eq(body(&r), wrong);
	reply_free(&r);
	char twice[96];
	snprintf(twice, sizeof(twice), "%s@wdv.test", unique("two"));
	free(sign_up(unique("wdv"), twice));
	free(sign_up(unique("wdv"), twice));
	ck_assert_int_eq(token_for("", twice, "blue7Horse!fence", &r), 401);
	ck_assert_str_eq(body(&r), wrong);
	reply_free(&r);
	/* with the short name, each of them */
	ck_assert_int_eq(token_for(slug, email, "Ledger-lover-42", &r), 200);
	reply_free(&r);
	free(mail);
	free(owner);
}
END_TEST

TCase *
words_tcase(void)
{
	TCase *tc = tcase_create("words");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, inr_invoice_page);
	tcase_add_test(tc, refusal_names_the_line);
	tcase_add_test(tc, forbidden_in_words);
	tcase_add_test(tc, amounts_typed_the_business_way);
	tcase_add_test(tc, invitation_and_sign_in_by_email);
	return tc;
}
