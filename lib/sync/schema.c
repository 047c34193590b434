/* schema.c: the sync record types as tables, and the checks they drive */
#include "sync/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "base/utf8.h"

#define STATUS_UNIT "active|inactive|archived"
#define STATUS_REG "enrolled|active|completed|withdrawn|deferred|cancelled"
#define METHODS "cash|bank_transfer|card|upi|cheque|other"
#define GRADES "A+|A|A-|B+|B|B-|C+|C|C-|D|E|F|P|NP|I|W"

/* Fields in alphabetical order: the canonical JSON follows it. */
static const schema_field unit_fields[] = {
	{ "code", SCHEMA_TEXT, 1, "40", 0, 0, NULL, "the unit's code, as the CRM shows it" },
	{ "credits", SCHEMA_INT, 0, NULL, 0, 1000, NULL, "credit points" },
	{ "id", SCHEMA_ID, 1, NULL, 0, 0, NULL, "the CRM's id of the unit" },
	{ "level", SCHEMA_TEXT, 0, "40", 0, 0, NULL, "the level, e.g. \"Certificate III\"" },
	{ "status", SCHEMA_ENUM, 1, STATUS_UNIT, 0, 0, NULL, "whether it is offered" },
	{ "title", SCHEMA_TEXT, 1, "200", 0, 0, NULL, "the unit's title" },
};

static const schema_field registration_fields[] = {
	{ "end_date", SCHEMA_DATE, 0, NULL, 0, 0, NULL, "the last day" },
	{ "fee", SCHEMA_MONEY, 0, NULL, 0, 0, NULL, "the fee charged, in minor units, with its currency" },
	{ "id", SCHEMA_ID, 1, NULL, 0, 0, NULL, "the CRM's id of the registration" },
	{ "program", SCHEMA_LOOKUP, 0, NULL, 0, 0, NULL, "the program registered for (as the CRM names it), or" },
	{ "start_date", SCHEMA_DATE, 1, NULL, 0, 0, NULL, "the first day" },
	{ "status", SCHEMA_ENUM, 1, STATUS_REG, 0, 0, NULL, "the registration's status" },
	{ "student", SCHEMA_PERSON, 1, NULL, 0, 0, NULL, "the student, whole: id, name and email" },
	{ "unit", SCHEMA_LOOKUP, 0, NULL, 0, 0, "unit", "the unit registered for (synced first)" },
};

static const schema_field payment_fields[] = {
	{ "amount", SCHEMA_MONEY, 1, NULL, 0, 0, NULL, "the amount received, in minor units, with its currency" },
	{ "date", SCHEMA_DATE, 1, NULL, 0, 0, NULL, "the day it was received" },
	{ "id", SCHEMA_ID, 1, NULL, 0, 0, NULL, "the CRM's id of the payment" },
	{ "method", SCHEMA_ENUM, 1, METHODS, 0, 0, NULL, "how it was paid" },
	{ "reference", SCHEMA_TEXT, 0, "100", 0, 0, NULL, "the bank's or card's reference" },
	{ "registration", SCHEMA_LOOKUP, 1, NULL, 0, 0, "registration", "the registration it pays (synced first)" },
};

static const schema_field grade_fields[] = {
	{ "date", SCHEMA_DATE, 1, NULL, 0, 0, NULL, "the day it was awarded" },
	{ "grade", SCHEMA_ENUM, 1, GRADES, 0, 0, NULL, "the grade, from the scale" },
	{ "id", SCHEMA_ID, 1, NULL, 0, 0, NULL, "the CRM's id of the grade" },
	{ "student", SCHEMA_LOOKUP, 1, NULL, 0, 0, "student", "the student (known from a registration)" },
	{ "unit", SCHEMA_LOOKUP, 1, NULL, 0, 0, "unit", "the unit graded (synced first)" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* the sync order: each may name only those before it */
static const schema schemas[] = {
	{ "units", "unit", unit_fields, N(unit_fields), { NULL, NULL },
	    "the units of study a student can register for" },
	{ "registrations", "registration", registration_fields,
	    N(registration_fields), { "program", "unit" },
	    "a student registered for a program or a unit; its fee is invoiced "
	    "to the student (a customer made on first sight)" },
	{ "payments", "payment", payment_fields, N(payment_fields),
	    { NULL, NULL }, "money received for a registration, posted as a "
	    "payment against its invoice" },
	{ "grades", "grade", grade_fields, N(grade_fields), { NULL, NULL },
	    "a student's grade in a unit" },
};

const schema *
schema_all(size_t *n)
{
	*n = N(schemas);
	return schemas;
}

const schema *
schema_find(const char *kind)
{
	for (size_t i = 0; i < N(schemas); i++)
		if (strcmp(schemas[i].kind, kind) == 0)
			return &schemas[i];
	return NULL;
}

void
schema_refuse(cJSON *reasons, const char *field, const char *problem)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "field", field);
	cJSON_AddStringToObject(o, "problem", problem);
	cJSON_AddItemToArray(reasons, o);
}

