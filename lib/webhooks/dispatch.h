/* dispatch.h: the webhook dispatcher's work, for cron/webhook_dispatch.
 *
 * A round turns new outbox events into deliveries (one per matching
 * subscription), claims the deliveries that are due with a lease, sends
 * them at once (libcurl's multi interface, at most DISPATCH_PARALLEL in
 * flight), and records each attempt.  Claims use FOR UPDATE SKIP LOCKED,
 * so two dispatchers never send one attempt twice; a dispatcher killed
 * mid-send leaves its claims to run out and be taken again (a receiver
 * may then see a message twice, with the same webhook-id).  The
 * dispatcher works across businesses through the database's own
 * functions (webhook_fanout, webhook_claim, webhook_attempted), never by
 * reading another business's rows itself. */
#ifndef DISPATCH_H
#define DISPATCH_H

#include "base/config.h"
#include "db/db.h"

#define DISPATCH_PARALLEL 32	/* requests in flight at once */
#define DISPATCH_BATCH 200	/* deliveries claimed per round */
#define DISPATCH_LEASE 90	/* seconds a claim holds: past any timeout */
#define DISPATCH_BODY_MAX (256 * 1024)
#define DISPATCH_KEEP 4096	/* bytes of a response kept */

typedef struct dispatch_stats {
	int events;	/* outbox events looked at */
	int sent;	/* attempts made */
	int succeeded;
} dispatch_stats;

/* dispatch_round: one round as described above; 0, or -1 when the
 * database failed (the round's claims then run out and are retried). */
int dispatch_round(const config *cfg, db *d, dispatch_stats *st);

#endif
