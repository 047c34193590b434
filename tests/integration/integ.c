/* integ.c: the platform's integration tests.  The HTTP cases drive the
 * real stack (nginx, the supervised programs, PostgreSQL) that run.sh
 * started; the core cases run serve_process in this process against the same
 * database as the application role, with a route table of their own. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <check.h>
#include <curl/curl.h>

#include "web/app.h"
#include "web/serve.h"
#include "web/auth.h"
#include "base/crypto.h"
#include "client.h"
#include "db/outbox.h"
#include "suites.h"
#include "web/reply.h"

static const char *
env(const char *name)
{
	const char *v = getenv(name);
	ck_assert_msg(v != NULL, "%s is not set (run via run.sh)", name);
	return v;
}

static reply
req(const char *method, const char *path, const char *const *hdr,
    const char *body)
{
	reply r;
	int rc = client_do(method, path, hdr, body, body ? strlen(body) : 0,
	    &r);
	ck_assert_msg(rc == 0, "%s %s: no answer", method, path);
	return r;
}

static cJSON *
json_of(const reply *r)
{
	cJSON *j = cJSON_Parse(buf_str(&r->body));
	ck_assert_msg(j != NULL, "not JSON: %.2000s", buf_str(&r->body));
	return j;
}

/* assert_error: the one error shape, with this status and code. */
static void
assert_error(const reply *r, long status, const char *code)
{
	char ct[128];
	ck_assert_int_eq(r->status, status);
	ck_assert_int_eq(reply_header(r, "Content-Type", ct, sizeof(ct)), 0);
	ck_assert_ptr_nonnull(strstr(ct, "application/json"));
	cJSON *j = json_of(r);
	cJSON *e = cJSON_GetObjectItem(j, "error");
	ck_assert(cJSON_IsObject(e));
	ck_assert_str_eq(cJSON_GetObjectItem(e, "code")->valuestring, code);
	ck_assert(cJSON_IsString(cJSON_GetObjectItem(e, "message")));
	ck_assert(strlen(cJSON_GetObjectItem(e, "message")->valuestring) > 0);
	ck_assert(cJSON_IsObject(cJSON_GetObjectItem(e, "fields")));
	cJSON_Delete(j);
}

static int
is_hex(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

START_TEST(healthz_ok)
{
	reply r = req("GET", "/healthz", NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	cJSON *j = json_of(&r);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "status")->valuestring, "ok");
	ck_assert_str_eq(cJSON_GetObjectItem(j, "database")->valuestring, "ok");
	ck_assert(strlen(cJSON_GetObjectItem(j, "version")->valuestring) > 0);
	cJSON_Delete(j);
	char v[512];
	ck_assert_int_eq(reply_header(&r, "X-Request-Id", v, sizeof(v)), 0);
	ck_assert_msg(is_hex(v, 32), "request id %s", v);
	ck_assert_int_eq(reply_header(&r, "X-Process-Time", v, sizeof(v)), 0);
	ck_assert_msg(strspn(v, "0123456789.") == strlen(v) && strchr(v, '.'),
	    "process time %s", v);
	ck_assert_int_eq(reply_header(&r, "X-Content-Type-Options", v,
	    sizeof(v)), 0);
	ck_assert_str_eq(v, "nosniff");
	ck_assert_int_eq(reply_header(&r, "Content-Security-Policy", v,
	    sizeof(v)), 0);
	ck_assert_ptr_nonnull(strstr(v, "frame-ancestors 'none'"));
	ck_assert_int_eq(reply_header(&r, "Referrer-Policy", v, sizeof(v)), 0);
	reply_free(&r);
}
END_TEST

START_TEST(request_id_kept_or_made)
{
	const char *mine[] = { "X-Request-Id: trace-42.abc_Z", NULL };
	reply r = req("GET", "/healthz", mine, NULL);
	char v[256];
	ck_assert_int_eq(reply_header(&r, "X-Request-Id", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "trace-42.abc_Z");
	reply_free(&r);
	const char *bad[] = { "X-Request-Id: <script>", NULL };
	r = req("GET", "/healthz", bad, NULL);
	ck_assert_int_eq(reply_header(&r, "X-Request-Id", v, sizeof(v)), 0);
	ck_assert_msg(is_hex(v, 32), "a hostile id must be replaced: %s", v);
	reply_free(&r);
}
END_TEST

START_TEST(head_has_no_body)
{
	reply r = req("HEAD", "/healthz", NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(r.body.len, 0);
	reply_free(&r);
}
END_TEST

START_TEST(home_page)
{
	reply r = req("GET", "/", NULL, NULL);
	char ct[128];
	ck_assert_int_eq(r.status, 200);
	reply_header(&r, "Content-Type", ct, sizeof(ct));
	ck_assert_ptr_nonnull(strstr(ct, "text/html"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "<h1>Bursar</h1>"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "href=\"/app/login\""));
	reply_free(&r);
	r = req("GET", "/static/bursar.css", NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
}
END_TEST

START_TEST(unknown_route_404)
{
	reply r = req("GET", "/api/v1/no-such-thing", NULL, NULL);
	assert_error(&r, 404, "not_found");
	reply_free(&r);
	r = req("GET", "/app/no-such-page", NULL, NULL);
	char ct[128];
	ck_assert_int_eq(r.status, 404);
	reply_header(&r, "Content-Type", ct, sizeof(ct));
	ck_assert_ptr_nonnull(strstr(ct, "text/html"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "404 Not Found"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "no such page"));
	reply_free(&r);
}
END_TEST

START_TEST(wrong_method_405)
{
	reply r = req("DELETE", "/healthz", NULL, NULL);
	assert_error(&r, 405, "method_not_allowed");
	char allow[128];
	ck_assert_int_eq(reply_header(&r, "Allow", allow, sizeof(allow)), 0);
	ck_assert_str_eq(allow, "GET, HEAD");
	reply_free(&r);
	r = req("POST", "/", NULL, "");
	ck_assert_int_eq(r.status, 405);
	ck_assert_int_eq(reply_header(&r, "Allow", allow, sizeof(allow)), 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "405"));
	reply_free(&r);
}
END_TEST

START_TEST(oversized_body_413)
{
	size_t n = 1024 * 1024 + 1;	/* run.sh sets a 1M limit */
	char *big = malloc(n + 1);
	memset(big, 'a', n);
	big[n] = '\0';
	const char *h[] = { "Content-Type: application/x-www-form-urlencoded",
	    NULL };
	reply r;
	ck_assert_int_eq(client_do("POST", "/api/v1/anything", h, big, n, &r),
	    0);
	assert_error(&r, 413, "too_large");
	reply_free(&r);
	/* just under the limit is read and parsed (then routed: 404) */
	ck_assert_int_eq(client_do("POST", "/api/v1/anything", h, big, n - 1,
	    &r), 0);
	assert_error(&r, 404, "not_found");
	reply_free(&r);
	free(big);
}
END_TEST

START_TEST(malformed_json_400)
{
	const char *h[] = { "Content-Type: application/json", NULL };
	static const char *const bodies[] = {
		"{\"a\":", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "[1,2]",
		"{\"a\":\"\xff\"}",
	};
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		reply r = req("POST", "/api/v1/anything", h, bodies[i]);
		assert_error(&r, 400, "bad_request");
		reply_free(&r);
	}
	char deep[200];
	memset(deep, '[', 100);
	memset(deep + 100, ']', 99);
	deep[199] = '\0';
	char obj[220];
	snprintf(obj, sizeof(obj), "{\"a\":%s}", deep);
	reply r = req("POST", "/api/v1/anything", h, obj);
	assert_error(&r, 400, "bad_request");
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "deeply"));
	reply_free(&r);
}
END_TEST

