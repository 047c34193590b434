/* reply.h: how a handler answers a refusal: the HTTP status of a refusal
 * from lib/ by its SQLSTATE, the one-line summary of the fields refused,
 * the form drawn again with what was typed (under a savepoint, so the
 * refused change is undone but the page can still read), and money shown
 * exactly ({"amount","currency"} for the API, decimal text for a page). */
#ifndef REPLY_H
#define REPLY_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "web/app.h"

/* reply_money_text: minor units as decimal text, in the arena */
const char *reply_money_text(ctx *c, int64_t minor, int digits);

/* reply_ppm_text: parts per million as a percentage ("5", "2.5") */
const char *reply_ppm_text(ctx *c, int64_t ppm);

/* reply_monies: o's amounts under keys (those present) become
 * {"amount","currency"} for the API or decimal text for a page */
void reply_monies(ctx *c, cJSON *o, const char *currency, int digits,
    const char *const *keys);

/* reply_status: the HTTP status of a refusal from lib/ by its SQLSTATE:
 * 404 unknown (P0002), 409 a conflict (40001 a transition not allowed
 * now, 23505, 40P01), 422 a malformed value or broken rule (22..., 23...),
 * 0 anything else (a real failure) */
int reply_status(const db_res *err);

/* reply_failed: the API's answer to a refusal, naming field when given
 * ("" or NULL: none); err is cleared */
void reply_failed(ctx *c, db_res *err, const char *field);

/* reply_answer: reply_failed with the status st already decided
 * (a program that maps one more SQLSTATE of its own); err is cleared */
void reply_answer(ctx *c, db_res *err, int st, const char *field);

/* reply_savepoint, reply_undo: a change that may be refused while the
 * form or page is drawn again in the same transaction; -1 with the
 * response set */
int reply_savepoint(ctx *c);
void reply_undo(ctx *c);

/* reply_typed: the form as it was sent, to draw it again: into form
 * each of keys with its value ("" when not sent), and into rows one
 * object per row of the repeated fields cols (as many rows as the most
 * repeated of them; each member named without its "line_" prefix) */
void reply_typed(ctx *c, cJSON *form, const char *const *keys,
    cJSON *rows, const char *const *cols);

/* reply_row_errors: each row of rows gets "error", the messages that
 * fields holds for "lines[i].<part>" for the n parts, joined by "; ".
 * Rows with neither product nor description are skipped and not
 * counted, as the forms number the lines they read. */
void reply_row_errors(ctx *c, cJSON *rows, const cJSON *fields,
    const char *const *parts, int n);

/* reply_summary: a refusal's one line: the only field's message, or
 * otherwise (NULL: "the change was refused: see the fields marked") */
const char *reply_summary(const cJSON *fields, const char *otherwise);

/* reply_refusal: into d, "fields" (a copy of fields, or {}) and, when
 * there are any, "error" (their summary, see reply_summary) */
void reply_refusal(cJSON *d, const cJSON *fields, const char *otherwise);

/* reply_form: into d, "form" with what was typed under each of keep
 * (or dflt[i] on a form not yet sent, dflt may be NULL), "fields" (a
 * copy of fields, or {}) and "error" (their summary) when any */
void reply_form(ctx *c, cJSON *d, const char *const *keep,
    const char *const *dflt, const cJSON *fields);

/* reply_rows: each row of a list shown: its amounts under keys in its
 * own "currency" and "digits", then "key" and "digits" dropped */
void reply_rows(ctx *c, cJSON *items, const char *const *keys);

#endif
