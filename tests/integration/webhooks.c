/* webhooks.c: outbound webhooks against the real stack and a real
 * receiver on loopback (webhook_receiver.py, answering by script): the
 * catalogue matching what Bursar emits, subscriptions checked (SSRF
 * refused, nothing written), deliveries signed and verified by the
 * official standardwebhooks package (also through a secret rotation),
 * retries on the schedule, a timeout, 410 Gone, a receiver down for the
 * whole schedule, a run of failures disabling the subscription, manual
 * retry and replay, two dispatchers on 1,000 deliveries each sent once,
 * and a dispatcher killed mid-batch losing nothing. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "kit.h"
#include "suites.h"

static pid_t receiver_pid;
static char receiver_log[512];
static int receiver_port;

static void
receiver_start(void)
{
	const char *var = getenv("BURSAR_VAR");
	snprintf(receiver_log, sizeof(receiver_log), "%s/log/webhook-receiver"
	    ".jsonl", var);
	char port_file[600];
	snprintf(port_file, sizeof(port_file), "%s.port", receiver_log);
	unlink(port_file);
	unlink(receiver_log);
	char script[512];
	snprintf(script, sizeof(script), "%s/tests/integration/"
	    "webhook_receiver.py", getenv("BURSAR_ROOT"));
	receiver_pid = fork();
	if (receiver_pid == 0) {
		execl("/usr/bin/python3", "python3", script, "0", receiver_log,
		    (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 100 && receiver_port == 0; i++) {
		FILE *f = fopen(port_file, "r");
		if (f) {
			if (fscanf(f, "%d", &receiver_port) != 1)
				receiver_port = 0;
			fclose(f);
		}
		if (receiver_port == 0)
			usleep(50000);
	}
	ck_assert_int_gt(receiver_port, 0);
}

static void
receiver_stop(void)
{
	if (receiver_pid > 0) {
		kill(receiver_pid, SIGTERM);
		waitpid(receiver_pid, NULL, 0);
		receiver_pid = 0;
	}
}

/* target: the receiver's URL for a script path ("/ok/t1") */
static const char *
target(const char *path)
{
	static char url[256];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", receiver_port,
	    path);
	return url;
}

/* received: how many requests the receiver logged under path */
static int
received(const char *path)
{
	FILE *f = fopen(receiver_log, "r");
	if (f == NULL)
		return 0;
	char line[1 << 16], want[300];
	snprintf(want, sizeof(want), "\"path\": \"%s\"", path);
	int n = 0;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, want))
			n++;
	fclose(f);
	return n;
}

/* wait_count: polls sql's count (as the owner) until it reaches want or
 * seconds pass; the last count */
static long long
wait_count(int seconds, long long want, const char *sql)
{
	long long n = -1;
	for (int i = 0; i < seconds * 10; i++) {
		n = kit_adm_int("%s", sql);
		if (n >= want)
			break;
		usleep(100000);
	}
	return n;
}

/* subscribe: a subscription for b (JSON members in extra); its id into
 * id and its secret into secret */
static void
subscribe(const kit_biz *b, const char *path, const char *extra,
    char id[37], char secret[96])
{
	char body[2048];
	snprintf(body, sizeof(body), "{\"url\":\"%s\"%s%s}", target(path),
	    extra && *extra ? "," : "", extra ? extra : "");
	cJSON *j = kit_post("/api/v1/webhooks", b->token, body, 201);
	snprintf(id, 37, "%s", jstr(j, "id"));
	if (secret)
		snprintf(secret, 96, "%s", jstr(j, "secret"));
	cJSON_Delete(j);
}

/* verify: the official verifier accepts every request under path with
 * the secrets given (each verifying at least one) */
static int
verify(const char *path, const char *secrets)
{
	return sh("cd '%s/tests/webhooks' && node verify.mjs '%s' '%s' %s "
	    ">/dev/null 2>&1", getenv("BURSAR_ROOT"), receiver_log, path, secrets);
}

static void
customer(const kit_biz *b, const char *name)
{
	char body[256];
	snprintf(body, sizeof(body), "{\"name\":\"%s\",\"is_customer\":true}",
	    name);
	cJSON_Delete(kit_post("/api/v1/parties", b->token, body, 201));
}

