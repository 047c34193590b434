/* http.h: one parsed HTTP request, as FastCGI hands it over.
 *
 * Everything here lives in the request's arena except json, which
 * http_request_free releases.  Parsing never trusts input: the path and
 * every text field are percent-decoded and checked to be UTF-8 before a
 * handler can see them. */
#ifndef HTTP_H
#define HTTP_H

#include <stddef.h>

#include <cJSON.h>

#include "base/arena.h"
#include "base/kv.h"
#include "web/multipart.h"

typedef struct http_request {
	arena *a;
	char *const *envp;	/* FastCGI parameters, for headers */
	const char *method;	/* "GET", "POST", ... */
	const char *path;	/* decoded, UTF-8, starts with '/' */
	const char *raw_query;	/* as received, "" when absent */
	kv_list query;		/* decoded query parameters */
	kv_list cookies;
	kv_list form;		/* urlencoded or multipart text fields */
	mp_files files;		/* multipart uploads */
	cJSON *json;		/* an application/json body, or NULL */
	const char *body;	/* raw body bytes (NUL-terminated copy) */
	size_t body_len;
	const char *content_type;	/* NULL when there is no body */
	const char *remote_addr;
	int https;		/* 1 when the client reached nginx over TLS */
} http_request;

/* http_parse_head: fills method, path, query and cookies from the FastCGI
 * parameters.  Returns 0, or an HTTP status (400) with *err a message. */
int http_parse_head(http_request *r, arena *a, char *const *envp,
    const char **err);

/* http_parse_body: parses body (len bytes, owned by the arena) by its
 * content type.  Returns 0, or 400 (malformed) / 415 (unsupported type)
 * with *err a message for the client. */
int http_parse_body(http_request *r, const char *body, size_t len,
    const char **err);

/* http_header: a request header by its HTTP name ("X-Request-Id"), or
 * NULL.  FastCGI passes them as HTTP_X_REQUEST_ID. */
const char *http_header(const http_request *r, const char *name);
/* http_param: a FastCGI parameter ("CONTENT_LENGTH"), or NULL. */
const char *http_param(const http_request *r, const char *name);

/* http_arg: a text field from the form or JSON body (strings only), then
 * the query string; NULL when absent. */
const char *http_arg(const http_request *r, const char *name);

void http_request_free(http_request *r);

#endif
