/* tax.c: tax on document lines, per line or per document (see tax.h). */
#include "books/tax.h"

#include "base/money.h"

__extension__ typedef __int128 i128;

static int
fits(i128 v)
{
	return v >= INT64_MIN && v <= INT64_MAX;
}

/* same_rates: 1 when a and b carry the same components. */
static int
same_rates(const tax_line *a, const tax_line *b)
{
	if (a->ncomp != b->ncomp)
		return 0;
	for (size_t c = 0; c < a->ncomp; c++)
		if (a->rate_ppm[c] != b->rate_ppm[c])
			return 0;
	return 1;
}

/* check: 0 when every rate and ncomp is in range and the lines of each
 * code agree on its components; -1 otherwise. */
static int
check(const tax_line *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const tax_line *l = &lines[i];
		if (l->ncomp > TAX_MAX_COMPONENTS)
			return -1;
		for (size_t c = 0; c < l->ncomp; c++)
			if (l->rate_ppm[c] < 0 || l->rate_ppm[c] > TAX_RATE_MAX)
				return -1;
		for (size_t j = 0; j < i; j++)
			if (lines[j].code == l->code) {
				if (!same_rates(&lines[j], l))
					return -1;
				break;
			}
	}
	return 0;
}

/* divisor: what amount * rate is divided by for l's tax. */
static int64_t
divisor(const tax_line *l)
{
	int64_t d = TAX_PPM;
	if (l->inclusive)
		for (size_t c = 0; c < l->ncomp; c++)
			d += l->rate_ppm[c];
	return d;
}

/* finish: net and gross from l's amount and tax[]; 0 or -1 (overflow). */
static int
finish(tax_line *l)
{
	i128 sum = 0;
	for (size_t c = 0; c < l->ncomp; c++)
		sum += l->tax[c];
	i128 other = l->inclusive ? (i128)l->amount - sum
	    : (i128)l->amount + sum;
	if (!fits(other))
		return -1;
	l->net = l->inclusive ? (int64_t)other : l->amount;
	l->gross = l->inclusive ? l->amount : (int64_t)other;
	return 0;
}

static int
per_line(tax_line *l)
{
	int64_t d = divisor(l);
	for (size_t c = 0; c < l->ncomp; c++)
		if (money_mul_div(l->amount, l->rate_ppm[c], d,
		    &l->tax[c]) != 0)
			return -1;
	return 0;
}

/* same_group: 1 when a and b round together per document. */
static int
same_group(const tax_line *a, const tax_line *b)
{
	return a->code == b->code && !a->inclusive == !b->inclusive;
}

/* count_at_least: how many lines of the group starting at lines[first]
 * have sign * (their share's remainder) >= v. */
static i128
count_at_least(const tax_line *lines, size_t first, size_t n, size_t c,
    int sign, int64_t v)
{
	const tax_line *g = &lines[first];
	int64_t d = divisor(g);
	i128 k = 0;
	for (size_t i = first; i < n; i++) {
		if (!same_group(&lines[i], g))
			continue;
		i128 rem = (i128)lines[i].amount * g->rate_ppm[c] % d;
		if (sign * rem >= v)
			k++;
	}
	return k;
}

/* allocate: component c of the group whose first line is lines[first],
 * rounded once on the group's sum and spread over its lines by largest
 * remainder (tax.h).  0, or -1 on overflow. */
static int
allocate(tax_line *lines, size_t first, size_t n, size_t c)
{
	const tax_line *g = &lines[first];
	int64_t rate = g->rate_ppm[c], d = divisor(g);

	i128 sum = 0;
	for (size_t i = first; i < n; i++)
		if (same_group(&lines[i], g)) {
			sum += lines[i].amount;
			if (!fits(sum))
				return -1;
		}
	int64_t total;
	if (money_mul_div((int64_t)sum, rate, d, &total) != 0)
		return -1;

	/* each line's exact share, cut toward zero */
	i128 base = 0;
	for (size_t i = first; i < n; i++)
		if (same_group(&lines[i], g)) {
			i128 q = (i128)lines[i].amount * rate / d;
			if (!fits(q))
				return -1;
			lines[i].tax[c] = (int64_t)q;
			base += q;
		}
	i128 missing = total - base;
	if (missing == 0)
		return 0;

	/* The |missing| units go to the lines with the largest sign * rem.
	 * |missing| never exceeds the number of lines whose remainder has
	 * that sign (T is within half a unit of the exact sum, and each
	 * remainder is under one unit), so every unit lands on a line whose
	 * exact share it rounds away from zero.  Find the threshold lo: the
	 * largest with at least |missing| keys >= lo; keys above it all get
	 * one, keys equal to it the rest, earlier lines first. */
	int sign = missing > 0 ? 1 : -1;
	i128 want = missing * sign;
	int64_t lo = 1, hi = d - 1;
	if (count_at_least(lines, first, n, c, sign, lo) < want)
		return -1;	/* cannot happen: see above */
	while (lo < hi) {
		int64_t mid = lo + (hi - lo + 1) / 2;
		if (count_at_least(lines, first, n, c, sign, mid) >= want)
			lo = mid;
		else
			hi = mid - 1;
	}
	i128 at_v = want - count_at_least(lines, first, n, c, sign, lo + 1);
	for (size_t i = first; i < n; i++) {
		if (!same_group(&lines[i], g))
			continue;
		i128 key = sign * ((i128)lines[i].amount * rate % d);
		if (key < lo)
			continue;
		if (key == lo) {
			if (at_v == 0)
				continue;
			at_v--;
		}
		i128 t = (i128)lines[i].tax[c] + sign;
		if (!fits(t))
			return -1;
		lines[i].tax[c] = (int64_t)t;
	}
	return 0;
}

static int
per_document(tax_line *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < i && !same_group(&lines[j], &lines[i]))
			j++;
		if (j < i)
			continue;	/* done with its group's first line */
		for (size_t c = 0; c < lines[i].ncomp; c++)
			if (allocate(lines, i, n, c) != 0)
				return -1;
	}
	return 0;
}

int
tax_compute(tax_line *lines, size_t n, enum tax_rounding mode)
{
	if (n > 0 && lines == NULL)
		return -1;
	if (mode != TAX_ROUND_LINE && mode != TAX_ROUND_DOCUMENT)
		return -1;
	if (check(lines, n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; c < TAX_MAX_COMPONENTS; c++)
			lines[i].tax[c] = 0;
	if (mode == TAX_ROUND_LINE) {
		for (size_t i = 0; i < n; i++)
			if (per_line(&lines[i]) != 0)
				return -1;
	} else if (per_document(lines, n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (finish(&lines[i]) != 0)
			return -1;
	return 0;
}
