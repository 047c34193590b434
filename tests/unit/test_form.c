/* test_form.c: UTF-8, percent-decoding, urlencoded forms, cookies and
 * header parameters, with good and malformed input. */
#include <string.h>

#include "form.h"
#include "unit.h"
#include "utf8.h"

static arena *a;
static void setup(void) { a = arena_new(1024); }
static void teardown(void) { arena_free(a); }

#define VALID(s) utf8_valid(s, sizeof(s) - 1)

START_TEST(utf8)
{
	ck_assert(VALID("plain ascii"));
	ck_assert(VALID("naïve café ₹ € 日本語 𝄞"));
	ck_assert(VALID(""));
	ck_assert(!VALID("\xc0\xaf"));		/* overlong '/' */
	ck_assert(!VALID("\xe0\x80\xaf"));	/* overlong, 3 bytes */
	ck_assert(!VALID("\xf0\x80\x80\xaf"));	/* overlong, 4 bytes */
	ck_assert(!VALID("\xed\xa0\x80"));	/* surrogate D800 */
	ck_assert(!VALID("\xf4\x90\x80\x80"));	/* past U+10FFFF */
	ck_assert(!VALID("\x80"));		/* lone continuation */
	ck_assert(!VALID("\xe2\x82"));		/* truncated € */
	ck_assert(!VALID("\xff"));
	ck_assert(!VALID("a\0b"));		/* NUL */
	ck_assert(VALID("\xed\x9f\xbf"));	/* U+D7FF, just below */
	ck_assert(VALID("\xf4\x8f\xbf\xbf"));	/* U+10FFFF */
}
END_TEST

START_TEST(pct_decode)
{
	char *out;
	size_t n;
	ck_assert_int_eq(form_pct_decode(a, "a%20b+c%2Bd", 11, 1, &out, &n),
	    FORM_OK);
	ck_assert_str_eq(out, "a b c+d");
	ck_assert_int_eq(n, 7);
	ck_assert_int_eq(form_pct_decode(a, "a+b", 3, 0, &out, &n), FORM_OK);
	ck_assert_str_eq(out, "a+b");	/* paths keep '+' */
	ck_assert_int_eq(form_pct_decode(a, "%e2%82%AC", 9, 1, &out, &n),
	    FORM_OK);
	ck_assert_str_eq(out, "€");
	ck_assert_int_eq(form_pct_decode(a, "%", 1, 1, &out, &n), FORM_EPCT);
	ck_assert_int_eq(form_pct_decode(a, "%4", 2, 1, &out, &n), FORM_EPCT);
	ck_assert_int_eq(form_pct_decode(a, "%zz", 3, 1, &out, &n), FORM_EPCT);
	ck_assert_int_eq(form_pct_decode(a, "ab%4g", 5, 1, &out, &n),
	    FORM_EPCT);
	ck_assert_int_eq(form_pct_decode(a, "%ff", 3, 1, &out, &n), FORM_EUTF8);
	ck_assert_int_eq(form_pct_decode(a, "%c0%af", 6, 1, &out, &n),
	    FORM_EUTF8);
	ck_assert_int_eq(form_pct_decode(a, "a%00b", 5, 1, &out, &n),
	    FORM_EUTF8);
}
END_TEST

