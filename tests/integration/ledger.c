/* ledger.c: integration tests of the ledger program over HTTP: an entry
 * posted over the API seen in the journal, the general ledger (running
 * balances), the trial balance and the balances before and after it;
 * refusals that write nothing; the entry form redrawn with what was
 * typed; reversal once; CSV parsed back; the chain verified, tampered
 * with and named; another business's ids and a read-only key. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "db/db.h"
#include "kit.h"
#include "suites.h"
#include "web/reply.h"

/* A new business for one test: its owner's token, id, short name, and
 * the first days of the first three periods of its year. */
typedef struct biz {
	char *token;
	char tenant[37];
	char slug[64];
	char d0[11], d1[11], d2[11];
} biz;

static void
biz_new(biz *b, const char *currency)
{
	snprintf(b->slug, sizeof(b->slug), "%s", unique("ldg"));
	b->token = sign_up_in(b->slug, "owner@ledger.test", currency);
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res r;
	const char *p[1] = { b->slug };
	ck_assert_int_eq(db_exec(adm, &r, "SELECT t.id, (SELECT "
	    "array_agg(p.start_date::text ORDER BY p.start_date) FROM periods p "
	    "WHERE p.tenant_id = t.id)::text FROM tenants t WHERE t.slug = $1",
	    1, p), 0);
	snprintf(b->tenant, sizeof(b->tenant), "%s", db_text(&r, 0, 0));
	const char *d = db_text(&r, 0, 1);	/* {2026-04-01,2026-05-01,...} */
	snprintf(b->d0, 11, "%s", d + 1);
	snprintf(b->d1, 11, "%s", d + 12);
	snprintf(b->d2, 11, "%s", d + 23);
	db_res_clear(&r);
	db_close(adm);
}

/* admin: one statement as the database's owner; its first value into
 * out when not NULL */
static void
admin(const char *sql, const char *const *p, int n, char *out, size_t len)
{
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res r;
	ck_assert_msg(db_exec(adm, &r, sql, n, p) == 0, "%s: %s", sql,
	    r.error);
	if (out)
		snprintf(out, len, "%s", db_text(&r, 0, 0) ? db_text(&r, 0, 0) :
		    "");
	db_res_clear(&r);
	db_close(adm);
}

/* request: method path as token (a bearer, or "Cookie: ..." for a
 * browser), with a body of type; must answer want */
static void
request(const char *method, const char *path, const char *token,
    const char *type, const char *body, long want, reply *r)
{
	char auth[1024], ct[128];
	if (strncmp(token, "Cookie: ", 8) == 0)
		snprintf(auth, sizeof(auth), "%s", token);
	else
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	snprintf(ct, sizeof(ct), "Content-Type: %s", type ? type : "text/plain");
	const char *h[] = { auth, ct, NULL };
	ck_assert_int_eq(client_do(method, path, h, body, body ? strlen(body) :
	    0, r), 0);
	ck_assert_msg(r->status == want, "%s %s: %ld, not %ld: %.600s", method,
	    path, r->status, want, buf_str(&r->body));
}

/* api: a JSON request that must answer want; the reply parsed */
static cJSON *
api(const char *method, const char *path, const char *token,
    const char *body, long want)
{
	reply r;
	request(method, path, token, body ? "application/json" : NULL, body,
	    want, &r);
	cJSON *j = body_json(&r);
	reply_free(&r);
	return j;
}

/* text: a page or file that must answer want; its body (malloc'd) */
static char *
text(const char *path, const char *token, long want)
{
	reply r;
	request("GET", path, token, NULL, NULL, want, &r);
	char *s = strdup(buf_str(&r.body));
	reply_free(&r);
	return s;
}

/* amount: {"amount": n, ...} under key */
static long long
amount(const cJSON *o, const char *key)
{
	const cJSON *m = cJSON_GetObjectItem(o, key);
	const cJSON *v = cJSON_GetObjectItem(m, "amount");
	ck_assert_msg(cJSON_IsNumber(v), "%s is not an amount", key);
	ck_assert(cJSON_IsString(cJSON_GetObjectItem(m, "currency")));
	return (long long)v->valuedouble;
}

static long long
num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(o, key);
	ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", key);
	return (long long)v->valuedouble;
}

/* by: the item of array whose key is value */
static const cJSON *
by(const cJSON *array, const char *key, const char *value)
{
	const cJSON *o;
	cJSON_ArrayForEach(o, array) {
		const char *v = jstr(o, key);
		if (v && strcmp(v, value) == 0)
			return o;
	}
	ck_abort_msg("no item with %s %s", key, value);
	return NULL;
}

static const cJSON *
items(const cJSON *j)
{
	return cJSON_GetObjectItem(j, "items");
}

/* post: an entry over the API (201); its id into id, its number back */
static long long
post(const biz *b, const char *json, char id[37])
{
	reply r;
	request("POST", "/api/v1/journal", b->token, "application/json", json,
	    201, &r);
	char loc[256];
	ck_assert_int_eq(reply_header(&r, "Location", loc, sizeof(loc)), 0);
	cJSON *e = body_json(&r);
	reply_free(&r);
	snprintf(id, 37, "%s", jstr(e, "id"));
	ck_assert_ptr_nonnull(strstr(loc, id));
	long long seq = num(e, "seq");
	cJSON_Delete(e);
	return seq;
}

/* refused: a JSON post answering 422 that names field; nothing is
 * written */
