/* sync.c: records pushed by another system (a CRM): units, registrations,
 * payments and grades, their schemas, the runs with every record's
 * outcome, a record's versions, the invalid records.  The rules live in
 * lib/sync. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/field.h"
#include "web/http.h"
#include "web/query.h"
#include "web/serve.h"
#include "sync/schema.h"
#include "sync/take.h"

#define PERM "sync.write"
#define BATCH_MAX 10000

/* push: one record type's batch: {"data": [...]}, one JSON record, or one
 * record as a form */
static void
push(ctx *c, const char *kind)
{
	const schema *s = schema_find(kind);
	/* the tenant is the key's: a header can only agree with it */
	const char *claimed = http_header(&c->req, "X-Tenant-ID");
	if (claimed && strcmp(claimed, c->tenant_id) != 0) {
		app_error(c, 403, "forbidden", "X-Tenant-ID is not the business "
		    "of this API key", NULL);
		return;
	}
	if (c->auth != AUTH_API_KEY) {
		app_error(c, 403, "forbidden", "sync takes an API key holding "
		    "sync.write", NULL);
		return;
	}
	cJSON *records = NULL;
	const cJSON *j = c->req.json;
	if (j) {
		const cJSON *data = cJSON_GetObjectItemCaseSensitive(j, "data");
		/* a batch holds only its records; one record's own fields
		 * are checked by its schema (INVALID, naming each) */
		if (data && field_known(c, "data") < 0)
			return;
		if (data && !cJSON_IsArray(data)) {
			cJSON *f = cJSON_CreateObject();
			api_field(f, "data", "must be a list of records");
			app_error(c, 422, "invalid", "data must be a list of records",
			    f);
			return;
		}
		records = data ? cJSON_Duplicate(data, 1) : cJSON_CreateArray();
		if (!data)
			cJSON_AddItemToArray(records, cJSON_Duplicate(j, 1));
	} else if (c->req.form.n) {
		records = cJSON_CreateArray();
		cJSON_AddItemToArray(records, schema_from_form(s, &c->req.form));
	} else {
		app_error(c, 400, "bad_request", "send {\"data\": [records]}, one "
		    "record as JSON, or one record as a form", NULL);
		return;
	}
	if (cJSON_GetArraySize(records) > BATCH_MAX) {
		cJSON_Delete(records);
		cJSON *f = cJSON_CreateObject();
		api_field(f, "data", "at most 10000 records in one batch");
		app_error(c, 422, "invalid", "at most 10000 records in one batch",
		    f);
		return;
	}
	cJSON *results = cJSON_CreateArray();
	sync_summary sum;
	int rc = sync_batch(c, s, records, results, &sum);
	cJSON_Delete(records);
	if (rc < 0) {
		cJSON_Delete(results);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "run_id", sum.run_id);
	cJSON *m = cJSON_AddObjectToObject(d, "summary");
	cJSON_AddItemToObject(m, "total", api_int(sum.total));
	cJSON_AddItemToObject(m, "new", api_int(sum.new));
	cJSON_AddItemToObject(m, "unchanged", api_int(sum.unchanged));
	cJSON_AddItemToObject(m, "updated", api_int(sum.updated));
	cJSON_AddItemToObject(m, "invalid", api_int(sum.invalid));
	cJSON_AddItemToObject(m, "error", api_int(sum.error));
	cJSON_AddItemToObject(d, "data", results);
	app_render(c, 200, NULL, NULL, d);
}

static void push_units(ctx *c) { push(c, "units"); }
static void push_registrations(ctx *c) { push(c, "registrations"); }
static void push_payments(ctx *c) { push(c, "payments"); }
static void push_grades(ctx *c) { push(c, "grades"); }

static void
schemas(ctx *c)
{
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "schemas", schema_doc());
	cJSON_AddStringToObject(d, "order", "units, then registrations (each "
	    "carries its student), then payments and grades; a record sent "
	    "before what it names is INVALID and can be sent again later");
	app_render(c, 200, "sync_schemas.cs", "Sync schemas", d);
}

static const char *const run_keys[] = { "id", "kind", "#total", "#new",
    "#unchanged", "#updated", "#invalid", "#error", "created_at", NULL };

static void
runs(ctx *c)
{
	cJSON *items = query_rows(c, "SELECT id, kind, total, new, unchanged, "
	    "updated, invalid, error, to_char(created_at, 'YYYY-MM-DD "
	    "HH24:MI:SS') FROM sync_runs ORDER BY created_at DESC, id LIMIT 100",
	    0, NULL, run_keys);
	if (items == NULL)
		return;
	app_render(c, 200, "sync.cs", "Sync", api_list(items, NULL));
}

static const char *const outcome_keys[] = { "#n", "source_id", "outcome",
    "reasons", NULL };

