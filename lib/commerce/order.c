/* order.c: sales orders: drafts with their lines and totals, and the
 * moves of their lifecycle with the stock, postings and invoice each one
 * brings.  Every call runs in the caller's transaction. */
#include "commerce/order.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "web/api.h"
#include "books/books_setup.h"
#include "base/buf.h"
#include "commerce/linemoney.h"
#include "commerce/document.h"
#include "commerce/invoice.h"
#include "db/outbox.h"
#include "commerce/stock.h"
#include "web/field.h"

#define ARRAY_MAX (8u << 20)

/* ---- the order as stored ---- */

/* The columns lock_order reads. */
enum { O_STATUS, O_NUMBER, O_PARTY, O_LOCATION, O_CURRENCY, O_TOTAL,
	O_TENANT, O_INVOICE_ON, O_DATE, O_REFERENCE, O_NOTES };

/* what can be done to an order in each status, for a refusal's message */
static const char *
moves(const char *status)
{
	if (strcmp(status, "draft") == 0)
		return "it can be changed, placed or cancelled";
	if (strcmp(status, "placed") == 0)
		return "it can be shipped or cancelled";
	if (strcmp(status, "shipped") == 0)
		return "it can be completed";
	return "nothing more can be done to it";
}

/* lock_order: the order id locked in r (columns O_*), refused with 40001
 * unless its status is from (a status, or "draft|placed") for action */
static int
lock_order(db *d, const char *id, const char *action, const char *from,
    db_res *r, db_res *err)
{
	memset(r, 0, sizeof(*r));
	if (id == NULL || !api_uuid_ok(id))
		return db_refuse(err, "P0002", "no such order");
	const char *p[1] = { id };
	if (db_run(d, r, "SELECT o.status, o.number, o.party_id::text, "
	    "o.location_id::text, o.currency, o.total, bursar_tenant()::text, "
	    "s.invoice_on, o.order_date::text, o.reference, o.notes FROM orders "
	    "o LEFT JOIN commerce_settings s ON s.tenant_id = o.tenant_id WHERE "
	    "o.id = $1::uuid FOR UPDATE OF o", 1, p, err) < 0)
		return -1;
	if (r->rows != 1) {
		db_res_clear(r);
		return db_refuse(err, "P0002", "no such order");
	}
	const char *st = db_text(r, 0, O_STATUS);
	size_t n = strlen(st);
	const char *at = strstr(from, st);
	int ok = at && (at == from || at[-1] == '|') && (at[n] == '\0' ||
	    at[n] == '|');
	if (!ok) {
		db_refuse(err, "40001", "order %s is %s, so it cannot be %s: %s",
		    db_text(r, 0, O_NUMBER), st, action, moves(st));
		db_res_clear(r);
		return -1;
	}
	return 0;
}

/* emit: the order's event, {id, number, customer, total} and extra's
 * members (taken) */
static int
emit(db *d, const db_res *o, const char *id, const char *type, cJSON *extra,
    db_res *err)
{
	cJSON *ev = extra ? extra : cJSON_CreateObject();
	int64_t total = 0;
	db_i64(o, 0, O_TOTAL, &total);
	cJSON_AddStringToObject(ev, "id", id);
	cJSON_AddStringToObject(ev, "number", db_text(o, 0, O_NUMBER));
	cJSON_AddStringToObject(ev, "customer", db_text(o, 0, O_PARTY));
	cJSON_AddItemToObject(ev, "total", api_money(total, db_text(o, 0,
	    O_CURRENCY)));
	return outbox_record(d, db_text(o, 0, O_TENANT), type, ev, err);
}

/* set_status: the order moves to status, stamping its time.  Every
 * change of an order also clears the JSON kept with it (doc, see
 * sql/0016_order_doc_once.sql): the answer or the commit builds it anew,
 * once however many changes came before. */
static int
set_status(db *d, const char *id, const char *status, db_res *err)
{
	db_res r;
	const char *p[2] = { id, status };
	if (db_run(d, &r, "UPDATE orders SET status = $2, doc = NULL, "
	    "placed_at = CASE WHEN "
	    "$2 = 'placed' THEN now() ELSE placed_at END, shipped_at = CASE WHEN "
	    "$2 = 'shipped' THEN now() ELSE shipped_at END, completed_at = CASE "
	    "WHEN $2 = 'completed' THEN now() ELSE completed_at END, "
	    "cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE "
	    "cancelled_at END WHERE id = $1::uuid", 2, p, err) < 0)
		return -1;
	db_res_clear(&r);
	return 0;
}

