/* schema.h: the records a CRM pushes, declared once as data.
 *
 * Each record type (units, registrations, payments, grades) is a table of
 * fields: name, type, whether it is required, its format, and for a
 * lookup the record type it names.  The same table checks input (every
 * problem listed, field by field; nothing guessed, trimmed or coerced:
 * "1,500" for a number is refused, not parsed), builds the record's
 * canonical JSON (sorted keys, integers as digits, dates as YYYY-MM-DD)
 * whose SHA-256 is its fingerprint, and documents the schema
 * (GET /api/v1/sync/schemas). */
#ifndef SCHEMA_H
#define SCHEMA_H

#include <stddef.h>

#include <cJSON.h>

#include "base/kv.h"

enum schema_type {
	SCHEMA_ID,	/* the source's id: 1..100 of [A-Za-z0-9_.:-] */
	SCHEMA_TEXT,	/* one line of text, at most max characters */
	SCHEMA_INT,	/* a whole number from min to max */
	SCHEMA_DATE,	/* YYYY-MM-DD, a real day */
	SCHEMA_EMAIL,
	SCHEMA_ENUM,	/* one of format's words, "a|b|c" */
	SCHEMA_MONEY,	/* {"amount": minor units, "currency": "INR"} */
	SCHEMA_LOOKUP,	/* {"id": ..., "name"?: ...} of record type lookup */
	SCHEMA_PERSON,	/* {"id", "name", "email"}: a student, given whole */
};

typedef struct schema_field {
	const char *name;
	enum schema_type type;
	int required;
	const char *format;	/* an enum's words; a text's max length */
	long min, max;		/* an integer's range */
	const char *lookup;	/* the record type a lookup names */
	const char *doc;	/* what it is, for the documentation */
} schema_field;

typedef struct schema {
	const char *kind;	/* "units", as in /api/v1/sync/units */
	const char *record;	/* "unit": what a lookup calls it */
	const schema_field *fields;
	size_t n;
	/* one of these lookups is required (registrations: program or
	 * unit), or NULL */
	const char *one_of[2];
	const char *doc;
} schema;

/* schema_find: the schema of kind ("units"), or NULL */
const schema *schema_find(const char *kind);

/* schema_all: every schema, in the sync order; their number into *n */
const schema *schema_all(size_t *n);

/* schema_check: rec (a JSON object) against s.  Returns the canonical
 * record (the caller deletes it), or NULL with every problem added to
 * reasons (an array of {"field","problem"}). */
cJSON *schema_check(const schema *s, const cJSON *rec, cJSON *reasons);

/* schema_refuse: {"field", "problem"} added to reasons, the one shape
 * every refusal of a record takes */
void schema_refuse(cJSON *reasons, const char *field, const char *problem);

/* schema_from_form: a form's fields as the JSON record they stand for:
 * lookups and money as dotted names (student.id, fee.amount), integers
 * as their digits (anything else stays text and is refused by
 * schema_check).  The caller deletes it. */
cJSON *schema_from_form(const schema *s, const kv_list *form);

/* schema_fingerprint: the SHA-256 (hex, 65 bytes) of the canonical
 * record's JSON */
void schema_fingerprint(const cJSON *canonical, char out[65]);

/* schema_doc: every schema as JSON, for the documentation */
cJSON *schema_doc(void);

#endif
