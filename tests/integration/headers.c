/* headers.c: what the answers carry, read through the real nginx: the
 * redirect after sign-in stays on this site, signed-in pages, API answers
 * and PDFs are never cached, nginx's own answers carry the security
 * headers, and reset tokens never reach the access log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "kit.h"
#include "suites.h"

/* anon_csrf: the anonymous CSRF token the sign-in page hands out */
static void
anon_csrf(char *out, size_t len)
{
	reply r;
	ck_assert_int_eq(client_do("GET", "/app/login", NULL, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(reply_cookie(&r, "bursar_csrf", out, len), 0);
	reply_free(&r);
}

/* sign_in_to: signs in by the form with next (urlencoded); where the
 * browser is sent, into where; the session cookie into session */
static void
sign_in_to(const char *slug, const char *email, const char *next,
    char *where, size_t wlen, char *session, size_t slen)
{
	char csrf[128], cookie[256], body[1024];
	anon_csrf(csrf, sizeof(csrf));
	snprintf(cookie, sizeof(cookie), "bursar_csrf=%s", csrf);
	snprintf(body, sizeof(body), "csrf_token=%s&tenant=%s&email=%s&"
	    "password=blue7Horse%%21fence&next=%s", csrf, slug, email, next);
	reply r;
	ck_assert_int_eq(client_form("/app/login", cookie, body, &r), 0);
	ck_assert_msg(r.status == 303, "next=%s: %ld", next, r.status);
	ck_assert_int_eq(reply_header(&r, "Location", where, wlen), 0);
	if (session)
		ck_assert_int_eq(reply_cookie(&r, "bursar_session", session,
		    slen), 0);
	reply_free(&r);
}

START_TEST(next_stays_on_this_site)
{
	const char *slug = unique("nxt");
	free(sign_up(slug, "n@nxt.test"));
	static const char *const away[] = {
		"%2F%2Fevil.test",		/* //evil.test */
		"%2F%5Cevil.test",		/* /\evil.test */
		"https%3A%2F%2Fevil.test",	/* a scheme */
		"javascript%3Aalert(1)",
		"%2F%09%2Fevil.test",		/* a tab browsers drop */
		"%2F%0D%0ALocation%3A%20x",	/* a header split */
		"%2Fapp%5C..%5Cevil",
		"",
	};
	char where[512];
	for (size_t i = 0; i < sizeof(away) / sizeof(away[0]); i++) {
		sign_in_to(slug, "n%40nxt.test", away[i], where, sizeof(where),
		    NULL, 0);
		ck_assert_msg(strcmp(where, "/app") == 0, "next=%s went to %s",
		    away[i], where);
	}
	/* a path of this site, with its query, is kept */
	sign_in_to(slug, "n%40nxt.test", "%2Fapp%2Forders%3Fstatus%3Ddraft",
	    where, sizeof(where), NULL, 0);
	ck_assert_str_eq(where, "/app/orders?status=draft");
}
END_TEST

/* no_store: path answered want to a caller with the request headers h,
 * with Cache-Control: no-store */
static void
no_store(const char *path, const char *const *h, long want)
{
	reply r;
	char v[128];
	ck_assert_int_eq(client_do("GET", path, h, NULL, 0, &r), 0);
	ck_assert_msg(r.status == want, "%s: %ld", path, r.status);
	ck_assert_msg(reply_header(&r, "Cache-Control", v, sizeof(v)) == 0 &&
	    strcmp(v, "no-store") == 0, "%s: Cache-Control %s", path,
	    buf_str(&r.headers));
	reply_free(&r);
}

START_TEST(signed_in_answers_not_cached)
{
	kit_biz b;
	kit_business(&b, "nst", "INR");
	char auth[1024];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", b.token);
	const char *api[] = { auth, NULL };
	no_store("/api/v1/me", api, 200);
	no_store("/api/v1/parties", api, 200);
	/* a PDF of an invoice */
	char *cust = kit_party(b.token, "customer", "Cache Ltd", NULL);
	char body[512], path[160];
	snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"issue\":true,"
	    "\"lines\":[{\"description\":\"Work\",\"quantity\":1,"
	    "\"unit_price\":10000}]}", cust);
	cJSON *inv = kit_post("/api/v1/invoices", b.token, body, 201);
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/pdf", jstr(inv, "id"));
	no_store(path, api, 200);
	cJSON_Delete(inv);
	free(cust);
	/* a signed-in page */
	char where[512], session[256], cookie[300];
	char slug[80];
	char *s = kit_adm("SELECT slug FROM tenants WHERE id = '%s'", b.id);
	snprintf(slug, sizeof(slug), "%s", s);
	free(s);
	char email[80];
	snprintf(email, sizeof(email), "owner%%40%s.test", "nst");
	sign_in_to(slug, email, "%2Fapp", where, sizeof(where), session,
	    sizeof(session));
	snprintf(cookie, sizeof(cookie), "Cookie: bursar_session=%s", session);
	const char *page[] = { cookie, NULL };
	no_store("/app", page, 200);
	no_store("/app/customers", page, 200);
	free(b.token);
}
END_TEST

/* count: occurrences of needle in hay */
static int
count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

START_TEST(nginx_answers_carry_security_headers)
{
	reply r;
	/* nginx's own 404 for a static file */
	ck_assert_int_eq(client_do("GET", "/static/none.css", NULL, NULL, 0,
	    &r), 0);
	ck_assert_int_eq(r.status, 404);
	const char *h = buf_str(&r.headers);
	ck_assert_ptr_nonnull(strstr(h, "X-Content-Type-Options: nosniff"));
	ck_assert_ptr_nonnull(strstr(h, "X-Frame-Options: DENY"));
	ck_assert_ptr_nonnull(strstr(h, "Content-Security-Policy: default-src "
	    "'self'"));
	ck_assert_ptr_nonnull(strstr(h, "Referrer-Policy: same-origin"));
	/* served over plain HTTP: no HSTS */
	ck_assert_ptr_null(strstr(h, "Strict-Transport-Security"));
	reply_free(&r);
	/* a static file too */
	ck_assert_int_eq(client_do("GET", "/static/bursar.css", NULL, NULL, 0,
	    &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.headers), "X-Frame-Options: "
	    "DENY"));
	reply_free(&r);
	/* nginx's own 413, past its body limit (twice the program's) */
	size_t n = 3u * 1024 * 1024;
	char *big = malloc(n);
	memset(big, 'a', n);
	const char *ct[] = { "Content-Type: application/json", NULL };
	ck_assert_int_eq(client_do("POST", "/api/v1/parties", ct, big, n, &r),
	    0);
	free(big);
	ck_assert_int_eq(r.status, 413);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.headers),
	    "X-Content-Type-Options: nosniff"));
	reply_free(&r);
	/* a program's answer keeps its own, once */
	ck_assert_int_eq(client_do("GET", "/healthz", NULL, NULL, 0, &r), 0);
	ck_assert_int_eq(count(buf_str(&r.headers), "X-Frame-Options"), 1);
	ck_assert_int_eq(count(buf_str(&r.headers), "Content-Security-Policy"),
	    1);
	reply_free(&r);
}
END_TEST