static void
refused(const biz *b, const char *json, const char *field, const char *says)
{
	cJSON *e = api("POST", "/api/v1/journal", b->token, json, 422);
	const cJSON *err = cJSON_GetObjectItem(e, "error");
	const cJSON *f = cJSON_GetObjectItem(err, "fields");
	ck_assert_msg(cJSON_HasObjectItem(f, field), "%s: no field %s in %s",
	    json, field, cJSON_PrintUnformatted(err));
	const cJSON *why = cJSON_GetObjectItem(f, field);
	if (says)
		ck_assert_msg(cJSON_IsString(why) && strstr(why->valuestring,
		    says), "%s: %s says %s", json, field, cJSON_PrintUnformatted(
		    why));
	cJSON_Delete(e);
}

/* the two entries most tests start from: capital in on d1, rent out on
 * d2, in a business keeping its books in INR */
static void
two_entries(const biz *b, char e1[37], char e2[37])
{
	char body[1024];
	snprintf(body, sizeof(body), "{\"date\":\"%s\",\"memo\":\"Capital\","
	    "\"lines\":[{\"account\":\"1200\",\"debit\":10000000},"
	    "{\"account\":\"3100\",\"credit\":10000000}]}", b->d1);
	ck_assert_int_eq(post(b, body, e1), 1);
	snprintf(body, sizeof(body), "{\"date\":\"%s\",\"memo\":\"Rent, "
	    "\\\"May\\\"\",\"currency\":\"INR\",\"lines\":[{\"account\":\"5400\","
	    "\"debit\":25050,\"memo\":\"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"},"
	    "{\"account\":\"@bank\",\"credit\":25050,\"debit\":0}]}", b->d2);
	ck_assert_int_eq(post(b, body, e2), 2);
}

