/* field.h: a request's fields read and checked: a value that came as JSON
 * or from a form or the query, as text, an exact integer, a yes/no or a
 * date, and a refusal that names the field.  Written once so that every
 * program reads its input alike. */
#ifndef FIELD_H
#define FIELD_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "web/app.h"

/* field_query: a query parameter, NULL when absent or empty */
const char *field_query(const ctx *c, const char *name);

/* field_blank: s is NULL or "" */
int field_blank(const char *s);

/* field_refuse: 422 naming one field */
void field_refuse(ctx *c, const char *field, const char *msg);

/* field_known: JSON bodies carry only the fields a route knows.  spec
 * names them, separated by spaces; "name[a b]" also names the members of
 * the objects under name (one object, or each object of a list), and "*"
 * lets a level hold anything (a free-form object).  Every other member,
 * at any depth, is refused: 0 when none (or the body is not JSON), else
 * -1 with a 422 whose fields name each one ("lines[1].total_cost").  A
 * total sent where none is known is refused as computed by Bursar. */
int field_known(ctx *c, const char *spec);

/* field_known_in: the same check of the object o under the name at
 * (NULL or "" for the top) into fields; the number refused */
int field_known_in(ctx *c, const cJSON *o, const char *at, const char *spec,
    cJSON *fields);

/* field_clean: every text of the request body (form fields, JSON strings
 * at any depth) is free of control characters, so a name or subject
 * cannot carry a line break into a mail header or a log line.  Fields
 * that hold prose (field_multiline) may hold tabs and line breaks;
 * passwords are left as typed.  0, or -1 with a 422 naming the field. */
int field_clean(ctx *c);

/* field_multiline: 1 when the field name (a form's "line_notes" or a
 * JSON member's last name) holds prose that may run over lines */
int field_multiline(const char *name);

/* field_arg: member name of the JSON object o as text (a string, or an
 * integer), or the form field name when o is NULL; NULL when absent, ""
 * for null, "?" for a JSON value of another kind */
const char *field_arg(ctx *c, const cJSON *o, const char *name);

/* field_text: field_arg that must be a string (or null); refused
 * into fields under field otherwise */
const char *field_text(ctx *c, const cJSON *o, const char *name,
    const char *field, cJSON *fields);

/* field_int: a whole number (a JSON integer, or typed in a form) into
 * *out: 1 when given, 0 when absent or refused into fields */
int field_int(ctx *c, const cJSON *o, const char *name, const char *field,
    int64_t *out, cJSON *fields);

/* field_bool: member name as true or false (a form's "yes", "on", ...)
 * into *out (0 when absent); refused into fields */
void field_bool(ctx *c, const cJSON *o, const char *name, int *out,
    cJSON *fields);

/* field_nth: the i-th value of a repeated form field */
const char *field_nth(const kv_list *l, const char *name, size_t i);

/* field_one_of: v is one of allowed (NULL-terminated) */
int field_one_of(const char *v, const char *const *allowed);

/* field_span: a list's "from" and "to", when given, are dates; -1
 * with the 422 naming the first that is not */
int field_span(ctx *c, const char *from, const char *to);

/* field_get: the request's field name as text: a JSON string, true
 * or false ("true", "false") or integer in its text form, else the form
 * field; NULL when absent or JSON null; "?" for a JSON value of another
 * kind */
const char *field_get(ctx *c, const char *name);

/* field_string: the string member key of o, or the text of an exact
 * integer (api_int), for a form to show; "" when absent or another kind */
const char *field_string(const cJSON *o, const char *key);

/* field_exact: an exact integer item, raw JSON text (api_int) or a
 * number, into *out; 0 or -1 */
int field_exact(const cJSON *v, int64_t *out);

/* field_chars: the number of UTF-8 characters of s (0 for NULL) */
size_t field_chars(const char *s);

/* field_date_ok: 1 for a calendar date written YYYY-MM-DD (years 1900 to
 * 9999); 0 otherwise. */
int field_date_ok(const char *text);

/* field_flag: a yes/no field: "true", "1", "on", "yes" (1) or "false",
 * "0", "off", "no", "" and absent (0).  0, or -1 for anything else. */
int field_flag(const char *text, int *out);

#endif
