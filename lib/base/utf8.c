/* utf8.c: a strict UTF-8 validator (RFC 3629, Table 3-7 of Unicode). */
#include "base/utf8.h"

int
utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		unsigned lo = 0x80, hi = 0xbf;	/* bounds of the 2nd byte */
		if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			if (c == 0xe0)
				lo = 0xa0;	/* overlong */
			if (c == 0xed)
				hi = 0x9f;	/* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			if (c == 0xf0)
				lo = 0x90;	/* overlong */
			if (c == 0xf4)
				hi = 0x8f;	/* past U+10FFFF */
		} else
			return 0;
		if (n - i < len)
			return 0;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (size_t k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return 0;
		i += len;
	}
	return 1;
}

long
utf8_control(const char *s, int multiline)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (*p < 0x20 && multiline && (*p == '\t' || *p == '\n' ||
		    *p == '\r'))
			continue;
		if (*p < 0x20 || *p == 0x7F)
			return *p;
		/* C1 controls are U+0080-U+009F: C2 80 to C2 9F */
		if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return p[1];
	}
	return -1;
}
