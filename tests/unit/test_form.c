/* test_form.c: UTF-8, percent-decoding, urlencoded forms, cookies and
 * header parameters, with good and malformed input. */
#include <string.h>

#include "web/form.h"
#include "unit.h"
#include "base/utf8.h"

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

START_TEST(pct_decode_more)
{
	char *out;
	size_t n;
	/* binary-looking but valid: decoded length counts bytes */
	ck_assert_int_eq(form_pct_decode(a, "%C3%A9t%c3%a9", 13, 0, &out, &n),
	    FORM_OK);
	ck_assert_str_eq(out, "\xc3\xa9t\xc3\xa9");
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(form_pct_decode(a, "", 0, 1, &out, &n), FORM_OK);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(form_pct_decode(a, "100%25+", 7, 1, &out, &n),
	    FORM_OK);
	ck_assert_str_eq(out, "100% ");
	ck_assert_int_eq(form_pct_decode(a, "%2B%2b", 6, 1, &out, &n), FORM_OK);
	ck_assert_str_eq(out, "++");	/* an escaped '+' stays a '+' */
	ck_assert_int_eq(form_pct_decode(a, "a%", 2, 0, &out, &n), FORM_EPCT);
	ck_assert_int_eq(form_pct_decode(a, "%%41", 4, 0, &out, &n),
	    FORM_EPCT);
	/* each UTF-8 fault, arriving percent-encoded */
	ck_assert_int_eq(form_pct_decode(a, "%ed%a0%80", 9, 1, &out, &n),
	    FORM_EUTF8);	/* surrogate */
	ck_assert_int_eq(form_pct_decode(a, "x%80", 4, 1, &out, &n),
	    FORM_EUTF8);	/* lone continuation */
	ck_assert_int_eq(form_pct_decode(a, "%e2%82", 6, 1, &out, &n),
	    FORM_EUTF8);	/* truncated */
	ck_assert_int_eq(form_pct_decode(a, "%f4%90%80%80", 12, 1, &out, &n),
	    FORM_EUTF8);	/* past U+10FFFF */
	/* raw bytes that are not UTF-8 are refused as well */
	ck_assert_int_eq(form_pct_decode(a, "\xc0\xaf", 2, 1, &out, &n),
	    FORM_EUTF8);
}
END_TEST

START_TEST(urlencoded_more)
{
	kv_list l = {0};
	const char *s = "&&a=1&&b=2&&";
	ck_assert_int_eq(form_parse_urlencoded(a, s, strlen(s), &l), FORM_OK);
	ck_assert_int_eq(l.n, 2);
	ck_assert_str_eq(l.items[0].name, "a");
	ck_assert_str_eq(l.items[0].value, "1");
	ck_assert_int_eq(l.items[0].len, 1);
	ck_assert_str_eq(l.items[1].name, "b");
	ck_assert_str_eq(l.items[1].value, "2");
	kv_list d = {0};
	s = "c=3&c=1&c=2&n%20m=v+w&a+b";
	ck_assert_int_eq(form_parse_urlencoded(a, s, strlen(s), &d), FORM_OK);
	ck_assert_int_eq(d.n, 5);
	ck_assert_int_eq(kv_count(&d, "c"), 3);
	ck_assert_str_eq(d.items[0].value, "3");
	ck_assert_str_eq(d.items[1].value, "1");
	ck_assert_str_eq(d.items[2].value, "2");
	ck_assert_str_eq(kv_get(&d, "n m"), "v w");
	ck_assert_str_eq(kv_get(&d, "a b"), "");
	kv_list e = {0};
	ck_assert_int_eq(form_parse_urlencoded(a, "a=1&=x", 6, &e),
	    FORM_ENAME);
	ck_assert_int_eq(form_parse_urlencoded(a, "=", 1, &e), FORM_ENAME);
	ck_assert_int_eq(form_parse_urlencoded(a, "a=%4", 4, &e), FORM_EPCT);
	ck_assert_int_eq(form_parse_urlencoded(a, "a=%", 3, &e), FORM_EPCT);
	ck_assert_int_eq(form_parse_urlencoded(a, "a=%ed%a0%80", 11, &e),
	    FORM_EUTF8);
}
END_TEST

