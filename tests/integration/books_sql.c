/* books_sql.c: the ledger's invariants attacked in SQL, as the
 * application's role and as the database's owner. */
#include "suites.h"

TCase *
books_sql_tcase(void)
{
	TCase *tc = tcase_create("books_sql");
	tcase_set_timeout(tc, 120);
	return tc;
}