/* ---- drafts ---- */

/* The draft being written, what it was when it is changed. */
typedef struct draft {
	db_res cur;	/* O_* of the draft changed, or nothing */
	document_party party;
	db_res products;	/* the lines' products, one row a line */
	db_res old;	/* the stored lines kept when lines are not given */
	const char *party_id, *currency, *order_date, *today, *tenant;
	const char *reference, *notes;
	char location[STOCK_ID_LEN];
	document_line *lines;
	size_t n;
} draft;

static void
draft_free(draft *w)
{
	db_res_clear(&w->cur);
	db_res_clear(&w->party.r);
	db_res_clear(&w->products);
	db_res_clear(&w->old);
	free(w->lines);
}

/* resolve_lines: the lines as given, completed from their products (one
 * query for all of them) and checked */
static int
resolve_lines(db *d, const order_in *in, draft *w, char *field, db_res *err)
{
	if (in->n == 0)
		return document_refuse(field, err, "22023", "lines", "lines: an order has at "
		    "least one line");
	if (in->n > LINEMONEY_MAX)
		return document_refuse(field, err, "22023", "lines", "lines: at most %d",
		    LINEMONEY_MAX);
	const char **ids = calloc(in->n, sizeof(*ids));
	const char **skus = calloc(in->n, sizeof(*skus));
	w->lines = calloc(in->n, sizeof(*w->lines));
	buf a = BUF_INIT(ARRAY_MAX), b = BUF_INIT(ARRAY_MAX);
	int rc = -1;
	if (ids == NULL || skus == NULL || w->lines == NULL) {
		db_refuse(err, "53200", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < in->n; i++) {
		const char *p = in->lines[i].product;
		if (!document_opt(p)) {
			char f[48];
			snprintf(f, sizeof(f), "lines[%zu].product", i);
			document_refuse(field, err, "22023", f, "%s: a product (its SKU or id)", f);
			goto out;
		}
		if (api_uuid_ok(p))
			ids[i] = p;
		else
			skus[i] = p;
	}
	if (db_array(&a, ids, in->n) < 0 || db_array(&b, skus, in->n) < 0) {
		document_refuse(field, err, "22023", "lines", "lines: too large");
		goto out;
	}
	const char *p[3] = { buf_str(&a), buf_str(&b), w->currency };
	if (db_run(d, &w->products, "SELECT p.id::text, p.name, p.tax_group, "
	    "p.archived, (SELECT unit_price FROM product_prices x WHERE "
	    "x.product_id = p.id AND x.currency = $3) FROM unnest($1::uuid[], "
	    "$2::text[]) WITH ORDINALITY AS l(id, sku, n) LEFT JOIN products p "
	    "ON p.id = coalesce(l.id, (SELECT s.id FROM products s WHERE s.sku "
	    "= l.sku)) ORDER BY l.n", 3, p, err) < 0)
		goto out;
	for (size_t i = 0; i < in->n; i++) {
		const order_line_in *li = &in->lines[i];
		document_line *l = &w->lines[i];
		int r = (int)i, archived = 0;
		char f[48];
		snprintf(f, sizeof(f), "lines[%zu].product", i);
		if (db_isnull(&w->products, r, 0)) {
			document_refuse(field, err, "22023", f, "%s: no such product: %s", f,
			    li->product);
			goto out;
		}
		db_bool(&w->products, r, 3, &archived);
		if (archived) {
			document_refuse(field, err, "22023", f, "%s: the product %s is archived",
			    f, db_text(&w->products, r, 1));
			goto out;
		}
		l->product_id = db_text(&w->products, r, 0);
		l->description = document_opt(li->description) ? li->description :
		    db_text(&w->products, r, 1);
		l->tax_group = li->tax_group ? document_opt(li->tax_group) :
		    db_text(&w->products, r, 2);
		l->m.quantity = li->quantity;
		l->m.discount_ppm = li->discount_ppm;
		l->m.unit_price = li->unit_price;
		if (l->m.unit_price < 0 && db_isnull(&w->products, r, 4)) {
			snprintf(f, sizeof(f), "lines[%zu].unit_price", i);
			document_refuse(field, err, "22023", f, "%s: %s has no price in %s: give "
			    "one", f, db_text(&w->products, r, 1), w->currency);
			goto out;
		}
		if (l->m.unit_price < 0)
			db_i64(&w->products, r, 4, &l->m.unit_price);
		if (strlen(l->description) > 500) {
			snprintf(f, sizeof(f), "lines[%zu].description", i);
			document_refuse(field, err, "22023", f, "%s: at most 500 characters", f);
			goto out;
		}
		if (l->m.quantity <= 0 || l->m.quantity > LINEMONEY_QTY_MAX) {
			snprintf(f, sizeof(f), "lines[%zu].quantity", i);
			document_refuse(field, err, "22023", f, "%s: a whole number from 1 to %lld",
			    f, (long long)LINEMONEY_QTY_MAX);
			goto out;
		}
	}
	w->n = in->n;
	rc = 0;
out:
	free(ids);
	free(skus);
	buf_free(&a);
	buf_free(&b);
	return rc;
}

/* load_lines: the lines the draft has, for a change that keeps them */
static int
load_lines(db *d, const char *id, draft *w, db_res *err)
{
	const char *p[1] = { id };
	if (db_run(d, &w->old, "SELECT product_id::text, description, "
	    "tax_group, quantity, unit_price, discount_ppm FROM order_lines "
	    "WHERE order_id = $1::uuid ORDER BY line_no", 1, p, err) < 0)
		return -1;
	size_t n = (size_t)w->old.rows;
	w->lines = calloc(n ? n : 1, sizeof(*w->lines));
	if (w->lines == NULL)
		return db_refuse(err, "53200", "out of memory");
	for (size_t i = 0; i < n; i++) {
		document_line *l = &w->lines[i];
		int r = (int)i;
		l->product_id = db_text(&w->old, r, 0);
		l->description = db_text(&w->old, r, 1);
		l->tax_group = db_text(&w->old, r, 2);
		db_i64(&w->old, r, 3, &l->m.quantity);
		db_i64(&w->old, r, 4, &l->m.unit_price);
		db_i64(&w->old, r, 5, &l->m.discount_ppm);
	}
	w->n = n;
	return 0;
}

/* read_draft: what the new or changed draft will be, checked */
static int
read_draft(db *d, const char *id, order_in *in, draft *w, db_res *err)
{
	if (id && lock_order(d, id, "changed", "draft", &w->cur, err) < 0)
		return -1;
	const db_res *cur = &w->cur;
	if (document_find_party(d, "customer", in->customer ? in->customer : id ?
	    db_text(cur, 0, O_PARTY) : NULL, &w->party, in->field, err) < 0)
		return -1;
	w->party_id = w->party.id;
	w->tenant = w->party.tenant;
	w->today = w->party.today;
	w->currency = document_opt(in->currency) ? in->currency : id &&
	    !in->customer ? db_text(cur, 0, O_CURRENCY) : w->party.currency;
	if (document_currency(d, w->currency, in->field, err) < 0)
		return -1;
	const char *loc = document_opt(in->location) ? in->location : id ?
	    db_text(cur, 0, O_LOCATION) : NULL;
	if (stock_location(d, loc, w->location, err) < 0) {
		if (strcmp(err->sqlstate, "P0002") != 0)
			return -1;
		return document_refuse(in->field, err, "22023", "location",
		    "location: no such location: %s", loc ? loc : "(none set up)");
	}
	w->order_date = document_opt(in->order_date) ? in->order_date : id ?
	    db_text(cur, 0, O_DATE) : w->today;
	if (!field_date_ok(w->order_date))
		return document_refuse(in->field, err, "22023", "order_date",
		    "order_date: a date, YYYY-MM-DD");
	w->reference = in->reference ? in->reference : id ? db_text(cur, 0,
	    O_REFERENCE) : "";
	w->notes = in->notes ? in->notes : id ? db_text(cur, 0, O_NOTES) : "";
	if (strlen(w->reference) > 100)
		return document_refuse(in->field, err, "22023", "reference",
		    "reference: at most 100 characters");
	if (strlen(w->notes) > 4000)
		return document_refuse(in->field, err, "22023", "notes",
		    "notes: at most 4000 characters");
	if (id && !in->set_lines)
		return load_lines(d, id, w, err);
	return resolve_lines(d, in, w, in->field, err);
}

int
order_draft(db *d, const char *user_id, const char *id, order_in *in,
    char out[ORDER_ID_LEN], db_res *err)
{
	memset(err, 0, sizeof(*err));
	in->field[0] = '\0';
	draft w = {0};
	db_res r = {0};
	int rc = -1;
	taxdoc doc;
	if (read_draft(d, id, in, &w, err) < 0)
		goto out;
	if (document_compute(d, w.order_date, 0, w.lines, w.n, &doc, err) < 0) {
		if (in->field[0] == '\0')
			snprintf(in->field, sizeof(in->field), "lines");
		goto out;
	}
	char net[24], tax[24], total[24];
	document_i64s(net, doc.net);
	document_i64s(tax, doc.tax);
	document_i64s(total, doc.gross);
	const char *p[10] = { w.party_id, w.currency, w.location, w.order_date,
	    w.reference, w.notes, net, tax, total, id ? id : user_id };
	if (db_run(d, &r, id == NULL ? "INSERT INTO orders (tenant_id, number, "
	    "party_id, currency, location_id, order_date, reference, notes, net, "
	    "tax, total, created_by) VALUES (bursar_tenant(), "
	    "order_next_number($4::date), $1::uuid, $2, $3::uuid, $4::date, $5, "
	    "$6, $7, $8, $9, $10::uuid) RETURNING id::text, number" : "UPDATE "
	    "orders SET party_id = $1::uuid, currency = $2, location_id = "
	    "$3::uuid, order_date = $4::date, reference = $5, notes = $6, net = "
	    "$7, tax = $8, total = $9, doc = NULL WHERE id = $10::uuid RETURNING "
	    "id::text, number", 10, p, err) < 0)
		goto out;
	snprintf(out, ORDER_ID_LEN, "%s", db_text(&r, 0, 0));
	/* a new order has no lines to replace */
	if ((id ? document_store(d, DOCUMENT_ORDER, out, w.lines, w.n, &doc,
	    err) : document_store_new(d, DOCUMENT_ORDER, out, w.lines, w.n,
	    &doc, err)) < 0)
		goto out;
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "id", out);
	cJSON_AddStringToObject(ev, "number", db_text(&r, 0, 1));
	cJSON_AddStringToObject(ev, "customer", w.party_id);
	cJSON_AddItemToObject(ev, "total", api_money(doc.gross, w.currency));
	rc = outbox_record(d, w.tenant, id ? "order.updated" : "order.created",
	    ev, err);
out:
	db_res_clear(&r);
	draft_free(&w);
	return rc;
}

