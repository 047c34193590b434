/* invoices.c: invoices, credit notes, numbering, PDF, over HTTP against
 * the real stack: drafts by hand and from an order, issue with its exact
 * posting, 20 issues at once numbered without a gap, a failed issue that
 * takes no number, void and its refusal once settled, credit notes and
 * their cap, the overdue cron, the PDF through qpdf and pdftotext, bad
 * input refused with nothing written, another business's invoice 404. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "db/db.h"
#include "commerce/invoice.h"
#include "commerce/invoice_pdf.h"
#include "kit.h"
#include "suites.h"
#include "web/reply.h"

/* ---- helpers ---- */

/* refused: a request that must answer 422 naming field */
static void
refused(const char *method, const char *path, const char *token,
    const char *body, const char *field)
{
	kit_refused(method, path, token, body, 422, field);
}

/* A business of a test's own. */
typedef kit_biz biz;

/* customer: a customer with a billing address; its id (malloc'd) */
static char *
customer(const biz *b, const char *code, const char *name, int terms)
{
	char *id = kit_adm("INSERT INTO parties (tenant_id, code, name, "
	    "is_customer, currency, tax_id, terms_days) SELECT id, '%s', '%s', "
	    "true, base_currency, '29ABCDE1234F1Z5', %d FROM tenants WHERE id = "
	    "'%s' RETURNING id", code, name, terms, b->id);
	free(kit_adm("INSERT INTO party_addresses (tenant_id, party_id, kind, "
	    "line1, city, region, postal_code, country, is_default) VALUES "
	    "('%s', '%s', 'billing', '12 MG Road', 'Bengaluru', 'Karnataka', "
	    "'560001', 'IN', true)", b->id, id));
	return id;
}

/* product: a product with a price in the business's currency */
static char *
product(const biz *b, const char *sku, int tracked, const char *group,
    long long price)
{
	char *id = kit_adm("INSERT INTO products (tenant_id, sku, name, tracked, "
	    "tax_group) VALUES ('%s', '%s', 'Product %s', %s, %s%s%s) RETURNING "
	    "id", b->id, sku, sku, tracked ? "true" : "false", group ? "'" : "",
	    group ? group : "NULL", group ? "'" : "");
	free(kit_adm("INSERT INTO product_prices (tenant_id, product_id, currency, "
	    "unit_price) SELECT '%s', '%s', base_currency, %lld FROM tenants "
	    "WHERE id = '%s'", b->id, id, price, b->id));
	return id;
}

static long long
invoices_of(const biz *b)
{
	return kit_adm_int("SELECT count(*) FROM invoices WHERE tenant_id = '%s'",
	    b->id);
}

/* draft: POSTs body as a new invoice; its id (malloc'd) */
static char *
draft(const biz *b, const char *body)
{
	cJSON *j = kit_call("POST", "/api/v1/invoices", b->token, body, 201);
	char *id = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	return id;
}

static cJSON *
issue(const biz *b, const char *id, const char *body, long want)
{
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/issue", id);
	return kit_call("POST", path, b->token, body ? body : "{}", want);
}

/* the draft of three lines whose money the tests know to the paisa */
static const char three_lines[] = "{\"customer\":\"C1\",\"reference\":"
    "\"PO-77\",\"lines\":[{\"product\":\"P1\",\"quantity\":2,\"discount\":10},"
    "{\"sku\":\"S1\",\"quantity\":1},{\"description\":\"Misc\",\"quantity\":3,"
    "\"unit_price\":333,\"tax_group\":\"GST18\"}]}";

static void
three_lines_setup(biz *b)
{
	kit_business(b, "inv", "INR");
	free(customer(b, "C1", "Asha Traders", 30));
	free(product(b, "P1", 1, "GST18", 50000));
	free(product(b, "S1", 0, "GST18", 25000));
}

/* ---- by hand ---- */

