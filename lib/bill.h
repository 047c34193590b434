/* bill.h: supplier bills, the mirror of invoices.  A bill's lines are
 * expenses (to their account) or tracked products (received into stock at
 * their net cost through lib/stock, and posted to inventory).  Receiving a
 * bill numbers it (doc_next_number), posts payables against expense or
 * inventory and input tax through lib/ledger, and records bill.received,
 * in the caller's transaction.  Status as for invoices: received,
 * partially_paid, paid, overdue, void. */
#ifndef BILL_H
#define BILL_H

#include <stdint.h>

#include "db.h"

#define BILL_ID_LEN 37

/* bill_receive: numbers, posts and receives a draft bill.  0, or -1. */
int bill_receive(db *d, const char *user_id, const char *bill_id,
    db_res *err);

/* bill_settle: as invoice_settle, for a payment made to a supplier. */
int bill_settle(db *d, const char *bill_id, int64_t amount, db_res *err);

/* bill_mark_overdue: as invoice_mark_overdue (event bill.overdue). */
int bill_mark_overdue(db *d, int *n, db_res *err);

#endif
