/* test_arena_buf.c: the arena, the buffer and kv lists. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "kv.h"
#include "unit.h"

START_TEST(arena_basics)
{
	arena *a = arena_new(256);
	char *s = arena_strdup(a, "hello");
	ck_assert_str_eq(s, "hello");
	ck_assert_str_eq(arena_printf(a, "%d-%s", 42, "x"), "42-x");
	ck_assert_str_eq(arena_strndup(a, "abcdef", 3), "abc");
	/* larger than a block, and aligned for any type */
	char *big = arena_alloc(a, 100000);
	ck_assert_uint_eq((uintptr_t)big % _Alignof(max_align_t), 0);
	memset(big, 'x', 100000);
	ck_assert_uint_eq((uintptr_t)arena_alloc(a, 3) % _Alignof(max_align_t),
	    0);
	ck_assert_str_eq(s, "hello");	/* earlier blocks stay put */
	ck_assert(arena_used(a) >= 100000);
	arena_reset(a);
	ck_assert_uint_eq(arena_used(a), 0);
	char *z = arena_alloc(a, 64);
	for (int i = 0; i < 64; i++)
		ck_assert_int_eq(z[i], 0);	/* zeroed */
	arena_free(a);
}
END_TEST

START_TEST(buf_cap)
{
	buf b = BUF_INIT(10);
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_int_eq(buf_puts(&b, "hello"), 0);
	ck_assert_int_eq(buf_puts(&b, "world!"), -1);	/* 11 > 10 */
	ck_assert_str_eq(buf_str(&b), "hello");	/* unchanged */
	ck_assert_int_eq(buf_printf(&b, "%d", 12345), 0);
	ck_assert_str_eq(buf_str(&b), "hello12345");
	ck_assert_int_eq(buf_putc(&b, '!'), -1);
	ck_assert_int_eq(b.len, 10);
	buf_truncate(&b, 2);
	ck_assert_str_eq(buf_str(&b), "he");
	char *d = buf_detach(&b);
	ck_assert_str_eq(d, "he");
	ck_assert_ptr_null(b.data);
	free(d);
	buf_free(&b);
}
END_TEST

START_TEST(buf_growth)
{
	buf b = BUF_INIT(1 << 20);
	for (int i = 0; i < 10000; i++)
		ck_assert_int_eq(buf_printf(&b, "%04d", i % 10000), 0);
	ck_assert_int_eq(b.len, 40000);
	ck_assert_int_eq(memcmp(b.data + 39996, "9999", 4), 0);
	ck_assert_int_eq(b.data[b.len], '\0');
	ck_assert_int_eq(buf_append(&b, "\0x", 2), 0);	/* binary-safe */
	ck_assert_int_eq(b.len, 40002);
	buf_free(&b);
}
END_TEST

START_TEST(kv_lists)
{
	arena *a = arena_new(256);
	kv_list l = {0};
	for (int i = 0; i < 100; i++)
		kv_add(a, &l, i % 2 ? "odd" : "even", arena_printf(a, "%d", i),
		    0);
	kv_add(a, &l, "Content-Type", "text/plain", 10);
	ck_assert_int_eq(l.n, 101);
	ck_assert_str_eq(kv_get(&l, "odd"), "1");
	ck_assert_int_eq(kv_count(&l, "even"), 50);
	ck_assert_ptr_null(kv_get(&l, "content-type"));
	ck_assert_str_eq(kv_get_ci(&l, "content-type"), "text/plain");
	ck_assert_ptr_null(kv_get(&l, "none"));
	arena_free(a);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("arena_buf");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, arena_basics);
	tcase_add_test(tc, buf_cap);
	tcase_add_test(tc, buf_growth);
	tcase_add_test(tc, kv_lists);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
