/* kit.c: what the integration tests share: JSON replies, unique names,
 * a new business with its owner's token, the commerce fixtures, and
 * reading the database as its owner. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "db/db.h"
#include "kit.h"
#include "web/reply.h"

cJSON *
body_json(const reply *r)
{
	cJSON *j = cJSON_Parse(buf_str(&r->body));
	ck_assert_msg(j != NULL, "not JSON: %.2000s", buf_str(&r->body));
	return j;
}


const char *
jstr(const cJSON *j, const char *path)
{
	/* "a.b": one level of nesting is all these tests need */
	char key[64];
	const char *dot = strchr(path, '.');
	if (dot) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		j = cJSON_GetObjectItem(j, key);
		path = dot + 1;
	}
	const cJSON *v = cJSON_GetObjectItem(j, path);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}


/* unique: a name no earlier run used (the suite shares one database) */
const char *
unique(const char *prefix)
{
	static char s[8][64];
	static int i;
	i = (i + 1) % 8;
	snprintf(s[i], sizeof(s[i]), "%s-%ld-%d", prefix, (long)getpid(),
	    rand() % 100000);
	return s[i];
}


/* take_access: the access token of a token-bearing reply (malloc'd); the
 * reply is freed. */
char *
take_access(reply *r)
{
	cJSON *j = body_json(r);
	char *t = strdup(jstr(j, "access_token"));
	cJSON_Delete(j);
	reply_free(r);
	return t;
}


long
kit_try_token(const char *slug, const char *email, const char *pw, reply *r)
{
	char body[512];
	snprintf(body, sizeof(body), "{\"tenant\":\"%s\",\"email\":\"%s\","
	    "\"password\":\"%s\"}", slug, email, pw);
	ck_assert_int_eq(client_json("POST", "/api/v1/auth/token", NULL, body,
	    r), 0);
	return r->status;
}

char *
kit_token(const char *slug, const char *email, const char *pw)
{
	reply r;
	long st = kit_try_token(slug, email, pw, &r);
	ck_assert_msg(st == 200, "token for %s: %ld %.2000s", email, st,
	    buf_str(&r.body));
	return take_access(&r);
}