START_TEST(malformed_form_400)
{
	const char *h[] = { "Content-Type: application/x-www-form-urlencoded",
	    NULL };
	reply r = req("POST", "/api/v1/anything", h, "a=%zz");
	assert_error(&r, 400, "bad_request");
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "percent"));
	reply_free(&r);
	/* a browser gets the same refusal as a page */
	r = req("POST", "/app/anything", h, "name=%C3");
	ck_assert_int_eq(r.status, 400);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "400 Bad Request"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "UTF-8"));
	reply_free(&r);
	const char *mp[] = { "Content-Type: multipart/form-data", NULL };
	r = req("POST", "/api/v1/anything", mp, "--x\r\n\r\n");
	assert_error(&r, 400, "bad_request");
	reply_free(&r);
	const char *xml[] = { "Content-Type: text/xml", NULL };
	r = req("POST", "/api/v1/anything", xml, "<a/>");
	assert_error(&r, 415, "unsupported_media_type");
	reply_free(&r);
	r = req("GET", "/app/%ff", NULL, NULL);
	ck_assert_int_eq(r.status, 400);
	reply_free(&r);
	r = req("GET", "/api/v1/x?q=%e2%82", NULL, NULL);
	assert_error(&r, 400, "bad_request");
	reply_free(&r);
}
END_TEST

/* workers: the pids of a program's workers, from the supervisor's
 * children (not zombies). */
static int
workers(const char *prog, int *pids, int max)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "ps -o pid=,stat=,comm= --ppid $(cat %s/run/"
	    "supervise.pid) | awk '$2 !~ /Z/ && $3 == \"%s\" {print $1}'",
	    env("BURSAR_VAR"), prog);
	FILE *f = popen(cmd, "r");
	int n = 0;
	while (n < max && fscanf(f, "%d", &pids[n]) == 1)
		n++;
	pclose(f);
	return n;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* gone_within: pid has died (a zombie or reaped) within ms */
static int
gone_within(int pid, long ms)
{
	for (long waited = 0; waited <= ms; waited += 50) {
		char path[64], st = 0;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		FILE *f = fopen(path, "r");
		if (f == NULL)
			return 1;
		int n = fscanf(f, "%*d (%*[^)]) %c", &st);
		fclose(f);
		if (n == 1 && (st == 'Z' || st == 'X'))
			return 1;
		sleep_ms(50);
	}
	return 0;
}