static int
one_line(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

static size_t
chars(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xc0) != 0x80;
	return n;
}

static int
date_ok(const char *s)
{
	int y, m, d;
	char tail;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3
	    || s[4] != '-' || s[7] != '-' || strspn(s, "0123456789-") != 10)
		return 0;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)));
}

static int
id_ok(const char *s)
{
	size_t n = strlen(s);
	return n >= 1 && n <= 100 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_.:-") == n;
}

static int
word_in(const char *w, const char *words)
{
	size_t n = strlen(w);
	for (const char *p = words; *p;) {
		size_t k = strcspn(p, "|");
		if (k == n && strncmp(p, w, n) == 0)
			return 1;
		p += k + (p[k] == '|');
	}
	return 0;
}

/* whole: an exact whole number (a JSON number with no fraction) */
static int
whole(const cJSON *v, long long *out)
{
	if (!cJSON_IsNumber(v))
		return 0;
	double d = v->valuedouble;
	if (d != (double)(long long)d || d > 9007199254740992.0 ||
	    d < -9007199254740992.0)
		return 0;
	*out = (long long)d;
	return 1;
}

static cJSON *
exact(long long n)
{
	char text[24];
	snprintf(text, sizeof(text), "%lld", n);
	return cJSON_CreateRaw(text);
}

/* text_of: v as a string member that is one line of at most max
 * characters, or NULL with the reason */
static const char *
text_of(const cJSON *v, long max, const char **why)
{
	const char *s = cJSON_GetStringValue(v);
	if (s == NULL)
		*why = "must be text";
	else if (!utf8_valid(s, strlen(s)))
		*why = "must be UTF-8";
	else if (!one_line(s))
		*why = "must be one line, without control characters";
	else if (*s == '\0')
		*why = "must not be empty";
	else if (s[0] == ' ' || s[strlen(s) - 1] == ' ')
		*why = "must not begin or end with a space";
	else if ((long)chars(s) > max)
		*why = "is too long";
	else
		return s;
	return NULL;
}

/* sub: o's member name, with every key of o one of allowed (NULL ends) */
static int
only_keys(const cJSON *o, const char *const *allowed, const char *at,
    cJSON *reasons)
{
	int ok = 1;
	const cJSON *m;
	cJSON_ArrayForEach(m, o) {
		int known = 0;
		for (size_t i = 0; allowed[i]; i++)
			known |= strcmp(m->string, allowed[i]) == 0;
		if (!known) {
			char f[160];
			snprintf(f, sizeof(f), "%s.%s", at, m->string);
			schema_refuse(reasons, f, "is not a field of this record");
			ok = 0;
		}
	}
	return ok;
}

/* field: one field of the record, checked; its canonical value, or NULL
 * (with a reason unless it was simply absent and optional) */
