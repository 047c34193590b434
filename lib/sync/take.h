/* take.h: a batch of pushed records taken into the business.
 *
 * Each record, in input order, is checked against its schema (INVALID
 * with every reason), its lookups found (INVALID naming the reference
 * that is missing: the sync order is units, registrations, payments,
 * grades, and a record sent too early can simply be sent again later),
 * fingerprinted, and kept: NEW, UNCHANGED or UPDATED (see sql/0025's
 * sync_take).  A failure on Bursar's side is ERROR for that record alone
 * (it is undone to its savepoint; it can be sent again).  What a record
 * means for the books happens with it:
 *   - a registration's student becomes a customer on first sight;
 *   - a new registration with a fee is invoiced to that customer and the
 *     invoice issued (a receivable per registration);
 *   - a new payment is a payment received from the student, allocated to
 *     the registration's invoice (what is more than is open stays as the
 *     student's credit).
 * Changes after that (a fee or an amount corrected) are kept as versions
 * and not posted again: the books change by credit note or refund. */
#ifndef TAKE_H
#define TAKE_H

#include <cJSON.h>

#include "sync/schema.h"
#include "web/app.h"

typedef struct sync_summary {
	int total, new, unchanged, updated, invalid, error;
	char run_id[37];
} sync_summary;

/* sync_batch: records (a JSON array) of schema s taken as above; one
 * result object per record into results ({"index", "id", "outcome",
 * "version", "changed" or "reasons"}), the counts into sum.  0, or -1
 * with the response set (the run itself could not be kept). */
int sync_batch(ctx *c, const schema *s, const cJSON *records,
    cJSON *results, sync_summary *sum);

#endif