void
kit_browser_in(kit_browser *b, const char *slug, const char *email,
    const char *page)
{
	reply r;
	char anon[128], cookie[256], body[512], session[128];
	ck_assert_int_eq(client_do("GET", "/app/login", NULL, NULL, 0, &r), 0);
	ck_assert_int_eq(reply_cookie(&r, "bursar_csrf", anon, sizeof(anon)),
	    0);
	reply_free(&r);
	snprintf(cookie, sizeof(cookie), "bursar_csrf=%s", anon);
	snprintf(body, sizeof(body), "csrf_token=%s&tenant=%s&email=%s&"
	    "password=blue7Horse%%21fence&next=%%2Fapp", anon, slug, email);
	ck_assert_int_eq(client_form("/app/login", cookie, body, &r), 0);
	ck_assert_int_eq(r.status, 303);
	ck_assert_int_eq(reply_cookie(&r, "bursar_session", session,
	    sizeof(session)), 0);
	reply_free(&r);
	snprintf(b->cookie, sizeof(b->cookie), "bursar_session=%s", session);
	char hdr[300];
	snprintf(hdr, sizeof(hdr), "Cookie: %s", b->cookie);
	const char *h[] = { hdr, NULL };
	ck_assert_int_eq(client_do("GET", page, h, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 200);
	static const char mark[] = "name=\"csrf_token\" value=\"";
	const char *tok = strstr(buf_str(&r.body), mark);
	ck_assert_ptr_nonnull(tok);
	tok += sizeof(mark) - 1;
	snprintf(b->csrf, sizeof(b->csrf), "%.*s", (int)strcspn(tok, "\""),
	    tok);
	reply_free(&r);
}

void
kit_browser_post(const kit_browser *b, const char *path, const char *fields,
    reply *r)
{
	char body[1024];
	snprintf(body, sizeof(body), "csrf_token=%s&%s", b->csrf, fields);
	ck_assert_int_eq(client_form(path, b->cookie, body, r), 0);
}

/* sign_up: a new business through the API; returns the access token
 * (malloc'd) and the slug. */
char *
sign_up(const char *slug, const char *email)
{
	return sign_up_in(slug, email, "EUR");
}

char *
sign_up_in(const char *slug, const char *email, const char *currency)
{
	char body[512];
	snprintf(body, sizeof(body), "{\"business\":\"Test Co\",\"slug\":\"%s\","
	    "\"currency\":\"%s\",\"name\":\"Tess Tester\",\"email\":\"%s\","
	    "\"password\":\"blue7Horse!fence\"}", slug, currency, email);
	reply r;
	ck_assert_int_eq(client_json("POST", "/api/v1/signup", NULL, body, &r),
	    0);
	ck_assert_msg(r.status == 201, "sign-up: %ld %.2000s", r.status,
	    buf_str(&r.body));
	return take_access(&r);
}


cJSON *
get_json(const char *path, const char *token, long want)
{
	reply r;
	ck_assert_int_eq(client_json("GET", path, token, NULL, &r), 0);
	ck_assert_msg(r.status == want, "%s: %ld %.2000s", path, r.status,
	    buf_str(&r.body));
	cJSON *j = body_json(&r);
	reply_free(&r);
	return j;
}


long
post_json(const char *path, const char *bearer, const char *body, reply *r)
{
	ck_assert_int_eq(client_json("POST", path, bearer, body, r), 0);
	return r->status;
}


/* created_id: the id of a 201 reply to path (malloc'd); the reply is
 * freed */
static char *
created_id(const char *path, reply *r)
{
	ck_assert_msg(r->status == 201, "%s: %ld %.2000s", path, r->status,
	    buf_str(&r->body));
	cJSON *j = body_json(r);
	ck_assert_ptr_nonnull(jstr(j, "id"));
	char *id = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	reply_free(r);
	return id;
}

char *
kit_party(const char *token, const char *kind, const char *name,
    const char *currency)
{
	int both = strcmp(kind, "both") == 0;
	int cust = both || strcmp(kind, "customer") == 0;
	int supp = both || strcmp(kind, "supplier") == 0;
	ck_assert_msg(cust || supp, "kit_party: kind %s", kind);
	cJSON *b = cJSON_CreateObject();
	cJSON_AddStringToObject(b, "name", name);
	cJSON_AddBoolToObject(b, "is_customer", cust);
	cJSON_AddBoolToObject(b, "is_supplier", supp);
	if (currency)
		cJSON_AddStringToObject(b, "currency", currency);
	char *body = cJSON_PrintUnformatted(b);
	cJSON_Delete(b);
	reply r;
	post_json("/api/v1/parties", token, body, &r);
	free(body);
	return created_id("/api/v1/parties", &r);
}

char *
kit_product(const char *token, const char *sku, int64_t price_minor,
    const char *currency, const char *tax_group, int tracked)
{
	char body[512];
	snprintf(body, sizeof(body), "{\"sku\":\"%s\",\"name\":\"Product %s\","
	    "\"tracked\":%s,\"tax_group\":%s%s%s,\"prices\":[{\"currency\":"
	    "\"%s\",\"unit_price\":%lld}]}", sku, sku, tracked ? "true" : "false",
	    tax_group && *tax_group ? "\"" : "", tax_group && *tax_group ?
	    tax_group : "null", tax_group && *tax_group ? "\"" : "", currency,
	    (long long)price_minor);
	reply r;
	post_json("/api/v1/products", token, body, &r);
	return created_id("/api/v1/products", &r);
}

void
kit_receive(const char *token, const char *sku, int64_t qty,
    int64_t value_minor)
{
	char body[256];
	snprintf(body, sizeof(body), "{\"sku\":\"%s\",\"quantity\":%lld,"
	    "\"cost\":%lld}", sku, (long long)qty, (long long)value_minor);
	reply r;
	long st = post_json("/api/v1/stock/receipts", token, body, &r);
	ck_assert_msg(st == 201, "receipt of %s: %ld %.2000s", sku, st,
	    buf_str(&r.body));
	reply_free(&r);
}

char *
kit_adm(const char *fmt, ...)
{
	char sql[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	db *d = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 5);
	db_res r;
	int rc = db_exec(d, &r, sql, 0, NULL);
	ck_assert_msg(rc == 0, "%s: %s", sql, r.error);
	char *v = r.rows > 0 && r.cols > 0 && db_text(&r, 0, 0) ?
	    strdup(db_text(&r, 0, 0)) : NULL;
	db_res_clear(&r);
	db_close(d);
	return v;
}

long long
kit_adm_int(const char *fmt, ...)
{
	char sql[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	char *v = kit_adm("%s", sql);
	long long n = v ? atoll(v) : 0;
	free(v);
	return n;
}

long long
kit_adm_count(const char *sql, int n, const char *a, const char *b,
    const char *c)
{
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 2);
	db_res r;
	const char *p[3] = { a, b, c };
	ck_assert_msg(db_exec(adm, &r, sql, n, p) == 0, "%s: %s", sql, r.error);
	int64_t got = -1;
	db_i64(&r, 0, 0, &got);
	db_res_clear(&r);
	db_close(adm);
	return got;
}

cJSON *
kit_call(const char *method, const char *path, const char *token,
    const char *body, long want)
{
	reply r;
	ck_assert_int_eq(client_json(method, path, token, body, &r), 0);
	ck_assert_msg(r.status == want, "%s %s %s: %ld (want %ld) %.2000s", method,
	    path, body ? body : "", r.status, want, buf_str(&r.body));
	cJSON *j = r.body.len ? body_json(&r) : NULL;
	reply_free(&r);
	return j;
}

cJSON *
kit_post(const char *path, const char *token, const char *body, long want)
{
	return kit_call("POST", path, token, body, want);
}

void
kit_refused(const char *method, const char *path, const char *token,
    const char *body, long want, const char *field)
{
	cJSON *j = kit_call(method, path, token, body, want);
	cJSON *fields = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "error"),
	    "fields");
	ck_assert_msg(field == NULL || cJSON_HasObjectItem(fields, field),
	    "%s %s: no field %s in %s", path, body, field,
	    cJSON_PrintUnformatted(j));
	cJSON_Delete(j);
}

