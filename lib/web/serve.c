/* serve.c: the FastCGI accept loop and the request lifecycle: parse,
 * identify the caller, route, transaction, handler, render, log. */
#include "web/serve.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcgiapp.h>

#include "web/api.h"
#include "web/auth.h"
#include "base/crypto.h"
#include "web/idem.h"
#include "web/field.h"
#include "web/form.h"
#include "base/log.h"
#include "web/tmpl.h"
#include "web/flash.h"

#define PAGE_MAX (8u * 1024 * 1024)	/* cap on one rendered response */

/* request_id: the client's X-Request-Id when it is a sane token, so one id
 * follows a request across systems; otherwise 128 random bits. */
static const char *
request_id(ctx *c)
{
	const char *id = http_header(&c->req, "X-Request-Id");
	if (id) {
		size_t n = strspn(id, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
		if (n > 0 && n <= 128 && id[n] == '\0')
			return id;
	}
	return crypto_random_hex(c->a, 16);
}

static long
elapsed_us(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000000L +
	    (t1.tv_nsec - t0->tv_nsec) / 1000;
}

/* route_can: whether the caller holds the route's permission, or one of
 * its alternatives ("sales.read|purchases.read") */
static int
route_can(ctx *c, const char *perm)
{
	for (const char *p = perm; *p; ) {
		size_t n = strcspn(p, "|");
		if (auth_can(c, arena_strndup(c->a, p, n)))
			return 1;
		p += n + (p[n] == '|');
	}
	return 0;
}

/* authorize: 0 when the caller may run the route; otherwise the response
 * (401, a redirect to sign in, 403) is set. */
static int
authorize(ctx *c)
{
	int status = auth_identify(c);
	if (status)
		return status;
	if (!(c->route->flags & ROUTE_PUBLIC) && c->user_id == NULL) {
		if (c->api) {
			app_error(c, 401, "unauthenticated", "sign in first",
			    NULL);
			return 401;
		}
		resp_reset(&c->resp, 1);
		app_redirect(c, arena_printf(c->a, "/app/login?next=%s",
		    form_url_escape(c->a, c->req.path)));
		return 303;
	}
	/* a route that names no permission is for everyone signed in only
	 * when it says so; serve_main refuses a table where it does not */
	if (c->route->perm ? !route_can(c, c->route->perm) :
	    !(c->route->flags & (ROUTE_PUBLIC | ROUTE_SIGNED_IN))) {
		const char *perm = c->route->perm ? c->route->perm : "a";
		buf says = BUF_INIT(256);
		for (const char *p = perm; *p; p++)
			if (*p == '|')
				buf_puts(&says, " or the ");
			else
				buf_putc(&says, *p);
		app_error(c, 403, "forbidden", arena_printf(c->a, "this needs "
		    "the %s permission", buf_str(&says)), NULL);
		buf_free(&says);
		return 403;
	}
	if (!auth_csrf_ok(c)) {
		app_error(c, 403, "csrf", "the form has expired or did not come "
		    "from Bursar; reload the page and try again", NULL);
		return 403;
	}
	return 0;
}

/* choose_branch: a change that names a "branch" (its code) writes its
 * documents in that branch (sql/0027's docs_branch reads bursar.branch);
 * one the caller may not use is refused here, for every program at once.
 * 0, or -1 with the response set. */
static int
choose_branch(ctx *c)
{
	const char *code = http_arg(&c->req, "branch");
	if (code == NULL || *code == '\0')
		return 0;
	const char *p[1] = { code };
	db_res r;
	int ok = 0;
	if (db_exec(c->db, &r, "SELECT set_config('bursar.branch', "
	    "coalesce(bursar_branch_by_code($1)::text, ''), true) <> ''", 1,
	    p) < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return -1;
	}
	db_bool(&r, 0, 0, &ok);
	db_res_clear(&r);
	if (!ok) {
		cJSON *f = cJSON_CreateObject();
		api_field(f, "branch", "no such branch, or not one of yours");
		app_error(c, 422, "invalid", "no such branch, or not one of "
		    "yours", f);
		return -1;
	}
	return 0;
}

static void
run_handler(ctx *c)
{
	int tx = !(c->route->flags & ROUTE_NO_TX);
	/* GET and HEAD only read: the database holds them to it */
	int read_only = strcmp(c->req.method, "GET") == 0 ||
	    strcmp(c->req.method, "HEAD") == 0;
	if (tx && ((read_only ? db_begin_read(c->db) : db_begin(c->db)) < 0 ||
	    (c->tenant_id && db_set_scope(c->db, c->tenant_id, c->branches,
	    c->timezone) < 0))) {
		db_rollback(c->db);
		app_error(c, 503, "unavailable", "the database is unavailable",
		    NULL);
		return;
	}
	if (tx)
		auth_guard(c);	/* with the first statement, no round trip */
	idem_state idem = {0};
	if (tx && c->api && idem_begin(c, &idem) != IDEM_PROCEED)
		goto finish;	/* replayed, or refused: resp is set */
	if (tx && !read_only && c->tenant_id && choose_branch(c) < 0)
		goto finish;	/* refused: resp is set */
	c->route->fn(c);
	if (tx && !c->failed)
		idem_finish(c, &idem);
	if (tx && !c->failed && db_guard_pending(c->db)) {
		/* a handler that asked nothing: the check still has its say */
		db_res g;
		if (db_exec(c->db, &g, "SELECT 1", 0, NULL) < 0) {
			resp_reset(&c->resp, 1);
			app_db_error(c, &g);
		}
		db_res_clear(&g);
	}
finish:
	if (!tx)
		return;
	if (c->failed) {
		db_rollback(c->db);
		return;
	}
	if (read_only) {
		db_commit_async(c->db);	/* nothing to lose: do not wait */
		return;
	}
	db_res r;
	if (db_commit(c->db, &r) < 0)
		app_db_error(c, &r);
	db_res_clear(&r);
}

/* flash_after: a form's save that went through (a POST answered 303,
 * committed) leaves its route's code for the page it lands on */
static void
flash_after(ctx *c)
{
	if (c->api || c->failed || c->resp.status != 303 || c->route == NULL ||
	    (c->route->flags & ROUTE_PUBLIC) || strcmp(c->req.method,
	    "POST") != 0)
		return;
	char code[64];
	if (flash_code(c->route->pattern, code, sizeof(code)))
		app_cookie(c, FLASH_COOKIE, code, FLASH_MAX_AGE);
}

void
serve_process(const config *cfg, db *d, const route *routes, size_t nroutes,
    char *const *envp, const char *body, size_t body_len,
    enum serve_body body_state, buf *out, arena *a)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ctx c = { .a = a, .cfg = cfg, .db = d };
	resp_init(&c.resp, PAGE_MAX);
	const char *err = NULL;
	int status = http_parse_head(&c.req, a, envp, &err);
	c.request_id = request_id(&c);
	const char *path = c.req.path ? c.req.path : "/";
	c.api = strncmp(path, "/api/", 5) == 0 || strcmp(path, "/healthz") == 0;
	if (status) {
		app_error(&c, status, "bad_request", err, NULL);
		goto respond;
	}
	/* the whole request is read and checked before anything routes on
	 * it: bad input gets its 413/400/415 whatever the path */
	if (body_state == SERVE_BODY_TOO_LARGE) {
		app_error(&c, 413, "too_large", arena_printf(a, "the request "
		    "body is larger than %lu bytes",
		    (unsigned long)cfg->body_limit), NULL);
		goto respond;
	}
	if (body_state == SERVE_BODY_TRUNCATED) {
		app_error(&c, 400, "bad_request", "the request body is shorter "
		    "than its Content-Length", NULL);
		goto respond;
	}
	if ((status = http_parse_body(&c.req, body, body_len, &err)) != 0) {
		app_error(&c, status, status == 415 ? "unsupported_media_type"
		    : "bad_request", err, NULL);
		goto respond;
	}
	buf allow = BUF_INIT(256);
	status = route_match(routes, nroutes, a, c.req.method, path,
	    &c.params, &c.route, &allow);
	if (status) {
		app_error(&c, status, status == 404 ? "not_found" :
		    "method_not_allowed", status == 404 ? "no such page" :
		    "this method is not allowed here", NULL);
		if (status == 405)
			resp_header(a, &c.resp, "Allow", buf_str(&allow));
		buf_free(&allow);
		goto respond;
	}
	buf_free(&allow);
	/* no text of any request carries control characters a field may
	 * not hold: refused before any handler reads it */
	if (authorize(&c) == 0 && field_clean(&c) == 0) {
		run_handler(&c);
		flash_after(&c);
	}
respond:
	/* every answer of a program is made for its caller (pages with a
	 * session, API answers, PDFs): no cache, shared or private, keeps
	 * one; a handler may say otherwise */
	if (kv_get_ci(&c.resp.headers, "Cache-Control") == NULL)
		resp_header(a, &c.resp, "Cache-Control", "no-store");
	if (c.req.https)
		resp_header(a, &c.resp, "Strict-Transport-Security",
		    "max-age=31536000");
	resp_header(a, &c.resp, "X-Request-Id", c.request_id);
	long us = elapsed_us(&t0);
	resp_header(a, &c.resp, "X-Process-Time",
	    arena_printf(a, "%ld.%06ld", us / 1000000, us % 1000000));
	if (strcmp(c.req.method ? c.req.method : "", "HEAD") == 0)
		buf_truncate(&c.resp.body, 0);
	if (resp_serialize(&c.resp, out) < 0) {
		buf_truncate(out, 0);
		buf_puts(out, "Status: 500 Internal Server Error\r\n"
		    "Content-Type: text/plain\r\n\r\nresponse too large\n");
	}
	log_request_line(&(log_request){ c.request_id, c.req.method, path,
	    c.resp.status, elapsed_us(&t0), c.tenant_id, c.user_id });
	http_request_free(&c.req);
	resp_free(&c.resp);
}

