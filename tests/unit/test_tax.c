/* test_tax.c: tax on document lines, per line and per document, worked
 * out by hand like an accountant's worksheet. */
#include <stdint.h>
#include <string.h>

#include "base/money.h"
#include "books/tax.h"
#include "unit.h"

/* rates in parts per million */
#define R_5 50000		/* KWD 5% VAT */
#define R_5_5 55000		/* EUR 5.5% reduced VAT */
#define R_8 80000		/* JPY 8% reduced consumption tax */
#define R_9 90000		/* INR CGST 9%, SGST 9% */
#define R_10 100000		/* JPY 10% consumption tax, a 10% VAT */
#define R_18 180000		/* INR IGST 18% */
#define R_20 200000		/* EUR 20% VAT */

#define EXCL 0
#define INCL 1

/* One line of a worksheet: what goes in (amount, code, inclusive, rates)
 * and what the user sees come out (net, gross, one tax per component). */
typedef struct row {
	const char *amount;
	int code;
	int inclusive;
	size_t ncomp;
	int64_t rate[2];
	const char *net, *gross;
	const char *tax[2];
} row;

#define MAX_ROWS 6

typedef struct sheet {
	const char *name;
	int digits;
	enum tax_rounding mode;
	row l[MAX_ROWS];	/* ends at the first row without an amount */
	const char *net, *tax, *gross;	/* the document's totals */
} sheet;

