/* record.c: the statements, checks and announcements the record modules
 * share */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "audit.h"
#include "outbox.h"

int
record_run(struct ctx *c, db_res *r, const char *sql, int n,
    const char *const *p)
{
	db_res own;
	db_res *res = r ? r : &own;
	if (db_exec(c->db, res, sql, n, p) < 0) {
		app_db_error(c, res);
		db_res_clear(res);
		return -1;
	}
	if (r == NULL)
		db_res_clear(&own);
	return 0;
}

int
record_text(struct ctx *c, const char *sql, int n, const char *const *p,
    char *out, size_t outlen)
{
	db_res r;
	if (record_run(c, &r, sql, n, p) < 0)
		return -1;
	snprintf(out, outlen, "%s", r.rows > 0 && db_text(&r, 0, 0) ?
	    db_text(&r, 0, 0) : "");
	db_res_clear(&r);
	return 0;
}

size_t
record_chars(const char *s)
{
	size_t n = 0;
	/* count every byte that does not continue a character */
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int
record_digits(struct ctx *c, const char *code, int *digits)
{
	char d[8];
	const char *p[1] = { code };
	*digits = 0;
	if (code == NULL || !api_matches("^[A-Z]{3}$", code))
		return 1;
	if (record_text(c, "SELECT minor_units FROM currencies WHERE code = $1",
	    1, p, d, sizeof(d)) < 0)
		return -1;
	*digits = atoi(d);
	return d[0] ? 0 : 1;
}

int
record_event(struct ctx *c, const char *type, const cJSON *payload)
{
	db_res r;
	int rc = outbox_emit(c->db, &r, c->tenant_id, type, payload);
	if (rc < 0)
		app_db_error(c, &r);
	db_res_clear(&r);
	return rc < 0 ? -1 : 0;
}

int
record_announce(struct ctx *c, const char *type, const char *subject,
    const char *id, cJSON *before, cJSON *after)
{
	int rc = record_event(c, type, after);
	if (rc == 0 && audit_record(c, type, subject, id, before, after) < 0)
		rc = -1;
	cJSON_Delete(before);
	cJSON_Delete(after);
	return rc;
}
