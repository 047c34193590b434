/* document.c: checking and storing a document's lines and taxes, the same
 * way for invoices and bills */
#include "commerce/document.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "db/outbox.h"

#define ARRAY_MAX (8u << 20)	/* one column of lines as a SQL array */
#define FIELD_LEN 48		/* the callers' field buffers */

int
document_refuse(char *field, db_res *err, const char *sqlstate,
    const char *name, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (field)
		snprintf(field, FIELD_LEN, "%s", name ? name : "");
	return db_refuse(err, sqlstate, "%s", msg);
}

void
document_i64s(char out[24], int64_t v)
{
	snprintf(out, 24, "%" PRId64, v);
}

const char *
document_opt(const char *s)
{
	return s && *s ? s : NULL;
}

void
document_add_str(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

int
document_currency(db *d, const char *code, char *field, db_res *err)
{
	if (!api_matches("^[A-Z]{3}$", code))
		return document_refuse(field, err, "22023", "currency",
		    "currency: a currency code (INR)");
	db_res r;
	const char *p[1] = { code };
	if (db_run(d, &r, "SELECT 1 FROM currencies WHERE code = $1", 1, p,
	    err) < 0)
		return -1;
	int known = r.rows == 1;
	db_res_clear(&r);
	return known ? 0 : document_refuse(field, err, "22023", "currency",
	    "currency: no such currency");
}

int
document_find_party(db *d, const char *role, const char *ref,
    document_party *pt, char *field, db_res *err)
{
	memset(pt, 0, sizeof(*pt));
	if (!document_opt(ref))
		return document_refuse(field, err, "22023", role, "%s: choose a "
		    "%s (an id or a code)", role, role);
	const char *p[1] = { ref };
	if (db_run(d, &pt->r, api_uuid_ok(ref) ? "SELECT id::text, currency, "
	    "current_date::text, bursar_tenant()::text, is_customer, "
	    "is_supplier, archived FROM parties WHERE id = $1::uuid" : "SELECT "
	    "id::text, currency, current_date::text, bursar_tenant()::text, "
	    "is_customer, is_supplier, archived FROM parties WHERE code = $1", 1,
	    p, err) < 0)
		return -1;
	int plays = 0, archived = 0;
	if (pt->r.rows == 1) {
		db_bool(&pt->r, 0, strcmp(role, "customer") == 0 ? 4 : 5, &plays);
		db_bool(&pt->r, 0, 6, &archived);
	}
	if (!plays || archived) {
		document_refuse(field, err, "22023", role, "%s: %s", role,
		    pt->r.rows == 0 ? (strcmp(role, "customer") == 0 ?
		    "no such customer" : "no such supplier") : archived ?
		    "the party is archived" : strcmp(role, "customer") == 0 ?
		    "this party is not a customer" : "this party is not a "
		    "supplier");
		db_res_clear(&pt->r);
		return -1;
	}
	pt->id = db_text(&pt->r, 0, 0);
	pt->currency = db_text(&pt->r, 0, 1);
	pt->today = db_text(&pt->r, 0, 2);
	pt->tenant = db_text(&pt->r, 0, 3);
	return 0;
}

int
document_account(db *d, const char *account, const char *const *types,
    db_res *err)
{
	db_res r;
	const char *p[1] = { account };
	if (db_run(d, &r, "SELECT type, is_group, archived FROM accounts WHERE "
	    "CASE WHEN left($1, 1) = '@' THEN role = substr($1, 2) ELSE code = "
	    "$1 END", 1, p, err) < 0)
		return -1;
	int grp = 0, arch = 0, ok = 0;
	if (r.rows == 1) {
		db_bool(&r, 0, 1, &grp);
		db_bool(&r, 0, 2, &arch);
		for (int i = 0; types[i] && !ok; i++)
			ok = strcmp(db_text(&r, 0, 0), types[i]) == 0;
		ok = ok && !grp && !arch;
	}
	db_res_clear(&r);
	return ok;
}

int
document_accounts(db *d, const document_line *l, size_t n,
    const char *const *types, const char *what, char *field, db_res *err)
{
	for (size_t i = 0; i < n; i++) {
		if (l[i].stock)
			continue;
		/* each account once: a document's lines share a few */
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++)
			seen = !l[k].stock && strcmp(l[k].account,
			    l[i].account) == 0;
		if (seen)
			continue;
		int ok = document_account(d, l[i].account, types, err);
		if (ok < 0)
			return -1;
		if (!ok) {
			char f[FIELD_LEN];
			snprintf(f, sizeof(f), "lines[%zu].account", i);
			return document_refuse(field, err, "22023", f, "%s: %s is "
			    "not an open %s account that takes postings", f,
			    l[i].account, what);
		}
	}
	return 0;
}