START_TEST(killed_worker_is_replaced)
{
	int before[8], after[8];
	int n = workers("home", before, 8);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(kill(before[0], SIGKILL), 0);
	/* kill() returns before the worker is gone: until it is, it may
	 * still accept the next connection and die holding it */
	ck_assert(gone_within(before[0], 30000));
	reply r = req("GET", "/", NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	int m = 0;
	for (int i = 0; i < 50; i++) {
		m = workers("home", after, 8);
		if (m == 2 && after[0] != before[0] && after[1] != before[0])
			break;
		sleep_ms(100);
	}
	ck_assert_int_eq(m, 2);
	ck_assert(after[0] != before[0] && after[1] != before[0]);

	/* every worker of a program gone at once: back within moments */
	n = workers("health", before, 8);
	for (int i = 0; i < n; i++)
		kill(before[i], SIGKILL);
	long status = 0;
	for (int i = 0; i < 50 && status != 200; i++) {
		if (client_do("GET", "/healthz", NULL, NULL, 0, &r) == 0)
			status = r.status;
		reply_free(&r);
		if (status != 200)
			sleep_ms(100);
	}
	ck_assert_int_eq(status, 200);
}
END_TEST

START_TEST(database_down_and_back)
{
	const char *root = env("BURSAR_ROOT");
	/* a worker whose last read-only COMMIT is still in flight when the
	 * server dies must recover on its next statement too */
	char err[256];
	config c;
	setenv("BURSAR_DATABASE_URL", env("BURSAR_APP_CONNINFO"), 1);
	ck_assert_int_eq(config_load(&c, NULL, err, sizeof(err)), 0);
	db *worker = db_open(c.database_url, 2);
	db_res q;
	ck_assert_int_eq(db_begin_mode(worker, 1), 0);
	ck_assert_int_eq(db_exec(worker, &q, "SELECT 1", 0, NULL), 0);
	db_res_clear(&q);
	db_commit_async(worker);
	ck_assert_int_eq(sh("sh %s/scripts/stack.sh db-stop", root), 0);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	reply r = req("GET", "/healthz", NULL, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_int_eq(r.status, 503);
	cJSON *j = json_of(&r);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "database")->valuestring,
	    "down");
	cJSON_Delete(j);
	reply_free(&r);
	printf("figure: /healthz answered 503 in %.3f s with the database "
	    "down\n", (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	/* both workers notice, not only the one that answered first */
	for (int i = 0; i < 4; i++) {
		r = req("GET", "/healthz", NULL, NULL);
		ck_assert_int_eq(r.status, 503);
		reply_free(&r);
	}
	ck_assert_int_eq(sh("sh %s/scripts/stack.sh db-start", root), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	long status = 0;
	int tries = 0;
	while (status != 200 && tries++ < 300) {
		r = req("GET", "/healthz", NULL, NULL);
		status = r.status;
		reply_free(&r);
		if (status != 200)
			sleep_ms(100);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_int_eq(status, 200);
	printf("figure: /healthz back to 200 %.3f s after the database "
	    "restarted, no program restarted\n",
	    (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	/* and every worker recovered, not just one */
	for (int i = 0; i < 4; i++) {
		r = req("GET", "/healthz", NULL, NULL);
		ck_assert_int_eq(r.status, 200);
		reply_free(&r);
	}
	/* outside a transaction, as a sign-in's first statement is */
	ck_assert_int_eq(db_exec(worker, &q, "SELECT 2", 0, NULL), 0);
	ck_assert_str_eq(db_text(&q, 0, 0), "2");
	db_res_clear(&q);
	db_close(worker);
}
END_TEST

/* ---- the core in-process, with a route table of its own ---- */

#define TENANT1 "00000000-0000-0000-0000-000000000001"
#define TENANT2 "00000000-0000-0000-0000-000000000002"

static config cfg;
static db *conn;
static db *admin;	/* superuser: sees every tenant, as an auditor would */
static arena *mem;

/* Signed-in callers for the in-process cases: a sales user (who may
 * create things) and a viewer (who may not), each with a live session. */
#define SALES_SESSION "sales-session-token-0123456789abcdef"
#define VIEWER_SESSION "viewer-session-token-0123456789abcdef"
#define SALES_CSRF "sales-csrf-token-0123456789abcdefghij"
#define ANON_CSRF "anonymous-csrf-token-0123456789abcdefgh"

static void
admin_sql(const char *sql)
{
	db_res r;
	int rc = db_exec(admin, &r, sql, 0, NULL);
	ck_assert_msg(rc == 0, "%s: %s", sql, r.error);
	db_res_clear(&r);
}

static void
core_setup(void)
{
	char err[256];
	setenv("BURSAR_DATABASE_URL", env("BURSAR_APP_CONNINFO"), 1);
	ck_assert_int_eq(config_load(&cfg, NULL, err, sizeof(err)), 0);
	conn = db_open(cfg.database_url, 2);
	admin = db_open(env("BURSAR_ADMIN_CONNINFO"), 2);
	mem = arena_new(4096);
	admin_sql("INSERT INTO tenants (id, name, slug) SELECT '" TENANT1 "', "
	    "'Test One', 'test-one' WHERE NOT EXISTS (SELECT 1 FROM tenants "
	    "WHERE id = '" TENANT1 "')");
	admin_sql("SELECT tenant_seed_roles('" TENANT1 "') WHERE NOT EXISTS "
	    "(SELECT 1 FROM roles WHERE tenant_id = '" TENANT1 "')");
	admin_sql("INSERT INTO users (tenant_id, email, name, role_id) SELECT "
	    "'" TENANT1 "', r.name || '@one.test', r.name, r.id FROM roles r "
	    "WHERE r.tenant_id = '" TENANT1 "' AND r.name IN ('sales', "
	    "'viewer') ON CONFLICT DO NOTHING");
	admin_sql("DELETE FROM sessions WHERE tenant_id = '" TENANT1 "'");
	admin_sql("INSERT INTO sessions (tenant_id, user_id, token_hash, "
	    "csrf_token) SELECT u.tenant_id, u.id, encode(sha256(convert_to("
	    "CASE u.name WHEN 'sales' THEN '" SALES_SESSION "' ELSE '"
	    VIEWER_SESSION "' END, 'UTF8')), 'hex'), '" SALES_CSRF "' "
	    "FROM users u WHERE u.tenant_id = '" TENANT1 "'");
}

static void
core_teardown(void)
{
	db_close(conn);
	db_close(admin);
	arena_free(mem);
}

/* thing_create: a use case in miniature: check, record the event with the
 * change, answer 201. */
static void
thing_create(ctx *c)
{
	const char *name = http_arg(&c->req, "name");
	if (name == NULL || *name == '\0') {
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "name", "is required");
		app_error(c, 422, "invalid", "the thing has errors", f);
		return;
	}
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "name", name);
	db_res r;
	int rc = outbox_emit(c->db, &r, c->tenant_id, "thing.created", ev);
	cJSON_Delete(ev);
	if (rc < 0) {
		app_db_error(c, &r);
		db_res_clear(&r);
		return;
	}
	db_res_clear(&r);
	if (strcmp(name, "doomed") == 0) {
		app_error(c, 409, "conflict", "doomed things fail late", NULL);
		return;
	}
	cJSON *out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "name", name);
	resp_header(c->a, &c->resp, "Location",
	    arena_printf(c->a, "/api/v1/things/%s", name));
	app_render(c, 201, "error.cs", "Thing", out);
}

static void
thing_show(ctx *c)
{
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "message", app_param(c, "id"));
	cJSON_AddNumberToObject(e, "status", 200);
	app_render(c, 200, "error.cs", "Thing", e);
}

/* sneaky_read: a GET handler that tries to write */
static void
sneaky_read(ctx *c)
{
	cJSON *ev = cJSON_CreateObject();
	db_res r;
	int rc = outbox_emit(c->db, &r, c->tenant_id, "sneaky.write", ev);
	cJSON_Delete(ev);
	if (rc < 0) {
		app_error(c, 409, "read_only", r.sqlstate, NULL);
		db_res_clear(&r);
		return;
	}
	db_res_clear(&r);
	app_render(c, 200, "error.cs", "Wrote", NULL);
}

/* remember: a preference kept in a cookie */
static void
remember(ctx *c)
{
	app_cookie(c, "theme", "dark", 3600);
	app_render(c, 200, "error.cs", "Saved", NULL);
}

static const route test_routes[] = {
	{ "POST", "~/things", thing_create, 0, "sales.write" },
	{ "GET", "~/things/{id}", thing_show, ROUTE_NO_TX | ROUTE_PUBLIC, NULL },
	{ "POST", "/app/remember", remember, ROUTE_NO_TX | ROUTE_PUBLIC, NULL },
	{ "GET", "~/sneaky", sneaky_read, ROUTE_SIGNED_IN, NULL },
};

/* core: one request through serve_process; returns the status, and the raw
 * FastCGI output in out (caller frees). */
static int
core_body(const char *method, const char *uri, const char *ctype,
    const char *key, const char *body, enum serve_body state, buf *out,
    const char *extra)
{
	char *envp[12];
	int n = 0;
	envp[n++] = arena_printf(mem, "REQUEST_METHOD=%s", method);
	envp[n++] = arena_printf(mem, "REQUEST_URI=%s", uri);
	if (ctype)
		envp[n++] = arena_printf(mem, "CONTENT_TYPE=%s", ctype);
	if (key)
		envp[n++] = arena_printf(mem, "HTTP_IDEMPOTENCY_KEY=%s", key);
	/* extra: FastCGI parameters separated by '\n' */
	for (const char *e = extra; e && *e; ) {
		size_t len = strcspn(e, "\n");
		envp[n++] = arena_strndup(mem, e, len);
		e += len + (e[len] == '\n');
	}
	envp[n] = NULL;
	buf_init(out, 16 << 20);
	serve_process(&cfg, conn, test_routes,
	    sizeof(test_routes) / sizeof(test_routes[0]), envp, body,
	    body ? strlen(body) : 0, state, out, mem);
	int status = 0;
	sscanf(buf_str(out), "Status: %d", &status);
	return status;
}

#define AS_SALES "HTTP_COOKIE=" AUTH_SESSION_COOKIE "=" SALES_SESSION \
    "\nHTTP_X_CSRF_TOKEN=" SALES_CSRF

/* core: a request from the signed-in sales user */
static int
core(const char *method, const char *uri, const char *ctype,
    const char *key, const char *body, buf *out)
{
	return core_body(method, uri, ctype, key, body, SERVE_BODY_OK, out,
	    AS_SALES);
}

static int64_t
count_events(const char *name)
{
	db_res r;
	const char *p[1] = { name };
	ck_assert_int_eq(db_exec(admin, &r, "SELECT count(*) FROM outbox_events "
	    "WHERE payload->>'name' = $1", 1, p), 0);
	int64_t n = -1;
	db_i64(&r, 0, 0, &n);
	db_res_clear(&r);
	return n;
}

START_TEST(idempotency_key_replays)
{
	buf a, b, c;
	char key[64];
	snprintf(key, sizeof(key), "k-%ld", (long)time(NULL) ^ getpid());
	const char *json = "{\"name\":\"widget-idem\"}";
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    key, json, &a), 201);
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    key, json, &b), 201);
	/* the same answer, and the change happened once */
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "Idempotent-Replayed: true"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b),
	    "Location: /api/v1/things/widget-idem"));
	ck_assert_str_eq(strstr(buf_str(&a), "\r\n\r\n"),
	    strstr(buf_str(&b), "\r\n\r\n"));
	ck_assert_int_eq(count_events("widget-idem"), 1);
	/* the same key for another request is refused, and changes nothing */
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    key, "{\"name\":\"other\"}", &c), 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&c), "idempotency_key_reused"));
	ck_assert_int_eq(count_events("other"), 0);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	/* without a key, every POST is its own */
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    NULL, "{\"name\":\"twice\"}", &a), 201);
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    NULL, "{\"name\":\"twice\"}", &b), 201);
	ck_assert_int_eq(count_events("twice"), 2);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