START_TEST(by_hand_issue_posts_exactly)
{
	biz b;
	three_lines_setup(&b);
	cJSON *j = kit_call("POST", "/api/v1/invoices", b.token, three_lines, 201);
	const char *id = jstr(j, "id");
	ck_assert_str_eq(jstr(j, "status"), "draft");
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "number")));
	/* 2 x 500.00 less 10% = 900.00; 250.00 of service; 3 x 3.33 */
	ck_assert_int_eq(kit_amount(j, "net"), 115999);
	ck_assert_int_eq(kit_amount(j, "tax"), 20880);
	ck_assert_int_eq(kit_amount(j, "total"), 136879);
	cJSON *l = cJSON_GetObjectItem(j, "lines");
	ck_assert_int_eq(cJSON_GetArraySize(l), 3);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(l, 0), "account"), "@sales");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(l, 1), "account"), "@services");
	ck_assert_int_eq(kit_amount(cJSON_GetArrayItem(l, 0), "net"), 90000);
	ck_assert_int_eq(kit_amount(cJSON_GetArrayItem(l, 2), "tax"), 180);
	ck_assert_str_eq(jstr(j, "billing_address"), "12 MG Road\n560001 "
	    "Bengaluru\nKarnataka\nIN");
	cJSON *taxes = cJSON_GetObjectItem(j, "taxes");
	ck_assert_int_eq(cJSON_GetArraySize(taxes), 2);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(taxes, 0), "name"), "CGST 9%");
	ck_assert_int_eq(kit_amount(cJSON_GetArrayItem(taxes, 0), "tax"), 10440);
	ck_assert_int_eq(kit_balance(&b, "1300"), 0);	/* a draft posts nothing */
	ck_assert_int_eq(kit_events(&b, "invoice.created"), 1);

	char path[128];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s", id);
	cJSON *k = issue(&b, id, NULL, 200);
	char want[32];
	snprintf(want, sizeof(want), "INV-%d-00001", kit_fy());
	ck_assert_str_eq(jstr(k, "number"), want);
	ck_assert_str_eq(jstr(k, "status"), "issued");
	ck_assert_ptr_nonnull(jstr(k, "issue_date"));
	/* due by the customer's 30 days */
	long long days = kit_adm_int("SELECT '%s'::date - '%s'::date",
	    jstr(k, "due_date"), jstr(k, "issue_date"));
	ck_assert_int_eq(days, 30);
	ck_assert_int_eq(kit_balance(&b, "1300"), 136879);
	ck_assert_int_eq(kit_balance(&b, "4100"), -90999);
	ck_assert_int_eq(kit_balance(&b, "4200"), -25000);
	ck_assert_int_eq(kit_balance(&b, "2210"), -10440);
	ck_assert_int_eq(kit_balance(&b, "2220"), -10440);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM journal_entries WHERE "
	    "tenant_id = '%s' AND source_type = 'invoice' AND source_id = '%s' "
	    "AND id = (SELECT entry_id FROM invoices WHERE id = '%s')", b.id, id,
	    id), 1);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM journal_lines l JOIN "
	    "invoices i ON i.entry_id = l.entry_id WHERE i.id = '%s' AND "
	    "l.party_id = i.party_id AND l.debit = 136879", id), 1);
	ck_assert_int_eq(kit_events(&b, "invoice.issued"), 1);
	/* issued once: a second issue is a conflict and posts nothing */
	cJSON_Delete(issue(&b, id, NULL, 409));
	ck_assert_int_eq(kit_balance(&b, "1300"), 136879);
	/* an issued invoice is not changed, nor deleted */
	cJSON_Delete(kit_call("PATCH", path, b.token, "{\"reference\":\"x\"}",
	    409));
	cJSON_Delete(kit_call("DELETE", path, b.token, NULL, 409));
	/* it reads back the same */
	cJSON *g = get_json(path, b.token, 200);
	ck_assert_str_eq(jstr(g, "number"), want);
	ck_assert_int_eq(kit_amount(g, "open"), 136879);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(g,
	    "can"), "issue")));
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(g,
	    "can"), "void")));
	cJSON_Delete(g);
	cJSON_Delete(k);
	cJSON_Delete(j);
	free(b.token);
}
END_TEST

START_TEST(draft_changed_and_deleted)
{
	biz b;
	three_lines_setup(&b);
	char *id = draft(&b, three_lines);
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s", id);
	/* a change keeps what it does not name */
	cJSON *j = kit_call("PATCH", path, b.token, "{\"reference\":\"PO-78\","
	    "\"due_date\":\"2030-01-31\"}", 200);
	ck_assert_str_eq(jstr(j, "reference"), "PO-78");
	ck_assert_str_eq(jstr(j, "due_date"), "2030-01-31");
	ck_assert_int_eq(kit_amount(j, "total"), 136879);
	cJSON_Delete(j);
	/* new lines replace the old; an untaxed line by null */
	j = kit_call("PATCH", path, b.token, "{\"lines\":[{\"description\":"
	    "\"Consulting\",\"quantity\":4,\"unit_price\":12345,\"tax_group\":"
	    "null,\"account\":\"@services\"}]}", 200);
	ck_assert_int_eq(kit_amount(j, "total"), 49380);
	ck_assert_int_eq(kit_amount(j, "tax"), 0);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "taxes")), 0);
	ck_assert_str_eq(jstr(j, "reference"), "PO-78");
	cJSON_Delete(j);
	ck_assert_int_eq(kit_events(&b, "invoice.updated"), 2);
	cJSON_Delete(kit_call("DELETE", path, b.token, NULL, 200));
	cJSON_Delete(get_json(path, b.token, 404));
	ck_assert_int_eq(invoices_of(&b), 0);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM document_taxes WHERE "
	    "tenant_id = '%s'", b.id), 0);
	free(id);
	free(b.token);
}
END_TEST

/* ---- from an order ---- */

