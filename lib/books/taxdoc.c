/* taxdoc.c: a document's tax, from the rates in force and the business's
 * rounding rule, through lib/tax's exact arithmetic. */
#include "books/taxdoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "books/tax.h"

struct comp {
	char group[TAXDOC_CODE_LEN], rate[TAXDOC_CODE_LEN];
	char name[64], account[TAXDOC_CODE_LEN];
	int64_t ppm;
	int inclusive;
};

/* The last load of one transaction (db_tx_serial): a document made from
 * another in the same request (an order's invoice on placing it) names
 * the same groups on the same day, and reads what the first one read. */
static struct {
	db *d;
	unsigned long serial;
	char date[16];
	int purchase, per_doc;
	char *groups;		/* the groups' array as sent */
	struct comp *c;
	size_t n;
} memo;

static void
memo_forget(void)
{
	free(memo.groups);
	free(memo.c);
	memset(&memo, 0, sizeof(memo));
}

/* memo_get: the components remembered for this load into out (the
 * caller's to free); 1, or 0 when none are */
static int
memo_get(db *d, const char *date, int purchase, const char *groups,
    struct comp **out, size_t *nout, int *per_doc)
{
	unsigned long serial = db_tx_serial(d);
	if (serial == 0 || date == NULL || memo.d != d || memo.serial != serial ||
	    memo.purchase != purchase || strcmp(memo.date, date) != 0 ||
	    strcmp(memo.groups, groups) != 0)
		return 0;
	struct comp *c = calloc(memo.n ? memo.n : 1, sizeof(*c));
	if (c == NULL)
		return 0;
	memcpy(c, memo.c, memo.n * sizeof(*c));
	*out = c;
	*nout = memo.n;
	*per_doc = memo.per_doc;
	return 1;
}

static void
memo_put(db *d, const char *date, int purchase, const char *groups,
    const struct comp *c, size_t n, int per_doc)
{
	memo_forget();
	unsigned long serial = db_tx_serial(d);
	if (serial == 0 || date == NULL || strlen(date) >= sizeof(memo.date))
		return;
	memo.groups = strdup(groups);
	memo.c = calloc(n ? n : 1, sizeof(*memo.c));
	if (memo.groups == NULL || memo.c == NULL) {
		memo_forget();
		return;
	}
	memcpy(memo.c, c, n * sizeof(*c));
	memo.n = n;
	memo.d = d;
	memo.serial = serial;
	memo.purchase = purchase;
	memo.per_doc = per_doc;
	snprintf(memo.date, sizeof(memo.date), "%s", date);
}

/* load: the rounding rule and every component of the groups the lines
 * name, in one query (or none, when this transaction read them). */
static int
load(db *d, const char *date, int purchase, const taxdoc_line *lines,
    size_t n, struct comp **out, size_t *nout, int *per_doc, db_res *err)
{
	const char **groups = calloc(n ? n : 1, sizeof(*groups));
	buf arr = BUF_INIT(1u << 20);
	db_res r = {0};
	int rc = -1;
	if (groups == NULL)
		goto out;
	for (size_t i = 0; i < n; i++)
		groups[i] = lines[i].group;
	if (db_array(&arr, groups, n) < 0) {
		db_refuse(err, "54000", "too many lines");
		goto out;
	}
	if (memo_get(d, date, purchase, buf_str(&arr), out, nout, per_doc)) {
		rc = 0;
		goto out;
	}
	const char *p[3] = { buf_str(&arr), date, purchase ? "t" : "f" };
	if (db_exec(d, &r, "SELECT coalesce((SELECT tax_rounding = 'document' "
	    "FROM books_settings), false), g.code, c.rate_code, c.name, "
	    "c.rate_ppm, c.inclusive, CASE WHEN $3::boolean THEN "
	    "c.purchase_account ELSE c.sales_account END FROM (SELECT DISTINCT "
	    "code FROM unnest($1::text[]) code WHERE code IS NOT NULL) g LEFT "
	    "JOIN LATERAL tax_components(g.code, $2::date) c ON true ORDER BY "
	    "g.code", 3, p) < 0) {
		*err = r;
		memset(&r, 0, sizeof(r));
		goto out;
	}
	*per_doc = 0;
	db_bool(&r, 0, 0, per_doc);
	struct comp *c = calloc(r.rows ? (size_t)r.rows : 1, sizeof(*c));
	if (c == NULL)
		goto out;
	for (int i = 0; i < r.rows; i++) {
		if (db_isnull(&r, i, 2)) {
			char msg[128];
			snprintf(msg, sizeof(msg), "tax group %s is unknown, "
			    "archived, or has no rate on %s", db_text(&r, i, 1),
			    date);
			free(c);
			db_refuse(err, "22023", "%s", msg);
			goto out;
		}
		snprintf(c[i].group, sizeof(c[i].group), "%s", db_text(&r, i, 1));
		snprintf(c[i].rate, sizeof(c[i].rate), "%s", db_text(&r, i, 2));
		snprintf(c[i].name, sizeof(c[i].name), "%s", db_text(&r, i, 3));
		db_i64(&r, i, 4, &c[i].ppm);
		db_bool(&r, i, 5, &c[i].inclusive);
		snprintf(c[i].account, sizeof(c[i].account), "%s",
		    db_text(&r, i, 6));
	}
	*out = c;
	*nout = (size_t)r.rows;
	memo_put(d, date, purchase, buf_str(&arr), c, *nout, *per_doc);
	rc = 0;
out:
	db_res_clear(&r);
	buf_free(&arr);
	free(groups);
	return rc;
}

