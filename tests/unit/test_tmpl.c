/* test_tmpl.c: rendering through the real templates, with escaping on. */
#include <string.h>

#include "web/api.h"
#include "web/tmpl.h"
#include "unit.h"

#ifndef TEMPLATE_DIR
#define TEMPLATE_DIR "templates"
#endif

START_TEST(escapes_by_default)
{
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "message",
	    "<script>alert(\"x\")</script>&'");
	cJSON_AddNumberToObject(d, "status", 404);
	cJSON_AddStringToObject(d, "reason", "Not Found");
	kv_list vars = {0};
	arena *a = arena_new(1024);
	kv_add(a, &vars, "title", "<b>title</b>", 12);
	tmpl_page p = { NULL, "error.cs", d, &vars, NULL };
	buf out = BUF_INIT(1 << 20);
	char err[256];
	ck_assert_int_eq(tmpl_render(TEMPLATE_DIR, &p, &out, err, sizeof(err)),
	    0);
	const char *s = buf_str(&out);
	ck_assert_ptr_null(strstr(s, "<script>"));
	ck_assert_ptr_null(strstr(s, "<b>title"));
	ck_assert_ptr_nonnull(strstr(s,
	    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"));
	ck_assert_ptr_nonnull(strstr(s, "<title>&lt;b&gt;title&lt;/b&gt;"));
	ck_assert_ptr_nonnull(strstr(s, "<h1>404 Not Found</h1>"));
	ck_assert_ptr_nonnull(strstr(s, "<!DOCTYPE html>"));	/* the layout */
	buf_free(&out);
	cJSON_Delete(d);
	arena_free(a);
}
END_TEST

START_TEST(data_shapes)
{
	cJSON *d = cJSON_Parse("{\"message\":\"m\",\"fields\":{\"name\":"
	    "\"is required\",\"Config.VarEscapeMode\":\"none\"}}");
	cJSON_AddItemToObject(d, "status", api_int(9007199254740993LL));
	tmpl_page p = { NULL, "error.cs", d, NULL, NULL };
	buf out = BUF_INIT(1 << 20);
	char err[256];
	ck_assert_int_eq(tmpl_render(TEMPLATE_DIR, &p, &out, err, sizeof(err)),
	    0);
	/* integers render exactly; a key that is no identifier is dropped */
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "9007199254740993"));
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "name: is required"));
	ck_assert_ptr_null(strstr(buf_str(&out), "VarEscapeMode"));
	buf_free(&out);
	cJSON_Delete(d);
}
END_TEST

START_TEST(errors_are_reported)
{
	tmpl_page p = { NULL, "no-such.cs", NULL, NULL, NULL };
	buf out = BUF_INIT(1 << 20);
	char err[256] = "";
	ck_assert_int_eq(tmpl_render(TEMPLATE_DIR, &p, &out, err, sizeof(err)),
	    -1);
	ck_assert_ptr_nonnull(strstr(err, "no-such.cs"));
	buf_free(&out);
	/* a page past the cap fails instead of being cut short */
	tmpl_page q = { NULL, "home.cs", NULL, NULL, NULL };
	buf tiny = BUF_INIT(64);
	ck_assert_int_eq(tmpl_render(TEMPLATE_DIR, &q, &tiny, err, sizeof(err)),
	    -1);
	buf_free(&tiny);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("tmpl");
	TCase *tc = tcase_create("tmpl");
	tcase_add_test(tc, escapes_by_default);
	tcase_add_test(tc, data_shapes);
	tcase_add_test(tc, errors_are_reported);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
