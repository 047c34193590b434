/* ledger.c: integration tests of the ledger program over HTTP. */
#include "suites.h"

TCase *
ledger_tcase(void)
{
	TCase *tc = tcase_create("ledger");
	tcase_set_timeout(tc, 120);
	return tc;
}