/* ---- moves ---- */

/* credit_check: placing order o must not take what the customer owes in
 * its currency past their credit limit.  What counts as owed: issued
 * invoices' open amounts less open credit notes, plus placed or shipped
 * orders not yet invoiced, in the customer's currency; an order in
 * another currency is not checked (no rate is assumed). */
static int
credit_check(db *d, const db_res *o, const char *id, db_res *err)
{
	db_res r;
	const char *p[2] = { db_text(o, 0, O_PARTY), id };
	/* the customer's row is locked, so two orders placed at once are
	 * checked one after the other; only when there is a limit */
	if (db_run(d, &r, "SELECT p.credit_limit, p.currency, p.name, "
	    "coalesce((SELECT sum(CASE i.kind WHEN 'invoice' THEN 1 ELSE -1 END "
	    "* (i.total - i.paid)) FROM invoices i WHERE i.party_id = p.id AND "
	    "i.currency = p.currency AND i.status IN ('issued', "
	    "'partially_paid', 'overdue')), 0) + coalesce((SELECT sum(x.total) "
	    "FROM orders x WHERE x.party_id = p.id AND x.currency = p.currency "
	    "AND x.status IN ('placed', 'shipped') AND x.id <> $2::uuid AND NOT "
	    "EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = x.id AND "
	    "i.kind = 'invoice' AND i.status <> 'void')), 0) FROM parties p "
	    "WHERE p.id = $1::uuid AND p.credit_limit IS NOT NULL FOR UPDATE",
	    2, p, err) < 0)
		return -1;
	int rc = 0;
	if (r.rows == 1 && strcmp(db_text(&r, 0, 1), db_text(o, 0,
	    O_CURRENCY)) == 0) {
		int64_t limit = 0, owed = 0, total = 0;
		db_i64(&r, 0, 0, &limit);
		db_i64(&r, 0, 3, &owed);
		db_i64(o, 0, O_TOTAL, &total);
		if (owed + total > limit)
			rc = db_refuse(err, "23514", "credit limit exceeded: %s "
			    "owes %" PRId64 " and this order is %" PRId64 " (minor "
			    "units of %s), past the limit of %" PRId64,
			    db_text(&r, 0, 2), owed, total, db_text(o, 0,
			    O_CURRENCY), limit);
	}
	db_res_clear(&r);
	return rc;
}

