/* webhooks.c: webhook subscriptions, their deliveries and attempts, the
 * event catalogue; tests, retries and replays.  The rules live in
 * lib/webhooks; the sending in cron/webhook_dispatch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/field.h"
#include "web/http.h"
#include "web/query.h"
#include "web/reply.h"
#include "web/serve.h"
#include "webhooks/catalogue.h"
#include "webhooks/subscription.h"

#define PERM "webhooks.manage"

/* sent: what the request holds for a subscription (JSON or a form) */
static webhook_in
sent(ctx *c)
{
	webhook_in in = { 0 };
	const cJSON *j = c->req.json;
	in.url = field_get(c, "url");
	in.description = field_get(c, "description");
	in.active = field_get(c, "active");
	in.timeout = field_get(c, "timeout");
	in.failure_limit = field_get(c, "failure_limit");
	if (j) {
		in.event_types = cJSON_GetObjectItemCaseSensitive(j,
		    "event_types");
		in.retry_schedule = cJSON_GetObjectItemCaseSensitive(j,
		    "retry_schedule");
		if (cJSON_IsString(in.event_types)) {	/* "*" */
			in.event_types_text = in.event_types->valuestring;
			in.event_types = NULL;
		}
	} else {
		/* a form: ticked types (repeated) or a typed comma list */
		buf b = BUF_INIT(8192);
		const char *v;
		for (size_t i = 0; (v = field_nth(&c->req.form, "event_types",
		    i)) != NULL; i++)
			buf_printf(&b, "%s%s", i ? "," : "", v);
		if (b.len)
			in.event_types_text = arena_strdup(c->a, buf_str(&b));
		else if (c->req.form.n)
			in.event_types_text = "";
		buf_free(&b);
		in.retry_schedule_text = field_get(c, "retry_schedule");
		/* an unticked box sends nothing: the form always says */
		if (c->req.form.n && http_arg(&c->req, "active_sent"))
			in.active = http_arg(&c->req, "active") ? "true" :
			    "false";
	}
	return in;
}

/* catalogue_json: the event types with their descriptions and examples */
static cJSON *
catalogue_json(void)
{
	size_t n;
	const catalogue_type *t = catalogue_types(&n);
	cJSON *items = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", t[i].type);
		cJSON_AddStringToObject(o, "description", t[i].description);
		cJSON *ex = cJSON_Parse(t[i].example);
		cJSON_AddItemToObject(o, "example", ex ? ex :
		    cJSON_CreateNull());
		cJSON_AddItemToArray(items, o);
	}
	return items;
}

/* failed: the answer to a result that is not WEBHOOK_OK; fields taken */
static void
failed(ctx *c, int rc, cJSON *fields, void (*page)(ctx *, int, cJSON *))
{
	if (rc == WEBHOOK_INVALID && !c->api && page) {
		c->failed = 1;
		page(c, 422, fields);
		return;
	}
	if (rc == WEBHOOK_INVALID) {
		app_error(c, 422, "invalid", reply_summary(fields, NULL), fields);
		return;
	}
	cJSON_Delete(fields);
	if (rc == WEBHOOK_NOT_FOUND)
		app_error(c, 404, "not_found", "no such webhook", NULL);
}

/* form_page: the new subscription's form, with what was typed */
static void
form_page(ctx *c, int status, cJSON *fields)
{
	static const char *const keep[] = { "url", "description", "timeout",
	    "retry_schedule", "failure_limit", NULL };
	static const char *const dflt[] = { "", "", "10",
	    "5,30,120,600,3600,21600,86400", "30", NULL };
	cJSON *d = cJSON_CreateObject();
	reply_form(c, d, keep, c->req.form.n ? NULL : dflt, fields);
	cJSON_Delete(fields);
	/* the boxes ticked stay ticked ("*" is every event) */
	cJSON *types = catalogue_json(), *t;
	const char *v;
	for (size_t i = 0; (v = field_nth(&c->req.form, "event_types", i)) !=
	    NULL; i++) {
		if (strcmp(v, "*") == 0)
			cJSON_AddTrueToObject(d, "every");
		cJSON_ArrayForEach(t, types)
			if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(t,
			    "type")), v) == 0)
				cJSON_AddTrueToObject(t, "ticked");
	}
	cJSON_AddItemToObject(d, "types", types);
	app_render(c, status, "webhooks_form.cs", "New webhook", d);
}

/* ---- the catalogue and the subscriptions ---- */

static void
event_types(ctx *c)
{
	app_render(c, 200, "webhooks_events.cs", "Webhook events",
	    api_list(catalogue_json(), NULL));
}

