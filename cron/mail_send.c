/* mail_send.c: every minute: sends the queued mail (SMTP to the configured
 * relay), retrying failures with back-off.  Several at once never send a
 * message twice (rows are claimed FOR UPDATE SKIP LOCKED); killed midway,
 * the unfinished batch is simply sent again.  With BURSAR_WATCH=1 it stays
 * up and sends as soon as mail is queued (LISTEN mail_queued): how the
 * development stack runs it under the supervisor. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "db/db.h"
#include "notify/mail.h"

static int
send_all(const config *cfg, db *d)
{
	int total = 0, n;
	while ((n = mail_send_due(cfg, d, 50)) > 0)
		total += n;
	return n < 0 ? -1 : total;
}

int
main(void)
{
	config cfg;
	char err[512];
	if (config_load(&cfg, getenv("BURSAR_CONFIG"), err, sizeof(err)) < 0) {
		fprintf(stderr, "mail_send: %s\n", err);
		return 1;
	}
	db *d = db_open(config_cron_url(&cfg), cfg.db_timeout);
	const char *watch = getenv("BURSAR_WATCH");
	if (watch == NULL || strcmp(watch, "1") != 0) {
		int n = send_all(&cfg, d);
		if (n >= 0)
			printf("mail_send: sent %d\n", n);
		db_close(d);
		return n < 0 ? 1 : 0;
	}
	for (;;) {
		db_res r;
		/* (re)subscribe on every turn: a new link forgets LISTEN */
		if (db_exec(d, &r, "LISTEN mail_queued", 0, NULL) == 0)
			send_all(&cfg, d);
		db_res_clear(&r);
		PGconn *conn = db_conn(d);
		int up = conn && PQstatus(conn) == CONNECTION_OK;
		struct pollfd pfd = { up ? PQsocket(conn) : -1, POLLIN, 0 };
		/* wake on a notification, or every 30 s for retries; with the
		 * database away, try again each second */
		if (poll(&pfd, 1, up ? 30000 : 1000) > 0 && up) {
			PQconsumeInput(conn);
			PGnotify *nt;
			while ((nt = PQnotifies(conn)) != NULL)
				PQfreemem(nt);
		}
	}
}
