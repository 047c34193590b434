/* http.c: request parsing on top of the form, multipart and JSON parsers. */
#include "web/http.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "web/form.h"
#include "base/jsonin.h"
#include "base/utf8.h"

const char *
http_param(const http_request *r, const char *name)
{
	size_t n = strlen(name);
	for (char *const *e = r->envp; e && *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

const char *
http_header(const http_request *r, const char *name)
{
	char key[128] = "HTTP_";
	size_t i = 5;
	for (const char *p = name; *p && i < sizeof(key) - 1; p++, i++)
		key[i] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	key[i] = '\0';
	return http_param(r, key);
}

int
http_parse_head(http_request *r, arena *a, char *const *envp,
    const char **err)
{
	memset(r, 0, sizeof(*r));
	r->a = a;
	r->envp = envp;
	r->method = http_param(r, "REQUEST_METHOD");
	if (r->method == NULL || *r->method == '\0')
		r->method = "GET";
	r->remote_addr = http_param(r, "REMOTE_ADDR");
	const char *https = http_param(r, "HTTPS");
	r->https = https != NULL && strcasecmp(https, "on") == 0;

	/* DOCUMENT_URI is nginx's decoded path; decode REQUEST_URI ourselves
	 * so that the checks below are ours, not the proxy's. */
	const char *uri = http_param(r, "REQUEST_URI");
	if (uri == NULL || *uri == '\0')
		uri = "/";
	const char *q = strchr(uri, '?');
	size_t plen = q ? (size_t)(q - uri) : strlen(uri);
	char *path;
	size_t len;
	if (form_pct_decode(a, uri, plen, 0, &path, &len) != FORM_OK ||
	    strlen(path) != len || path[0] != '/') {
		*err = "the request path is malformed";
		return 400;
	}
	r->path = path;
	r->raw_query = q ? q + 1 : "";
	int rc = form_parse_urlencoded(a, r->raw_query, strlen(r->raw_query),
	    &r->query);
	if (rc != FORM_OK) {
		*err = arena_printf(a, "query string: %s", form_strerror(rc));
		return 400;
	}
	const char *cookie = http_header(r, "Cookie");
	if (cookie && (rc = form_parse_cookies(a, cookie, &r->cookies)) !=
	    FORM_OK) {
		*err = arena_printf(a, "cookies: %s", form_strerror(rc));
		return 400;
	}
	return 0;
}

/* media_is: compares the media type of a Content-Type, ignoring case and
 * parameters. */
static int
media_is(const char *ct, const char *type)
{
	size_t n = strlen(type);
	return strncasecmp(ct, type, n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

int
http_parse_body(http_request *r, const char *body, size_t len,
    const char **err)
{
	r->body = body;
	r->body_len = len;
	r->content_type = http_param(r, "CONTENT_TYPE");
	if (len == 0)
		return 0;
	const char *ct = r->content_type ? r->content_type : "";
	int rc;
	if (media_is(ct, "application/x-www-form-urlencoded")) {
		rc = form_parse_urlencoded(r->a, body, len, &r->form);
		if (rc != FORM_OK) {
			*err = arena_printf(r->a, "form: %s", form_strerror(rc));
			return 400;
		}
	} else if (media_is(ct, "multipart/form-data")) {
		rc = mp_parse(r->a, ct, body, len, &r->form, &r->files);
		if (rc != MP_OK) {
			*err = mp_strerror(rc);
			return 400;
		}
	} else if (media_is(ct, "application/json")) {
		size_t off = 0;
		rc = jsonin_parse(body, len, &r->json, &off);
		if (rc != JSONIN_OK) {
			*err = rc == JSONIN_ESYNTAX
			    ? arena_printf(r->a, "%s near byte %zu",
				jsonin_strerror(rc), off)
			    : jsonin_strerror(rc);
			return 400;
		}
	} else {
		*err = "unsupported content type: send JSON, a form, or "
		    "multipart/form-data";
		return 415;
	}
	return 0;
}

const char *
http_arg(const http_request *r, const char *name)
{
	if (r->json) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(r->json, name);
		if (cJSON_IsString(v))
			return v->valuestring;
	}
	const char *v = kv_get(&r->form, name);
	return v ? v : kv_get(&r->query, name);
}

void
http_request_free(http_request *r)
{
	if (r->json)
		cJSON_Delete(r->json);
	r->json = NULL;
}
