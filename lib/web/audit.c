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
	const char *params[10] = { c->tenant_id, c->user_id,
	    c->actor_label ? c->actor_label : "",
	    c->req.remote_addr ? c->req.remote_addr : "", action,
	    record_type ? record_type : "", record_id ? record_id : "", b, a,
	    c->api_key_id };
	db_res r;
	/* a session or an access token names its user by id only: the label
	 * is then the user's email, found here rather than on every request */
	int rc = db_exec(c->db, &r, "INSERT INTO audit_log (tenant_id, "
	    "actor_id, actor_label, ip, action, record_type, record_id, before, "
	    "after, api_key_id, prev_hash, hash) VALUES ($1, $2, coalesce("
	    "nullif($3, ''), (SELECT email FROM users WHERE id = $2::uuid), ''), "
	    "$4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::uuid, '', '')", 10,
	    params);
	if (rc < 0)
		app_db_error(c, &r);
	db_res_clear(&r);
	cJSON_free(b);
	cJSON_free(a);
	return rc;
}

int
audit_verify_chain(db *d, int64_t *broken, int64_t *entries, db_res *err)
{
	db_res r;
	*broken = 0;
	*entries = 0;
	if (db_run(d, &r, "SELECT audit_verify(), (SELECT count(*) FROM "
	    "audit_log) + (SELECT count(*) FROM audit_archive)", 0, NULL,
	    err) < 0)
		return -1;
	if (db_i64(&r, 0, 0, broken) < 0)
		*broken = 0;
	db_i64(&r, 0, 1, entries);
	db_res_clear(&r);
	return 0;
}
