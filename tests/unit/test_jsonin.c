/* test_jsonin.c: strict JSON input. */
#include <stdlib.h>
#include <string.h>

#include "base/jsonin.h"
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

START_TEST(strict)
{
	static const struct { const char *in; int want; } cases[] = {
		/* what cJSON alone would let through */
		{ "{\"a\":01}", JSONIN_ESYNTAX },
		{ "{\"a\":1.}", JSONIN_ESYNTAX },
		{ "{\"a\":-}", JSONIN_ESYNTAX },
		{ "{\"a\":1e}", JSONIN_ESYNTAX },
		{ "{\"a\":\"tab\there\"}", JSONIN_ESYNTAX },
		{ "{\"a\":\"\\ud800\"}", JSONIN_ESYNTAX },	/* lone surrogate */
		{ "{\"a\":1}]", JSONIN_ESYNTAX },
		{ "]{\"a\":1}", JSONIN_ESYNTAX },
		{ "{\"a\":1,}", JSONIN_ESYNTAX },
		{ "{\"a\":1,\"\\u0061\":2}", JSONIN_EDUPKEY },	/* same key */
		{ "{\"a\":\"\xe2\x82\"}", JSONIN_EUTF8 },	/* truncated */
		{ "{\"a\":\"\x80\"}", JSONIN_EUTF8 },	/* lone continuation */
		{ "{\"a\":\"\xc0\xaf\"}", JSONIN_EUTF8 },	/* overlong */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cJSON *j = (cJSON *)1;
		int rc = parse(cases[i].in, &j);
		ck_assert_msg(rc == cases[i].want, "case %zu: %s gave %d", i,
		    cases[i].in, rc);
		ck_assert_ptr_null(j);
	}
	cJSON *j;
	ck_assert_int_eq(parse("{\"n\":[0,-0,1.5,-2e10,3E+2,4e-1],"
	    "\"s\":\"\\\\u0000 \\ud83d\\ude00\",\"A\":1,\"a\":2}", &j),
	    JSONIN_OK);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "n")), 6);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "s")->valuestring,
	    "\\u0000 \xf0\x9f\x98\x80");
	ck_assert_int_eq(cJSON_GetObjectItemCaseSensitive(j, "a")->valueint,
	    2);
	cJSON_Delete(j);
}
END_TEST

START_TEST(offsets_and_length)
{
	cJSON *j = (cJSON *)1;
	size_t off = 99;
	/* only n bytes are read: the rest of the buffer is not JSON */
	const char *s = "{\"k\":\"v\"}GARBAGE";
	ck_assert_int_eq(jsonin_parse(s, 9, &j, &off), JSONIN_OK);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "k")->valuestring, "v");
	cJSON_Delete(j);
	ck_assert_int_eq(jsonin_parse(s, 10, &j, &off), JSONIN_ESYNTAX);
	ck_assert_int_eq(off, 9);
	ck_assert_ptr_null(j);
	ck_assert_int_eq(jsonin_parse("{\"a\":", 5, &j, &off), JSONIN_ESYNTAX);
	ck_assert_ptr_null(j);
	ck_assert_uint_le(off, 5);
	ck_assert_int_eq(jsonin_parse("{\"a\":01}", 8, &j, &off),
	    JSONIN_ESYNTAX);
	ck_assert_int_eq(off, 5);
	ck_assert_int_eq(jsonin_parse("", 0, &j, &off), JSONIN_ESYNTAX);
	ck_assert_ptr_null(j);
	ck_assert_int_eq(jsonin_parse("{}", 2, &j, &off), JSONIN_OK);
	ck_assert_int_eq(cJSON_GetArraySize(j), 0);
	cJSON_Delete(j);
	ck_assert_str_eq(jsonin_strerror(JSONIN_ESYNTAX), "malformed JSON");
	ck_assert_str_eq(jsonin_strerror(JSONIN_EDUPKEY),
	    "duplicate key in JSON object");
	ck_assert_str_eq(jsonin_strerror(JSONIN_EUTF8),
	    "JSON text is not valid UTF-8");
	ck_assert_str_eq(jsonin_strerror(JSONIN_ENOTOBJECT),
	    "JSON body must be an object");
}
END_TEST

static char *
objects(int levels)
{
	/* {"a":{"a":{ ... {} ... }}} with levels objects in all */
	char *s = malloc((size_t)levels * 6 + 1), *p = s;
	for (int i = 1; i < levels; i++)
		p = stpcpy(p, "{\"a\":");
	*p++ = '{';
	for (int i = 0; i < levels; i++)
		*p++ = '}';
	*p = '\0';
	return s;
}

START_TEST(depth_more)
{
	cJSON *j;
	char *s = objects(JSONIN_MAX_DEPTH);
	ck_assert_int_eq(parse(s, &j), JSONIN_OK);
	cJSON *c = j;
	int levels = 0;
	for (; c != NULL; c = cJSON_GetObjectItem(c, "a"))
		levels++;
	ck_assert_int_eq(levels, JSONIN_MAX_DEPTH);
	cJSON_Delete(j);
	free(s);
	s = objects(JSONIN_MAX_DEPTH + 1);
	j = (cJSON *)1;
	ck_assert_int_eq(parse(s, &j), JSONIN_EDEPTH);
	ck_assert_ptr_null(j);
	free(s);
	/* a bare array 100000 deep: refused on depth, not on its type, and
	 * without cJSON recursing into it */
	size_t n = 200000;
	s = malloc(n + 1);
	memset(s, '[', n / 2);
	memset(s + n / 2, ']', n / 2);
	s[n] = '\0';
	ck_assert_int_eq(jsonin_parse(s, n, &j, &(size_t){0}), JSONIN_EDEPTH);
	ck_assert_ptr_null(j);
	/* only openers, never closed */
	ck_assert_int_eq(jsonin_parse(s, n / 2, &j, &(size_t){0}),
	    JSONIN_EDEPTH);
	free(s);
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
	tcase_add_test(tc, strict);
	tcase_add_test(tc, offsets_and_length);
	tcase_add_test(tc, depth_more);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
