/* test_flash.c: the codes a save leaves and the words they show. */
#include <string.h>

#include "web/flash.h"
#include "unit.h"

static const char *
code(const char *pattern)
{
	static char out[64];
	return flash_code(pattern, out, sizeof(out));
}

START_TEST(codes_from_routes)
{
	ck_assert_str_eq(code("~/invoices/{id}/void"), "invoices.void");
	ck_assert_str_eq(code("/app/invoices/{id}"), "invoices.save");
	ck_assert_str_eq(code("~/invoices"), "invoices.create");
	ck_assert_str_eq(code("~/payments"), "payments.create");
	ck_assert_str_eq(code("~/users/{id}/deactivate"), "users.deactivate");
	ck_assert_str_eq(code("~/customers/{id}/contacts/{cid}/delete"),
	    "customers.delete");
	ck_assert_str_eq(code("~/password"), "password.create");
	/* signing in and out, signing up and resets are not saves */
	ck_assert_ptr_null(code("/app/login"));
	ck_assert_ptr_null(code("/app/logout"));
	ck_assert_ptr_null(code("~/signup"));
	ck_assert_ptr_null(code("~/password/forgot"));
	ck_assert_ptr_null(code("~/password/reset"));
	ck_assert_ptr_null(code("~/invite/accept"));
	ck_assert_ptr_null(code("/app"));
	char tiny[8];
	ck_assert_ptr_null(flash_code("~/invoices/{id}/credit-notes", tiny,
	    sizeof(tiny)));
}
END_TEST

START_TEST(only_the_table_speaks)
{
	ck_assert_str_eq(flash_message("invoices.issue"),
	    "The invoice was issued.");
	ck_assert_str_eq(flash_message("payments.create"),
	    "The payment was recorded.");
	/* a verb the table knows, of any resource */
	ck_assert_str_eq(flash_message("locations.archive"), "Archived.");
	ck_assert_str_eq(flash_message("branches.create"), "Saved.");
	/* nothing from anything else: no text of the cookie is ever shown */
	ck_assert_ptr_null(flash_message(NULL));
	ck_assert_ptr_null(flash_message(""));
	ck_assert_ptr_null(flash_message("hello"));
	ck_assert_ptr_null(flash_message("a.b.c"));
	ck_assert_ptr_null(flash_message("<b>x</b>.save"));
	ck_assert_ptr_null(flash_message("Invoices.save"));
	ck_assert_ptr_null(flash_message("x y.save"));
}
END_TEST

static Suite *
flash_suite(void)
{
	Suite *s = suite_create("flash");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, codes_from_routes);
	tcase_add_test(tc, only_the_table_speaks);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(flash_suite)
