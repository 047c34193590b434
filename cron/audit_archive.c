/* audit_archive.c: monthly: moves audit entries older than
 * audit_archive_days (config) into audit_archive, keeping the chain whole.
 * One transaction inside the database: safe to run twice at once and to
 * kill at any point. */
#include <stdio.h>
#include <stdlib.h>

#include "base/config.h"
#include "db/db.h"

int
main(void)
{
	config cfg;
	char err[512], days[16];
	if (config_load(&cfg, getenv("BURSAR_CONFIG"), err, sizeof(err)) < 0) {
		fprintf(stderr, "audit_archive: %s\n", err);
		return 1;
	}
	snprintf(days, sizeof(days), "%d", cfg.audit_archive_days);
	db *d = db_open(config_cron_url(&cfg), cfg.db_timeout);
	db_res r;
	const char *p[1] = { days };
	int rc = db_exec(d, &r, "SELECT audit_archive_older(now() - "
	    "make_interval(days => $1::int))", 1, p);
	if (rc < 0)
		fprintf(stderr, "audit_archive: %s\n", r.error);
	else
		printf("audit_archive: moved %s entries\n", db_text(&r, 0, 0));
	db_res_clear(&r);
	db_close(d);
	return rc < 0 ? 1 : 0;
}