START_TEST(catalogue_matches_what_is_emitted)
{
	kit_biz b;
	kit_business(&b, "whcat", "INR");
	cJSON *j = get_json("/api/v1/webhooks/event-types", b.token, 200);
	cJSON *items = cJSON_GetObjectItem(j, "items");
	static const char *const must[] = { "order.created", "order.updated",
	    "order.placed", "order.shipped", "order.completed",
	    "order.cancelled", "stock.reserved", "stock.reservation_failed",
	    "stock.low", "invoice.created", "invoice.issued", "invoice.paid",
	    "invoice.overdue", "invoice.voided", "credit_note.issued",
	    "payment.received", "payment.made", "payment.refunded",
	    "bill.received", "customer.created", "customer.updated",
	    "webhook.test" };
	for (size_t i = 0; i < sizeof(must) / sizeof(*must); i++) {
		int found = 0;
		cJSON *t;
		cJSON_ArrayForEach(t, items)
			if (strcmp(jstr(t, "type"), must[i]) == 0 &&
			    cJSON_IsObject(cJSON_GetObjectItem(t, "example")) &&
			    *jstr(t, "description"))
				found = 1;
		ck_assert_msg(found, "%s is not in the catalogue", must[i]);
	}
	/* every type any business's outbox holds (the suite's cases ran
	 * before this one) is one a subscriber can choose */
	/* (user.* events are the audit's; thing, fast, slow, sly and sneaky
	 * are the core tests' own, in integ.c) */
	char *all = kit_adm("SELECT string_agg(DISTINCT type, ' ') FROM "
	    "outbox_events WHERE type !~ '^(user|thing|fast|slow|sly|sneaky)\\.'");
	for (char *s = all ? strtok(all, " ") : NULL; s; s = strtok(NULL, " ")) {
		int found = 0;
		cJSON *t;
		cJSON_ArrayForEach(t, items)
			found |= strcmp(jstr(t, "type"), s) == 0;
		ck_assert_msg(found, "%s is emitted but not in the catalogue", s);
	}
	free(all);
	cJSON_Delete(j);
	/* an unknown type is refused, naming the field, and nothing kept */
	kit_refused("POST", "/api/v1/webhooks", b.token, "{\"url\":"
	    "\"http://127.0.0.1:9/x\",\"event_types\":[\"order.exploded\"]}",
	    422, "event_types");
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM "
	    "webhook_subscriptions WHERE tenant_id = '%s'", b.id), 0);
	free(b.token);
}
END_TEST