START_TEST(urlencoded)
{
	kv_list l = {0};
	const char *s = "name=Asha+R%C3%A3o&tag=a&&tag=b&empty=&flag&x=1%3D2";
	ck_assert_int_eq(form_parse_urlencoded(a, s, strlen(s), &l), FORM_OK);
	ck_assert_int_eq(l.n, 6);
	ck_assert_str_eq(kv_get(&l, "name"), "Asha Rão");
	ck_assert_int_eq(kv_count(&l, "tag"), 2);
	ck_assert_str_eq(l.items[1].value, "a");	/* order kept */
	ck_assert_str_eq(l.items[2].value, "b");
	ck_assert_str_eq(kv_get(&l, "empty"), "");
	ck_assert_str_eq(kv_get(&l, "flag"), "");
	ck_assert_str_eq(kv_get(&l, "x"), "1=2");
	kv_list e = {0};
	ck_assert_int_eq(form_parse_urlencoded(a, "", 0, &e), FORM_OK);
	ck_assert_int_eq(e.n, 0);
	ck_assert_int_eq(form_parse_urlencoded(a, "=x", 2, &e), FORM_ENAME);
	ck_assert_int_eq(form_parse_urlencoded(a, "a=%zz", 5, &e), FORM_EPCT);
	ck_assert_int_eq(form_parse_urlencoded(a, "a%ff=1", 6, &e),
	    FORM_EUTF8);
	/* only the bytes given are read: a body is not NUL-terminated */
	ck_assert_int_eq(form_parse_urlencoded(a, "a=1&b=2", 3, &e), FORM_OK);
	ck_assert_str_eq(kv_get(&e, "a"), "1");
	ck_assert_ptr_null(kv_get(&e, "b"));
}
END_TEST

START_TEST(too_many_fields)
{
	size_t n = (FORM_MAX_FIELDS + 1) * 4;
	char *s = arena_alloc(a, n + 1);
	for (size_t i = 0; i < FORM_MAX_FIELDS + 1; i++)
		memcpy(s + 4 * i, "a=1&", 4);
	kv_list l = {0};
	ck_assert_int_eq(form_parse_urlencoded(a, s, n, &l), FORM_ETOOMANY);
	kv_list m = {0};
	ck_assert_int_eq(form_parse_urlencoded(a, s, n - 4, &m), FORM_OK);
	ck_assert_int_eq(m.n, FORM_MAX_FIELDS);
}
END_TEST

START_TEST(cookies)
{
	kv_list l = {0};
	ck_assert_int_eq(form_parse_cookies(a, " sid=abc%20; theme = \"dark\" ;"
	    " lone; x=; =y;a=b=c", &l), FORM_OK);
	ck_assert_str_eq(kv_get(&l, "sid"), "abc%20");	/* opaque */
	ck_assert_str_eq(kv_get(&l, "theme"), "dark");
	ck_assert_str_eq(kv_get(&l, "x"), "");
	ck_assert_str_eq(kv_get(&l, "a"), "b=c");
	ck_assert_ptr_null(kv_get(&l, "lone"));
	ck_assert_int_eq(l.n, 4);
	kv_list e = {0};
	ck_assert_int_eq(form_parse_cookies(a, "a=\xff", &e), FORM_EUTF8);
	ck_assert_int_eq(form_parse_cookies(a, "", &e), FORM_OK);
	ck_assert_int_eq(e.n, 0);
}
END_TEST

START_TEST(header_params)
{
	const char *ct = "multipart/form-data; charset=utf-8; BOUNDARY=\"a\\\"b c\"";
	ck_assert_str_eq(form_header_param(a, ct, "boundary"), "a\"b c");
	ck_assert_str_eq(form_header_param(a, ct, "charset"), "utf-8");
	ck_assert_ptr_null(form_header_param(a, ct, "name"));
	const char *cd = "form-data; name=\"file\"; filename=\"r\xc3\xa9sum\xc3\xa9.pdf\"";
	ck_assert_str_eq(form_header_param(a, cd, "name"), "file");
	ck_assert_str_eq(form_header_param(a, cd, "filename"),
	    "r\xc3\xa9sum\xc3\xa9.pdf");
	/* "name" must not match inside "filename" */
	ck_assert_ptr_null(form_header_param(a, "form-data; filename=x",
	    "name"));
	ck_assert_ptr_null(form_header_param(a, "form-data; name=\"open",
	    "name"));
	ck_assert_ptr_null(form_header_param(a, "form-data", "name"));
	ck_assert_ptr_null(form_header_param(a, "form-data; name=", "name"));
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("form");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, utf8);
	tcase_add_test(tc, pct_decode);
	tcase_add_test(tc, urlencoded);
	tcase_add_test(tc, too_many_fields);
	tcase_add_test(tc, cookies);
	tcase_add_test(tc, header_params);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
