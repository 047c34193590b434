/* outbox.c: the transactional event outbox. */
#include "db/outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HELD_ARRAY_MAX (16u << 20)	/* one column of held events */

/* The events held for one handle (a worker serves one request at a
 * time): each one's tenant, type and payload text, owned here. */
static struct {
	db *d;
	size_t n, cap;
	char **cols[3];
} held;

void
outbox_hold(db *d)
{
	outbox_drop(d);
	held.d = d;
}

void
outbox_drop(db *d)
{
	(void)d;
	for (size_t i = 0; i < held.n; i++)
		for (int c = 0; c < 3; c++)
			free(held.cols[c][i]);
	for (int c = 0; c < 3; c++) {
		free(held.cols[c]);
		held.cols[c] = NULL;
	}
	held.n = held.cap = 0;
	held.d = NULL;
}

/* keep: one event held; json is taken.  0 or -1 (out of memory) */
static int
keep(const char *tenant_id, const char *type, char *json)
{
	if (held.n == held.cap) {
		size_t cap = held.cap ? held.cap * 2 : 16;
		for (int c = 0; c < 3; c++) {
			char **m = realloc(held.cols[c], cap * sizeof(*m));
			if (m == NULL) {
				cJSON_free(json);
				return -1;
			}
			held.cols[c] = m;
		}
		held.cap = cap;
	}
	char *t = strdup(tenant_id ? tenant_id : ""), *y = strdup(type);
	char *j = strdup(json);
	cJSON_free(json);
	if (t == NULL || y == NULL || j == NULL) {
		free(t);
		free(y);
		free(j);
		return -1;
	}
	held.cols[0][held.n] = t;
	held.cols[1][held.n] = y;
	held.cols[2][held.n] = j;
	held.n++;
	return 0;
}

int
outbox_flush(db *d, db_res *err)
{
	memset(err, 0, sizeof(*err));
	if (held.d != d || held.n == 0) {
		outbox_drop(d);
		return 0;
	}
	buf b[3] = { BUF_INIT(HELD_ARRAY_MAX), BUF_INIT(HELD_ARRAY_MAX),
	    BUF_INIT(HELD_ARRAY_MAX) };
	int rc = 0;
	for (int c = 0; c < 3 && rc == 0; c++)
		rc = db_array(&b[c], (const char *const *)held.cols[c], held.n);
	outbox_drop(d);
	if (rc < 0) {
		db_refuse(err, "54000", "too many events in one transaction");
	} else {
		/* in the order they were recorded, as one at a time would */
		const char *p[3] = { buf_str(&b[0]), buf_str(&b[1]),
		    buf_str(&b[2]) };
		db_res r;
		rc = db_run(d, &r, "INSERT INTO outbox_events (tenant_id, type, "
		    "payload) SELECT x.t::uuid, x.y, x.p::jsonb FROM unnest("
		    "$1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS x(t, "
		    "y, p, n) ORDER BY x.n", 3, p, err);
		if (rc == 0)
			db_res_clear(&r);
		else if (err->sqlstate[0] == '\0')
			snprintf(err->sqlstate, sizeof(err->sqlstate), "XX000");
	}
	for (int c = 0; c < 3; c++)
		buf_free(&b[c]);
	return rc;
}

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
	if (held.d == d) {
		*r = (db_res){ 0 };
		if (keep(tenant_id, type, json) < 0) {
			*r = (db_res){ .error = "out of memory" };
			return -1;
		}
		return 0;
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