static const sheet sheets[] = {
	/* Three lines of 0.05 at 10%: per line each is 0.005, which rounds
	 * half away from zero to 0.01; per document the tax is rounded once
	 * and comes to 0.02 instead of 0.03. */
	{ "EUR 10% three 0.05, per line", 2, TAX_ROUND_LINE, {
		/* 5 * 100000 / 10^6 = 0.5 -> 1: 0.01; gross 0.06 */
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.06", { "0.01" } },
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.06", { "0.01" } },
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.06", { "0.01" } },
	}, "0.15", "0.03", "0.18" },
	{ "EUR 10% three 0.05, per document", 2, TAX_ROUND_DOCUMENT, {
		/* S = 15; T = round(15 * 0.1 = 1.5) = 2.  Shares 0.5 each:
		 * cut to 0, remainders 0.5 all; the 2 missing units go to
		 * the first two (a tie: earlier first). */
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.06", { "0.01" } },
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.06", { "0.01" } },
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.05", { "0.00" } },
	}, "0.15", "0.02", "0.17" },
	/* The same as credit lines (a return): exactly the negatives. */
	{ "EUR 10% three -0.05, per line", 2, TAX_ROUND_LINE, {
		/* -0.5 -> -1 (away from zero): -0.01; gross -0.06 */
		{ "-0.05", 1, EXCL, 1, { R_10 }, "-0.05", "-0.06",
		    { "-0.01" } },
		{ "-0.05", 1, EXCL, 1, { R_10 }, "-0.05", "-0.06",
		    { "-0.01" } },
		{ "-0.05", 1, EXCL, 1, { R_10 }, "-0.05", "-0.06",
		    { "-0.01" } },
	}, "-0.15", "-0.03", "-0.18" },
	{ "EUR 10% three -0.05, per document", 2, TAX_ROUND_DOCUMENT, {
		/* S = -15; T = round(-1.5) = -2; shares -0.5 each, cut to
		 * 0; -1 each to the first two */
		{ "-0.05", 1, EXCL, 1, { R_10 }, "-0.05", "-0.06",
		    { "-0.01" } },
		{ "-0.05", 1, EXCL, 1, { R_10 }, "-0.05", "-0.06",
		    { "-0.01" } },
		{ "-0.05", 1, EXCL, 1, { R_10 }, "-0.05", "-0.05", { "0.00" } },
	}, "-0.15", "-0.02", "-0.17" },

	/* India GST inside the price: CGST 9% + SGST 9% of a gross that is
	 * 118% of the net; each half rounded on its own, the net takes what
	 * is left, so net + CGST + SGST is the gross to the paisa. */
	{ "INR GST 9%+9% inclusive, per line", 2, TAX_ROUND_LINE, {
		/* 10000 * 90000 / 1180000 = 762.71 -> 763 each: 7.63;
		 * net 100.00 - 7.63 - 7.63 = 84.74 (100/1.18 = 84.7457) */
		{ "100.00", 1, INCL, 2, { R_9, R_9 }, "84.74", "100.00",
		    { "7.63", "7.63" } },
		/* 49900 * 90000 / 1180000 = 3805.93 -> 3806: 38.06;
		 * net 499.00 - 76.12 = 422.88 */
		{ "499.00", 1, INCL, 2, { R_9, R_9 }, "422.88", "499.00",
		    { "38.06", "38.06" } },
		/* 118000 * 90000 / 1180000 = 9000 exactly: 90.00 */
		{ "1180.00", 1, INCL, 2, { R_9, R_9 }, "1000.00", "1180.00",
		    { "90.00", "90.00" } },
	}, "1507.62", "271.38", "1779.00" },
	{ "INR GST 9%+9% inclusive three 1.00, per line", 2, TAX_ROUND_LINE, {
		/* 100 * 90000 / 1180000 = 7.63 -> 8 each: 0.08;
		 * net 1.00 - 0.16 = 0.84 */
		{ "1.00", 1, INCL, 2, { R_9, R_9 }, "0.84", "1.00",
		    { "0.08", "0.08" } },
		{ "1.00", 1, INCL, 2, { R_9, R_9 }, "0.84", "1.00",
		    { "0.08", "0.08" } },
		{ "1.00", 1, INCL, 2, { R_9, R_9 }, "0.84", "1.00",
		    { "0.08", "0.08" } },
	}, "2.52", "0.48", "3.00" },
	{ "INR GST 9%+9% inclusive three 1.00, per document", 2,
	    TAX_ROUND_DOCUMENT, {
		/* per component: S = 300; T = round(300 * 90000 / 1180000
		 * = 22.88) = 23.  Shares 7.63 each, cut to 7 (21); the 2
		 * missing go to lines 1 and 2 (tie).  CGST 0.08 0.08 0.07,
		 * SGST the same; nets 1.00 - 0.16 = 0.84, 0.84, 1.00 -
		 * 0.14 = 0.86; the gross of every line stays 1.00 */
		{ "1.00", 1, INCL, 2, { R_9, R_9 }, "0.84", "1.00",
		    { "0.08", "0.08" } },
		{ "1.00", 1, INCL, 2, { R_9, R_9 }, "0.84", "1.00",
		    { "0.08", "0.08" } },
		{ "1.00", 1, INCL, 2, { R_9, R_9 }, "0.86", "1.00",
		    { "0.07", "0.07" } },
	}, "2.54", "0.46", "3.00" },
	/* IGST 18% is one component; CGST 9% + SGST 9% are two, rounded
	 * separately, so they can differ by a paisa either way. */
	{ "INR IGST 18% against CGST+SGST 9%+9%, per line", 2,
	    TAX_ROUND_LINE, {
		/* 1050 * 0.18 = 189 exactly: 1.89; gross 12.39 */
		{ "10.50", 1, EXCL, 1, { R_18 }, "10.50", "12.39",
		    { "1.89" } },
		/* 1050 * 0.09 = 94.5 -> 95 each: 0.95 + 0.95 = 1.90 */
		{ "10.50", 2, EXCL, 2, { R_9, R_9 }, "10.50", "12.40",
		    { "0.95", "0.95" } },
		/* 25 * 0.18 = 4.5 -> 5: 0.05; gross 0.30 */
		{ "0.25", 1, EXCL, 1, { R_18 }, "0.25", "0.30", { "0.05" } },
		/* 25 * 0.09 = 2.25 -> 2 each: 0.02 + 0.02 = 0.04 */
		{ "0.25", 2, EXCL, 2, { R_9, R_9 }, "0.25", "0.29",
		    { "0.02", "0.02" } },
	}, "21.50", "3.88", "25.38" },

	/* Japan: no fraction of a yen. */
	{ "JPY 10% consumption tax, per line", 0, TAX_ROUND_LINE, {
		/* 1280 * 0.1 = 128 */
		{ "1280", 1, EXCL, 1, { R_10 }, "1280", "1408", { "128" } },
		/* 98 * 0.1 = 9.8 -> 10, three times */
		{ "98", 1, EXCL, 1, { R_10 }, "98", "108", { "10" } },
		{ "98", 1, EXCL, 1, { R_10 }, "98", "108", { "10" } },
		{ "98", 1, EXCL, 1, { R_10 }, "98", "108", { "10" } },
	}, "1574", "158", "1732" },
	{ "JPY 10% consumption tax, per document", 0, TAX_ROUND_DOCUMENT, {
		/* S = 1574; T = round(157.4) = 157.  Shares 128 (no
		 * remainder) and 9.8 three times, cut to 9: 128 + 27 =
		 * 155; the 2 missing go to the 0.8 remainders, earlier
		 * first: 10, 10, 9 */
		{ "1280", 1, EXCL, 1, { R_10 }, "1280", "1408", { "128" } },
		{ "98", 1, EXCL, 1, { R_10 }, "98", "108", { "10" } },
		{ "98", 1, EXCL, 1, { R_10 }, "98", "108", { "10" } },
		{ "98", 1, EXCL, 1, { R_10 }, "98", "107", { "9" } },
	}, "1574", "157", "1731" },
	{ "JPY 10% half a yen, per line", 0, TAX_ROUND_LINE, {
		/* 1005 * 0.1 = 100.5 -> 101 (away from zero); gross 1106 */
		{ "1005", 1, EXCL, 1, { R_10 }, "1005", "1106", { "101" } },
		/* -100.5 -> -101 */
		{ "-1005", 1, EXCL, 1, { R_10 }, "-1005", "-1106",
		    { "-101" } },
	}, "0", "0", "0" },
	{ "JPY 8% and 10% inclusive, per line", 0, TAX_ROUND_LINE, {
		/* 1080 * 80000 / 1080000 = 80 exactly; net 1000 */
		{ "1080", 1, INCL, 1, { R_8 }, "1000", "1080", { "80" } },
		/* 500 * 100000 / 1100000 = 45.45 -> 45; net 455 */
		{ "500", 2, INCL, 1, { R_10 }, "455", "500", { "45" } },
	}, "1455", "125", "1580" },

	/* Kuwait: three decimals (fils). */
	{ "KWD 5%, per line", 3, TAX_ROUND_LINE, {
		/* 12345 * 0.05 = 617.25 -> 617: 0.617; gross 12.962 */
		{ "12.345", 1, EXCL, 1, { R_5 }, "12.345", "12.962",
		    { "0.617" } },
		/* 10 * 0.05 = 0.5 -> 1: 0.001; gross 0.011 */
		{ "0.010", 1, EXCL, 1, { R_5 }, "0.010", "0.011",
		    { "0.001" } },
		{ "0.010", 1, EXCL, 1, { R_5 }, "0.010", "0.011",
		    { "0.001" } },
	}, "12.365", "0.619", "12.984" },
	{ "KWD 5%, per document", 3, TAX_ROUND_DOCUMENT, {
		/* S = 12365; T = round(618.25) = 618.  Shares 617.25 (cut
		 * 617, remainder 0.25), 0.5, 0.5 (cut 0, remainder 0.5):
		 * 617 placed, 1 missing, to the largest remainder, line 2
		 * (later than line 1 but larger; tied with line 3, earlier) */
		{ "12.345", 1, EXCL, 1, { R_5 }, "12.345", "12.962",
		    { "0.617" } },
		{ "0.010", 1, EXCL, 1, { R_5 }, "0.010", "0.011",
		    { "0.001" } },
		{ "0.010", 1, EXCL, 1, { R_5 }, "0.010", "0.010",
		    { "0.000" } },
	}, "12.365", "0.618", "12.983" },
	{ "KWD 5% inclusive, sale and return, per line", 3, TAX_ROUND_LINE, {
		/* 1000 * 50000 / 1050000 = 47.62 -> 48: 0.048; net 0.952 */
		{ "1.000", 1, INCL, 1, { R_5 }, "0.952", "1.000",
		    { "0.048" } },
		{ "-1.000", 1, INCL, 1, { R_5 }, "-0.952", "-1.000",
		    { "-0.048" } },
	}, "0.000", "0.000", "0.000" },

	/* One document with everything: two exclusive lines and one
	 * inclusive line of one code (two groups), another code, and an
	 * untaxed line. */
	{ "EUR mixed document, per document", 2, TAX_ROUND_DOCUMENT, {
		/* code 1 exclusive: S = 10; T = round(1.0) = 1; shares 0.5
		 * and 0.5, cut to 0; the 1 missing to the earlier */
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.06", { "0.01" } },
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.05", { "0.00" } },
		/* code 1 inclusive, a group of its own: 5 * 100000 /
		 * 1100000 = 0.45 -> 0 */
		{ "0.05", 1, INCL, 1, { R_10 }, "0.05", "0.05", { "0.00" } },
		/* code 2: 1999 * 0.055 = 109.945 -> 110: 1.10 */
		{ "19.99", 2, EXCL, 1, { R_5_5 }, "19.99", "21.09",
		    { "1.10" } },
		/* untaxed */
		{ "7.00", 0, EXCL, 0, { 0 }, "7.00", "7.00", { NULL } },
	}, "27.14", "1.11", "28.25" },
	{ "EUR mixed document, per line", 2, TAX_ROUND_LINE, {
		/* 0.5 -> 1 each */
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.06", { "0.01" } },
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.06", { "0.01" } },
		/* 0.45 -> 0 */
		{ "0.05", 1, INCL, 1, { R_10 }, "0.05", "0.05", { "0.00" } },
		/* 109.945 -> 110 */
		{ "19.99", 2, EXCL, 1, { R_5_5 }, "19.99", "21.09",
		    { "1.10" } },
		{ "7.00", 0, EXCL, 0, { 0 }, "7.00", "7.00", { NULL } },
	}, "27.14", "1.12", "28.26" },

	/* Credit lines inside a sale, per document. */
	{ "EUR 20% sale with a credit line, per document", 2,
	    TAX_ROUND_DOCUMENT, {
		/* code 1: S = 1000 - 333 = 667; T = round(133.4) = 133.
		 * Shares 200 (no remainder) and -66.6 (cut -66, remainder
		 * -0.6): 134 placed, -1 missing, to the most negative
		 * remainder: -67 */
		{ "10.00", 1, EXCL, 1, { R_20 }, "10.00", "12.00",
		    { "2.00" } },
		{ "-3.33", 1, EXCL, 1, { R_20 }, "-3.33", "-4.00",
		    { "-0.67" } },
		/* code 2: a full return, S = 0, T = 0; shares 50 and -50
		 * exactly */
		{ "5.00", 2, EXCL, 1, { R_10 }, "5.00", "5.50", { "0.50" } },
		{ "-5.00", 2, EXCL, 1, { R_10 }, "-5.00", "-5.50",
		    { "-0.50" } },
	}, "6.67", "1.33", "8.00" },
	{ "EUR 10% partial credit, per document", 2, TAX_ROUND_DOCUMENT, {
		/* S = 5 + 5 - 3 = 7; T = round(0.7) = 1.  Shares 0.5, 0.5,
		 * -0.3, all cut to 0; the 1 missing to the largest
		 * remainder, line 1 (tied with line 2, earlier) */
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.06", { "0.01" } },
		{ "0.05", 1, EXCL, 1, { R_10 }, "0.05", "0.05", { "0.00" } },
		{ "-0.03", 1, EXCL, 1, { R_10 }, "-0.03", "-0.03",
		    { "0.00" } },
	}, "0.07", "0.01", "0.08" },

	/* Past 2^53 minor units, where a double would already be off. */
	{ "INR 10% beyond 2^53, per line", 2, TAX_ROUND_LINE, {
		/* 9007199254740993 * 0.1 = 900719925474099.3 -> ...099;
		 * gross 9007199254740993 + 900719925474099 =
		 * 9907919180215092 */
		{ "90071992547409.93", 1, EXCL, 1, { R_10 },
		    "90071992547409.93", "99079191802150.92",
		    { "9007199254740.99" } },
	}, "90071992547409.93", "9007199254740.99", "99079191802150.92" },
	/* 1000%, the largest rate accepted */
	{ "EUR 1000%, per line", 2, TAX_ROUND_LINE, {
		{ "1.00", 1, EXCL, 1, { TAX_RATE_MAX }, "1.00", "11.00",
		    { "10.00" } },
	}, "1.00", "10.00", "11.00" },
};

