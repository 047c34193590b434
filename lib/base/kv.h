/* kv.h: an ordered list of name/value pairs living in a request arena.
 *
 * Query strings, form fields, cookies, path parameters and response headers
 * are all kv lists.  Duplicate names are kept in order (a form may repeat a
 * checkbox); kv_get answers the first. */
#ifndef KV_H
#define KV_H

#include <stddef.h>

#include "base/arena.h"

typedef struct kv_pair {
	const char *name;
	const char *value;	/* NUL-terminated; may also hold NUL bytes */
	size_t len;		/* length of value in bytes */
} kv_pair;

typedef struct kv_list {
	kv_pair *items;
	size_t n, cap;
} kv_list;

/* kv_add: appends a pair; name and value are NOT copied (they must already
 * live at least as long as the arena). */
void kv_add(arena *a, kv_list *l, const char *name, const char *value,
    size_t len);
/* kv_get: the first value for name (case-sensitive), or NULL. */
const char *kv_get(const kv_list *l, const char *name);
/* kv_get_ci: as kv_get, but the name compares case-insensitively. */
const char *kv_get_ci(const kv_list *l, const char *name);
/* kv_count: how many pairs have this name. */
size_t kv_count(const kv_list *l, const char *name);

#endif
