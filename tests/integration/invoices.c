/* invoices.c: invoices, credit notes, numbering, PDF, over HTTP against the real stack. */
#include <check.h>

#include "kit.h"
#include "suites.h"

TCase *
invoices_tcase(void)
{
	TCase *tc = tcase_create("invoices");
	tcase_set_timeout(tc, 300);
	return tc;
}
