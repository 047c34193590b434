/* arena.c: per-request bump allocator. */
#include "base/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct block {
	struct block *next;
	size_t size, used;
	max_align_t data[];
};

struct arena {
	struct block *head;	/* newest block first; the last is the first made */
	size_t block_size;
	size_t used;
};

static void *
xmalloc(size_t n)
{
	void *p = malloc(n);
	if (p == NULL) {
		fputs("arena: out of memory\n", stderr);
		abort();
	}
	return p;
}

static struct block *
block_new(size_t size)
{
	struct block *b = xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

arena *
arena_new(size_t block_size)
{
	arena *a = xmalloc(sizeof(*a));
	a->block_size = block_size < 256 ? 256 : block_size;
	a->head = block_new(a->block_size);
	a->used = 0;
	return a;
}

void *
arena_alloc(arena *a, size_t n)
{
	const size_t align = _Alignof(max_align_t);
	size_t need = (n + align - 1) / align * align;
	if (need < n)
		abort();	/* size_t overflow: a caller bug, never input */
	struct block *b = a->head;
	if (b->size - b->used < need) {
		size_t size = need > a->block_size ? need : a->block_size;
		b = block_new(size);
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += need;
	a->used += need;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return arena_strdup(a, "");
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void *
arena_grow(arena *a, void *items, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return items;
	size_t newcap = *cap ? *cap * 2 : 8;
	void *p = arena_alloc(a, newcap * size);
	if (n)
		memcpy(p, items, n * size);
	*cap = newcap;
	return p;
}

size_t
arena_used(const arena *a)
{
	return a->used;
}

void
arena_reset(arena *a)
{
	struct block *b = a->head;
	while (b->next != NULL) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	b->used = 0;
	a->head = b;
	a->used = 0;
}

void
arena_free(arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a->head);
	free(a);
}
