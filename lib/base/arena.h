/* arena.h: a bump allocator that owns all memory of one request.
 *
 * Everything allocated from an arena is released at once by arena_reset()
 * (keeps the first block for the next request) or arena_free().  Allocation
 * never returns NULL: running out of memory aborts the worker, and the
 * supervisor starts a fresh one. */
#ifndef ARENA_H
#define ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena;

/* arena_new: an empty arena whose blocks are at least block_size bytes. */
arena *arena_new(size_t block_size);
/* arena_alloc: n bytes, aligned for any type, zeroed. */
void *arena_alloc(arena *a, size_t n);
/* arena_strndup: a NUL-terminated copy of the first n bytes of s. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
/* arena_printf: a formatted string living in the arena. */
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
/* arena_grow: room for one more element in an arena-backed array of n
 * elements of size bytes with capacity *cap; returns the (possibly moved)
 * array, with *cap updated.  The old copy stays in the arena until reset. */
void *arena_grow(arena *a, void *items, size_t n, size_t *cap, size_t size);
/* arena_used: bytes handed out since the last reset (for limits and tests). */
size_t arena_used(const arena *a);
/* arena_reset: frees every block but the first, and empties it. */
void arena_reset(arena *a);
void arena_free(arena *a);

#endif
