/* suites.h: the test cases each file of the integration suite adds. */
#ifndef SUITES_H
#define SUITES_H

#include <check.h>

TCase *identity_tcase(void);

#endif