static size_t
rows_of(const sheet *s)
{
	size_t n = 0;
	while (n < MAX_ROWS && s->l[n].amount != NULL)
		n++;
	return n;
}

/* check_amount: fails the test unless got prints as want. */
static void
check_amount(const char *sheet_name, size_t line, const char *what,
    int64_t got, const char *want, int digits)
{
	buf b = BUF_INIT(64);
	ck_assert_int_eq(money_format(&b, got, digits), 0);
	ck_assert_msg(strcmp(buf_str(&b), want) == 0,
	    "%s, line %zu, %s: %s, want %s", sheet_name, line + 1, what,
	    buf_str(&b), want);
	buf_free(&b);
}

/* load: the sheet's input columns as tax_lines; the number of lines. */
static size_t
load(const sheet *s, tax_line *lines)
{
	size_t n = rows_of(s);
	memset(lines, 0, MAX_ROWS * sizeof *lines);
	for (size_t i = 0; i < n; i++) {
		const row *r = &s->l[i];
		ck_assert_msg(money_parse(r->amount, s->digits,
		    &lines[i].amount) == 0, "%s: %s", s->name, r->amount);
		lines[i].code = r->code;
		lines[i].inclusive = r->inclusive;
		lines[i].ncomp = r->ncomp;
		for (size_t c = 0; c < r->ncomp; c++)
			lines[i].rate_ppm[c] = r->rate[c];
	}
	return n;
}

