/* change.c: a change's event and audit entry, in the request's transaction */
#include "web/change.h"

#include "web/audit.h"
#include "db/outbox.h"

int
change_event(struct ctx *c, const char *type, const cJSON *payload)
{
	db_res r;
	int rc = outbox_emit(c->db, &r, c->tenant_id, type, payload);
	if (rc < 0)
		app_db_error(c, &r);
	db_res_clear(&r);
	return rc < 0 ? -1 : 0;
}

int
change_announce(struct ctx *c, const char *type, const char *subject,
    const char *id, cJSON *before, cJSON *after)
{
	int rc = change_event(c, type, after);
	if (rc == 0 && audit_record(c, type, subject, id, before, after) < 0)
		rc = -1;
	cJSON_Delete(before);
	cJSON_Delete(after);
	return rc;
}
