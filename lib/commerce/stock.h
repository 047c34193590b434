/* stock.h: stock per product and location, and the one way anything
 * changes it.  On hand moves only by append-only movements (receipts,
 * adjustments, transfers, shipments, returns); reservations hold part of
 * on hand for an order or an API caller.  The database refuses on hand
 * below zero or below what is reserved (sql/0009_commerce.sql), so even a
 * bug here cannot oversell.
 *
 * Valuation is at moving average cost over all locations, in base-currency
 * minor units (stock_valuation): a receipt adds its cost; an issue of n
 * units takes round(value * n / qty) out, so what remains is exact.
 *
 * Every call runs inside the caller's open transaction, scoped to the
 * caller's tenant, and records its events there (stock.reserved,
 * stock.released, stock.received, stock.adjusted, stock.transferred,
 * stock.shipped, stock.low when available falls below the reorder
 * level).  Errors come back in err as the database's would: 22023 for a
 * malformed value, 23514 for a broken rule, P0002 for an unknown product,
 * location or reservation. */
#ifndef STOCK_H
#define STOCK_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

#define STOCK_ID_LEN 37

enum stock_reserve_result {
	STOCK_RESERVED = 0,
	STOCK_SHORT = 1,	/* not enough available: nothing changed */
};

/* stock_reserve: holds qty units of product_id at location_id (NULL: the
 * business's first location by code) for order_id/line_no (NULL/0: a
 * reservation of its own, with reference).  Atomic: one conditional
 * UPDATE of the level row, so concurrent callers can never together hold
 * more than is on hand.  Returns STOCK_RESERVED with the reservation's id;
 * for a product that is not tracked (a service) nothing is held: it
 * returns STOCK_RESERVED with id "" and *available untouched, and records
 * no event;
 * STOCK_SHORT with *available set (and the stock.reservation_failed event
 * NOT recorded: the caller decides, see cgi-bin/inventory.c); -1 with err. */
int stock_reserve(db *d, const char *user_id, const char *product_id,
    const char *location_id, int64_t qty, const char *order_id, int line_no,
    const char *reference, char id[STOCK_ID_LEN], int64_t *available,
    db_res *err);

/* A tracked product whose facts the caller has read (products.sku and
 * reorder_level), at a location it has checked open (stock_location),
 * in its tenant's transaction. */
typedef struct stock_known {
	const char *product_id, *sku;
	int64_t reorder_level;
	const char *location_id, *tenant;
} stock_known;

/* stock_reserve_known: stock_reserve for an order's line, with what the
 * caller knows already (k) not read again: one statement and its event
 * (and stock.low's read when the level is crossed).  The same results. */
int stock_reserve_known(db *d, const char *user_id, const stock_known *k,
    int64_t qty, const char *order_id, int line_no, char id[STOCK_ID_LEN],
    int64_t *available, db_res *err);

/* stock_release: ends a held reservation (by its id) or all held
 * reservations of an order (order_id, reservation_id NULL), giving the
 * units back to available.  An order's reservation is not released by
 * its id (23514: the order is cancelled instead), so a placed order
 * always holds every tracked line.  0, or -1 with err. */
int stock_release(db *d, const char *user_id, const char *reservation_id,
    const char *order_id, db_res *err);

/* stock_ship_order: turns every held reservation of order_id into a
 * shipment movement on date, takes their cost out of the valuation, and
 * posts cost of goods sold against inventory (one entry, source "order")
 * through lib/ledger (date NULL: today; no entry when the cost is 0).
 * *cogs gets the cost in base minor units.  0, or -1 with err. */
int stock_ship_order(db *d, const char *user_id, const char *order_id,
    const char *date, int64_t *cogs, db_res *err);

/* stock_receive: a receipt of qty units costing value in all (base minor
 * units: a bill line's net in base currency, so no cost is lost to
 * rounding a unit price) into location_id (NULL: the first location),
 * from source (a bill, or "manual").  Adds to on hand and to the
 * valuation; posts nothing (the bill posts inventory against payables; a
 * manual receipt's handler posts what the user chose).  0, or -1 with err. */
int stock_receive(db *d, const char *user_id, const char *product_id,
    const char *location_id, int64_t qty, int64_t value,
    const char *source_type, const char *source_id, const char *memo,
    db_res *err);

/* ---- added by the inventory program (the calls above are unchanged) ---- */

/* stock_product: the id of the product with sku_or_id (a SKU or an id)
 * and whether it is tracked (goods) or not (a service).  0, or -1 with
 * err (P0002: no such product). */
int stock_product(db *d, const char *sku_or_id, char id[STOCK_ID_LEN],
    int *tracked, db_res *err);

/* stock_location: the id of a location that is not archived, given its
 * id or its code (NULL or "": the first by code).  0, or -1 with err
 * (P0002: no such location). */
int stock_location(db *d, const char *code_or_id, char id[STOCK_ID_LEN],
    db_res *err);

/* stock_receive_manual: stock_receive from source "manual", then the
 * posting Dr '@inventory' Cr account (a code or a role; NULL or "":
 * '@capital', for opening stock) for value on date (NULL: today),
 * unless value is 0.
 * The receipt movement's id into movement_id.  0, or -1 with err. */
int stock_receive_manual(db *d, const char *user_id, const char *product_id,
    const char *location_id, int64_t qty, int64_t value, const char *account,
    const char *date, const char *memo, char movement_id[STOCK_ID_LEN],
    db_res *err);

/* stock_adjust: a count correction of delta units (+ or -, not 0) at a
 * location.  A decrease takes its value out at the moving average cost
 * and posts Dr '@expense' Cr '@inventory'; an increase is valued at the
 * current average (0 when nothing is valued) and posts the reverse.  A
 * decrease beyond what is free there (on hand less reserved) is refused
 * with 23514.  *value gets the (unsigned) value moved; the movement's id
 * into movement_id.  0, or -1 with err. */
int stock_adjust(db *d, const char *user_id, const char *product_id,
    const char *location_id, int64_t delta, const char *date,
    const char *memo, char movement_id[STOCK_ID_LEN], int64_t *value,
    db_res *err);

/* stock_transfer: moves qty units between two locations: a transfer_out
 * and a transfer_in movement (the out movement's id is the transfer's, in
 * transfer_id), value unchanged and nothing posted.  Refused with 23514
 * when fewer than qty units are free (on hand less reserved) at from.
 * 0, or -1 with err. */
int stock_transfer(db *d, const char *user_id, const char *product_id,
    const char *from, const char *to, int64_t qty, const char *memo,
    char transfer_id[STOCK_ID_LEN], db_res *err);

#endif
