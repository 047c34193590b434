/* kv.c: ordered name/value pairs in an arena. */
#include "base/kv.h"

#include <string.h>
#include <strings.h>

void
kv_add(arena *a, kv_list *l, const char *name, const char *value, size_t len)
{
	l->items = arena_grow(a, l->items, l->n, &l->cap, sizeof(*l->items));
	l->items[l->n++] = (kv_pair){ name, value, len };
}

const char *
kv_get(const kv_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return l->items[i].value;
	return NULL;
}

const char *
kv_get_ci(const kv_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->items[i].name, name) == 0)
			return l->items[i].value;
	return NULL;
}

size_t
kv_count(const kv_list *l, const char *name)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			n++;
	return n;
}