static cJSON *
field(const schema_field *f, const cJSON *v, cJSON *reasons)
{
	const char *why = NULL;
	char at[160];
	long long n;
	const char *s;
	switch (f->type) {
	case SCHEMA_ID:
		if ((s = cJSON_GetStringValue(v)) == NULL)
			why = "must be text (the CRM's id)";
		else if (!id_ok(s))
			why = "must be 1 to 100 letters, digits or _ . : -";
		else
			return cJSON_CreateString(s);
		break;
	case SCHEMA_TEXT:
		if ((s = text_of(v, atol(f->format), &why)) != NULL)
			return cJSON_CreateString(s);
		break;
	case SCHEMA_INT:
		if (cJSON_IsString(v))
			why = "must be a whole number, not text";
		else if (!whole(v, &n))
			why = "must be a whole number";
		else if (n < f->min || n > f->max) {
			snprintf(at, sizeof(at), "must be from %ld to %ld",
			    f->min, f->max);
			schema_refuse(reasons, f->name, at);
			return NULL;
		} else
			return exact(n);
		break;
	case SCHEMA_DATE:
		if ((s = cJSON_GetStringValue(v)) == NULL || !date_ok(s))
			why = "must be a date, YYYY-MM-DD";
		else
			return cJSON_CreateString(s);
		break;
	case SCHEMA_EMAIL:
		if ((s = text_of(v, 254, &why)) == NULL)
			break;
		if (strchr(s, ' ') || !strchr(s, '@') || strchr(s, '@') == s ||
		    !strchr(strchr(s, '@'), '.'))
			why = "must be an email address";
		else
			return cJSON_CreateString(s);
		break;
	case SCHEMA_ENUM:
		if ((s = cJSON_GetStringValue(v)) == NULL || !word_in(s,
		    f->format)) {
			snprintf(at, sizeof(at), "must be one of %s", f->format);
			schema_refuse(reasons, f->name, at);
			return NULL;
		}
		return cJSON_CreateString(s);
	case SCHEMA_MONEY: {
		static const char *const keys[] = { "amount", "currency", NULL };
		if (!cJSON_IsObject(v)) {
			why = "must be {\"amount\": minor units, \"currency\"}";
			break;
		}
		if (!only_keys(v, keys, f->name, reasons))
			return NULL;
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(v, "amount");
		const char *cur = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(v, "currency"));
		int ok = 1;
		snprintf(at, sizeof(at), "%s.amount", f->name);
		if (cJSON_IsString(a))
			schema_refuse(reasons, at, "must be a whole number of minor "
			    "units, not text"), ok = 0;
		else if (!whole(a, &n) || n < 0)
			schema_refuse(reasons, at, "must be a whole number of minor "
			    "units, 0 or more"), ok = 0;
		snprintf(at, sizeof(at), "%s.currency", f->name);
		if (cur == NULL || strlen(cur) != 3 || strspn(cur,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
			schema_refuse(reasons, at, "must be a currency code, e.g. INR"),
			    ok = 0;
		if (!ok)
			return NULL;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, "amount", exact(n));
		cJSON_AddStringToObject(o, "currency", cur);
		return o;
	}
	case SCHEMA_LOOKUP:
	case SCHEMA_PERSON: {
		static const char *const lk[] = { "id", "name", NULL };
		static const char *const pk[] = { "email", "id", "name", NULL };
		int person = f->type == SCHEMA_PERSON;
		if (!cJSON_IsObject(v)) {
			why = person ? "must be {\"id\", \"name\", \"email\"}" :
			    "must be {\"id\", \"name\"}";
			break;
		}
		if (!only_keys(v, person ? pk : lk, f->name, reasons))
			return NULL;
		cJSON *o = cJSON_CreateObject();
		int ok = 1;
		for (const char *const *k = person ? pk : lk; *k; k++) {
			const cJSON *m = cJSON_GetObjectItemCaseSensitive(v, *k);
			snprintf(at, sizeof(at), "%s.%s", f->name, *k);
			const char *w = NULL;
			if (m == NULL || cJSON_IsNull(m)) {
				if (person || strcmp(*k, "id") == 0)
					schema_refuse(reasons, at, "is required"), ok = 0;
				continue;
			}
			s = NULL;
			if (strcmp(*k, "id") == 0) {
				s = cJSON_GetStringValue(m);
				if (s == NULL || !id_ok(s))
					w = "must be the CRM's id: 1 to 100 letters, "
					    "digits or _ . : -";
			} else if (strcmp(*k, "email") == 0) {
				schema_field e = { *k, SCHEMA_EMAIL, 1, NULL, 0, 0,
				    NULL, NULL };
				cJSON *x = field(&e, m, NULL);
				if (x == NULL)
					w = "must be an email address";
				cJSON_Delete(x);
				s = cJSON_GetStringValue(m);
			} else
				s = text_of(m, 200, &w);
			if (w) {
				schema_refuse(reasons, at, w);
				ok = 0;
			} else
				cJSON_AddStringToObject(o, *k, s);
		}
		if (!ok) {
			cJSON_Delete(o);
			return NULL;
		}
		return o;
	}
	}
	if (why && reasons)
		schema_refuse(reasons, f->name, why);
	return NULL;
}

cJSON *
schema_check(const schema *s, const cJSON *rec, cJSON *reasons)
{
	int before = cJSON_GetArraySize(reasons);
	if (!cJSON_IsObject(rec)) {
		schema_refuse(reasons, "", "a record must be a JSON object");
		return NULL;
	}
	/* nothing the schema does not know */
	const cJSON *m;
	cJSON_ArrayForEach(m, rec) {
		int known = 0;
		for (size_t i = 0; i < s->n; i++)
			known |= strcmp(m->string, s->fields[i].name) == 0;
		if (!known)
			schema_refuse(reasons, m->string, "is not a field of this record");
	}
	cJSON *out = cJSON_CreateObject();
	for (size_t i = 0; i < s->n; i++) {
		const schema_field *f = &s->fields[i];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, f->name);
		if (v == NULL || cJSON_IsNull(v)) {
			if (f->required)
				schema_refuse(reasons, f->name, "is required");
			continue;
		}
		cJSON *c = field(f, v, reasons);
		if (c)
			cJSON_AddItemToObject(out, f->name, c);
	}
	if (s->one_of[0] && !cJSON_GetObjectItem(out, s->one_of[0]) &&
	    !cJSON_GetObjectItem(out, s->one_of[1]) &&
	    !cJSON_GetObjectItem(rec, s->one_of[0]) &&
	    !cJSON_GetObjectItem(rec, s->one_of[1])) {
		char why[96];
		snprintf(why, sizeof(why), "a %s or a %s is required",
		    s->one_of[0], s->one_of[1]);
		schema_refuse(reasons, s->one_of[0], why);
	}
	if (cJSON_GetArraySize(reasons) > before) {
		cJSON_Delete(out);
		return NULL;
	}
	return out;
}

