/* subscription.h: a business's webhook subscriptions and their deliveries,
 * as the pages and the API keep them.
 *
 * A subscription names a target URL (checked against SSRF when saved),
 * the event types it wants (from the catalogue, or "*"), a timeout and a
 * retry schedule.  Its signing secret is shown once, when it is made or
 * rotated; after a rotation the previous secret keeps signing beside the
 * new one for 24 hours.  Every call runs in the request's transaction and
 * answers in the WEBHOOK_ results; refusals land in fields by name. */
#ifndef SUBSCRIPTION_H
#define SUBSCRIPTION_H

#include <cJSON.h>

#include "web/app.h"
#include "webhooks/sign.h"

enum webhook_result {
	WEBHOOK_OK,
	WEBHOOK_NOT_FOUND,	/* no such subscription or delivery here */
	WEBHOOK_INVALID,	/* refused: fields say why */
	WEBHOOK_ERROR,		/* the response is already set */
};

/* What was sent for a subscription; NULL members were not sent (an
 * update keeps them). */
typedef struct webhook_in {
	const char *url;
	const cJSON *event_types;	/* a JSON array of strings */
	const char *event_types_text;	/* or a form's comma list */
	const char *description;
	const char *active;		/* "true"/"false" and the like */
	const char *timeout;		/* seconds, 1..30 */
	const cJSON *retry_schedule;	/* a JSON array of seconds */
	const char *retry_schedule_text;	/* or "5,30,120" */
	const char *failure_limit;
} webhook_in;

/* webhook_create: a new subscription; its id into id (37) and its
 * secret, shown this once, into secret. */
int webhook_create(ctx *c, const webhook_in *in, cJSON *fields, char *id,
    char secret[SIGN_SECRET_MAX]);

/* webhook_update: changes what in holds; reactivating clears the run of
 * failures and the reason it was disabled. */
int webhook_update(ctx *c, const char *id, const webhook_in *in,
    cJSON *fields);

/* webhook_delete: the subscription and its history. */
int webhook_delete(ctx *c, const char *id);

/* webhook_rotate: a new secret into secret; the old one signs beside it
 * for 24 hours. */
int webhook_rotate(ctx *c, const char *id, char secret[SIGN_SECRET_MAX]);

/* webhook_get: the subscription (never its secret) into *out. */
int webhook_get(ctx *c, const char *id, cJSON **out);

/* webhook_list: the business's subscriptions into *out (an array). */
int webhook_list(ctx *c, cJSON **out);

/* webhook_test: a webhook.test delivery queued now; its id into id. */
int webhook_test(ctx *c, const char *id, char *delivery_id);

/* A list of deliveries: the filters (NULL: any) and the page. */
typedef struct webhook_filter {
	const char *status, *event_type, *from, *to;
	const char *after;	/* a cursor ("<created_at>|<id>"), or NULL */
	int limit;
} webhook_filter;

/* webhook_deliveries: a subscription's deliveries, newest first, into
 * *items (an array) and the next page's cursor into *next (NULL: last). */
int webhook_deliveries(ctx *c, const char *id, const webhook_filter *f,
    cJSON *fields, cJSON **items, const char **next);

/* webhook_delivery: one delivery with its request and every attempt. */
int webhook_delivery(ctx *c, const char *delivery_id, cJSON **out);

/* webhook_retry: a delivery sent again now, with its webhook-id kept;
 * a delivery still pending is sent now too. */
int webhook_retry(ctx *c, const char *delivery_id);

/* webhook_replay: every failed delivery of the subscription since (an
 * RFC 3339 time or a date) sent again; their number into *n. */
int webhook_replay(ctx *c, const char *id, const char *since, int *n,
    cJSON *fields);

#endif
