/* sync.c: a CRM's records pushed over HTTP with an API key: every outcome
 * of each record type, a mixed batch in order, the form and the JSON of
 * one record alike, replays and Idempotency-Key, dependencies named and
 * taken when sent again, the tenant header and the permission, the books
 * (a fee invoiced, a payment allocated), the pages, and a batch of
 * 10,000. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <check.h>

#include "kit.h"
#include "suites.h"

typedef struct crm {
	kit_biz b;
	char *key;
} crm;

static char *
api_key(const char *token, const char *scopes)
{
	char body[256];
	snprintf(body, sizeof(body), "{\"name\":\"crm\",\"scopes\":\"%s\"}",
	    scopes);
	cJSON *j = kit_post("/api/v1/api-keys", token, body, 201);
	char *k = strdup(jstr(j, "key"));
	cJSON_Delete(j);
	return k;
}

static void
crm_open(crm *c, const char *tag)
{
	kit_business(&c->b, tag, "INR");
	c->key = api_key(c->b.token, "sync.write");
}

static void
crm_close(crm *c)
{
	free(c->key);
	free(c->b.token);
}

/* push: a JSON batch to /api/v1/sync/<kind>, answering 200 */
static cJSON *
push(const crm *c, const char *kind, const char *body)
{
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/sync/%s", kind);
	return kit_post(path, c->key, body, 200);
}

/* outcome: the outcome of record i of a batch's answer */
static const char *
outcome(const cJSON *j, int i)
{
	return jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "data"), i),
	    "outcome");
}

static long long
summary(const cJSON *j, const char *what)
{
	return kit_num(cJSON_GetObjectItem(j, "summary"), what);
}

/* reason_of: record i's reasons, as one text, to search */
static char *
reasons_of(const cJSON *j, int i)
{
	return cJSON_PrintUnformatted(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    cJSON_GetObjectItem(j, "data"), i), "reasons"));
}

#define UNIT(id, title) "{\"id\":\"" id "\",\"code\":\"BSB" id "\",\"title\":\"" \
    title "\",\"level\":\"Diploma\",\"credits\":40,\"status\":\"active\"}"
#define REG(id, student, unit, fee) "{\"id\":\"" id "\",\"student\":{\"id\":\"" \
    student "\",\"name\":\"Student " student "\",\"email\":\"" student \
    "@example.com\"},\"unit\":{\"id\":\"" unit "\",\"name\":\"Unit " unit \
    "\"},\"start_date\":\"2026-11-02\",\"status\":\"enrolled\",\"fee\":" \
    "{\"amount\":" fee ",\"currency\":\"INR\"}}"
#define PAY(id, reg, amount, cur) "{\"id\":\"" id "\",\"registration\":{\"id\":\"" \
    reg "\"},\"amount\":{\"amount\":" amount ",\"currency\":\"" cur "\"}," \
    "\"date\":\"2026-12-01\",\"method\":\"bank_transfer\",\"reference\":\"UTR-" \
    id "\"}"

