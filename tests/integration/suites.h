/* suites.h: the test cases each file of the integration suite adds. */
#ifndef SUITES_H
#define SUITES_H

#include <check.h>

TCase *identity_tcase(void);
TCase *books_sql_tcase(void);	/* books_sql.c: the ledger's invariants in SQL */
TCase *accounts_tcase(void);	/* accounts.c: the books' set-up over HTTP */
TCase *ledger_tcase(void);	/* ledger.c: journal, views, export over HTTP */

#endif