START_TEST(worksheets)
{
	for (size_t k = 0; k < sizeof sheets / sizeof *sheets; k++) {
		const sheet *s = &sheets[k];
		tax_line lines[MAX_ROWS];
		size_t n = load(s, lines);
		ck_assert_msg(tax_compute(lines, n, s->mode) == 0, "%s",
		    s->name);
		int64_t net = 0, tax = 0, gross = 0;
		for (size_t i = 0; i < n; i++) {
			const row *r = &s->l[i];
			const tax_line *l = &lines[i];
			check_amount(s->name, i, "net", l->net, r->net,
			    s->digits);
			check_amount(s->name, i, "gross", l->gross, r->gross,
			    s->digits);
			int64_t line_tax = 0;
			for (size_t c = 0; c < TAX_MAX_COMPONENTS; c++) {
				if (c < r->ncomp)
					check_amount(s->name, i, "tax",
					    l->tax[c], r->tax[c], s->digits);
				else
					ck_assert(l->tax[c] == 0);
				line_tax += l->tax[c];
			}
			/* every line adds up: net + its taxes = gross */
			ck_assert_msg(l->net + line_tax == l->gross,
			    "%s, line %zu", s->name, i + 1);
			net += l->net;
			tax += line_tax;
			gross += l->gross;
		}
		check_amount(s->name, n, "total net", net, s->net, s->digits);
		check_amount(s->name, n, "total tax", tax, s->tax, s->digits);
		check_amount(s->name, n, "total gross", gross, s->gross,
		    s->digits);
	}
}
END_TEST