START_TEST(every_outcome_of_each_record)
{
	crm c;
	crm_open(&c, "syncall");
	/* units: new, invalid (every reason), unchanged, updated */
	cJSON *j = push(&c, "units", "{\"data\":[" UNIT("U1", "Business") ","
	    "{\"id\":\"U2\",\"code\":\"X\",\"title\":\" padded\",\"credits\":"
	    "\"1,500\",\"status\":\"gone\",\"colour\":\"red\"}]}");
	ck_assert_str_eq(outcome(j, 0), "NEW");
	ck_assert_str_eq(outcome(j, 1), "INVALID");
	char *why = reasons_of(j, 1);
	ck_assert_ptr_nonnull(strstr(why, "\"field\":\"credits\",\"problem\":"
	    "\"must be a whole number, not text\""));
	ck_assert_ptr_nonnull(strstr(why, "\"field\":\"status\""));
	ck_assert_ptr_nonnull(strstr(why, "\"field\":\"colour\""));
	ck_assert_ptr_nonnull(strstr(why, "\"field\":\"title\""));
	free(why);
	ck_assert_int_eq(summary(j, "new"), 1);
	ck_assert_int_eq(summary(j, "invalid"), 1);
	cJSON_Delete(j);
	j = push(&c, "units", "{\"data\":[" UNIT("U1", "Business") "]}");
	ck_assert_str_eq(outcome(j, 0), "UNCHANGED");
	cJSON_Delete(j);
	j = push(&c, "units", UNIT("U1", "Business Studies"));	/* one record */
	ck_assert_str_eq(outcome(j, 0), "UPDATED");
	char *ch = cJSON_PrintUnformatted(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    cJSON_GetObjectItem(j, "data"), 0), "changed"));
	ck_assert_str_eq(ch, "[\"title\"]");
	free(ch);
	cJSON_Delete(j);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM sync_versions WHERE "
	    "tenant_id = '%s' AND kind = 'units' AND source_id = 'U1'", c.b.id),
	    2);

	/* registrations: early (its unit unknown), then new, with its fee
	 * invoiced to the student, a customer made on first sight */
	j = push(&c, "registrations", "{\"data\":[" REG("R1", "S1", "U7",
	    "1500000") "]}");
	ck_assert_str_eq(outcome(j, 0), "INVALID");
	why = reasons_of(j, 0);
	ck_assert_ptr_nonnull(strstr(why, "\"field\":\"unit.id\""));
	ck_assert_ptr_nonnull(strstr(why, "no unit with id U7"));
	free(why);
	cJSON_Delete(j);
	cJSON_Delete(push(&c, "units", UNIT("U7", "Accounting")));
	j = push(&c, "registrations", "{\"data\":[" REG("R1", "S1", "U7",
	    "1500000") "]}");
	ck_assert_str_eq(outcome(j, 0), "NEW");
	cJSON_Delete(j);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM parties WHERE "
	    "tenant_id = '%s' AND name = 'Student S1' AND is_customer", c.b.id),
	    1);
	ck_assert_int_eq(kit_adm_int("SELECT total FROM invoices i JOIN "
	    "sync_records s ON s.invoice_id = i.id WHERE s.tenant_id = '%s' AND "
	    "s.source_id = 'R1' AND i.status = 'issued'", c.b.id), 1500000);

	/* payments: early, new (allocated to the invoice), and one whose
	 * currency the invoice cannot take: ERROR, the batch goes on */
	j = push(&c, "payments", "{\"data\":[" PAY("P0", "R9", "100", "INR") ","
	    PAY("P1", "R1", "500000", "INR") "," PAY("P2", "R1", "100", "USD")
	    "," PAY("P3", "R1", "200000", "INR") "]}");
	ck_assert_str_eq(outcome(j, 0), "INVALID");
	ck_assert_str_eq(outcome(j, 1), "NEW");
	ck_assert_str_eq(outcome(j, 2), "ERROR");
	ck_assert_str_eq(outcome(j, 3), "NEW");
	ck_assert_ptr_nonnull(jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(j,
	    "data"), 2), "error"));
	ck_assert_int_eq(summary(j, "error"), 1);
	cJSON_Delete(j);
	ck_assert_int_eq(kit_adm_int("SELECT paid FROM invoices i JOIN "
	    "sync_records s ON s.invoice_id = i.id WHERE s.tenant_id = '%s' AND "
	    "s.source_id = 'R1'", c.b.id), 700000);
	/* the failed one left nothing behind and can be sent again */
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM sync_records WHERE "
	    "tenant_id = '%s' AND source_id = 'P2'", c.b.id), 0);
	/* the receivable is in the books: what is open on the invoice */
	ck_assert_int_eq(kit_adm_int("SELECT sum(l.debit - l.credit) FROM "
	    "journal_lines l JOIN accounts a ON a.tenant_id = l.tenant_id AND "
	    "a.id = l.account_id WHERE l.tenant_id = '%s' AND a.role = "
	    "'receivable'", c.b.id), 800000);

	/* grades: a grade off the scale, an unknown student, then new */
	j = push(&c, "grades", "{\"data\":[{\"id\":\"G1\",\"student\":{\"id\":"
	    "\"S1\"},\"unit\":{\"id\":\"U7\"},\"grade\":\"Z\",\"date\":"
	    "\"2026-12-05\"},{\"id\":\"G2\",\"student\":{\"id\":\"S404\"},"
	    "\"unit\":{\"id\":\"U7\"},\"grade\":\"A\",\"date\":\"2026-12-05\"},"
	    "{\"id\":\"G3\",\"student\":{\"id\":\"S1\",\"name\":\"Student S1\"},"
	    "\"unit\":{\"id\":\"U7\"},\"grade\":\"A\",\"date\":\"2026-12-05\"}]}");
	ck_assert_str_eq(outcome(j, 0), "INVALID");
	ck_assert_str_eq(outcome(j, 1), "INVALID");
	why = reasons_of(j, 1);
	ck_assert_ptr_nonnull(strstr(why, "student.id"));
	free(why);
	ck_assert_str_eq(outcome(j, 2), "NEW");
	cJSON_Delete(j);
	crm_close(&c);
}
END_TEST