/* reserve_all: every tracked line held, or the short ones listed; the
 * lines' products and the order's location read once for all of them */
static int
reserve_all(db *d, const char *user_id, const char *id, const db_res *o,
    order_short **shorts, size_t *nshort, db_res *err)
{
	db_res ls;
	const char *p[1] = { id };
	if (db_run(d, &ls, "SELECT l.line_no, l.product_id::text, l.quantity, "
	    "p.sku, p.reorder_level FROM order_lines l JOIN products p ON "
	    "p.tenant_id = l.tenant_id AND p.id = l.product_id WHERE l.order_id "
	    "= $1::uuid AND p.tracked ORDER BY l.line_no", 1, p, err) < 0)
		return -1;
	char loc[STOCK_ID_LEN];
	int rc = 0;
	if (ls.rows > 0 && stock_location(d, db_text(o, 0, O_LOCATION), loc,
	    err) < 0)
		rc = -1;
	for (int i = 0; rc == 0 && i < ls.rows; i++) {
		int64_t qty = 0, line_no = 0, avail = 0;
		char rid[STOCK_ID_LEN];
		stock_known k = { .product_id = db_text(&ls, i, 1),
		    .sku = db_text(&ls, i, 3), .location_id = loc,
		    .tenant = db_text(o, 0, O_TENANT) };
		db_i64(&ls, i, 0, &line_no);
		db_i64(&ls, i, 2, &qty);
		db_i64(&ls, i, 4, &k.reorder_level);
		int r = stock_reserve_known(d, user_id, &k, qty, id, (int)line_no,
		    rid, &avail, err);
		if (r < 0) {
			rc = -1;
		} else if (r == STOCK_SHORT) {
			if (*shorts == NULL)
				*shorts = calloc((size_t)ls.rows, sizeof(**shorts));
			if (*shorts == NULL) {
				rc = db_refuse(err, "53200", "out of memory");
				break;
			}
			order_short *s = &(*shorts)[(*nshort)++];
			s->line = (int)line_no;
			snprintf(s->sku, sizeof(s->sku), "%s", db_text(&ls, i, 3));
			s->wanted = qty;
			s->available = avail;
		}
	}
	db_res_clear(&ls);
	return rc;
}

