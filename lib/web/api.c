/* api.c: JSON conventions shared by every resource. */
#include "web/api.h"

#include <ctype.h>
#include <inttypes.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "base/crypto.h"
#include "base/utf8.h"

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

const char *
api_cursor_encode(arena *a, const char *key)
{
	return crypto_b64url(a, key, strlen(key));
}

const char *
api_cursor_decode(arena *a, const char *cursor)
{
	size_t n = strlen(cursor), len;
	if (n == 0 || n > 1024)
		return NULL;
	/* the decoder NUL-terminates; a key is text, never raw bytes */
	unsigned char *key = crypto_b64url_decode(a, cursor, &len);
	if (key == NULL || !utf8_valid((const char *)key, len))
		return NULL;
	return (const char *)key;
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

void
api_field(cJSON *fields, const char *name, const char *msg)
{
	if (!cJSON_HasObjectItem(fields, name))
		cJSON_AddStringToObject(fields, name, msg);
}