int
document_compute(db *d, const char *date, int purchase, document_line *l,
    size_t n, taxdoc *doc, db_res *err)
{
	linemoney *m = calloc(n ? n : 1, sizeof(*m));
	if (m == NULL)
		return db_refuse(err, "53200", "out of memory");
	for (size_t i = 0; i < n; i++) {
		m[i] = l[i].m;
		m[i].tax_group = l[i].tax_group;
	}
	int rc = linemoney_compute(d, date, purchase, m, n, doc, err);
	for (size_t i = 0; rc == 0 && i < n; i++)
		l[i].m = m[i];
	free(m);
	return rc;
}

/* ---- storing ---- */

/* The columns a line may have, each sent as one SQL array. */
enum col { C_PRODUCT, C_DESC, C_QTY, C_UNIT, C_PRICE, C_DISC, C_GROUP,
	C_ACCT, C_NET, C_TAX, C_TOTAL, C_STYPE, C_SID, NCOL };

/* How each kind of document stores its lines: the columns in the order
 * of the INSERT's unnest ($2 onwards; $1 is the document's id). */
static const struct table {
	const char *doc_type;	/* document_taxes.doc_type */
	const char *delete_sql, *insert_sql;
	const char *too_large;	/* the refusal when the arrays exceed
				 * ARRAY_MAX */
	int ncol;
	enum col cols[NCOL];
} tables[] = {
	[DOCUMENT_INVOICE] = { "invoice", "DELETE FROM invoice_lines WHERE "
	    "invoice_id = $1::uuid", "INSERT INTO invoice_lines (tenant_id, "
	    "invoice_id, line_no, product_id, description, quantity, unit, "
	    "unit_price, discount_ppm, tax_group, account, net, tax, total, "
	    "source_type, source_id) SELECT bursar_tenant(), $1::uuid, x.n, "
	    "x.p, x.d, x.q, x.u, x.up, x.dp, x.tg, x.a, x.ne, x.t, x.tot, x.st, "
	    "x.si FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::text[], "
	    "$6::bigint[], $7::int[], $8::text[], $9::text[], $10::bigint[], "
	    "$11::bigint[], $12::bigint[], $13::text[], $14::uuid[]) WITH "
	    "ORDINALITY AS x(p, d, q, u, up, dp, tg, a, ne, t, tot, st, si, n)",
	    "the invoice is too large", 13, { C_PRODUCT, C_DESC, C_QTY, C_UNIT,
	    C_PRICE, C_DISC, C_GROUP, C_ACCT, C_NET, C_TAX, C_TOTAL, C_STYPE,
	    C_SID } },
	[DOCUMENT_BILL] = { "bill", "DELETE FROM bill_lines WHERE bill_id = "
	    "$1::uuid", "INSERT INTO bill_lines (tenant_id, bill_id, line_no, "
	    "product_id, description, quantity, unit_price, tax_group, account, "
	    "net, tax, total) SELECT bursar_tenant(), $1::uuid, x.n, x.p, x.d, "
	    "x.q, x.up, x.tg, x.a, x.ne, x.t, x.tot FROM unnest($2::uuid[], "
	    "$3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], "
	    "$8::bigint[], $9::bigint[], $10::bigint[]) WITH ORDINALITY AS x(p, "
	    "d, q, up, tg, a, ne, t, tot, n)", "the bill is too large", 9,
	    { C_PRODUCT, C_DESC, C_QTY, C_PRICE, C_GROUP, C_ACCT, C_NET, C_TAX,
	    C_TOTAL } },
	[DOCUMENT_ORDER] = { "order", "DELETE FROM order_lines WHERE order_id "
	    "= $1::uuid", "INSERT INTO order_lines (tenant_id, order_id, "
	    "line_no, product_id, description, quantity, unit_price, "
	    "discount_ppm, tax_group, net, tax, total) SELECT bursar_tenant(), "
	    "$1::uuid, x.n, x.p, x.d, x.q, x.up, x.dp, x.tg, x.ne, x.t, x.tot "
	    "FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::bigint[], "
	    "$6::int[], $7::text[], $8::bigint[], $9::bigint[], $10::bigint[]) "
	    "WITH ORDINALITY AS x(p, d, q, up, dp, tg, ne, t, tot, n)",
	    "the order is too large", 9, { C_PRODUCT, C_DESC, C_QTY, C_PRICE,
	    C_DISC, C_GROUP, C_NET, C_TAX, C_TOTAL } },
};

