/* tax.h: the tax on a document's lines, exact, by the product's documented
 * rounding rule.
 *
 * Amounts are integer minor units (money.h); a rate is one component of a
 * tax code (CGST 9%, SGST 9%, IGST 18%, VAT 20%) in integer parts per
 * million: 9% is 90000, 5.5% is 55000, 18% is 180000.  Every division is
 * exact in 128 bits and rounds half away from zero (money_mul_div), so a
 * -100.00 line always gets the negative of what a 100.00 line gets.
 *
 * The rule, for a line of `amount` under a code whose components have the
 * rates r[0..ncomp) summing to R:
 *
 *   Exclusive (the amount is net): tax[c] = round(amount * r[c] / 10^6);
 *   net = amount; gross = net + the sum of tax[c].
 *
 *   Inclusive (the amount is gross): tax[c] = round(amount * r[c] /
 *   (10^6 + R)); net = amount - the sum of tax[c]; gross = amount.  A gross
 *   price is never changed by rounding; the net absorbs it.
 *
 *   Each component is rounded on its own (CGST and SGST post to separate
 *   accounts), so 9% + 9% can differ by a minor unit from one 18%.
 *
 *   TAX_ROUND_LINE: each line is rounded as above, on its own.
 *
 *   TAX_ROUND_DOCUMENT: the lines of one code are a group, its inclusive
 *   and its exclusive lines two separate groups.  For each group and each
 *   component, the document's tax T is rounded once on the sum S of the
 *   group's amounts: T = round(S * r[c] / D), D being 10^6 (exclusive) or
 *   10^6 + R (inclusive).  T is then allocated to the group's lines so that
 *   their tax[c] add up to T exactly: each line first gets its exact share
 *   amount * r[c] / D cut toward zero; the minor units still missing (T
 *   less the sum of those) go one each to the lines whose share had the
 *   largest remainder, the earlier line first on a tie.  When the missing
 *   units are negative (credit lines), -1 each goes to the lines with the
 *   most negative remainders, so a document of negated lines gets exactly
 *   the negated taxes.  Every line's tax[c] is thus its exact share
 *   rounded one way or the other, never further.  net and gross then follow
 *   from tax[] as in per-line rounding.
 *
 * Untaxed lines (ncomp 0) get no tax: net = gross = amount. */
#ifndef TAX_H
#define TAX_H

#include <stddef.h>
#include <stdint.h>

#define TAX_MAX_COMPONENTS 4
#define TAX_PPM 1000000		/* 100% */
#define TAX_RATE_MAX 10000000	/* the largest rate accepted: 1000% */

enum tax_rounding { TAX_ROUND_LINE, TAX_ROUND_DOCUMENT };

typedef struct tax_line {
	/* in */
	int64_t amount;	/* minor units: gross when inclusive, else net */
	int code;	/* the line's tax code (group); per document, the lines
			 * of one code round together, and must all carry
			 * the same components */
	int inclusive;	/* non-zero: the amount includes the tax */
	size_t ncomp;	/* components of the code, 0..TAX_MAX_COMPONENTS
			 * (0: untaxed) */
	int64_t rate_ppm[TAX_MAX_COMPONENTS];	/* each 0..TAX_RATE_MAX */
	/* out */
	int64_t net, gross;	/* minor units */
	int64_t tax[TAX_MAX_COMPONENTS];	/* by component; 0 past ncomp */
} tax_line;

/* tax_compute: fills net, gross and tax[] of lines[0..n) by the rule
 * above.  Pure: no allocation, nothing read but the lines.  Returns 0; or
 * -1 when a rate is negative or above TAX_RATE_MAX, an ncomp is above
 * TAX_MAX_COMPONENTS, two lines of one code carry different components,
 * the mode is unknown, or a result (or, per document, a group's sum of
 * amounts) does not fit in int64_t.  After -1 the out fields are not
 * meaningful. */
int tax_compute(tax_line *lines, size_t n, enum tax_rounding mode);

#endif
