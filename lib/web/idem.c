/* idem.c: idempotent POSTs, stored in PostgreSQL with the change. */
#include "web/idem.h"

#include <stdio.h>
#include <string.h>

#include "web/app.h"
#include "base/crypto.h"
#include "base/log.h"

/* Requests made before sign-in share the nil tenant. */
#define NO_TENANT "00000000-0000-0000-0000-000000000000"

static const char *
request_hash(ctx *c)
{
	const crypto_part parts[] = {
		{ c->req.method, strlen(c->req.method) },
		{ c->req.path, strlen(c->req.path) },
		{ c->req.raw_query, strlen(c->req.raw_query) },
		{ c->req.body, c->req.body_len },
	};
	return crypto_sha256_hex(c->a, parts, 4);
}

/* credential: who sent the key: an API key by its id, anyone else signed
 * in by their user id; "" before sign-in */
static const char *
credential(ctx *c)
{
	if (c->auth == AUTH_API_KEY && c->api_key_id)
		return arena_printf(c->a, "key:%s", c->api_key_id);
	if (c->user_id)
		return arena_printf(c->a, "user:%s", c->user_id);
	return "";
}

static int
key_ok(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > 255)
		return 0;
	for (; *k; k++)
		if (*k < 0x21 || *k > 0x7e)
			return 0;
	return 1;
}

int
idem_begin(ctx *c, idem_state *s)
{
	memset(s, 0, sizeof(*s));
	const char *key = http_header(&c->req, "Idempotency-Key");
	if (key == NULL || strcmp(c->req.method, "POST") != 0)
		return IDEM_PROCEED;
	if (!key_ok(key)) {
		app_error(c, 400, "bad_request", "Idempotency-Key must be 1 to "
		    "255 visible ASCII characters", NULL);
		return IDEM_DONE;
	}
	const char *tenant = c->tenant_id ? c->tenant_id : NO_TENANT;
	const char *hash = request_hash(c);
	const char *cred = credential(c);
	/* an expired key is as good as new */
	db_res r;
	const char *p[4] = { tenant, key, hash, cred };
	const char *pk[3] = { tenant, key, cred };
	if (db_exec(c->db, &r, "DELETE FROM idempotency_keys WHERE "
	    "tenant_id = $1 AND key = $2 AND credential = $3 AND "
	    "created_at < now() - interval '24 hours'", 3, pk) < 0)
		goto dberr;
	db_res_clear(&r);
	if (db_exec(c->db, &r, "INSERT INTO idempotency_keys "
	    "(tenant_id, key, request_hash, credential) VALUES ($1, $2, $3, "
	    "$4) ON CONFLICT (tenant_id, credential, key) DO NOTHING "
	    "RETURNING 1", 4, p) < 0)
		goto dberr;
	int claimed = r.rows == 1;
	db_res_clear(&r);
	if (claimed) {
		s->key = key;
		s->tenant = tenant;
		s->credential = cred;
		return IDEM_PROCEED;
	}
	if (db_exec(c->db, &r, "SELECT request_hash, status, content_type, "
	    "body, location FROM idempotency_keys "
	    "WHERE tenant_id = $1 AND key = $2 AND credential = $3", 3, pk) < 0)
		goto dberr;
	if (r.rows != 1 || strcmp(db_text(&r, 0, 0), hash) != 0) {
		db_res_clear(&r);
		app_error(c, 422, "idempotency_key_reused", "this "
		    "Idempotency-Key was used for a different request", NULL);
		return IDEM_DONE;
	}
	int64_t status;
	if (db_i64(&r, 0, 1, &status) < 0 || db_isnull(&r, 0, 2) ||
	    db_isnull(&r, 0, 3)) {
		/* claimed but never answered: cannot happen while the claim
		 * and the answer share a transaction; refuse, never guess */
		db_res_clear(&r);
		app_error(c, 409, "conflict", "a request with this "
		    "Idempotency-Key has no stored answer", NULL);
		return IDEM_DONE;
	}
	resp_reset(&c->resp, 1);
	c->resp.status = (int)status;
	c->resp.content_type = arena_strdup(c->a, db_text(&r, 0, 2));
	buf_puts(&c->resp.body, db_text(&r, 0, 3));
	if (!db_isnull(&r, 0, 4))
		resp_header(c->a, &c->resp, "Location", db_text(&r, 0, 4));
	resp_header(c->a, &c->resp, "Idempotent-Replayed", "true");
	db_res_clear(&r);
	return IDEM_DONE;
dberr:
	app_db_error(c, &r);
	db_res_clear(&r);
	return IDEM_DONE;
}

void
idem_finish(ctx *c, idem_state *s)
{
	if (s->key == NULL)
		return;
	char status[16];
	snprintf(status, sizeof(status), "%d", c->resp.status);
	const char *p[7] = { s->tenant, s->key, status,
	    c->resp.content_type ? c->resp.content_type : "text/plain",
	    buf_str(&c->resp.body), kv_get_ci(&c->resp.headers, "Location"),
	    s->credential };
	db_res r;
	if (db_exec(c->db, &r, "UPDATE idempotency_keys SET status = $3, "
	    "content_type = $4, body = $5, location = $6 "
	    "WHERE tenant_id = $1 AND key = $2 AND credential = $7 "
	    "RETURNING 1", 7, p) < 0)
		app_db_error(c, &r);
	else if (r.rows != 1) {
		log_event("error", "idempotency key vanished before its answer");
		app_error(c, 500, "internal", "an internal error occurred",
		    NULL);
	}
	db_res_clear(&r);
}
