/* auth_cleanup.c: hourly: deletes expired and idle sessions, spent,
 * revoked and expired refresh tokens, sign-in failures past the
 * throttling window, and Idempotency-Keys past their 24 hours.  One
 * idempotent statement: safe to run twice at once and to kill at any
 * point. */
#include <stdio.h>
#include <stdlib.h>

#include "base/config.h"
#include "db/db.h"

int
main(void)
{
	config cfg;
	char err[512];
	if (config_load(&cfg, getenv("BURSAR_CONFIG"), err, sizeof(err)) < 0) {
		fprintf(stderr, "auth_cleanup: %s\n", err);
		return 1;
	}
	db *d = db_open(config_cron_url(&cfg), cfg.db_timeout);
	db_res r;
	int rc = db_exec(d, &r, "SELECT auth_cleanup() + idempotency_cleanup()", 0, NULL);
	if (rc < 0)
		fprintf(stderr, "auth_cleanup: %s\n", r.error);
	else
		printf("auth_cleanup: removed %s rows\n", db_text(&r, 0, 0));
	db_res_clear(&r);
	db_close(d);
	return rc < 0 ? 1 : 0;
}