/* total: the running total for one component, added on first sight */
static taxdoc_total *
total(taxdoc *doc, const struct comp *c)
{
	for (size_t i = 0; i < doc->ntotals; i++)
		if (strcmp(doc->totals[i].rate, c->rate) == 0 &&
		    strcmp(doc->totals[i].account, c->account) == 0)
			return &doc->totals[i];
	if (doc->ntotals == TAXDOC_MAX_TOTALS)
		return NULL;
	taxdoc_total *t = &doc->totals[doc->ntotals++];
	snprintf(t->rate, sizeof(t->rate), "%s", c->rate);
	snprintf(t->name, sizeof(t->name), "%s", c->name);
	snprintf(t->account, sizeof(t->account), "%s", c->account);
	t->tax = 0;
	return t;
}

int
taxdoc_compute(db *d, const char *date, int purchase, taxdoc_line *lines,
    size_t n, taxdoc *doc, db_res *err)
{
	struct comp *comps = NULL;
	size_t ncomps = 0;
	int per_doc = 0, rc = -1;
	memset(doc, 0, sizeof(*doc));
	memset(err, 0, sizeof(*err));
	tax_line *tl = calloc(n ? n : 1, sizeof(*tl));
	/* per line: where its components start in comps */
	size_t *first = calloc(n ? n : 1, sizeof(*first));
	if (tl == NULL || first == NULL)
		goto out;
	if (load(d, date, purchase, lines, n, &comps, &ncomps, &per_doc,
	    err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		tl[i].amount = lines[i].amount;
		if (lines[i].group == NULL)
			continue;
		for (size_t k = 0; k < ncomps; k++) {
			if (strcmp(comps[k].group, lines[i].group) != 0)
				continue;
			if (tl[i].ncomp == 0) {
				first[i] = k;
				/* a group's index in comps names it for tax */
				tl[i].code = (int)k + 1;
				tl[i].inclusive = comps[k].inclusive;
			}
			if (tl[i].ncomp == TAX_MAX_COMPONENTS) {
				db_refuse(err, "22023", "a tax group has more than "
				    "four components");
				goto out;
			}
			tl[i].rate_ppm[tl[i].ncomp++] = comps[k].ppm;
		}
	}
	if (tax_compute(tl, n, per_doc ? TAX_ROUND_DOCUMENT :
	    TAX_ROUND_LINE) < 0) {
		db_refuse(err, "22003", "the tax of this document is out of range");
		goto out;
	}
	doc->per_document = per_doc;
	for (size_t i = 0; i < n; i++) {
		lines[i].net = tl[i].net;
		lines[i].gross = tl[i].gross;
		lines[i].tax = tl[i].gross - tl[i].net;
		doc->net += tl[i].net;
		doc->tax += lines[i].tax;
		doc->gross += tl[i].gross;
		for (size_t c = 0; c < tl[i].ncomp; c++) {
			taxdoc_total *t = total(doc, &comps[first[i] + c]);
			if (t == NULL) {
				db_refuse(err, "54000", "too many tax components "
				    "in one document");
				goto out;
			}
			t->tax += tl[i].tax[c];
		}
	}
	rc = 0;
out:
	free(comps);
	free(first);
	free(tl);
	return rc;
}
