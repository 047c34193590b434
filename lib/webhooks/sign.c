/* sign.c: Standard Webhooks signatures with OpenSSL's HMAC and base64 */
#include "webhooks/sign.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "base/crypto.h"

/* key_of: the secret's key bytes (its base64 part decoded) into key;
 * their number, or -1 when the secret is malformed */
static int
key_of(const char *secret, unsigned char key[64])
{
	size_t plen = strlen(SIGN_SECRET_PREFIX);
	if (strncmp(secret, SIGN_SECRET_PREFIX, plen) != 0)
		return -1;
	const char *b64 = secret + plen;
	size_t n = strlen(b64);
	/* 24..64 bytes: 32..88 base64 characters, whole quanta */
	if (n < 32 || n > 88 || n % 4 != 0 ||
	    strspn(b64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/=") != n)
		return -1;
	unsigned char tmp[66];
	int got = EVP_DecodeBlock(tmp, (const unsigned char *)b64, (int)n);
	if (got < 0)
		return -1;
	/* EVP_DecodeBlock counts the padding as zero bytes */
	if (b64[n - 1] == '=')
		got--;
	if (b64[n - 2] == '=')
		got--;
	if (got < 24 || got > 64)
		return -1;
	memcpy(key, tmp, (size_t)got);
	return got;
}

int
sign_secret_ok(const char *secret)
{
	unsigned char key[64];
	return secret && key_of(secret, key) > 0;
}

int
sign_secret_new(char out[SIGN_SECRET_MAX])
{
	unsigned char raw[SIGN_SECRET_BYTES];
	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return -1;
	size_t plen = strlen(SIGN_SECRET_PREFIX);
	memcpy(out, SIGN_SECRET_PREFIX, plen);
	EVP_EncodeBlock((unsigned char *)out + plen, raw, sizeof(raw));
	return 0;
}

int
sign_append(buf *b, const char *secret, const char *msg_id,
    long long timestamp, const char *body, size_t len)
{
	unsigned char key[64];
	int klen = key_of(secret, key);
	if (klen < 0)
		return -1;
	char ts[24];
	snprintf(ts, sizeof(ts), "%lld", timestamp);
	/* the signed content is id.timestamp.body, exactly as sent */
	buf msg = BUF_INIT(len + strlen(msg_id) + sizeof(ts) + 2);
	unsigned char mac[32];
	int ok = buf_printf(&msg, "%s.%s.", msg_id, ts) == 0 &&
	    buf_append(&msg, body, len) == 0;
	if (ok)
		crypto_hmac_sha256(key, (size_t)klen, msg.data, msg.len, mac);
	buf_free(&msg);
	if (!ok)
		return -1;
	char enc[4 * ((32 + 2) / 3) + 1];
	EVP_EncodeBlock((unsigned char *)enc, mac, 32);
	return buf_printf(b, "%sv1,%s", b->len ? " " : "", enc);
}
