/* stock_move.h: a stock movement as typed (a receipt, an adjustment or a
 * transfer), read and checked before lib/stock makes it: the product by
 * SKU, the quantity (signed for an adjustment), the places by code, the
 * cost of a receipt in the base currency, the date and the memo; then
 * made, and lib/stock's refusals named by the field they concern.  The
 * inventory program is its request glue; an import of counts or a sync
 * from a shop would check and make its movements through here the same.
 * A reservation asked for by hand is checked here too, and its shortfall
 * recorded.
 *
 * Refusals go into a JSON object of field name to reason (the fields the
 * API and the forms share: sku, location, from, to, quantity, cost,
 * account, date, memo).  Every call runs in the request's transaction;
 * one returning int gives 0, or -1 with the response already set (a
 * failed query). */
#ifndef STOCK_MOVE_H
#define STOCK_MOVE_H

#include <stdint.h>

#include <cJSON.h>

#include "commerce/stock.h"
#include "db/db.h"

struct ctx;

enum stock_move_kind {
	STOCK_MOVE_RECEIPT,
	STOCK_MOVE_ADJUSTMENT,
	STOCK_MOVE_TRANSFER,
};

/* A movement as typed: text as it came (NULL when absent; "?" for a JSON
 * value of the wrong kind), but cost_json, a receipt's cost when it came
 * as a JSON number (minor units). */
typedef struct stock_move_in {
	const char *sku, *quantity, *location, *from, *to, *cost, *account;
	const char *date, *memo;
	const cJSON *cost_json;
} stock_move_in;

/* A movement checked: ids, amounts, and the optional texts (NULL for
 * none).  location is a receipt's or an adjustment's place, or a
 * transfer's from. */
typedef struct stock_move {
	char product[STOCK_ID_LEN], location[STOCK_ID_LEN], to[STOCK_ID_LEN];
	int64_t qty, cost;
	const char *account, *date, *memo;
} stock_move;

/* stock_move_check: in checked into m, the refusals into fields (m is
 * complete only when fields stays empty). */
int stock_move_check(struct ctx *c, enum stock_move_kind k,
    const stock_move_in *in, stock_move *m, cJSON *fields);

/* stock_move_make: m made through lib/stock by user_id; the movement's
 * (a transfer's out movement's) id into id.  0, or -1 with err. */
int stock_move_make(db *d, const char *user_id, enum stock_move_kind k,
    const stock_move *m, char id[STOCK_ID_LEN], db_res *err);

/* stock_move_refusal: err from stock_move_make as a refusal in fields,
 * with the status (409 for stock that is short, else 422) and the error's
 * code; 0 with err cleared, or -1 when err is no refusal (err is left
 * for the caller to report). */
int stock_move_refusal(enum stock_move_kind k, db_res *err, cJSON *fields,
    int *status, const char **code);

/* stock_move_transfer: the transfer with id (its out movement's) as
 * {"id","sku","from","to","quantity","memo","created_at"}, a new object;
 * NULL with the response set. */
cJSON *stock_move_transfer(struct ctx *c, const char *id);

/* A reservation asked for, as typed. */
typedef struct stock_hold_in {
	const char *quantity, *location, *reference;
} stock_hold_in;

/* stock_hold_check: a reservation of a product (tracked: 0 for a
 * service) checked: the quantity into *qty, the location (NULL: the
 * first) into loc, the refusals into fields. */
int stock_hold_check(struct ctx *c, int tracked, const stock_hold_in *in,
    int64_t *qty, char loc[STOCK_ID_LEN], cJSON *fields);

/* stock_hold_short: records stock.reservation_failed when stock_reserve
 * found too little: product, sku, location and the quantity asked for
 * against what was available.  Nothing was held; the event is kept with
 * the request's transaction like any other. */
int stock_hold_short(struct ctx *c, const char *product, const char *sku,
    const char *location, int64_t qty, int64_t available,
    const char *reference);

/* stock_base_currency: the business's base currency and its minor-unit
 * digits (in which stock is valued).  0, or -1 with the response set. */
int stock_base_currency(struct ctx *c, char cur[4], int *digits);

/* stock_whole: a whole number typed as text ("12", "-3", "+4") into
 * *out; 0, or -1 for anything else. */
int stock_whole(const char *s, int64_t *out);

#endif