/* columns: t's columns of the lines as SQL arrays, cols[0..t->ncol),
 * every one initialised (the caller frees them); 0 or -1 */
static int
columns(const struct table *t, buf cols[NCOL], const document_line *l,
    size_t n)
{
	for (int c = 0; c < t->ncol; c++)
		buf_init(&cols[c], ARRAY_MAX);
	const char **items = calloc(n ? n : 1, sizeof(*items));
	char (*nums)[24] = calloc(n ? n : 1, sizeof(*nums));
	int rc = -1;
	if (items == NULL || nums == NULL)
		goto out;
	for (int c = 0; c < t->ncol; c++) {
		for (size_t i = 0; i < n; i++) {
			int64_t v = 0;
			int num = 1;
			switch (t->cols[c]) {
			case C_PRODUCT: items[i] = l[i].product_id; num = 0; break;
			case C_DESC: items[i] = l[i].description; num = 0; break;
			case C_UNIT: items[i] = l[i].unit ? l[i].unit : ""; num = 0;
				break;
			case C_GROUP: items[i] = l[i].tax_group; num = 0; break;
			case C_ACCT: items[i] = l[i].account; num = 0; break;
			case C_STYPE: items[i] = l[i].source_type; num = 0; break;
			case C_SID: items[i] = l[i].source_id; num = 0; break;
			case C_QTY: v = l[i].m.quantity; break;
			case C_PRICE: v = l[i].m.unit_price; break;
			case C_DISC: v = l[i].m.discount_ppm; break;
			case C_NET: v = l[i].m.net; break;
			case C_TAX: v = l[i].m.tax; break;
			default: v = l[i].m.total; break;
			}
			if (num) {
				document_i64s(nums[i], v);
				items[i] = nums[i];
			}
		}
		if (db_array(&cols[c], items, n) < 0)
			goto out;
	}
	rc = 0;
out:
	free(items);
	free(nums);
	return rc;
}

