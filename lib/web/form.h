/* form.h: percent-decoding, urlencoded forms and query strings, cookies,
 * and parameters of structured header values.  All results live in the
 * caller's arena. */
#ifndef FORM_H
#define FORM_H

#include <stddef.h>

#include "base/arena.h"
#include "base/kv.h"

#define FORM_MAX_FIELDS 1000
#define FORM_MAX_COOKIES 100

enum form_err {
	FORM_OK = 0,
	FORM_EPCT,	/* a '%' not followed by two hex digits */
	FORM_EUTF8,	/* decoded text is not valid UTF-8 */
	FORM_ETOOMANY,	/* more fields than the limit */
	FORM_ENAME,	/* a field with an empty name */
};

/* form_strerror: a message for the client. */
const char *form_strerror(int err);

/* form_pct_decode: decodes %XX (and '+' as a space when plus_is_space)
 * from s[0..n) into a NUL-terminated arena string; FORM_OK, FORM_EPCT or
 * FORM_EUTF8. */
int form_pct_decode(arena *a, const char *s, size_t n, int plus_is_space,
    char **out, size_t *outlen);

/* form_parse_urlencoded: "a=1&b=2" into out, in order, duplicates kept,
 * empty segments skipped, "a" alone meaning a="".  On error out may be
 * partly filled; discard it. */
int form_parse_urlencoded(arena *a, const char *s, size_t n, kv_list *out);

/* form_parse_cookies: a Cookie header, "a=1; b=2"; values are opaque (no
 * decoding), surrounding double quotes removed; segments without '=' are
 * ignored. */
int form_parse_cookies(arena *a, const char *header, kv_list *out);

/* form_url_escape: s percent-encoded for a query-string value. */
const char *form_url_escape(arena *a, const char *s);

/* form_header_param: the value of param (case-insensitive) in a header
 * value such as `form-data; name="f"; filename="a.txt"`, unquoted; NULL
 * when absent or malformed. */
const char *form_header_param(arena *a, const char *header_value,
    const char *param);

#endif