START_TEST(event_only_with_its_change)
{
	buf out;
	/* the handler records the event, then fails: both roll back */
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    "doomed-key", "{\"name\":\"doomed\"}", &out), 409);
	buf_free(&out);
	ck_assert_int_eq(count_events("doomed"), 0);
	/* and the key was not spent on a request that changed nothing */
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    "doomed-key", "{\"name\":\"doomed\"}", &out), 409);
	buf_free(&out);
	/* outside a transaction the outbox refuses outright */
	db_res r;
	cJSON *p = cJSON_CreateObject();
	ck_assert_int_eq(outbox_emit(conn, &r, TENANT1, "thing.created", p),
	    -1);
	ck_assert_str_eq(r.error, "no open transaction");
	db_res_clear(&r);
	cJSON_Delete(p);
}
END_TEST

START_TEST(outbox_cursor_never_skips)
{
	const char *t = TENANT2;
	db *other = db_open(cfg.database_url, 2);
	db_res r;
	ck_assert_int_eq(db_exec(admin, &r, "SELECT coalesce(max(seq), 0) "
	    "FROM outbox_events", 0, NULL), 0);
	char after[32];
	snprintf(after, sizeof(after), "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	cJSON *p = cJSON_CreateObject();
	/* a slow transaction takes the lower seq and commits last */
	ck_assert_int_eq(db_begin(other), 0);
	ck_assert_int_eq(db_set_tenant(other, t), 0);
	ck_assert_int_eq(outbox_emit(other, &r, t, "slow.event", p), 0);
	db_res_clear(&r);
	ck_assert_int_eq(db_begin(conn), 0);
	ck_assert_int_eq(db_set_tenant(conn, t), 0);
	ck_assert_int_eq(outbox_emit(conn, &r, t, "fast.event", p), 0);
	db_res_clear(&r);
	/* an event may not claim another tenant than the transaction's */
	ck_assert_int_eq(outbox_emit(conn, &r, TENANT1, "sly.event", p), -1);
	db_res_clear(&r);
	db_rollback(conn);
	ck_assert_int_eq(db_begin(conn), 0);
	ck_assert_int_eq(db_set_tenant(conn, t), 0);
	ck_assert_int_eq(outbox_emit(conn, &r, t, "fast.event", p), 0);
	db_res_clear(&r);
	ck_assert_int_eq(db_commit(conn, NULL), 0);
	/* the consumer's view: every tenant */
	ck_assert_int_eq(outbox_fetch(admin, &r, after, 10), 0);
	ck_assert_int_eq(r.rows, 0);	/* not "fast" alone: slow could land */
	db_res_clear(&r);
	ck_assert_int_eq(db_commit(other, NULL), 0);
	ck_assert_int_eq(outbox_fetch(admin, &r, after, 10), 0);
	ck_assert_int_eq(r.rows, 2);
	ck_assert_str_eq(db_text(&r, 0, 3), "slow.event");
	ck_assert_str_eq(db_text(&r, 1, 3), "fast.event");
	int64_t s0, s1;
	db_i64(&r, 0, 0, &s0);
	db_i64(&r, 1, 0, &s1);
	ck_assert(s0 < s1);
	ck_assert_ptr_nonnull(strchr(db_text(&r, 0, 5), 'T'));
	db_res_clear(&r);
	/* events are facts: the application cannot rewrite them */
	ck_assert_int_eq(db_exec(admin, &r, "UPDATE outbox_events SET type = "
	    "'x.y' WHERE tenant_id = '00000000-0000-0000-0000-000000000002'",
	    0, NULL), -1);
	ck_assert_str_eq(r.sqlstate, "23000");	/* even a superuser */
	db_res_clear(&r);
	/* and the application role sees no event without a tenant */
	ck_assert_int_eq(db_exec(conn, &r, "SELECT count(*) FROM outbox_events",
	    0, NULL), 0);
	ck_assert_str_eq(db_text(&r, 0, 0), "0");
	db_res_clear(&r);
	cJSON_Delete(p);
	db_close(other);
}
END_TEST

START_TEST(one_handler_two_renderings)
{
	buf out;
	ck_assert_int_eq(core("GET", "/api/v1/things/t1", NULL, NULL, NULL,
	    &out), 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "application/json"));
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "\"message\":\"t1\""));
	buf_free(&out);
	ck_assert_int_eq(core("GET", "/app/things/t1", NULL, NULL, NULL,
	    &out), 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "text/html"));
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "<p>t1</p>"));
	buf_free(&out);
	/* HTML escaping is on: a hostile value is shown, never run */
	ck_assert_int_eq(core("GET",
	    "/app/things/%3Cimg%20src%3Dx%20onerror%3D%22alert(1)%22%3E", NULL,
	    NULL, NULL, &out), 200);
	ck_assert_ptr_null(strstr(buf_str(&out), "<img"));
	ck_assert_ptr_nonnull(strstr(buf_str(&out),
	    "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"));
	buf_free(&out);
	/* a form error keeps its field messages, in both renderings */
	ck_assert_int_eq(core("POST", "/app/things",
	    "application/x-www-form-urlencoded", NULL, "name=", &out), 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "name: is required"));
	buf_free(&out);
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    NULL, "{}", &out), 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&out),
	    "\"fields\":{\"name\":\"is required\"}"));
	buf_free(&out);
}
END_TEST

