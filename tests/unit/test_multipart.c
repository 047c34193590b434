/* test_multipart.c: multipart/form-data, good and malformed. */
#include <string.h>

#include "web/multipart.h"
#include "unit.h"

static arena *a;
static void setup(void) { a = arena_new(1024); }
static void teardown(void) { arena_free(a); }

static const char CT[] = "multipart/form-data; boundary=XyZ";

static int
parse(const char *ct, const char *body, size_t n, kv_list *f, mp_files *u)
{
	memset(f, 0, sizeof(*f));
	memset(u, 0, sizeof(*u));
	return mp_parse(a, ct, body, n, f, u);
}

START_TEST(fields_and_binary_file)
{
	static const char body[] =
	    "preamble to ignore\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "Rapport annuel \xe2\x82\xac\r\n"
	    "--XyZ\r\n"
	    "content-disposition: form-data; name=\"doc\"; filename=\"a.bin\"\r\n"
	    "Content-Type: application/pdf\r\n\r\n"
	    "\x00\x01\r\n--Xy\r\n\xff\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "second\r\n"
	    "--XyZ--\r\nepilogue";
	kv_list f;
	mp_files u;
	ck_assert_int_eq(parse(CT, body, sizeof(body) - 1, &f, &u), MP_OK);
	ck_assert_int_eq(f.n, 2);
	ck_assert_str_eq(kv_get(&f, "title"), "Rapport annuel \xe2\x82\xac");
	ck_assert_str_eq(f.items[1].value, "second");
	ck_assert_int_eq(u.n, 1);
	ck_assert_str_eq(u.items[0].field, "doc");
	ck_assert_str_eq(u.items[0].filename, "a.bin");
	ck_assert_str_eq(u.items[0].content_type, "application/pdf");
	ck_assert_int_eq(u.items[0].len, 11);
	ck_assert_int_eq(memcmp(u.items[0].data, "\x00\x01\r\n--Xy\r\n\xff", 11),
	    0);
}
END_TEST

START_TEST(bare_lf_and_defaults)
{
	static const char body[] =
	    "--XyZ\n"
	    "Content-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\n\n"
	    "hello\n"
	    "--XyZ--";
	kv_list f;
	mp_files u;
	ck_assert_int_eq(parse(CT, body, sizeof(body) - 1, &f, &u), MP_OK);
	ck_assert_int_eq(u.n, 1);
	ck_assert_int_eq(u.items[0].len, 5);
	ck_assert_str_eq(u.items[0].content_type, "application/octet-stream");
}
END_TEST