START_TEST(subscriptions_checked_and_kept)
{
	kit_biz b, other;
	kit_business(&b, "whsub", "INR");
	kit_business(&other, "whoth", "INR");
	/* addresses inside the network are refused when saved */
	static const char *const internal[] = { "http://10.0.0.1/hook",
	    "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/",
	    "ftp://example.com/", "http://user:pw@93.184.216.34/" };
	for (size_t i = 0; i < sizeof(internal) / sizeof(*internal); i++) {
		char body[256];
		snprintf(body, sizeof(body), "{\"url\":\"%s\",\"event_types\":"
		    "[\"*\"]}", internal[i]);
		kit_refused("POST", "/api/v1/webhooks", b.token, body, 422,
		    "url");
	}
	kit_refused("POST", "/api/v1/webhooks", b.token, "{\"url\":"
	    "\"http://127.0.0.1:9/x\",\"event_types\":[\"*\"],\"timeout\":31}",
	    422, "timeout");
	kit_refused("POST", "/api/v1/webhooks", b.token, "{\"url\":"
	    "\"http://127.0.0.1:9/x\",\"event_types\":[\"*\"],"
	    "\"retry_schedule\":[5,0]}", 422, "retry_schedule");
	kit_refused("POST", "/api/v1/webhooks", b.token, "{\"url\":"
	    "\"http://127.0.0.1:9/x\",\"event_types\":[]}", 422, "event_types");
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM "
	    "webhook_subscriptions WHERE tenant_id = '%s'", b.id), 0);

	char id[37], secret[96], path[128];
	subscribe(&b, "/ok/sub", "\"event_types\":[\"invoice.paid\"],"
	    "\"description\":\"ERP\"", id, secret);
	ck_assert_int_eq(strncmp(secret, "whsec_", 6), 0);
	ck_assert_uint_eq(strlen(secret), 38);
	snprintf(path, sizeof(path), "/api/v1/webhooks/%s", id);
	cJSON *j = get_json(path, b.token, 200);
	ck_assert_ptr_null(cJSON_GetObjectItem(j, "secret"));	/* shown once */
	ck_assert_int_eq(kit_num(j, "timeout"), 10);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j,
	    "retry_schedule")), 7);
	cJSON_Delete(j);
	j = kit_call("PATCH", path, b.token, "{\"event_types\":[\"invoice.paid\","
	    "\"payment.received\"],\"timeout\":5}", 200);
	ck_assert_int_eq(kit_num(j, "timeout"), 5);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j,
	    "event_types")), 2);
	cJSON_Delete(j);
	kit_refused("PATCH", path, b.token, "{\"url\":\"http://10.1.2.3/\"}",
	    422, "url");
	j = get_json(path, b.token, 200);
	ck_assert_str_eq(jstr(j, "url"), target("/ok/sub"));	/* kept */
	cJSON_Delete(j);
	/* another business sees none of it; a clerk may not touch it */
	cJSON_Delete(get_json(path, other.token, 404));
	reply r;
	char *sales = kit_token("demo", "sales@demo.test", "Demo-pass-2026");
	cJSON_Delete(get_json("/api/v1/webhooks", sales, 403));
	free(sales);
	/* the pages: the list, the subscription, the form redrawn as typed
	 * with the reason beside the field */
	kit_page("/app/webhooks", b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "/ok/sub"));
	reply_free(&r);
	char page[160];
	snprintf(page, sizeof(page), "/app/webhooks/%s", id);
	kit_page(page, b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Send a test"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "invoice.paid"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Active"));
	ck_assert_ptr_null(strstr(buf_str(&r.body), secret));
	reply_free(&r);
	kit_page("/app/webhooks/new", b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "invoice.overdue"));
	reply_free(&r);
	kit_form("/app/webhooks", b.token, "url=http%3A%2F%2F10.0.0.1%2Fmine&"
	    "description=Typed+here&event_types=order.placed&timeout=10&"
	    "retry_schedule=5%2C30&failure_limit=30", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Typed here"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "internal address"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "value=\"order.placed\" "
	    "checked"));
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM "
	    "webhook_subscriptions WHERE tenant_id = '%s'", b.id), 1);
	kit_form("/app/webhooks", b.token, "url=http%3A%2F%2F127.0.0.1%3A9%2F"
	    "form&event_types=order.placed&event_types=order.shipped&timeout=7&"
	    "retry_schedule=5%2C30&failure_limit=30", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "whsec_"));
	reply_free(&r);
	ck_assert_int_eq(kit_adm_int("SELECT timeout_s FROM "
	    "webhook_subscriptions WHERE tenant_id = '%s' AND url LIKE "
	    "'%%/form' AND event_types = '{order.placed,order.shipped}'", b.id),
	    7);
	cJSON_Delete(kit_call("DELETE", path, b.token, NULL, 200));
	cJSON_Delete(get_json(path, b.token, 404));
	free(b.token);
	free(other.token);
}
END_TEST

