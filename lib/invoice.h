/* invoice.h: sales invoices and credit notes, their lifecycle and their
 * postings.  A draft holds generic lines (from an order, time billing, a
 * trade contract, or typed), whose money is computed by lib/docline.
 * Issuing assigns the next number of the business's financial year from a
 * locked counter (doc_next_number: no gaps, safe under concurrency),
 * posts receivable against income and each tax component's account
 * through lib/ledger, and records invoice.issued, all in the caller's
 * transaction.  A void posts the reversal; a credit note posts the
 * mirror.  Status follows from what is settled and the due date:
 * paid when settled in full, else overdue after the due date, else
 * partially_paid when something is settled, else issued.
 *
 * Every call runs in the caller's open transaction, scoped to its tenant;
 * errors come back in err as the database's would (P0002 unknown, 22023
 * malformed, 23514 a broken rule, 40001 a transition not allowed now). */
#ifndef INVOICE_H
#define INVOICE_H

#include <stdint.h>

#include "db.h"

#define INVOICE_ID_LEN 37

/* invoice_from_order: drafts the invoice of order_id (its lines, prices,
 * discounts and taxes, the party's terms) and, when issue is non-zero,
 * issues it on date.  An order has at most one invoice that is not void.
 * 0 with the invoice's id, or -1 with err. */
int invoice_from_order(db *d, const char *user_id, const char *order_id,
    const char *date, int issue, char id[INVOICE_ID_LEN], db_res *err);

/* invoice_issue: numbers and posts a draft on date (NULL: today).  0, or
 * -1 with err. */
int invoice_issue(db *d, const char *user_id, const char *invoice_id,
    const char *date, db_res *err);

/* invoice_settle: adds amount (> 0, minor units of the invoice's currency)
 * to what is settled on an issued invoice or a credit note, refusing more
 * than is still open (23514), sets its status, and records invoice.paid
 * when it becomes paid.  Payments and credit notes call this; it posts
 * nothing (the payment posted its money already).  0, or -1 with err. */
int invoice_settle(db *d, const char *invoice_id, int64_t amount,
    db_res *err);

/* invoice_mark_overdue: every issued or partly paid invoice of the
 * caller's business whose due date is before today becomes overdue, with
 * an invoice.overdue event each.  *n gets how many.  0, or -1 with err. */
int invoice_mark_overdue(db *d, int *n, db_res *err);

#endif