long long
kit_num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(o, key);
	ck_assert_msg(cJSON_IsNumber(v), "%s is not a number in %s", key,
	    cJSON_PrintUnformatted(o));
	return (long long)v->valuedouble;
}

long long
kit_amount(const cJSON *o, const char *key)
{
	const cJSON *a = cJSON_GetObjectItem(cJSON_GetObjectItem(o, key),
	    "amount");
	ck_assert_msg(cJSON_IsNumber(a), "%s is not money: %s", key,
	    cJSON_PrintUnformatted(o));
	return (long long)a->valuedouble;
}

void
kit_business(kit_biz *b, const char *tag, const char *currency)
{
	char email[64];
	const char *slug = unique(tag);
	snprintf(email, sizeof(email), "owner@%s.test", tag);
	b->token = sign_up_in(slug, email, currency);
	char *id = kit_adm("SELECT id FROM tenants WHERE slug = '%s'", slug);
	snprintf(b->id, sizeof(b->id), "%s", id);
	free(id);
}

long long
kit_balance(const kit_biz *b, const char *code)
{
	return kit_adm_int("SELECT coalesce(sum(l.debit - l.credit), 0) FROM "
	    "journal_lines l JOIN accounts a ON a.tenant_id = l.tenant_id AND "
	    "a.id = l.account_id WHERE l.tenant_id = '%s' AND a.code = '%s'",
	    b->id, code);
}

long long
kit_events(const kit_biz *b, const char *type)
{
	return kit_adm_int("SELECT count(*) FROM outbox_events WHERE tenant_id "
	    "= '%s' AND type = '%s'", b->id, type);
}

int
kit_fy(void)
{
	return (int)kit_adm_int("SELECT extract(year FROM current_date)::int - "
	    "CASE WHEN extract(month FROM current_date) < 4 THEN 1 ELSE 0 END");
}

void
kit_page(const char *path, const char *token, long want, reply *r)
{
	char auth[1024];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	const char *h[] = { auth, NULL };
	ck_assert_int_eq(client_do("GET", path, h, NULL, 0, r), 0);
	ck_assert_msg(r->status == want, "%s: %ld %.2000s", path, r->status,
	    buf_str(&r->body));
}

void
kit_form(const char *path, const char *token, const char *body, reply *r)
{
	char auth[1024];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	const char *h[] = { auth, "Content-Type: "
	    "application/x-www-form-urlencoded", NULL };
	ck_assert_int_eq(client_do("POST", path, h, body, strlen(body), r), 0);
}
