/* ledger.c: posting to the books, through the database's own functions
 * (ledger_post, ledger_reverse, books_open_year, books_close_year), so the
 * rules of conversion, rounding and chaining are written once, beside the
 * invariants that guard them. */
#include "books/ledger.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_MAX (4u << 20)	/* an entry of thousands of lines fits */

/* one_id: the single uuid a function returned, into id ("" for NULL). */
static int
one_id(db *d, const char *sql, int n, const char *const *p,
    char id[LEDGER_ID_LEN], db_res *err)
{
	db_res r;
	if (db_exec(d, &r, sql, n, p) < 0) {
		*err = r;
		return -1;
	}
	const char *v = db_text(&r, 0, 0);
	snprintf(id, LEDGER_ID_LEN, "%s", v ? v : "");
	db_res_clear(&r);
	memset(err, 0, sizeof(*err));
	return 0;
}

/* column: one field of every line, as a SQL array literal. */
enum column { COL_ACCOUNT, COL_DEBIT, COL_CREDIT, COL_PARTY, COL_TAX,
	COL_MEMO, NCOLS };

static int
column(buf *b, const ledger_entry *e, enum column col)
{
	size_t n = e->nlines;
	const char **items = calloc(n ? n : 1, sizeof(*items));
	char (*nums)[24] = calloc(n ? n : 1, sizeof(*nums));
	int rc = -1;
	if (items == NULL || nums == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		const ledger_line *l = &e->lines[i];
		switch (col) {
		case COL_ACCOUNT: items[i] = l->account; break;
		case COL_DEBIT:
		case COL_CREDIT:
			snprintf(nums[i], sizeof(nums[i]), "%" PRId64,
			    col == COL_DEBIT ? l->debit : l->credit);
			items[i] = nums[i];
			break;
		case COL_PARTY: items[i] = l->party_id; break;
		case COL_TAX: items[i] = l->tax_code; break;
		case COL_MEMO: items[i] = l->memo; break;
		case NCOLS: break;
		}
	}
	rc = db_array(b, items, n);
out:
	free(items);
	free(nums);
	return rc;
}

int
ledger_post(db *d, const char *user_id, const ledger_entry *e,
    char id[LEDGER_ID_LEN], db_res *err)
{
	buf cols[NCOLS];
	int rc = -1;
	memset(err, 0, sizeof(*err));
	for (int i = 0; i < NCOLS; i++)
		buf_init(&cols[i], ARRAY_MAX);
	for (int i = 0; i < NCOLS; i++)
		if (column(&cols[i], e, (enum column)i) < 0) {
			err->error = "the entry is too large";
			snprintf(err->sqlstate, sizeof(err->sqlstate), "54000");
			goto out;
		}
	const char *p[14] = { e->date, e->memo, e->source_type ? e->source_type
	    : "manual", e->source_id, e->currency, e->rate, NULL,
	    buf_str(&cols[COL_ACCOUNT]), buf_str(&cols[COL_DEBIT]),
	    buf_str(&cols[COL_CREDIT]), buf_str(&cols[COL_PARTY]),
	    buf_str(&cols[COL_TAX]), buf_str(&cols[COL_MEMO]), user_id };
	rc = one_id(d, "SELECT ledger_post($1::date, $2, $3, $4, coalesce($5, "
	    "(SELECT base_currency FROM tenants WHERE id = bursar_tenant())), "
	    "$6::numeric, $7::uuid, $8::text[], $9::bigint[], $10::bigint[], "
	    "$11::uuid[], $12::text[], $13::text[], $14::uuid)", 14, p, id,
	    err);
out:
	for (int i = 0; i < NCOLS; i++)
		buf_free(&cols[i]);
	return rc;
}

int
ledger_reverse(db *d, const char *user_id, const char *entry_id,
    const char *date, const char *memo, char id[LEDGER_ID_LEN], db_res *err)
{
	const char *p[4] = { entry_id, date, memo, user_id };
	return one_id(d, "SELECT ledger_reverse($1::uuid, $2::date, $3, "
	    "$4::uuid)", 4, p, id, err);
}

int
ledger_open_year(db *d, const char *start, char id[LEDGER_ID_LEN],
    db_res *err)
{
	const char *p[1] = { start };
	return one_id(d, "SELECT books_open_year($1::date)", 1, p, id, err);
}

int
ledger_close_year(db *d, const char *user_id, const char *year_id,
    char id[LEDGER_ID_LEN], db_res *err)
{
	const char *p[2] = { year_id, user_id };
	return one_id(d, "SELECT books_close_year($1::uuid, $2::uuid)", 2, p,
	    id, err);
}

int
ledger_set_period(db *d, const char *period_id, int closed, db_res *err)
{
	const char *p[2] = { period_id, closed ? "true" : "false" };
	char id[LEDGER_ID_LEN];
	if (one_id(d, "UPDATE periods SET closed = $2::boolean WHERE id = "
	    "$1::uuid RETURNING id", 2, p, id, err) < 0)
		return -1;
	if (id[0] == '\0') {
		err->error = "no such period";
		snprintf(err->sqlstate, sizeof(err->sqlstate), "P0002");
		return -1;
	}
	return 0;
}