START_TEST(from_an_order)
{
	biz b;
	three_lines_setup(&b);
	char *cust = kit_adm("SELECT id FROM parties WHERE tenant_id = '%s'", b.id);
	char *loc = kit_adm("SELECT id FROM locations WHERE tenant_id = '%s'",
	    b.id);
	char *order = kit_adm("INSERT INTO orders (tenant_id, number, party_id, "
	    "location_id, currency, status, reference, net, tax, total) VALUES "
	    "('%s', 'SO-T-%d', '%s', '%s', 'INR', 'placed', 'PO-9', 100000, "
	    "18000, 118000) RETURNING id", b.id, rand() % 100000, cust, loc);
	free(kit_adm("INSERT INTO order_lines (tenant_id, order_id, line_no, "
	    "product_id, description, quantity, unit_price, discount_ppm, "
	    "tax_group, net, tax, total) SELECT '%s', '%s', 1, id, 'Widget', 2, "
	    "50000, 0, 'GST18', 100000, 18000, 118000 FROM products WHERE "
	    "tenant_id = '%s' AND sku = 'P1'", b.id, order, b.id));
	char body[256];
	snprintf(body, sizeof(body), "{\"order\":\"%s\",\"issue\":true}", order);
	cJSON *j = kit_call("POST", "/api/v1/invoices", b.token, body, 201);
	ck_assert_str_eq(jstr(j, "status"), "issued");
	ck_assert_str_eq(jstr(j, "order_id"), order);
	ck_assert_str_eq(jstr(j, "reference"), "PO-9");
	ck_assert_int_eq(kit_amount(j, "total"), 118000);
	cJSON *l = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "lines"), 0);
	ck_assert_str_eq(jstr(l, "description"), "Widget");
	ck_assert_str_eq(jstr(l, "source_type"), "order");
	ck_assert_int_eq(kit_balance(&b, "1300"), 118000);
	ck_assert_int_eq(kit_balance(&b, "4100"), -100000);
	ck_assert_int_eq(kit_balance(&b, "2210"), -9000);
	/* one invoice per order while it is not void */
	cJSON_Delete(kit_call("POST", "/api/v1/invoices", b.token, body, 409));
	ck_assert_int_eq(invoices_of(&b), 1);
	/* void it: the order can be invoiced again */
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/void", jstr(j, "id"));
	cJSON_Delete(kit_call("POST", path, b.token, "{}", 200));
	snprintf(body, sizeof(body), "{\"order\":\"%s\"}", order);
	cJSON *k = kit_call("POST", "/api/v1/invoices", b.token, body, 201);
	ck_assert_str_eq(jstr(k, "status"), "draft");
	cJSON_Delete(k);
	/* an unknown order */
	cJSON_Delete(kit_call("POST", "/api/v1/invoices", b.token, "{\"order\":"
	    "\"00000000-0000-0000-0000-000000000000\"}", 404));
	cJSON_Delete(j);
	free(cust);
	free(loc);
	free(order);
	free(b.token);
}
END_TEST

/* ---- numbering ---- */

typedef struct racer {
	const char *token;
	char path[128];
	pthread_barrier_t *go;
	long status;
	char number[32];
} racer;

static void *
race(void *arg)
{
	racer *r = arg;
	reply rep;
	pthread_barrier_wait(r->go);
	if (client_json("POST", r->path, r->token, "{}", &rep) == 0) {
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
by_text(const void *a, const void *b)
{
	return strcmp(((const racer *)a)->number, ((const racer *)b)->number);
}

START_TEST(twenty_issues_at_once_no_gap)
{
	enum { N = 20 };
	biz b;
	three_lines_setup(&b);
	racer r[N];
	pthread_t t[N];
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, N);
	for (int i = 0; i < N; i++) {
		char *id = draft(&b, three_lines);
		memset(&r[i], 0, sizeof(r[i]));
		r[i].token = b.token;
		r[i].go = &go;
		snprintf(r[i].path, sizeof(r[i].path), "/api/v1/invoices/%s/issue",
		    id);
		free(id);
	}
	for (int i = 0; i < N; i++)
		pthread_create(&t[i], NULL, race, &r[i]);
	for (int i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&go);
	qsort(r, N, sizeof(r[0]), by_text);
	int year = kit_fy();
	for (int i = 0; i < N; i++) {
		char want[32];
		snprintf(want, sizeof(want), "INV-%d-%05d", year, i + 1);
		ck_assert_int_eq(r[i].status, 200);
		ck_assert_str_eq(r[i].number, want);
	}
	ck_assert_int_eq(kit_balance(&b, "1300"), 136879LL * N);
	ck_assert_int_eq(kit_events(&b, "invoice.issued"), N);
	free(b.token);
}
END_TEST

START_TEST(failed_issue_takes_no_number)
{
	biz b;
	three_lines_setup(&b);
	char *a = draft(&b, three_lines), *c = draft(&b, three_lines);
	char *d = draft(&b, three_lines);
	cJSON_Delete(issue(&b, a, NULL, 200));
	/* close the year's first period, then issue into it */
	char *start = kit_adm("SELECT start_date::text FROM periods WHERE "
	    "tenant_id = '%s' ORDER BY start_date LIMIT 1", b.id);
	char *period = kit_adm("SELECT id FROM periods WHERE tenant_id = '%s' "
	    "ORDER BY start_date LIMIT 1", b.id);
	char path[128], body[128];
	snprintf(path, sizeof(path), "/api/v1/periods/%s/close", period);
	cJSON_Delete(kit_call("POST", path, b.token, "{}", 200));
	snprintf(body, sizeof(body), "{\"date\":\"%s\"}", start);
	cJSON *e = issue(&b, c, body, 422);
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "closed"));
	cJSON_Delete(e);
	cJSON *g;
	snprintf(path, sizeof(path), "/api/v1/invoices/%s", c);
	g = get_json(path, b.token, 200);
	ck_assert_str_eq(jstr(g, "status"), "draft");
	cJSON_Delete(g);
	/* the next issue follows the first without a gap */
	cJSON *k = issue(&b, d, NULL, 200);
	char want[32];
	snprintf(want, sizeof(want), "INV-%d-00002", kit_fy());
	ck_assert_str_eq(jstr(k, "number"), want);
	cJSON_Delete(k);
	ck_assert_int_eq(kit_balance(&b, "1300"), 2 * 136879LL);
	free(a);
	free(c);
	free(d);
	free(start);
	free(period);
	free(b.token);
}
END_TEST

/* ---- void ---- */