START_TEST(truncated_body_400)
{
	buf out;
	ck_assert_int_eq(core_body("POST", "/api/v1/things", "application/json",
	    NULL, "{\"name\":\"cut", SERVE_BODY_TRUNCATED, &out, AS_SALES), 400);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "shorter than its "
	    "Content-Length"));
	buf_free(&out);
	ck_assert_int_eq(count_events("cut"), 0);
}
END_TEST

START_TEST(cookies_secure_behind_tls)
{
	buf out;
#define ANON "HTTP_COOKIE=" AUTH_CSRF_COOKIE "=" ANON_CSRF \
    "\nHTTP_X_CSRF_TOKEN=" ANON_CSRF
	ck_assert_int_eq(core_body("POST", "/app/remember", NULL, NULL, NULL,
	    SERVE_BODY_OK, &out, ANON), 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "Set-Cookie: theme=dark; "
	    "Path=/; HttpOnly; SameSite=Lax; Max-Age=3600\r\n"));
	ck_assert_ptr_null(strstr(buf_str(&out), "Strict-Transport-Security"));
	buf_free(&out);
	ck_assert_int_eq(core_body("POST", "/app/remember", NULL, NULL, NULL,
	    SERVE_BODY_OK, &out, ANON "\nHTTPS=on"), 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "Set-Cookie: theme=dark; "
	    "Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=3600\r\n"));
	/* over TLS the browser is told to keep to it */
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "Strict-Transport-Security: "
	    "max-age=31536000\r\n"));
	buf_free(&out);
}
END_TEST

static int64_t
count_sql(const char *sql)
{
	db_res r;
	ck_assert_int_eq(db_exec(admin, &r, sql, 0, NULL), 0);
	int64_t n = -1;
	db_i64(&r, 0, 0, &n);
	db_res_clear(&r);
	return n;
}

START_TEST(sign_in_required)
{
	buf out;
	/* an API caller with no credentials */
	ck_assert_int_eq(core_body("POST", "/api/v1/things", "application/json",
	    NULL, "{\"name\":\"anon\"}", SERVE_BODY_OK, &out, NULL), 401);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "\"unauthenticated\""));
	buf_free(&out);
	/* a browser is sent to sign in, and back afterwards */
	ck_assert_int_eq(core_body("POST", "/app/things",
	    "application/x-www-form-urlencoded", NULL, "name=anon", SERVE_BODY_OK,
	    &out, ANON), 303);
	ck_assert_ptr_nonnull(strstr(buf_str(&out),
	    "Location: /app/login?next=/app/things\r\n"));
	buf_free(&out);
	/* a viewer may look, not create */
	ck_assert_int_eq(core_body("POST", "/api/v1/things", "application/json",
	    NULL, "{\"name\":\"viewer\"}", SERVE_BODY_OK, &out,
	    "HTTP_COOKIE=" AUTH_SESSION_COOKIE "=" VIEWER_SESSION
	    "\nHTTP_X_CSRF_TOKEN=" SALES_CSRF), 403);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "sales.write"));
	buf_free(&out);
	ck_assert_int_eq(count_events("anon") + count_events("viewer"), 0);
}
END_TEST

START_TEST(csrf_refused)
{
	buf out;
	/* the session cookie alone, as a forged cross-site post would have */
	ck_assert_int_eq(core_body("POST", "/app/things",
	    "application/x-www-form-urlencoded", NULL, "name=forged",
	    SERVE_BODY_OK, &out, "HTTP_COOKIE=" AUTH_SESSION_COOKIE "="
	    SALES_SESSION), 403);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "403 Forbidden"));
	buf_free(&out);
	ck_assert_int_eq(core_body("POST", "/app/things",
	    "application/x-www-form-urlencoded", NULL,
	    "name=forged&csrf_token=wrong-token-0123456789abcdefghijkl",
	    SERVE_BODY_OK, &out, "HTTP_COOKIE=" AUTH_SESSION_COOKIE "="
	    SALES_SESSION), 403);
	buf_free(&out);
	ck_assert_int_eq(count_events("forged"), 0);
	/* the form's own token passes */
	ck_assert_int_eq(core_body("POST", "/app/things",
	    "application/x-www-form-urlencoded", NULL,
	    "name=genuine&csrf_token=" SALES_CSRF, SERVE_BODY_OK, &out,
	    "HTTP_COOKIE=" AUTH_SESSION_COOKIE "=" SALES_SESSION), 201);
	buf_free(&out);
	ck_assert_int_eq(count_events("genuine"), 1);
	/* before sign-in, the double-submit pair must match */
	ck_assert_int_eq(core_body("POST", "/app/remember", NULL, NULL, NULL,
	    SERVE_BODY_OK, &out, "HTTP_COOKIE=" AUTH_CSRF_COOKIE "=" ANON_CSRF
	    "\nHTTP_X_CSRF_TOKEN=another-token-0123456789abcdefghij"), 403);
	buf_free(&out);
}
END_TEST

