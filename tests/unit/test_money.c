/* test_money.c: amounts typed in and printed out, and exact rounding. */
#include <stdint.h>
#include <string.h>

#include "base/money.h"
#include "unit.h"

#define UNTOUCHED 0x5a5a5a5a5a5aLL	/* *out before a refused parse */

/* Text that prints back exactly as typed: parse, compare, format. */
static const struct {
	const char *text;
	int digits;
	int64_t minor;
} round_trips[] = {
	/* JPY, 0 digits */
	{ "0", 0, 0 },
	{ "1200", 0, 1200 },
	{ "-7", 0, -7 },
	{ "9223372036854775807", 0, INT64_MAX },
	{ "-9223372036854775808", 0, INT64_MIN },
	/* INR, EUR: 2 digits */
	{ "0.00", 2, 0 },
	{ "1234.50", 2, 123450 },
	{ "-0.05", 2, -5 },
	{ "0.01", 2, 1 },
	{ "-1.00", 2, -100 },
	{ "92233720368547758.07", 2, INT64_MAX },
	{ "-92233720368547758.08", 2, INT64_MIN },
	/* KWD, BHD, OMR: 3 digits */
	{ "0.000", 3, 0 },
	{ "1.234", 3, 1234 },
	{ "-0.001", 3, -1 },
	{ "12.345", 3, 12345 },
	{ "9223372036854775.807", 3, INT64_MAX },
	{ "-9223372036854775.808", 3, INT64_MIN },
	/* 4 digits (CLF, UYW) */
	{ "1.2345", 4, 12345 },
	{ "922337203685477.5807", 4, INT64_MAX },
	{ "-922337203685477.5808", 4, INT64_MIN },
};

START_TEST(parse_format_round_trip)
{
	for (size_t i = 0; i < sizeof round_trips / sizeof *round_trips; i++) {
		int64_t v = UNTOUCHED;
		ck_assert_msg(money_parse(round_trips[i].text,
		    round_trips[i].digits, &v) == 0, "%s", round_trips[i].text);
		ck_assert_msg(v == round_trips[i].minor, "%s: %lld",
		    round_trips[i].text, (long long)v);
		buf b = BUF_INIT(64);
		ck_assert_int_eq(money_format(&b, v, round_trips[i].digits), 0);
		ck_assert_str_eq(buf_str(&b), round_trips[i].text);
		buf_free(&b);
	}
}
END_TEST

/* Text a person may type that is not how it prints: the minor units, and
 * the form it prints in. */
static const struct {
	const char *text;
	int digits;
	int64_t minor;
	const char *printed;
} normalised[] = {
	{ "12.5", 2, 1250, "12.50" },		/* padded: 12.50 */
	{ "12", 2, 1200, "12.00" },
	{ "+3", 2, 300, "3.00" },
	{ "-0", 2, 0, "0.00" },			/* no negative zero */
	{ "-0.00", 2, 0, "0.00" },
	{ "007.1", 3, 7100, "7.100" },		/* leading zeros are fine */
	{ "5", 3, 5000, "5.000" },
	{ "0.5", 3, 500, "0.500" },
	{ "1.2", 4, 12000, "1.2000" },
	{ "+1200", 0, 1200, "1200" },
	{ "000000000000000000000000042", 0, 42, "42" },
};

START_TEST(parse_normalises)
{
	for (size_t i = 0; i < sizeof normalised / sizeof *normalised; i++) {
		int64_t v = UNTOUCHED;
		ck_assert_msg(money_parse(normalised[i].text,
		    normalised[i].digits, &v) == 0, "%s", normalised[i].text);
		ck_assert_msg(v == normalised[i].minor, "%s: %lld",
		    normalised[i].text, (long long)v);
		buf b = BUF_INIT(64);
		ck_assert_int_eq(money_format(&b, v, normalised[i].digits), 0);
		ck_assert_str_eq(buf_str(&b), normalised[i].printed);
		buf_free(&b);
	}
}
END_TEST

