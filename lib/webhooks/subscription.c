/* subscription.c: webhook subscriptions checked and kept; their
 * deliveries listed, retried and replayed */
#include "webhooks/subscription.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/change.h"
#include "web/field.h"
#include "web/query.h"
#include "webhooks/catalogue.h"
#include "webhooks/target.h"

#define TYPES_MAX 100
#define SCHEDULE_MAX 20
#define DESCRIPTION_MAX 500

/* the subscription as the API shows it: never its secret */
static const char show_sql[] = "SELECT json_build_object('id', id, 'url', "
    "url, 'event_types', event_types, 'description', description, "
    "'active', active, 'timeout', timeout_s, 'retry_schedule', "
    "retry_schedule, 'failure_limit', failure_limit, 'failures', failures, "
    "'disabled_reason', disabled_reason, 'previous_secret_until', "
    "CASE WHEN previous_until > now() THEN previous_until END, "
    "'created_at', created_at, 'updated_at', updated_at)::text "
    "FROM webhook_subscriptions ";

/* json_rows: each row's first column, JSON text from the database, as an
 * array; NULL with the response set */
static cJSON *
json_rows(ctx *c, const char *sql, int n, const char *const *p)
{
	db_res r;
	if (query_run(c, &r, sql, n, p) < 0)
		return NULL;
	cJSON *items = cJSON_CreateArray();
	for (int i = 0; i < r.rows; i++) {
		cJSON *o = cJSON_Parse(db_text(&r, i, 0));
		if (o)
			cJSON_AddItemToArray(items, o);
	}
	db_res_clear(&r);
	return items;
}

/* json_one: the row of sql (one parameter, a UUID) as JSON into *out:
 * WEBHOOK_OK, WEBHOOK_NOT_FOUND (no such row, or id is not a UUID), or
 * WEBHOOK_ERROR with the response set */
static int
json_one(ctx *c, const char *sql, const char *id, cJSON **out)
{
	*out = NULL;
	if (!api_uuid_ok(id))
		return WEBHOOK_NOT_FOUND;
	const char *p[1] = { id };
	cJSON *rows = json_rows(c, sql, 1, p);
	if (rows == NULL)
		return WEBHOOK_ERROR;
	*out = cJSON_DetachItemFromArray(rows, 0);
	cJSON_Delete(rows);
	return *out ? WEBHOOK_OK : WEBHOOK_NOT_FOUND;
}

/* ---- what was sent, checked ---- */

/* types_of: the event types as a SQL array literal ("{a,b}") in the
 * arena, each in the catalogue or "*"; NULL with fields set */
static const char *
types_of(ctx *c, const webhook_in *in, cJSON *fields)
{
	buf b = BUF_INIT(4096);
	const char *lit = NULL;
	int n = 0;
	const char *why = NULL;
	if (in->event_types) {
		if (!cJSON_IsArray(in->event_types)) {
			why = "must be a list of event types";
			goto done;
		}
		const cJSON *t;
		cJSON_ArrayForEach(t, in->event_types) {
			const char *s = cJSON_GetStringValue(t);
			if (s == NULL) {
				why = "must be a list of event types";
				goto done;
			}
			if (strcmp(s, "*") != 0 && catalogue_find(s) == NULL) {
				why = arena_printf(c->a, "%.60s is not an event "
				    "Bursar sends (see GET /api/v1/webhooks/"
				    "event-types)", s);
				goto done;
			}
			buf_printf(&b, "%s%s", n++ ? "," : "{", s);
		}
	} else {
		const char *p = in->event_types_text;
		while (*p) {
			p += strspn(p, " ,\r\n\t");
			size_t w = strcspn(p, " ,\r\n\t");
			if (w == 0)
				break;
			char *s = arena_strndup(c->a, p, w);
			p += w;
			if (strcmp(s, "*") != 0 && catalogue_find(s) == NULL) {
				why = arena_printf(c->a, "%.60s is not an event "
				    "Bursar sends", s);
				goto done;
			}
			buf_printf(&b, "%s%s", n++ ? "," : "{", s);
		}
	}
	if (n == 0)
		why = "choose at least one event type, or *";
	else if (n > TYPES_MAX)
		why = "at most 100 event types";
	else if (buf_puts(&b, "}") == 0)
		lit = arena_strdup(c->a, buf_str(&b));
done:
	buf_free(&b);
	if (why)
		api_field(fields, "event_types", why);
	return lit;
}