/* store_taxes: doc's totals as the document's tax components */
static int
store_taxes(db *d, const struct table *t, const char *id, const taxdoc *doc,
    db_res *err)
{
	if (doc->ntotals == 0)
		return 0;
	const char *codes[TAXDOC_MAX_TOTALS], *names[TAXDOC_MAX_TOTALS];
	const char *accts[TAXDOC_MAX_TOTALS], *taxes[TAXDOC_MAX_TOTALS];
	char nums[TAXDOC_MAX_TOTALS][24];
	for (size_t i = 0; i < doc->ntotals; i++) {
		codes[i] = doc->totals[i].rate;
		names[i] = doc->totals[i].name;
		accts[i] = doc->totals[i].account;
		document_i64s(nums[i], doc->totals[i].tax);
		taxes[i] = nums[i];
	}
	buf b[4] = { BUF_INIT(65536), BUF_INIT(65536), BUF_INIT(65536),
	    BUF_INIT(65536) };
	db_array(&b[0], codes, doc->ntotals);
	db_array(&b[1], names, doc->ntotals);
	db_array(&b[2], accts, doc->ntotals);
	db_array(&b[3], taxes, doc->ntotals);
	const char *q[6] = { id, buf_str(&b[0]), buf_str(&b[1]), buf_str(&b[2]),
	    buf_str(&b[3]), t->doc_type };
	db_res r;
	int rc = db_run(d, &r, "INSERT INTO document_taxes (tenant_id, "
	    "doc_type, doc_id, rate_code, name, account, tax) SELECT "
	    "bursar_tenant(), $6, $1::uuid, x.r, x.n, x.a, x.t FROM "
	    "unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) AS x(r, "
	    "n, a, t)", 6, q, err);
	for (int i = 0; i < 4; i++)
		buf_free(&b[i]);
	if (rc < 0)
		return -1;
	db_res_clear(&r);
	return 0;
}

/* store: the lines and tax components of document id, replacing what it
 * had unless it is new (fresh) */
static int
store(db *d, document_kind k, const char *id, const document_line *l,
    size_t n, const taxdoc *doc, int fresh, db_res *err)
{
	const struct table *t = &tables[k];
	db_res r;
	const char *p1[2] = { id, t->doc_type };
	if (!fresh) {
		if (db_run(d, &r, t->delete_sql, 1, p1, err) < 0)
			return -1;
		db_res_clear(&r);
		if (db_run(d, &r, "DELETE FROM document_taxes WHERE doc_type = "
		    "$2 AND doc_id = $1::uuid", 2, p1, err) < 0)
			return -1;
		db_res_clear(&r);
	}
	buf cols[NCOL];
	int rc = columns(t, cols, l, n);
	const char *p[NCOL + 1] = { id };
	for (int c = 0; rc == 0 && c < t->ncol; c++)
		p[c + 1] = buf_str(&cols[c]);
	if (rc < 0)
		db_refuse(err, "54000", "%s", t->too_large);
	else
		rc = db_run(d, &r, t->insert_sql, t->ncol + 1, p, err);
	for (int c = 0; c < t->ncol; c++)
		buf_free(&cols[c]);
	if (rc < 0)
		return -1;
	db_res_clear(&r);
	return store_taxes(d, t, id, doc, err);
}

int
document_store(db *d, document_kind k, const char *id,
    const document_line *l, size_t n, const taxdoc *doc, db_res *err)
{
	return store(d, k, id, l, n, doc, 0, err);
}

int
document_store_new(db *d, document_kind k, const char *id,
    const document_line *l, size_t n, const taxdoc *doc, db_res *err)
{
	return store(d, k, id, l, n, doc, 1, err);
}

/* The statements that lock one document, and delete a draft, by kind:
 * literals, as db_exec keeps the text of each statement it prepares.
 * The lock reads status, tenant, number and what is open. */
static const char *const lock_sql[] = {
	[DOCUMENT_INVOICE] = "SELECT status, bursar_tenant()::text, number, "
	    "total - paid FROM invoices WHERE id = $1::uuid FOR UPDATE",
	[DOCUMENT_BILL] = "SELECT status, bursar_tenant()::text, number, total "
	    "- paid FROM bills WHERE id = $1::uuid FOR UPDATE",
};
static const char *const delete_sql[] = {
	[DOCUMENT_INVOICE] = "DELETE FROM invoices WHERE id = $1::uuid AND "
	    "status = 'draft'",
	[DOCUMENT_BILL] = "DELETE FROM bills WHERE id = $1::uuid AND status = "
	    "'draft'",
};
#define KNOWN(k, a) ((size_t)(k) < sizeof(a) / sizeof((a)[0]))