/* settle: what a payment's allocation does, through lib/invoice as the
 * payments module calls it, committed */
static void
settle(const biz *b, const char *id, int64_t amt, const char *want_state)
{
	db *d = db_open(getenv("BURSAR_APP_CONNINFO"), 5);
	db_res err = {0};
	ck_assert_int_eq(db_begin(d), 0);
	ck_assert_int_eq(db_set_tenant(d, b->id), 0);
	int rc = invoice_settle(d, id, amt, &err);
	if (want_state) {
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(err.sqlstate, want_state);
		db_rollback(d);
	} else {
		ck_assert_msg(rc == 0, "settle: %s", err.error);
		ck_assert_int_eq(db_commit(d, &err), 0);
	}
	db_res_clear(&err);
	db_close(d);
}

START_TEST(void_reverses_and_refuses_once_settled)
{
	biz b;
	three_lines_setup(&b);
	char *a = draft(&b, three_lines), *c = draft(&b, three_lines);
	cJSON_Delete(issue(&b, a, NULL, 200));
	cJSON_Delete(issue(&b, c, NULL, 200));
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/void", a);
	cJSON *j = kit_call("POST", path, b.token, "{}", 200);
	ck_assert_str_eq(jstr(j, "status"), "void");
	ck_assert_ptr_nonnull(jstr(j, "void_entry_id"));
	cJSON_Delete(j);
	/* the reversal took its posting back; the number stays used */
	ck_assert_int_eq(kit_balance(&b, "1300"), 136879);
	ck_assert_int_eq(kit_balance(&b, "4100"), -90999);
	ck_assert_int_eq(kit_balance(&b, "2210"), -10440);
	ck_assert_int_eq(kit_events(&b, "invoice.voided"), 1);
	cJSON_Delete(kit_call("POST", path, b.token, "{}", 409));
	/* a payment of 100.00 on the other: void is refused, a credit note
	 * is the way */
	settle(&b, c, 10000, NULL);
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/void", c);
	cJSON *e = kit_call("POST", path, b.token, "{}", 409);
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "credit note"));
	cJSON_Delete(e);
	snprintf(path, sizeof(path), "/api/v1/invoices/%s", c);
	j = get_json(path, b.token, 200);
	ck_assert_str_eq(jstr(j, "status"), "partially_paid");
	ck_assert_int_eq(kit_amount(j, "open"), 126879);
	cJSON_Delete(j);
	/* settling more than is open is refused */
	settle(&b, c, 126880, "23514");
	settle(&b, c, 126879, NULL);
	j = get_json(path, b.token, 200);
	ck_assert_str_eq(jstr(j, "status"), "paid");
	cJSON_Delete(j);
	ck_assert_int_eq(kit_events(&b, "invoice.paid"), 1);
	free(a);
	free(c);
	free(b.token);
}
END_TEST

/* ---- credit notes ---- */

START_TEST(credit_note_mirrors_and_settles)
{
	biz b;
	three_lines_setup(&b);
	char *a = draft(&b, three_lines);
	cJSON_Delete(issue(&b, a, NULL, 200));
	settle(&b, a, 100000, NULL);	/* 1000.00 paid: 368.79 open */
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/credit-notes", a);
	/* one of the two units of line 1: 450.00 + 81.00 tax = 531.00 */
	cJSON *j = kit_call("POST", path, b.token, "{\"lines\":[{\"line\":1,"
	    "\"quantity\":1}],\"reason\":\"one came back broken\"}", 201);
	char want[32];
	snprintf(want, sizeof(want), "CN-%d-00001", kit_fy());
	ck_assert_str_eq(jstr(j, "number"), want);
	ck_assert_str_eq(jstr(j, "kind"), "credit_note");
	ck_assert_str_eq(jstr(j, "credit_of"), a);
	ck_assert_int_eq(kit_amount(j, "total"), 53100);
	/* it settled what was open on the invoice; the rest is credit */
	ck_assert_int_eq(kit_amount(j, "paid"), 36879);
	ck_assert_int_eq(kit_amount(j, "open"), 16221);
	ck_assert_int_eq(kit_events(&b, "credit_note.issued"), 1);
	/* the mirror: receivable, sales and both taxes back */
	ck_assert_int_eq(kit_balance(&b, "1300"), 136879 - 53100);
	ck_assert_int_eq(kit_balance(&b, "4100"), -90999 + 45000);
	ck_assert_int_eq(kit_balance(&b, "2210"), -10440 + 4050);
	ck_assert_int_eq(kit_balance(&b, "2220"), -10440 + 4050);
	cJSON_Delete(j);
	snprintf(path, sizeof(path), "/api/v1/invoices/%s", a);
	j = get_json(path, b.token, 200);
	ck_assert_str_eq(jstr(j, "status"), "paid");
	ck_assert_int_eq(kit_amount(j, "credited"), 53100);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j,
	    "settlements")), 1);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(j,
	    "can"), "void")));
	cJSON_Delete(j);
	ck_assert_int_eq(kit_adm_int("SELECT amount FROM payment_allocations WHERE "
	    "tenant_id = '%s' AND invoice_id = '%s' AND credit_note_id IS NOT "
	    "NULL", b.id, a), 36879);
	/* no more than was invoiced less earlier credit notes: all of it
	 * again is too much, and nothing is written */
	long long before = invoices_of(&b);
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/credit-notes", a);
	refused("POST", path, b.token, "{\"all\":true}", "lines");
	refused("POST", path, b.token, "{\"lines\":[{\"line\":1,\"quantity\":"
	    "3}]}", "lines[0].quantity");
	refused("POST", path, b.token, "{\"lines\":[{\"line\":9,\"quantity\":"
	    "1}]}", "lines[0].line");
	refused("POST", path, b.token, "{}", "lines");
	ck_assert_int_eq(invoices_of(&b), before);
	/* the rest of the invoice still can be credited, to the paisa */
	j = kit_call("POST", path, b.token, "{\"lines\":[{\"line\":1,\"quantity\":"
	    "1},{\"line\":2,\"quantity\":1},{\"line\":3,\"quantity\":3}]}", 201);
	ck_assert_int_eq(kit_amount(j, "total"), 136879 - 53100);
	ck_assert_int_eq(kit_amount(j, "paid"), 0);
	cJSON_Delete(j);
	ck_assert_int_eq(kit_balance(&b, "4100"), 0);
	ck_assert_int_eq(kit_balance(&b, "4200"), 0);
	ck_assert_int_eq(kit_balance(&b, "2210"), 0);
	/* (the payment is not posted here: invoice_settle posts nothing) */
	ck_assert_int_eq(kit_balance(&b, "1300"), 0);
	free(a);
	free(b.token);
}
END_TEST

