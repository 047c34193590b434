/* overdue.c: daily: every issued or partly paid invoice past its due date
 * becomes overdue, with its invoice.overdue event; every received or partly
 * paid bill likewise (bill.overdue).  One transaction per
 * business, in its scope; the UPDATE's status condition makes a second run
 * at the same time wait on the rows and then leave them: safe to run twice
 * at once and to kill at any point. */
#include <stdio.h>
#include <stdlib.h>

#include "commerce/bill.h"
#include "base/config.h"
#include "db/db.h"
#include "commerce/invoice.h"

int
main(void)
{
	config cfg;
	char err[512];
	if (config_load(&cfg, getenv("BURSAR_CONFIG"), err, sizeof(err)) < 0) {
		fprintf(stderr, "overdue: %s\n", err);
		return 1;
	}
	db *d = db_open(config_cron_url(&cfg), cfg.db_timeout);
	db_res t, e;
	if (db_exec(d, &t, "SELECT t::text FROM invoice_overdue_tenants() t UNION "
	    "SELECT t::text FROM bill_overdue_tenants() t",
	    0, NULL) < 0) {
		fprintf(stderr, "overdue: %s\n", t.error);
		db_res_clear(&t);
		db_close(d);
		return 1;
	}
	int failed = 0, total = 0, bills = 0;
	for (int i = 0; i < t.rows; i++) {
		const char *tenant = db_text(&t, i, 0);
		int n = 0, nb = 0;
		if (db_begin(d) < 0 || db_set_tenant(d, tenant) < 0) {
			db_rollback(d);
			fprintf(stderr, "overdue: %s: cannot begin\n", tenant);
			failed++;
			continue;
		}
		if (invoice_mark_overdue(d, &n, &e) < 0 || bill_mark_overdue(d,
		    &nb, &e) < 0 || db_commit(d, &e) < 0) {
			fprintf(stderr, "overdue: %s: %s\n", tenant, e.error ?
			    e.error : "failed");
			db_res_clear(&e);
			db_rollback(d);
			failed++;
			continue;
		}
		db_res_clear(&e);
		total += n;
		bills += nb;
	}
	printf("overdue: %d invoice(s) and %d bill(s) overdue in %d "
	    "business(es), %d failed\n", total, bills, t.rows, failed);
	db_res_clear(&t);
	db_close(d);
	return failed ? 1 : 0;
}