START_TEST(posted_entry_in_every_view)
{
	biz b;
	biz_new(&b, "INR");
	char e1[37], e2[37], path[256];
	two_entries(&b, e1, e2);
	/* the journal, newest first, each entry with its number and lines */
	cJSON *j = api("GET", "/api/v1/journal", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 2);
	const cJSON *first = cJSON_GetArrayItem(items(j), 0);
	ck_assert_str_eq(jstr(first, "id"), e2);
	ck_assert_int_eq(num(first, "seq"), 2);
	ck_assert_str_eq(jstr(first, "memo"), "Rent, \"May\"");
	ck_assert_str_eq(jstr(first, "source_type"), "manual");
	ck_assert_str_eq(jstr(first, "currency"), "INR");
	const cJSON *lines = cJSON_GetObjectItem(first, "lines");
	ck_assert_int_eq(cJSON_GetArraySize(lines), 2);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(lines, 1), "account"), "1200");
	ck_assert_int_eq(amount(cJSON_GetArrayItem(lines, 0), "debit"), 25050);
	ck_assert_int_eq(amount(cJSON_GetArrayItem(lines, 1), "credit"), 25050);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items(j), 1), "id"), e1);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "next")));
	cJSON_Delete(j);
	/* filters, and a page of one with its cursor */
	j = api("GET", "/api/v1/journal?account=5400", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 1);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items(j), 0), "id"), e2);
	cJSON_Delete(j);
	j = api("GET", "/api/v1/journal?account=1000", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 2);	/* a group */
	cJSON_Delete(j);
	snprintf(path, sizeof(path), "/api/v1/journal?to=%s", b.d1);
	j = api("GET", path, b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 1);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items(j), 0), "id"), e1);
	cJSON_Delete(j);
	j = api("GET", "/api/v1/journal?source=invoice", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 0);
	cJSON_Delete(j);
	j = api("GET", "/api/v1/journal?limit=1&source=manual", b.token, NULL,
	    200);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items(j), 0), "id"), e2);
	snprintf(path, sizeof(path), "/api/v1/journal?limit=1&source=manual&"
	    "cursor=%s", jstr(j, "next"));
	cJSON_Delete(j);
	j = api("GET", path, b.token, NULL, 200);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items(j), 0), "id"), e1);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "next")));
	cJSON_Delete(j);
	cJSON_Delete(api("GET", "/api/v1/journal?cursor=@@", b.token, NULL,
	    400));
	cJSON_Delete(api("GET", "/api/v1/journal?limit=201", b.token, NULL,
	    400));
	cJSON_Delete(api("GET", "/api/v1/journal?from=yesterday", b.token,
	    NULL, 422));
	/* one entry: its lines, its link in the chain */
	snprintf(path, sizeof(path), "/api/v1/journal/%s", e2);
	j = api("GET", path, b.token, NULL, 200);
	ck_assert_int_eq(num(j, "seq"), 2);
	ck_assert_int_eq(strlen(jstr(j, "hash")), 64);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "reversed_by")));
	snprintf(path, sizeof(path), "/api/v1/journal/%s", e1);
	cJSON *j1 = api("GET", path, b.token, NULL, 200);
	ck_assert_str_eq(jstr(j, "prev_hash"), jstr(j1, "hash"));
	cJSON_Delete(j1);
	cJSON_Delete(j);
	/* the general ledger of the bank: running balances */
	j = api("GET", "/api/v1/ledger/accounts/1200", b.token, NULL, 200);
	ck_assert_int_eq(amount(j, "opening"), 0);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 2);
	const cJSON *l0 = cJSON_GetArrayItem(items(j), 0);
	const cJSON *l1 = cJSON_GetArrayItem(items(j), 1);
	ck_assert_str_eq(jstr(l0, "date"), b.d1);
	ck_assert_int_eq(num(l0, "seq"), 1);
	ck_assert_str_eq(jstr(l0, "counter_code"), "3100");
	ck_assert_int_eq(amount(l0, "debit"), 10000000);
	ck_assert_int_eq(amount(l0, "balance"), 10000000);
	ck_assert_str_eq(jstr(l1, "counter_code"), "5400");
	ck_assert_str_eq(jstr(l1, "memo"), "Rent, \"May\"");
	ck_assert_int_eq(amount(l1, "credit"), 25050);
	ck_assert_int_eq(amount(l1, "balance"), 9974950);
	ck_assert_int_eq(amount(j, "closing"), 9974950);
	ck_assert_int_eq(amount(j, "debit"), 10000000);
	ck_assert_int_eq(amount(j, "credit"), 25050);
	cJSON_Delete(j);
	/* from d2: the capital is the opening balance */
	snprintf(path, sizeof(path), "/api/v1/ledger/accounts/1200?from=%s",
	    b.d2);
	j = api("GET", path, b.token, NULL, 200);
	ck_assert_int_eq(amount(j, "opening"), 10000000);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 1);
	ck_assert_int_eq(amount(cJSON_GetArrayItem(items(j), 0), "balance"),
	    9974950);
	cJSON_Delete(j);
	/* a page of one line: the next page's running balance carries on */
	j = api("GET", "/api/v1/ledger/accounts/1200?limit=1", b.token, NULL,
	    200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 1);
	snprintf(path, sizeof(path), "/api/v1/ledger/accounts/1200?limit=1&"
	    "cursor=%s", jstr(j, "next"));
	cJSON_Delete(j);
	j = api("GET", path, b.token, NULL, 200);
	ck_assert_int_eq(amount(cJSON_GetArrayItem(items(j), 0), "balance"),
	    9974950);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "next")));
	cJSON_Delete(j);
	cJSON_Delete(api("GET", "/api/v1/ledger/accounts/9999", b.token, NULL,
	    404));
	/* the trial balance at d2: exact values, totals equal */
	snprintf(path, sizeof(path), "/api/v1/ledger/trial-balance?date=%s",
	    b.d2);
	j = api("GET", path, b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 3);
	const cJSON *bank = by(items(j), "code", "1200");
	ck_assert_int_eq(amount(bank, "debit"), 10000000);
	ck_assert_int_eq(amount(bank, "credit"), 25050);
	ck_assert_int_eq(amount(bank, "balance_debit"), 9974950);
	ck_assert_int_eq(amount(bank, "balance_credit"), 0);
	ck_assert_int_eq(amount(by(items(j), "code", "3100"), "balance_credit"),
	    10000000);
	ck_assert_int_eq(amount(by(items(j), "code", "5400"), "balance_debit"),
	    25050);
	const cJSON *t = cJSON_GetObjectItem(j, "totals");
	ck_assert_int_eq(amount(t, "debit"), 10025050);
	ck_assert_int_eq(amount(t, "credit"), 10025050);
	ck_assert_int_eq(amount(t, "balance_debit"), 10000000);
	ck_assert_int_eq(amount(t, "balance_credit"), 10000000);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(t, "balanced")));
	cJSON_Delete(j);
	/* before the first entry: nothing */
	snprintf(path, sizeof(path), "/api/v1/ledger/trial-balance?date=%s",
	    b.d0);
	j = api("GET", path, b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 0);
	ck_assert_int_eq(amount(cJSON_GetObjectItem(j, "totals"), "debit"), 0);
	cJSON_Delete(j);
	/* balances before, between and after, groups summing their
	 * accounts */
	static const struct { int day; const char *code; long long bal; }
	    want[] = { { 0, "1200", 0 }, { 0, "1000", 0 },
	    { 1, "1200", 10000000 }, { 1, "1000", 10000000 },
	    { 1, "3000", -10000000 }, { 1, "5400", 0 },
	    { 2, "1200", 9974950 }, { 2, "1000", 9974950 },
	    { 2, "5000", 25050 }, { 2, "3100", -10000000 } };
	const char *days[] = { b.d0, b.d1, b.d2 };
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/ledger/balances?date=%s",
		    days[want[i].day]);
		j = api("GET", path, b.token, NULL, 200);
		ck_assert_msg(amount(by(items(j), "code", want[i].code),
		    "balance") == want[i].bal, "%s at %s", want[i].code,
		    days[want[i].day]);
		cJSON_Delete(j);
	}
	/* posted and audited */
	char n[16];
	const char *p[2] = { b.tenant, e1 };
	admin("SELECT count(*) FROM audit_log WHERE tenant_id = $1 AND action = "
	    "'journal.posted' AND record_id = $2 AND after->>'memo' = 'Capital'",
	    p, 2, n, sizeof(n));
	ck_assert_str_eq(n, "1");
	/* and the pages say the same, escaped */
	char *s = text("/app/journal", b.token, 200);
	ck_assert_ptr_nonnull(strstr(s, "Rent, &quot;May&quot;"));
	ck_assert_ptr_nonnull(strstr(s, "250.50"));
	free(s);
	snprintf(path, sizeof(path), "/app/ledger/trial-balance?date=%s", b.d2);
	s = text(path, b.token, 200);
	ck_assert_ptr_nonnull(strstr(s, "1,00,250.50"));
	ck_assert_ptr_nonnull(strstr(s, "The totals agree"));
	free(s);
	s = text("/app/ledger/accounts/1200", b.token, 200);
	ck_assert_ptr_nonnull(strstr(s, "99,749.50"));
	free(s);
	snprintf(path, sizeof(path), "/app/ledger/balances?date=%s", b.d2);
	s = text(path, b.token, 200);
	ck_assert_ptr_nonnull(strstr(s, "99,749.50 Dr"));
	free(s);
	snprintf(path, sizeof(path), "/app/journal/%s", e2);
	s = text(path, b.token, 200);
	ck_assert_ptr_nonnull(strstr(s, "Journal entry #2"));
	free(s);
	free(b.token);
}
END_TEST

