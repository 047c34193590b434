/* stock_view.h: the read side of stock for the inventory program: levels
 * per product and location, the low-stock list, movements, reservations,
 * the valuation, and locations (with their changes: create, edit,
 * archive).  Lists are keyset-paginated: *next is the last row's key
 * (NULL on the last page), for api_cursor_encode.
 *
 * Functions returning int give STOCK_VIEW_OK, STOCK_VIEW_INVALID (fields
 * say why), STOCK_VIEW_NOT_FOUND, STOCK_VIEW_CONFLICT (a taken code) or
 * STOCK_VIEW_ERROR (the response is already set). */
#ifndef STOCK_VIEW_H
#define STOCK_VIEW_H

#include <cJSON.h>

struct ctx;

enum stock_view_result {
	STOCK_VIEW_OK,
	STOCK_VIEW_INVALID,
	STOCK_VIEW_NOT_FOUND,
	STOCK_VIEW_CONFLICT,
	STOCK_VIEW_ERROR,
};

/* A list's filter; NULL means any.  sku: exact; location: a location's
 * code; q: part of a product's name or SKU (or a location's code or
 * name); kind: a movement kind; status: held, released or shipped; order:
 * an order's id or number; archived (locations): false (default), true or
 * all; after: a cursor's key. */
typedef struct stock_filter {
	const char *q, *sku, *location, *kind, *status, *order, *archived;
	const char *after;
	int limit;
} stock_filter;

/* stock_view_levels: on_hand, reserved, available per product per
 * location, by SKU then location code. */
int stock_view_levels(struct ctx *c, const stock_filter *f, cJSON *fields,
    cJSON **items, const char **next);

/* stock_view_low: tracked active products whose available over every
 * location is below their reorder level, by SKU. */
int stock_view_low(struct ctx *c, const stock_filter *f, cJSON *fields,
    cJSON **items, const char **next);

/* stock_view_movements: newest first. */
int stock_view_movements(struct ctx *c, const stock_filter *f,
    cJSON *fields, cJSON **items, const char **next);
/* stock_view_movement: one movement, NULL when there is none (no
 * response set) or on error (response set: check c->failed). */
cJSON *stock_view_movement(struct ctx *c, const char *id);

/* stock_view_reservations: newest first. */
int stock_view_reservations(struct ctx *c, const stock_filter *f,
    cJSON *fields, cJSON **items, const char **next);
cJSON *stock_view_reservation(struct ctx *c, const char *id);

/* stock_view_valuation: per product qty, value and average unit cost
 * (rounded to the minor unit), by SKU; *summary gets the totals over every
 * product, the base currency and the balance of the inventory account. */
int stock_view_valuation(struct ctx *c, const stock_filter *f,
    cJSON *fields, cJSON **items, const char **next, cJSON **summary);

/* Locations.  stock_view_location: one location with its stock levels. */
int stock_view_locations(struct ctx *c, const stock_filter *f,
    cJSON *fields, cJSON **items, const char **next);
cJSON *stock_view_location(struct ctx *c, const char *id);

/* location changes: code (letters, digits, _ . -, up to 20) unique in the
 * business, name 1 to 100 characters; NULL for unchanged in an update.
 * Archiving refuses a location that still holds stock or is the last one
 * open.  Each records location.created / location.updated /
 * location.archived / location.unarchived and an audit entry. */
int stock_location_create(struct ctx *c, const char *code, const char *name,
    cJSON *fields, char id[37]);
int stock_location_update(struct ctx *c, const char *id, const char *code,
    const char *name, cJSON *fields);
int stock_location_archive(struct ctx *c, const char *id, int archived,
    cJSON *fields);

#endif