/* schedule_of: the retry schedule as "{5,30}", each 1..604800 seconds */
static const char *
schedule_of(ctx *c, const webhook_in *in, cJSON *fields)
{
	buf b = BUF_INIT(512);
	int n = 0, bad = 0;
	buf_puts(&b, "{");
	if (in->retry_schedule) {
		const cJSON *t;
		if (!cJSON_IsArray(in->retry_schedule))
			bad = 1;
		cJSON_ArrayForEach(t, in->retry_schedule) {
			int64_t v;
			if (field_exact(t, &v) < 0 || v < 1 || v > 604800) {
				bad = 1;
				break;
			}
			buf_printf(&b, "%s%lld", n++ ? "," : "", (long long)v);
		}
	} else {
		const char *p = in->retry_schedule_text;
		while (*p && !bad) {
			p += strspn(p, " ,");
			if (*p == '\0')
				break;
			char *end;
			long v = strtol(p, &end, 10);
			if (end == p || v < 1 || v > 604800 ||
			    (*end && *end != ',' && *end != ' '))
				bad = 1;
			else
				buf_printf(&b, "%s%ld", n++ ? "," : "", v);
			p = end;
		}
	}
	const char *lit = NULL;
	if (bad)
		api_field(fields, "retry_schedule", "must be a list of waits in "
		    "seconds, each from 1 to 604800 (a week)");
	else if (n > SCHEDULE_MAX)
		api_field(fields, "retry_schedule", "at most 20 retries");
	else if (buf_puts(&b, "}") == 0)
		lit = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return lit;
}

/* int_of: text as an integer in lo..hi into out (decimal text in the
 * arena); refused into fields under name */
static const char *
int_of(ctx *c, const char *text, const char *name, int lo, int hi,
    cJSON *fields)
{
	char *end;
	long v = strtol(text, &end, 10);
	if (field_blank(text) || *end != '\0' || v < lo || v > hi) {
		api_field(fields, name, arena_printf(c->a, "must be a whole "
		    "number from %d to %d", lo, hi));
		return NULL;
	}
	return arena_printf(c->a, "%ld", v);
}

/* checked: what in holds, checked, into p (url, types, description,
 * active, timeout, schedule, limit: NULL when not sent); -1 with fields */
static int
checked(ctx *c, const webhook_in *in, const char *p[7], cJSON *fields,
    int creating)
{
	memset(p, 0, 7 * sizeof(*p));
	if (in->url || creating) {
		char why[256];
		if (field_blank(in->url))
			api_field(fields, "url", "is required");
		else if (target_url_check(in->url, c->cfg->webhook_allow, why,
		    sizeof(why)) < 0)
			api_field(fields, "url", why);
		else
			p[0] = in->url;
	}
	if (in->event_types || in->event_types_text)
		p[1] = types_of(c, in, fields);
	else if (creating)
		api_field(fields, "event_types", "choose at least one event "
		    "type, or *");
	if (in->description) {
		if (field_chars(in->description) > DESCRIPTION_MAX)
			api_field(fields, "description", "at most 500 characters");
		else if (strpbrk(in->description, "\r\n\t\x01\x02\x03\x04"
		    "\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15"
		    "\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f"))
			api_field(fields, "description", "must be one line, "
			    "without control characters");
		else
			p[2] = in->description;
	}
	if (in->active) {
		int on;
		if (field_flag(in->active, &on) < 0)
			api_field(fields, "active", "must be true or false");
		else
			p[3] = on ? "true" : "false";
	}
	if (in->timeout)
		p[4] = int_of(c, in->timeout, "timeout", 1, 30, fields);
	if (in->retry_schedule || in->retry_schedule_text)
		p[5] = schedule_of(c, in, fields);
	if (in->failure_limit)
		p[6] = int_of(c, in->failure_limit, "failure_limit", 1, 1000,
		    fields);
	return cJSON_GetArraySize(fields) ? -1 : 0;
}

/* ---- subscriptions ---- */

