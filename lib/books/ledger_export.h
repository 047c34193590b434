/* ledger_export.h: the tenant's journal as a plain-text accounting journal
 * that hledger and ledger-cli read, so the books can be checked (and
 * left) with tools Bursar does not control.
 *
 * The output: one `commodity` directive per currency used, showing its
 * minor-unit digits (`commodity INR 1000.00`, `commodity JPY 1000`), then
 * every entry in posting order (date, then chain number):
 *
 *     2026-04-05 (42) Sale to Asha Traders  ; source:invoice:<id>
 *         assets:1300 Accounts receivable  INR 1180.00
 *         income:4100 Sales  INR -1000.00
 *
 * Accounts are "<type>:<code> <name>" with the type's plural as the top
 * level (assets, liabilities, equity, income, expenses); names are
 * sanitised (no ';', tab, newline or double space).  Debits are positive,
 * credits negative, in base-currency minor units written with the
 * currency's digits.  A line of a foreign entry carries its own amount
 * and its total cost in the base currency (`USD 10.01 @@ INR 832.07`), so
 * `hledger bal -B` gives the base balances the books add up; a line with
 * no foreign amount (the currency-rounding line) is written in the base
 * currency.
 *
 * Both calls run in the caller's transaction (or read mode), scoped to
 * the caller's tenant; they read the journal in pages of a few thousand
 * lines by keyset, so the memory they hold is one page, whatever the
 * journal's size. */
#ifndef LEDGER_EXPORT_H
#define LEDGER_EXPORT_H

#include <stddef.h>

#include "base/buf.h"
#include "db/db.h"

/* ledger_export_write: receives the next n bytes of the journal; returns
 * 0, or -1 to stop the export. */
typedef int (*ledger_export_write)(void *ctx, const char *p, size_t n);

/* ledger_export_stream: writes the journal of entries dated from..to
 * (YYYY-MM-DD, inclusive; NULL for no bound) through w, a chunk of at
 * most a few hundred kilobytes at a time.  Returns 0; or -1 with err set:
 * a database error (the caller db_res_clear's err), 22007/22008 for a
 * malformed date, or 57014 when w returned -1. */
int ledger_export_stream(db *d, const char *from, const char *to,
    ledger_export_write w, void *ctx, db_res *err);

/* ledger_export_journal: the same journal appended to out.  The memory
 * is out's and bounded by its cap: past it the call returns -1 with err's
 * sqlstate 54000 ("program limit exceeded") and out holds a truncated
 * prefix the caller should drop.  About 60 bytes per line: a cap of
 * 64 MB holds about a million lines.  Returns 0, or -1 with err as for
 * ledger_export_stream. */
int ledger_export_journal(db *d, const char *from, const char *to, buf *out,
    db_res *err);

#endif
