/* fuzz_jsonin.c: libFuzzer target for strict JSON input: any tree it
 * accepts is an object without duplicate keys, and it never leaks. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	/* an exact-size copy: jsonin must read no byte past n */
	char *copy = malloc(n ? n : 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, n);
	cJSON *j = NULL;
	size_t off;
	if (jsonin_parse(copy, n, &j, &off) == JSONIN_OK) {
		if (!cJSON_IsObject(j))
			__builtin_trap();
		cJSON_Delete(j);
	} else if (j != NULL)
		__builtin_trap();	/* an error must leave nothing behind */
	free(copy);
	return 0;
}
