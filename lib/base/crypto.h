/* crypto.h: the few primitives Bursar builds on, over OpenSSL: SHA-256,
 * HMAC-SHA-256, random tokens, base64url and a constant-time compare.
 * Results live in the caller's arena. */
#ifndef CRYPTO_H
#define CRYPTO_H

#include <stddef.h>

#include "base/arena.h"

typedef struct crypto_part {
	const void *data;
	size_t len;
} crypto_part;

/* crypto_sha256_hex: lower-case hex SHA-256 over the parts, in order;
 * each part is followed by a NUL so that ("ab","c") and ("a","bc")
 * differ. */
const char *crypto_sha256_hex(arena *a, const crypto_part *parts, int n);
/* crypto_token_hash: the plain hex SHA-256 of a token: what Bursar
 * stores instead of the token (sha256(token) in SQL too). */
const char *crypto_token_hash(arena *a, const char *token);
/* crypto_hmac_sha256: the 32-byte MAC of data under key into mac. */
void crypto_hmac_sha256(const void *key, size_t keylen, const void *data,
    size_t len, unsigned char mac[32]);
/* crypto_hex: lower-case hex of n bytes. */
const char *crypto_hex(arena *a, const void *data, size_t n);
/* crypto_random_hex: nbytes from the kernel's CSPRNG, as hex. */
const char *crypto_random_hex(arena *a, size_t nbytes);
/* crypto_random_token: nbytes from the kernel's CSPRNG, base64url. */
const char *crypto_random_token(arena *a, size_t nbytes);
/* crypto_b64url: base64url without padding of data. */
const char *crypto_b64url(arena *a, const void *data, size_t len);
/* crypto_b64url_decode: the bytes, or NULL for malformed input. */
unsigned char *crypto_b64url_decode(arena *a, const char *s, size_t *len);
/* crypto_equal: 1 when the n bytes are equal, in time independent of
 * where they differ. */
int crypto_equal(const void *x, const void *y, size_t n);
/* crypto_streq: crypto_equal for two NUL-terminated strings (their
 * lengths are not secret). */
int crypto_streq(const char *x, const char *y);

#endif
