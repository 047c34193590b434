/* test_tmpl.c: rendering through the real templates, with escaping on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	    "\"is required\",\"Config.VarEscapeMode\":\"none\"},\"said\":[{"
	    "\"said\":\"name: is required\"}]}");
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

/* a page's "Older" link carries its cursor through url_escape(), which
 * ClearSilver has only once its string functions are registered */
START_TEST(url_escape_renders)
{
	cJSON *d = cJSON_Parse("{\"next\":\"2026-12-07 10:00|a&b\"}");
	tmpl_page p = { NULL, "webhook_deliveries.cs", d, NULL, NULL };
	buf out = BUF_INIT(1 << 20);
	char err[256] = "";
	ck_assert_msg(tmpl_render(TEMPLATE_DIR, &p, &out, err, sizeof(err)) == 0,
	    "%s", err);
	const char *s = buf_str(&out);
	const char *c = strstr(s, "?cursor=");
	ck_assert_ptr_nonnull(c);
	ck_assert_msg(strncmp(c, "?cursor=2026-12-07", 18) == 0, "%.40s", c);
	ck_assert_ptr_null(strstr(s, "?cursor=2026-12-07 "));
	ck_assert_ptr_null(strstr(s, "|a&b\""));
	buf_free(&out);
	cJSON_Delete(d);
}
END_TEST

/* date() and words(): what a page shows instead of ISO dates and codes,
 * still escaped */
START_TEST(dates_and_words)
{
	char dir[] = "/tmp/bursar-tmpl-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof(path), "%s/layout.cs", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("[<?cs var:date(data.d) ?>][<?cs var:date(data.t) ?>]"
	    "[<?cs var:date(data.x) ?>][<?cs var:words(data.s) ?>]"
	    "[<?cs var:words(data.m) ?>][<?cs var:words(data.u) ?>]"
	    "[<?cs var:date(data.none) ?>]", f);
	fclose(f);
	cJSON *d = cJSON_Parse("{\"d\":\"2026-04-01\",\"t\":"
	    "\"2026-04-01 09:05:33.1+05:30\",\"x\":\"<b>\",\"s\":"
	    "\"partially_paid\",\"m\":\"bank_transfer\",\"u\":\"a_<i>\"}");
	kv_list vars = {0};
	arena *a = arena_new(1024);
	kv_add(a, &vars, "date_format", "DD/MM/YYYY", 10);
	tmpl_page p = { NULL, "layout.cs", d, &vars, NULL };
	buf out = BUF_INIT(1 << 20);
	char err[256];
	ck_assert_int_eq(tmpl_render(dir, &p, &out, err, sizeof(err)), 0);
	ck_assert_str_eq(buf_str(&out), "[01/04/2026][01/04/2026 09:05]"
	    "[&lt;b&gt;][Partly paid][Bank transfer][A &lt;i&gt;][]");
	buf_free(&out);
	/* no format: ISO, as the API */
	tmpl_page q = { NULL, "layout.cs", d, NULL, NULL };
	buf out2 = BUF_INIT(1 << 20);
	ck_assert_int_eq(tmpl_render(dir, &q, &out2, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&out2), "[2026-04-01]"));
	buf_free(&out2);
	remove(path);
	rmdir(dir);
	cJSON_Delete(d);
	arena_free(a);
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
	tcase_add_test(tc, url_escape_renders);
	tcase_add_test(tc, dates_and_words);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
