/* change.h: a change announced inside the request's transaction: its
 * event in the outbox and its entry in the audit log, so both exist
 * exactly when the change committed. */
#ifndef CHANGE_H
#define CHANGE_H

#include <cJSON.h>

#include "web/app.h"

/* change_event: the event type with payload (kept by the caller) in the
 * request's transaction; 0, or -1 with the response set */
int change_event(struct ctx *c, const char *type, const cJSON *payload);

/* change_announce: change_event(type, after) and the audit entry of
 * type on subject id; before and after are freed here.  0, or -1 with
 * the response set. */
int change_announce(struct ctx *c, const char *type, const char *subject,
    const char *id, cJSON *before, cJSON *after);

#endif