START_TEST(malformed)
{
	kv_list f;
	mp_files u;
	static const char ok_part[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n\r\nv\r\n--XyZ--\r\n";
	ck_assert_int_eq(parse("multipart/form-data", ok_part,
	    sizeof(ok_part) - 1, &f, &u), MP_ENOBOUNDARY);
	ck_assert_int_eq(parse("multipart/form-data; boundary=", ok_part,
	    sizeof(ok_part) - 1, &f, &u), MP_ENOBOUNDARY);
	char longb[120] = "multipart/form-data; boundary=";
	memset(longb + strlen(longb), 'b', 71);
	ck_assert_int_eq(parse(longb, ok_part, sizeof(ok_part) - 1, &f, &u),
	    MP_ENOBOUNDARY);
	/* the boundary never appears */
	ck_assert_int_eq(parse("multipart/form-data; boundary=Other", ok_part,
	    sizeof(ok_part) - 1, &f, &u), MP_EMALFORMED);
	/* truncated: no closing delimiter, or cut inside the headers */
	ck_assert_int_eq(parse(CT, ok_part, sizeof(ok_part) - 10, &f, &u),
	    MP_ETRUNCATED);
	ck_assert_int_eq(parse(CT, ok_part, 20, &f, &u), MP_ETRUNCATED);
	ck_assert_int_eq(parse(CT, "--XyZ", 5, &f, &u), MP_ETRUNCATED);
	static const char nodisp[] = "--XyZ\r\nContent-Type: text/plain\r\n\r\n"
	    "v\r\n--XyZ--\r\n";
	ck_assert_int_eq(parse(CT, nodisp, sizeof(nodisp) - 1, &f, &u),
	    MP_EMALFORMED);
	static const char noname[] = "--XyZ\r\nContent-Disposition: form-data"
	    "\r\n\r\nv\r\n--XyZ--\r\n";
	ck_assert_int_eq(parse(CT, noname, sizeof(noname) - 1, &f, &u),
	    MP_EMALFORMED);
	static const char badutf[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n\r\n\xc3\r\n--XyZ--\r\n";
	ck_assert_int_eq(parse(CT, badutf, sizeof(badutf) - 1, &f, &u),
	    MP_EUTF8);
	static const char junk[] = "--XyZjunk\r\n";
	ck_assert_int_eq(parse(CT, junk, sizeof(junk) - 1, &f, &u),
	    MP_EMALFORMED);
}
END_TEST

START_TEST(oversized_headers_and_too_many_parts)
{
	kv_list f;
	mp_files u;
	size_t n = MP_MAX_HEADER + 200;
	char *body = arena_alloc(a, n);
	strcpy(body, "--XyZ\r\nX-Pad: ");
	memset(body + strlen(body), 'p', MP_MAX_HEADER);
	strcat(body, "\r\n\r\nv\r\n--XyZ--\r\n");
	ck_assert_int_eq(parse(CT, body, strlen(body), &f, &u), MP_EMALFORMED);
	static const char part[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n\r\nv\r\n";
	size_t pl = sizeof(part) - 1;
	char *many = arena_alloc(a, pl * (MP_MAX_PARTS + 1) + 16);
	for (size_t i = 0; i <= MP_MAX_PARTS; i++)
		memcpy(many + i * pl, part, pl);
	strcpy(many + pl * (MP_MAX_PARTS + 1), "--XyZ--\r\n");
	ck_assert_int_eq(parse(CT, many, strlen(many), &f, &u), MP_ETOOMANY);
	strcpy(many + pl * MP_MAX_PARTS, "--XyZ--\r\n");
	ck_assert_int_eq(parse(CT, many, strlen(many), &f, &u), MP_OK);
	ck_assert_int_eq(f.n, MP_MAX_PARTS);
	ck_assert_str_eq(mp_strerror(MP_ETRUNCATED),
	    "multipart body is truncated");
}
END_TEST

START_TEST(empty_and_edge_parts)
{
	/* an empty field whose delimiter follows the blank line at once, an
	 * empty field written the usual way, an empty file, padding after a
	 * delimiter, a quoted boundary */
	static const char body[] =
	    "--a'b c\r\n"
	    "Content-Disposition: form-data; name=\"e1\"\r\n\r\n"
	    "--a'b c \t\r\n"
	    "Content-Disposition: form-data; name=\"e2\"\r\n\r\n\r\n"
	    "--a'b c\r\n"
	    "Content-Disposition: form-data; name=\"up\"; filename=\"\"\r\n"
	    "Content-Type: text/plain\r\n\r\n\r\n"
	    "--a'b c--";
	kv_list f;
	mp_files u;
	ck_assert_int_eq(parse("multipart/form-data; boundary=\"a'b c\"", body,
	    sizeof(body) - 1, &f, &u), MP_OK);
	ck_assert_int_eq(f.n, 2);
	ck_assert_str_eq(f.items[0].name, "e1");
	ck_assert_str_eq(f.items[0].value, "");
	ck_assert_int_eq(f.items[0].len, 0);
	ck_assert_str_eq(f.items[1].name, "e2");
	ck_assert_int_eq(f.items[1].len, 0);
	ck_assert_int_eq(u.n, 1);
	ck_assert_str_eq(u.items[0].filename, "");
	ck_assert_str_eq(u.items[0].content_type, "text/plain");
	ck_assert_int_eq(u.items[0].len, 0);
}
END_TEST

START_TEST(binary_round_trip)
{
	/* every byte value, twice, and line breaks that nearly make a
	 * delimiter; the body is not NUL-terminated */
	char data[600];
	for (size_t i = 0; i < 512; i++)
		data[i] = (char)(i & 0xff);
	memcpy(data + 512, "\r\n-XyZ\n--Xy\r\r\na--XyZ\0\r\n", 23);
	size_t dlen = 535;
	static const char head[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"bin\"; filename=\"\xe6\x97\xa5.dat\"\r\n\r\n";
	static const char tail[] = "\r\n--XyZ--\r\n";
	size_t n = sizeof(head) - 1 + dlen + sizeof(tail) - 1;
	char *body = arena_alloc(a, n);
	memcpy(body, head, sizeof(head) - 1);
	memcpy(body + sizeof(head) - 1, data, dlen);
	memcpy(body + sizeof(head) - 1 + dlen, tail, sizeof(tail) - 1);
	kv_list f;
	mp_files u;
	ck_assert_int_eq(parse(CT, body, n, &f, &u), MP_OK);
	ck_assert_int_eq(f.n, 0);
	ck_assert_int_eq(u.n, 1);
	ck_assert_str_eq(u.items[0].filename, "\xe6\x97\xa5.dat");
	ck_assert_int_eq(u.items[0].len, dlen);
	ck_assert_int_eq(memcmp(u.items[0].data, data, dlen), 0);
	/* not copied: a pointer into the body */
	ck_assert_ptr_eq(u.items[0].data, body + sizeof(head) - 1);
}
END_TEST

START_TEST(malformed_more)
{
	kv_list f;
	mp_files u;
	static const char ok[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n\r\nv\r\n--XyZ--";
	ck_assert_int_eq(parse(CT, ok, sizeof(ok) - 1, &f, &u), MP_OK);
	ck_assert_str_eq(kv_get(&f, "a"), "v");
	/* every cut from the first delimiter on, short of the close
	 * delimiter, is truncated (shorter ones have no delimiter at all) */
	for (size_t cut = 5; cut < sizeof(ok) - 1; cut++)
		ck_assert_msg(parse(CT, ok, cut, &f, &u) == MP_ETRUNCATED,
		    "cut at %zu", cut);
	/* the boundary is a whole line, not a prefix of one */
	ck_assert_int_eq(parse("multipart/form-data; boundary=XyZ", "--XyZZ\r\n",
	    8, &f, &u), MP_EMALFORMED);
	/* a delimiter must start a line */
	static const char midline[] = "x--XyZ\r\n";
	ck_assert_int_eq(parse(CT, midline, sizeof(midline) - 1, &f, &u),
	    MP_EMALFORMED);
	static const char attach[] = "--XyZ\r\nContent-Disposition: attachment; "
	    "name=\"a\"\r\n\r\nv\r\n--XyZ--";
	ck_assert_int_eq(parse(CT, attach, sizeof(attach) - 1, &f, &u),
	    MP_EMALFORMED);
	static const char nocolon[] = "--XyZ\r\nContent-Disposition form-data; "
	    "name=\"a\"\r\n\r\nv\r\n--XyZ--";
	ck_assert_int_eq(parse(CT, nocolon, sizeof(nocolon) - 1, &f, &u),
	    MP_EMALFORMED);
	static const char badname[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"; filename=\"\xc0\xaf\"\r\n\r\nv\r\n--XyZ--";
	ck_assert_int_eq(parse(CT, badname, sizeof(badname) - 1, &f, &u),
	    MP_EUTF8);
	static const char nul[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n\r\nx\0y\r\n--XyZ--";
	ck_assert_int_eq(parse(CT, nul, sizeof(nul) - 1, &f, &u), MP_EUTF8);
	ck_assert_str_eq(mp_strerror(MP_ENOBOUNDARY),
	    "multipart body has no boundary");
	ck_assert_str_eq(mp_strerror(MP_EMALFORMED),
	    "multipart body is malformed");
	ck_assert_str_eq(mp_strerror(MP_EUTF8),
	    "a multipart field is not valid UTF-8");
	ck_assert_str_eq(mp_strerror(MP_ETOOMANY), "too many multipart parts");
}
END_TEST

START_TEST(bare_lf_throughout)
{
	static const char body[] =
	    "ignored\n--XyZ\n"
	    "Content-Disposition: form-data; name=\"t\"\n\n"
	    "line one\nline two\n"
	    "--XyZ\n"
	    "Content-Disposition: form-data; name=\"t\"\n\n"
	    "\n"
	    "--XyZ--\n";
	kv_list f;
	mp_files u;
	ck_assert_int_eq(parse(CT, body, sizeof(body) - 1, &f, &u), MP_OK);
	ck_assert_int_eq(f.n, 2);
	ck_assert_str_eq(f.items[0].value, "line one\nline two");
	ck_assert_int_eq(f.items[0].len, 17);
	ck_assert_str_eq(f.items[1].value, "");
	ck_assert_int_eq(u.n, 0);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("multipart");
	TCase *tc = tcase_create("multipart");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, fields_and_binary_file);
	tcase_add_test(tc, bare_lf_and_defaults);
	tcase_add_test(tc, malformed);
	tcase_add_test(tc, oversized_headers_and_too_many_parts);
	tcase_add_test(tc, empty_and_edge_parts);
	tcase_add_test(tc, binary_round_trip);
	tcase_add_test(tc, malformed_more);
	tcase_add_test(tc, bare_lf_throughout);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
