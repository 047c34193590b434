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

#include "db/db.h"

#define BILL_ID_LEN 37

/* bill_receive: numbers, posts and receives a draft bill.  0, or -1. */
int bill_receive(db *d, const char *user_id, const char *bill_id,
    db_res *err);

/* bill_settle: as invoice_settle, for a payment made to a supplier. */
int bill_settle(db *d, const char *bill_id, int64_t amount, db_res *err);

/* bill_mark_overdue: as invoice_mark_overdue (event bill.overdue). */
int bill_mark_overdue(db *d, int *n, db_res *err);

/* ---- drafts, voids (cgi-bin/bills) ---- */

/* A line as given.  With a product: a tracked product's line is received
 * into stock and posted to '@inventory' (account is ignored); a service's
 * goes to account.  unit_price is what the supplier charged (required:
 * products carry selling prices only). */
typedef struct bill_line_in {
	const char *product;	/* a product's id or SKU, or NULL */
	const char *description;	/* NULL: the product's name */
	int64_t quantity;	/* > 0 */
	int64_t unit_price;	/* minor units of the bill's currency; -1: none */
	const char *tax_group;	/* NULL: the product's; "": untaxed */
	const char *account;	/* NULL: '@expense'; an expense or asset code
				 * or '@role' */
} bill_line_in;

/* A draft as given.  On a change to a draft, a NULL member keeps what the
 * draft has ("" clears due_date and location), and set_lines 0 keeps its
 * lines. */
typedef struct bill_in {
	const char *supplier;	/* a party's id or code */
	const char *supplier_ref;	/* their invoice number */
	const char *currency;	/* NULL: the supplier's */
	const char *bill_date;	/* NULL: today */
	const char *due_date;	/* NULL: bill_date + the supplier's terms */
	const char *location;	/* a location's id or code; NULL: the first */
	const char *notes;
	bill_line_in *lines;
	size_t n;
	int set_lines;
	char field[48];	/* out: the field a refusal is about ("" none) */
} bill_in;

/* bill_draft: writes a new draft (id NULL) or changes the draft id, its
 * lines computed by lib/linemoney as a purchase, its tax per component in
 * document_taxes; bill.created or bill.updated.  0 with its id in out, or
 * -1 with err (22023 naming in->field; 23505 the supplier's reference is
 * on another bill; 40001 not a draft). */
int bill_draft(db *d, const char *user_id, const char *id, bill_in *in,
    char out[BILL_ID_LEN], db_res *err);

/* bill_delete: removes a draft (bill.deleted).  0, or -1 with err. */
int bill_delete(db *d, const char *bill_id, db_res *err);

/* bill_void: voids a received bill on which nothing is paid by reversing
 * its entry on date (NULL: today).  Goods it put into stock are taken back
 * out by an adjustment movement at the cost they came in at; when they
 * are no longer there (sold, reserved or moved) the void is refused
 * (40001) and a supplier credit is the way.  bill.voided.  0, or -1. */
int bill_void(db *d, const char *user_id, const char *bill_id,
    const char *date, db_res *err);

#endif
