/* ops.c: what running Bursar needs to hold: the maintenance functions
 * refuse the web's role and serve the cron role's, no login gets in
 * without its password, a request blocked behind a row lock answers 503
 * with Retry-After instead of waiting, a sign-in leaves its worker
 * small, and a supervisor killed outright leaves nothing that stops
 * `make run` from starting again. */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "base/config.h"
#include "db/db.h"
#include "client.h"
#include "kit.h"
#include "suites.h"

/* every SECURITY DEFINER function that crosses tenants for a batch, with
 * arguments that change nothing that matters */
static const char *const maintenance[] = {
	"SELECT audit_archive_older(now() - interval '1000 years')",
	"SELECT auth_cleanup()",
	"SELECT idempotency_cleanup()",
	"SELECT count(*) FROM invoice_overdue_tenants()",
	"SELECT count(*) FROM bill_overdue_tenants()",
	"SELECT count(*) FROM mail_claim(0)",
	"SELECT mail_done('00000000-0000-0000-0000-000000000000', "
	    "'00000000-0000-0000-0000-000000000000', NULL)",
	"SELECT webhook_fanout(0)",
	"SELECT count(*) FROM webhook_claim(0, 1)",
	"SELECT webhook_attempted('00000000-0000-0000-0000-000000000000', "
	    "'00000000-0000-0000-0000-000000000000', now(), 0, 200, '', NULL)",
};
#define NMAINT (sizeof(maintenance) / sizeof(maintenance[0]))

START_TEST(maintenance_is_the_crons)
{
	const char *cron_url = getenv("BURSAR_CRON_CONNINFO");
	ck_assert_ptr_nonnull(cron_url);
	db *app = db_open(getenv("BURSAR_APP_CONNINFO"), 5);
	db *cron = db_open(cron_url, 5);
	for (size_t i = 0; i < NMAINT; i++) {
		db_res r;
		int rc = db_exec(app, &r, maintenance[i], 0, NULL);
		ck_assert_msg(rc < 0 && strcmp(r.sqlstate, "42501") == 0,
		    "bursar_app ran %s (%s %s)", maintenance[i], r.sqlstate,
		    r.error ? r.error : "");
		db_res_clear(&r);
		rc = db_exec(cron, &r, maintenance[i], 0, NULL);
		ck_assert_msg(rc == 0, "bursar_cron could not run %s: %s",
		    maintenance[i], r.error);
		db_res_clear(&r);
	}
	/* and the cron role is bound by the tenants' walls like the web's */
	db_res r;
	ck_assert_int_eq(db_exec(cron, &r, "SELECT count(*) FROM parties", 0,
	    NULL), 0);
	ck_assert_str_eq(db_text(&r, 0, 0), "0");
	db_res_clear(&r);
	ck_assert_int_eq(db_exec(cron, &r, "SELECT rolsuper OR rolbypassrls "
	    "FROM pg_roles WHERE rolname = current_user", 0, NULL), 0);
	ck_assert_str_eq(db_text(&r, 0, 0), "f");
	db_res_clear(&r);
	db_close(app);
	db_close(cron);
}
END_TEST

/* refused: a login as user at host with no password at hand */
static void
refused(const char *host, const char *user)
{
	char ci[512];
	snprintf(ci, sizeof(ci), "host=%s port=%s dbname=bursar user=%s "
	    "passfile=/nonexistent connect_timeout=5", host,
	    getenv("BURSAR_PGPORT"), user);
	PGconn *c = PQconnectdb(ci);
	ck_assert_msg(PQstatus(c) != CONNECTION_OK, "%s logged in at %s "
	    "without a password", user, host);
	const char *why = PQerrorMessage(c);
	ck_assert_msg(strstr(why, "password") || strstr(why, "authentication"),
	    "%s at %s: %s", user, host, why);
	PQfinish(c);
}

START_TEST(logins_need_a_password)
{
	unsetenv("PGPASSWORD");
	/* the stack's own socket directory, from the programs' settings */
	char path[1024], err[256];
	config cfg;
	snprintf(path, sizeof(path), "%s/bursar.conf", getenv("BURSAR_VAR"));
	ck_assert_int_eq(config_load(&cfg, path, err, sizeof(err)), 0);
	char sock[512] = "";
	const char *h = strstr(cfg.database_url, "host=");
	ck_assert_ptr_nonnull(h);
	sscanf(h + 5, "%511s", sock);
	const char *users[] = { "bursar_app", "bursar_cron", "postgres" };
	for (int i = 0; i < 3; i++) {
		refused("127.0.0.1", users[i]);
		if (sock[0] == '/')
			refused(sock, users[i]);
	}
	/* with the password (the stack's passfile) the same logins work */
	PGconn *c = PQconnectdb(getenv("BURSAR_CRON_CONNINFO"));
	ck_assert_msg(PQstatus(c) == CONNECTION_OK, "%s", PQerrorMessage(c));
	PQfinish(c);
}
END_TEST

