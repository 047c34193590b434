/* order.h: sales orders and their lifecycle.  An order is drafted with
 * lines whose money lib/linemoney computes (the server's totals only), then
 * moves draft -> placed -> shipped -> completed, or draft|placed ->
 * cancelled; any other move is refused with 40001 naming the order's
 * status and what can be done now.
 *
 * Placing reserves stock for every tracked line at the order's location,
 * all or none, after checking the customer's credit limit; shipping turns
 * the reservations into shipments and posts cost of goods sold (through
 * lib/stock); cancelling gives the reservations back.  When the business
 * invoices on place or on ship (commerce_settings.invoice_on), that step
 * drafts and issues the order's invoice through lib/invoice.  Every call
 * runs in the caller's open transaction, scoped to its tenant, and
 * records its event there (order.created, order.updated, order.placed,
 * order.shipped, order.completed, order.cancelled; stock.reservation_failed
 * when placing finds a line short).  Errors come back in err as the
 * database's would: P0002 unknown, 22023 malformed (naming the field),
 * 23514 a broken rule, 40001 a move not allowed now. */
#ifndef ORDER_H
#define ORDER_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "db/db.h"

#define ORDER_ID_LEN 37

/* A line as given; what is missing comes from the product. */
typedef struct order_line_in {
	const char *product;	/* a product's id or SKU */
	const char *description;	/* NULL: the product's name */
	int64_t quantity;	/* 1..LINEMONEY_QTY_MAX */
	int64_t unit_price;	/* minor units; -1: the product's price in
				 * the order's currency */
	int64_t discount_ppm;	/* 0..10^6 */
	const char *tax_group;	/* NULL: the product's; "": untaxed */
} order_line_in;

/* An order as given.  On a change to a draft, a NULL member keeps what
 * the draft has, and set_lines 0 keeps its lines. */
typedef struct order_in {
	const char *customer;	/* a party's id or code */
	const char *currency;	/* NULL: the customer's */
	const char *location;	/* a location's code or id; NULL: the first */
	const char *order_date;	/* NULL: today */
	const char *reference, *notes;
	order_line_in *lines;
	size_t n;
	int set_lines;
	char field[48];	/* out: the field a refusal is about ("" none) */
} order_in;

/* order_draft: writes a new draft (id NULL) with the next order number,
 * or replaces the draft id's fields and lines; order.created or
 * order.updated.  0 with its id in out, or -1 with err. */
int order_draft(db *d, const char *user_id, const char *id, order_in *in,
    char out[ORDER_ID_LEN], db_res *err);

/* A line placing found short. */
typedef struct order_short {
	int line;
	char sku[48];
	int64_t wanted, available;
} order_short;

/* order_shorts_json: the short lines as a JSON array of {line, sku,
 * quantity, available}, for the refusal and its event */
cJSON *order_shorts_json(const order_short *s, size_t n);

enum order_place_result {
	ORDER_PLACED = 0,
	ORDER_SHORT = 1,	/* some lines short: nothing held, the order
				 * still a draft, the failure recorded */
};

/* order_place: reserves every tracked line and marks the order placed
 * (then invoices it when the business invoices on place).  ORDER_PLACED;
 * ORDER_SHORT with the short lines in shorts (calloc'd, the caller frees)
 * and their count in *nshort; -1 with err (23514 when the customer's
 * credit limit would be passed). */
int order_place(db *d, const char *user_id, const char *id,
    order_short **shorts, size_t *nshort, db_res *err);

/* order_ship: ships a placed order on date (NULL: today): its
 * reservations become shipments, cost of goods sold is posted, and it is
 * invoiced when the business invoices on ship.  0, or -1 with err. */
int order_ship(db *d, const char *user_id, const char *id, const char *date,
    db_res *err);

/* order_complete: a shipped order is done.  0, or -1 with err. */
int order_complete(db *d, const char *user_id, const char *id, db_res *err);

/* order_cancel: a draft or placed order is cancelled: its reservations
 * are released and its invoice, if one was made on placing, is deleted
 * (a draft) or voided (issued, nothing settled); an invoice on which
 * anything is settled refuses the cancel (40001).  0, or -1 with err. */
int order_cancel(db *d, const char *user_id, const char *id, db_res *err);

#endif
