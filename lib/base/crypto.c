/* crypto.c: hashing, MACs and tokens over OpenSSL and getrandom. */
#include "base/crypto.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

static const char hexd[] = "0123456789abcdef";
static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static const char *
digest_hex(arena *a, const crypto_part *parts, int n, int separate)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	EVP_MD_CTX *h = EVP_MD_CTX_new();
	if (h == NULL)
		abort();
	EVP_DigestInit_ex(h, EVP_sha256(), NULL);
	for (int i = 0; i < n; i++) {
		EVP_DigestUpdate(h, parts[i].data, parts[i].len);
		if (separate)
			EVP_DigestUpdate(h, "", 1);
	}
	EVP_DigestFinal_ex(h, md, &mdlen);
	EVP_MD_CTX_free(h);
	return crypto_hex(a, md, mdlen);
}

const char *
crypto_hex(arena *a, const void *data, size_t n)
{
	const unsigned char *p = data;
	char *hex = arena_alloc(a, 2 * n + 1);
	for (size_t i = 0; i < n; i++) {
		hex[2 * i] = hexd[p[i] >> 4];
		hex[2 * i + 1] = hexd[p[i] & 15];
	}
	return hex;
}

/* random_bytes: nbytes (at most 64) from the kernel's CSPRNG; a failure
 * here cannot be worked around, so the worker stops. */
static void
random_bytes(unsigned char *buf, size_t nbytes)
{
	if (nbytes > 64 || getrandom(buf, nbytes, 0) != (ssize_t)nbytes)
		abort();
}

const char *
crypto_random_hex(arena *a, size_t nbytes)
{
	unsigned char buf[64];
	random_bytes(buf, nbytes);
	return crypto_hex(a, buf, nbytes);
}

const char *
crypto_sha256_hex(arena *a, const crypto_part *parts, int n)
{
	return digest_hex(a, parts, n, 1);
}

const char *
crypto_token_hash(arena *a, const char *token)
{
	crypto_part p = { token, strlen(token) };
	return digest_hex(a, &p, 1, 0);
}

void
crypto_hmac_sha256(const void *key, size_t keylen, const void *data,
    size_t len, unsigned char mac[32])
{
	unsigned maclen = 32;
	if (HMAC(EVP_sha256(), key, (int)keylen, data, len, mac, &maclen) ==
	    NULL)
		abort();
}

const char *
crypto_b64url(arena *a, const void *data, size_t n)
{
	const unsigned char *p = data;
	char *out = arena_alloc(a, (n + 2) / 3 * 4 + 1), *o = out;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		*o++ = b64[v >> 18 & 63];
		*o++ = b64[v >> 12 & 63];
		if (i + 1 < n)
			*o++ = b64[v >> 6 & 63];
		if (i + 2 < n)
			*o++ = b64[v & 63];
	}
	*o = '\0';
	return out;
}

unsigned char *
crypto_b64url_decode(arena *a, const char *s, size_t *len)
{
	size_t n = strlen(s);
	if (n % 4 == 1)
		return NULL;
	unsigned char *out = arena_alloc(a, n * 3 / 4 + 1);
	size_t j = 0;
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		const char *q = strchr(b64, s[i]);
		if (q == NULL)
			return NULL;
		v = (v << 6 | (unsigned)(q - b64)) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[j++] = (unsigned char)(v >> bits & 0xff);
		}
	}
	*len = j;
	return out;
}

const char *
crypto_random_token(arena *a, size_t nbytes)
{
	unsigned char buf[64];
	random_bytes(buf, nbytes);
	return crypto_b64url(a, buf, nbytes);
}

int
crypto_equal(const void *x, const void *y, size_t n)
{
	return CRYPTO_memcmp(x, y, n) == 0;
}

int
crypto_streq(const char *x, const char *y)
{
	size_t n = strlen(x);
	return n == strlen(y) && crypto_equal(x, y, n);
}