START_TEST(delivered_signed_and_verified)
{
	kit_biz b;
	kit_business(&b, "whsig", "INR");
	char id[37], secret[96], sql[512], path[160];
	subscribe(&b, "/ok/sig", "\"event_types\":[\"customer.created\"]", id,
	    secret);
	customer(&b, "Signed Traders");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM webhook_deliveries "
	    "WHERE subscription_id = '%s' AND status = 'succeeded'", id);
	ck_assert_int_eq(wait_count(15, 1, sql), 1);
	ck_assert_int_eq(received("/ok/sig"), 1);
	ck_assert_int_eq(verify("/ok/sig", secret), 0);
	/* a wrong secret verifies nothing: the check can fail */
	ck_assert_int_ne(verify("/ok/sig",
	    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), 0);
	/* the history: one attempt, 200, the receiver's answer kept */
	snprintf(path, sizeof(path), "/api/v1/webhooks/%s/deliveries", id);
	cJSON *j = get_json(path, b.token, 200);
	cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "items"), 0);
	ck_assert_str_eq(jstr(d, "status"), "succeeded");
	ck_assert_str_eq(jstr(d, "event_type"), "customer.created");
	snprintf(path, sizeof(path), "/api/v1/webhook-deliveries/%s",
	    jstr(d, "id"));
	cJSON_Delete(j);
	j = get_json(path, b.token, 200);
	cJSON *a = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "attempts_made"),
	    0);
	ck_assert_int_eq(kit_num(a, "status_code"), 200);
	ck_assert_ptr_nonnull(strstr(jstr(a, "response"), "received"));
	ck_assert_ptr_nonnull(strstr(jstr(j, "request.body"),
	    "Signed Traders"));
	cJSON_Delete(j);

	/* rotation: the next delivery is signed with both secrets */
	snprintf(path, sizeof(path), "/api/v1/webhooks/%s/rotate-secret", id);
	j = kit_post(path, b.token, "{}", 200);
	char fresh[96];
	snprintf(fresh, sizeof(fresh), "%s", jstr(j, "secret"));
	ck_assert_str_ne(fresh, secret);
	cJSON_Delete(j);
	subscribe(&b, "/ok/unused", "\"event_types\":[\"invoice.paid\"]", path,
	    NULL);
	snprintf(path, sizeof(path), "/api/v1/webhooks/%s/test", id);
	cJSON_Delete(kit_post(path, b.token, "{}", 202));
	ck_assert_int_eq(wait_count(15, 2, sql), 2);
	char both[200];
	snprintf(both, sizeof(both), "%s %s", fresh, secret);
	ck_assert_int_eq(verify("/ok/sig", both), 0);
	free(b.token);
}
END_TEST

/* gap_ms: milliseconds from attempt n to attempt n + 1 of the one
 * delivery of subscription id */
static long long
gap_ms(const char *id, int n)
{
	return kit_adm_int("SELECT (extract(epoch FROM b.started_at - "
	    "a.started_at) * 1000)::bigint FROM webhook_attempts a, "
	    "webhook_attempts b, webhook_deliveries d WHERE d.subscription_id "
	    "= '%s' AND a.delivery_id = d.id AND b.delivery_id = d.id AND a.n "
	    "= %d AND b.n = %d", id, n, n + 1);
}

START_TEST(retries_follow_the_schedule)
{
	kit_biz b;
	kit_business(&b, "whretry", "INR");
	char id[37], sql[512];
	subscribe(&b, "/flaky/2/r", "\"event_types\":[\"customer.created\"],"
	    "\"retry_schedule\":[1,2,30]", id, NULL);
	customer(&b, "Flaky Receivers");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM webhook_deliveries "
	    "WHERE subscription_id = '%s' AND status = 'succeeded'", id);
	ck_assert_int_eq(wait_count(30, 1, sql), 1);
	/* 500, 500, then 200; each retry no sooner than its wait */
	char *codes = kit_adm("SELECT string_agg(a.status_code::text, ',' "
	    "ORDER BY a.n) FROM webhook_attempts a JOIN webhook_deliveries d ON "
	    "d.id = a.delivery_id WHERE d.subscription_id = '%s'", id);
	ck_assert_str_eq(codes, "500,500,200");
	free(codes);
	long long gap1 = gap_ms(id, 1), gap2 = gap_ms(id, 2);
	/* never sooner than the wait (it is the database's next_at); the
	 * upper bound is generous, for a loaded machine */
	ck_assert_msg(gap1 >= 1000 && gap1 <= 15000, "first retry after %lld "
	    "ms", gap1);
	ck_assert_msg(gap2 >= 2000 && gap2 <= 20000, "second retry after %lld "
	    "ms", gap2);
	ck_assert_int_eq(received("/flaky/2/r"), 3);
	free(b.token);
}
END_TEST

