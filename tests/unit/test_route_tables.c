/* test_route_tables.c: every program's route table says what guards each
 * route: a permission, or that it is public or for anyone signed in.  It
 * reads the tree (each cgi-bin/NAME.c's program prints its table with
 * BURSAR_ROUTES=1), so a route a new capability forgets to guard fails
 * here.  Run from the top of the tree, as make unit does. */
#include <dirent.h>
#include <libgen.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

/* build_dir: the build directory this test was built into
 * (BUILD/tests/unit/test_route_tables) */
static void
build_dir(char *out, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ck_assert_int_gt(n, 0);
	exe[n] = '\0';
	char *d = dirname(dirname(dirname(exe)));
	snprintf(out, len, "%s", d);
}

/* guard_ok: "public", "signed-in", or permissions "a.b|c.d" */
static int
guard_ok(const char *g)
{
	if (strcmp(g, "public") == 0 || strcmp(g, "signed-in") == 0)
		return 1;
	regex_t re;
	ck_assert_int_eq(regcomp(&re, "^[a-z_]+\\.[a-z_]+(\\|[a-z_]+\\.[a-z_]+)*$",
	    REG_EXTENDED | REG_NOSUB), 0);
	int ok = regexec(&re, g, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

START_TEST(every_route_names_its_guard)
{
	char build[PATH_MAX];
	build_dir(build, sizeof(build));
	DIR *dir = opendir("cgi-bin");
	ck_assert_msg(dir != NULL, "run from the top of the tree");
	struct dirent *e;
	int programs = 0;
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 3 || strcmp(e->d_name + n - 2, ".c") != 0)
			continue;
		char cmd[PATH_MAX * 2];
		snprintf(cmd, sizeof(cmd), "BURSAR_ROUTES=1 %s/cgi-bin/%.*s "
		    "</dev/null", build, (int)(n - 2), e->d_name);
		FILE *p = popen(cmd, "r");
		ck_assert_ptr_nonnull(p);
		char line[1024];
		int routes = 0;
		while (fgets(line, sizeof(line), p)) {
			line[strcspn(line, "\n")] = '\0';
			char *guard = strrchr(line, '\t');
			ck_assert_msg(guard != NULL, "%s: %s", e->d_name, line);
			ck_assert_msg(guard_ok(guard + 1), "%s: the route %s names "
			    "no permission and is not marked ROUTE_PUBLIC or "
			    "ROUTE_SIGNED_IN", e->d_name, line);
			routes++;
		}
		int st = pclose(p);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: did "
		    "not print its routes (%s)", e->d_name, cmd);
		ck_assert_msg(routes > 0, "%s: no routes", e->d_name);
		programs++;
	}
	closedir(dir);
	ck_assert_int_gt(programs, 10);
}
END_TEST

static Suite *
route_tables_suite(void)
{
	Suite *s = suite_create("route_tables");
	TCase *tc = tcase_create("tree");
	/* it starts every program, each under the sanitizers in make sanitize */
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, every_route_names_its_guard);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(route_tables_suite)
