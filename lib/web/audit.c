/* audit.c: recording audit entries. */
#include "web/audit.h"

#include "web/app.h"

static char *
json_or_null(const cJSON *j)
{
	return j ? cJSON_PrintUnformatted(j) : NULL;
}

int
audit_record(struct ctx *c, const char *action, const char *record_type,
    const char *record_id, const cJSON *before, const cJSON *after)
{
	char *b = json_or_null(before), *a = json_or_null(after);
	const char *params[9] = { c->tenant_id, c->user_id,
	    c->actor_label ? c->actor_label : "",
	    c->req.remote_addr ? c->req.remote_addr : "", action,
	    record_type ? record_type : "", record_id ? record_id : "", b, a };
	db_res r;
	int rc = db_exec(c->db, &r, "INSERT INTO audit_log (tenant_id, "
	    "actor_id, actor_label, ip, action, record_type, record_id, before, "
	    "after, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, "
	    "$8::jsonb, $9::jsonb, '', '')", 9, params);
	if (rc < 0)
		app_db_error(c, &r);
	db_res_clear(&r);
	cJSON_free(b);
	cJSON_free(a);
	return rc;
}