/* sign: a token with these claims, signed with the test secret. */
static const char *
sign(const char *claims, const char *secret)
{
	static const char hdr[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
	const char *s = arena_printf(mem, "%s.%s",
	    crypto_b64url(mem, hdr, strlen(hdr)),
	    crypto_b64url(mem, claims, strlen(claims)));
	unsigned char mac[32];
	crypto_hmac_sha256(secret, strlen(secret), s, strlen(s), mac);
	return arena_printf(mem, "%s.%s", s, crypto_b64url(mem, mac, 32));
}

static int
with_bearer(const char *token, const char *name, buf *out)
{
	return core_body("POST", "/api/v1/things", "application/json", NULL,
	    arena_printf(mem, "{\"name\":\"%s\"}", name), SERVE_BODY_OK, out,
	    arena_printf(mem, "HTTP_AUTHORIZATION=Bearer %s", token));
}

START_TEST(bearer_tokens)
{
	ctx c = { .a = mem, .cfg = &cfg };
	/* a live user: the token's revocation check reads it (sql/0028) */
	db_res u;
	ck_assert_int_eq(db_exec(admin, &u, "SELECT id FROM users WHERE "
	    "tenant_id = '" TENANT1 "' AND email = 'sales@one.test'", 0, NULL),
	    0);
	const char *user = arena_strdup(mem, db_text(&u, 0, 0));
	db_res_clear(&u);
	const char *good = auth_access_token(&c, TENANT1, user, "sales",
	    ",sales.write,");
	ck_assert_ptr_nonnull(good);
	buf out;
	/* no CSRF needed: a bearer token is not sent by a browser on its own */
	ck_assert_int_eq(with_bearer(good, "bearer-ok", &out), 201);
	buf_free(&out);
	ck_assert_int_eq(count_events("bearer-ok"), 1);
	char *tampered = arena_strdup(mem, good);
	char *mid = strchr(tampered, '.') + 5;
	*mid = *mid == 'A' ? 'B' : 'A';
	ck_assert_int_eq(with_bearer(tampered, "bearer-bad", &out), 401);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "WWW-Authenticate: Bearer"));
	buf_free(&out);
	long now = (long)time(NULL);
	const char *expired = sign(arena_printf(mem, "{\"sub\":\"%s\","
	    "\"tid\":\"" TENANT1 "\",\"role\":\"sales\",\"perms\":"
	    "\",sales.write,\",\"iat\":%ld,\"exp\":%ld,\"typ\":\"access\"}",
	    user, now - 1000, now - 1), cfg.secret);
	ck_assert_int_eq(with_bearer(expired, "bearer-old", &out), 401);
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "expired"));
	buf_free(&out);
	const char *forged = sign(arena_printf(mem, "{\"sub\":\"%s\","
	    "\"tid\":\"" TENANT1 "\",\"role\":\"owner\",\"perms\":"
	    "\",sales.write,\",\"iat\":%ld,\"exp\":%ld,\"typ\":\"access\"}",
	    user, now, now + 600), "someone-elses-secret-0123456789abcdef");
	ck_assert_int_eq(with_bearer(forged, "bearer-forged", &out), 401);
	buf_free(&out);
	ck_assert_int_eq(with_bearer("not.a.token", "bearer-junk", &out), 401);
	buf_free(&out);
	ck_assert_int_eq(count_events("bearer-bad") + count_events("bearer-old")
	    + count_events("bearer-forged") + count_events("bearer-junk"), 0);
}
END_TEST

START_TEST(sessions_expire)
{
	buf out;
	/* idle for 31 minutes: signed out */
	admin_sql("UPDATE sessions SET last_seen_at = now() - interval "
	    "'31 minutes' WHERE tenant_id = '" TENANT1 "'");
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    NULL, "{\"name\":\"idle\"}", &out), 401);
	buf_free(&out);
	/* active, but past its absolute 12 hours */
	admin_sql("UPDATE sessions SET last_seen_at = now(), expires_at = "
	    "now() - interval '1 second' WHERE tenant_id = '" TENANT1 "'");
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    NULL, "{\"name\":\"old\"}", &out), 401);
	buf_free(&out);
	/* 29 minutes idle is still fine, and the use refreshes it */
	admin_sql("UPDATE sessions SET last_seen_at = now() - interval "
	    "'29 minutes', expires_at = now() + interval '1 hour' "
	    "WHERE tenant_id = '" TENANT1 "'");
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    NULL, "{\"name\":\"fresh\"}", &out), 201);
	buf_free(&out);
	/* only the session that was used moved; the viewer's stayed idle */
	ck_assert_int_eq(count_sql("SELECT count(*) FROM sessions WHERE "
	    "last_seen_at > now() - interval '1 minute' AND tenant_id = '"
	    TENANT1 "'"), 1);
	ck_assert_int_eq(count_events("idle") + count_events("old"), 0);
}
END_TEST

START_TEST(reads_cannot_write)
{
	buf out;
	ck_assert_int_eq(core("GET", "/api/v1/sneaky", NULL, NULL, NULL, &out),
	    409);
	/* 25006: read_only_sql_transaction */
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "\"message\":\"25006\""));
	buf_free(&out);
	ck_assert_int_eq(count_sql("SELECT count(*) FROM outbox_events WHERE "
	    "type = 'sneaky.write'"), 0);
	/* the next request on the same link is unaffected */
	ck_assert_int_eq(core("POST", "/api/v1/things", "application/json",
	    NULL, "{\"name\":\"after-sneaky\"}", &out), 201);
	buf_free(&out);
	ck_assert_int_eq(count_events("after-sneaky"), 1);
}
END_TEST

