/* outbox.h: business events, recorded in the same transaction as the
 * change they describe, so an event exists if and only if its change
 * committed.  Webhooks and notifications consume them.
 *
 * Events carry an id (UUID), a type ("order.placed"), a time and a
 * sequence number.  Sequence numbers are handed out at insert time, so a
 * transaction that commits late can make a lower number visible after a
 * higher one; outbox_fetch therefore only returns events older than every
 * transaction still running, which makes "everything after seq N" a safe
 * cursor for a consumer. */
#ifndef OUTBOX_H
#define OUTBOX_H

#include <cJSON.h>

#include "db/db.h"

/* outbox_emit: records an event inside the caller's open transaction.
 * Returns 0, or -1 with r describing the failure (r->error is "no open
 * transaction" when called outside one: an event may never be recorded
 * apart from its change).  The caller clears r. */
int outbox_emit(db *d, db_res *r, const char *tenant_id, const char *type,
    const cJSON *payload);

/* outbox_record: outbox_emit for a module whose callers take one err:
 * payload is taken (deleted here); a failure lands in err with a
 * SQLSTATE (XX000 when the database gave none).  0 or -1. */
int outbox_record(db *d, const char *tenant_id, const char *type,
    cJSON *payload, db_res *err);

/* outbox_hold: from now on, d's events are kept in memory, in order,
 * instead of inserted one by one: outbox_flush records them all with one
 * statement (and stops holding), outbox_drop forgets them (the events of
 * a savepoint rolled back) and stops holding.  For a run of changes that
 * records many events (placing an order: each line's reservation, the
 * order's, its invoice's); its caller flushes before returning success
 * and drops on every other way out, so that nothing held outlives it.
 * outbox_flush: 0, or -1 with err as outbox_record's. */
void outbox_hold(db *d);
int outbox_flush(db *d, db_res *err);
void outbox_drop(db *d);

/* outbox_fetch: up to limit events with seq > after_seq, in seq order,
 * that no running transaction can still precede.  Columns: seq, id,
 * tenant_id, type, payload, occurred_at (RFC 3339 UTC). */
int outbox_fetch(db *d, db_res *r, const char *after_seq, int limit);

#endif