START_TEST(refusals_write_nothing)
{
	biz b;
	biz_new(&b, "INR");
	refused(&b, "{\"memo\":\"off by one\",\"lines\":[{\"account\":\"5500\","
	    "\"debit\":10000},{\"account\":\"1100\",\"credit\":9999}]}", "lines",
	    "does not balance: debits 100.00, credits 99.99");
	cJSON *e = api("POST", "/api/v1/journal", b.token, "{\"lines\":[{"
	    "\"account\":\"5500\",\"debit\":10000},{\"account\":\"1100\","
	    "\"credit\":9999}]}", 422);
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "balance"));
	cJSON_Delete(e);
	/* amounts are exact integers of minor units */
	refused(&b, "{\"lines\":[{\"account\":\"5500\",\"debit\":100.5},"
	    "{\"account\":\"1100\",\"credit\":100.5}]}", "lines[0].debit", NULL);
	refused(&b, "{\"lines\":[{\"account\":\"5500\",\"debit\":\"100\"},"
	    "{\"account\":\"1100\",\"credit\":100}]}", "lines[0].debit", NULL);
	refused(&b, "{\"lines\":[{\"account\":\"5500\",\"debit\":-100},"
	    "{\"account\":\"1100\",\"credit\":-100}]}", "lines[1].credit", NULL);
	refused(&b, "{\"lines\":[{\"account\":\"5500\",\"debit\":1e20},"
	    "{\"account\":\"1100\",\"credit\":1e20}]}", "lines[0].debit", NULL);
	/* lines: two or more, each one side, to an account taking postings */
	refused(&b, "{\"lines\":[{\"account\":\"5500\",\"debit\":100}]}",
	    "lines", "two lines");
	refused(&b, "{\"lines\":\"5500\"}", "lines", NULL);
	refused(&b, "{\"lines\":[{\"account\":\"5500\",\"debit\":100,"
	    "\"credit\":100},{\"account\":\"1100\",\"credit\":0}]}",
	    "lines[0].debit", "one of them");
	refused(&b, "{\"lines\":[{\"account\":\"5000\",\"debit\":100},"
	    "{\"account\":\"1100\",\"credit\":100}]}", "lines[0].account", NULL);
	refused(&b, "{\"lines\":[{\"account\":\"9999\",\"debit\":100},"
	    "{\"account\":\"1100\",\"credit\":100}]}", "lines[0].account", NULL);
	refused(&b, "{\"lines\":[{\"account\":\"5500\",\"debit\":0},"
	    "{\"account\":\"1100\",\"credit\":0}]}", "lines[0].debit", NULL);
	/* the entry's own fields */
	refused(&b, "{\"date\":\"2026-02-30\",\"lines\":[{\"account\":\"5500\","
	    "\"debit\":100},{\"account\":\"1100\",\"credit\":100}]}", "date",
	    NULL);
	refused(&b, "{\"date\":20260101,\"lines\":[{\"account\":\"5500\","
	    "\"debit\":100},{\"account\":\"1100\",\"credit\":100}]}", "date",
	    NULL);
	refused(&b, "{\"currency\":\"XXX\",\"lines\":[{\"account\":\"5500\","
	    "\"debit\":100},{\"account\":\"1100\",\"credit\":100}]}", "currency",
	    NULL);
	refused(&b, "{\"rate\":\"2\",\"lines\":[{\"account\":\"5500\","
	    "\"debit\":100},{\"account\":\"1100\",\"credit\":100}]}", "rate",
	    NULL);
	refused(&b, "{\"currency\":\"USD\",\"rate\":\"-1\",\"lines\":[{"
	    "\"account\":\"5500\",\"debit\":100},{\"account\":\"1100\","
	    "\"credit\":100}]}", "rate", NULL);
	/* the database's refusals too: no period covers the date; no rate */
	refused(&b, "{\"date\":\"1999-01-04\",\"lines\":[{\"account\":\"5500\","
	    "\"debit\":100},{\"account\":\"1100\",\"credit\":100}]}", "entry",
	    "no financial period");
	refused(&b, "{\"currency\":\"USD\",\"lines\":[{\"account\":\"5500\","
	    "\"debit\":100},{\"account\":\"1100\",\"credit\":100}]}", "entry",
	    "no exchange rate");
	/* nothing of any of them was written */
	cJSON *j = api("GET", "/api/v1/journal", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 0);
	cJSON_Delete(j);
	char n[16];
	const char *p[1] = { b.tenant };
	admin("SELECT (SELECT count(*) FROM journal_entries WHERE tenant_id = "
	    "$1) + (SELECT count(*) FROM journal_lines WHERE tenant_id = $1)",
	    p, 1, n, sizeof(n));
	ck_assert_str_eq(n, "0");
	/* a foreign entry at a given rate: converted, line by line */
	char id[37];
	ck_assert_int_eq(post(&b, "{\"currency\":\"USD\",\"rate\":\"83.5\","
	    "\"lines\":[{\"account\":\"5500\",\"debit\":1001},{\"account\":"
	    "\"1100\",\"credit\":1001}]}", id), 1);
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/journal/%s", id);
	j = api("GET", path, b.token, NULL, 200);
	const cJSON *l = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "lines"), 0);
	ck_assert_int_eq(amount(l, "tx_debit"), 1001);
	ck_assert_str_eq(jstr(cJSON_GetObjectItem(l, "tx_debit"), "currency"),
	    "USD");
	ck_assert_int_eq(amount(l, "debit"), 83584);	/* 10.01 x 83.5 */
	ck_assert_str_eq(jstr(j, "rate"), "83.5");
	cJSON_Delete(j);
	free(b.token);
}
END_TEST

