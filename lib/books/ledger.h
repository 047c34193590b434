/* ledger.h: the one way any module writes to the books.  Every call runs
 * inside the caller's open transaction, scoped to the caller's tenant, so
 * a posting commits or rolls back with the business change it records.
 * The database holds the invariants (sql/0007_books.sql): an entry that
 * does not balance, has fewer than two lines, falls in a closed period or
 * touches an archived account is refused at commit at the latest. */
#ifndef LEDGER_H
#define LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

#define LEDGER_ID_LEN 37	/* a UUID and its NUL */

typedef struct ledger_line {
	const char *account;	/* an account code ("4100") or a role ("@sales") */
	int64_t debit, credit;	/* minor units of the entry's currency; one is 0 */
	const char *party_id;	/* NULL, or the customer's or supplier's id */
	const char *tax_code;	/* NULL, or the tax group the line came from */
	const char *memo;	/* NULL or a short note */
} ledger_line;

typedef struct ledger_entry {
	const char *date;	/* YYYY-MM-DD */
	const char *memo;
	const char *source_type;	/* "manual", "invoice", "bill", ... */
	const char *source_id;	/* the source record's id, or NULL */
	const char *currency;	/* NULL: the tenant's base currency */
	const char *rate;	/* NULL: the latest rate on or before date;
				 * else base units per unit, a decimal */
	const ledger_line *lines;
	size_t nlines;
} ledger_entry;

/* ledger_post: writes e as user_id (NULL for the system).  A foreign
 * currency is converted line by line, half away from zero, and any
 * difference of rounding goes to the '@rounding' account.  Returns 0 with
 * the new entry's id in id, or -1 with err describing the refusal (its
 * SQLSTATE: 23xxx for a broken rule, 22xxx for a malformed value). */
int ledger_post(db *d, const char *user_id, const ledger_entry *e,
    char id[LEDGER_ID_LEN], db_res *err);

/* ledger_reverse: posts the reversal of entry_id on date (memo NULL:
 * "Reversal: " and the original's).  An entry is reversed once.  0 with
 * the reversal's id, or -1 with err (P0002: no such entry). */
int ledger_reverse(db *d, const char *user_id, const char *entry_id,
    const char *date, const char *memo, char id[LEDGER_ID_LEN], db_res *err);

/* ledger_open_year: a financial year of twelve monthly periods from
 * start (the first of a month).  0 with its id, or -1 with err. */
int ledger_open_year(db *d, const char *start, char id[LEDGER_ID_LEN],
    db_res *err);

/* ledger_close_year: the year-end close: one entry carries every income
 * and expense balance into retained earnings, then the year and its
 * periods close.  0 with the closing entry's id ("" when nothing had to
 * move), or -1 with err. */
int ledger_close_year(db *d, const char *user_id, const char *year_id,
    char id[LEDGER_ID_LEN], db_res *err);

/* ledger_set_period: closes (closed 1) or reopens a period; a period of
 * a closed year stays closed.  0, or -1 with err (P0002: no such period). */
int ledger_set_period(db *d, const char *period_id, int closed, db_res *err);

#endif