/* Every worksheet with its amounts negated gets exactly the negated
 * results, per line and per document alike. */
START_TEST(credit_notes_mirror)
{
	for (size_t k = 0; k < sizeof sheets / sizeof *sheets; k++) {
		const sheet *s = &sheets[k];
		tax_line lines[MAX_ROWS], neg[MAX_ROWS];
		size_t n = load(s, lines);
		load(s, neg);
		for (size_t i = 0; i < n; i++)
			neg[i].amount = -neg[i].amount;
		ck_assert_int_eq(tax_compute(lines, n, s->mode), 0);
		ck_assert_int_eq(tax_compute(neg, n, s->mode), 0);
		for (size_t i = 0; i < n; i++) {
			ck_assert_msg(neg[i].net == -lines[i].net &&
			    neg[i].gross == -lines[i].gross, "%s, line %zu",
			    s->name, i + 1);
			for (size_t c = 0; c < TAX_MAX_COMPONENTS; c++)
				ck_assert_msg(neg[i].tax[c] == -lines[i].tax[c],
				    "%s, line %zu", s->name, i + 1);
		}
	}
}
END_TEST

/* Per document, each group's line taxes add up to the tax rounded once
 * on the group's sum, whatever the amounts. */
START_TEST(document_sums_match)
{
	static const int64_t amounts[] = { 1, 3, 7, 5, -2, 99, 1001, -4,
	    33, 0, 17, 250 };
	static const int64_t rates[] = { 1, 55000, 90000, 100000, 180000,
	    333333, 999999, TAX_RATE_MAX };
	size_t n = sizeof amounts / sizeof *amounts;
	for (size_t r = 0; r < sizeof rates / sizeof *rates; r++)
		for (int incl = 0; incl < 2; incl++) {
			tax_line lines[sizeof amounts / sizeof *amounts];
			memset(lines, 0, sizeof lines);
			int64_t sum = 0;
			for (size_t i = 0; i < n; i++) {
				lines[i].amount = amounts[i];
				lines[i].code = 7;
				lines[i].inclusive = incl;
				lines[i].ncomp = 2;
				lines[i].rate_ppm[0] = rates[r];
				lines[i].rate_ppm[1] = R_9;
				sum += amounts[i];
			}
			ck_assert_int_eq(tax_compute(lines, n,
			    TAX_ROUND_DOCUMENT), 0);
			int64_t d = TAX_PPM + (incl ? rates[r] + R_9 : 0);
			for (size_t c = 0; c < 2; c++) {
				int64_t want, got = 0;
				ck_assert_int_eq(money_mul_div(sum,
				    lines[0].rate_ppm[c], d, &want), 0);
				for (size_t i = 0; i < n; i++) {
					/* within one unit of the exact share */
					int64_t exact;
					ck_assert_int_eq(money_mul_div(
					    amounts[i], lines[i].rate_ppm[c],
					    d, &exact), 0);
					int64_t off = lines[i].tax[c] - exact;
					ck_assert(off >= -1 && off <= 1);
					got += lines[i].tax[c];
				}
				ck_assert_msg(got == want, "rate %lld incl %d",
				    (long long)rates[r], incl);
			}
		}
}
END_TEST

