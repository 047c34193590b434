/* test_books_setup.c: the text rules of the books' set-up: percentages in
 * exact parts per million, exchange rates, dates and yes/no fields. */
#include <stdint.h>
#include <string.h>

#include "books/books_setup.h"
#include "base/money.h"
#include "unit.h"
#include "web/field.h"

START_TEST(percent_to_ppm_exactly)
{
	static const struct {
		const char *text;
		int64_t ppm;
		const char *back;	/* as money_ppm_text prints it */
	} ok[] = {
		{ "2.5", 25000, "2.5" }, { "18", 180000, "18" },
		{ "0.125", 1250, "0.125" }, { "9", 90000, "9" },
		{ "0", 0, "0" }, { "0.0001", 1, "0.0001" },
		{ "1000", 10000000, "1000" }, { "5.50", 55000, "5.5" },
		{ "33.3333", 333333, "33.3333" }, { "007", 70000, "7" },
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		int64_t ppm = -1;
		ck_assert_msg(money_percent_ppm(ok[i].text, &ppm) == 0, "%s",
		    ok[i].text);
		ck_assert_msg(ppm == ok[i].ppm, "%s: %lld", ok[i].text,
		    (long long)ppm);
		buf b = BUF_INIT(64);
		ck_assert_int_eq(money_ppm_text(&b, ppm), 0);
		ck_assert_str_eq(buf_str(&b), ok[i].back);
		buf_free(&b);
	}
}
END_TEST

START_TEST(percent_refused)
{
	static const char *const bad[] = { "abc", "-1", "+5", "1000.5",
	    "1000.0001", "2.12345", "", " 5", "5 ", "1,5", "1e2", ".5", "5.",
	    "nan", "99999999999999999999", NULL };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int64_t ppm = 42;
		ck_assert_msg(money_percent_ppm(bad[i], &ppm) == -1, "%s",
		    bad[i] ? bad[i] : "NULL");
		ck_assert(ppm == 42);
	}
}
END_TEST

/* judged: pred says want of each of texts[0..n) */
static void
judged(int (*pred)(const char *), const char *const *texts, size_t n,
    int want)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(!!pred(texts[i]) == want, "%s", texts[i] ?
		    texts[i] : "NULL");
}

START_TEST(exchange_rate_text)
{
	static const char *const ok[] = { "83.1234", "1", "0.0000000001",
	    "12345678901234", "12345678901234.0000000001", "0.5" };
	static const char *const bad[] = { "0", "0.0", "00.000", "-1", "+1",
	    "1.12345678901", "123456789012345", "1e5", ".5", "5.", "abc", "",
	    " 1", "1,5", NULL };
	judged(books_rate_ok, ok, sizeof ok / sizeof *ok, 1);
	judged(books_rate_ok, bad, sizeof bad / sizeof *bad, 0);
}
END_TEST

START_TEST(dates)
{
	static const char *const ok[] = { "2024-02-29", "2000-02-29",
	    "2023-12-31", "1900-01-01", "9999-12-31" };
	static const char *const bad[] = { "2023-02-29", "1900-02-29",
	    "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "24-01-01",
	    "2024-1-01", "2024-01-01x", "1899-12-31", "yesterday", "", NULL };
	judged(field_date_ok, ok, sizeof ok / sizeof *ok, 1);
	judged(field_date_ok, bad, sizeof bad / sizeof *bad, 0);
}
END_TEST

START_TEST(flags)
{
	int v = 7;
	ck_assert_int_eq(field_flag(NULL, &v), 0);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(field_flag("true", &v), 0);
	ck_assert_int_eq(v, 1);
	ck_assert_int_eq(field_flag("on", &v), 0);
	ck_assert_int_eq(v, 1);
	ck_assert_int_eq(field_flag("", &v), 0);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(field_flag("false", &v), 0);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(field_flag("maybe", &v), -1);
	ck_assert_int_eq(field_flag("TRUE", &v), -1);
	ck_assert_int_eq(field_flag("2", &v), -1);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("books_setup");
	TCase *tc = tcase_create("books_setup");
	tcase_add_test(tc, percent_to_ppm_exactly);
	tcase_add_test(tc, percent_refused);
	tcase_add_test(tc, exchange_rate_text);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, flags);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