/* browser: signs the owner of b in through the form; the session cookie
 * ("Cookie: bursar_session=...") into cookie and the form token of the
 * page path into csrf */
static void
browser(const biz *b, const char *path, char *cookie, size_t clen,
    char *csrf, size_t tlen)
{
	reply r;
	char anon[128], body[512], hdr[300];
	ck_assert_int_eq(client_do("GET", "/app/login", NULL, NULL, 0, &r), 0);
	ck_assert_int_eq(reply_cookie(&r, "bursar_csrf", anon, sizeof(anon)),
	    0);
	reply_free(&r);
	snprintf(hdr, sizeof(hdr), "bursar_csrf=%s", anon);
	snprintf(body, sizeof(body), "csrf_token=%s&tenant=%s&email=owner%%40"
	    "ledger.test&password=blue7Horse%%21fence", anon, b->slug);
	ck_assert_int_eq(client_form("/app/login", hdr, body, &r), 0);
	ck_assert_int_eq(r.status, 303);
	char session[128];
	ck_assert_int_eq(reply_cookie(&r, "bursar_session", session,
	    sizeof(session)), 0);
	reply_free(&r);
	snprintf(cookie, clen, "Cookie: bursar_session=%s", session);
	char *page = text(path, cookie, 200);
	static const char mark[] = "name=\"csrf_token\" value=\"";
	const char *tok = strstr(page, mark);
	ck_assert_ptr_nonnull(tok);
	tok += sizeof(mark) - 1;
	snprintf(csrf, tlen, "%.*s", (int)strcspn(tok, "\""), tok);
	free(page);
}

/* form_post: the entry form posted by the browser of cookie, with the
 * form's fields (printf-style), answering want; r holds the reply */
static void form_post(const char *cookie, long want, reply *r,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
form_post(const char *cookie, long want, reply *r, const char *fmt, ...)
{
	char body[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	request("POST", "/app/journal", cookie,
	    "application/x-www-form-urlencoded", body, want, r);
}

START_TEST(form_redrawn_as_typed)
{
	biz b;
	biz_new(&b, "INR");
	char cookie[256], csrf[128];
	browser(&b, "/app/journal/new", cookie, sizeof(cookie), csrf,
	    sizeof(csrf));
	/* the form page offers the accounts that take postings */
	char *s = text("/app/journal/new", cookie, 200);
	ck_assert_ptr_nonnull(strstr(s, "<option value=\"5500\">"));
	ck_assert_ptr_null(strstr(s, "<option value=\"5000\">"));	/* group */
	ck_assert_ptr_nonnull(strstr(s, "src=\"/static/journal.js\""));
	free(s);
	/* unbalanced: 422, every line back as typed, nothing written */
	reply r;
	form_post(cookie, 422, &r, "csrf_token=%s&date=%s&memo=Tea+%%26+"
	    "%%3Cb%%3Ebiscuits%%3C%%2Fb%%3E&currency=INR&rate=&"
	    "line_account=5500&line_debit=10.50&line_credit=&line_memo=a%%2C+b&"
	    "line_account=1100&line_debit=&line_credit=10.49&line_memo=&"
	    "line_account=&line_debit=&line_credit=&line_memo=&"
	    "line_account=5300&line_debit=0.013&line_credit=&line_memo=fee",
	    csrf, b.d1);
	const char *page = buf_str(&r.body);
	ck_assert_ptr_nonnull(strstr(page, "value=\"Tea &amp; &lt;b&gt;"
	    "biscuits&lt;/b&gt;\""));
	ck_assert_ptr_nonnull(strstr(page, "<option value=\"5500\" selected>"));
	ck_assert_ptr_nonnull(strstr(page, "<option value=\"1100\" selected>"));
	ck_assert_ptr_nonnull(strstr(page, "<option value=\"5300\" selected>"));
	ck_assert_ptr_nonnull(strstr(page, "name=\"line_debit\" value=\"10.50\""));
	ck_assert_ptr_nonnull(strstr(page, "name=\"line_credit\" value=\"10.49\""));
	ck_assert_ptr_nonnull(strstr(page, "name=\"line_debit\" value=\"0.013\""));
	ck_assert_ptr_nonnull(strstr(page, "name=\"line_memo\" value=\"a, b\""));
	ck_assert_ptr_nonnull(strstr(page, "at most 2 decimals"));
	ck_assert_ptr_null(strstr(page, "<b>biscuits"));
	reply_free(&r);
	/* the third line fixed, the sums still off */
	form_post(cookie, 422, &r, "csrf_token=%s&date=%s&memo=Tea&"
	    "currency=INR&line_account=5500&line_debit=10.50&line_credit=&"
	    "line_memo=&line_account=1100&line_debit=&line_credit=10.49&"
	    "line_memo=", csrf, b.d1);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "does not balance: "
	    "debits 10.50, credits 10.49"));
	reply_free(&r);
	/* without the form's token: refused */
	form_post(cookie, 403, &r, "date=%s&memo=Tea&currency=INR&"
	    "line_account=5500&line_debit=10.50&line_account=1100&"
	    "line_credit=10.50", b.d1);
	reply_free(&r);
	cJSON *j = api("GET", "/api/v1/journal", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 0);
	cJSON_Delete(j);
	/* balanced: posted, and on to the entry's page */
	form_post(cookie, 303, &r, "csrf_token=%s&date=%s&memo=Tea&"
	    "currency=INR&line_account=5500&line_debit=10.50&line_credit=&"
	    "line_memo=&line_account=1100&line_debit=&line_credit=10.5&"
	    "line_memo=", csrf, b.d1);
	char loc[256];
	ck_assert_int_eq(reply_header(&r, "Location", loc, sizeof(loc)), 0);
	ck_assert_int_eq(strncmp(loc, "/app/journal/", 13), 0);
	reply_free(&r);
	s = text(loc, cookie, 200);
	ck_assert_ptr_nonnull(strstr(s, "Journal entry #1"));
	ck_assert_ptr_nonnull(strstr(s, "10.50"));
	free(s);
	free(b.token);
}
END_TEST

