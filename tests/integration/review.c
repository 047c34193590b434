/* review.c: what the review of the first capabilities found in the data a
 * user sees (issue 22, item 7), over HTTP against the real stack: the
 * commerce settings form keeps the default payment terms, a customer
 * typed with empty terms gets the default, each business numbers its own
 * orders (one after another under concurrency), an issued invoice keeps
 * the seller it was issued by, and the PDF draws an address's lines as
 * lines, never a line break as a glyph. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "kit.h"
#include "suites.h"

/* shown: the value attribute of the input with id name in the page html,
 * into out; 0, or -1 for no such input */
static int
shown(const char *html, const char *name, char *out, size_t len)
{
	char mark[128];
	snprintf(mark, sizeof(mark), "id=\"%s\"", name);
	const char *p = strstr(html, mark);
	if (p == NULL || (p = strstr(p, "value=\"")) == NULL)
		return -1;
	p += strlen("value=\"");
	snprintf(out, len, "%.*s", (int)strcspn(p, "\""), p);
	return 0;
}

START_TEST(settings_form_keeps_the_terms)
{
	kit_biz b;
	kit_business(&b, "rvset", "EUR");
	cJSON_Delete(kit_call("PATCH", "/api/v1/commerce/settings", b.token,
	    "{\"default_terms_days\":45}", 200));
	reply r;
	kit_page("/app/commerce/settings", b.token, 200, &r);
	char terms[32], prefix[32];
	ck_assert_int_eq(shown(buf_str(&r.body), "default_terms_days", terms,
	    sizeof(terms)), 0);
	ck_assert_int_eq(shown(buf_str(&r.body), "invoice_prefix", prefix,
	    sizeof(prefix)), 0);
	reply_free(&r);
	ck_assert_str_eq(terms, "45");
	/* saved as shown, changing only the invoice prefix */
	char body[512];
	snprintf(body, sizeof(body), "invoice_on=place&default_terms_days=%s&"
	    "invoice_prefix=FAC&credit_note_prefix=CN&order_prefix=SO&"
	    "bill_prefix=BILL&payment_prefix=PAY&payment_instructions=&"
	    "address=&tax_id=", terms);
	kit_form("/app/commerce/settings", b.token, body, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	cJSON *s = get_json("/api/v1/commerce/settings", b.token, 200);
	ck_assert_int_eq(kit_num(s, "default_terms_days"), 45);
	ck_assert_str_eq(jstr(s, "invoice_prefix"), "FAC");
	cJSON_Delete(s);
	free(b.token);
}
END_TEST

START_TEST(empty_terms_mean_the_default)
{
	kit_biz b;
	kit_business(&b, "rvterm", "EUR");
	cJSON_Delete(kit_call("PATCH", "/api/v1/commerce/settings", b.token,
	    "{\"default_terms_days\":21}", 200));
	reply r;
	/* the new customer form as a browser sends it, terms left empty */
	kit_form("/app/customers", b.token, "code=EMPTY1&name=Blank+Terms&"
	    "email=&phone=&tax_id=&currency=&terms_days=&credit_limit=&notes=&"
	    "is_customer=true", &r);
	ck_assert_msg(r.status == 303, "%ld %s", r.status, buf_str(&r.body));
	reply_free(&r);
	char *id = kit_adm("SELECT id FROM parties WHERE tenant_id = '%s' AND "
	    "code = 'EMPTY1'", b.id);
	ck_assert_ptr_nonnull(id);
	char path[160];
	snprintf(path, sizeof(path), "/api/v1/customers/%s", id);
	cJSON *p = get_json(path, b.token, 200);
	ck_assert_int_eq(kit_num(p, "terms_days"), 21);
	cJSON_Delete(p);
	/* its edit form shows the terms it has */
	snprintf(path, sizeof(path), "/app/customers/%s/edit", id);
	kit_page(path, b.token, 200, &r);
	char terms[32];
	ck_assert_int_eq(shown(buf_str(&r.body), "terms_days", terms,
	    sizeof(terms)), 0);
	reply_free(&r);
	ck_assert_str_eq(terms, "21");
	free(id);
	free(b.token);
}
END_TEST

/* ---- order numbers ---- */

/* trader: a business with customer C1 and product W; its token */
static void
trader(kit_biz *b, const char *tag)
{
	kit_business(b, tag, "EUR");
	free(kit_adm("INSERT INTO parties (tenant_id, code, name, is_customer, "
	    "currency) VALUES ('%s', 'C1', 'Asha Traders', true, 'EUR')", b->id));
	free(kit_product(b->token, "W", 1000, "EUR", NULL, 1));
}

static const char order_body[] = "{\"customer\":\"C1\",\"lines\":[{"
    "\"product\":\"W\",\"quantity\":1}]}";

/* order: a new draft order's number (malloc'd) */
static char *
order(const kit_biz *b)
{
	cJSON *j = kit_call("POST", "/api/v1/orders", b->token, order_body, 201);
	ck_assert_ptr_nonnull(jstr(j, "number"));
	char *n = strdup(jstr(j, "number"));
	cJSON_Delete(j);
	return n;
}

/* serial: the number's run after its last '-' */
static long
serial(const char *number)
{
	const char *d = strrchr(number, '-');
	ck_assert_ptr_nonnull(d);
	return atol(d + 1);
}

typedef struct racer {
	const char *token;
	pthread_barrier_t *go;
	long status;
	char number[48];
} racer;

static void *
race(void *arg)
{
	racer *r = arg;
	reply rep;
	pthread_barrier_wait(r->go);
	if (client_json("POST", "/api/v1/orders", r->token, order_body,
	    &rep) == 0) {
		r->status = rep.status;
		cJSON *j = cJSON_Parse(buf_str(&rep.body));
		const cJSON *n = cJSON_GetObjectItem(j, "number");
		if (cJSON_IsString(n))
			snprintf(r->number, sizeof(r->number), "%s", n->valuestring);
		cJSON_Delete(j);
		reply_free(&rep);
	}
	return NULL;
}

static int
by_serial(const void *a, const void *b)
{
	long x = serial(((const racer *)a)->number),
	    y = serial(((const racer *)b)->number);
	return (x > y) - (x < y);
}

START_TEST(each_business_numbers_its_orders)
{
	kit_biz a, b, c;
	trader(&a, "rvorda");
	trader(&b, "rvordb");
	char *na = order(&a), *nb = order(&b);
	/* the first order of each: the same number, the first of the year */
	ck_assert_str_eq(na, nb);
	ck_assert_int_eq(serial(na), 1);
	/* ten at once in one business: the next ten, none twice */
	enum { N = 10 };
	racer r[N];
	pthread_t t[N];
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, N);
	for (int i = 0; i < N; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		r[i].token = a.token;
		r[i].go = &go;
	}
	for (int i = 0; i < N; i++)
		pthread_create(&t[i], NULL, race, &r[i]);
	for (int i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&go);
	for (int i = 0; i < N; i++)
		ck_assert_msg(r[i].status == 201 && r[i].number[0], "order %d: %ld",
		    i, r[i].status);
	qsort(r, N, sizeof(r[0]), by_serial);
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(serial(r[i].number), i + 2);
	/* the other business is not moved by them */
	char *nb2 = order(&b);
	ck_assert_int_eq(serial(nb2), 2);
	/* orders numbered before the counters: the next continues after the
	 * business's own highest of the year */
	trader(&c, "rvordc");
	char old[64];
	snprintf(old, sizeof(old), "%.*s000042", (int)(strrchr(na, '-') - na + 1),
	    na);
	free(kit_adm("INSERT INTO orders (tenant_id, number, party_id, "
	    "location_id, currency) SELECT p.tenant_id, '%s', p.id, l.id, 'EUR' "
	    "FROM parties p JOIN locations l ON l.tenant_id = p.tenant_id WHERE "
	    "p.tenant_id = '%s' AND p.code = 'C1' LIMIT 1", old, c.id));
	char *nc = order(&c);
	ck_assert_int_eq(serial(nc), 43);
	free(na);
	free(nb);
	free(nb2);
	free(nc);
	free(a.token);
	free(b.token);
	free(c.token);
}
END_TEST