START_TEST(cookies_more)
{
	kv_list l = {0};
	ck_assert_int_eq(form_parse_cookies(a, "a=1;b=2;  c=\"x y\";d=\"\"",
	    &l), FORM_OK);
	ck_assert_int_eq(l.n, 4);
	ck_assert_str_eq(l.items[0].name, "a");
	ck_assert_str_eq(l.items[0].value, "1");
	ck_assert_str_eq(l.items[1].name, "b");
	ck_assert_str_eq(kv_get(&l, "c"), "x y");
	ck_assert_int_eq(l.items[2].len, 3);
	ck_assert_str_eq(kv_get(&l, "d"), "");
	ck_assert_int_eq(l.items[3].len, 0);
	/* a lone quote is not a quoted value */
	kv_list q = {0};
	ck_assert_int_eq(form_parse_cookies(a, "q=\"", &q), FORM_OK);
	ck_assert_str_eq(kv_get(&q, "q"), "\"");
	/* duplicates kept in order: the browser sends the most specific
	 * path first */
	kv_list d = {0};
	ck_assert_int_eq(form_parse_cookies(a, "s=1; s=2", &d), FORM_OK);
	ck_assert_int_eq(kv_count(&d, "s"), 2);
	ck_assert_str_eq(kv_get(&d, "s"), "1");
	/* the limit counts real pairs, not stray separators */
	char big[FORM_MAX_COOKIES * 8 + 32] = "";
	for (int i = 0; i < FORM_MAX_COOKIES; i++)
		strcat(big, "k=v; ; ");
	kv_list m = {0};
	ck_assert_int_eq(form_parse_cookies(a, big, &m), FORM_OK);
	ck_assert_int_eq(m.n, FORM_MAX_COOKIES);
	strcat(big, "k=v");
	kv_list t = {0};
	ck_assert_int_eq(form_parse_cookies(a, big, &t), FORM_ETOOMANY);
	kv_list u = {0};
	ck_assert_int_eq(form_parse_cookies(a, "\xed\xa0\x80=1", &u),
	    FORM_EUTF8);
}
END_TEST

START_TEST(header_params_more)
{
	ck_assert_str_eq(form_header_param(a,
	    "multipart/form-data;boundary=----WebKitFormBoundary7MA4",
	    "boundary"), "----WebKitFormBoundary7MA4");
	ck_assert_str_eq(form_header_param(a,
	    "form-data; name = \"a;b\" ; filename=\"c\\\\d\"", "name"),
	    "a;b");
	ck_assert_str_eq(form_header_param(a,
	    "form-data; name = \"a;b\" ; filename=\"c\\\\d\"", "filename"),
	    "c\\d");
	/* a quoted value holding what looks like the wanted parameter */
	ck_assert_str_eq(form_header_param(a,
	    "form-data; x=\"; name=evil\"; Name=good", "NAME"), "good");
	ck_assert_str_eq(form_header_param(a, "form-data; name=\"\"", "name"),
	    "");
	ck_assert_str_eq(form_header_param(a, "text/plain; q=tok en", "q"),
	    "tok");
}
END_TEST

START_TEST(messages)
{
	ck_assert_str_eq(form_strerror(FORM_EPCT), "malformed percent-encoding");
	ck_assert_str_eq(form_strerror(FORM_EUTF8), "text is not valid UTF-8");
	ck_assert_str_eq(form_strerror(FORM_ETOOMANY), "too many fields");
	ck_assert_str_eq(form_strerror(FORM_ENAME), "a field has no name");
	ck_assert_str_eq(form_url_escape(a, "/a b?c=\xc3\xa9&d~"),
	    "/a%20b%3Fc%3D%C3%A9%26d~");
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
	tcase_add_test(tc, pct_decode_more);
	tcase_add_test(tc, urlencoded_more);
	tcase_add_test(tc, cookies_more);
	tcase_add_test(tc, header_params_more);
	tcase_add_test(tc, messages);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
