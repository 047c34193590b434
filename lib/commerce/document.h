/* document.h: what the document modules (lib/invoice, lib/bill,
 * lib/payment) do alike when they check and store a document: a refusal
 * that names the field, the currency and the accounts a document may use,
 * and a document's lines and tax components computed and written in one
 * statement each.  Every call runs in the caller's transaction. */
#ifndef DOCUMENT_H
#define DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "db/db.h"
#include "commerce/linemoney.h"
#include "books/taxdoc.h"

/* document_refuse: db_refuse (err holds no result), and the name of the
 * field refused copied into *field (48 bytes) when field is not NULL.
 * Always -1. */
int document_refuse(char *field, db_res *err, const char *sqlstate,
    const char *name, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* document_i64s: v as decimal text, for a query parameter */
void document_i64s(char out[24], int64_t v);

/* document_opt: s, or NULL when s is NULL or "" */
const char *document_opt(const char *s);

/* document_add_str: o[k] = v as a string, or null when v is NULL */
void document_add_str(cJSON *o, const char *k, const char *v);

/* document_currency: code is a known currency; 0, or -1 with err (22023
 * naming "currency" in *field) */
int document_currency(db *d, const char *code, char *field, db_res *err);

/* A document's party, found: its row (r) holds what the members point
 * into. */
typedef struct document_party {
	db_res r;
	const char *id, *currency, *today, *tenant;
} document_party;

/* document_find_party: the party ref (an id or a code) that the document's
 * role ("customer" or "supplier") needs: it exists, plays that role and
 * is not archived.  0 (clear pt->r), or -1 with err (22023 naming role in
 * *field) and pt->r cleared */
int document_find_party(db *d, const char *role, const char *ref,
    document_party *pt, char *field, db_res *err);

/* document_account: whether account (a code, or "@role") is an open
 * account that takes postings, of one of types (NULL-terminated): 1 or
 * 0; -1 with err */
int document_account(db *d, const char *account, const char *const *types,
    db_res *err);

/* A line as a document stores it.  Invoices use every member; bills have
 * no unit, discount or source, and mark lines of tracked products;
 * orders have no unit, account or source. */
typedef struct document_line {
	const char *product_id, *description, *unit, *tax_group, *account;
	const char *source_type, *source_id;	/* what the line bills */
	int stock;	/* a bill's tracked product: into inventory, not to
			 * account */
	linemoney m;
} document_line;

/* document_accounts: every line's account but those of stock lines is
 * acceptable to document_account with types; else -1 with err (22023
 * naming "lines[i].account", saying it is not an open <what> account
 * that takes postings).  0 or -1. */
int document_accounts(db *d, const document_line *l, size_t n,
    const char *const *types, const char *what, char *field, db_res *err);

/* document_compute: the lines' money on date, for a sale (purchase 0)
 * or a purchase, into each line and doc's totals; linemoney_compute's
 * answer (0, or -1 with err) */
int document_compute(db *d, const char *date, int purchase,
    document_line *l, size_t n, taxdoc *doc, db_res *err);

/* The documents whose lines document_store writes. */
typedef enum document_kind { DOCUMENT_INVOICE, DOCUMENT_BILL, DOCUMENT_ORDER }
    document_kind;

/* document_store: replaces the lines and the tax components of document
 * id of kind k by l and doc's totals.  0; or -1 with err (54000 when the
 * lines are too large to send) */
int document_store(db *d, document_kind k, const char *id,
    const document_line *l, size_t n, const taxdoc *doc, db_res *err);
/* document_store_new: document_store for a document inserted in this
 * transaction, which has no lines or tax components to replace yet. */
int document_store_new(db *d, document_kind k, const char *id,
    const document_line *l, size_t n, const taxdoc *doc, db_res *err);

/* document_delete: deletes document id of kind k, a draft, with its tax
 * components (its lines go with it), and records "<kind>.deleted".  0;
 * or -1 with err: P0002 for no such document, 40001 for one that is not
 * a draft (the message ending with instead: what to do about it). */
int document_delete(db *d, document_kind k, const char *id,
    const char *instead, db_res *err);

/* document_settle: amount (minor units, > 0) more of document id of kind
 * k (an invoice, a credit note or a bill) paid, its status moved on
 * (paid, overdue or partially paid), and "<kind>.paid" recorded once it
 * is paid (never for a credit note).  0; or -1 with err: P0002 for no
 * such document, 22023 for an amount not above zero, 40001 for a draft
 * or a void one, 23514 for more than is open. */
int document_settle(db *d, document_kind k, const char *id, int64_t amount,
    db_res *err);

/* document_mark_overdue: every open document of kind k (an invoice or a
 * bill) past its due date marked overdue, with "<kind>.overdue" for each;
 * how many into *n.  0, or -1 with err. */
int document_mark_overdue(db *d, document_kind k, int *n, db_res *err);

#endif