START_TEST(reversed_once)
{
	biz b;
	biz_new(&b, "INR");
	char e1[37], e2[37], path[256], body[256];
	two_entries(&b, e1, e2);
	snprintf(path, sizeof(path), "/api/v1/journal/%s/reverse", e2);
	snprintf(body, sizeof(body), "{\"date\":\"%s\"}", b.d2);
	reply r;
	request("POST", path, b.token, "application/json", body, 201, &r);
	cJSON *rev = body_json(&r);
	char loc[256];
	ck_assert_int_eq(reply_header(&r, "Location", loc, sizeof(loc)), 0);
	reply_free(&r);
	ck_assert_ptr_nonnull(strstr(loc, jstr(rev, "id")));
	ck_assert_str_eq(jstr(rev, "reversal_of"), e2);
	ck_assert_int_eq(num(rev, "seq"), 3);
	ck_assert_str_eq(jstr(rev, "memo"), "Reversal: Rent, \"May\"");
	const cJSON *l0 = cJSON_GetArrayItem(cJSON_GetObjectItem(rev, "lines"),
	    0);
	ck_assert_str_eq(jstr(l0, "account"), "5400");
	ck_assert_int_eq(amount(l0, "credit"), 25050);
	/* the original knows its reversal */
	snprintf(path, sizeof(path), "/api/v1/journal/%s", e2);
	cJSON *o = api("GET", path, b.token, NULL, 200);
	ck_assert_str_eq(jstr(o, "reversed_by"), jstr(rev, "id"));
	ck_assert_int_eq(num(o, "reversed_by_seq"), 3);
	cJSON_Delete(o);
	/* twice: refused; a reversal is not reversed */
	snprintf(path, sizeof(path), "/api/v1/journal/%s/reverse", e2);
	cJSON *e = api("POST", path, b.token, "{}", 409);
	ck_assert_ptr_nonnull(strstr(jstr(e, "error.message"), "already "
	    "reversed"));
	cJSON_Delete(e);
	snprintf(path, sizeof(path), "/api/v1/journal/%s/reverse", jstr(rev,
	    "id"));
	cJSON_Delete(api("POST", path, b.token, "{}", 422));
	cJSON_Delete(api("POST", "/api/v1/journal/"
	    "00000000-0000-4000-8000-000000000000/reverse", b.token, "{}", 404));
	cJSON_Delete(api("POST", "/api/v1/journal/nope/reverse", b.token, "{}",
	    404));
	snprintf(path, sizeof(path), "/api/v1/journal/%s/reverse", e1);
	cJSON_Delete(api("POST", path, b.token, "{\"date\":\"soon\"}", 422));
	/* the rent is gone from the books; the capital stays */
	snprintf(path, sizeof(path), "/api/v1/ledger/trial-balance?date=%s",
	    b.d2);
	cJSON *t = api("GET", path, b.token, NULL, 200);
	ck_assert_int_eq(amount(by(items(t), "code", "5400"), "balance_debit"),
	    0);
	ck_assert_int_eq(amount(by(items(t), "code", "1200"), "balance_debit"),
	    10000000);
	cJSON_Delete(t);
	char n[16];
	const char *p[2] = { b.tenant, e2 };
	admin("SELECT count(*) FROM audit_log WHERE tenant_id = $1 AND action = "
	    "'journal.reversed' AND record_id = $2 AND before->>'id' = $2", p, 2,
	    n, sizeof(n));
	ck_assert_str_eq(n, "1");
	cJSON_Delete(rev);
	free(b.token);
}
END_TEST

/* csv_rows: RFC 4180 text parsed: rows of at most 20 cells, at most max
 * rows; the cells are copies (free with csv_free).  The number of rows. */
typedef struct csv_row {
	char *cell[20];
	int n;
} csv_row;

static int
csv_rows(const char *s, csv_row *rows, int max)
{
	int nrows = 0;
	buf cell = BUF_INIT(1 << 20);
	csv_row *row = &rows[0];
	row->n = 0;
	while (*s && nrows < max) {
		buf_truncate(&cell, 0);
		if (*s == '"') {
			for (s++; *s; s++) {
				if (*s == '"' && s[1] == '"')
					buf_putc(&cell, *s++);
				else if (*s == '"')
					break;
				else
					buf_putc(&cell, *s);
			}
			ck_assert_msg(*s == '"', "an unterminated quote");
			s++;
		} else {
			size_t n = strcspn(s, ",\r\n\"");
			buf_append(&cell, s, n);
			s += n;
			ck_assert_msg(*s != '"', "a quote inside a cell");
		}
		ck_assert_int_lt(row->n, 20);
		row->cell[row->n++] = strdup(buf_str(&cell));
		if (*s == ',') {
			s++;
			continue;
		}
		ck_assert_msg(s[0] == '\r' && s[1] == '\n', "rows end in CRLF");
		s += 2;
		nrows++;
		if (nrows < max) {
			row = &rows[nrows];
			row->n = 0;
		}
	}
	buf_free(&cell);
	return nrows;
}

static void
csv_free(csv_row *rows, int n)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; k < rows[i].n; k++)
			free(rows[i].cell[k]);
}

