/* accounts.c: integration tests of the accounts program over HTTP. */
#include "suites.h"

TCase *
accounts_tcase(void)
{
	TCase *tc = tcase_create("accounts");
	tcase_set_timeout(tc, 120);
	return tc;
}
