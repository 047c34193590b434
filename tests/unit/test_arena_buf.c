/* test_arena_buf.c: the arena, the buffer and kv lists. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/kv.h"
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

START_TEST(arena_reset_cycles)
{
	/* a worker resets its arena between requests thousands of times;
	 * blocks past the first must go and the first must stay usable */
	arena *a = arena_new(512);
	for (int round = 0; round < 50; round++) {
		char *s = arena_printf(a, "round %d", round);
		char *big = arena_alloc(a, 4096 + (size_t)round);
		memset(big, 'b', 4096 + (size_t)round);
		char *small = arena_strdup(a, "after big");
		ck_assert_str_eq(s, arena_printf(a, "round %d", round));
		ck_assert_str_eq(small, "after big");
		ck_assert_int_eq(big[4095 + round], 'b');
		ck_assert_uint_ge(arena_used(a), 4096 + (size_t)round);
		arena_reset(a);
		ck_assert_uint_eq(arena_used(a), 0);
	}
	/* zero bytes is a valid request */
	ck_assert_ptr_nonnull(arena_alloc(a, 0));
	arena_free(a);
	arena_free(NULL);
}
END_TEST

START_TEST(arena_grow_array)
{
	arena *a = arena_new(256);
	int *v = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 1000; i++) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n++] = i * 3;
	}
	ck_assert_uint_ge(cap, 1000);
	for (int i = 0; i < 1000; i++)
		ck_assert_int_eq(v[i], i * 3);
	arena_free(a);
}
END_TEST

START_TEST(buf_refusals)
{
	buf b;
	buf_init(&b, 8);
	ck_assert_int_eq(buf_printf(&b, "%s", "123456789"), -1);
	ck_assert_ptr_null(b.data);	/* nothing allocated for a refusal */
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_int_eq(buf_append(&b, "abc", 3), 0);
	ck_assert_int_eq(buf_printf(&b, "%d", 123456), -1);
	ck_assert_int_eq(buf_append(&b, "\0\0\0\0\0\0", 6), -1);
	ck_assert_int_eq(b.len, 3);
	ck_assert_str_eq(buf_str(&b), "abc");
	ck_assert_int_eq(buf_printf(&b, "%05d", 42), 0);	/* exactly 8 */
	ck_assert_str_eq(buf_str(&b), "abc00042");
	ck_assert_int_eq(buf_append(&b, "", 0), 0);	/* nothing always fits */
	ck_assert_int_eq(buf_putc(&b, 'x'), -1);
	ck_assert_str_eq(buf_str(&b), "abc00042");
	/* a huge length cannot wrap the cap check */
	ck_assert_int_eq(buf_append(&b, "x", (size_t)-1), -1);
	ck_assert_str_eq(buf_str(&b), "abc00042");
	buf_free(&b);
	/* detaching an empty buffer still hands back a string to free */
	buf e = BUF_INIT(4);
	char *d = buf_detach(&e);
	ck_assert_str_eq(d, "");
	free(d);
	/* after a detach the buffer starts over */
	ck_assert_int_eq(buf_puts(&e, "ok"), 0);
	d = buf_detach(&e);
	ck_assert_str_eq(d, "ok");
	ck_assert_int_eq(e.len, 0);
	ck_assert_int_eq(buf_puts(&e, "again"), -1);
	ck_assert_int_eq(buf_puts(&e, "next"), 0);
	ck_assert_str_eq(buf_str(&e), "next");
	free(d);
	buf_free(&e);
}
END_TEST

START_TEST(buf_printf_growth)
{
	/* one printf far larger than the first allocation */
	buf b = BUF_INIT(1 << 16);
	char word[5000];
	memset(word, 'w', sizeof(word) - 1);
	word[sizeof(word) - 1] = '\0';
	ck_assert_int_eq(buf_puts(&b, "<"), 0);
	ck_assert_int_eq(buf_printf(&b, "%s|%d|%s", word, -7, word), 0);
	ck_assert_int_eq(b.len, 1 + 4999 + 4 + 4999);
	ck_assert_uint_ge(b.cap, b.len + 1);
	ck_assert_int_eq(b.data[0], '<');
	ck_assert_int_eq(memcmp(b.data + 5000, "|-7|", 4), 0);
	ck_assert_int_eq(b.data[b.len - 1], 'w');
	ck_assert_int_eq(b.data[b.len], '\0');
	buf_free(&b);
}
END_TEST

START_TEST(kv_more)
{
	arena *a = arena_new(256);
	kv_list l = {0};
	ck_assert_ptr_null(kv_get(&l, "x"));
	ck_assert_ptr_null(kv_get_ci(&l, "x"));
	ck_assert_uint_eq(kv_count(&l, "x"), 0);
	kv_add(a, &l, "Set-Cookie", "a=1", 3);
	kv_add(a, &l, "set-cookie", "b=2", 3);
	kv_add(a, &l, "bin", "x\0y", 3);
	kv_add(a, &l, "Set-Cookie", "c=3", 3);
	ck_assert_str_eq(kv_get_ci(&l, "SET-COOKIE"), "a=1");	/* first */
	ck_assert_str_eq(kv_get(&l, "set-cookie"), "b=2");
	ck_assert_uint_eq(kv_count(&l, "Set-Cookie"), 2);
	ck_assert_uint_eq(kv_count(&l, "set-cookie"), 1);
	ck_assert_uint_eq(l.items[2].len, 3);
	ck_assert_int_eq(memcmp(kv_get(&l, "bin"), "x\0y", 3), 0);
	ck_assert_str_eq(l.items[3].value, "c=3");	/* order kept */
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
	tcase_add_test(tc, arena_reset_cycles);
	tcase_add_test(tc, arena_grow_array);
	tcase_add_test(tc, buf_refusals);
	tcase_add_test(tc, buf_printf_growth);
	tcase_add_test(tc, kv_more);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