/* csv_get: path as CSV (a download), parsed */
static int
csv_get(const char *path, const char *token, csv_row *rows, int max)
{
	reply r;
	request("GET", path, token, NULL, NULL, 200, &r);
	char v[256];
	ck_assert_int_eq(reply_header(&r, "Content-Type", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "text/csv; charset=utf-8");
	ck_assert_int_eq(reply_header(&r, "Content-Disposition", v, sizeof(v)),
	    0);
	ck_assert_int_eq(strncmp(v, "attachment; filename=\"", 22), 0);
	int n = csv_rows(buf_str(&r.body), rows, max);
	reply_free(&r);
	return n;
}

START_TEST(csv_parsed_back)
{
	biz b;
	biz_new(&b, "INR");
	char e1[37], e2[37], path[256];
	two_entries(&b, e1, e2);
	csv_row rows[16];
	/* the journal: a header, then one row per line, newest entry first */
	int n = csv_get("/api/v1/journal?format=csv", b.token, rows, 16);
	ck_assert_int_eq(n, 5);
	static const char *const head[] = { "entry", "date", "memo",
	    "source_type", "source_id", "currency", "rate", "line", "account",
	    "account_name", "debit", "credit", "tx_debit", "tx_credit",
	    "line_memo", "entry_id" };
	ck_assert_int_eq(rows[0].n, 16);
	for (int i = 0; i < 16; i++)
		ck_assert_str_eq(rows[0].cell[i], head[i]);
	ck_assert_str_eq(rows[1].cell[0], "2");
	ck_assert_str_eq(rows[1].cell[2], "Rent, \"May\"");	/* quoted */
	ck_assert_str_eq(rows[1].cell[8], "5400");
	ck_assert_str_eq(rows[1].cell[10], "250.50");
	ck_assert_str_eq(rows[1].cell[11], "0.00");
	/* a formula is shown as text */
	ck_assert_str_eq(rows[1].cell[14], "'=HYPERLINK(\"http://x\",\"y\")");
	ck_assert_str_eq(rows[1].cell[15], e2);
	ck_assert_str_eq(rows[2].cell[11], "250.50");
	ck_assert_str_eq(rows[4].cell[2], "Capital");
	csv_free(rows, n);
	/* the trial balance, with its totals row; in the app too */
	snprintf(path, sizeof(path), "/app/ledger/trial-balance?date=%s&"
	    "format=csv", b.d2);
	n = csv_get(path, b.token, rows, 16);
	ck_assert_int_eq(n, 5);
	ck_assert_str_eq(rows[0].cell[3], "debit");
	ck_assert_str_eq(rows[1].cell[0], "1200");
	ck_assert_str_eq(rows[1].cell[5], "99749.50");
	ck_assert_str_eq(rows[4].cell[1], "Total");
	ck_assert_str_eq(rows[4].cell[3], "100250.50");
	ck_assert_str_eq(rows[4].cell[3], rows[4].cell[4]);
	ck_assert_str_eq(rows[4].cell[5], "100000.00");
	ck_assert_str_eq(rows[4].cell[5], rows[4].cell[6]);
	csv_free(rows, n);
	/* the general ledger: opening, lines with running balances, closing */
	n = csv_get("/api/v1/ledger/accounts/1200?format=csv", b.token, rows,
	    16);
	ck_assert_int_eq(n, 5);
	ck_assert_str_eq(rows[1].cell[3], "Opening balance");
	ck_assert_str_eq(rows[1].cell[8], "0.00");
	ck_assert_str_eq(rows[2].cell[5], "3100");
	ck_assert_str_eq(rows[2].cell[8], "100000.00");
	ck_assert_str_eq(rows[3].cell[3], "Rent, \"May\"");
	ck_assert_str_eq(rows[3].cell[8], "99749.50");
	ck_assert_str_eq(rows[4].cell[3], "Closing balance");
	ck_assert_str_eq(rows[4].cell[8], "99749.50");
	csv_free(rows, n);
	/* balances: every account of the chart, groups included */
	n = csv_get("/api/v1/ledger/balances?format=csv", b.token, rows, 16);
	ck_assert_int_eq(n, 16);	/* only the first 16 rows were kept */
	ck_assert_str_eq(rows[0].cell[7], "balance");
	ck_assert_str_eq(rows[1].cell[0], "1000");
	ck_assert_str_eq(rows[1].cell[4], "yes");
	csv_free(rows, n);
	cJSON_Delete(api("GET", "/api/v1/journal?format=xml", b.token, NULL,
	    422));
	free(b.token);
}
END_TEST

START_TEST(verify_names_tampered_entry)
{
	biz b;
	biz_new(&b, "INR");
	char e1[37], e2[37];
	two_entries(&b, e1, e2);
	cJSON *v = api("GET", "/api/v1/ledger/verify", b.token, NULL, 200);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(v, "ok")));
	ck_assert_int_eq(num(v, "entries"), 2);
	cJSON_Delete(v);
	char *s = text("/app/ledger/verify", b.token, 200);
	ck_assert_ptr_nonnull(strstr(s, "All 2 entries are intact"));
	free(s);
	/* the owner of the database changes a posted line behind Bursar */
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res r;
	const char *p[2] = { b.tenant, e2 };
	ck_assert_int_eq(db_exec(adm, &r, "SET session_replication_role = "
	    "replica", 0, NULL), 0);
	db_res_clear(&r);
	ck_assert_int_eq(db_exec(adm, &r, "UPDATE journal_lines SET debit = "
	    "debit + 1 WHERE tenant_id = $1 AND entry_id = $2 AND debit > 0", 2,
	    p), 0);
	db_res_clear(&r);
	db_close(adm);
	v = api("GET", "/api/v1/ledger/verify", b.token, NULL, 200);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(v, "ok")));
	ck_assert_int_eq(num(v, "seq"), 2);
	ck_assert_str_eq(jstr(v, "entry_id"), e2);
	ck_assert_ptr_nonnull(strstr(jstr(v, "problem"), "content changed"));
	cJSON_Delete(v);
	s = text("/app/ledger/verify", b.token, 200);
	ck_assert_ptr_nonnull(strstr(s, e2));
	ck_assert_ptr_nonnull(strstr(s, "content changed"));
	free(s);
	/* and the trial balance shows it no longer agrees */
	v = api("GET", "/api/v1/ledger/trial-balance", b.token, NULL, 200);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(v,
	    "totals"), "balanced")));
	cJSON_Delete(v);
	free(b.token);
}
END_TEST

