/* linemoney.c: a document's line amounts, then its tax through taxdoc. */
#include "commerce/linemoney.h"

#include <stdlib.h>

#include "base/money.h"

int
linemoney_compute(db *d, const char *date, int purchase, linemoney *lines,
    size_t n, taxdoc *doc, db_res *err)
{
	if (n > LINEMONEY_MAX)
		return db_refuse(err, "22023", "a document has at most %d lines",
		    LINEMONEY_MAX);
	taxdoc_line *t = calloc(n ? n : 1, sizeof(*t));
	if (t == NULL)
		return db_refuse(err, "53200", "out of memory");
	for (size_t i = 0; i < n; i++) {
		linemoney *l = &lines[i];
		int64_t gross;
		if (l->quantity <= 0 || l->quantity > LINEMONEY_QTY_MAX) {
			db_refuse(err, "22023", "line %d: the quantity must be "
			    "a whole number from 1 to %lld", (int)i + 1,
			    (long long)LINEMONEY_QTY_MAX);
			goto fail;
		}
		if (l->unit_price < 0) {
			db_refuse(err, "22023", "line %d: the price cannot be "
			    "negative", (int)i + 1);
			goto fail;
		}
		if (l->discount_ppm < 0 || l->discount_ppm > 1000000) {
			db_refuse(err, "22023", "line %d: the discount must be "
			    "from 0%% to 100%%", (int)i + 1);
			goto fail;
		}
		/* quantity * price first, exactly, then the discount's share */
		if (money_mul_div(l->quantity, l->unit_price, 1, &gross) < 0 ||
		    money_mul_div(gross, 1000000 - l->discount_ppm, 1000000,
		    &t[i].amount) < 0) {
			db_refuse(err, "22003", "line %d: the amount is too "
			    "large", (int)i + 1);
			goto fail;
		}
		t[i].group = l->tax_group;
	}
	if (taxdoc_compute(d, date, purchase, t, n, doc, err) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		lines[i].net = t[i].net;
		lines[i].tax = t[i].tax;
		lines[i].total = t[i].gross;
	}
	free(t);
	return 0;
fail:
	free(t);
	return -1;
}
