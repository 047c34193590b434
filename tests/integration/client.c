/* client.c: libcurl requests for the integration tests. */
#include "client.h"
#include "web/reply.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>

#include <curl/curl.h>

static const char *from_addr;

void
client_from(const char *addr)
{
	from_addr = addr;
}

static size_t
sink(char *p, size_t size, size_t n, void *userdata)
{
	if (buf_append(userdata, p, size * n) < 0)
		return 0;
	return size * n;
}

int
client_do(const char *method, const char *path, const char *const *headers,
    const char *body, size_t len, reply *r)
{
	buf_init(&r->headers, 1 << 20);
	buf_init(&r->body, 64 << 20);
	r->status = 0;
	const char *base = getenv("BURSAR_URL");
	char url[2048];
	snprintf(url, sizeof(url), "%s%s", base ? base : "http://127.0.0.1:8080",
	    path);
	CURL *h = curl_easy_init();
	struct curl_slist *hl = NULL;
	for (; headers && *headers; headers++)
		hl = curl_slist_append(hl, *headers);
	/* curl would add "Expect: 100-continue" to large bodies */
	hl = curl_slist_append(hl, "Expect:");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	if (body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)len);
	}
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, sink);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &r->headers);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
	if (from_addr)
		curl_easy_setopt(h, CURLOPT_INTERFACE, from_addr);
	CURLcode rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &r->seconds);
	curl_slist_free_all(hl);
	curl_easy_cleanup(h);
	return rc == CURLE_OK ? 0 : -1;
}

int
reply_header(const reply *r, const char *name, char *out, size_t outlen)
{
	size_t n = strlen(name);
	const char *p = buf_str(&r->headers);
	while (p && *p) {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;
			while (*v == ' ')
				v++;
			size_t len = strcspn(v, "\r\n");
			if (len >= outlen)
				len = outlen - 1;
			memcpy(out, v, len);
			out[len] = '\0';
			return 0;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

void
reply_free(reply *r)
{
	buf_free(&r->headers);
	buf_free(&r->body);
}

int
sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int
client_form(const char *path, const char *cookie, const char *body, reply *r)
{
	char ck[1024];
	const char *h[3] = { "Content-Type: application/x-www-form-urlencoded",
	    NULL, NULL };
	if (cookie) {
		snprintf(ck, sizeof(ck), "Cookie: %s", cookie);
		h[1] = ck;
	}
	return client_do("POST", path, h, body, strlen(body), r);
}

int
client_json(const char *method, const char *path, const char *bearer,
    const char *body, reply *r)
{
	char auth[2048];
	const char *h[3] = { "Content-Type: application/json", NULL, NULL };
	if (bearer) {
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", bearer);
		h[1] = auth;
	}
	return client_do(method, path, h, body, body ? strlen(body) : 0, r);
}

int
reply_cookie(const reply *r, const char *name, char *out, size_t outlen)
{
	size_t n = strlen(name);
	const char *p = buf_str(&r->headers);
	while ((p = strcasestr(p, "\nSet-Cookie: ")) != NULL) {
		p += 13;
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			size_t len = strcspn(p + n + 1, ";\r\n");
			if (len >= outlen)
				len = outlen - 1;
			memcpy(out, p + n + 1, len);
			out[len] = '\0';
			return 0;
		}
	}
	return -1;
}
