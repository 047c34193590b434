/* resp.h: the response being built for one request.
 *
 * Handlers set the status, headers, cookies and body; nothing is sent until
 * resp_serialize, so a late error can still replace the whole page.  Every
 * response carries the security headers. */
#ifndef RESP_H
#define RESP_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/kv.h"

typedef struct http_response {
	int status;
	const char *content_type;
	kv_list headers;	/* extra headers, in order */
	buf body;		/* capped; see resp_init */
} http_response;

/* resp_init: status 200, no body; the body is capped at max bytes. */
void resp_init(http_response *r, size_t max);
/* resp_reset: drops the body, and the extra headers too when
 * drop_headers (an error page must not carry a success's Location). */
void resp_reset(http_response *r, int drop_headers);
void resp_free(http_response *r);

/* resp_header: adds a header; name and value are copied into a.  Values
 * with CR or LF are refused (-1): no header injection. */
int resp_header(arena *a, http_response *r, const char *name,
    const char *value);

/* resp_cookie: Set-Cookie with HttpOnly, SameSite=Lax and Path=/; Secure
 * when secure is 1; max_age < 0 means a session cookie, 0 deletes it.
 * Returns -1 for a name or value that a cookie cannot carry. */
int resp_cookie(arena *a, http_response *r, const char *name,
    const char *value, long max_age, int secure);

/* resp_serialize: the FastCGI output (Status line, headers, blank line,
 * body) into out.  Returns 0, or -1 when out's cap is too small. */
int resp_serialize(const http_response *r, buf *out);

/* http_reason: "Not Found" for 404, and so on. */
const char *http_reason(int status);

#endif
