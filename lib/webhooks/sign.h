/* sign.h: Standard Webhooks signatures.
 *
 * A delivery carries webhook-id (the same on every retry, so a receiver
 * drops duplicates), webhook-timestamp (Unix seconds) and
 * webhook-signature: "v1,<base64 HMAC-SHA256>" of "id.timestamp.body",
 * keyed by the secret's base64 part decoded.  While a rotated secret is
 * still valid the header holds one v1 entry per secret, space-separated. */
#ifndef SIGN_H
#define SIGN_H

#include <stddef.h>

#include "base/buf.h"

#define SIGN_SECRET_PREFIX "whsec_"
#define SIGN_SECRET_BYTES 24	/* random bytes in a new secret */
#define SIGN_SECRET_MAX 96	/* "whsec_" + base64 of up to 64 bytes, NUL */

/* sign_secret_new: a fresh secret, "whsec_" + base64 of 24 random bytes,
 * into out (SIGN_SECRET_MAX).  0, or -1 when the system has no entropy. */
int sign_secret_new(char out[SIGN_SECRET_MAX]);

/* sign_secret_ok: 1 when secret is "whsec_" + valid base64 of 24 to 64
 * bytes */
int sign_secret_ok(const char *secret);

/* sign_append: appends "v1,<base64>" for the message to b, after a space
 * when b is not empty (a second secret during rotation).  0, or -1 for a
 * malformed secret or a full buffer. */
int sign_append(buf *b, const char *secret, const char *msg_id,
    long long timestamp, const char *body, size_t len);

#endif
