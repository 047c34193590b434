/* api.c: JSON conventions shared by every resource. */
#include "api.h"

#include <ctype.h>
#include <inttypes.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

cJSON *
api_int(int64_t n)
{
	char s[24];
	snprintf(s, sizeof(s), "%" PRId64, n);
	return cJSON_CreateRaw(s);
}

cJSON *
api_money(int64_t minor, const char *currency)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddItemToObject(m, "amount", api_int(minor));
	cJSON_AddStringToObject(m, "currency", currency);
	return m;
}

int
api_get_int(const cJSON *item, int64_t *out)
{
	if (!cJSON_IsNumber(item))
		return -1;
	double d = item->valuedouble;
	/* the range check comes first, so the cast below is defined */
	if (!(d >= -(double)API_INT_MAX && d <= (double)API_INT_MAX))
		return -1;
	int64_t n = (int64_t)d;
	if ((double)n != d)
		return -1;	/* a fraction */
	*out = n;
	return 0;
}

int
api_get_money(const cJSON *item, int64_t *minor, char currency[4])
{
	const cJSON *cur = cJSON_GetObjectItemCaseSensitive(item, "currency");
	if (!cJSON_IsObject(item) || !cJSON_IsString(cur) ||
	    strlen(cur->valuestring) != 3 ||
	    api_get_int(cJSON_GetObjectItemCaseSensitive(item, "amount"),
	    minor) < 0)
		return -1;
	for (int i = 0; i < 3; i++)
		if (!isupper((unsigned char)cur->valuestring[i]))
			return -1;
	memcpy(currency, cur->valuestring, 4);
	return 0;
}

int
api_limit(const kv_list *query, int *limit)
{
	const char *s = kv_get(query, "limit");
	if (s == NULL) {
		*limit = API_LIMIT_DEFAULT;
		return 0;
	}
	int n = 0;
	if (*s == '\0' || strlen(s) > 3)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		n = n * 10 + (*s - '0');
	}
	if (n < 1 || n > API_LIMIT_MAX)
		return -1;
	*limit = n;
	return 0;
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const char *
api_cursor_encode(arena *a, const char *key)
{
	size_t n = strlen(key);
	char *out = arena_alloc(a, (n + 2) / 3 * 4 + 1), *o = out;
	const unsigned char *p = (const unsigned char *)key;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		*o++ = b64[v >> 18 & 63];
		*o++ = b64[v >> 12 & 63];
		if (i + 1 < n)
			*o++ = b64[v >> 6 & 63];
		if (i + 2 < n)
			*o++ = b64[v & 63];
	}
	*o = '\0';
	return out;
}

const char *
api_cursor_decode(arena *a, const char *cursor)
{
	size_t n = strlen(cursor);
	if (n == 0 || n % 4 == 1 || n > 1024)
		return NULL;
	char *out = arena_alloc(a, n * 3 / 4 + 1);
	size_t j = 0;
	uint32_t v = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		const char *q = strchr(b64, cursor[i]);
		if (q == NULL || cursor[i] == '\0')
			return NULL;
		v = v << 6 | (uint32_t)(q - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[j++] = (char)(v >> bits & 0xff);
		}
	}
	out[j] = '\0';
	if (!utf8_valid(out, j))
		return NULL;
	return out;
}

cJSON *
api_list(cJSON *items, const char *next)
{
	cJSON *l = cJSON_CreateObject();
	cJSON_AddItemToObject(l, "items", items);
	if (next)
		cJSON_AddStringToObject(l, "next", next);
	else
		cJSON_AddNullToObject(l, "next");
	return l;
}

int
api_uuid_ok(const char *s)
{
	static const int dash[] = { 8, 13, 18, 23 };
	if (s == NULL || strlen(s) != 36)
		return 0;
	for (int i = 0, d = 0; i < 36; i++) {
		if (d < 4 && i == dash[d]) {
			if (s[i] != '-')
				return 0;
			d++;
		} else if (!isxdigit((unsigned char)s[i]))
			return 0;
	}
	return 1;
}

int
api_matches(const char *re, const char *s)
{
	regex_t rx;
	if (s == NULL || regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
		return 0;
	int ok = regexec(&rx, s, 0, NULL, 0) == 0;
	regfree(&rx);
	return ok;
}