/* on_term: finish the request in hand, then leave the loop, so a worker
 * stops cleanly (and the leak checker of a sanitizer build gets to run). */
static void
on_term(int sig)
{
	(void)sig;
	FCGX_ShutdownPending();
}

/* read_body: the request body into the arena.  A body past the limit is
 * not read at all (libfcgi discards it); one that ends early is refused. */
static char *
read_body(FCGX_Request *rq, arena *a, size_t limit, size_t *len,
    enum serve_body *state)
{
	*len = 0;
	*state = SERVE_BODY_OK;
	const char *cl = FCGX_GetParam("CONTENT_LENGTH", rq->envp);
	unsigned long long want = cl ? strtoull(cl, NULL, 10) : 0;
	if (want == 0)
		return arena_strdup(a, "");
	if (want > limit || want > INT_MAX) {
		*state = SERVE_BODY_TOO_LARGE;
		return arena_strdup(a, "");
	}
	char *body = arena_alloc(a, (size_t)want + 1);
	int n = FCGX_GetStr(body, (int)want, rq->in);
	*len = n > 0 ? (size_t)n : 0;
	body[*len] = '\0';
	if (*len != want)
		*state = SERVE_BODY_TRUNCATED;
	return body;
}

int
serve_main(const char *name, const route *routes, size_t nroutes)
{
	config cfg;
	char err[512];
	log_set_program(name);
	/* BURSAR_ROUTES=1: print the route table and stop, for the tests
	 * that check every route names what guards it */
	const char *want = getenv("BURSAR_ROUTES");
	if (want && strcmp(want, "1") == 0) {
		route_print(routes, nroutes, stdout);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	const route *bare = route_unguarded(routes, nroutes);
	if (bare) {
		log_event("error", "a route names no permission and is not "
		    "marked public or signed-in");
		fprintf(stderr, "%s: %s %s names no permission\n", name,
		    bare->method, bare->pattern);
		return 1;
	}
	if (config_load(&cfg, getenv("BURSAR_CONFIG"), err, sizeof(err)) < 0) {
		log_event("error", err);
		return 1;
	}
	if (FCGX_Init() != 0) {
		log_event("error", "FCGX_Init failed");
		return 1;
	}
	/* every statement of a request is bounded, and so is its wait for
	 * a lock, so one business's blocked rows cannot hold a program's
	 * workers; the settings travel in the startup packet (no round
	 * trip) and hold for the session, whatever a transaction sets */
	char conninfo[sizeof(cfg.database_url) + 96];
	snprintf(conninfo, sizeof(conninfo), "%s options='-c "
	    "statement_timeout=%d -c lock_timeout=%d'", cfg.database_url,
	    cfg.statement_timeout_ms, cfg.lock_timeout_ms);
	db *d = db_open(conninfo, cfg.db_timeout);
	arena *a = arena_new(64 * 1024);
	FCGX_Request rq;
	FCGX_InitRequest(&rq, 0, 0);
	/* no SA_RESTART: a blocked accept() must wake up to see the flag */
	struct sigaction sa = { .sa_handler = on_term };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	log_event("info", "worker ready");
	while (FCGX_Accept_r(&rq) >= 0) {
		size_t len;
		enum serve_body state;
		char *body = read_body(&rq, a, cfg.body_limit, &len, &state);
		buf out = BUF_INIT(PAGE_MAX + 64 * 1024);
		serve_process(&cfg, d, routes, nroutes, rq.envp, body, len,
		    state, &out, a);
		FCGX_PutStr(out.data, (int)out.len, rq.out);
		buf_free(&out);
		FCGX_Finish_r(&rq);
		arena_reset(a);
		/* a handler that forgot to close its transaction must not
		 * leak it into the next request */
		db_rollback(d);
	}
	FCGX_Free(&rq, 0);
	arena_free(a);
	db_close(d);
	log_event("info", "worker stopped");
	return 0;
}
