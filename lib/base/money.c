/* money.c: minor units from and to decimal text; exact rounded products. */
#include "base/money.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* GCC and clang give a 128-bit integer under -std=c11; __extension__ keeps
 * -Wpedantic quiet about it. */
__extension__ typedef __int128 i128;

static const uint64_t minor_per_unit[MONEY_MAX_DIGITS + 1] = {
	1, 10, 100, 1000, 10000
};

/* push: *mag = *mag * 10 + d; -1, *mag unchanged, when that passes lim. */
static int
push(uint64_t *mag, unsigned d, uint64_t lim)
{
	if (*mag > (lim - d) / 10)
		return -1;
	*mag = *mag * 10 + d;
	return 0;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
money_parse(const char *text, int digits, int64_t *out)
{
	if (text == NULL || out == NULL || digits < 0 ||
	    digits > MONEY_MAX_DIGITS)
		return -1;
	const char *p = text;
	int neg = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	/* the magnitude, in minor units: up to 2^63 for a negative amount */
	uint64_t lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	uint64_t mag = 0;
	int nint = 0, nfrac = 0;
	for (; is_digit(*p); p++, nint++)
		if (push(&mag, (unsigned)(*p - '0'), lim) != 0)
			return -1;
	if (nint == 0)
		return -1;
	if (*p == '.') {
		p++;
		for (; is_digit(*p); p++, nfrac++) {
			if (nfrac == digits)
				return -1;
			if (push(&mag, (unsigned)(*p - '0'), lim) != 0)
				return -1;
		}
		if (nfrac == 0)
			return -1;
	}
	if (*p != '\0')
		return -1;
	for (; nfrac < digits; nfrac++)
		if (push(&mag, 0, lim) != 0)
			return -1;
	if (!neg)
		*out = (int64_t)mag;
	else if (mag == (uint64_t)INT64_MAX + 1)
		*out = INT64_MIN;
	else
		*out = -(int64_t)mag;
	return 0;
}

int
money_format(buf *b, int64_t minor, int digits)
{
	if (digits < 0 || digits > MONEY_MAX_DIGITS)
		return -1;
	/* the magnitude in unsigned arithmetic, so INT64_MIN has one too */
	uint64_t mag = minor < 0 ? 0 - (uint64_t)minor : (uint64_t)minor;
	const char *sign = minor < 0 ? "-" : "";
	if (digits == 0)
		return buf_printf(b, "%s%" PRIu64, sign, mag);
	uint64_t unit = minor_per_unit[digits];
	return buf_printf(b, "%s%" PRIu64 ".%0*" PRIu64, sign, mag / unit,
	    digits, mag % unit);
}

enum money_style
money_style_named(const char *name)
{
	if (name && strcmp(name, "indian") == 0)
		return MONEY_INDIAN;
	if (name && strcmp(name, "continental") == 0)
		return MONEY_CONTINENTAL;
	return MONEY_WESTERN;
}

int
money_format_grouped(buf *b, int64_t minor, int digits,
    enum money_style style)
{
	if (style == MONEY_PLAIN)
		return money_format(b, minor, digits);
	if (digits < 0 || digits > MONEY_MAX_DIGITS)
		return -1;
	uint64_t mag = minor < 0 ? 0 - (uint64_t)minor : (uint64_t)minor;
	uint64_t unit = minor_per_unit[digits];
	char whole[32], out[64];
	int n = snprintf(whole, sizeof(whole), "%" PRIu64, mag / unit);
	char sep = style == MONEY_CONTINENTAL ? '.' : ',';
	char mark = style == MONEY_CONTINENTAL ? ',' : '.';
	size_t o = 0;
	if (minor < 0)
		out[o++] = '-';
	for (int i = 0; i < n; i++) {
		int left = n - i;	/* digits from here to the end */
		if (i > 0 && (style == MONEY_INDIAN ? left == 3 ||
		    (left > 3 && (left - 3) % 2 == 0) : left % 3 == 0))
			out[o++] = sep;
		out[o++] = whole[i];
	}
	if (digits > 0) {
		out[o++] = mark;
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%0*" PRIu64,
		    digits, mag % unit);
	}
	out[o] = '\0';
	return buf_puts(b, out);
}

int
money_parse_typed(const char *text, int digits, enum money_style style,
    int64_t *out)
{
	if (style == MONEY_PLAIN || text == NULL)
		return money_parse(text, digits, out);
	char sep = style == MONEY_CONTINENTAL ? '.' : ',';
	char mark = style == MONEY_CONTINENTAL ? ',' : '.';
	const char *lc = strrchr(text, ','), *lp = strrchr(text, '.');
	if (lc && lp) {
		/* both: the last is the decimal mark, in any style */
		mark = lc > lp ? ',' : '.';
		sep = lc > lp ? '.' : ',';
	}
	char plain[64];
	size_t n = strlen(text), o = 0;
	if (n >= sizeof(plain))
		return -1;
	if (style == MONEY_CONTINENTAL && strchr(text, ',') == NULL) {
		/* "12.50": one point not followed by exactly three digits
		 * is a decimal point, as the plain form writes it */
		const char *pt = strchr(text, '.');
		if (pt && strchr(pt + 1, '.') == NULL && strlen(pt + 1) != 3)
			return money_parse(text, digits, out);
	}
	const char *p = text;
	if (*p == '-' || *p == '+')
		plain[o++] = *p++;
	/* the whole digits, in groups when a separator appears */
	int group = 0, groups = 0;
	for (; is_digit(*p) || *p == sep; p++) {
		if (*p == sep) {
			if (group == 0 || (groups > 0 && group != 2 &&
			    group != 3) || (groups == 0 && group > 3))
				return -1;
			groups++;
			group = 0;
			continue;
		}
		plain[o++] = *p;
		group++;
	}
	if (groups > 0 && group != 3)
		return -1;
	if (*p == mark) {
		plain[o++] = '.';
		p++;
	}
	for (; *p; p++)
		plain[o++] = *p;	/* money_parse refuses what is not a digit */
	plain[o] = '\0';
	return money_parse(plain, digits, out);
}

int
money_mul_div(int64_t a, int64_t b, int64_t den, int64_t *out)
{
	if (den <= 0 || out == NULL)
		return -1;
	/* |a * b| <= 2^126: exact in 128 bits */
	i128 p = (i128)a * b;
	i128 q = p / den;	/* toward zero */
	i128 r = p % den;	/* the sign of p, |r| < den */
	if (r < 0)
		r = -r;
	if (2 * r >= den)	/* half or more: away from zero */
		q += p < 0 ? -1 : 1;
	if (q < INT64_MIN || q > INT64_MAX)
		return -1;
	*out = (int64_t)q;
	return 0;
}


int
money_percent_ppm(const char *text, int64_t *ppm)
{
	int64_t v;
	/* a percentage with four decimals is a count of millionths */
	if (text == NULL || text[0] == '+' || text[0] == '-' ||
	    money_parse(text, 4, &v) < 0 || v < 0 || v > MONEY_PERCENT_MAX)
		return -1;
	*ppm = v;
	return 0;
}

int
money_ppm_text(buf *b, int64_t ppm)
{
	buf t = BUF_INIT(64);
	if (money_format(&t, ppm, 4) < 0) {
		buf_free(&t);
		return -1;
	}
	size_t n = t.len;
	while (n > 0 && t.data[n - 1] == '0')
		n--;
	if (n > 0 && t.data[n - 1] == '.')
		n--;
	int rc = buf_append(b, t.data, n);
	buf_free(&t);
	return rc;
}
