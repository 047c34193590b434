/* outbox.c: the transactional event outbox. */
#include "db/outbox.h"

#include <stdio.h>

int
outbox_emit(db *d, db_res *r, const char *tenant_id, const char *type,
    const cJSON *payload)
{
	if (!db_in_tx(d)) {
		*r = (db_res){ .error = "no open transaction" };
		return -1;
	}
	char *json = cJSON_PrintUnformatted(payload);
	if (json == NULL) {
		*r = (db_res){ .error = "payload is not serializable" };
		return -1;
	}
	const char *p[3] = { tenant_id, type, json };
	int rc = db_exec(d, r, "INSERT INTO outbox_events "
	    "(tenant_id, type, payload) VALUES ($1, $2, $3::jsonb)", 3, p);
	cJSON_free(json);
	return rc;
}

int
outbox_fetch(db *d, db_res *r, const char *after_seq, int limit)
{
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", limit);
	const char *p[2] = { after_seq, lim };
	return db_exec(d, r, "SELECT seq, id, tenant_id, type, payload, "
	    "to_char(occurred_at AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
	    "FROM outbox_events WHERE seq > $1::bigint "
	    "AND xid < pg_snapshot_xmin(pg_current_snapshot()) "
	    "ORDER BY seq LIMIT $2::int", 2, p);
}

int
outbox_record(db *d, const char *tenant_id, const char *type,
    cJSON *payload, db_res *err)
{
	db_res r;
	int rc = outbox_emit(d, &r, tenant_id, type, payload);
	cJSON_Delete(payload);
	if (rc < 0) {
		*err = r;
		if (r.sqlstate[0] == '\0')
			snprintf(err->sqlstate, sizeof(err->sqlstate), "XX000");
		return -1;
	}
	db_res_clear(&r);
	return 0;
}
