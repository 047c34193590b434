/* test_config.c: defaults, the file, environment overrides, bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "unit.h"

static char path[] = "/tmp/bursar-config-XXXXXX";

static void
write_file(const char *text)
{
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void
teardown(void)
{
	unlink(path);
	strcpy(path, "/tmp/bursar-config-XXXXXX");
	unsetenv("BURSAR_BODY_LIMIT");
}

START_TEST(defaults)
{
	config c;
	char err[256];
	ck_assert_int_eq(config_load(&c, NULL, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.body_limit, 10u * 1024 * 1024);
	ck_assert_str_eq(c.env, "dev");
	ck_assert_int_eq(c.secure_cookies, 0);
}
END_TEST

START_TEST(file_then_env)
{
	write_file("# comment\n  body_limit = 2M  \nenv = prod # trailing\n"
	    "database_url = host=db port=1 dbname=x\n\n");
	setenv("BURSAR_BODY_LIMIT", "512K", 1);
	config c;
	char err[256];
	ck_assert_int_eq(config_load(&c, path, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.body_limit, 512u * 1024);
	ck_assert_str_eq(c.env, "prod");
	ck_assert_str_eq(c.database_url, "host=db port=1 dbname=x");
}
END_TEST

START_TEST(bad_input)
{
	config c;
	char err[256];
	write_file("body_limit = lots\n");
	ck_assert_int_eq(config_load(&c, path, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, ":1: bad setting 'body_limit'"));
	teardown();
	write_file("colour = blue\n");
	ck_assert_int_eq(config_load(&c, path, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "colour"));
	teardown();
	write_file("just words\n");
	ck_assert_int_eq(config_load(&c, path, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "expected key = value"));
	ck_assert_int_eq(config_load(&c, "/nonexistent/bursar.conf", err,
	    sizeof(err)), -1);
	ck_assert_int_eq(config_set(&c, "body_limit", "-1"), -1);
	ck_assert_int_eq(config_set(&c, "body_limit", "99999999999999999G"), -1);
	ck_assert_int_eq(config_set(&c, "env", "staging"), -1);
	ck_assert_int_eq(config_set(&c, "db_timeout", "0"), -1);
	setenv("BURSAR_BODY_LIMIT", "ten", 1);
	ck_assert_int_eq(config_load(&c, NULL, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "BURSAR_BODY_LIMIT"));
}
END_TEST

/* the cron programs' own login, and the web's timeouts */
START_TEST(cron_url_and_timeouts)
{
	config c;
	char err[256];
	ck_assert_int_eq(config_load(&c, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(c.statement_timeout_ms, 5000);
	ck_assert_int_eq(c.lock_timeout_ms, 2000);
	/* none given: the web's, which the maintenance functions refuse */
	ck_assert_str_eq(config_cron_url(&c), c.database_url);
	write_file("cron_database_url = host=db dbname=x user=bursar_cron\n"
	    "statement_timeout_ms = 0\nlock_timeout_ms = 750\n");
	ck_assert_int_eq(config_load(&c, path, err, sizeof(err)), 0);
	ck_assert_str_eq(config_cron_url(&c), "host=db dbname=x user=bursar_cron");
	ck_assert_int_eq(c.statement_timeout_ms, 0);
	ck_assert_int_eq(c.lock_timeout_ms, 750);
	ck_assert_int_eq(config_set(&c, "lock_timeout_ms", "-1"), -1);
	ck_assert_int_eq(config_set(&c, "statement_timeout_ms", "5s"), -1);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, file_then_env);
	tcase_add_test(tc, bad_input);
	tcase_add_test(tc, cron_url_and_timeouts);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
