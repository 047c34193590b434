/* test_csv.c: RFC 4180 quoting, CRLF rows, the formula guard, the cap. */
#include <string.h>

#include "base/csv.h"
#include "unit.h"

/* one: the row holding the single cell s, as written */
static const char *
one(buf *b, const char *s)
{
	csv w;
	buf_truncate(b, 0);
	csv_init(&w, b);
	ck_assert_int_eq(csv_cell(&w, s), 0);
	ck_assert_int_eq(csv_row(&w), 0);
	return buf_str(b);
}

START_TEST(quoting)
{
	buf b = BUF_INIT(4096);
	ck_assert_str_eq(one(&b, "plain"), "plain\r\n");
	ck_assert_str_eq(one(&b, ""), "\r\n");
	ck_assert_str_eq(one(&b, NULL), "\r\n");
	ck_assert_str_eq(one(&b, "a,b"), "\"a,b\"\r\n");
	ck_assert_str_eq(one(&b, "say \"hi\""), "\"say \"\"hi\"\"\"\r\n");
	ck_assert_str_eq(one(&b, "two\nlines"), "\"two\nlines\"\r\n");
	ck_assert_str_eq(one(&b, "cr\rhere"), "\"cr\rhere\"\r\n");
	ck_assert_str_eq(one(&b, "Rent, \"May\""),
	    "\"Rent, \"\"May\"\"\"\r\n");
	ck_assert_str_eq(one(&b, "naïve €"), "naïve €\r\n");
	buf_free(&b);
}
END_TEST

START_TEST(formula_guard)
{
	buf b = BUF_INIT(4096);
	ck_assert_str_eq(one(&b, "=1+2"), "'=1+2\r\n");
	ck_assert_str_eq(one(&b, "+cmd"), "'+cmd\r\n");
	ck_assert_str_eq(one(&b, "-2+3"), "'-2+3\r\n");
	ck_assert_str_eq(one(&b, "@SUM(A1)"), "'@SUM(A1)\r\n");
	ck_assert_str_eq(one(&b, "\tx"), "'\tx\r\n");
	ck_assert_str_eq(one(&b, "=HYPERLINK(\"http://x\",\"y\")"),
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
	ck_assert_str_eq(one(&b, "\rx"), "\"'\rx\"\r\n");
	/* a leading line feed or tab hides a formula from a glance */
	ck_assert_str_eq(one(&b, "\n=1+2"), "\"'\n=1+2\"\r\n");
	ck_assert_str_eq(one(&b, "\t=1+2"), "'\t=1+2\r\n");
	/* numbers stay numbers */
	ck_assert_str_eq(one(&b, "-250.00"), "-250.00\r\n");
	ck_assert_str_eq(one(&b, "+7"), "+7\r\n");
	ck_assert_str_eq(one(&b, "-3"), "-3\r\n");
	/* not numbers */
	ck_assert_str_eq(one(&b, "-"), "'-\r\n");
	ck_assert_str_eq(one(&b, "-1."), "'-1.\r\n");
	ck_assert_str_eq(one(&b, "-.5"), "'-.5\r\n");
	ck_assert_str_eq(one(&b, "-1e5"), "'-1e5\r\n");
	/* only the first character matters */
	ck_assert_str_eq(one(&b, "a=b"), "a=b\r\n");
	buf_free(&b);
}
END_TEST

START_TEST(rows)
{
	buf b = BUF_INIT(4096);
	csv w;
	csv_init(&w, &b);
	static const char *const head[] = { "code", "name", "debit" };
	ck_assert_int_eq(csv_cells(&w, head, 3), 0);
	csv_cell(&w, "1200");
	csv_cell(&w, "Bank, main");
	csv_int(&w, -9223372036854775807LL - 1);
	ck_assert_int_eq(csv_row(&w), 0);
	ck_assert_str_eq(buf_str(&b), "code,name,debit\r\n1200,\"Bank, "
	    "main\",-9223372036854775808\r\n");
	buf_free(&b);
}
END_TEST

START_TEST(cap)
{
	buf b = BUF_INIT(12);
	csv w;
	csv_init(&w, &b);
	ck_assert_int_eq(csv_cell(&w, "abc"), 0);
	ck_assert_int_eq(csv_cell(&w, "defghijklmnop"), -1);
	/* the refused cell left nothing behind; everything after fails */
	ck_assert_str_eq(buf_str(&b), "abc");
	ck_assert_int_eq(csv_cell(&w, "x"), -1);
	ck_assert_int_eq(csv_row(&w), -1);
	ck_assert_int_eq(w.failed, 1);
	buf_free(&b);
}
END_TEST

static Suite *
csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("csv");
	tcase_add_test(tc, quoting);
	tcase_add_test(tc, formula_guard);
	tcase_add_test(tc, rows);
	tcase_add_test(tc, cap);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(csv_suite)
