/* test_api.c: exact integers and money, limits, cursors, UUIDs. */
#include <string.h>

#include "web/api.h"
#include "unit.h"

START_TEST(exact_integers_out)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "big", api_int(INT64_MAX));
	cJSON_AddItemToObject(o, "neg", api_int(-123456789012345678LL));
	cJSON_AddItemToObject(o, "price", api_money(1999, "INR"));
	char *s = cJSON_PrintUnformatted(o);
	ck_assert_str_eq(s, "{\"big\":9223372036854775807,"
	    "\"neg\":-123456789012345678,"
	    "\"price\":{\"amount\":1999,\"currency\":\"INR\"}}");
	cJSON_free(s);
	cJSON_Delete(o);
}
END_TEST

START_TEST(integers_in)
{
	int64_t n;
	char cur[4];
	cJSON *j = cJSON_Parse("{\"a\":42,\"b\":-7,\"c\":1.5,\"d\":\"3\","
	    "\"e\":9007199254740992,\"f\":1e300,\"g\":1e2,"
	    "\"m\":{\"amount\":250,\"currency\":\"KWD\"},"
	    "\"m2\":{\"amount\":2.5,\"currency\":\"KWD\"},"
	    "\"m3\":{\"amount\":1,\"currency\":\"kwd\"},"
	    "\"m4\":{\"amount\":1}}");
	ck_assert_int_eq(api_get_int(cJSON_GetObjectItem(j, "a"), &n), 0);
	ck_assert_int_eq(n, 42);
	ck_assert_int_eq(api_get_int(cJSON_GetObjectItem(j, "b"), &n), 0);
	ck_assert_int_eq(n, -7);
	ck_assert_int_eq(api_get_int(cJSON_GetObjectItem(j, "c"), &n), -1);
	ck_assert_int_eq(api_get_int(cJSON_GetObjectItem(j, "d"), &n), -1);
	ck_assert_int_eq(api_get_int(cJSON_GetObjectItem(j, "e"), &n), 0);
	ck_assert_int_eq(api_get_int(cJSON_GetObjectItem(j, "f"), &n), -1);
	ck_assert_int_eq(api_get_int(cJSON_GetObjectItem(j, "g"), &n), 0);
	ck_assert_int_eq(n, 100);
	ck_assert_int_eq(api_get_int(cJSON_GetObjectItem(j, "zz"), &n), -1);
	ck_assert_int_eq(api_get_money(cJSON_GetObjectItem(j, "m"), &n, cur), 0);
	ck_assert_int_eq(n, 250);
	ck_assert_str_eq(cur, "KWD");
	ck_assert_int_eq(api_get_money(cJSON_GetObjectItem(j, "m2"), &n, cur),
	    -1);
	ck_assert_int_eq(api_get_money(cJSON_GetObjectItem(j, "m3"), &n, cur),
	    -1);
	ck_assert_int_eq(api_get_money(cJSON_GetObjectItem(j, "m4"), &n, cur),
	    -1);
	cJSON_Delete(j);
}
END_TEST

START_TEST(limits)
{
	arena *a = arena_new(512);
	kv_list q = {0};
	int lim;
	ck_assert_int_eq(api_limit(&q, &lim), 0);
	ck_assert_int_eq(lim, API_LIMIT_DEFAULT);
	static const char *const good[] = { "1", "200", "050" };
	static const int want[] = { 1, 200, 50 };
	for (int i = 0; i < 3; i++) {
		q.n = 0;
		kv_add(a, &q, "limit", good[i], strlen(good[i]));
		ck_assert_int_eq(api_limit(&q, &lim), 0);
		ck_assert_int_eq(lim, want[i]);
	}
	static const char *const bad[] = { "0", "201", "-1", "", "ten",
	    "99999999999", "1.5" };
	for (int i = 0; i < 7; i++) {
		q.n = 0;
		kv_add(a, &q, "limit", bad[i], strlen(bad[i]));
		ck_assert_msg(api_limit(&q, &lim) == -1, "%s", bad[i]);
	}
	arena_free(a);
}
END_TEST

START_TEST(cursors_round_trip)
{
	arena *a = arena_new(512);
	static const char *const keys[] = { "a", "ab", "abc",
	    "2026-11-22T10:00:00Z|7f1c", "naïve ₹" };
	for (int i = 0; i < 5; i++) {
		const char *c = api_cursor_encode(a, keys[i]);
		ck_assert_msg(strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmno"
		    "pqrstuvwxyz0123456789-_") == strlen(c), "url-safe %s", c);
		ck_assert_str_eq(api_cursor_decode(a, c), keys[i]);
	}
	ck_assert_ptr_null(api_cursor_decode(a, ""));
	ck_assert_ptr_null(api_cursor_decode(a, "a"));	/* impossible length */
	ck_assert_ptr_null(api_cursor_decode(a, "ab=c"));
	ck_assert_ptr_null(api_cursor_decode(a, "_w"));	/* 0xff: not UTF-8 */
	cJSON *l = api_list(cJSON_CreateArray(), NULL);
	char *s = cJSON_PrintUnformatted(l);
	ck_assert_str_eq(s, "{\"items\":[],\"next\":null}");
	cJSON_free(s);
	cJSON_Delete(l);
	arena_free(a);
}
END_TEST

START_TEST(uuids)
{
	ck_assert(api_uuid_ok("7f1c2a4e-0b9d-4c3e-9a1f-0123456789ab"));
	ck_assert(api_uuid_ok("7F1C2A4E-0B9D-4C3E-9A1F-0123456789AB"));
	ck_assert(!api_uuid_ok("7f1c2a4e0b9d4c3e9a1f0123456789ab"));
	ck_assert(!api_uuid_ok("7f1c2a4e-0b9d-4c3e-9a1f-0123456789a"));
	ck_assert(!api_uuid_ok("7f1c2a4e-0b9d-4c3e-9a1f-0123456789ag"));
	ck_assert(!api_uuid_ok("1; DROP TABLE x"));
	ck_assert(!api_uuid_ok(NULL));
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("api");
	TCase *tc = tcase_create("api");
	tcase_add_test(tc, exact_integers_out);
	tcase_add_test(tc, integers_in);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, cursors_round_trip);
	tcase_add_test(tc, uuids);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
