/* test_route.c: route matching, path parameters, 404 and 405. */
#include <string.h>

#include "web/route.h"
#include "unit.h"

static void fn(struct ctx *c) { (void)c; }
static void fn2(struct ctx *c) { (void)c; }

static const route table[] = {
	{ "GET", "/healthz", fn, ROUTE_NO_TX, NULL },
	{ "GET", "~/orders/{id}", fn, 0, NULL },
	{ "POST", "~/orders/{id}/ship", fn2, 0, NULL },
	{ "PATCH", "~/orders/{id}", fn2, 0, NULL },
	{ "GET", "/a/{x}/b/{y}", fn, 0, NULL },
};
#define N (sizeof(table) / sizeof(table[0]))

static arena *a;
static void setup(void) { a = arena_new(1024); }
static void teardown(void) { arena_free(a); }

static int
m(const char *method, const char *path, kv_list *p, const route **r,
    buf *allow)
{
	memset(p, 0, sizeof(*p));
	buf_init(allow, 256);
	return route_match(table, N, a, method, path, p, r, allow);
}

START_TEST(exact_and_params)
{
	kv_list p;
	const route *r;
	buf allow;
	ck_assert_int_eq(m("GET", "/healthz", &p, &r, &allow), 0);
	ck_assert_ptr_eq(r, &table[0]);
	ck_assert_int_eq(m("GET", "/api/v1/orders/42", &p, &r, &allow), 0);
	ck_assert_ptr_eq(r, &table[1]);
	ck_assert_str_eq(kv_get(&p, "id"), "42");
	ck_assert_int_eq(m("GET", "/app/orders/7f", &p, &r, &allow), 0);
	ck_assert_str_eq(kv_get(&p, "id"), "7f");
	ck_assert_int_eq(m("POST", "/api/v1/orders/9/ship", &p, &r, &allow), 0);
	ck_assert_ptr_eq(r, &table[2]);
	ck_assert_int_eq(m("GET", "/a/1/b/2", &p, &r, &allow), 0);
	ck_assert_str_eq(kv_get(&p, "x"), "1");
	ck_assert_str_eq(kv_get(&p, "y"), "2");
	ck_assert_int_eq(p.n, 2);
	buf_free(&allow);
}
END_TEST

START_TEST(not_found)
{
	kv_list p;
	const route *r;
	buf allow;
	ck_assert_int_eq(m("GET", "/orders/1", &p, &r, &allow), 404);
	ck_assert_int_eq(m("GET", "/api/v1/orders/", &p, &r, &allow), 404);
	ck_assert_int_eq(m("GET", "/api/v1/orders/1/", &p, &r, &allow), 404);
	ck_assert_int_eq(m("GET", "/api/v2/orders/1", &p, &r, &allow), 404);
	ck_assert_int_eq(m("GET", "/healthzz", &p, &r, &allow), 404);
	ck_assert_int_eq(m("GET", "/a/1/b", &p, &r, &allow), 404);
	buf_free(&allow);
}
END_TEST

START_TEST(method_not_allowed)
{
	kv_list p;
	const route *r;
	buf allow;
	ck_assert_int_eq(m("DELETE", "/api/v1/orders/1", &p, &r, &allow), 405);
	ck_assert_str_eq(buf_str(&allow), "GET, HEAD, PATCH");
	ck_assert_int_eq(p.n, 0);	/* no stale parameters */
	buf_free(&allow);
	ck_assert_int_eq(m("HEAD", "/healthz", &p, &r, &allow), 0);
	buf_free(&allow);
	ck_assert_int_eq(m("GET", "/app/orders/1/ship", &p, &r, &allow), 405);
	ck_assert_str_eq(buf_str(&allow), "POST");
	buf_free(&allow);
}
END_TEST

/* a table must account for each route: the unguarded one is found */
START_TEST(unguarded_found)
{
	static const route ok[] = {
		{ "GET", "/healthz", fn, ROUTE_PUBLIC, NULL },
		{ "GET", "~/me", fn, ROUTE_SIGNED_IN, NULL },
		{ "GET", "~/orders", fn, 0, "sales.read" },
		{ "GET", "~/payments", fn, 0, "sales.read|purchases.read" },
	};
	ck_assert_ptr_null(route_unguarded(ok, 4));
	ck_assert_ptr_eq(route_unguarded(table, N), &table[0]);
	static const route empty[] = { { "GET", "/x", fn, 0, "" } };
	ck_assert_ptr_eq(route_unguarded(empty, 1), &empty[0]);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("route");
	TCase *tc = tcase_create("match");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, exact_and_params);
	tcase_add_test(tc, not_found);
	tcase_add_test(tc, method_not_allowed);
	tcase_add_test(tc, unguarded_found);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