/* with_reasons: each row's reasons (JSON text from the database) parsed */
static void
with_reasons(cJSON *items)
{
	cJSON *x;
	cJSON_ArrayForEach(x, items) {
		const char *t = cJSON_GetStringValue(cJSON_GetObjectItem(x,
		    "reasons"));
		cJSON *r = t ? cJSON_Parse(t) : NULL;
		cJSON_ReplaceItemInObject(x, "reasons", r ? r : cJSON_CreateNull());
	}
}

static void
run(ctx *c)
{
	static const char *const keys[] = { "id", "kind", "#total", "#new",
	    "#unchanged", "#updated", "#invalid", "#error", "created_at", NULL };
	cJSON *d = query_one(c, "SELECT id, kind, total, new, unchanged, "
	    "updated, invalid, error, to_char(created_at, 'YYYY-MM-DD "
	    "HH24:MI:SS') FROM sync_runs WHERE id = $1::uuid", app_param(c,
	    "id"), keys, "sync run");
	if (d == NULL)
		return;
	const char *p[1] = { app_param(c, "id") };
	cJSON *items = query_rows(c, "SELECT n, source_id, outcome, "
	    "reasons::text FROM sync_outcomes WHERE run_id = $1 ORDER BY n "
	    "LIMIT 10000", 1, p, outcome_keys);
	if (items == NULL) {
		cJSON_Delete(d);
		return;
	}
	with_reasons(items);
	cJSON_AddItemToObject(d, "records", items);
	app_render(c, 200, "sync_run.cs", "Sync run", d);
}

static void
record(ctx *c)
{
	const char *kind = app_param(c, "kind"), *id = app_param(c, "id");
	static const char *const keys[] = { "#version", "record", "changed",
	    "created_at", NULL };
	const char *p[2] = { kind, id };
	cJSON *items = query_rows(c, "SELECT version, record::text, "
	    "array_to_string(changed, ', '), to_char(created_at, 'YYYY-MM-DD "
	    "HH24:MI:SS') FROM sync_versions WHERE kind = $1 AND source_id = $2 "
	    "ORDER BY version DESC", 2, p, keys);
	if (items == NULL)
		return;
	if (cJSON_GetArraySize(items) == 0) {
		cJSON_Delete(items);
		app_error(c, 404, "not_found", "no such record", NULL);
		return;
	}
	cJSON *x;
	cJSON_ArrayForEach(x, items) {
		const char *text = cJSON_GetStringValue(cJSON_GetObjectItem(x,
		    "record"));
		cJSON *r = cJSON_Parse(text);
		if (!c->api)
			cJSON_AddStringToObject(x, "text", text);
		if (r)
			cJSON_ReplaceItemInObject(x, "record", r);
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "kind", kind);
	cJSON_AddStringToObject(d, "id", id);
	cJSON_AddItemToObject(d, "versions", items);
	app_render(c, 200, "sync_record.cs", "Synced record", d);
}

static void
invalid(ctx *c)
{
	const char *kind = field_query(c, "kind"), *fld = field_query(c,
	    "field");
	static const char *const keys[] = { "run_id", "#n", "kind", "source_id",
	    "outcome", "reasons", "created_at", NULL };
	const char *p[2] = { kind, fld };
	cJSON *items = query_rows(c, "SELECT o.run_id, o.n, o.kind, "
	    "o.source_id, o.outcome, o.reasons::text, to_char(r.created_at, "
	    "'YYYY-MM-DD HH24:MI:SS') FROM sync_outcomes o JOIN sync_runs r ON "
	    "r.tenant_id = o.tenant_id AND r.id = o.run_id WHERE o.outcome IN "
	    "('invalid', 'error') AND ($1::text IS NULL OR o.kind = $1) AND "
	    "($2::text IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements("
	    "o.reasons) e WHERE e->>'field' = $2 OR e->>'field' LIKE $2 || '.%')) "
	    "ORDER BY r.created_at DESC, o.n LIMIT 500", 2, p, keys);
	if (items == NULL)
		return;
	with_reasons(items);
	cJSON *d = api_list(items, NULL);
	cJSON *f = cJSON_AddObjectToObject(d, "filter");
	cJSON_AddStringToObject(f, "kind", kind ? kind : "");
	cJSON_AddStringToObject(f, "field", fld ? fld : "");
	app_render(c, 200, "sync_invalid.cs", "Records refused", d);
}

static const route routes[] = {
	{ "POST", "/api/v1/sync/units", push_units, 0, PERM },
	{ "POST", "/api/v1/sync/registrations", push_registrations, 0, PERM },
	{ "POST", "/api/v1/sync/payments", push_payments, 0, PERM },
	{ "POST", "/api/v1/sync/grades", push_grades, 0, PERM },
	{ "GET", "~/sync/schemas", schemas, 0, PERM },
	{ "GET", "~/sync", runs, 0, PERM },
	{ "GET", "~/sync/runs/{id}", run, 0, PERM },
	{ "GET", "~/sync/records/{kind}/{id}", record, 0, PERM },
	{ "GET", "~/sync/invalid", invalid, 0, PERM },
};

int
main(void)
{
	return serve_main("sync", routes, sizeof(routes) / sizeof(routes[0]));
}
