/* test_words.c: codes, field paths, permissions and dates as people read
 * them (lib/web/words). */
#include <stdio.h>
#include <string.h>

#include "web/words.h"
#include "unit.h"

START_TEST(codes_in_words)
{
	buf s = BUF_INIT(256);
	ck_assert_str_eq(words_code("partially_paid", &s), "Partly paid");
	ck_assert_str_eq(words_code("bank_transfer", &s), "Bank transfer");
	ck_assert_str_eq(words_code("draft", &s), "Draft");
	ck_assert_str_eq(words_code("overdue", &s), "Overdue");
	ck_assert_str_eq(words_code("upi", &s), "UPI");
	/* one the table has not heard of still reads as words */
	ck_assert_str_eq(words_code("on_hold", &s), "On hold");
	ck_assert_str_eq(words_code(NULL, &s), "");
	buf_free(&s);
}
END_TEST

static const char *
said(void (*f)(buf *, const char *), const char *in, char *out, size_t n)
{
	buf b = BUF_INIT(4096);
	f(&b, in);
	snprintf(out, n, "%s", buf_str(&b));
	buf_free(&b);
	return out;
}

START_TEST(paths_in_words)
{
	char o[512];
	ck_assert_str_eq(said(words_field, "lines[2].quantity", o, sizeof o),
	    "line 3, quantity");
	ck_assert_str_eq(said(words_field, "allocations[0].amount", o,
	    sizeof o), "allocation 1, amount");
	ck_assert_str_eq(said(words_field, "unit_price", o, sizeof o),
	    "unit price");
	ck_assert_str_eq(said(words_field, "lines", o, sizeof o), "lines");
	ck_assert_str_eq(said(words_text, "lines[2].product: P9 is not a "
	    "product; see allocations[1].amount", o, sizeof o), "line 3, "
	    "product: P9 is not a product; see allocation 2, amount");
	ck_assert_str_eq(said(words_text, "a[b] and x[1 and [2]", o, sizeof o),
	    "a[b] and x[1 and [2]");
	buf b = BUF_INIT(512);
	words_message(&b, "lines[2].quantity", "lines[2].quantity: more than 0");
	ck_assert_str_eq(buf_str(&b), "line 3, quantity: more than 0");
	buf_truncate(&b, 0);
	words_message(&b, "lines", "lines: an invoice has at least one line");
	ck_assert_str_eq(buf_str(&b), "lines: an invoice has at least one line");
	buf_truncate(&b, 0);
	words_message(&b, "tax_id", "not a valid GSTIN");
	ck_assert_str_eq(buf_str(&b), "tax id: not a valid GSTIN");
	buf_free(&b);
}
END_TEST

START_TEST(permissions_in_words)
{
	char o[512];
	ck_assert_str_eq(said(words_forbidden, "this needs the sales.write "
	    "permission", o, sizeof o), "Your role may not create or change "
	    "customers, orders and invoices. An owner or admin can change your "
	    "role.");
	ck_assert_str_eq(said(words_forbidden, "a supplier's statement needs "
	    "the purchases.read permission", o, sizeof o), "A supplier's "
	    "statement: your role may not see suppliers and bills. An owner "
	    "or admin can change your role.");
	ck_assert_str_eq(said(words_forbidden, "this needs the sales.read or "
	    "the purchases.read permission", o, sizeof o), "Your role may not "
	    "see customers, orders and invoices or see suppliers and bills. An "
	    "owner or admin can change your role.");
	/* nothing to say in words: as it was */
	ck_assert_str_eq(said(words_forbidden, "the form has expired", o,
	    sizeof o), "the form has expired");
	ck_assert_ptr_null(words_permission("no.such"));
}
END_TEST

START_TEST(dates_in_words)
{
	static const struct {
		const char *in, *format, *out;
	} rows[] = {
		{ "2026-04-01", "DD/MM/YYYY", "01/04/2026" },
		{ "2026-04-01", "MM/DD/YYYY", "04/01/2026" },
		{ "2026-04-01", "DD.MM.YYYY", "01.04.2026" },
		{ "2026-04-01", "YYYY-MM-DD", "2026-04-01" },
		{ "2026-04-01", NULL, "2026-04-01" },
		{ "2026-12-08 05:31:37.1+05:30", "DD/MM/YYYY", "08/12/2026 05:31" },
		{ "2026-12-08T05:31:37Z", "DD/MM/YYYY", "08/12/2026 05:31" },
		{ "not a date", "DD/MM/YYYY", "not a date" },
		{ "2026-4-01", "DD/MM/YYYY", "2026-4-01" },
		{ "", "DD/MM/YYYY", "" },
		{ "2026-04-011", "DD/MM/YYYY", "2026-04-011" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		buf b = BUF_INIT(256);
		words_date(&b, rows[i].in, rows[i].format);
		ck_assert_str_eq(buf_str(&b), rows[i].out);
		buf_free(&b);
	}
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("words");
	TCase *tc = tcase_create("words");
	tcase_add_test(tc, codes_in_words);
	tcase_add_test(tc, paths_in_words);
	tcase_add_test(tc, permissions_in_words);
	tcase_add_test(tc, dates_in_words);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