START_TEST(form_and_json_alike_and_replays)
{
	crm c;
	crm_open(&c, "syncform");
	reply r;
	char auth[700];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", c.key);
	const char *h[] = { auth, "Content-Type: "
	    "application/x-www-form-urlencoded", NULL };
	const char *form = "id=F1&code=BSBF1&title=Form+unit&level=Diploma&"
	    "credits=40&status=active";
	ck_assert_int_eq(client_do("POST", "/api/v1/sync/units", h, form,
	    strlen(form), &r), 0);
	ck_assert_int_eq(r.status, 200);
	cJSON *a = body_json(&r);
	reply_free(&r);
	ck_assert_str_eq(outcome(a, 0), "NEW");
	cJSON *b = push(&c, "units", "{\"id\":\"F1\",\"code\":\"BSBF1\","
	    "\"title\":\"Form unit\",\"level\":\"Diploma\",\"credits\":40,"
	    "\"status\":\"active\"}");
	ck_assert_str_eq(outcome(b, 0), "UNCHANGED");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(a, "data"),
	    0), "fingerprint"), jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(b,
	    "data"), 0), "fingerprint"));
	cJSON_Delete(a);
	cJSON_Delete(b);

	/* a batch sent twice: all unchanged, nothing new kept or posted */
	const char *batch = "{\"data\":[" UNIT("U1", "One") "," UNIT("U2", "Two")
	    "]}";
	cJSON_Delete(push(&c, "units", batch));
	cJSON_Delete(push(&c, "registrations", "{\"data\":[" REG("R1", "S1",
	    "U1", "90000") "]}"));
	long long invoices = kit_adm_int("SELECT count(*) FROM invoices WHERE "
	    "tenant_id = '%s'", c.b.id);
	b = push(&c, "units", batch);
	ck_assert_int_eq(summary(b, "unchanged"), 2);
	cJSON_Delete(b);
	b = push(&c, "registrations", "{\"data\":[" REG("R1", "S1", "U1",
	    "90000") "]}");
	ck_assert_str_eq(outcome(b, 0), "UNCHANGED");
	cJSON_Delete(b);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM invoices WHERE "
	    "tenant_id = '%s'", c.b.id), invoices);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM sync_versions WHERE "
	    "tenant_id = '%s' AND kind = 'units'", c.b.id), 3);

	/* the same Idempotency-Key: the first answer, not processed again */
	const char *hk[] = { auth, "Content-Type: application/json",
	    "Idempotency-Key: crm-batch-7", NULL };
	const char *body = "{\"data\":[" UNIT("U3", "Three") "]}";
	ck_assert_int_eq(client_do("POST", "/api/v1/sync/units", hk, body,
	    strlen(body), &r), 0);
	a = body_json(&r);
	reply_free(&r);
	long long runs = kit_adm_int("SELECT count(*) FROM sync_runs WHERE "
	    "tenant_id = '%s'", c.b.id);
	ck_assert_int_eq(client_do("POST", "/api/v1/sync/units", hk, body,
	    strlen(body), &r), 0);
	b = body_json(&r);
	reply_free(&r);
	ck_assert_str_eq(jstr(a, "run_id"), jstr(b, "run_id"));
	ck_assert_str_eq(outcome(b, 0), "NEW");
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM sync_runs WHERE "
	    "tenant_id = '%s'", c.b.id), runs);
	cJSON_Delete(a);
	cJSON_Delete(b);
	crm_close(&c);
}
END_TEST

