/* taxdoc.h: the tax of one document for the caller's business: each
 * line's tax group resolved to the rates in force on the document's date,
 * the business's rounding rule (per line or per document) applied by
 * lib/tax, and the totals per tax component with the account each posts
 * to.  Invoices, bills and orders compute their tax here and nowhere else. */
#ifndef TAXDOC_H
#define TAXDOC_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

#define TAXDOC_MAX_TOTALS 16
#define TAXDOC_CODE_LEN 24

typedef struct taxdoc_line {
	/* in */
	int64_t amount;		/* minor units; gross when the group is
				 * inclusive, else net */
	const char *group;	/* a tax group code ("GST18"), NULL: untaxed */
	/* out */
	int64_t net, tax, gross;
} taxdoc_line;

typedef struct taxdoc_total {
	char rate[TAXDOC_CODE_LEN];	/* the component: "CGST9" */
	char name[64];			/* "CGST 9%" */
	char account[TAXDOC_CODE_LEN];	/* the account's code */
	int64_t tax;
} taxdoc_total;

typedef struct taxdoc {
	int64_t net, tax, gross;
	int per_document;	/* the rounding rule that was applied */
	taxdoc_total totals[TAXDOC_MAX_TOTALS];
	size_t ntotals;
} taxdoc;

/* taxdoc_compute: fills every line's net, tax and gross and doc's totals,
 * for a sale (purchase 0: tax collected, to the rates' sales accounts) or
 * a purchase (tax paid, to their purchase accounts), on date.  Returns 0;
 * or -1 with err saying why: 22023 for a group unknown, archived or with
 * a component that has no rate on that date (the message names it), else
 * the database's error or a result too large. */
int taxdoc_compute(db *d, const char *date, int purchase, taxdoc_line *lines,
    size_t n, taxdoc *doc, db_res *err);

#endif