int
document_delete(db *d, document_kind k, const char *id, const char *instead,
    db_res *err)
{
	const struct table *t = &tables[k];
	memset(err, 0, sizeof(*err));
	if (!KNOWN(k, delete_sql))
		return db_refuse(err, "XX000", "a %s is not deleted here",
		    t->doc_type);
	if (!api_uuid_ok(id))
		return db_refuse(err, "P0002", "no such %s", t->doc_type);
	db_res r;
	const char *p[2] = { id, t->doc_type };
	if (db_run(d, &r, lock_sql[k], 1, p, err) < 0)
		return -1;
	if (r.rows != 1) {
		db_res_clear(&r);
		return db_refuse(err, "P0002", "no such %s", t->doc_type);
	}
	if (strcmp(db_text(&r, 0, 0), "draft") != 0) {
		db_refuse(err, "40001", "only a draft can be deleted: %s is %s, "
		    "%s", db_text(&r, 0, 2), db_text(&r, 0, 0), instead);
		db_res_clear(&r);
		return -1;
	}
	char tenant[40];
	snprintf(tenant, sizeof(tenant), "%s", db_text(&r, 0, 1));
	db_res_clear(&r);
	if (db_run(d, &r, "DELETE FROM document_taxes WHERE doc_type = $2 AND "
	    "doc_id = $1::uuid", 2, p, err) < 0)
		return -1;
	db_res_clear(&r);
	if (db_run(d, &r, delete_sql[k], 1, p, err) < 0)
		return -1;
	db_res_clear(&r);
	cJSON *ev = cJSON_CreateObject();
	document_add_str(ev, "id", id);
	char type[32];
	snprintf(type, sizeof(type), "%s.deleted", t->doc_type);
	return outbox_record(d, tenant, type, ev, err);
}

/* The settling statements, by kind; each returns status, kind, number,
 * party_id, currency, total and the tenant. */
static const char *const settle_sql[] = {
	[DOCUMENT_INVOICE] = "UPDATE invoices SET paid = paid + $2::bigint, "
	    "status = CASE WHEN paid + $2::bigint = total THEN 'paid' WHEN kind "
	    "= 'invoice' AND due_date < current_date THEN 'overdue' ELSE "
	    "'partially_paid' END WHERE id = $1::uuid RETURNING status, kind, "
	    "number, party_id::text, currency, total, bursar_tenant()::text",
	[DOCUMENT_BILL] = "UPDATE bills SET paid = paid + $2::bigint, status "
	    "= CASE WHEN paid + $2::bigint = total THEN 'paid' WHEN due_date < "
	    "current_date THEN 'overdue' ELSE 'partially_paid' END WHERE id = "
	    "$1::uuid RETURNING status, 'bill', number, party_id::text, "
	    "currency, total, bursar_tenant()::text",
};

