/* record.h: what the record modules (lib/party, lib/product, lib/stock_view)
 * do alike inside a request: run a statement whose failure becomes the
 * response, read one value, count typed characters, look up a currency's
 * minor units, and record a change's event with its audit entry. */
#ifndef RECORD_H
#define RECORD_H

#include <stddef.h>

#include <cJSON.h>

#include "app.h"
#include "db.h"

/* record_run: db_exec over the request's connection; on failure the
 * response is the database's error and r holds nothing.  r may be NULL
 * when the result is not wanted.  0 or -1. */
int record_run(struct ctx *c, db_res *r, const char *sql, int n,
    const char *const *p);

/* record_text: the first column of the first row of sql into out (""
 * when there is no row); 0, or -1 with the response set */
int record_text(struct ctx *c, const char *sql, int n, const char *const *p,
    char *out, size_t outlen);

/* record_chars: the number of UTF-8 characters of s (0 for NULL) */
size_t record_chars(const char *s);

/* record_digits: the minor units of currency code into *digits: 0; 1
 * when code is not a known currency code (*digits 0); -1 with the
 * response set */
int record_digits(struct ctx *c, const char *code, int *digits);

/* record_event: the event type with payload (kept by the caller) in the
 * request's transaction; 0, or -1 with the response set */
int record_event(struct ctx *c, const char *type, const cJSON *payload);

/* record_announce: record_event(type, after) and the audit entry of
 * type on subject id; before and after are freed here.  0, or -1 with
 * the response set. */
int record_announce(struct ctx *c, const char *type, const char *subject,
    const char *id, cJSON *before, cJSON *after);

#endif