/* ---- the issued invoice's seller ---- */

/* issue: an invoice to C1 issued at once (draft 0: left a draft); its id
 * (malloc'd) */
static char *
invoice(const kit_biz *b, int draft)
{
	char body[256];
	snprintf(body, sizeof(body), "{\"customer\":\"C1\",\"lines\":[{"
	    "\"description\":\"Consulting\",\"quantity\":1,\"unit_price\":"
	    "10000}]%s}", draft ? "" : ",\"issue\":true");
	cJSON *j = kit_call("POST", "/api/v1/invoices", b->token, body, 201);
	char *id = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	return id;
}

/* pdf: the invoice's PDF saved in file */
static void
pdf(const kit_biz *b, const char *id, const char *file)
{
	char path[160], auth[1024];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/pdf", id);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", b->token);
	const char *h[] = { auth, NULL };
	reply r;
	ck_assert_int_eq(client_do("GET", path, h, NULL, 0, &r), 0);
	ck_assert_msg(r.status == 200, "%s: %ld", path, r.status);
	FILE *f = fopen(file, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(r.body.data, 1, r.body.len, f);
	fclose(f);
	reply_free(&r);
}

/* pdf_has: the PDF's text (words joined by single spaces) holds s */
static int
pdf_has(const char *file, const char *s)
{
	return sh("pdftotext -q '%s' - | tr -s ' \\n' '  ' | grep -qF '%s'",
	    file, s) == 0;
}