int
document_settle(db *d, document_kind k, const char *id, int64_t amount,
    db_res *err)
{
	const char *name = tables[k].doc_type;
	memset(err, 0, sizeof(*err));
	if (!KNOWN(k, settle_sql))
		return db_refuse(err, "XX000", "a %s is not settled", name);
	if (!api_uuid_ok(id))
		return db_refuse(err, "P0002", "no such %s", name);
	if (amount <= 0)
		return db_refuse(err, "22023", "the amount settled must be more "
		    "than zero");
	char amt[24];
	document_i64s(amt, amount);
	const char *p[2] = { id, amt };
	db_res r;
	if (db_run(d, &r, lock_sql[k], 1, p, err) < 0)
		return -1;
	if (r.rows != 1) {
		db_res_clear(&r);
		return db_refuse(err, "P0002", "no such %s", name);
	}
	const char *st = db_text(&r, 0, 0);
	int64_t open = 0;
	db_i64(&r, 0, 3, &open);
	if (strcmp(st, "draft") == 0 || strcmp(st, "void") == 0) {
		db_refuse(err, "40001", "a %s %s cannot be settled", st, name);
		db_res_clear(&r);
		return -1;
	}
	if (amount > open) {
		db_refuse(err, "23514", "%s has %" PRId64 " open (minor units): "
		    "%" PRId64 " is more", db_text(&r, 0, 2), open, amount);
		db_res_clear(&r);
		return -1;
	}
	db_res_clear(&r);
	if (db_run(d, &r, settle_sql[k], 2, p, err) < 0)
		return -1;
	int rc = 0;
	/* a credit note settled against an invoice is not money received */
	if (strcmp(db_text(&r, 0, 0), "paid") == 0 && strcmp(db_text(&r, 0, 1),
	    "credit_note") != 0) {
		cJSON *ev = cJSON_CreateObject();
		document_add_str(ev, "id", id);
		document_add_str(ev, "number", db_text(&r, 0, 2));
		document_add_str(ev, "party_id", db_text(&r, 0, 3));
		document_add_str(ev, "currency", db_text(&r, 0, 4));
		int64_t total = 0;
		db_i64(&r, 0, 5, &total);
		cJSON_AddItemToObject(ev, "total", api_int(total));
		char type[32];
		snprintf(type, sizeof(type), "%s.paid", name);
		rc = outbox_record(d, db_text(&r, 0, 6), type, ev, err);
	}
	db_res_clear(&r);
	return rc;
}

/* The overdue sweeps, by kind; each returns id, number, party_id,
 * currency, the amount due, the due date and the tenant.  A second
 * sweep at the same time waits on the rows, then finds them overdue
 * already and leaves them. */
static const char *const overdue_sql[] = {
	[DOCUMENT_INVOICE] = "UPDATE invoices SET status = 'overdue' WHERE "
	    "kind = 'invoice' AND status IN ('issued', 'partially_paid') AND "
	    "due_date < current_date RETURNING id::text, number, "
	    "party_id::text, currency, total - paid, due_date::text, "
	    "bursar_tenant()::text",
	[DOCUMENT_BILL] = "UPDATE bills SET status = 'overdue' WHERE status IN "
	    "('received', 'partially_paid') AND due_date < current_date "
	    "RETURNING id::text, number, party_id::text, currency, total - "
	    "paid, due_date::text, bursar_tenant()::text",
};

int
document_mark_overdue(db *d, document_kind k, int *n, db_res *err)
{
	memset(err, 0, sizeof(*err));
	*n = 0;
	if (!KNOWN(k, overdue_sql))
		return db_refuse(err, "XX000", "a %s is never overdue",
		    tables[k].doc_type);
	char type[32];
	snprintf(type, sizeof(type), "%s.overdue", tables[k].doc_type);
	db_res r;
	if (db_run(d, &r, overdue_sql[k], 0, NULL, err) < 0)
		return -1;
	for (int i = 0; i < r.rows; i++) {
		cJSON *ev = cJSON_CreateObject();
		document_add_str(ev, "id", db_text(&r, i, 0));
		document_add_str(ev, "number", db_text(&r, i, 1));
		document_add_str(ev, "party_id", db_text(&r, i, 2));
		document_add_str(ev, "currency", db_text(&r, i, 3));
		int64_t due = 0;
		db_i64(&r, i, 4, &due);
		cJSON_AddItemToObject(ev, "amount_due", api_int(due));
		document_add_str(ev, "due_date", db_text(&r, i, 5));
		if (outbox_record(d, db_text(&r, i, 6), type, ev, err) < 0) {
			db_res_clear(&r);
			return -1;
		}
	}
	*n = r.rows;
	db_res_clear(&r);
	return 0;
}
