/* api.h: the API conventions of DESIGN.md, so every resource gets them by
 * construction: exact integers and money in JSON, the list shape with a
 * keyset cursor, ?limit=, UUID ids.
 *
 * cJSON keeps numbers as doubles and prints 16+ digit integers in exponent
 * form, so integers leave through api_int (printed from an int64) and
 * enter through api_get_int, which refuses anything that is not an
 * integer exactly representable (|n| <= 2^53). */
#ifndef API_H
#define API_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "base/arena.h"
#include "base/kv.h"

#define API_LIMIT_DEFAULT 50
#define API_LIMIT_MAX 200
#define API_INT_MAX 9007199254740992LL	/* 2^53 */

/* api_int: a JSON number holding n exactly (a raw cJSON item). */
cJSON *api_int(int64_t n);
/* api_money: {"amount": <minor units>, "currency": "INR"}. */
cJSON *api_money(int64_t minor, const char *currency);

/* api_get_int: the integer in item; 0, or -1 when item is missing, not a
 * number, not integral, or beyond 2^53. */
int api_get_int(const cJSON *item, int64_t *out);
/* api_get_money: {"amount","currency"} with an integer amount and an
 * upper-case three-letter currency; 0 or -1. */
int api_get_money(const cJSON *item, int64_t *minor, char currency[4]);

/* api_limit: ?limit= from the query, API_LIMIT_DEFAULT when absent.
 * 0, or -1 when it is not an integer from 1 to API_LIMIT_MAX. */
int api_limit(const kv_list *query, int *limit);

/* api_cursor_encode: an opaque cursor for a keyset position (the last
 * row's sort key as text); api_cursor_decode: the key, or NULL when the
 * cursor is malformed.  Both allocate in a. */
const char *api_cursor_encode(arena *a, const char *key);
const char *api_cursor_decode(arena *a, const char *cursor);

/* api_list: {"items": items, "next": cursor or null}; takes items. */
cJSON *api_list(cJSON *items, const char *next);

/* api_field: records why a field was refused (the first reason per field
 * wins) in fields, the "fields" object of the error shape. */
void api_field(cJSON *fields, const char *name, const char *msg);

/* api_matches: 1 when s matches the POSIX extended regular expression re
 * (a pattern from code, never from input). */
int api_matches(const char *re, const char *s);

/* api_uuid_ok: 1 for a canonical textual UUID (any version). */
int api_uuid_ok(const char *s);

#endif
