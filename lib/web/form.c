/* form.c: urlencoded text, cookies and header parameters. */
#include "web/form.h"

#include <string.h>
#include <strings.h>

#include "base/utf8.h"

const char *
form_strerror(int err)
{
	switch (err) {
	case FORM_OK: return "ok";
	case FORM_EPCT: return "malformed percent-encoding";
	case FORM_EUTF8: return "text is not valid UTF-8";
	case FORM_ETOOMANY: return "too many fields";
	case FORM_ENAME: return "a field has no name";
	default: return "malformed input";
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
form_pct_decode(arena *a, const char *s, size_t n, int plus_is_space,
    char **out, size_t *outlen)
{
	char *d = arena_alloc(a, n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			int hi, lo;
			if (n - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return FORM_EPCT;
			d[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '+' && plus_is_space) {
			d[j++] = ' ';
		} else {
			d[j++] = s[i];
		}
	}
	d[j] = '\0';
	if (!utf8_valid(d, j))
		return FORM_EUTF8;
	*out = d;
	*outlen = j;
	return FORM_OK;
}

int
form_parse_urlencoded(arena *a, const char *s, size_t n, kv_list *out)
{
	size_t fields = 0;
	const char *end = s + n;
	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		const char *seg_end = amp ? amp : end;
		if (seg_end > s) {
			if (++fields > FORM_MAX_FIELDS)
				return FORM_ETOOMANY;
			const char *eq = memchr(s, '=', (size_t)(seg_end - s));
			const char *name_end = eq ? eq : seg_end;
			if (name_end == s)
				return FORM_ENAME;
			char *name, *value;
			size_t nlen, vlen;
			int rc = form_pct_decode(a, s, (size_t)(name_end - s), 1,
			    &name, &nlen);
			if (rc != FORM_OK)
				return rc;
			if (eq)
				rc = form_pct_decode(a, eq + 1,
				    (size_t)(seg_end - eq - 1), 1, &value,
				    &vlen);
			else {
				value = arena_strdup(a, "");
				vlen = 0;
			}
			if (rc != FORM_OK)
				return rc;
			kv_add(a, out, name, value, vlen);
		}
		s = seg_end + (amp ? 1 : 0);
	}
	return FORM_OK;
}

int
form_parse_cookies(arena *a, const char *header, kv_list *out)
{
	size_t count = 0;
	const char *s = header;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == ';')
			s++;
		if (*s == '\0')
			break;
		size_t seg = strcspn(s, ";");
		const char *eq = memchr(s, '=', seg);
		if (eq != NULL && eq > s) {
			if (++count > FORM_MAX_COOKIES)
				return FORM_ETOOMANY;
			const char *ne = eq;
			while (ne > s && (ne[-1] == ' ' || ne[-1] == '\t'))
				ne--;
			const char *v = eq + 1, *ve = s + seg;
			while (v < ve && (*v == ' ' || *v == '\t'))
				v++;
			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
				v++;
				ve--;
			}
			if (!utf8_valid(s, (size_t)(ne - s)) ||
			    !utf8_valid(v, (size_t)(ve - v)))
				return FORM_EUTF8;
			kv_add(a, out, arena_strndup(a, s, (size_t)(ne - s)),
			    arena_strndup(a, v, (size_t)(ve - v)),
			    (size_t)(ve - v));
		}
		s += seg;
	}
	return FORM_OK;
}

const char *
form_header_param(arena *a, const char *hv, const char *param)
{
	size_t plen = strlen(param);
	const char *s = strchr(hv, ';');
	while (s != NULL) {
		s++;
		while (*s == ' ' || *s == '\t')
			s++;
		const char *name = s;
		while (*s && *s != '=' && *s != ';' && *s != ' ')
			s++;
		size_t nlen = (size_t)(s - name);
		while (*s == ' ')
			s++;
		if (*s != '=') {
			s = strchr(s, ';');
			continue;
		}
		s++;
		while (*s == ' ')
			s++;
		int want = nlen == plen && strncasecmp(name, param, plen) == 0;
		if (*s == '"') {
			/* a quoted string: backslash escapes the next byte */
			size_t cap = strlen(s);
			char *v = arena_alloc(a, cap + 1);
			size_t j = 0;
			s++;
			while (*s && *s != '"') {
				if (*s == '\\' && s[1])
					s++;
				v[j++] = *s++;
			}
			if (*s != '"')
				return NULL;	/* unterminated */
			s++;
			v[j] = '\0';
			if (want)
				return v;
		} else {
			size_t vlen = strcspn(s, "; \t");
			if (want)
				return vlen ? arena_strndup(a, s, vlen) : NULL;
			s += vlen;
		}
		s = strchr(s, ';');
	}
	return NULL;
}

const char *
form_url_escape(arena *a, const char *s)
{
	static const char hexd[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(s) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-_.~/", *p))
			*o++ = (char)*p;
		else {
			*o++ = '%';
			*o++ = hexd[*p >> 4];
			*o++ = hexd[*p & 15];
		}
	}
	*o = '\0';
	return out;
}
