/* resp.c: response building and serialization. */
#include "web/resp.h"

#include <string.h>

/* The pages use no inline script and no outside origin; forms post only to
 * us, and no one may frame us (clickjacking). */
static const char security_headers[] =
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n"
    "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
    "style-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'\r\n";

void
resp_init(http_response *r, size_t max)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	buf_init(&r->body, max);
}

void
resp_reset(http_response *r, int drop_headers)
{
	if (drop_headers)
		r->headers.n = 0;
	r->content_type = NULL;
	buf_truncate(&r->body, 0);
}

void
resp_free(http_response *r)
{
	buf_free(&r->body);
}

static int
has_crlf(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

int
resp_header(arena *a, http_response *r, const char *name, const char *value)
{
	if (has_crlf(name) || has_crlf(value) || strchr(name, ':'))
		return -1;
	kv_add(a, &r->headers, arena_strdup(a, name), arena_strdup(a, value),
	    strlen(value));
	return 0;
}

/* cookie_safe: RFC 6265 cookie-octets, so a value cannot end the header
 * or smuggle another attribute. */
static int
cookie_safe(const char *s, int is_name)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || *p == '"' || *p == ',' ||
		    *p == ';' || *p == '\\' || (is_name && *p == '='))
			return 0;
	}
	return 1;
}

int
resp_cookie(arena *a, http_response *r, const char *name, const char *value,
    long max_age, int secure)
{
	if (*name == '\0' || !cookie_safe(name, 1) || !cookie_safe(value, 0))
		return -1;
	char *v = arena_printf(a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s",
	    name, value, secure ? "; Secure" : "");
	if (max_age >= 0)
		v = arena_printf(a, "%s; Max-Age=%ld", v, max_age);
	return resp_header(a, r, "Set-Cookie", v);
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

int
resp_serialize(const http_response *r, buf *out)
{
	int rc = 0;
	rc |= buf_printf(out, "Status: %d %s\r\n", r->status,
	    http_reason(r->status));
	if (r->body.len || r->content_type)
		rc |= buf_printf(out, "Content-Type: %s\r\n",
		    r->content_type ? r->content_type : "text/plain");
	rc |= buf_printf(out, "Content-Length: %lu\r\n",
	    (unsigned long)r->body.len);
	rc |= buf_puts(out, security_headers);
	for (size_t i = 0; i < r->headers.n; i++)
		rc |= buf_printf(out, "%s: %s\r\n", r->headers.items[i].name,
		    r->headers.items[i].value);
	rc |= buf_puts(out, "\r\n");
	rc |= buf_append(out, r->body.data, r->body.len);
	return rc ? -1 : 0;
}
