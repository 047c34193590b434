/* statement.h: a customer's or a supplier's statement: the balance
 * brought forward at the start of the period, every document and payment
 * in date order with the running balance, the balance at the end, and the
 * aging of what is open.
 *
 * A customer's balance is what the customer owes: invoices add, credit
 * notes and payments received take away, refunds paid out add back.  A
 * supplier's is what the business owes: bills add, payments made take
 * away, refunds received add back.  Drafts and void documents are left
 * out (a void nets to nothing).  One currency per statement: the
 * documents in another are on that currency's statement.
 *
 * The aging sorts what is open today by how far past due it is at the
 * statement's end date: current (not yet due), 1-30, 31-60, 61-90 and
 * over 90 days; credit not yet applied (unallocated payments, the open
 * part of credit notes) is shown beside it. */
#ifndef STATEMENT_H
#define STATEMENT_H

#include <cJSON.h>

#include "db/db.h"

#define STATEMENT_MAX_LINES 10000

/* A statement as asked for; NULL members take their defaults. */
typedef struct statement_in {
	const char *party;	/* a party's id or code */
	const char *side;	/* "customer" or "supplier"; NULL: customer
				 * when the party is one, else supplier */
	const char *currency;	/* NULL: the party's */
	const char *from;	/* NULL: from the first document */
	const char *to;		/* NULL: today */
	char field[48];	/* out: the field a refusal is about */
} statement_in;

/* statement_build: the statement as a JSON object: party {id, code,
 * name}, side, currency, digits, from, to, #opening, items [{date, kind
 * (invoice, credit_note, payment, refund, bill), id, number, reference,
 * #debit, #credit, #balance}], #closing, aging {#current, #days_1_30,
 * #days_31_60, #days_61_90, #days_over_90, #total, #unapplied_credit},
 * open_items [{kind, id, number, due_date, #days_overdue, #open}].  Amounts
 * are exact integers (api_int) in minor units of currency.  0 with *out
 * (the caller deletes it), or -1 with err (P0002 no such party, 22023
 * naming in->field, 54000 more than STATEMENT_MAX_LINES lines). */
int statement_build(db *d, statement_in *in, cJSON **out, db_res *err);

#endif
