/* idem.h: Idempotency-Key for every POST of the API.
 *
 * The key is claimed by an INSERT inside the request's own transaction, so
 * the stored response exists if and only if the change committed; a
 * concurrent request with the same key waits on that row and then replays
 * the response.  Keys live 24 hours per tenant and credential (the API
 * key, or the user), so two callers' keys never meet.  A key reused for a
 * different request (method, path or body) gets 422. */
#ifndef IDEM_H
#define IDEM_H

struct ctx;

enum idem_result {
	IDEM_PROCEED,	/* run the handler (with or without a key) */
	IDEM_DONE,	/* the response is set: a replay or an error */
};

typedef struct idem_state {
	const char *key;	/* NULL: this request has no key */
	const char *tenant;
	const char *credential;	/* "key:<id>", "user:<id>" or "" */
} idem_state;

/* idem_begin: claims the request's key, or replays the first response. */
int idem_begin(struct ctx *c, idem_state *s);
/* idem_finish: stores the response under the claimed key, in the same
 * transaction; a failure turns the response into an error. */
void idem_finish(struct ctx *c, idem_state *s);

#endif
