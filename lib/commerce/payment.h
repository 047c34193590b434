/* payment.h: money received from customers and paid to suppliers, its
 * allocation to invoices and bills, the credit that is left, and refunds.
 *
 * A payment in posts Dr bank or cash, Cr '@receivable' for the customer; a
 * payment out posts Dr '@payable' for the supplier, Cr bank or cash.  Each
 * allocation settles one invoice (a payment in) or one bill (a payment
 * out) of the same party and currency, at most what is open on it, through
 * invoice_settle or bill_settle; what is not allocated stays on the
 * payment as the party's credit, to allocate later or refund.  A refund is
 * a payment of kind 'refund' in the other direction that returns part of
 * that credit (or of a credit note's open credit) and reverses its posting
 * side.  Numbers come from doc_next_number('payment', date).  Events:
 * payment.received, payment.made, payment.refunded, payment.allocated.
 *
 * A payment's currency must be the documents' currency.  In a foreign
 * currency the payment posts at its own day's rate; each allocation takes
 * off the receivable or payable what the document was booked at (its
 * share, or all that is left when it settles the document in full), and
 * the difference goes to '@fx_gain' or '@fx_loss' in a second entry in
 * the base currency (sql/0014: doc_base, paid_base).  A refund of foreign
 * credit does the same against the rate the credit was booked at.  A
 * credit note's refund is taken in the base currency only.
 *
 * Every call runs in the caller's open transaction, scoped to its tenant;
 * errors come back in err as the database's would (P0002 unknown, 22023
 * malformed, naming the field in field, 23514 a broken rule such as more
 * than is open, 40001 a document not in a state to take it). */
#ifndef PAYMENT_H
#define PAYMENT_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

#define PAYMENT_ID_LEN 37

/* An allocation as given: one of invoice or bill, and the amount. */
typedef struct payment_alloc_in {
	const char *invoice;	/* an invoice's id or number, or NULL */
	const char *bill;	/* a bill's id or number, or NULL */
	int64_t amount;	/* > 0, minor units of the payment's currency */
} payment_alloc_in;

typedef struct payment_in {
	const char *direction;	/* "in" or "out" */
	const char *party;	/* a party's id or code */
	int64_t amount;	/* > 0, minor units */
	const char *currency;	/* NULL: the party's */
	const char *method;	/* cash, bank_transfer ("bank" too), card,
				 * cheque, upi, other */
	const char *account;	/* NULL: '@cash' for cash, else '@bank' */
	const char *payment_date;	/* NULL: today */
	const char *reference, *notes;
	payment_alloc_in *allocs;
	size_t n;
	char field[48];	/* out: the field a refusal is about */
} payment_in;

/* payment_create: writes, numbers and posts a payment and its
 * allocations.  0 with its id, or -1 with err. */
int payment_create(db *d, const char *user_id, payment_in *in,
    char id[PAYMENT_ID_LEN], db_res *err);

/* payment_allocate: allocates n more amounts of a payment's unallocated
 * credit (all or nothing; field names a refused one).  0, or -1 with err. */
int payment_allocate(db *d, const char *payment_id,
    const payment_alloc_in *a, size_t n, char field[48], db_res *err);

/* A refund as given: amount from the source's open credit. */
typedef struct payment_refund_in {
	int64_t amount;	/* > 0 */
	const char *method;	/* NULL: the source's (bank_transfer for a
				 * credit note) */
	const char *account;	/* NULL: as for a payment of that method */
	const char *payment_date;	/* NULL: today */
	const char *reference;
	char field[48];
} payment_refund_in;

/* payment_refund: returns amount of payment_id's unallocated credit to
 * the party: a refund payment (refund_of set) in the other direction,
 * posting the mirror of the source, the source's unallocated reduced.
 * 0 with the refund's id, or -1 with err. */
int payment_refund(db *d, const char *user_id, const char *payment_id,
    payment_refund_in *in, char id[PAYMENT_ID_LEN], db_res *err);

/* payment_refund_credit_note: pays out amount of a credit note's open
 * credit to its customer: a refund payment (Dr '@receivable', Cr bank)
 * allocated to the credit note, which it settles.  0 with the refund's id,
 * or -1 with err. */
int payment_refund_credit_note(db *d, const char *user_id,
    const char *credit_note_id, payment_refund_in *in,
    char id[PAYMENT_ID_LEN], db_res *err);

#endif
