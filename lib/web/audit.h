/* audit.h: the audit log, written once for every module.  The database
 * chains the entries (see sql/0004_audit.sql); this module only says what
 * happened, inside the caller's transaction, so an entry exists exactly
 * when the change it describes committed. */
#ifndef AUDIT_H
#define AUDIT_H

#include <cJSON.h>

struct ctx;

/* audit_record: one entry for the caller's tenant: action ("user.invited"),
 * the record it touched (type and id, "" when none), and its state before
 * and after (either may be NULL).  The actor and address come from the
 * request.  0, or -1 with the error response set. */
int audit_record(struct ctx *c, const char *action, const char *record_type,
    const char *record_id, const cJSON *before, const cJSON *after);

#endif