START_TEST(timeouts_gone_and_down)
{
	kit_biz b;
	kit_business(&b, "whfail", "INR");
	char slow[37], gone[37], down[37], sql[512], path[160];
	subscribe(&b, "/slow/4/t", "\"event_types\":[\"customer.created\"],"
	    "\"timeout\":1,\"retry_schedule\":[]", slow, NULL);
	subscribe(&b, "/gone/g", "\"event_types\":[\"customer.created\"]",
	    gone, NULL);
	subscribe(&b, "/down/d", "\"event_types\":[\"customer.created\"],"
	    "\"retry_schedule\":[1,1]", down, NULL);
	customer(&b, "Failing Receivers");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM webhook_deliveries "
	    "WHERE tenant_id = '%s' AND status = 'failed'", b.id);
	ck_assert_int_eq(wait_count(40, 3, sql), 3);
	/* the timeout: one attempt, no status, curl's reason */
	char *err = kit_adm("SELECT a.error FROM webhook_attempts a JOIN "
	    "webhook_deliveries d ON d.id = a.delivery_id WHERE "
	    "d.subscription_id = '%s'", slow);
	ck_assert_ptr_nonnull(err);
	ck_assert_ptr_nonnull(strcasestr(err, "timeout") ?
	    strcasestr(err, "timeout") : strcasestr(err, "timed out"));
	free(err);
	/* 410: one attempt, and the subscription is off with the reason */
	ck_assert_int_eq(kit_adm_int("SELECT attempts FROM webhook_deliveries "
	    "WHERE subscription_id = '%s'", gone), 1);
	snprintf(path, sizeof(path), "/api/v1/webhooks/%s", gone);
	cJSON *j = get_json(path, b.token, 200);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(j, "active")));
	ck_assert_ptr_nonnull(strstr(jstr(j, "disabled_reason"), "410"));
	cJSON_Delete(j);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM notices WHERE "
	    "tenant_id = '%s' AND kind = 'webhook.disabled'", b.id), 1);
	reply r;
	kit_page("/app/webhooks", b.token, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "was disabled: the "
	    "receiver answered 410 Gone"));
	reply_free(&r);
	/* down for the whole schedule: every attempt recorded */
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM webhook_attempts a "
	    "JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE "
	    "d.subscription_id = '%s' AND a.status_code = 503", down), 3);
	ck_assert_int_eq(received("/down/d"), 3);
	/* a manual retry sends it again, with the same webhook-id */
	char *did = kit_adm("SELECT id FROM webhook_deliveries WHERE "
	    "subscription_id = '%s'", down);
	snprintf(path, sizeof(path), "/api/v1/webhook-deliveries/%s/retry",
	    did);
	cJSON_Delete(kit_post(path, b.token, "{}", 202));
	for (int i = 0; i < 150 && received("/down/d") < 4; i++)
		usleep(100000);
	ck_assert_int_ge(received("/down/d"), 4);
	/* a replay since today sends every failed delivery again */
	snprintf(path, sizeof(path), "/api/v1/webhooks/%s/replay", slow);
	kit_refused("POST", path, b.token, "{\"since\":\"last week\"}", 422,
	    "since");
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	char body[64];
	strftime(body, sizeof(body), "{\"since\":\"%Y-%m-%d\"}", &tm);
	j = kit_post(path, b.token, body, 202);
	ck_assert_int_eq(kit_num(j, "replayed"), 1);
	cJSON_Delete(j);
	free(did);
	free(b.token);
}
END_TEST

START_TEST(a_run_of_failures_disables)
{
	kit_biz b;
	kit_business(&b, "whrun", "INR");
	char id[37], sql[512];
	subscribe(&b, "/down/run", "\"event_types\":[\"customer.created\"],"
	    "\"retry_schedule\":[1,1,1,1],\"failure_limit\":3", id, NULL);
	customer(&b, "Run One");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM webhook_subscriptions "
	    "WHERE id = '%s' AND NOT active", id);
	ck_assert_int_eq(wait_count(30, 1, sql), 1);
	char *why = kit_adm("SELECT disabled_reason FROM webhook_subscriptions "
	    "WHERE id = '%s'", id);
	ck_assert_str_eq(why, "3 failed attempts in a row");
	free(why);
	/* disabled: a new event makes no delivery */
	customer(&b, "Run Two");
	sleep(2);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM webhook_deliveries "
	    "WHERE subscription_id = '%s'", id), 1);
	free(b.token);
}
END_TEST

/* dispatcher: a one-shot dispatcher beside the supervised one */
static pid_t
dispatcher(void)
{
	char bin[512], conf[512];
	snprintf(bin, sizeof(bin), "%s/cron/webhook_dispatch",
	    getenv("BURSAR_BUILD"));
	snprintf(conf, sizeof(conf), "%s/bursar.conf", getenv("BURSAR_VAR"));
	pid_t p = fork();
	if (p == 0) {
		setenv("BURSAR_CONFIG", conf, 1);
		unsetenv("BURSAR_WATCH");
		if (freopen("/dev/null", "w", stdout) == NULL)
			_exit(126);
		execl(bin, "webhook_dispatch", (char *)NULL);
		_exit(127);
	}
	return p;
}

