/* product.h: products (stock-tracked goods and services), their prices per
 * currency, product categories, and the business's commerce settings.
 *
 * As in lib/party: changes run in the caller's transaction under a
 * savepoint, a refusal puts its reasons in fields and leaves the
 * transaction usable, and every product change records product.created or
 * product.updated in the outbox and an audit entry.  Values arrive as
 * text; NULL means not given (for an update: unchanged). */
#ifndef PRODUCT_H
#define PRODUCT_H

#include <cJSON.h>

#include "web/listing.h"

struct ctx;

#define PRODUCT_ID_LEN 37

enum product_result {
	PRODUCT_OK,
	PRODUCT_NOT_FOUND,	/* no such record in this tenant */
	PRODUCT_INVALID,	/* refused; fields say why */
	PRODUCT_CONFLICT,	/* the SKU (or category name) is taken: 409 */
	PRODUCT_ERROR,		/* the response is already set */
};

/* A product as typed.  tracked: yes (stock is counted) or no (a
 * service); category: a category's id or name, "" for none; tax_group: an
 * active tax group's code, "" for untaxed; reorder_level: whole units.
 * prices: the API's [{"currency":"INR","unit_price":12500}] or
 * {"INR":12500} in minor units (borrowed, may be NULL); price and
 * price_currency: one price as a form types it ("125.00", "INR"). */
typedef struct product_in {
	const char *sku, *name, *description, *unit, *tracked, *category;
	const char *tax_group, *reorder_level;
	const cJSON *prices;
	const char *price, *price_currency;
} product_in;

int product_create(struct ctx *c, const product_in *in, cJSON *fields,
    char id[PRODUCT_ID_LEN]);
/* product_update: the fields given; prices given replace the prices of
 * their currencies (others stay). */
int product_update(struct ctx *c, const char *id, const product_in *in,
    cJSON *fields);
int product_archive(struct ctx *c, const char *id, int archived);

/* product_price_set: the price of the product in currency: unit_price a
 * decimal ("125.00"), or when minor is set an integer of minor units.
 * product_price_remove: drops it (PRODUCT_NOT_FOUND when there was
 * none). */
int product_price_set(struct ctx *c, const char *id, const char *currency,
    const char *unit_price, int minor, cJSON *fields);
int product_price_remove(struct ctx *c, const char *id,
    const char *currency);

/* product_find: the id of the product with id_or_sku (a UUID, or a SKU)
 * into id; PRODUCT_OK, PRODUCT_NOT_FOUND or PRODUCT_ERROR. */
int product_find(struct ctx *c, const char *id_or_sku,
    char id[PRODUCT_ID_LEN]);

/* product_json: the product with its prices and its stock per location
 * (on_hand, reserved, available); NULL with *rc. */
cJSON *product_json(struct ctx *c, const char *id, int *rc);

/* A list's filter.  kind: "goods" (tracked), "service" or NULL; category:
 * a category's id; archived: "false" (default), "true", "all"; sort:
 * "name" (default), "sku" or "newest"; after: the last row's id. */
typedef struct product_filter {
	const char *q, *kind, *category, *archived, *sort, *after;
	int limit;
	struct listing *page;	/* numbered pages (sort, after, limit unused) */
} product_filter;

/* product_sorts: the columns a page of products sorts by */
extern const listing_sort product_sorts[];

int product_list(struct ctx *c, const product_filter *f, cJSON *fields,
    cJSON **items, const char **next);

/* Categories: a name unique in the business.  product_category_delete
 * refuses (PRODUCT_INVALID) a category products still use. */
int product_category_create(struct ctx *c, const char *name, cJSON *fields,
    char id[PRODUCT_ID_LEN]);
int product_category_rename(struct ctx *c, const char *id, const char *name,
    cJSON *fields);
int product_category_delete(struct ctx *c, const char *id, cJSON *fields);
/* product_categories: every category with its number of products. */
cJSON *product_categories(struct ctx *c);

/* commerce_settings_json: the commerce settings with the business's own
 * address and tax id; NULL on error (response set). */
cJSON *commerce_settings_json(struct ctx *c);

/* The settings as typed; NULL: unchanged. */
typedef struct commerce_settings_in {
	const char *invoice_on, *default_terms_days, *invoice_prefix;
	const char *credit_note_prefix, *order_prefix, *bill_prefix;
	const char *payment_prefix, *payment_instructions, *address, *tax_id;
	const char *number_format, *date_format;	/* for people: pages, forms */
} commerce_settings_in;

/* commerce_settings_save: PRODUCT_OK, PRODUCT_INVALID or PRODUCT_ERROR;
 * records commerce.settings_changed. */
int commerce_settings_save(struct ctx *c, const commerce_settings_in *in,
    cJSON *fields);

#endif