static const struct {
	const char *text;
	int digits;
} refused[] = {
	{ "", 2 },			/* empty */
	{ "-", 2 },			/* only a sign */
	{ "+", 2 },
	{ "-", 0 },
	{ "1.234", 2 },			/* more fraction than INR has */
	{ "1.230", 2 },			/* even trailing zeros */
	{ "0.001", 2 },
	{ "1.2345", 3 },
	{ "1.00000", 4 },
	{ "5.5", 0 },			/* JPY has no fraction */
	{ "5.0", 0 },
	{ "5.", 0 },			/* nor a bare '.' */
	{ "5.", 2 },
	{ ".5", 2 },			/* an integer part is required */
	{ "-.5", 2 },
	{ ".", 2 },
	{ " 1", 2 },			/* no spaces anywhere */
	{ "1 ", 2 },
	{ "- 1", 2 },
	{ "1 000", 0 },
	{ "1,000", 0 },			/* no grouping */
	{ "1,50", 2 },			/* nor a decimal comma */
	{ "1_000", 0 },
	{ "1e3", 0 },			/* no exponents */
	{ "1E3", 2 },
	{ "nan", 2 },
	{ "NaN", 2 },
	{ "inf", 2 },
	{ "-inf", 2 },
	{ "0x10", 0 },			/* no hex */
	{ "--1", 2 },
	{ "+-1", 2 },
	{ "-+1", 2 },
	{ "1-", 2 },
	{ "1.2.3", 3 },
	{ "1..2", 3 },
	{ "\xd9\xa1", 0 },		/* U+0661, an Arabic-Indic one */
	{ "\xef\xbc\x91", 0 },		/* U+FF11, a fullwidth one */
	{ "12\n", 2 },
	{ "$5", 2 },
	/* past int64_t: 2^63 minor units, and more */
	{ "9223372036854775808", 0 },
	{ "-9223372036854775809", 0 },
	{ "92233720368547758.08", 2 },
	{ "-92233720368547758.09", 2 },
	{ "92233720368547759", 2 },	/* the integer part alone fits */
	{ "9223372036854775.808", 3 },
	{ "922337203685477.5808", 4 },
	{ "18446744073709551616", 0 },	/* 2^64: no wrap-around */
	{ "99999999999999999999999999", 0 },
};

START_TEST(parse_refuses)
{
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		int64_t v = UNTOUCHED;
		ck_assert_msg(money_parse(refused[i].text, refused[i].digits,
		    &v) == -1, "accepted \"%s\" (%d digits)", refused[i].text,
		    refused[i].digits);
		ck_assert_msg(v == UNTOUCHED, "%s", refused[i].text);
	}
	/* digits outside 0..4 */
	int64_t v = UNTOUCHED;
	ck_assert_int_eq(money_parse("1", -1, &v), -1);
	ck_assert_int_eq(money_parse("1", 5, &v), -1);
	ck_assert_int_eq(money_parse("1.00000", 5, &v), -1);
	ck_assert_int_eq(money_parse(NULL, 2, &v), -1);
	ck_assert(v == UNTOUCHED);
	ck_assert_int_eq(money_parse("1", 2, NULL), -1);
}
END_TEST