/* ---- overdue ---- */

START_TEST(overdue_by_cron)
{
	biz b;
	three_lines_setup(&b);
	/* issued in this year's first period, due a day later: past due */
	char *start = kit_adm("SELECT start_date::text FROM periods WHERE "
	    "tenant_id = '%s' AND start_date <= current_date - 2 ORDER BY "
	    "start_date LIMIT 1", b.id);
	char body[1024], *late = NULL;
	if (start == NULL)	/* the year began yesterday: use the year before */
		start = kit_adm("SELECT (current_date - 40)::text");
	char *due = kit_adm("SELECT ('%s'::date + 1)::text", start);
	snprintf(body, sizeof(body), "{\"customer\":\"C1\",\"issue_date\":\"%s\","
	    "\"due_date\":\"%s\",\"lines\":[{\"description\":\"Old work\","
	    "\"quantity\":1,\"unit_price\":1000}],\"issue\":true}", start, due);
	late = draft(&b, body);
	char *fresh = draft(&b, "{\"customer\":\"C1\",\"lines\":[{"
	    "\"description\":\"New\",\"quantity\":1,\"unit_price\":500}],"
	    "\"issue\":true}");
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "BURSAR_CONFIG=%s/bursar.conf %s/cron/overdue "
	    ">/dev/null", getenv("BURSAR_VAR"), getenv("BURSAR_BUILD"));
	ck_assert_int_eq(sh("%s", cmd), 0);
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s", late);
	cJSON *j = get_json(path, b.token, 200);
	ck_assert_str_eq(jstr(j, "status"), "overdue");
	cJSON_Delete(j);
	snprintf(path, sizeof(path), "/api/v1/invoices/%s", fresh);
	j = get_json(path, b.token, 200);
	ck_assert_str_eq(jstr(j, "status"), "issued");
	cJSON_Delete(j);
	ck_assert_int_eq(kit_events(&b, "invoice.overdue"), 1);
	/* twice is the same as once */
	ck_assert_int_eq(sh("%s", cmd), 0);
	ck_assert_int_eq(kit_events(&b, "invoice.overdue"), 1);
	j = get_json("/api/v1/invoices?status=overdue", b.token, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	cJSON_Delete(j);
	/* a part payment keeps it overdue; the rest makes it paid */
	settle(&b, late, 400, NULL);
	snprintf(path, sizeof(path), "/api/v1/invoices/%s", late);
	j = get_json(path, b.token, 200);
	ck_assert_str_eq(jstr(j, "status"), "overdue");
	cJSON_Delete(j);
	free(start);
	free(due);
	free(late);
	free(fresh);
	free(b.token);
}
END_TEST

/* ---- PDF ---- */

/* fetch: GET path with the token into file; the reply's headers kept */
static void
fetch(const char *path, const char *token, const char *file, reply *r)
{
	char auth[1024];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	const char *h[] = { auth, NULL };
	ck_assert_int_eq(client_do("GET", path, h, NULL, 0, r), 0);
	ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status,
	    buf_str(&r->body));
	FILE *f = fopen(file, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(r->body.data, 1, r->body.len, f);
	fclose(f);
}

/* text_has: pdftotext of file contains s */
static int
text_has(const char *file, const char *s)
{
	return sh("pdftotext -q '%s' - | tr -s ' \\n' '  ' | grep -qF '%s'",
	    file, s) == 0;
}

