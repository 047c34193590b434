/* test_password.c: Argon2id hashing and the password policy. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "identity/password.h"
#include "unit.h"

static double
seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

START_TEST(hash_and_verify)
{
	char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
	double t0 = seconds();
	ck_assert_int_eq(password_hash("Demo-pass-2026", h1), 0);
	double t1 = seconds();
	printf("figure: one Argon2id hash (m=19 MiB, t=2, p=1) took %.1f ms\n",
	    (t1 - t0) * 1000);
	ck_assert_int_eq(password_hash("Demo-pass-2026", h2), 0);
	ck_assert_ptr_eq(strstr(h1, "$argon2id$v=19$m=19456,t=2,p=1$"), h1);
	ck_assert_str_ne(h1, h2);	/* a fresh salt each time */
	ck_assert_int_eq(password_verify(h1, "Demo-pass-2026"), 1);
	ck_assert_int_eq(password_verify(h2, "Demo-pass-2026"), 1);
	ck_assert_int_eq(password_verify(h1, "demo-pass-2026"), 0);
	ck_assert_int_eq(password_verify(h1, ""), 0);
	ck_assert_int_eq(password_verify("$argon2id$garbage", "x"), 0);
	/* an unknown account costs a verification too */
	t0 = seconds();
	ck_assert_int_eq(password_verify(NULL, "Demo-pass-2026"), 0);
	t1 = seconds();
	double t2 = seconds();
	password_verify(h1, "wrong-Password-1");
	double t3 = seconds();
	printf("figure: verify, unknown account %.1f ms, wrong password "
	    "%.1f ms\n", (t1 - t0) * 1000, (t3 - t2) * 1000);
	ck_assert_msg(t1 - t0 > (t3 - t2) / 4, "the dummy verification must "
	    "do the work");
}
END_TEST

START_TEST(policy)
{
	ck_assert_ptr_null(password_policy("Demo-pass-2026", "owner@demo.test"));
	ck_assert_ptr_null(password_policy("blue7Horse!fence", NULL));
	ck_assert_str_eq(password_policy("Ab1!", NULL),
	    "use at least 8 characters");
	ck_assert_ptr_nonnull(strstr(password_policy("alllowercase", NULL),
	    "three of"));
	ck_assert_ptr_nonnull(strstr(password_policy("12345678901", NULL),
	    "three of"));
	/* three classes, but a dictionary word with the usual decorations */
	ck_assert_ptr_nonnull(strstr(password_policy("Password1", NULL),
	    "too easy"));
	ck_assert_ptr_nonnull(strstr(password_policy("Qwerty123", NULL),
	    "too easy"));
	ck_assert_ptr_nonnull(strstr(password_policy("Asha.rao99",
	    "asha.rao@example.com"), "email"));
	ck_assert_ptr_nonnull(password_policy("Bad\xff" "utf8-1A", NULL));
	char longpw[300];
	memset(longpw, 'a', sizeof(longpw) - 1);
	longpw[0] = 'A';
	longpw[1] = '1';
	longpw[sizeof(longpw) - 1] = '\0';
	ck_assert_str_eq(password_policy(longpw, NULL),
	    "use at most 256 characters");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("password");
	TCase *tc = tcase_create("password");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, hash_and_verify);
	tcase_add_test(tc, policy);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