/* seller_is: the invoice's JSON and its PDF name this seller */
static void
seller_is(const kit_biz *b, const char *id, const char *name,
    const char *street, const char *tax_id, const char *not_name)
{
	char path[160], file[512];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s", id);
	cJSON *j = get_json(path, b->token, 200);
	ck_assert_ptr_nonnull(jstr(j, "seller_name"));
	ck_assert_str_eq(jstr(j, "seller_name"), name);
	ck_assert(strstr(jstr(j, "seller_address"), street) != NULL);
	ck_assert_str_eq(jstr(j, "seller_tax_id"), tax_id);
	cJSON_Delete(j);
	reply r;
	snprintf(path, sizeof(path), "/app/invoices/%s", id);
	kit_page(path, b->token, 200, &r);
	/* the page's Seller row (the page around it may name the business
	 * as it is now) */
	const char *row = strstr(buf_str(&r.body), "<th>Seller</th><td>");
	ck_assert_ptr_nonnull(row);
	row += strlen("<th>Seller</th><td>");
	char seller[400];
	snprintf(seller, sizeof(seller), "%.*s", (int)strcspn(row, "<"), row);
	reply_free(&r);
	ck_assert(strncmp(seller, name, strlen(name)) == 0);
	ck_assert(strstr(seller, tax_id) != NULL);
	snprintf(file, sizeof(file), "%s/review-%s.pdf", getenv("BURSAR_VAR"),
	    id);
	pdf(b, id, file);
	ck_assert(pdf_has(file, name));
	ck_assert(pdf_has(file, street));
	ck_assert(pdf_has(file, tax_id));
	ck_assert(!pdf_has(file, not_name));
	unlink(file);
}

START_TEST(issued_invoice_keeps_its_seller)
{
	kit_biz b;
	trader(&b, "rvsell");
	free(kit_adm("UPDATE tenants SET name = 'Old Name Ltd' WHERE id = '%s'",
	    b.id));
	cJSON_Delete(kit_call("PATCH", "/api/v1/commerce/settings", b.token,
	    "{\"address\":\"1 Old Street\\nOldtown\",\"tax_id\":\"OLD-VAT-1\"}",
	    200));
	char *issued = invoice(&b, 0), *draft = invoice(&b, 1);
	seller_is(&b, issued, "Old Name Ltd", "1 Old Street", "OLD-VAT-1",
	    "New Name");
	free(kit_adm("UPDATE tenants SET name = 'New Name GmbH' WHERE id = '%s'",
	    b.id));
	cJSON_Delete(kit_call("PATCH", "/api/v1/commerce/settings", b.token,
	    "{\"address\":\"9 New Road\\nNewtown\",\"tax_id\":\"NEW-VAT-2\"}",
	    200));
	/* the issued one as it was issued; the draft and a new one follow */
	seller_is(&b, issued, "Old Name Ltd", "1 Old Street", "OLD-VAT-1",
	    "New Name");
	seller_is(&b, draft, "New Name GmbH", "9 New Road", "NEW-VAT-2",
	    "Old Name");
	char *later = invoice(&b, 0);
	seller_is(&b, later, "New Name GmbH", "9 New Road", "NEW-VAT-2",
	    "Old Name");
	free(issued);
	free(draft);
	free(later);
	free(b.token);
}
END_TEST

