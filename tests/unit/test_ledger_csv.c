/* test_ledger_csv.c: the views of the books as CSV: header rows, amounts
 * in their currency's digits, the trial balance's totals row, the general
 * ledger between its opening and closing balances, a foreign entry's own
 * amounts. */
#include <string.h>

#include "books/ledger_csv.h"
#include "unit.h"

START_TEST(trial_balance_totals)
{
	lv_account a[2] = {
		{ "1", "1000", "Cash", "asset", NULL, 0, 0, 0, 15050, 50, 15000 },
		{ "2", "3000", "Capital", "equity", NULL, 0, 0, 0, 0, 15000,
		    -15000 },
	};
	lv_accounts l = { a, 2, 15050, 15050, 15000, 15000 };
	buf b = BUF_INIT(4096);
	csv w;
	csv_init(&w, &b);
	ledger_csv_trial_balance(&w, &l, 2);
	ck_assert_int_eq(w.failed, 0);
	ck_assert_str_eq(buf_str(&b),
	    "code,name,type,debit,credit,balance_debit,balance_credit\r\n"
	    "1000,Cash,asset,150.50,0.50,150.00,0.00\r\n"
	    "3000,Capital,equity,0.00,150.00,0.00,150.00\r\n"
	    ",Total,,150.50,150.50,150.00,150.00\r\n");
	buf_free(&b);
}
END_TEST

START_TEST(general_ledger_between_balances)
{
	lv_gl_line line = { "e1", "2026-04-02", 7, 1, "1000", "Rent, \"May\"",
	    "", NULL, NULL, 1, 0, 2500, 7500 };
	lv_gl g = { .opening = 10000, .debit = 0, .credit = 2500,
	    .closing = 7500, .lines = &line, .n = 1 };
	g.account.code = "1000";
	buf b = BUF_INIT(4096);
	csv w;
	csv_init(&w, &b);
	ledger_csv_general_ledger(&w, &g, "2026-04-01", NULL, 2);
	ck_assert_str_eq(buf_str(&b),
	    "date,entry,account,memo,line_memo,counter_account,debit,credit,"
	    "balance\r\n"
	    "2026-04-01,,1000,Opening balance,,,,,100.00\r\n"
	    "2026-04-02,7,1000,\"Rent, \"\"May\"\"\",,split,0.00,25.00,75.00\r\n"
	    ",,1000,Closing balance,,,0.00,25.00,75.00\r\n");
	buf_free(&b);
}
END_TEST

START_TEST(journal_foreign_digits)
{
	lv_line ln = { 1, "1100", "Debtors", 830000, 0, 100000, 0, NULL, NULL,
	    "=cmd" };
	lv_entry e = { .id = "e9", .date = "2026-05-01", .memo = "Export",
	    .source_type = "manual", .source_id = "", .currency = "KWD",
	    .digits = 3, .rate = "8.3", .seq = 9, .lines = &ln, .nlines = 1 };
	lv_books bk = { "INR", 2, "2026-05-01", 0 };
	buf b = BUF_INIT(4096);
	csv w;
	csv_init(&w, &b);
	ledger_csv_journal(&w, &e, 1, &bk);
	const char *rows = strstr(buf_str(&b), "\r\n") + 2;
	ck_assert_str_eq(rows, "9,2026-05-01,Export,manual,,KWD,8.3,1,1100,"
	    "Debtors,8300.00,0.00,100.000,0.000,'=cmd,e9\r\n");
	buf_free(&b);
}
END_TEST

static Suite *
ledger_csv_suite(void)
{
	Suite *s = suite_create("ledger_csv");
	TCase *tc = tcase_create("ledger_csv");
	tcase_add_test(tc, trial_balance_totals);
	tcase_add_test(tc, general_ledger_between_balances);
	tcase_add_test(tc, journal_foreign_digits);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(ledger_csv_suite)