static void
list(ctx *c)
{
	cJSON *items;
	if (webhook_list(c, &items) != WEBHOOK_OK)
		return;
	cJSON *d = api_list(items, NULL);
	if (!c->api) {
		/* what the dispatcher told the admins: subscriptions it turned off */
		static const char *const keys[] = { "message", "link",
		    "created_at", NULL };
		cJSON *notices = query_rows(c, "SELECT message, link, "
		    "to_char(created_at, 'YYYY-MM-DD HH24:MI') FROM notices WHERE "
		    "kind LIKE 'webhook.%' ORDER BY created_at DESC LIMIT 20", 0,
		    NULL, keys);
		if (notices == NULL) {
			cJSON_Delete(d);
			return;
		}
		cJSON_AddItemToObject(d, "notices", notices);
	}
	app_render(c, 200, "webhooks.cs", "Webhooks", d);
}

static void
new_form(ctx *c)
{
	form_page(c, 200, NULL);
}

/* shown: the subscription's page or JSON, with its secret when it was
 * just made or rotated (shown this once) */
static void
shown(ctx *c, int status, const char *id, const char *secret)
{
	cJSON *w;
	int rc = webhook_get(c, id, &w);
	if (rc != WEBHOOK_OK) {
		failed(c, rc, NULL, NULL);
		return;
	}
	if (secret)
		cJSON_AddStringToObject(w, "secret", secret);
	if (c->api) {
		if (status == 201)
			resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
			    "/api/v1/webhooks/%s", id));
		app_render(c, status, NULL, NULL, w);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "webhook", w);
	webhook_filter f = { field_query(c, "status"), field_query(c,
	    "event_type"), NULL, NULL, NULL, 25 };
	cJSON *items, *fields = cJSON_CreateObject();
	const char *next;
	if (webhook_deliveries(c, id, &f, fields, &items, &next) == WEBHOOK_OK)
		cJSON_AddItemToObject(d, "deliveries", items);
	cJSON_Delete(fields);
	cJSON_AddItemToObject(d, "types", catalogue_json());
	if (secret)
		cJSON_AddStringToObject(d, "note", "Copy the signing secret "
		    "now: it is not shown again.");
	app_render(c, 200, "webhooks_show.cs", "Webhook", d);
}

static void
create(ctx *c)
{
	if (field_known(c, "url description active timeout failure_limit "
	    "event_types retry_schedule") < 0)
		return;
	webhook_in in = sent(c);
	cJSON *fields = cJSON_CreateObject();
	char id[37], secret[SIGN_SECRET_MAX];
	int rc = webhook_create(c, &in, fields, id, secret);
	if (rc != WEBHOOK_OK) {
		failed(c, rc, fields, form_page);
		return;
	}
	cJSON_Delete(fields);
	shown(c, 201, id, secret);
}

static void
show(ctx *c)
{
	shown(c, 200, app_param(c, "id"), NULL);
}

/* edit_page: the subscription's page again with the refusal */
static void
edit_page(ctx *c, int status, cJSON *fields)
{
	cJSON *w;
	if (webhook_get(c, app_param(c, "id"), &w) != WEBHOOK_OK) {
		cJSON_Delete(fields);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "webhook", w);
	cJSON_AddItemToObject(d, "types", catalogue_json());
	reply_refusal(d, fields, NULL);
	cJSON_Delete(fields);
	app_render(c, status, "webhooks_show.cs", "Webhook", d);
}

/* done: after an action, the API's answer or the page (whose flash,
 * lib/web/flash, says what was done) */
static void
done(ctx *c, const char *id)
{
	if (c->api)
		shown(c, 200, id, NULL);
	else
		app_redirect(c, arena_printf(c->a, "/app/webhooks/%s", id));
}

static void
update(ctx *c)
{
	if (field_known(c, "url description active timeout failure_limit "
	    "event_types retry_schedule") < 0)
		return;
	const char *id = app_param(c, "id");
	webhook_in in = sent(c);
	cJSON *fields = cJSON_CreateObject();
	int rc = webhook_update(c, id, &in, fields);
	if (rc != WEBHOOK_OK) {
		failed(c, rc, fields, edit_page);
		return;
	}
	cJSON_Delete(fields);
	done(c, id);
}

static void
delete(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	int rc = webhook_delete(c, app_param(c, "id"));
	if (rc != WEBHOOK_OK) {
		failed(c, rc, NULL, NULL);
		return;
	}
	if (c->api) {
		cJSON *d = cJSON_CreateObject();
		cJSON_AddBoolToObject(d, "deleted", 1);
		app_render(c, 200, NULL, NULL, d);
		return;
	}
	app_redirect(c, "/app/webhooks");
}

static void
rotate(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	const char *id = app_param(c, "id");
	char secret[SIGN_SECRET_MAX];
	int rc = webhook_rotate(c, id, secret);
	if (rc != WEBHOOK_OK) {
		failed(c, rc, NULL, NULL);
		return;
	}
	shown(c, 200, id, secret);
}

