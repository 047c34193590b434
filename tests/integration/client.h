/* client.h: a small libcurl client for the integration tests. */
#ifndef CLIENT_H
#define CLIENT_H

#include <stddef.h>

#include "base/buf.h"
#include "web/reply.h"

typedef struct reply {
	long status;
	buf headers;	/* raw response headers */
	buf body;
	double seconds;	/* total time, for the figures printed */
} reply;

/* client_do: a request to $BURSAR_URL + path.  headers is a NULL-ended list
 * of "Name: value" lines or NULL; body may be NULL.  Returns 0, or -1 when
 * no HTTP answer came back at all.  Free r with reply_free. */
int client_do(const char *method, const char *path,
    const char *const *headers, const char *body, size_t len, reply *r);
/* client_from: the local address requests leave from (e.g. "127.0.0.2",
 * to stand for another client); NULL for the default. */
void client_from(const char *addr);
/* client_form: a urlencoded POST carrying cookie (may be NULL). */
int client_form(const char *path, const char *cookie, const char *body,
    reply *r);
/* client_json: a JSON request with an optional bearer token. */
int client_json(const char *method, const char *path, const char *bearer,
    const char *body, reply *r);
/* reply_cookie: the value the response sets for cookie name, into out;
 * 0, or -1 when it sets none. */
int reply_cookie(const reply *r, const char *name, char *out, size_t outlen);

/* reply_header: the value of a response header (case-insensitive), copied
 * into out; 0, or -1 when absent. */
int reply_header(const reply *r, const char *name, char *out, size_t outlen);
void reply_free(reply *r);

/* sh: runs a shell command; returns its exit status. */
int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
