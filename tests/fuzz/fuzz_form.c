/* fuzz_form.c: libFuzzer target for the urlencoded, cookie and header
 * parameter parsers: no input may crash, leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	arena *a = arena_new(4096);
	kv_list l = {0};
	form_parse_urlencoded(a, (const char *)data, n, &l);
	/* the others take C strings, as the request gives them */
	char *s = arena_strndup(a, (const char *)data, n);
	kv_list k = {0};
	form_parse_cookies(a, s, &k);
	form_header_param(a, s, "boundary");
	form_url_escape(a, s);
	arena_free(a);
	return 0;
}
