/* audit.h: the audit log, written once for every module.  The database
 * chains the entries (see sql/0004_audit.sql); this module only says what
 * happened, inside the caller's transaction, so an entry exists exactly
 * when the change it describes committed. */
#ifndef AUDIT_H
#define AUDIT_H

#include <stdint.h>

#include <cJSON.h>

#include "db/db.h"

struct ctx;

/* audit_record: one entry for the caller's tenant: action ("user.invited"),
 * the record it touched (type and id, "" when none), and its state before
 * and after (either may be NULL).  The actor and address come from the
 * request.  0, or -1 with the error response set. */
int audit_record(struct ctx *c, const char *action, const char *record_type,
    const char *record_id, const cJSON *before, const cJSON *after);

/* audit_verify_chain: the database recomputes the caller's tenant's
 * chain (sql audit_verify(), archive and log in order): *broken gets the
 * seq of the first entry that breaks it (0 when every link holds),
 * *entries how many there are.  0, or -1 with err.  The one check, for
 * /audit/verify and the integrity report alike. */
int audit_verify_chain(db *d, int64_t *broken, int64_t *entries,
    db_res *err);

#endif
