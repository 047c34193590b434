/* invoice.h: sales invoices and credit notes, their lifecycle and their
 * postings.  A draft holds generic lines (from an order, time billing, a
 * trade contract, or typed), whose money is computed by lib/linemoney.
 * Issuing assigns the next number of the business's financial year from a
 * locked counter (doc_next_number: no gaps, safe under concurrency),
 * fixes the seller's name, address and tax id on it as they are then
 * (a draft shows the business's current ones), posts receivable against income and each tax component's account
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

#include "db/db.h"

#define INVOICE_ID_LEN 37

/* invoice_from_order: drafts the invoice of order_id (its lines, prices,
 * discounts and taxes, the party's terms) and, when issue is non-zero,
 * issues it on date.  An order has at most one invoice that is not void.
 * 0 with the invoice's id, or -1 with err. */
int invoice_from_order(db *d, const char *user_id, const char *order_id,
    const char *date, int issue, char id[INVOICE_ID_LEN], db_res *err);

/* invoice_order_once: invoice_from_order issuing, for an order moving to
 * where its business invoices it: an order invoiced already is left as it
 * is.  0, or -1 with err. */
int invoice_order_once(db *d, const char *user_id, const char *order_id,
    const char *date, db_res *err);

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

/* ---- drafts, voids and credit notes (cgi-bin/invoices) ---- */

/* A line as given.  Unknown parts are filled from the product when there
 * is one: description (its name), unit, unit_price (its price in the
 * invoice's currency), tax_group (its group) and account ('@sales' for
 * goods, '@services' for a service). */
typedef struct invoice_line_in {
	const char *product;	/* a product's id or SKU, or NULL */
	const char *description;	/* NULL: the product's name */
	const char *unit;	/* NULL: the product's unit, or "" */
	int64_t quantity;	/* > 0 */
	int64_t unit_price;	/* minor units; -1: the product's price */
	int64_t discount_ppm;	/* 0..10^6 */
	const char *tax_group;	/* NULL: the product's; "": untaxed */
	const char *account;	/* NULL: by product; an income code or '@role' */
	const char *source_type, *source_id;	/* where the line came from */
	int line;	/* a credit note's line: the invoice's line_no it
			 * takes back (its price, tax and account), 0: none */
} invoice_line_in;

/* A draft as given.  On a change to a draft, a NULL member keeps what the
 * draft has ("" clears the dates), and set_lines 0 keeps its lines. */
typedef struct invoice_in {
	const char *customer;	/* a party's id or code */
	const char *currency;	/* NULL: the customer's */
	const char *issue_date;	/* NULL: the day it is issued */
	const char *due_date;	/* NULL: the issue date + the customer's terms */
	const char *reference, *notes;
	invoice_line_in *lines;
	size_t n;
	int set_lines;
	char field[48];	/* out: the field a refusal is about ("" none) */
} invoice_in;

/* invoice_draft: writes a new draft (id NULL) or changes the draft id,
 * its lines computed by lib/linemoney, its tax per component kept in
 * document_taxes, the customer's billing address copied; records
 * invoice.created or invoice.updated.  0 with its id in out, or -1 with
 * err (22023 malformed or unknown, naming in->field; 40001 not a draft). */
int invoice_draft(db *d, const char *user_id, const char *id, invoice_in *in,
    char out[INVOICE_ID_LEN], db_res *err);

/* invoice_delete: removes a draft (invoice.deleted).  0, or -1 with err. */
int invoice_delete(db *d, const char *invoice_id, db_res *err);

/* invoice_void: voids an issued invoice on which nothing is settled by
 * reversing its entry on date (NULL: today); the number stays used;
 * invoice.voided.  0, or -1 with err (40001 when anything is settled or
 * credited: a credit note is the way then). */
int invoice_void(db *d, const char *user_id, const char *invoice_id,
    const char *date, db_res *err);

/* A credit note as given: all, or lines (each either line, a line of the
 * invoice with the quantity taken back, or a line of its own). */
typedef struct invoice_credit_in {
	int all;
	invoice_line_in *lines;
	size_t n;
	const char *reason;
	const char *date;	/* NULL: today */
	char field[48];
} invoice_credit_in;

/* invoice_credit: issues a credit note against an issued invoice: its own
 * gapless number, the mirror posting (income and tax debited, receivable
 * credited), then its amount settles the invoice up to what is open there
 * (a payment_allocations row); the rest stays as the customer's credit,
 * the credit note's open amount.  No more can be credited than was
 * invoiced less earlier credit notes (23514).  credit_note.issued.  0 with
 * the credit note's id, or -1 with err. */
int invoice_credit(db *d, const char *user_id, const char *invoice_id,
    invoice_credit_in *in, char id[INVOICE_ID_LEN], db_res *err);

#endif
