/* kit.h: helpers the integration tests share.  Each asserts with Check:
 * a failure ends the test that called it. */
#ifndef KIT_H
#define KIT_H

#include <stdint.h>

#include <cJSON.h>

#include "client.h"

/* body_json: the reply's body parsed (the caller deletes it). */
cJSON *body_json(const reply *r);
/* jstr: a string member by "key" or "outer.key"; NULL when absent. */
const char *jstr(const cJSON *j, const char *path);
/* unique: a name no earlier run used (the suite shares one database);
 * valid until eight more calls. */
const char *unique(const char *prefix);
/* take_access: the access token of a token-bearing reply (malloc'd); the
 * reply is freed. */
char *take_access(reply *r);
/* sign_up, sign_up_in: a new business (EUR, or the given base currency)
 * through the API, its owner's password "blue7Horse!fence"; returns the
 * owner's access token (malloc'd). */
char *sign_up(const char *slug, const char *email);
char *sign_up_in(const char *slug, const char *email, const char *currency);
/* get_json: GET path with a bearer token, asserting the status; the body
 * parsed (the caller deletes it). */
cJSON *get_json(const char *path, const char *token, long want);
/* post_json: a JSON POST; returns the status, r holds the reply. */
long post_json(const char *path, const char *bearer, const char *body,
    reply *r);

/* Commerce fixtures (parties.c's API).  kit_party: a new party through
 * POST /api/v1/parties; kind "customer", "supplier" or "both"; currency
 * NULL for the business's base currency.  kit_product: a new product with
 * one price (minor units of currency); tax_group NULL or "" for untaxed;
 * tracked 1 for goods, 0 for a service.  Both assert the 201 and return
 * the new id (malloc'd). */
char *kit_party(const char *token, const char *kind, const char *name,
    const char *currency);
char *kit_product(const char *token, const char *sku, int64_t price_minor,
    const char *currency, const char *tax_group, int tracked);

/* kit_receive: qty units of sku received into the first location at a
 * total cost of value_minor (base-currency minor units) through POST
 * /api/v1/stock/receipts (posted against '@capital'); asserts the 201. */
void kit_receive(const char *token, const char *sku, int64_t qty,
    int64_t value_minor);

/* kit_adm: one statement (printf-style) as the database's owner, past the
 * tenant walls; asserts it ran; its first value (malloc'd, NULL for
 * none).  kit_adm_int: that value as a number (0 for none). */
char *kit_adm(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
long long kit_adm_int(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* kit_adm_count: the number the owner's connection reads with sql and
 * its first n of the parameters a, b, c (any may be NULL); asserts it
 * ran; -1 for none */
long long kit_adm_count(const char *sql, int n, const char *a,
    const char *b, const char *c);

/* kit_call: a JSON request that must answer want; its body parsed (the
 * caller deletes it), NULL when the reply has none.  kit_post: a POST. */
cJSON *kit_call(const char *method, const char *path, const char *token,
    const char *body, long want);
cJSON *kit_post(const char *path, const char *token, const char *body,
    long want);

/* kit_refused: a request that must answer want with an error naming
 * field among its fields (field NULL: any error) */
void kit_refused(const char *method, const char *path, const char *token,
    const char *body, long want, const char *field);

/* kit_page: GET path as a browser signed in with token, asserting the
 * status want; r holds the reply.  kit_form: a form POSTed (body
 * urlencoded) the same way, whatever its status. */
void kit_page(const char *path, const char *token, long want, reply *r);
void kit_form(const char *path, const char *token, const char *body,
    reply *r);

/* kit_try_token: a sign-in at /api/v1/auth/token; its status, the reply
 * in r.  kit_token: one that must succeed: the access token (malloc'd). */
long kit_try_token(const char *slug, const char *email, const char *pw,
    reply *r);
char *kit_token(const char *slug, const char *email, const char *pw);

/* A browser signed in at /app/login: its session cookie and the token its
 * forms carry, read off page.  kit_browser_post: a form it sends (fields
 * urlencoded), its token first. */
typedef struct kit_browser {
	char cookie[256], csrf[128];
} kit_browser;
void kit_browser_in(kit_browser *b, const char *slug, const char *email,
    const char *page);
void kit_browser_post(const kit_browser *b, const char *path,
    const char *fields, reply *r);

/* kit_num: the number o.key, asserted to be one.  kit_amount: the minor
 * units of the money object o.key ({"amount","currency"}). */
long long kit_num(const cJSON *o, const char *key);
long long kit_amount(const cJSON *o, const char *key);

/* A business of a test's own: its owner's token (malloc'd) and its id. */
typedef struct kit_biz {
	char *token;
	char id[37];
} kit_biz;

/* kit_business: a new business in currency, its slug unique(tag) and its
 * owner owner@<tag>.test */
void kit_business(kit_biz *b, const char *tag, const char *currency);

/* kit_balance: debits less credits on b's account with code, over its
 * whole journal.  kit_events: b's outbox events of type. */
long long kit_balance(const kit_biz *b, const char *code);
long long kit_events(const kit_biz *b, const char *type);

/* kit_fy: the financial year, by its first calendar year, of an Indian
 * business today (April starts it) */
int kit_fy(void);

#endif
