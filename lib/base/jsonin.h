/* jsonin.h: strict JSON request bodies, on top of cJSON.
 *
 * cJSON parses; this module refuses what cJSON would accept but an API
 * should not: invalid UTF-8 (and NUL characters, which C strings cannot
 * hold), nesting deeper than JSONIN_MAX_DEPTH (checked before cJSON
 * recurses), duplicate keys, bytes after the value, and a top level that
 * is not an object. */
#ifndef JSONIN_H
#define JSONIN_H

#include <stddef.h>

#include <cJSON.h>

#define JSONIN_MAX_DEPTH 32

enum jsonin_err {
	JSONIN_OK = 0,
	JSONIN_ESYNTAX,
	JSONIN_EDEPTH,
	JSONIN_EDUPKEY,
	JSONIN_EUTF8,
	JSONIN_ENOTOBJECT,
};

/* jsonin_strerror: a message for the client. */
const char *jsonin_strerror(int err);

/* jsonin_parse: parses s[0..n).  JSONIN_OK with *out a tree the caller
 * frees with cJSON_Delete, or an error with *out NULL and, for a syntax
 * error, *err_offset the byte where parsing stopped. */
int jsonin_parse(const char *s, size_t n, cJSON **out, size_t *err_offset);

#endif