START_TEST(pdf_checks_and_reads_back)
{
	biz b;
	kit_business(&b, "inv", "INR");
	free(kit_adm("UPDATE tenants SET name = 'Café Müller', address = "
	    "'1 Residency Road, Bengaluru', tax_id = '29AAAAA0000A1Z5' WHERE id "
	    "= '%s'", b.id));
	free(kit_adm("UPDATE commerce_settings SET payment_instructions = "
	    "'UPI: cafe@bank · IFSC HDFC0000001' WHERE tenant_id = '%s'", b.id));
	free(customer(&b, "SP", "Σοφία Παπαδοπούλου", 15));
	free(product(&b, "P1", 1, "GST18", 50000));
	/* enough lines for a second page */
	char body[16384];
	int n = snprintf(body, sizeof(body), "{\"customer\":\"SP\",\"lines\":["
	    "{\"description\":\"Ёлка ООО: ёлочные игрушки\",\"quantity\":2,"
	    "\"unit_price\":99950,\"tax_group\":\"GST18\"}");
	for (int i = 0; i < 60; i++)
		n += snprintf(body + n, sizeof(body) - (size_t)n, ",{\"product\":"
		    "\"P1\",\"description\":\"Line %d, a description long enough "
		    "to wrap onto a second row of the table in the PDF\","
		    "\"quantity\":1}", i + 2);
	snprintf(body + n, sizeof(body) - (size_t)n, "],\"issue\":true}");
	cJSON *j = kit_call("POST", "/api/v1/invoices", b.token, body, 201);
	const char *id = jstr(j, "id"), *number = jstr(j, "number");
	/* 2 x 999.50 + 60 x 500.00 = 31999.00 net, 18% tax 5759.82 */
	ck_assert_int_eq(kit_amount(j, "total"), 3199900 + 575982);
	char path[128], file[512], disp[256];
	snprintf(file, sizeof(file), "%s/invoice-%s.pdf", getenv("BURSAR_VAR"),
	    id);
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/pdf", id);
	reply r;
	fetch(path, b.token, file, &r);
	char type[64];
	ck_assert_int_eq(reply_header(&r, "Content-Type", type, sizeof(type)), 0);
	ck_assert_str_eq(type, "application/pdf");
	ck_assert_int_eq(reply_header(&r, "Content-Disposition", disp,
	    sizeof(disp)), 0);
	char want[128];
	snprintf(want, sizeof(want), "inline; filename=\"%s.pdf\"", number);
	ck_assert_str_eq(disp, want);
	reply_free(&r);
	ck_assert_int_eq(sh("qpdf --check '%s' >/dev/null", file), 0);
	ck_assert_int_eq(sh("test $(pdfinfo '%s' | awk '/^Pages:/ {print $2}') "
	    "-ge 2", file), 0);
	ck_assert(text_has(file, number));
	ck_assert(text_has(file, "INVOICE"));
	ck_assert(text_has(file, "Σοφία Παπαδοπούλου"));
	ck_assert(text_has(file, "Ёлка ООО"));
	ck_assert(text_has(file, "Café Müller"));
	/* amounts grouped as an INR business writes them */
	ck_assert(text_has(file, "₹37,758.82"));
	ck_assert(text_has(file, "CGST 9%"));
	ck_assert(text_has(file, "2,879.91"));
	ck_assert(text_has(file, "UPI: cafe@bank"));
	ck_assert(text_has(file, "12 MG Road"));
	ck_assert(!text_has(file, "DRAFT"));
	/* the page's address gives the same document */
	snprintf(path, sizeof(path), "/app/invoices/%s.pdf", id);
	fetch(path, b.token, file, &r);
	reply_free(&r);
	ck_assert_int_eq(sh("qpdf --check '%s' >/dev/null", file), 0);
	ck_assert(text_has(file, number));
	/* a draft says so */
	char *dr = draft(&b, "{\"customer\":\"SP\",\"lines\":[{\"description\":"
	    "\"Draft work\",\"quantity\":1,\"unit_price\":100}]}");
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/pdf", dr);
	fetch(path, b.token, file, &r);
	reply_free(&r);
	ck_assert_int_eq(sh("qpdf --check '%s' >/dev/null", file), 0);
	ck_assert(text_has(file, "DRAFT"));
	/* a credit note is titled so */
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/credit-notes", id);
	cJSON *cn = kit_call("POST", path, b.token, "{\"lines\":[{\"line\":1,"
	    "\"quantity\":1}],\"reason\":\"Возврат\"}", 201);
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/pdf", jstr(cn, "id"));
	fetch(path, b.token, file, &r);
	reply_free(&r);
	ck_assert_int_eq(sh("qpdf --check '%s' >/dev/null", file), 0);
	ck_assert(text_has(file, "CREDIT NOTE"));
	ck_assert(text_has(file, jstr(cn, "number")));
	ck_assert(text_has(file, number));
	cJSON_Delete(cn);
	unlink(file);

	/* the figure: one invoice (61 lines, two pages) rendered in a loop */
	db *d = db_open(getenv("BURSAR_APP_CONNINFO"), 5);
	ck_assert_int_eq(db_begin(d), 0);
	ck_assert_int_eq(db_set_tenant(d, b.id), 0);
	invoice_pdf_data x;
	db_res err;
	ck_assert_int_eq(invoice_pdf_load(d, id, &x, &err), 0);
	enum { ROUNDS = 200 };
	struct timespec t0, t1;
	size_t bytes = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < ROUNDS; i++) {
		buf out = BUF_INIT(64u << 20);
		char why[200];
		ck_assert_int_eq(invoice_pdf_render(&x.doc, &out, why,
		    sizeof(why)), 0);
		bytes = out.len;
		buf_free(&out);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = ((double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) / ROUNDS;
	printf("invoices: one invoice PDF (%zu lines, %zu bytes) renders in "
	    "%.2f ms (mean of %d)\n", x.doc.nlines, bytes, ms, ROUNDS);
	invoice_pdf_data_free(&x);
	db_rollback(d);
	db_close(d);
	free(dr);
	cJSON_Delete(j);
	free(b.token);
}
END_TEST

/* ---- refusals ---- */

START_TEST(bad_input_refused_nothing_written)
{
	biz b;
	three_lines_setup(&b);
	const char *p = "/api/v1/invoices";
	refused("POST", p, b.token, "{\"lines\":[{\"description\":\"x\","
	    "\"quantity\":1,\"unit_price\":1}]}", "customer");
	refused("POST", p, b.token, "{\"customer\":\"NOPE\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":1}]}",
	    "customer");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"lines\":[]}",
	    "lines");
	refused("POST", p, b.token, "{\"customer\":\"C1\"}", "lines");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":0,\"unit_price\":1}]}",
	    "lines[0].quantity");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1.5,\"unit_price\":1}]}",
	    "lines[0].quantity");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":-5}]}",
	    "lines[0].unit_price");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":\"10.50\"}]}",
	    "lines[0].unit_price");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":100,"
	    "\"discount\":120}]}", "lines[0].discount");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"lines\":[{"
	    "\"product\":\"NOPE\",\"quantity\":1}]}", "lines[0].product");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"lines\":[{"
	    "\"quantity\":1,\"unit_price\":100}]}", "lines[0].description");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1}]}", "lines[0].unit_price");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":1,"
	    "\"account\":\"1300\"}]}", "lines[0].account");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":1,"
	    "\"tax_group\":\"NOPE\"}]}", "lines");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"currency\":\"XXX\","
	    "\"lines\":[{\"description\":\"x\",\"quantity\":1,\"unit_price\":1}]}",
	    "currency");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"issue_date\":"
	    "\"2026-02-30\",\"lines\":[{\"description\":\"x\",\"quantity\":1,"
	    "\"unit_price\":1}]}", "issue_date");
	refused("POST", p, b.token, "{\"customer\":\"C1\",\"issue_date\":"
	    "\"2026-05-10\",\"due_date\":\"2026-05-01\",\"lines\":[{"
	    "\"description\":\"x\",\"quantity\":1,\"unit_price\":1}]}",
	    "due_date");
	/* a foreign currency with no exchange rate: refused at issue, with
	 * no number taken */
	cJSON *j = kit_call("POST", p, b.token, "{\"customer\":\"C1\",\"currency\":"
	    "\"USD\",\"lines\":[{\"description\":\"x\",\"quantity\":1,"
	    "\"unit_price\":100}],\"issue\":true}", 422);
	ck_assert_ptr_nonnull(strstr(jstr(j, "error.message"),
	    "no exchange rate"));
	cJSON_Delete(j);
	ck_assert_int_eq(invoices_of(&b), 0);
	ck_assert_int_eq(kit_events(&b, "invoice.created"), 0);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM doc_counters WHERE "
	    "tenant_id = '%s'", b.id), 0);
	/* lists: filters and limits */
	cJSON_Delete(get_json("/api/v1/invoices?limit=201", b.token, 400));
	cJSON_Delete(get_json("/api/v1/invoices?limit=0", b.token, 400));
	cJSON_Delete(get_json("/api/v1/invoices?status=late", b.token, 422));
	cJSON_Delete(get_json("/api/v1/invoices?from=yesterday", b.token, 422));
	cJSON_Delete(get_json("/api/v1/invoices?cursor=garbage", b.token, 400));
	cJSON_Delete(kit_call("POST", "/api/v1/invoices/not-an-id/issue", b.token,
	    "{}", 404));
	free(b.token);
}
END_TEST

