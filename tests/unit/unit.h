/* unit.h: what every Check suite in tests/unit shares. */
#ifndef UNIT_H
#define UNIT_H

#include <check.h>
#include <stdlib.h>

/* UNIT_MAIN: a main() that runs one suite and exits non-zero on failure. */
#define UNIT_MAIN(make_suite)						\
	int main(void)							\
	{								\
		SRunner *sr = srunner_create(make_suite());		\
		srunner_run_all(sr, CK_NORMAL);				\
		int failed = srunner_ntests_failed(sr);			\
		srunner_free(sr);					\
		return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;	\
	}

#endif