START_TEST(other_business_and_reader)
{
	biz a, b;
	biz_new(&a, "INR");
	biz_new(&b, "INR");
	char e1[37], e2[37], path[256];
	two_entries(&a, e1, e2);
	/* another business's entry does not exist for b */
	snprintf(path, sizeof(path), "/api/v1/journal/%s", e1);
	cJSON_Delete(api("GET", path, b.token, NULL, 404));
	snprintf(path, sizeof(path), "/app/journal/%s", e1);
	free(text(path, b.token, 404));
	snprintf(path, sizeof(path), "/api/v1/journal/%s?format=csv", e1);
	cJSON_Delete(api("GET", path, b.token, NULL, 404));
	snprintf(path, sizeof(path), "/api/v1/journal/%s/reverse", e1);
	cJSON_Delete(api("POST", path, b.token, "{}", 404));
	cJSON *j = api("GET", "/api/v1/journal", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 0);
	cJSON_Delete(j);
	j = api("GET", "/api/v1/ledger/accounts/1200", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 0);
	ck_assert_int_eq(amount(j, "closing"), 0);
	cJSON_Delete(j);
	j = api("GET", "/api/v1/ledger/trial-balance", b.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 0);
	cJSON_Delete(j);
	j = api("GET", "/api/v1/ledger/verify", b.token, NULL, 200);
	ck_assert_int_eq(num(j, "entries"), 0);
	cJSON_Delete(j);
	/* a key that may only read: every view, no posting (balances and the
	 * trial balance are reports: reports.read) */
	cJSON *k = api("POST", "/api/v1/api-keys", a.token, "{\"name\":"
	    "\"books reader\",\"scopes\":\"ledger.read,reports.read\"}", 201);
	const char *key = jstr(k, "key");
	static const char *const views[] = { "/api/v1/journal",
	    "/api/v1/ledger/balances", "/api/v1/ledger/trial-balance",
	    "/api/v1/ledger/accounts/1200", "/api/v1/ledger/verify" };
	for (size_t i = 0; i < sizeof(views) / sizeof(views[0]); i++)
		cJSON_Delete(api("GET", views[i], key, NULL, 200));
	snprintf(path, sizeof(path), "/api/v1/journal/%s", e1);
	cJSON_Delete(api("GET", path, key, NULL, 200));
	cJSON_Delete(api("POST", "/api/v1/journal", key, "{\"lines\":[{"
	    "\"account\":\"5500\",\"debit\":100},{\"account\":\"1100\","
	    "\"credit\":100}]}", 403));
	snprintf(path, sizeof(path), "/api/v1/journal/%s/reverse", e1);
	cJSON_Delete(api("POST", path, key, "{}", 403));
	free(text("/app/journal/new", key, 403));
	cJSON_Delete(k);
	j = api("GET", "/api/v1/journal", a.token, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(items(j)), 2);
	cJSON_Delete(j);
	free(a.token);
	free(b.token);
}
END_TEST

START_TEST(export_for_hledger)
{
	biz b;
	biz_new(&b, "INR");
	char e1[37], e2[37], path[256];
	two_entries(&b, e1, e2);
	reply r;
	request("GET", "/api/v1/ledger/export.journal", b.token, NULL, NULL,
	    200, &r);
	char v[256];
	ck_assert_int_eq(reply_header(&r, "Content-Type", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "text/plain; charset=utf-8");
	ck_assert_int_eq(reply_header(&r, "Content-Disposition", v, sizeof(v)),
	    0);
	ck_assert_str_eq(v, "attachment; filename=\"bursar.journal\"");
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "commodity INR"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "(1) Capital"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "(2) Rent"));
	reply_free(&r);
	snprintf(path, sizeof(path), "/app/ledger/export.journal?to=%s", b.d1);
	char *s = text(path, b.token, 200);
	ck_assert_ptr_nonnull(strstr(s, "(1) Capital"));
	ck_assert_ptr_null(strstr(s, "(2) Rent"));
	free(s);
	snprintf(path, sizeof(path), "/api/v1/ledger/export.journal?from=%s&"
	    "to=%s", b.d2, b.d1);
	cJSON_Delete(api("GET", path, b.token, NULL, 422));
	free(b.token);
}
END_TEST

TCase *
ledger_tcase(void)
{
	TCase *tc = tcase_create("ledger");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, posted_entry_in_every_view);
	tcase_add_test(tc, refusals_write_nothing);
	tcase_add_test(tc, form_redrawn_as_typed);
	tcase_add_test(tc, reversed_once);
	tcase_add_test(tc, csv_parsed_back);
	tcase_add_test(tc, verify_names_tampered_entry);
	tcase_add_test(tc, other_business_and_reader);
	tcase_add_test(tc, export_for_hledger);
	return tc;
}
