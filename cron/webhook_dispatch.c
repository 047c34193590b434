/* webhook_dispatch.c: sends the webhooks.  Runs as a service: with
 * BURSAR_WATCH=1 it stays up (under the supervisor in `make run`, and in
 * deploy/bursar.service when installed), wakes on LISTEN outbox_new and
 * webhook_due within a second of a commit, and looks for due retries
 * every second.  Without it, one pass over everything due, then exit
 * (from cron, or in tests).  Several at once never send one attempt
 * twice; see lib/webhooks/dispatch.h. */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "base/config.h"
#include "db/db.h"
#include "webhooks/dispatch.h"

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* drain: rounds until nothing more is due now */
static int
drain(const config *cfg, db *d, int *sent)
{
	dispatch_stats st;
	do {
		if (dispatch_round(cfg, d, &st) < 0)
			return -1;
		*sent += st.sent;
	} while (st.sent >= DISPATCH_BATCH && !stopping);
	return 0;
}

int
main(void)
{
	config cfg;
	char err[512];
	if (config_load(&cfg, getenv("BURSAR_CONFIG"), err, sizeof(err)) < 0) {
		fprintf(stderr, "webhook_dispatch: %s\n", err);
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	db *d = db_open(config_cron_url(&cfg), cfg.db_timeout);
	const char *watch = getenv("BURSAR_WATCH");
	int sent = 0, rc = 0;
	if (watch == NULL || strcmp(watch, "1") != 0) {
		rc = drain(&cfg, d, &sent) < 0;
		if (rc == 0)
			printf("webhook_dispatch: sent %d\n", sent);
		goto done;
	}
	struct sigaction sa = { 0 };
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	while (!stopping) {
		db_res r;
		/* (re)subscribe on every turn: a new link forgets LISTEN */
		int ok = db_exec(d, &r, "LISTEN outbox_new", 0, NULL) == 0;
		db_res_clear(&r);
		ok = ok && db_exec(d, &r, "LISTEN webhook_due", 0, NULL) == 0;
		db_res_clear(&r);
		if (ok)
			drain(&cfg, d, &sent);
		PGconn *conn = db_conn(d);
		int up = conn && PQstatus(conn) == CONNECTION_OK;
		struct pollfd pfd = { up ? PQsocket(conn) : -1, POLLIN, 0 };
		/* a notice, or each second for the retries that fall due */
		if (poll(&pfd, 1, 1000) > 0 && up) {
			PQconsumeInput(conn);
			PGnotify *nt;
			while ((nt = PQnotifies(conn)) != NULL)
				PQfreemem(nt);
		}
	}
done:
	db_close(d);
	curl_global_cleanup();
	return rc;
}
