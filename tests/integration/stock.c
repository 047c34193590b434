/* stock.c: levels, movements, reservations, valuation, over HTTP against the real stack. */
#include <check.h>

#include "kit.h"
#include "suites.h"

TCase *
stock_tcase(void)
{
	TCase *tc = tcase_create("stock");
	tcase_set_timeout(tc, 300);
	return tc;
}