START_TEST(tokens_never_in_the_access_log)
{
	reply r;
	ck_assert_int_eq(client_do("GET", "/app/password/reset?token="
	    "SECRETRESET0123456789", NULL, NULL, 0, &r), 0);
	reply_free(&r);
	ck_assert_int_eq(client_do("GET", "/app/invite/accept?token="
	    "SECRETINVITE0123456789", NULL, NULL, 0, &r), 0);
	reply_free(&r);
	/* the assets of a reset page are fetched with it as their Referer */
	const char *ref[] = { "Referer: http://127.0.0.1/app/password/reset?"
	    "token=SECRETREFERER0123456789", NULL };
	ck_assert_int_eq(client_do("GET", "/static/bursar.css", ref, NULL, 0,
	    &r), 0);
	reply_free(&r);
	const char *var = getenv("BURSAR_VAR");
	ck_assert_ptr_nonnull(var);
	char path[512];
	snprintf(path, sizeof(path), "%s/log/nginx-access.log", var);
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "no %s", path);
	buf log = BUF_INIT(64u * 1024 * 1024);
	char chunk[8192];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&log, chunk, got);
	fclose(f);
	const char *s = buf_str(&log);
	ck_assert_ptr_nonnull(strstr(s, "GET /app/password/reset "));
	ck_assert_ptr_nonnull(strstr(s, "GET /app/invite/accept "));
	ck_assert_ptr_null(strstr(s, "SECRETRESET"));
	ck_assert_ptr_null(strstr(s, "SECRETINVITE"));
	ck_assert_ptr_null(strstr(s, "SECRETREFERER"));
	buf_free(&log);
	/* nor the programs' own request lines */
	snprintf(path, sizeof(path), "grep -rq SECRET %s/log/identity*.log",
	    var);
	ck_assert_int_ne(sh("%s", path), 0);
}
END_TEST

TCase *
headers_tcase(void)
{
	TCase *tc = tcase_create("headers");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, next_stays_on_this_site);
	tcase_add_test(tc, signed_in_answers_not_cached);
	tcase_add_test(tc, nginx_answers_carry_security_headers);
	tcase_add_test(tc, tokens_never_in_the_access_log);
	return tc;
}