cJSON *
schema_from_form(const schema *s, const kv_list *form)
{
	cJSON *rec = cJSON_CreateObject();
	for (size_t i = 0; i < form->n; i++) {
		const char *name = form->items[i].name;
		const char *value = form->items[i].value;
		if (strcmp(name, "csrf_token") == 0)
			continue;
		const char *dot = strchr(name, '.');
		size_t head = dot ? (size_t)(dot - name) : strlen(name);
		const schema_field *f = NULL;
		for (size_t k = 0; k < s->n; k++)
			if (strlen(s->fields[k].name) == head &&
			    strncmp(s->fields[k].name, name, head) == 0)
				f = &s->fields[k];
		/* a form has no types: digits stand for a number where the
		 * schema wants one, and nothing else is turned into one */
		int numeric = value[0] && strspn(value, "0123456789") ==
		    strlen(value) && strlen(value) <= 15;
		cJSON *v;
		if (f && ((f->type == SCHEMA_INT && !dot) || (f->type ==
		    SCHEMA_MONEY && dot && strcmp(dot + 1, "amount") == 0)) &&
		    numeric)
			v = cJSON_CreateRaw(value);
		else
			v = cJSON_CreateString(value);
		if (dot == NULL) {
			cJSON_DeleteItemFromObject(rec, name);
			cJSON_AddItemToObject(rec, name, v);
			continue;
		}
		char key[128];
		snprintf(key, sizeof(key), "%.*s", (int)head, name);
		cJSON *o = cJSON_GetObjectItemCaseSensitive(rec, key);
		if (!cJSON_IsObject(o)) {
			cJSON_DeleteItemFromObject(rec, key);
			o = cJSON_AddObjectToObject(rec, key);
		}
		cJSON_DeleteItemFromObject(o, dot + 1);
		cJSON_AddItemToObject(o, dot + 1, v);
	}
	/* raw items are text to cJSON: read them back as numbers */
	char *text = cJSON_PrintUnformatted(rec);
	cJSON_Delete(rec);
	rec = cJSON_Parse(text);
	cJSON_free(text);
	return rec;
}

void
schema_fingerprint(const cJSON *canonical, char out[65])
{
	char *text = cJSON_PrintUnformatted(canonical);
	unsigned char md[32];
	unsigned int len = 0;
	EVP_Digest(text, strlen(text), md, &len, EVP_sha256(), NULL);
	cJSON_free(text);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static const char *const type_names[] = { "id", "text", "integer", "date",
    "email", "one of", "money", "lookup", "person" };

cJSON *
schema_doc(void)
{
	cJSON *all = cJSON_CreateArray();
	for (size_t i = 0; i < N(schemas); i++) {
		const schema *s = &schemas[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "kind", s->kind);
		cJSON_AddStringToObject(o, "path", s->kind);
		cJSON_AddItemToObject(o, "order", exact((long long)i + 1));
		cJSON_AddStringToObject(o, "description", s->doc);
		cJSON *fs = cJSON_AddArrayToObject(o, "fields");
		for (size_t k = 0; k < s->n; k++) {
			const schema_field *f = &s->fields[k];
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "name", f->name);
			cJSON_AddStringToObject(x, "type", type_names[f->type]);
			cJSON_AddBoolToObject(x, "required", f->required);
			if (f->type == SCHEMA_ENUM)
				cJSON_AddStringToObject(x, "values", f->format);
			if (f->type == SCHEMA_TEXT)
				cJSON_AddItemToObject(x, "max_length",
				    exact(atol(f->format)));
			if (f->type == SCHEMA_INT) {
				cJSON_AddItemToObject(x, "min", exact(f->min));
				cJSON_AddItemToObject(x, "max", exact(f->max));
			}
			if (f->lookup)
				cJSON_AddStringToObject(x, "lookup", f->lookup);
			cJSON_AddStringToObject(x, "description", f->doc);
			cJSON_AddItemToArray(fs, x);
		}
		if (s->one_of[0]) {
			cJSON *one = cJSON_AddArrayToObject(o, "one_of_required");
			cJSON_AddItemToArray(one, cJSON_CreateString(s->one_of[0]));
			cJSON_AddItemToArray(one, cJSON_CreateString(s->one_of[1]));
		}
		cJSON_AddItemToArray(all, o);
	}
	return all;
}
