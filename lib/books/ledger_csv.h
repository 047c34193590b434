/* ledger_csv.h: the views of the books as CSV files for a spreadsheet:
 * account balances, the trial balance, the general ledger of an account
 * and the journal, each with its header row.  The same files the ledger
 * program offers under ?format=csv; a report or a cron job that mails
 * them writes the same columns through here.
 *
 * Each call writes into w, which the caller set up with csv_init over the
 * buffer it sends; amounts are in the plain decimal form of their
 * currency's digits (12.50), never localised, so a spreadsheet reads them
 * as numbers.  Nothing is allocated that outlives the call; whether the
 * file fitted its buffer is w->failed, as for any csv. */
#ifndef LEDGER_CSV_H
#define LEDGER_CSV_H

#include <stddef.h>

#include "base/csv.h"
#include "books/ledger_view.h"

/* ledger_csv_balances: code, name, type, parent, group, debit, credit,
 * balance: one row per account of l, amounts in digits */
void ledger_csv_balances(csv *w, const lv_accounts *l, int digits);

/* ledger_csv_trial_balance: code, name, type, debit, credit and the
 * balance on its side: one row per account of l, then the totals */
void ledger_csv_trial_balance(csv *w, const lv_accounts *l, int digits);

/* ledger_csv_general_ledger: the lines of g between the opening balance
 * (dated from) and the closing balance (dated to), each with the running
 * balance; from and to may be NULL */
void ledger_csv_general_ledger(csv *w, const lv_gl *g, const char *from,
    const char *to, int digits);

/* ledger_csv_journal: each line of the n entries as one row, amounts in
 * the books' currency (b) and in the entry's own */
void ledger_csv_journal(csv *w, const lv_entry *items, size_t n,
    const lv_books *b);

#endif
