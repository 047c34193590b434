/* linemoney.h: the money of a sales or purchase document's lines, computed
 * on the server only, the same way for orders, invoices and bills.
 *
 * A line's amount is round(quantity * unit_price * (10^6 - discount_ppm)
 * / 10^6), half away from zero, exact in 128 bits; that amount then goes
 * through lib/taxdoc (net or gross by the group's inclusiveness, the
 * business's rounding rule), which gives the line's net, tax and total and
 * the document's totals per tax component. */
#ifndef LINEMONEY_H
#define LINEMONEY_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "books/taxdoc.h"

#define LINEMONEY_MAX 1000	/* lines on one document */
#define LINEMONEY_QTY_MAX 1000000000LL	/* units on one line */

typedef struct linemoney {
	/* in */
	int64_t quantity;	/* > 0 */
	int64_t unit_price;	/* minor units, >= 0 */
	int64_t discount_ppm;	/* 0..10^6: 50000 is 5% */
	const char *tax_group;	/* a tax group code, or NULL: untaxed */
	/* out */
	int64_t net, tax, total;
} linemoney;

/* linemoney_compute: fills every line's net, tax and total and doc's totals
 * for a sale (purchase 0) or a purchase on date.  0; or -1 with err: 22023
 * naming the line for a quantity, price or discount out of range or an
 * amount too large, or taxdoc's refusal (an unknown tax group). */
int linemoney_compute(db *d, const char *date, int purchase, linemoney *lines,
    size_t n, taxdoc *doc, db_res *err);

#endif