START_TEST(refusals)
{
	tax_line l[2];

	/* a negative rate, and one past 1000% */
	memset(l, 0, sizeof l);
	l[0].amount = 100;
	l[0].ncomp = 1;
	l[0].rate_ppm[0] = -1;
	ck_assert_int_eq(tax_compute(l, 1, TAX_ROUND_LINE), -1);
	ck_assert_int_eq(tax_compute(l, 1, TAX_ROUND_DOCUMENT), -1);
	l[0].rate_ppm[0] = TAX_RATE_MAX + 1;
	ck_assert_int_eq(tax_compute(l, 1, TAX_ROUND_LINE), -1);
	/* a bad rate in the second component only */
	l[0].ncomp = 2;
	l[0].rate_ppm[0] = R_9;
	l[0].rate_ppm[1] = -90000;
	ck_assert_int_eq(tax_compute(l, 1, TAX_ROUND_LINE), -1);

	/* too many components */
	memset(l, 0, sizeof l);
	l[0].amount = 100;
	l[0].ncomp = TAX_MAX_COMPONENTS + 1;
	ck_assert_int_eq(tax_compute(l, 1, TAX_ROUND_LINE), -1);
	l[0].ncomp = TAX_MAX_COMPONENTS;	/* four at 0%: fine */
	ck_assert_int_eq(tax_compute(l, 1, TAX_ROUND_LINE), 0);
	ck_assert(l[0].net == 100 && l[0].gross == 100);

	/* two lines of one code with different components */
	memset(l, 0, sizeof l);
	l[0].amount = l[1].amount = 100;
	l[0].code = l[1].code = 3;
	l[0].ncomp = l[1].ncomp = 1;
	l[0].rate_ppm[0] = R_9;
	l[1].rate_ppm[0] = R_18;
	ck_assert_int_eq(tax_compute(l, 2, TAX_ROUND_DOCUMENT), -1);
	ck_assert_int_eq(tax_compute(l, 2, TAX_ROUND_LINE), -1);
	l[1].code = 4;
	ck_assert_int_eq(tax_compute(l, 2, TAX_ROUND_DOCUMENT), 0);

	/* a gross past INT64_MAX */
	memset(l, 0, sizeof l);
	l[0].amount = INT64_MAX;
	l[0].ncomp = 1;
	l[0].rate_ppm[0] = R_10;
	ck_assert_int_eq(tax_compute(l, 1, TAX_ROUND_LINE), -1);
	ck_assert_int_eq(tax_compute(l, 1, TAX_ROUND_DOCUMENT), -1);
	l[0].rate_ppm[0] = 0;
	ck_assert_int_eq(tax_compute(l, 1, TAX_ROUND_LINE), 0);
	ck_assert(l[0].gross == INT64_MAX);

	/* per document, a code's amounts must add up within int64_t */
	l[1] = l[0];
	ck_assert_int_eq(tax_compute(l, 2, TAX_ROUND_LINE), 0);
	ck_assert_int_eq(tax_compute(l, 2, TAX_ROUND_DOCUMENT), -1);

	/* an unknown mode; an empty document is fine */
	ck_assert_int_eq(tax_compute(l, 1, (enum tax_rounding)7), -1);
	ck_assert_int_eq(tax_compute(NULL, 0, TAX_ROUND_DOCUMENT), 0);
	ck_assert_int_eq(tax_compute(NULL, 1, TAX_ROUND_LINE), -1);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("tax");
	TCase *tc = tcase_create("tax");
	tcase_add_test(tc, worksheets);
	tcase_add_test(tc, credit_notes_mirror);
	tcase_add_test(tc, document_sums_match);
	tcase_add_test(tc, refusals);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