int
webhook_create(ctx *c, const webhook_in *in, cJSON *fields, char *id,
    char secret[SIGN_SECRET_MAX])
{
	const char *v[7];
	if (checked(c, in, v, fields, 1) < 0)
		return WEBHOOK_INVALID;
	if (sign_secret_new(secret) < 0) {
		app_error(c, 503, "unavailable", "no randomness for a secret",
		    NULL);
		return WEBHOOK_ERROR;
	}
	const char *p[9] = { c->tenant_id, v[0], v[1], v[2] ? v[2] : "",
	    v[3] ? v[3] : "true", v[4] ? v[4] : "10", v[5], v[6] ? v[6] : "30",
	    secret };
	if (query_text(c, "INSERT INTO webhook_subscriptions (tenant_id, url, "
	    "event_types, description, active, timeout_s, retry_schedule, "
	    "failure_limit, secret) VALUES ($1, $2, $3::text[], $4, $5, $6, "
	    "coalesce($7::int[], '{5,30,120,600,3600,21600,86400}'), $8, $9) "
	    "RETURNING id", 9, p, id, 37) < 0)
		return WEBHOOK_ERROR;
	cJSON *after = NULL;
	if (webhook_get(c, id, &after) != WEBHOOK_OK)
		return WEBHOOK_ERROR;
	return change_announce(c, "webhook.created", "webhook", id, NULL,
	    after) < 0 ? WEBHOOK_ERROR : WEBHOOK_OK;
}

int
webhook_get(ctx *c, const char *id, cJSON **out)
{
	return json_one(c, arena_printf(c->a, "%sWHERE id = $1", show_sql), id,
	    out);
}

int
webhook_list(ctx *c, cJSON **out)
{
	*out = json_rows(c, arena_printf(c->a, "%sORDER BY created_at, id",
	    show_sql), 0, NULL);
	return *out ? WEBHOOK_OK : WEBHOOK_ERROR;
}

int
webhook_update(ctx *c, const char *id, const webhook_in *in, cJSON *fields)
{
	cJSON *before;
	int rc = webhook_get(c, id, &before);
	if (rc != WEBHOOK_OK)
		return rc;
	const char *v[7];
	if (checked(c, in, v, fields, 0) < 0) {
		cJSON_Delete(before);
		return WEBHOOK_INVALID;
	}
	const char *p[8] = { id, v[0], v[1], v[2], v[3], v[4], v[5], v[6] };
	if (query_run(c, NULL, "UPDATE webhook_subscriptions SET "
	    "url = coalesce($2, url), "
	    "event_types = coalesce($3::text[], event_types), "
	    "description = coalesce($4, description), "
	    "active = coalesce($5::boolean, active), "
	    "timeout_s = coalesce($6::int, timeout_s), "
	    "retry_schedule = coalesce($7::int[], retry_schedule), "
	    "failure_limit = coalesce($8::int, failure_limit), "
	    /* switched back on: a fresh start */
	    "failures = CASE WHEN $5::boolean AND NOT active THEN 0 ELSE "
	    "failures END, disabled_reason = CASE WHEN $5::boolean THEN NULL "
	    "ELSE disabled_reason END, updated_at = now() WHERE id = $1",
	    8, p) < 0) {
		cJSON_Delete(before);
		return WEBHOOK_ERROR;
	}
	cJSON *after;
	if (webhook_get(c, id, &after) != WEBHOOK_OK) {
		cJSON_Delete(before);
		return WEBHOOK_ERROR;
	}
	return change_announce(c, "webhook.updated", "webhook", id, before,
	    after) < 0 ? WEBHOOK_ERROR : WEBHOOK_OK;
}

int
webhook_delete(ctx *c, const char *id)
{
	cJSON *before;
	int rc = webhook_get(c, id, &before);
	if (rc != WEBHOOK_OK)
		return rc;
	const char *p[1] = { id };
	if (query_run(c, NULL, "DELETE FROM webhook_subscriptions WHERE id = $1",
	    1, p) < 0) {
		cJSON_Delete(before);
		return WEBHOOK_ERROR;
	}
	cJSON *gone = cJSON_CreateObject();
	cJSON_AddStringToObject(gone, "id", id);
	cJSON_AddItemToObject(gone, "url", cJSON_Duplicate(
	    cJSON_GetObjectItem(before, "url"), 1));
	return change_announce(c, "webhook.deleted", "webhook", id, before,
	    gone) < 0 ? WEBHOOK_ERROR : WEBHOOK_OK;
}

int
webhook_rotate(ctx *c, const char *id, char secret[SIGN_SECRET_MAX])
{
	if (!api_uuid_ok(id))
		return WEBHOOK_NOT_FOUND;
	if (sign_secret_new(secret) < 0) {
		app_error(c, 503, "unavailable", "no randomness for a secret",
		    NULL);
		return WEBHOOK_ERROR;
	}
	const char *p[2] = { id, secret };
	char got[37];
	if (query_text(c, "UPDATE webhook_subscriptions SET previous_secret = "
	    "secret, previous_until = now() + interval '24 hours', secret = $2, "
	    "updated_at = now() WHERE id = $1 RETURNING id", 2, p, got,
	    sizeof(got)) < 0)
		return WEBHOOK_ERROR;
	if (got[0] == '\0')
		return WEBHOOK_NOT_FOUND;
	/* the event says that it happened; the secret is never in it */
	cJSON *what = cJSON_CreateObject();
	cJSON_AddStringToObject(what, "id", id);
	return change_announce(c, "webhook.secret_rotated", "webhook", id,
	    NULL, what) < 0 ? WEBHOOK_ERROR : WEBHOOK_OK;
}

