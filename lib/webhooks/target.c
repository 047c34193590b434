/* target.c: a webhook's URL and addresses checked against SSRF */
#include "webhooks/target.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOST_MAX 256

/* v4_refused: the IPv4 address a (host order) is one nobody outside may
 * be sent to */
static int
v4_refused(uint32_t a)
{
	return (a >> 24) == 0 ||		/* 0/8: this network */
	    (a >> 24) == 10 ||			/* private */
	    (a >> 24) == 127 ||			/* loopback */
	    (a >> 22) == (100u << 2 | 1) ||	/* 100.64/10: shared */
	    (a >> 16) == (169u << 8 | 254) ||	/* link-local */
	    (a >> 20) == (172u << 4 | 1) ||	/* 172.16/12 */
	    (a >> 16) == (192u << 8 | 168) ||	/* 192.168/16 */
	    (a >> 28) >= 14;			/* multicast, reserved, broadcast */
}

static int
v6_refused(const struct in6_addr *a)
{
	const unsigned char *b = a->s6_addr;
	if (IN6_IS_ADDR_V4MAPPED(a) || IN6_IS_ADDR_V4COMPAT(a)) {
		uint32_t v4 = (uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
		    (uint32_t)b[14] << 8 | b[15];
		return v4_refused(v4);
	}
	return IN6_IS_ADDR_UNSPECIFIED(a) || IN6_IS_ADDR_LOOPBACK(a) ||
	    IN6_IS_ADDR_LINKLOCAL(a) || IN6_IS_ADDR_SITELOCAL(a) ||
	    IN6_IS_ADDR_MULTICAST(a) || (b[0] & 0xfe) == 0xfc;
}

/* allowed: the address's text is one of allow's entries */
static int
allowed(const char *text, const char *allow)
{
	if (allow == NULL)
		return 0;
	size_t n = strlen(text);
	for (const char *p = allow; *p;) {
		p += strspn(p, " ,");
		size_t w = strcspn(p, " ,");
		if (w == n && strncmp(p, text, n) == 0)
			return 1;
		p += w;
	}
	return 0;
}

int
target_address_ok(const struct sockaddr *sa, const char *allow)
{
	char text[INET6_ADDRSTRLEN];
	int refused;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)
		    (const void *)sa;
		refused = v4_refused(ntohl(in->sin_addr.s_addr));
		inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)
		    (const void *)sa;
		refused = v6_refused(&in6->sin6_addr);
		inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof(text));
	} else
		return 0;
	return !refused || allowed(text, allow);
}

/* host_of: the URL's host (brackets of an IPv6 literal dropped) and its
 * scheme's default port when none is given; -1 for a URL that is not
 * http(s)://host[:port][/...] */
static int
host_of(const char *url, char host[HOST_MAX], char port[8])
{
	const char *p;
	if (strncmp(url, "https://", 8) == 0) {
		p = url + 8;
		strcpy(port, "443");
	} else if (strncmp(url, "http://", 7) == 0) {
		p = url + 7;
		strcpy(port, "80");
	} else
		return -1;
	size_t n = strcspn(p, "/?#");
	if (memchr(p, '@', n))	/* credentials in the URL: refused */
		return -1;
	const char *end = p + n, *colon;
	if (*p == '[') {
		const char *close = memchr(p, ']', n);
		if (close == NULL)
			return -1;
		if ((size_t)(close - p - 1) >= HOST_MAX)
			return -1;
		memcpy(host, p + 1, (size_t)(close - p - 1));
		host[close - p - 1] = '\0';
		colon = close + 1 < end && close[1] == ':' ? close + 1 : NULL;
		if (!colon && close + 1 != end)
			return -1;
	} else {
		colon = memchr(p, ':', n);
		size_t hl = colon ? (size_t)(colon - p) : n;
		if (hl == 0 || hl >= HOST_MAX)
			return -1;
		memcpy(host, p, hl);
		host[hl] = '\0';
	}
	if (colon) {
		size_t pl = (size_t)(end - colon - 1);
		if (pl == 0 || pl > 5 || strspn(colon + 1, "0123456789") < pl)
			return -1;
		memcpy(port, colon + 1, pl);
		port[pl] = '\0';
		if (atoi(port) < 1 || atoi(port) > 65535)
			return -1;
	}
	return host[0] ? 0 : -1;
}

int
target_url_check(const char *url, const char *allow, char *why,
    size_t whylen)
{
	char host[HOST_MAX], port[8];
	if (url == NULL || strlen(url) > 2000 ||
	    strpbrk(url, " \t\r\n") || host_of(url, host, port) < 0) {
		snprintf(why, whylen, "must be an http:// or https:// URL with "
		    "a host (and no user name or password)");
		return -1;
	}
	struct addrinfo hints = { 0 }, *res = NULL;
	hints.ai_socktype = SOCK_STREAM;
	int rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0) {
		snprintf(why, whylen, "the host %s cannot be resolved", host);
		return -1;
	}
	int ok = 1;
	for (struct addrinfo *ai = res; ai && ok; ai = ai->ai_next)
		ok = target_address_ok(ai->ai_addr, allow);
	freeaddrinfo(res);
	if (!ok) {
		snprintf(why, whylen, "the host %s is a loopback, private, "
		    "link-local or otherwise internal address, which webhooks "
		    "may not be sent to", host);
		return -1;
	}
	return 0;
}