/* ---- line breaks on the PDF ---- */

/* shows: the text-showing strings (<hex> Tj) of the PDF in file, its
 * streams inflated by qpdf, one a line, into out (malloc'd) */
static char *
shows(const char *file)
{
	char plain[600], list[620];
	snprintf(plain, sizeof(plain), "%s.qdf", file);
	snprintf(list, sizeof(list), "%s.tj", file);
	ck_assert_int_eq(sh("qpdf --qdf --object-streams=disable '%s' '%s'",
	    file, plain), 0);
	ck_assert_int_eq(sh("grep -a -o '<[0-9a-fA-F]*> *Tj' '%s' | tr A-F a-f "
	    "> '%s'", plain, list), 0);
	FILE *f = fopen(list, "rb");
	ck_assert_ptr_nonnull(f);
	static char text[1 << 20];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	unlink(plain);
	unlink(list);
	return strdup(text);
}

/* hex: "<...> Tj" of the ASCII s as the PDF draws it (two bytes a
 * character) */
static void
hex(const char *s, char *out, size_t len)
{
	size_t n = (size_t)snprintf(out, len, "<");
	for (; *s && n + 8 < len; s++)
		n += (size_t)snprintf(out + n, len - n, "00%02x",
		    (unsigned char)*s);
	snprintf(out + n, len - n, "> Tj");
}

START_TEST(pdf_draws_address_lines_apart)
{
	kit_biz b;
	trader(&b, "rvpdf");
	reply r;
	/* the address typed in the settings' textarea: a browser sends
	 * its line breaks as CR LF */
	kit_form("/app/commerce/settings", b.token, "address=1+Residency+Road"
	    "%0D%0ABengaluru+560001%0D%0AIndia&tax_id=VAT-77", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	char *id = invoice(&b, 0);
	char file[512];
	snprintf(file, sizeof(file), "%s/review-lines-%s.pdf",
	    getenv("BURSAR_VAR"), id);
	pdf(&b, id, file);
	char *tj = shows(file);
	unlink(file);
	/* no string drawn holds a line break (U+000D, U+000A) */
	for (const char *l = tj; *l; l += strcspn(l, "\n") + (l[strcspn(l,
	    "\n")] != '\0')) {
		size_t len = strcspn(l, "\n");
		for (size_t k = 1; k + 4 <= len; k += 4)
			ck_assert_msg(strncmp(l + k, "000d", 4) != 0 &&
			    strncmp(l + k, "000a", 4) != 0, "a line break drawn: "
			    "%.*s", (int)len, l);
	}
	/* each of the address's lines is drawn by itself */
	static const char *const lines[] = { "1 Residency Road",
	    "Bengaluru 560001", "India", NULL };
	for (int i = 0; lines[i]; i++) {
		char want[256];
		hex(lines[i], want, sizeof(want));
		ck_assert_msg(strstr(tj, want) != NULL, "%s not drawn alone",
		    lines[i]);
	}
	free(tj);
	free(id);
	free(b.token);
}
END_TEST

TCase *
review_tcase(void)
{
	TCase *tc = tcase_create("review");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, settings_form_keeps_the_terms);
	tcase_add_test(tc, empty_terms_mean_the_default);
	tcase_add_test(tc, each_business_numbers_its_orders);
	tcase_add_test(tc, issued_invoice_keeps_its_seller);
	tcase_add_test(tc, pdf_draws_address_lines_apart);
	return tc;
}
