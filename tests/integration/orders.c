/* orders.c: the order workflow, over HTTP against the real stack. */
#include <check.h>

#include "kit.h"
#include "suites.h"

TCase *
orders_tcase(void)
{
	TCase *tc = tcase_create("orders");
	tcase_set_timeout(tc, 300);
	return tc;
}