/* wake: tells the dispatcher that a delivery is due now */
static int
wake(ctx *c)
{
	return query_run(c, NULL, "SELECT pg_notify('webhook_due', '')", 0,
	    NULL);
}

int
webhook_test(ctx *c, const char *id, char *delivery_id)
{
	if (!api_uuid_ok(id))
		return WEBHOOK_NOT_FOUND;
	const catalogue_type *t = catalogue_find("webhook.test");
	const char *p[3] = { c->tenant_id, id, t->example };
	if (query_text(c, "INSERT INTO webhook_deliveries (tenant_id, "
	    "subscription_id, event_type, msg_id, body) SELECT $1, s.id, "
	    "'webhook.test', 'msg_' || replace(g::text, '-', ''), "
	    "webhook_body(g, 'webhook.test', now(), $3::jsonb) FROM "
	    "webhook_subscriptions s, gen_random_uuid() g WHERE s.id = $2 "
	    "RETURNING id", 3, p, delivery_id, 37) < 0)
		return WEBHOOK_ERROR;
	if (delivery_id[0] == '\0')
		return WEBHOOK_NOT_FOUND;
	return wake(c) < 0 ? WEBHOOK_ERROR : WEBHOOK_OK;
}

/* ---- deliveries ---- */

static const char delivery_sql[] = "SELECT json_build_object('id', d.id, "
    "'subscription_id', d.subscription_id, 'event_id', d.event_id, "
    "'event_type', d.event_type, 'webhook_id', d.msg_id, 'status', d.status, "
    "'attempts', d.attempts, 'next_attempt_at', CASE WHEN d.status = "
    "'pending' THEN d.next_at END, 'last_status_code', d.last_code, "
    "'last_error', d.last_error, 'created_at', d.created_at, 'finished_at', "
    "d.finished_at, 'key', to_char(d.created_at AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS.US') || '|' || d.id)::text "
    "FROM webhook_deliveries d ";

int
webhook_deliveries(ctx *c, const char *id, const webhook_filter *f,
    cJSON *fields, cJSON **items, const char **next)
{
	*items = NULL;
	*next = NULL;
	static const char *const statuses[] = { "pending", "succeeded",
	    "failed", NULL };
	if (f->status && !field_one_of(f->status, statuses))
		api_field(fields, "status", "must be pending, succeeded or "
		    "failed");
	if (f->from && !field_date_ok(f->from))
		api_field(fields, "from", "must be a date, YYYY-MM-DD");
	if (f->to && !field_date_ok(f->to))
		api_field(fields, "to", "must be a date, YYYY-MM-DD");
	if (cJSON_GetArraySize(fields))
		return WEBHOOK_INVALID;
	cJSON *sub;
	int rc = webhook_get(c, id, &sub);
	if (rc != WEBHOOK_OK)
		return rc;
	cJSON_Delete(sub);
	const char *at = NULL, *after_id = NULL;
	if (f->after) {
		const char *bar = strchr(f->after, '|');
		if (bar == NULL || !api_uuid_ok(bar + 1)) {
			api_field(fields, "cursor", "malformed cursor");
			return WEBHOOK_INVALID;
		}
		at = arena_strndup(c->a, f->after, (size_t)(bar - f->after));
		after_id = bar + 1;
	}
	const char *p[8] = { id, f->status, f->event_type, f->from, f->to, at,
	    after_id, arena_printf(c->a, "%d", f->limit + 1) };
	*items = json_rows(c, arena_printf(c->a, "%sWHERE d.subscription_id = "
	    "$1 AND ($2::text IS NULL OR d.status = $2) AND ($3::text IS NULL "
	    "OR d.event_type = $3) AND ($4::date IS NULL OR d.created_at >= "
	    "$4::date) AND ($5::date IS NULL OR d.created_at < $5::date + 1) "
	    "AND ($6::timestamp IS NULL OR (d.created_at AT TIME ZONE 'UTC', "
	    "d.id) < ($6::timestamp, $7::uuid)) ORDER BY d.created_at DESC, "
	    "d.id DESC LIMIT $8", delivery_sql), 8, p);
	if (*items == NULL)
		return WEBHOOK_ERROR;
	*next = query_next(c, *items, f->limit);
	cJSON *x;
	cJSON_ArrayForEach(x, *items)
		cJSON_DeleteItemFromObject(x, "key");
	return WEBHOOK_OK;
}