START_TEST(pipeline_errors_surface)
{
	db_res r;
	/* a failure in the pipelined first statement is reported as such */
	ck_assert_int_eq(db_begin(conn), 0);
	ck_assert_int_eq(db_set_tenant(conn, TENANT1), 0);
	ck_assert_int_eq(db_exec(conn, &r, "SELECT 1/0", 0, NULL), -1);
	ck_assert_str_eq(r.sqlstate, "22012");
	db_res_clear(&r);
	db_rollback(conn);
	/* a bad tenant id fails the scope, not silently the statement */
	ck_assert_int_eq(db_begin(conn), 0);
	ck_assert_int_eq(db_set_tenant(conn, "not-a-uuid"), 0);
	ck_assert_int_eq(db_exec(conn, &r, "SELECT count(*) FROM users", 0,
	    NULL), -1);
	ck_assert_str_eq(r.sqlstate, "22P02");
	db_res_clear(&r);
	db_rollback(conn);
	/* and the scope holds for the whole transaction */
	ck_assert_int_eq(db_begin_mode(conn, 1), 0);
	ck_assert_int_eq(db_set_tenant(conn, TENANT1), 0);
	ck_assert_int_eq(db_exec(conn, &r, "SELECT bursar_tenant()", 0, NULL),
	    0);
	ck_assert_str_eq(db_text(&r, 0, 0), TENANT1);
	db_res_clear(&r);
	ck_assert_int_eq(db_exec(conn, &r, "SELECT count(DISTINCT tenant_id) "
	    "FROM users", 0, NULL), 0);
	ck_assert_str_eq(db_text(&r, 0, 0), "1");
	db_res_clear(&r);
	db_commit_async(conn);
	ck_assert_int_eq(db_exec(conn, &r, "SELECT bursar_tenant()", 0, NULL),
	    0);
	ck_assert_ptr_null(db_text(&r, 0, 0));	/* scope ended with it */
	db_res_clear(&r);
	/* read mode: every statement scoped and read-only, none leaking */
	ck_assert_int_eq(db_begin_read(conn), 0);
	ck_assert_int_eq(db_set_tenant(conn, TENANT1), 0);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(db_exec(conn, &r, "SELECT bursar_tenant(), "
		    "current_setting('transaction_read_only')", 0, NULL), 0);
		ck_assert_str_eq(db_text(&r, 0, 0), TENANT1);
		ck_assert_str_eq(db_text(&r, 0, 1), "on");
		db_res_clear(&r);
	}
	ck_assert_int_eq(db_exec(conn, &r, "INSERT INTO outbox_events "
	    "(tenant_id, type, payload) VALUES ('" TENANT1 "', 'read.write', "
	    "'{}')", 0, NULL), -1);
	ck_assert_str_eq(r.sqlstate, "25006");
	db_res_clear(&r);
	db_commit_async(conn);
	ck_assert_int_eq(db_exec(conn, &r, "SELECT bursar_tenant(), "
	    "current_setting('transaction_read_only')", 0, NULL), 0);
	ck_assert_ptr_null(db_text(&r, 0, 0));
	ck_assert_str_eq(db_text(&r, 0, 1), "off");
	db_res_clear(&r);
}
END_TEST

/* scope_of: the tenant a statement sees and whether it may write. */
static void
scope_of(const char *expect_tenant, const char *expect_ro)
{
	db_res r;
	ck_assert_int_eq(db_exec(conn, &r, "SELECT bursar_tenant(), "
	    "current_setting('transaction_read_only')", 0, NULL), 0);
	if (expect_tenant)
		ck_assert_str_eq(db_text(&r, 0, 0), expect_tenant);
	else
		ck_assert_ptr_null(db_text(&r, 0, 0));
	ck_assert_str_eq(db_text(&r, 0, 1), expect_ro);
	db_res_clear(&r);
}

/* Reads keep their scope in the session between requests: whatever came
 * before, the next request must see its own tenant, or none, and a
 * writer must be able to write. */
START_TEST(session_scope_never_leaks)
{
	db_res r;
	const struct { int mode; const char *tenant, *ro; } seq[] = {
		{ 'r', TENANT1, "on" }, { 'r', TENANT1, "on" },
		{ 'r', TENANT2, "on" }, { 'r', NULL, "on" },
		{ 'w', NULL, "off" }, { 'r', TENANT2, "on" },
		{ 'w', TENANT1, "off" }, { 'r', TENANT1, "on" },
		{ 'a', NULL, "off" }, { 'r', TENANT1, "on" },
		{ 'w', TENANT1, "off" }, { 'a', NULL, "off" },
	};
	for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		if (seq[i].mode == 'r')
			ck_assert_int_eq(db_begin_read(conn), 0);
		else if (seq[i].mode == 'w')
			ck_assert_int_eq(db_begin(conn), 0);
		if (seq[i].tenant)
			ck_assert_int_eq(db_set_tenant(conn, seq[i].tenant), 0);
		scope_of(seq[i].tenant, seq[i].ro);
		scope_of(seq[i].tenant, seq[i].ro);
		if (seq[i].mode != 'a')
			ck_assert_int_eq(db_commit(conn, NULL), 0);
	}
	/* a failed read forgets nothing it should not: the next one of the
	 * same tenant is still scoped and read-only */
	ck_assert_int_eq(db_begin_read(conn), 0);
	ck_assert_int_eq(db_set_tenant(conn, TENANT2), 0);
	ck_assert_int_eq(db_exec(conn, &r, "SELECT 1/0", 0, NULL), -1);
	db_res_clear(&r);
	scope_of(TENANT2, "on");
	ck_assert_int_eq(db_commit(conn, NULL), 0);
	ck_assert_int_eq(db_begin_read(conn), 0);
	ck_assert_int_eq(db_set_tenant(conn, TENANT2), 0);
	scope_of(TENANT2, "on");
	ck_assert_int_eq(db_commit(conn, NULL), 0);
	/* and a write after reads commits */
	ck_assert_int_eq(db_exec(conn, &r, "INSERT INTO outbox_events "
	    "(tenant_id, type, payload) SELECT id, 'scope.write', '{}' FROM "
	    "tenants WHERE false", 0, NULL), 0);
	db_res_clear(&r);
}
END_TEST

