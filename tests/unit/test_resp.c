/* test_resp.c: response serialization, security headers, cookies. */
#include <string.h>

#include "web/resp.h"
#include "unit.h"

START_TEST(serialize_with_security_headers)
{
	arena *a = arena_new(1024);
	http_response r;
	resp_init(&r, 1024);
	r.status = 404;
	r.content_type = "text/html";
	buf_puts(&r.body, "<p>gone</p>");
	ck_assert_int_eq(resp_header(a, &r, "X-Request-Id", "abc"), 0);
	buf out = BUF_INIT(8192);
	ck_assert_int_eq(resp_serialize(&r, &out), 0);
	const char *s = buf_str(&out);
	ck_assert_ptr_eq(strstr(s, "Status: 404 Not Found\r\n"), s);
	ck_assert_ptr_nonnull(strstr(s, "Content-Length: 11\r\n"));
	ck_assert_ptr_nonnull(strstr(s, "X-Content-Type-Options: nosniff\r\n"));
	ck_assert_ptr_nonnull(strstr(s, "frame-ancestors 'none'"));
	ck_assert_ptr_nonnull(strstr(s, "Referrer-Policy: same-origin\r\n"));
	ck_assert_ptr_nonnull(strstr(s, "X-Request-Id: abc\r\n"));
	ck_assert_str_eq(strstr(s, "\r\n\r\n"), "\r\n\r\n<p>gone</p>");
	buf_free(&out);
	/* a cap too small for the response is refused, not truncated */
	buf small = BUF_INIT(16);
	ck_assert_int_eq(resp_serialize(&r, &small), -1);
	buf_free(&small);
	resp_free(&r);
	arena_free(a);
}
END_TEST

START_TEST(no_header_injection)
{
	arena *a = arena_new(1024);
	http_response r;
	resp_init(&r, 1024);
	ck_assert_int_eq(resp_header(a, &r, "Location", "/x\r\nSet-Cookie: a=b"),
	    -1);
	ck_assert_int_eq(resp_header(a, &r, "Bad:Name", "v"), -1);
	ck_assert_int_eq(r.headers.n, 0);
	resp_free(&r);
	arena_free(a);
}
END_TEST

START_TEST(cookies)
{
	arena *a = arena_new(1024);
	http_response r;
	resp_init(&r, 1024);
	ck_assert_int_eq(resp_cookie(a, &r, "sid", "abc123", -1, 0), 0);
	ck_assert_str_eq(r.headers.items[0].value,
	    "sid=abc123; Path=/; HttpOnly; SameSite=Lax");
	ck_assert_int_eq(resp_cookie(a, &r, "sid", "x", 3600, 1), 0);
	ck_assert_str_eq(r.headers.items[1].value,
	    "sid=x; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=3600");
	ck_assert_int_eq(resp_cookie(a, &r, "sid", "a;b", -1, 0), -1);
	ck_assert_int_eq(resp_cookie(a, &r, "s=id", "a", -1, 0), -1);
	ck_assert_int_eq(resp_cookie(a, &r, "sid", "a b", -1, 0), -1);
	ck_assert_int_eq(resp_cookie(a, &r, "", "a", -1, 0), -1);
	ck_assert_int_eq(r.headers.n, 2);
	resp_free(&r);
	arena_free(a);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("resp");
	TCase *tc = tcase_create("resp");
	tcase_add_test(tc, serialize_with_security_headers);
	tcase_add_test(tc, no_header_injection);
	tcase_add_test(tc, cookies);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