static int
exec_plain(db *d, const char *sql, db_res *err)
{
	db_res r;
	if (db_run(d, &r, sql, 0, NULL, err) < 0)
		return -1;
	db_res_clear(&r);
	return 0;
}

cJSON *
order_shorts_json(const order_short *s, size_t n)
{
	cJSON *ls = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddItemToObject(x, "line", api_int(s[i].line));
		cJSON_AddStringToObject(x, "sku", s[i].sku);
		cJSON_AddItemToObject(x, "quantity", api_int(s[i].wanted));
		cJSON_AddItemToObject(x, "available", api_int(s[i].available));
		cJSON_AddItemToArray(ls, x);
	}
	return ls;
}

/* short_event: stock.reservation_failed for an order placed short */
static int
short_event(db *d, const db_res *o, const char *id, const order_short *s,
    size_t n, db_res *err)
{
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddItemToObject(ev, "lines", order_shorts_json(s, n));
	cJSON_AddStringToObject(ev, "location_id", db_text(o, 0, O_LOCATION));
	cJSON_AddStringToObject(ev, "order_id", id);
	return emit(d, o, id, "stock.reservation_failed", ev, err);
}

int
order_place(db *d, const char *user_id, const char *id,
    order_short **shorts, size_t *nshort, db_res *err)
{
	memset(err, 0, sizeof(*err));
	*shorts = NULL;
	*nshort = 0;
	db_res o;
	if (lock_order(d, id, "placed", "draft", &o, err) < 0)
		return -1;
	int rc = -1;
	if (credit_check(d, &o, id, err) < 0 ||
	    exec_plain(d, "SAVEPOINT order_place", err) < 0)
		goto out;
	/* the events of the reservations, the order and its invoice, held
	 * and recorded together at the end (dropped on any other way out) */
	outbox_hold(d);
	if (reserve_all(d, user_id, id, &o, shorts, nshort, err) < 0)
		goto out;
	if (*nshort > 0) {
		/* all or none: what was held for the other lines goes back,
		 * and so do their events */
		outbox_drop(d);
		if (exec_plain(d, "ROLLBACK TO SAVEPOINT order_place", err) < 0 ||
		    exec_plain(d, "RELEASE SAVEPOINT order_place", err) < 0 ||
		    short_event(d, &o, id, *shorts, *nshort, err) < 0)
			goto out;
		rc = ORDER_SHORT;
		goto out;
	}
	if (exec_plain(d, "RELEASE SAVEPOINT order_place", err) < 0 ||
	    set_status(d, id, "placed", err) < 0 ||
	    emit(d, &o, id, "order.placed", NULL, err) < 0)
		goto out;
	if (strcmp(db_text(&o, 0, O_INVOICE_ON), "place") == 0 &&
	    invoice_order_once(d, user_id, id, NULL, err) < 0)
		goto out;
	if (outbox_flush(d, err) < 0)
		goto out;
	rc = ORDER_PLACED;
out:
	outbox_drop(d);
	if (rc != ORDER_SHORT) {
		free(*shorts);
		*shorts = NULL;
		*nshort = 0;
	}
	db_res_clear(&o);
	return rc;
}