START_TEST(list_filters_and_pages)
{
	biz b;
	three_lines_setup(&b);
	free(customer(&b, "C2", "Bharat Stores", 30));
	for (int i = 0; i < 5; i++)
		free(draft(&b, three_lines));
	char *other = draft(&b, "{\"customer\":\"C2\",\"reference\":\"ZETA-1\","
	    "\"lines\":[{\"description\":\"x\",\"quantity\":1,\"unit_price\":"
	    "100}],\"issue\":true}");
	cJSON *j = get_json("/api/v1/invoices?limit=4", b.token, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 4);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(j,
	    "items"), 0), "id"), other);	/* newest first */
	const char *next = jstr(j, "next");
	ck_assert_ptr_nonnull(next);
	char path[512];
	snprintf(path, sizeof(path), "/api/v1/invoices?limit=4&cursor=%s", next);
	cJSON *k = get_json(path, b.token, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(k, "items")), 2);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(k, "next")));
	cJSON_Delete(k);
	cJSON_Delete(j);
	j = get_json("/api/v1/invoices?customer=C2", b.token, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	cJSON_Delete(j);
	j = get_json("/api/v1/invoices?q=zeta", b.token, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 1);
	cJSON_Delete(j);
	j = get_json("/api/v1/invoices?status=draft", b.token, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 5);
	cJSON_Delete(j);
	j = get_json("/api/v1/invoices?from=2000-01-01&to=2000-12-31", b.token,
	    200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 0);
	cJSON_Delete(j);
	free(other);
	free(b.token);
}
END_TEST