START_TEST(blocked_row_answers_503)
{
	kit_biz b;
	kit_business(&b, "ops", "EUR");
	char *id = kit_party(b.token, "customer", "Held Traders", NULL);
	char path[256];
	snprintf(path, sizeof(path), "/api/v1/customers/%s", id);
	/* another transaction holds the customer's row */
	db *adm = db_open(getenv("BURSAR_ADMIN_CONNINFO"), 5);
	db_res r;
	ck_assert_int_eq(db_begin(adm), 0);
	const char *p[1] = { id };
	ck_assert_int_eq(db_exec(adm, &r, "SELECT 1 FROM parties WHERE id = "
	    "$1::uuid FOR UPDATE", 1, p), 0);
	ck_assert_int_eq(r.rows, 1);
	db_res_clear(&r);

	reply rep;
	ck_assert_int_eq(client_json("PATCH", path, b.token,
	    "{\"name\":\"Changed Meanwhile\"}", &rep), 0);
	ck_assert_int_eq(rep.status, 503);
	char after[32];
	ck_assert_int_eq(reply_header(&rep, "Retry-After", after,
	    sizeof(after)), 0);
	ck_assert_int_gt(atoi(after), 0);
	cJSON *j = body_json(&rep);
	ck_assert_str_eq(jstr(j, "error.code"), "busy");
	printf("ops: a request behind a held row lock: 503 after %.2f s\n",
	    rep.seconds);
	cJSON_Delete(j);
	reply_free(&rep);

	/* again, for another field: refused the same way */
	db_rollback(adm);
	ck_assert_int_eq(db_begin(adm), 0);
	ck_assert_int_eq(db_exec(adm, &r, "SELECT 1 FROM parties WHERE id = "
	    "$1::uuid FOR UPDATE", 1, p), 0);
	db_res_clear(&r);
	ck_assert_int_eq(client_json("PATCH", path, b.token,
	    "{\"email\":\"meanwhile@held.example\"}", &rep), 0);
	ck_assert_int_eq(rep.status, 503);
	reply_free(&rep);
	db_rollback(adm);
	db_close(adm);

	/* nothing changed, and with the lock gone the change goes through */
	j = get_json(path, b.token, 200);
	ck_assert_str_eq(jstr(j, "name"), "Held Traders");
	const char *em = jstr(j, "email");
	ck_assert(em == NULL || strcmp(em, "meanwhile@held.example") != 0);
	cJSON_Delete(j);
	j = kit_call("PATCH", path, b.token, "{\"name\":\"Changed Later\"}",
	    200);
	cJSON_Delete(j);
	free(id);
	free(b.token);
}
END_TEST

/* max_pss_kb: the largest PSS (kB) among program's workers */
static long
max_pss_kb(const char *program)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "for p in $(ps -o pid=,comm= --ppid $(cat "
	    "%s/run/supervise.pid) | awk '$2 == \"%s\" {print $1}'); do awk "
	    "'/^Pss:/ {print $2}' /proc/$p/smaps_rollup; done | sort -n | "
	    "tail -1", getenv("BURSAR_VAR"), program);
	FILE *f = popen(cmd, "r");
	long kb = -1;
	if (f == NULL || fscanf(f, "%ld", &kb) != 1)
		kb = -1;
	if (f != NULL)
		pclose(f);
	return kb;
}

/* Argon2 works in 19 MiB: a Pi cannot let each sign-in worker keep that
 * (glibc would, from the second hash on, without password.c's setting).
 * The sanitizers' allocator keeps freed memory by design: not there. */
START_TEST(sign_in_gives_memory_back)
{
#if defined(__SANITIZE_ADDRESS__)
	return;
#endif
	for (int i = 0; i < 6; i++)
		free(kit_token("demo", "owner@demo.test", "Demo-pass-2026"));
	long kb = max_pss_kb("identity");
	ck_assert_int_gt(kb, 0);
	ck_assert_msg(kb < 12 * 1024, "an identity worker holds %ld kB after "
	    "six sign-ins", kb);
}
END_TEST

static int
listening(const char *sock)
{
	return sh("ss -Hxl | awk '$5 == \"%s\"' | grep -q .", sock) == 0;
}

START_TEST(dead_supervisor_leaves_nothing)
{
	const char *var = getenv("BURSAR_VAR"), *root = getenv("BURSAR_ROOT");
	char sock[600];
	snprintf(sock, sizeof(sock), "%s/run/home.sock", var);
	/* SIGKILL: no chance to stop its workers itself */
	ck_assert_int_eq(sh("kill -KILL $(cat %s/run/supervise.pid)", var), 0);
	/* the workers' SIGTERM comes at once, but each finishes cleanly
	 * (under the sanitizers, with a leak check), slowly on a busy machine */
	int gone = 0;
	for (int i = 0; i < 300 && !gone; i++) {
		gone = !listening(sock);
		if (!gone) {
			struct timespec ts = { 0, 100000000L };
			nanosleep(&ts, NULL);
		}
	}
	ck_assert_msg(gone, "a worker still serves %s after the supervisor "
	    "was killed", sock);
	/* a process that outlived an older supervisor still holds a socket */
	ck_assert_int_eq(sh("rm -f %s; /usr/bin/python3 -c 'import socket, "
	    "time; s = socket.socket(socket.AF_UNIX); s.bind(\"%s\"); "
	    "s.listen(); time.sleep(120)' </dev/null >/dev/null 2>&1 &",
	    sock, sock), 0);
	for (int i = 0; i < 50 && !listening(sock); i++) {
		struct timespec ts = { 0, 100000000L };
		nanosleep(&ts, NULL);
	}
	ck_assert(listening(sock));
	/* `make run` again: it clears that one and starts */
	ck_assert_int_eq(sh("sh %s/scripts/stack.sh start >/dev/null 2>&1",
	    root), 0);
	ck_assert_int_ne(sh("ss -Hxlp | awk '$5 == \"%s\"' | grep -q "
	    "python3", sock), 0);
	reply r;
	ck_assert_int_eq(client_do("GET", "/", NULL, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
}
END_TEST

TCase *
ops_tcase(void)
{
	TCase *tc = tcase_create("ops");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, maintenance_is_the_crons);
	tcase_add_test(tc, logins_need_a_password);
	tcase_add_test(tc, blocked_row_answers_503);
	tcase_add_test(tc, sign_in_gives_memory_back);
	tcase_add_test(tc, dead_supervisor_leaves_nothing);
	return tc;
}