START_TEST(format_limits)
{
	static const struct {
		int64_t minor;
		int digits;
		const char *text;
	} rows[] = {
		{ INT64_MIN, 0, "-9223372036854775808" },
		{ INT64_MIN, 1, "-922337203685477580.8" },
		{ INT64_MIN, 2, "-92233720368547758.08" },
		{ INT64_MIN, 3, "-9223372036854775.808" },
		{ INT64_MIN, 4, "-922337203685477.5808" },
		{ INT64_MAX, 2, "92233720368547758.07" },
		{ INT64_MIN + 1, 2, "-92233720368547758.07" },
		{ -1, 0, "-1" },
		{ -1, 4, "-0.0001" },
		{ 5, 2, "0.05" },
		{ -50, 3, "-0.050" },
		{ 120000, 0, "120000" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		buf b = BUF_INIT(64);
		ck_assert_int_eq(money_format(&b, rows[i].minor,
		    rows[i].digits), 0);
		ck_assert_str_eq(buf_str(&b), rows[i].text);
		buf_free(&b);
	}

	/* it appends; a refusal leaves the buffer as it was */
	buf b = BUF_INIT(64);
	buf_puts(&b, "total=");
	ck_assert_int_eq(money_format(&b, 123450, 2), 0);
	ck_assert_str_eq(buf_str(&b), "total=1234.50");
	ck_assert_int_eq(money_format(&b, 1, 5), -1);
	ck_assert_int_eq(money_format(&b, 1, -1), -1);
	ck_assert_str_eq(buf_str(&b), "total=1234.50");
	buf_free(&b);

	buf small = BUF_INIT(8);
	ck_assert_int_eq(money_format(&small, 123450, 2), 0);	/* 7 bytes */
	ck_assert_int_eq(money_format(&small, 5, 2), -1);	/* past 8 */
	ck_assert_str_eq(buf_str(&small), "1234.50");
	buf_free(&small);
}
END_TEST

START_TEST(mul_div_rounds_half_away)
{
	static const struct {
		int64_t a, b, den, want;
	} rows[] = {
		{ 5, 1, 2, 3 },		/* 2.5 -> 3 */
		{ -5, 1, 2, -3 },	/* -2.5 -> -3 */
		{ 5, -1, 2, -3 },
		{ 3, 1, 2, 2 },		/* 1.5 -> 2 */
		{ 7, 1, 2, 4 },		/* 3.5 -> 4 */
		{ 1, 1, 3, 0 },		/* 0.333 -> 0 */
		{ 2, 1, 3, 1 },		/* 0.667 -> 1 */
		{ -2, 1, 3, -1 },
		{ -1, 1, 3, 0 },	/* -0.333 -> 0, not -0 */
		{ 0, 90000, 1000000, 0 },
		/* 0.05 at 10%: 5 * 100000 / 10^6 = 0.5 -> 0.01 */
		{ 5, 100000, 1000000, 1 },
		{ -5, 100000, 1000000, -1 },
		/* 100.00 at 9% of 118% gross: 762.71 -> 763 */
		{ 10000, 90000, 1180000, 763 },
		/* the product passes 2^63 but the result does not */
		{ INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX },
		{ INT64_MIN, INT64_MAX, INT64_MAX, INT64_MIN },
		{ INT64_MAX, 10000000, 10000000, INT64_MAX },
		{ INT64_MIN, 1, 1, INT64_MIN },
		{ INT64_MAX, 2, 2, INT64_MAX },
		/* -(2^64 - 1) / 2 = -2^63 + 0.5, rounded away: INT64_MIN */
		{ -6148914691236517205LL, 3, 2, INT64_MIN },
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		int64_t v = UNTOUCHED;
		ck_assert_msg(money_mul_div(rows[i].a, rows[i].b, rows[i].den,
		    &v) == 0, "row %zu", i);
		ck_assert_msg(v == rows[i].want, "row %zu: %lld", i,
		    (long long)v);
	}
}
END_TEST

START_TEST(mul_div_refuses)
{
	static const struct {
		int64_t a, b, den;
	} rows[] = {
		{ 1, 1, 0 },			/* den must be > 0 */
		{ 1, 1, -1 },
		{ 1, 1, INT64_MIN },
		{ INT64_MIN, -1, 1 },		/* 2^63 */
		{ INT64_MAX, 3, 2 },
		{ INT64_MAX, INT64_MAX, 1 },
		{ INT64_MIN, INT64_MIN, INT64_MAX },	/* 2^63 + 1 */
		/* (2^64 - 1) / 2 = 2^63 - 0.5, rounded away: 2^63 */
		{ 6148914691236517205LL, 3, 2 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		int64_t v = UNTOUCHED;
		ck_assert_msg(money_mul_div(rows[i].a, rows[i].b, rows[i].den,
		    &v) == -1, "row %zu", i);
		ck_assert(v == UNTOUCHED);
	}
}
END_TEST

START_TEST(format_grouped)
{
	static const struct {
		int64_t minor;
		int digits;
		enum money_style style;
		const char *text;
	} rows[] = {
		{ 2562305344, 2, MONEY_INDIAN, "2,56,23,053.44" },
		{ 123456789, 2, MONEY_WESTERN, "1,234,567.89" },
		{ 123456789, 2, MONEY_CONTINENTAL, "1.234.567,89" },
		{ 123456789, 2, MONEY_PLAIN, "1234567.89" },
		{ -2562305344, 2, MONEY_INDIAN, "-2,56,23,053.44" },
		{ -123456789, 2, MONEY_WESTERN, "-1,234,567.89" },
		{ 0, 2, MONEY_INDIAN, "0.00" },
		{ 0, 0, MONEY_WESTERN, "0" },
		{ -5, 2, MONEY_WESTERN, "-0.05" },
		{ 99999, 2, MONEY_INDIAN, "999.99" },
		{ 100000, 2, MONEY_INDIAN, "1,000.00" },
		{ 10000000, 2, MONEY_INDIAN, "1,00,000.00" },
		{ 1234567, 0, MONEY_WESTERN, "1,234,567" },	/* JPY */
		{ 1234567, 0, MONEY_INDIAN, "12,34,567" },
		{ 1234567, 3, MONEY_WESTERN, "1,234.567" },	/* KWD */
		{ 1234567, 3, MONEY_CONTINENTAL, "1.234,567" },
		{ 100, 0, MONEY_WESTERN, "100" },
		{ 1000, 0, MONEY_WESTERN, "1,000" },
		{ INT64_MAX, 2, MONEY_WESTERN, "92,233,720,368,547,758.07" },
		{ INT64_MIN, 2, MONEY_INDIAN, "-92,23,37,20,36,85,47,758.08" },
		{ INT64_MIN, 0, MONEY_WESTERN, "-9,223,372,036,854,775,808" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		buf b = BUF_INIT(64);
		ck_assert_int_eq(money_format_grouped(&b, rows[i].minor,
		    rows[i].digits, rows[i].style), 0);
		ck_assert_str_eq(buf_str(&b), rows[i].text);
		/* what a page shows, typed back in the same style */
		int64_t back = 0;
		ck_assert_int_eq(money_parse_typed(rows[i].text,
		    rows[i].digits, rows[i].style, &back), 0);
		ck_assert(back == rows[i].minor);
		buf_free(&b);
	}
	buf b = BUF_INIT(64);
	ck_assert_int_eq(money_format_grouped(&b, 1, 5, MONEY_WESTERN), -1);
	ck_assert_str_eq(buf_str(&b), "");
	buf_free(&b);
}
END_TEST

START_TEST(parse_typed)
{
	static const struct {
		const char *text;
		int digits;
		enum money_style style;
		int rc;
		int64_t minor;
	} rows[] = {
		{ "2,56,230.50", 2, MONEY_INDIAN, 0, 25623050 },
		{ "256,230.50", 2, MONEY_INDIAN, 0, 25623050 },
		{ "256230.50", 2, MONEY_INDIAN, 0, 25623050 },
		{ "1,234,567.89", 2, MONEY_WESTERN, 0, 123456789 },
		{ "-1,234.5", 2, MONEY_WESTERN, 0, -123450 },
		{ "1.234,56", 2, MONEY_CONTINENTAL, 0, 123456 },
		{ "1234,56", 2, MONEY_CONTINENTAL, 0, 123456 },
		{ "12,5", 2, MONEY_CONTINENTAL, 0, 1250 },
		{ "12.50", 2, MONEY_CONTINENTAL, 0, 1250 },
		{ "1.234", 2, MONEY_CONTINENTAL, 0, 123400 },
		{ "1.234.567", 0, MONEY_CONTINENTAL, 0, 1234567 },
		{ "1,234", 0, MONEY_WESTERN, 0, 1234 },
		{ "1,234.567", 3, MONEY_WESTERN, 0, 1234567 },
		{ "0", 2, MONEY_WESTERN, 0, 0 },
		/* both marks: the last one is the decimal mark, in any style */
		{ "1.234,56", 2, MONEY_WESTERN, 0, 123456 },
		{ "1.234.567,89", 2, MONEY_INDIAN, 0, 123456789 },
		{ "1,234.56", 2, MONEY_CONTINENTAL, 0, 123456 },
		{ "1,234.5,6", 2, MONEY_WESTERN, -1, 0 },
		{ "1.23,45", 2, MONEY_WESTERN, -1, 0 },
		/* a decimal comma where the style has a point: refused */
		{ "12,50", 2, MONEY_WESTERN, -1, 0 },
		{ "1234,56", 2, MONEY_INDIAN, -1, 0 },
		{ "1,234,56", 2, MONEY_WESTERN, -1, 0 },
		/* groups that are not groups */
		{ ",123", 2, MONEY_WESTERN, -1, 0 },
		{ "123,", 2, MONEY_WESTERN, -1, 0 },
		{ "1,,234", 2, MONEY_WESTERN, -1, 0 },
		{ "1234,567", 2, MONEY_WESTERN, -1, 0 },
		{ "1,2345", 2, MONEY_WESTERN, -1, 0 },
		{ "1,234.", 2, MONEY_WESTERN, -1, 0 },
		{ "1,234.5.6", 2, MONEY_WESTERN, -1, 0 },
		{ "1,234.567", 2, MONEY_WESTERN, -1, 0 },	/* 3 decimals */
		{ "1.234,5", 0, MONEY_CONTINENTAL, -1, 0 },	/* JPY */
		{ "1 234", 2, MONEY_WESTERN, -1, 0 },
		{ "", 2, MONEY_WESTERN, -1, 0 },
		{ "-", 2, MONEY_WESTERN, -1, 0 },
		/* plain refuses every grouping */
		{ "1,234.00", 2, MONEY_PLAIN, -1, 0 },
		{ "92,233,720,368,547,758.08", 2, MONEY_WESTERN, -1, 0 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		int64_t v = 42;
		int rc = money_parse_typed(rows[i].text, rows[i].digits,
		    rows[i].style, &v);
		ck_assert_msg(rc == rows[i].rc, "%s", rows[i].text);
		ck_assert_msg(v == (rc == 0 ? rows[i].minor : 42), "%s",
		    rows[i].text);
	}
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("money");
	tcase_add_test(tc, parse_format_round_trip);
	tcase_add_test(tc, parse_normalises);
	tcase_add_test(tc, parse_refuses);
	tcase_add_test(tc, format_limits);
	tcase_add_test(tc, format_grouped);
	tcase_add_test(tc, parse_typed);
	tcase_add_test(tc, mul_div_rounds_half_away);
	tcase_add_test(tc, mul_div_refuses);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