/* events: n customer.created events for b, straight into its outbox as
 * the owner (as if n customers had been made) */
static void
events(const kit_biz *b, int n, const char *tag)
{
	free(kit_adm("INSERT INTO outbox_events (tenant_id, type, payload) "
	    "SELECT '%s', 'customer.created', jsonb_build_object('id', "
	    "gen_random_uuid(), 'name', '%s ' || g) FROM generate_series(1, "
	    "%d) g", b->id, tag, n));
}

/* duplicates: webhook-ids the receiver saw more than once under path,
 * and events that arrived under two webhook-ids */
static void
exactly_once(const char *path, int want, int allow_repeats)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 -c 'import json,sys\n"
	    "ids={}; ev={}\n"
	    "for l in open(sys.argv[1]):\n"
	    " e=json.loads(l)\n"
	    " if e[\"path\"]!=sys.argv[2]: continue\n"
	    " m=e[\"headers\"][\"webhook-id\"]; ids[m]=ids.get(m,0)+1\n"
	    " ev.setdefault(json.loads(e[\"body\"])[\"id\"],set()).add(m)\n"
	    "bad=[k for k,v in ev.items() if len(v)!=1]\n"
	    "rep=[k for k,v in ids.items() if v>1]\n"
	    "ok=len(ev)==int(sys.argv[3]) and not bad and (sys.argv[4]==\"1\" "
	    "or not rep)\n"
	    "print(len(ev),len(bad),len(rep)); sys.exit(0 if ok else 1)' "
	    "'%s' '%s' %d %d", receiver_log, path, want, allow_repeats);
	ck_assert_msg(sh("%s >/dev/null", cmd) == 0, "%s: not each once", path);
}

START_TEST(two_dispatchers_send_each_once)
{
	kit_biz b;
	kit_business(&b, "whbulk", "INR");
	char id[37], sql[512];
	subscribe(&b, "/ok/bulk", "\"event_types\":[\"customer.created\"]", id,
	    NULL);
	pid_t a = dispatcher();
	events(&b, 1000, "Bulk");
	pid_t c = dispatcher();
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM webhook_deliveries "
	    "WHERE subscription_id = '%s' AND status = 'succeeded'", id);
	ck_assert_int_eq(wait_count(90, 1000, sql), 1000);
	waitpid(a, NULL, 0);
	waitpid(c, NULL, 0);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM webhook_attempts "
	    "WHERE tenant_id = '%s'", b.id), 1000);
	exactly_once("/ok/bulk", 1000, 0);
	free(b.token);
}
END_TEST

START_TEST(a_killed_dispatcher_loses_nothing)
{
	kit_biz b;
	kit_business(&b, "whkill", "INR");
	char id[37], sql[512];
	/* slow answers keep the batch in flight when the dispatcher dies */
	subscribe(&b, "/slow/1/kill", "\"event_types\":[\"customer.created\"],"
	    "\"timeout\":3,\"retry_schedule\":[1,1,1]", id, NULL);
	events(&b, 60, "Kill");
	pid_t a = dispatcher();
	usleep(500000);
	kill(a, SIGKILL);
	waitpid(a, NULL, 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM webhook_deliveries "
	    "WHERE subscription_id = '%s' AND status = 'succeeded'", id);
	ck_assert_int_eq(wait_count(90, 60, sql), 60);
	/* every event arrived, each under one webhook-id (a request cut off
	 * by the kill may arrive twice, with the same id) */
	exactly_once("/slow/1/kill", 60, 1);
	free(b.token);
}
END_TEST

static void
setup(void)
{
	receiver_start();
}

static void
teardown(void)
{
	receiver_stop();
}

TCase *
webhooks_tcase(void)
{
	TCase *tc = tcase_create("webhooks");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, catalogue_matches_what_is_emitted);
	tcase_add_test(tc, subscriptions_checked_and_kept);
	tcase_add_test(tc, delivered_signed_and_verified);
	tcase_add_test(tc, retries_follow_the_schedule);
	tcase_add_test(tc, timeouts_gone_and_down);
	tcase_add_test(tc, a_run_of_failures_disables);
	tcase_add_test(tc, two_dispatchers_send_each_once);
	tcase_add_test(tc, a_killed_dispatcher_loses_nothing);
	return tc;
}