START_TEST(another_business_sees_nothing)
{
	biz a, b;
	three_lines_setup(&a);
	kit_business(&b, "inv", "INR");
	char *id = draft(&a, three_lines);
	char path[160];
	const char *const paths[] = { "/api/v1/invoices/%s",
	    "/api/v1/invoices/%s/pdf", "/app/invoices/%s.pdf" };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), paths[i], id);
		char auth[1024];
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", b.token);
		const char *h[] = { auth, NULL };
		reply r;
		ck_assert_int_eq(client_do("GET", path, h, NULL, 0, &r), 0);
		ck_assert_msg(r.status == 404, "%s: %ld", path, r.status);
		reply_free(&r);
	}
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/issue", id);
	cJSON_Delete(kit_call("POST", path, b.token, "{}", 404));
	snprintf(path, sizeof(path), "/api/v1/invoices/%s", id);
	cJSON_Delete(kit_call("PATCH", path, b.token, "{\"reference\":\"x\"}",
	    404));
	cJSON_Delete(kit_call("DELETE", path, b.token, NULL, 404));
	/* nor can it bill the other's customer */
	refused("POST", "/api/v1/invoices", b.token, "{\"customer\":\"C1\","
	    "\"lines\":[{\"description\":\"x\",\"quantity\":1,\"unit_price\":1}]}",
	    "customer");
	cJSON *j = get_json("/api/v1/invoices", b.token, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "items")), 0);
	cJSON_Delete(j);
	/* still a draft, untouched */
	j = get_json(path, a.token, 200);
	ck_assert_str_eq(jstr(j, "status"), "draft");
	cJSON_Delete(j);
	free(id);
	free(a.token);
	free(b.token);
}
END_TEST

START_TEST(idempotent_create)
{
	biz b;
	three_lines_setup(&b);
	char auth[1024], key[128];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", b.token);
	snprintf(key, sizeof(key), "Idempotency-Key: %s", unique("invkey"));
	const char *h[] = { auth, key, "Content-Type: application/json", NULL };
	reply r1, r2;
	ck_assert_int_eq(client_do("POST", "/api/v1/invoices", h, three_lines,
	    strlen(three_lines), &r1), 0);
	ck_assert_int_eq(client_do("POST", "/api/v1/invoices", h, three_lines,
	    strlen(three_lines), &r2), 0);
	ck_assert_int_eq(r1.status, 201);
	ck_assert_int_eq(r2.status, 201);
	cJSON *a = body_json(&r1), *c = body_json(&r2);
	ck_assert_str_eq(jstr(a, "id"), jstr(c, "id"));
	ck_assert_int_eq(invoices_of(&b), 1);
	cJSON_Delete(a);
	cJSON_Delete(c);
	reply_free(&r1);
	reply_free(&r2);
	free(b.token);
}
END_TEST

/* ---- pages ---- */

START_TEST(pages_and_forms)
{
	biz b;
	three_lines_setup(&b);
	char *id = draft(&b, three_lines);
	reply r;
	kit_page("/app/invoices", b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Asha Traders"));
	reply_free(&r);
	kit_page("/app/invoices/new", b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "line_description"));
	reply_free(&r);
	char path[160];
	snprintf(path, sizeof(path), "/app/invoices/%s", id);
	kit_page(path, b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "1,368.79"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "/issue"));
	reply_free(&r);
	snprintf(path, sizeof(path), "/app/invoices/%s/edit", id);
	kit_page(path, b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Misc"));
	reply_free(&r);
	/* a form with a bad line is drawn again with what was typed */
	long long before = invoices_of(&b);
	kit_form("/app/invoices", b.token, "customer=C1&reference=KEEP-ME&"
	    "line_product=&line_description=Typed+by+hand&line_quantity=zero&"
	    "line_unit_price=12.50&line_discount=&line_tax_group=GST18", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "KEEP-ME"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Typed by hand"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "a whole number"));
	reply_free(&r);
	ck_assert_int_eq(invoices_of(&b), before);
	/* a good one goes through and is issued */
	kit_form("/app/invoices", b.token, "customer=C1&reference=FORM-1&"
	    "line_product=&line_description=Typed+by+hand&line_quantity=2&"
	    "line_unit_price=12.50&line_discount=&line_tax_group=GST18&"
	    "issue=yes", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT total FROM invoices WHERE tenant_id = "
	    "'%s' AND reference = 'FORM-1' AND status = 'issued'", b.id), 2950);
	/* an action refused draws the page with why */
	char *issued = kit_adm("SELECT id FROM invoices WHERE tenant_id = '%s' AND "
	    "reference = 'FORM-1'", b.id);
	snprintf(path, sizeof(path), "/app/invoices/%s/issue", issued);
	kit_form(path, b.token, "date=", &r);
	ck_assert_int_eq(r.status, 409);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "only a draft"));
	reply_free(&r);
	kit_page("/app/credit-notes", b.token, 200, &r);
	reply_free(&r);
	free(issued);
	free(id);
	free(b.token);
}
END_TEST

TCase *
invoices_tcase(void)
{
	TCase *tc = tcase_create("invoices");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, by_hand_issue_posts_exactly);
	tcase_add_test(tc, draft_changed_and_deleted);
	tcase_add_test(tc, from_an_order);
	tcase_add_test(tc, twenty_issues_at_once_no_gap);
	tcase_add_test(tc, failed_issue_takes_no_number);
	tcase_add_test(tc, void_reverses_and_refuses_once_settled);
	tcase_add_test(tc, credit_note_mirrors_and_settles);
	tcase_add_test(tc, overdue_by_cron);
	tcase_add_test(tc, pdf_checks_and_reads_back);
	tcase_add_test(tc, bad_input_refused_nothing_written);
	tcase_add_test(tc, list_filters_and_pages);
	tcase_add_test(tc, another_business_sees_nothing);
	tcase_add_test(tc, idempotent_create);
	tcase_add_test(tc, pages_and_forms);
	return tc;
}