START_TEST(who_may_push)
{
	crm c, other;
	crm_open(&c, "syncwho");
	crm_open(&other, "syncoth");
	/* a header naming another business: 403, whatever the key */
	char auth[700], tenant[100];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", c.key);
	snprintf(tenant, sizeof(tenant), "X-Tenant-ID: %s", other.b.id);
	const char *h[] = { auth, "Content-Type: application/json", tenant,
	    NULL };
	const char *body = UNIT("U1", "One");
	reply r;
	ck_assert_int_eq(client_do("POST", "/api/v1/sync/units", h, body,
	    strlen(body), &r), 0);
	ck_assert_int_eq(r.status, 403);
	reply_free(&r);
	snprintf(tenant, sizeof(tenant), "X-Tenant-ID: %s", c.b.id);
	ck_assert_int_eq(client_do("POST", "/api/v1/sync/units", h, body,
	    strlen(body), &r), 0);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	/* a key without sync.write, and a person's token: 403 */
	char *weak = api_key(c.b.token, "sales.read");
	kit_refused("POST", "/api/v1/sync/units", weak, body, 403, NULL);
	free(weak);
	kit_refused("POST", "/api/v1/sync/units", c.b.token, body, 403, NULL);
	/* another business sees none of it */
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM sync_records WHERE "
	    "tenant_id = '%s'", other.b.id), 0);
	/* the pages: runs, a run's outcomes, a record's versions, refusals */
	cJSON_Delete(push(&c, "units", "{\"data\":[{\"id\":\"BAD\"}]}"));
	kit_page("/app/sync", c.b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "units"));
	reply_free(&r);
	kit_page("/app/sync/records/units/U1", c.b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Version 1"));
	reply_free(&r);
	kit_page("/app/sync/invalid?kind=units&field=title", c.b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "BAD"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "is required"));
	reply_free(&r);
	kit_page("/app/sync/schemas", c.b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "registrations"));
	reply_free(&r);
	crm_close(&c);
	crm_close(&other);
}
END_TEST

START_TEST(ten_thousand_records)
{
	crm c;
	crm_open(&c, "syncbig");
	buf b = BUF_INIT(4u << 20);
	buf_puts(&b, "{\"data\":[");
	for (int i = 0; i < 10000; i++)
		buf_printf(&b, "%s{\"id\":\"B%d\",\"code\":\"C%d\",\"title\":"
		    "\"T\",\"status\":\"active\"}", i ? "," : "", i, i);
	buf_puts(&b, "]}");
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cJSON *j = push(&c, "units", buf_str(&b));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_int_eq(summary(j, "total"), 10000);
	ck_assert_int_eq(summary(j, "new"), 10000);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "data"),
	    9999), "id"), "B9999");
	cJSON_Delete(j);
	double s1 = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec -
	    t0.tv_nsec) / 1e9;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	j = push(&c, "units", buf_str(&b));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_int_eq(summary(j, "unchanged"), 10000);
	cJSON_Delete(j);
	double s2 = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec -
	    t0.tv_nsec) / 1e9;
	fprintf(stderr, "figure: sync of 10,000 units: %.2f s new, %.2f s "
	    "unchanged\n", s1, s2);
	buf_free(&b);
	crm_close(&c);
}
END_TEST

TCase *
sync_tcase(void)
{
	TCase *tc = tcase_create("sync");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, every_outcome_of_each_record);
	tcase_add_test(tc, form_and_json_alike_and_replays);
	tcase_add_test(tc, who_may_push);
	tcase_add_test(tc, ten_thousand_records);
	return tc;
}