int
order_ship(db *d, const char *user_id, const char *id, const char *date,
    db_res *err)
{
	memset(err, 0, sizeof(*err));
	if (date && !field_date_ok(date))
		return db_refuse(err, "22023", "date: a date, YYYY-MM-DD");
	db_res o;
	if (lock_order(d, id, "shipped", "placed", &o, err) < 0)
		return -1;
	int64_t cogs = 0;
	int rc = -1;
	if (stock_ship_order(d, user_id, id, date, &cogs, err) < 0 ||
	    set_status(d, id, "shipped", err) < 0)
		goto out;
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddItemToObject(ev, "cost_of_goods", api_int(cogs));
	if (emit(d, &o, id, "order.shipped", ev, err) < 0)
		goto out;
	if (strcmp(db_text(&o, 0, O_INVOICE_ON), "ship") == 0 &&
	    invoice_order_once(d, user_id, id, date, err) < 0)
		goto out;
	rc = 0;
out:
	db_res_clear(&o);
	return rc;
}

int
order_complete(db *d, const char *user_id, const char *id, db_res *err)
{
	(void)user_id;
	memset(err, 0, sizeof(*err));
	db_res o;
	if (lock_order(d, id, "completed", "shipped", &o, err) < 0)
		return -1;
	int rc = set_status(d, id, "completed", err) < 0 ||
	    emit(d, &o, id, "order.completed", NULL, err) < 0 ? -1 : 0;
	db_res_clear(&o);
	return rc;
}

int
order_cancel(db *d, const char *user_id, const char *id, db_res *err)
{
	memset(err, 0, sizeof(*err));
	db_res o, inv = {0};
	if (lock_order(d, id, "cancelled", "draft|placed", &o, err) < 0)
		return -1;
	int rc = -1;
	const char *p[1] = { id };
	if (db_run(d, &inv, "SELECT id::text, status FROM invoices WHERE "
	    "order_id = $1::uuid AND kind = 'invoice' AND status <> 'void'", 1,
	    p, err) < 0)
		goto out;
	/* an invoice made on placing goes with the order; one that anything
	 * settled refuses, through invoice_void, as a credit note's work */
	if (inv.rows == 1 && (strcmp(db_text(&inv, 0, 1), "draft") == 0 ?
	    invoice_delete(d, db_text(&inv, 0, 0), err) : invoice_void(d,
	    user_id, db_text(&inv, 0, 0), NULL, err)) < 0)
		goto out;
	if (stock_release(d, user_id, NULL, id, err) < 0 ||
	    set_status(d, id, "cancelled", err) < 0 ||
	    emit(d, &o, id, "order.cancelled", NULL, err) < 0)
		goto out;
	rc = 0;
out:
	db_res_clear(&inv);
	db_res_clear(&o);
	return rc;
}
