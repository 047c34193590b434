/* jsonin.c: strict JSON input. */
#include "base/jsonin.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

const char *
jsonin_strerror(int err)
{
	switch (err) {
	case JSONIN_OK: return "ok";
	case JSONIN_ESYNTAX: return "malformed JSON";
	case JSONIN_EDEPTH: return "JSON nested too deeply";
	case JSONIN_EDUPKEY: return "duplicate key in JSON object";
	case JSONIN_EUTF8: return "JSON text is not valid UTF-8";
	case JSONIN_ENOTOBJECT: return "JSON body must be an object";
	default: return "malformed JSON";
	}
}

/* number_ok: whether s[0..n) is exactly a JSON number; cJSON hands
 * numbers to strtod, which would also take "01", "1." and "-.5". */
static int
number_ok(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		size_t d = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t d = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	return i == n;
}

/* prescan: one pass outside cJSON, so that a hostile body never drives its
 * recursion, and so that what cJSON is lenient about is refused: nesting
 * deeper than JSONIN_MAX_DEPTH, \u0000 (a C string cannot hold it), raw
 * control characters in strings, numbers strtod would take but JSON does
 * not.  On an error, *off is the byte at fault. */
static int
prescan(const char *s, size_t n, size_t *off)
{
	int depth = 0, in_str = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		*off = i;
		if (in_str) {
			if (c == '\\') {
				if (n - i >= 6 &&
				    memcmp(s + i + 1, "u0000", 5) == 0)
					return JSONIN_EUTF8;
				i++;
			} else if (c == '"')
				in_str = 0;
			else if (c < 0x20)
				return JSONIN_ESYNTAX;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > JSONIN_MAX_DEPTH)
				return JSONIN_EDEPTH;
		} else if (c == ']' || c == '}') {
			/* a closer with nothing open: letting depth go negative
			 * would credit later openers with room they lack */
			if (--depth < 0)
				return JSONIN_ESYNTAX;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			/* the whole run of number bytes: valid JSON never
			 * puts another of them right after a number */
			size_t len = 0;
			while (len < n - i && strchr("0123456789.eE+-",
			    s[i + len]) != NULL && s[i + len] != '\0')
				len++;
			if (!number_ok(s + i, len))
				return JSONIN_ESYNTAX;
			i += len - 1;
		}
	}
	return JSONIN_OK;
}

static int
cmp_keys(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
has_dup_keys(const cJSON *v)
{
	if (cJSON_IsObject(v)) {
		size_t n = 0, i = 0;
		for (const cJSON *c = v->child; c; c = c->next)
			n++;
		if (n > 1) {
			const char **keys = malloc(n * sizeof(*keys));
			if (keys == NULL)
				return 1;
			for (const cJSON *c = v->child; c; c = c->next)
				keys[i++] = c->string;
			qsort(keys, n, sizeof(*keys), cmp_keys);
			int dup = 0;
			for (i = 1; i < n && !dup; i++)
				dup = strcmp(keys[i - 1], keys[i]) == 0;
			free(keys);
			if (dup)
				return 1;
		}
	}
	if (cJSON_IsObject(v) || cJSON_IsArray(v))
		for (const cJSON *c = v->child; c; c = c->next)
			if (has_dup_keys(c))
				return 1;
	return 0;
}

int
jsonin_parse(const char *s, size_t n, cJSON **out, size_t *err_offset)
{
	*out = NULL;
	*err_offset = 0;
	if (!utf8_valid(s, n))
		return JSONIN_EUTF8;
	size_t off = 0;
	int rc = prescan(s, n, &off);
	if (rc != JSONIN_OK) {
		if (rc == JSONIN_ESYNTAX)
			*err_offset = off;
		return rc;
	}
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(s, n, &end, 0);
	if (root == NULL) {
		*err_offset = end && end >= s ? (size_t)(end - s) : 0;
		return JSONIN_ESYNTAX;
	}
	for (const char *p = end; p < s + n; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
			*err_offset = (size_t)(p - s);
			cJSON_Delete(root);
			return JSONIN_ESYNTAX;
		}
	if (!cJSON_IsObject(root))
		rc = JSONIN_ENOTOBJECT;
	else if (has_dup_keys(root))
		rc = JSONIN_EDUPKEY;
	if (rc != JSONIN_OK) {
		cJSON_Delete(root);
		return rc;
	}
	*out = root;
	return JSONIN_OK;
}