static void
test(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	const char *id = app_param(c, "id");
	char delivery[37];
	int rc = webhook_test(c, id, delivery);
	if (rc != WEBHOOK_OK) {
		failed(c, rc, NULL, NULL);
		return;
	}
	if (!c->api) {
		done(c, id);
		return;
	}
	cJSON *d;
	if (webhook_delivery(c, delivery, &d) != WEBHOOK_OK)
		return;
	resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
	    "/api/v1/webhook-deliveries/%s", delivery));
	app_render(c, 202, NULL, NULL, d);
}

static void
replay(ctx *c)
{
	if (field_known(c, "since") < 0)
		return;
	const char *id = app_param(c, "id");
	cJSON *fields = cJSON_CreateObject();
	int n;
	int rc = webhook_replay(c, id, field_get(c, "since"), &n, fields);
	if (rc != WEBHOOK_OK) {
		failed(c, rc, fields, edit_page);
		return;
	}
	cJSON_Delete(fields);
	if (!c->api) {
		done(c, id);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "replayed", api_int(n));
	app_render(c, 202, NULL, NULL, d);
}

/* ---- deliveries ---- */

static void
deliveries(ctx *c)
{
	webhook_filter f = { field_query(c, "status"), field_query(c,
	    "event_type"), field_query(c, "from"), field_query(c, "to"), NULL,
	    API_LIMIT_DEFAULT };
	if (api_limit(&c->req.query, &f.limit) < 0) {
		app_error(c, 400, "bad_request", "limit must be 1 to 200", NULL);
		return;
	}
	const char *cur = field_query(c, "cursor");
	if (cur && (f.after = api_cursor_decode(c->a, cur)) == NULL) {
		app_error(c, 400, "bad_request", "malformed cursor", NULL);
		return;
	}
	cJSON *items, *fields = cJSON_CreateObject();
	const char *next;
	int rc = webhook_deliveries(c, app_param(c, "id"), &f, fields, &items,
	    &next);
	if (rc != WEBHOOK_OK) {
		failed(c, rc, fields, NULL);
		return;
	}
	cJSON_Delete(fields);
	cJSON *d = api_list(items, next ? api_cursor_encode(c->a, next) :
	    NULL);
	cJSON_AddStringToObject(d, "webhook_id", app_param(c, "id"));
	app_render(c, 200, "webhook_deliveries.cs", "Deliveries", d);
}

static void
delivery(ctx *c)
{
	cJSON *d;
	int rc = webhook_delivery(c, app_param(c, "id"), &d);
	if (rc != WEBHOOK_OK) {
		if (rc == WEBHOOK_NOT_FOUND)
			app_error(c, 404, "not_found", "no such delivery", NULL);
		return;
	}
	app_render(c, 200, "webhook_delivery.cs", "Delivery", d);
}

static void
retry(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	const char *id = app_param(c, "id");
	int rc = webhook_retry(c, id);
	if (rc == WEBHOOK_NOT_FOUND)
		app_error(c, 404, "not_found", "no such delivery", NULL);
	if (rc != WEBHOOK_OK)
		return;
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "/app/webhook-deliveries/%s",
		    id));
		return;
	}
	cJSON *d;
	if (webhook_delivery(c, id, &d) != WEBHOOK_OK)
		return;
	app_render(c, 202, NULL, NULL, d);
}

static const route routes[] = {
	{ "GET", "~/webhooks/event-types", event_types, 0, PERM },
	{ "GET", "~/webhooks", list, 0, PERM },
	{ "POST", "~/webhooks", create, 0, PERM },
	{ "GET", "/app/webhooks/new", new_form, 0, PERM },
	{ "GET", "~/webhooks/{id}", show, 0, PERM },
	{ "PATCH", "/api/v1/webhooks/{id}", update, 0, PERM },
	{ "POST", "/app/webhooks/{id}", update, 0, PERM },
	{ "DELETE", "/api/v1/webhooks/{id}", delete, 0, PERM },
	{ "POST", "/app/webhooks/{id}/delete", delete, 0, PERM },
	{ "POST", "~/webhooks/{id}/rotate-secret", rotate, 0, PERM },
	{ "POST", "~/webhooks/{id}/test", test, 0, PERM },
	{ "POST", "~/webhooks/{id}/replay", replay, 0, PERM },
	{ "GET", "~/webhooks/{id}/deliveries", deliveries, 0, PERM },
	{ "GET", "~/webhook-deliveries/{id}", delivery, 0, PERM },
	{ "POST", "~/webhook-deliveries/{id}/retry", retry, 0, PERM },
};

int
main(void)
{
	return serve_main("webhooks", routes, sizeof(routes) / sizeof(routes[0]));
}
