/* test_jsonin.c: strict JSON input. */
#include <stdlib.h>
#include <string.h>

#include "jsonin.h"
#include "unit.h"

static int
parse(const char *s, cJSON **out)
{
	size_t off;
	return jsonin_parse(s, strlen(s), out, &off);
}

START_TEST(good_object)
{
	cJSON *j;
	ck_assert_int_eq(parse(" {\"name\":\"Rão ₹\",\"n\":[1,{\"a\":null}],"
	    "\"o\":{\"name\":1}} \n", &j), JSONIN_OK);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "name")->valuestring,
	    "Rão ₹");
	cJSON_Delete(j);
}
END_TEST

START_TEST(rejected)
{
	static const struct { const char *in; int want; } cases[] = {
		{ "{\"a\":", JSONIN_ESYNTAX },
		{ "{\"a\":1}x", JSONIN_ESYNTAX },
		{ "{\"a\":1}{}", JSONIN_ESYNTAX },
		{ "", JSONIN_ESYNTAX },
		{ "{'a':1}", JSONIN_ESYNTAX },
		{ "{\"a\":1,\"a\":2}", JSONIN_EDUPKEY },
		{ "{\"o\":{\"b\":1,\"c\":2,\"b\":3}}", JSONIN_EDUPKEY },
		{ "{\"l\":[{\"x\":1,\"x\":1}]}", JSONIN_EDUPKEY },
		{ "{\"a\":\"\xff\"}", JSONIN_EUTF8 },
		{ "{\"a\":\"\xed\xa0\x80\"}", JSONIN_EUTF8 },
		{ "{\"a\":\"x\\u0000y\"}", JSONIN_EUTF8 },
		{ "[1,2]", JSONIN_ENOTOBJECT },
		{ "\"s\"", JSONIN_ENOTOBJECT },
		{ "42", JSONIN_ENOTOBJECT },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cJSON *j = (cJSON *)1;
		ck_assert_msg(parse(cases[i].in, &j) == cases[i].want,
		    "case %zu: %s", i, cases[i].in);
		ck_assert_ptr_null(j);
	}
	/* the offset points at the trailing garbage */
	cJSON *j;
	size_t off;
	ck_assert_int_eq(jsonin_parse("{\"a\":1}  x", 10, &j, &off),
	    JSONIN_ESYNTAX);
	ck_assert_int_eq(off, 9);
	/* strings holding brackets do not count as nesting */
	ck_assert_int_eq(parse("{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}",
	    &j), JSONIN_OK);
	cJSON_Delete(j);
}
END_TEST

static char *
nested(int depth)
{
	/* {"a": [[[ ... ]]] } with depth levels in all */
	char *s = malloc((size_t)depth * 2 + 16);
	strcpy(s, "{\"a\":");
	size_t n = strlen(s);
	for (int i = 1; i < depth; i++)
		s[n++] = '[';
	for (int i = 1; i < depth; i++)
		s[n++] = ']';
	s[n++] = '}';
	s[n] = '\0';
	return s;
}

START_TEST(depth)
{
	cJSON *j;
	char *s = nested(JSONIN_MAX_DEPTH);
	ck_assert_int_eq(parse(s, &j), JSONIN_OK);
	cJSON_Delete(j);
	free(s);
	s = nested(JSONIN_MAX_DEPTH + 1);
	ck_assert_int_eq(parse(s, &j), JSONIN_EDEPTH);
	free(s);
	/* far past any stack: refused before cJSON recurses */
	s = nested(100000);
	ck_assert_int_eq(parse(s, &j), JSONIN_EDEPTH);
	free(s);
	ck_assert_str_eq(jsonin_strerror(JSONIN_EDEPTH),
	    "JSON nested too deeply");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("jsonin");
	TCase *tc = tcase_create("jsonin");
	tcase_add_test(tc, good_object);
	tcase_add_test(tc, rejected);
	tcase_add_test(tc, depth);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
