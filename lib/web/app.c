/* app.c: a request's context answered: pages and JSON, the one error shape,
 * redirects, cookies and path parameters. */
#include "web/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "base/crypto.h"
#include "web/form.h"
#include "web/nav.h"
#include "base/log.h"
#include "web/tmpl.h"
#include "web/flash.h"
#include "base/money.h"
#include "web/words.h"


const char *
app_param(const ctx *c, const char *name)
{
	return kv_get(&c->params, name);
}

void
app_redirect(ctx *c, const char *where)
{
	resp_reset(&c->resp, 0);
	c->resp.status = 303;
	resp_header(c->a, &c->resp, "Location", where);
}

int
app_cookie(ctx *c, const char *name, const char *value, long max_age)
{
	return resp_cookie(c->a, &c->resp, name, value, max_age,
	    c->req.https || c->cfg->secure_cookies);
}

const char *
app_csrf_token(ctx *c)
{
	if (c->auth == AUTH_SESSION)
		return c->csrf_token;
	const char *cookie = kv_get(&c->req.cookies, AUTH_CSRF_COOKIE);
	if (cookie && strlen(cookie) >= 32)
		return cookie;
	if (c->csrf_token == NULL) {
		c->csrf_token = crypto_random_token(c->a, 24);
		app_cookie(c, AUTH_CSRF_COOKIE, c->csrf_token, -1);
	}
	return c->csrf_token;
}

static void
set_json_body(ctx *c, int status, cJSON *json)
{
	char *s = cJSON_PrintUnformatted(json);
	resp_reset(&c->resp, 0);
	c->resp.status = status;
	c->resp.content_type = "application/json; charset=utf-8";
	if (s == NULL || buf_puts(&c->resp.body, s) < 0 ||
	    buf_putc(&c->resp.body, '\n') < 0) {
		resp_reset(&c->resp, 1);
		c->resp.status = 500;
		buf_puts(&c->resp.body, "{\"error\":{\"code\":\"internal\","
		    "\"message\":\"response too large\",\"fields\":{}}}\n");
	}
	cJSON_free(s);
}

static void
set_page(ctx *c, int status, const char *template, const char *title,
    const cJSON *data)
{
	kv_list vars = {0};
	kv_add(c->a, &vars, "title", title, strlen(title));
	kv_add(c->a, &vars, "request_id", c->request_id,
	    strlen(c->request_id));
	kv_add(c->a, &vars, "version", c->cfg->version,
	    strlen(c->cfg->version));
	const char *csrf = app_csrf_token(c);
	kv_add(c->a, &vars, "csrf_token", csrf, strlen(csrf));
	app_formats(c);
	const char *df = c->date_format;
	kv_add(c->a, &vars, "date_format", df, strlen(df));
	cJSON *nav = NULL;
	if (c->user_id) {
		kv_add(c->a, &vars, "signed_in", "1", 1);
		kv_add(c->a, &vars, "role", c->role, strlen(c->role));
		nav = nav_menu(c->perms, c->req.path, c->req.raw_query);
	}
	tmpl_page p = { NULL, template, data, &vars, nav };
	char err[512];
	resp_reset(&c->resp, 0);
	c->resp.status = status;
	/* a save's confirmation is shown once, on the page it lands on */
	const char *fl = status == 200 ? kv_get(&c->req.cookies, FLASH_COOKIE) :
	    NULL;
	if (fl) {
		const char *msg = flash_message(fl);
		if (msg)
			kv_add(c->a, &vars, "flash", msg, strlen(msg));
		app_cookie(c, FLASH_COOKIE, "", 0);
	}
	c->resp.content_type = "text/html; charset=utf-8";
	int rc = tmpl_render(c->cfg->template_dir, &p, &c->resp.body, err,
	    sizeof(err));
	cJSON_Delete(nav);
	if (rc == 0)
		return;
	log_event("error", err);
	/* the error page itself failed: plain text, never a blank page */
	resp_reset(&c->resp, 1);
	c->resp.status = 500;
	c->resp.content_type = "text/plain; charset=utf-8";
	buf_printf(&c->resp.body, "Internal error (request %s)\n",
	    c->request_id);
}

void
app_formats(ctx *c)
{
	if (c->date_format)
		return;
	c->date_format = "YYYY-MM-DD";
	c->numbers = MONEY_PLAIN;
	if (c->api || c->tenant_id == NULL || c->db == NULL)
		return;
	c->numbers = MONEY_WESTERN;
	db_res r;
	if (db_exec(c->db, &r, "SELECT number_format, date_format FROM "
	    "tenants WHERE id = bursar_tenant()", 0, NULL) == 0 && r.rows == 1) {
		c->numbers = money_style_named(db_text(&r, 0, 0));
		c->date_format = arena_strdup(c->a, db_text(&r, 0, 1));
	}
	db_res_clear(&r);
}

