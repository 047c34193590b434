/* test_nav.c: the menu's table and what a role sees of it. */
#include <string.h>

#include "web/nav.h"
#include "unit.h"

static const char owner[] = ",sales.read,purchases.read,inventory.read,"
    "ledger.read,reports.read,audit.read,users.read,branches.read,"
    "api_keys.manage,webhooks.manage,sync.write,";
static const char sales[] = ",sales.read,sales.write,inventory.read,"
    "users.read,branches.read,";

/* current: the label of the entry marked current, and its section's */
static void
current(const cJSON *menu, const char **section, const char **label)
{
	*section = *label = NULL;
	const cJSON *s, *i;
	cJSON_ArrayForEach(s, menu) {
		if (cJSON_IsTrue(cJSON_GetObjectItem(s, "current")))
			*section = cJSON_GetStringValue(cJSON_GetObjectItem(s,
			    "name"));
		cJSON_ArrayForEach(i, cJSON_GetObjectItem(s, "items"))
			if (cJSON_IsTrue(cJSON_GetObjectItem(i, "current")))
				*label = cJSON_GetStringValue(
				    cJSON_GetObjectItem(i, "label"));
	}
}

static int
has_section(const cJSON *menu, const char *name)
{
	const cJSON *s;
	cJSON_ArrayForEach(s, menu)
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(s, "name")),
		    name) == 0)
			return 1;
	return 0;
}

START_TEST(can_matches_whole_names_and_alternatives)
{
	ck_assert(nav_can(",sales.read,", "sales.read"));
	ck_assert(!nav_can(",sales.read,", "sales.rea"));
	ck_assert(!nav_can(",sales.reader,", "sales.read"));
	ck_assert(nav_can(",purchases.read,", "sales.read|purchases.read"));
	ck_assert(!nav_can(",x,", "sales.read|purchases.read"));
	ck_assert(!nav_can(NULL, "sales.read"));
}
END_TEST

/* one run per section, so a section is drawn once */
START_TEST(table_grouped_by_section)
{
	for (size_t i = 1; i < nav_count; i++) {
		if (strcmp(nav_items[i].section, nav_items[i - 1].section) == 0)
			continue;
		for (size_t j = 0; j + 1 < i; j++)
			ck_assert_msg(strcmp(nav_items[j].section,
			    nav_items[i].section) != 0, "%s: section %s again at "
			    "%s", nav_items[i].label, nav_items[i].section,
			    nav_items[i].href);
	}
}
END_TEST

START_TEST(role_sees_only_its_sections)
{
	cJSON *m = nav_menu(sales, "/app", "");
	ck_assert(has_section(m, "Sales"));
	ck_assert(has_section(m, "Stock"));
	ck_assert(!has_section(m, "Purchases"));
	ck_assert(!has_section(m, "Books"));
	cJSON_Delete(m);
	m = nav_menu(owner, "/app", "");
	ck_assert_int_eq(cJSON_GetArraySize(m), 6);
	const char *s, *l;
	current(m, &s, &l);
	ck_assert_ptr_null(s);	/* the home page is no section's */
	ck_assert_ptr_null(l);
	cJSON_Delete(m);
	m = nav_menu("", "/app", "");
	ck_assert_int_eq(cJSON_GetArraySize(m), 0);
	cJSON_Delete(m);
}
END_TEST

START_TEST(current_is_the_closest_entry)
{
	const char *s, *l;
	cJSON *m = nav_menu(owner, "/app/invoices/0000-1", "");
	current(m, &s, &l);
	ck_assert_str_eq(s, "Sales");
	ck_assert_str_eq(l, "Invoices");
	cJSON_Delete(m);
	/* the longest path wins: valuation is a report, not the stock list */
	m = nav_menu(owner, "/app/stock/valuation", "");
	current(m, &s, &l);
	ck_assert_str_eq(s, "Reports");
	ck_assert_str_eq(l, "Stock valuation");
	cJSON_Delete(m);
	/* a query in the entry decides between two of one path */
	m = nav_menu(owner, "/app/payments", "limit=50&direction=out");
	current(m, &s, &l);
	ck_assert_str_eq(s, "Purchases");
	ck_assert_str_eq(l, "Payments made");
	cJSON_Delete(m);
	/* a prefix that is not a whole segment is no match */
	m = nav_menu(owner, "/app/ordersx", "");
	current(m, &s, &l);
	ck_assert_ptr_null(l);
	cJSON_Delete(m);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("nav");
	TCase *tc = tcase_create("menu");
	tcase_add_test(tc, can_matches_whole_names_and_alternatives);
	tcase_add_test(tc, table_grouped_by_section);
	tcase_add_test(tc, role_sees_only_its_sections);
	tcase_add_test(tc, current_is_the_closest_entry);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
