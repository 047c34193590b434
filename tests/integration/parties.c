/* parties.c: customers, suppliers, products, categories, settings, over HTTP against the real stack. */
#include <check.h>

#include "kit.h"
#include "suites.h"

TCase *
parties_tcase(void)
{
	TCase *tc = tcase_create("parties");
	tcase_set_timeout(tc, 300);
	return tc;
}