int
webhook_delivery(ctx *c, const char *delivery_id, cJSON **out)
{
	int rc = json_one(c, arena_printf(c->a, "%sWHERE d.id = $1",
	    delivery_sql), delivery_id, out);
	if (rc != WEBHOOK_OK)
		return rc;
	cJSON_DeleteItemFromObject(*out, "key");
	const char *p[1] = { delivery_id };
	/* the request as sent, and every attempt */
	cJSON *req = json_rows(c, "SELECT json_build_object('url', s.url, "
	    "'body', d.body)::text FROM webhook_deliveries d JOIN "
	    "webhook_subscriptions s ON s.tenant_id = d.tenant_id AND s.id = "
	    "d.subscription_id WHERE d.id = $1", 1, p);
	cJSON *att = json_rows(c, "SELECT json_build_object('n', n, "
	    "'started_at', started_at, 'duration_ms', duration_ms, "
	    "'status_code', status_code, 'response', response, 'error', "
	    "error)::text FROM webhook_attempts WHERE delivery_id = $1 "
	    "ORDER BY n", 1, p);
	if (req == NULL || att == NULL) {
		cJSON_Delete(req);
		cJSON_Delete(att);
		cJSON_Delete(*out);
		*out = NULL;
		return WEBHOOK_ERROR;
	}
	cJSON_AddItemToObject(*out, "request", cJSON_DetachItemFromArray(req,
	    0));
	cJSON_Delete(req);
	cJSON_AddItemToObject(*out, "attempts_made", att);
	return WEBHOOK_OK;
}

int
webhook_retry(ctx *c, const char *delivery_id)
{
	if (!api_uuid_ok(delivery_id))
		return WEBHOOK_NOT_FOUND;
	const char *p[1] = { delivery_id };
	char got[37];
	/* a manual retry is one more try: the schedule counts from here */
	if (query_text(c, "UPDATE webhook_deliveries SET status = 'pending', "
	    "next_at = now(), leased_until = NULL, finished_at = NULL, "
	    "attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END "
	    "WHERE id = $1 AND status <> 'succeeded' RETURNING id", 1, p, got,
	    sizeof(got)) < 0)
		return WEBHOOK_ERROR;
	if (got[0] == '\0') {
		/* succeeded already, or no such delivery: tell which */
		if (query_text(c, "SELECT status FROM webhook_deliveries WHERE "
		    "id = $1", 1, p, got, sizeof(got)) < 0)
			return WEBHOOK_ERROR;
		if (got[0] == '\0')
			return WEBHOOK_NOT_FOUND;
		app_error(c, 409, "conflict", "this delivery succeeded already",
		    NULL);
		return WEBHOOK_ERROR;
	}
	return wake(c) < 0 ? WEBHOOK_ERROR : WEBHOOK_OK;
}

int
webhook_replay(ctx *c, const char *id, const char *since, int *n,
    cJSON *fields)
{
	*n = 0;
	if (field_blank(since)) {
		api_field(fields, "since", "is required: a date or a time");
		return WEBHOOK_INVALID;
	}
	cJSON *sub;
	int rc = webhook_get(c, id, &sub);
	if (rc != WEBHOOK_OK)
		return rc;
	cJSON_Delete(sub);
	/* a date, or a time with its zone: what PostgreSQL reads the same
	 * way whatever the session's settings */
	if (!api_matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}"
	    "(:[0-9]{2}(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?))?$", since) ||
	    !field_date_ok(arena_strndup(c->a, since, 10))) {
		api_field(fields, "since", "must be a date (2026-12-01) or a "
		    "time with its zone (2026-12-01T09:30:00Z)");
		return WEBHOOK_INVALID;
	}
	const char *p[2] = { id, since };
	char count[24];
	if (query_text(c, "WITH r AS (UPDATE webhook_deliveries SET status = "
	    "'pending', attempts = 0, next_at = now(), leased_until = NULL, "
	    "finished_at = NULL WHERE subscription_id = $1 AND status = "
	    "'failed' AND created_at >= $2::timestamptz RETURNING 1) "
	    "SELECT count(*) FROM r", 2, p, count, sizeof(count)) < 0)
		return WEBHOOK_ERROR;
	*n = atoi(count);
	return wake(c) < 0 ? WEBHOOK_ERROR : WEBHOOK_OK;
}
