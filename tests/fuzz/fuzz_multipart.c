/* fuzz_multipart.c: libFuzzer target for multipart/form-data bodies.
 * The first line of the input is the boundary, the rest the body. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "web/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const uint8_t *nl = memchr(data, '\n', n);
	size_t blen = nl ? (size_t)(nl - data) : 0;
	arena *a = arena_new(4096);
	const char *ct = arena_printf(a, "multipart/form-data; boundary=%s",
	    arena_strndup(a, (const char *)data, blen));
	/* a copy of exactly the body bytes, so an over-read is caught */
	size_t off = nl ? blen + 1 : 0;
	char *body = arena_strndup(a, (const char *)data + off, n - off);
	kv_list f = {0};
	mp_files u = {0};
	if (mp_parse(a, ct, body, n - off, &f, &u) == MP_OK)
		for (size_t i = 0; i < u.n; i++)
			if (u.items[i].len > n - off ||
			    u.items[i].data < body ||
			    u.items[i].data + u.items[i].len > body + (n - off))
				__builtin_trap();	/* a file outside the body */
	arena_free(a);
	return 0;
}