/* scope_is: the branch limit and time zone a statement sees */
static void
scope_is(const char *branches, const char *tz)
{
	db_res r;
	ck_assert_int_eq(db_exec(conn, &r, "SELECT coalesce(current_setting("
	    "'bursar.branches', true), ''), current_setting('TimeZone')", 0,
	    NULL), 0);
	ck_assert_str_eq(db_text(&r, 0, 0), branches);
	ck_assert_str_eq(db_text(&r, 0, 1), tz);
	db_res_clear(&r);
}

/* The branch limit and the time zone travel in the tenant's one scope
 * statement and are cached with it: a change of either is sent, a
 * reader or writer after another user's never inherits theirs, and an
 * unscoped statement runs in the server's zone with no limit. */
START_TEST(scope_branches_and_zone_never_leak)
{
	const char *b1 = "00000000-0000-0000-0000-0000000000b1";
	db_res r;
	ck_assert_int_eq(db_exec(conn, &r, "SELECT reset_val FROM pg_settings "
	    "WHERE name = 'TimeZone'", 0, NULL), 0);
	char server[64];
	snprintf(server, sizeof(server), "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	const struct { int mode; const char *br, *tz, *want_tz; } seq[] = {
		{ 'r', b1, "Pacific/Kiritimati", "Pacific/Kiritimati" },
		{ 'r', b1, "Pacific/Kiritimati", "Pacific/Kiritimati" },
		{ 'r', "", "Pacific/Kiritimati", "Pacific/Kiritimati" },
		{ 'r', "", "Asia/Kolkata", "Asia/Kolkata" },
		{ 'w', b1, "Pacific/Kiritimati", "Pacific/Kiritimati" },
		{ 'r', "", "Asia/Kolkata", "Asia/Kolkata" },
		{ 'a', "", NULL, server },
		{ 'r', b1, "Asia/Kolkata", "Asia/Kolkata" },
		{ 'w', "", "Asia/Kolkata", "Asia/Kolkata" },
		{ 'r', b1, "Asia/Kolkata", "Asia/Kolkata" },
		{ 'a', "", NULL, server },
	};
	for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		if (seq[i].mode == 'r')
			ck_assert_int_eq(db_begin_read(conn), 0);
		else if (seq[i].mode == 'w')
			ck_assert_int_eq(db_begin(conn), 0);
		if (seq[i].mode != 'a')
			ck_assert_int_eq(db_set_scope(conn, TENANT1, seq[i].br,
			    seq[i].tz), 0);
		scope_is(seq[i].br, seq[i].want_tz);
		scope_is(seq[i].br, seq[i].want_tz);
		if (seq[i].mode != 'a')
			ck_assert_int_eq(db_commit(conn, NULL), 0);
	}
	/* no zone given: the tenant's own, read by the database */
	admin_sql("UPDATE tenants SET timezone = 'Pacific/Kiritimati' WHERE id "
	    "= '" TENANT1 "'");
	ck_assert_int_eq(db_begin(conn), 0);
	ck_assert_int_eq(db_set_tenant(conn, TENANT1), 0);
	scope_is("", "Pacific/Kiritimati");
	ck_assert_int_eq(db_commit(conn, NULL), 0);
	admin_sql("UPDATE tenants SET timezone = 'UTC' WHERE id = '" TENANT1
	    "'");
}
END_TEST

static Suite *
integration_suite(void)
{
	Suite *s = suite_create("integration");
	TCase *http = tcase_create("http");
	tcase_set_timeout(http, 60);
	tcase_add_test(http, healthz_ok);
	tcase_add_test(http, request_id_kept_or_made);
	tcase_add_test(http, head_has_no_body);
	tcase_add_test(http, home_page);
	tcase_add_test(http, unknown_route_404);
	tcase_add_test(http, wrong_method_405);
	tcase_add_test(http, oversized_body_413);
	tcase_add_test(http, malformed_json_400);
	tcase_add_test(http, malformed_form_400);
	tcase_add_test(http, killed_worker_is_replaced);
	suite_add_tcase(s, http);
	TCase *core_tc = tcase_create("core");
	tcase_add_checked_fixture(core_tc, core_setup, core_teardown);
	tcase_add_test(core_tc, idempotency_key_replays);
	tcase_add_test(core_tc, event_only_with_its_change);
	tcase_add_test(core_tc, outbox_cursor_never_skips);
	tcase_add_test(core_tc, one_handler_two_renderings);
	tcase_add_test(core_tc, truncated_body_400);
	tcase_add_test(core_tc, cookies_secure_behind_tls);
	tcase_add_test(core_tc, sign_in_required);
	tcase_add_test(core_tc, csrf_refused);
	tcase_add_test(core_tc, bearer_tokens);
	tcase_add_test(core_tc, sessions_expire);
	tcase_add_test(core_tc, reads_cannot_write);
	tcase_add_test(core_tc, pipeline_errors_surface);
	tcase_add_test(core_tc, session_scope_never_leaks);
	tcase_add_test(core_tc, scope_branches_and_zone_never_leak);
	suite_add_tcase(s, core_tc);
	suite_add_tcase(s, identity_tcase());
	suite_add_tcase(s, books_sql_tcase());
	suite_add_tcase(s, accounts_tcase());
	suite_add_tcase(s, ledger_tcase());
	suite_add_tcase(s, parties_tcase());
	suite_add_tcase(s, stock_tcase());
	suite_add_tcase(s, orders_tcase());
	suite_add_tcase(s, invoices_tcase());
	suite_add_tcase(s, payments_tcase());
	suite_add_tcase(s, review_tcase());
	suite_add_tcase(s, branches_tcase());
	suite_add_tcase(s, sync_tcase());
	suite_add_tcase(s, integrity_tcase());
	suite_add_tcase(s, dashboard_tcase());
	suite_add_tcase(s, actions_tcase());
	suite_add_tcase(s, lists_tcase());
	suite_add_tcase(s, words_tcase());
	suite_add_tcase(s, webhooks_tcase());
	suite_add_tcase(s, security_tcase());
	suite_add_tcase(s, input_tcase());
	suite_add_tcase(s, headers_tcase());
	suite_add_tcase(s, roles_tcase());
	suite_add_tcase(s, ops_tcase());	/* last: it restarts the programs */
	/* last: it stops and starts the database under the stack */
	TCase *db_tc = tcase_create("database");
	tcase_set_timeout(db_tc, 120);
	tcase_add_test(db_tc, database_down_and_back);
	suite_add_tcase(s, db_tc);
	return s;
}

int
main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	SRunner *sr = srunner_create(integration_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