void
app_render(ctx *c, int status, const char *template, const char *title,
    cJSON *data)
{
	if (data == NULL)
		data = cJSON_CreateObject();
	if (c->api)
		set_json_body(c, status, data);
	else
		set_page(c, status, template, title, data);
	cJSON_Delete(data);
}

/* say_fields: the error page speaks of what the person typed and may
 * do: each refused field as its form names it ("line 3, quantity"), under
 * "said"; the message of a single refused field led by its name; a
 * refusal's permission codes in words.  The API keeps codes and paths. */
static void
say_fields(cJSON *e, int status, const char *message, const cJSON *fields)
{
	buf b = BUF_INIT(4096);
	if (status == 403) {
		words_forbidden(&b, message);
		cJSON_ReplaceItemInObject(e, "message",
		    cJSON_CreateString(buf_str(&b)));
		buf_truncate(&b, 0);
	}
	cJSON *said = cJSON_AddArrayToObject(e, "said");
	const cJSON *f;
	cJSON_ArrayForEach(f, fields) {
		if (!cJSON_IsString(f))
			continue;
		buf_truncate(&b, 0);
		words_message(&b, f->string, f->valuestring);
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "said", buf_str(&b));
		cJSON_AddItemToArray(said, x);
		if (cJSON_GetArraySize(fields) == 1 && message &&
		    strcmp(message, f->valuestring) == 0)
			cJSON_ReplaceItemInObject(e, "message",
			    cJSON_CreateString(buf_str(&b)));
	}
	if (status != 403 && message) {
		/* a message of its own may name a path too */
		const cJSON *m = cJSON_GetObjectItem(e, "message");
		if (cJSON_IsString(m) && strcmp(m->valuestring, message) == 0) {
			buf_truncate(&b, 0);
			words_text(&b, message);
			cJSON_ReplaceItemInObject(e, "message",
			    cJSON_CreateString(buf_str(&b)));
		}
	}
	buf_free(&b);
}

void
app_error(ctx *c, int status, const char *code, const char *message,
    cJSON *fields)
{
	c->failed = 1;
	resp_reset(&c->resp, 1);
	cJSON *root = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(root, "error");
	cJSON_AddStringToObject(e, "code", code);
	cJSON_AddStringToObject(e, "message", message);
	cJSON_AddItemToObject(e, "fields", fields ? fields :
	    cJSON_CreateObject());
	if (c->api) {
		set_json_body(c, status, root);
	} else {
		say_fields(e, status, message, fields);
		cJSON_AddNumberToObject(e, "status", status);
		cJSON_AddStringToObject(e, "reason", http_reason(status));
		set_page(c, status, "error.cs", http_reason(status), e);
	}
	cJSON_Delete(root);
}

void
app_db_log(ctx *c, const db_res *r)
{
	if (r->detail)
		log_event("warn", arena_printf(c->a, "request %s: SQLSTATE %s: "
		    "%s", c->request_id, r->sqlstate, r->detail));
}

void
app_db_error(ctx *c, const db_res *r)
{
	app_db_log(c, r);
	const char *st = r->sqlstate;
	if (strcmp(st, "23505") == 0 || strcmp(st, "40001") == 0 ||
	    strcmp(st, "40P01") == 0) {
		app_error(c, 409, "conflict", "the record changed or already "
		    "exists; reload and try again", NULL);
	} else if (strcmp(st, "P0002") == 0) {
		app_error(c, 404, "not_found", "no such record", NULL);
	} else if (strcmp(st, "28000") == 0) {
		/* auth_token_guard: the caller's access token was revoked */
		resp_header(c->a, &c->resp, "WWW-Authenticate",
		    "Bearer error=\"invalid_token\"");
		app_error(c, 401, "unauthenticated", "the access token has been "
		    "revoked; sign in again", NULL);
	} else if (strncmp(st, "23", 2) == 0 || strncmp(st, "22", 2) == 0) {
		app_error(c, 422, "invalid", r->error, NULL);
	} else if (strcmp(st, "57014") == 0 || strcmp(st, "55P03") == 0) {
		/* statement_timeout_ms or lock_timeout_ms ran out: the
		 * record is busy (another request holds it), not broken */
		log_event("warn", r->error ? r->error : "statement timeout");
		app_error(c, 503, "busy", "this record is busy with another "
		    "change; nothing was saved: try again in a moment", NULL);
		resp_header(c->a, &c->resp, "Retry-After", "2");
	} else if (st[0] == '\0' || strncmp(st, "08", 2) == 0 ||
	    strncmp(st, "57", 2) == 0) {
		log_event("warn", r->error ? r->error : "database unavailable");
		app_error(c, 503, "unavailable", "the database is unavailable",
		    NULL);
	} else {
		log_event("error", r->error ? r->error : "database error");
		app_error(c, 500, "internal", "an internal error occurred",
		    NULL);
	}
}
