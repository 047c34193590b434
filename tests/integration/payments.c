/* payments.c: bills, payments, allocations, statements, over HTTP against the real stack. */
#include <check.h>

#include "kit.h"
#include "suites.h"

TCase *
payments_tcase(void)
{
	TCase *tc = tcase_create("payments");
	tcase_set_timeout(tc, 300);
	return tc;
}
