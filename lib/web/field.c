/* field.c: a request's fields read, checked and refused by name */
#include "web/field.h"

#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/form.h"
#include "base/utf8.h"

const char *
field_query(const ctx *c, const char *name)
{
	const char *v = kv_get(&c->req.query, name);
	return v && *v ? v : NULL;
}

int
field_blank(const char *s)
{
	return s == NULL || *s == '\0';
}

void
field_refuse(ctx *c, const char *field, const char *msg)
{
	cJSON *f = cJSON_CreateObject();
	api_field(f, field, msg);
	app_error(c, 422, "invalid", arena_printf(c->a, "%s: %s", field, msg),
	    f);
}

/* spec_find: whether key is named at this level of spec (which ends at
 * its closing ']' or NUL); *sub the start of its members' spec, or NULL */
static int
spec_find(const char *spec, const char *key, const char **sub)
{
	size_t kn = strlen(key);
	const char *p = spec;
	*sub = NULL;
	while (*p && *p != ']') {
		while (*p == ' ')
			p++;
		const char *name = p;
		while (*p && *p != ' ' && *p != '[' && *p != ']')
			p++;
		size_t n = (size_t)(p - name);
		int hit = (n == kn && strncmp(name, key, n) == 0) ||
		    (n == 1 && *name == '*');
		if (*p == '[') {
			if (hit && n == kn)
				*sub = p + 1;
			/* skip the nested level, brackets balanced */
			int depth = 0;
			do {
				if (*p == '[')
					depth++;
				else if (*p == ']')
					depth--;
				p++;
			} while (*p && depth > 0);
		}
		if (hit && n > 0)
			return 1;
	}
	return 0;
}

/* totals: what a document computes; a client never sends them */
static int
is_total(const char *key)
{
	static const char *const t[] = { "total", "subtotal", "net", "tax",
	    "tax_total", "total_tax", "gross", "grand_total", "amount_due",
	    "balance", "paid", "line_total", NULL };
	return field_one_of(key, t);
}

int
field_known_in(ctx *c, const cJSON *o, const char *at, const char *spec,
    cJSON *fields)
{
	int bad = 0;
	const cJSON *m;
	if (!cJSON_IsObject(o))
		return 0;
	cJSON_ArrayForEach(m, o) {
		const char *sub;
		const char *path = field_blank(at) ? m->string :
		    arena_printf(c->a, "%s.%s", at, m->string);
		if (!spec_find(spec, m->string, &sub)) {
			api_field(fields, path, is_total(m->string) ?
			    "totals are computed by Bursar: leave them out" :
			    "not a field of this request");
			bad++;
			continue;
		}
		if (sub == NULL)
			continue;
		if (cJSON_IsObject(m)) {
			bad += field_known_in(c, m, path, sub, fields);
			continue;
		}
		const cJSON *x;
		size_t i = 0;
		if (cJSON_IsArray(m))
			cJSON_ArrayForEach(x, m)
				bad += field_known_in(c, x, arena_printf(c->a,
				    "%s[%zu]", path, i++), sub, fields);
	}
	return bad;
}

int
field_known(ctx *c, const char *spec)
{
	if (c->req.json == NULL)
		return 0;
	cJSON *fields = cJSON_CreateObject();
	if (field_known_in(c, c->req.json, NULL, spec, fields) == 0) {
		cJSON_Delete(fields);
		return 0;
	}
	const cJSON *first = fields->child;
	app_error(c, 422, "invalid", arena_printf(c->a, "%s: %s",
	    first->string, first->valuestring), fields);
	return -1;
}

int
field_multiline(const char *name)
{
	static const char *const prose[] = { "notes", "memo", "description",
	    "address", "payment_instructions", "reason", "comment", NULL };
	if (strncmp(name, "line_", 5) == 0)
		name += 5;
	return field_one_of(name, prose);
}

/* exempt: values checked as typed, never shown or sent in a header;
 * "next" is checked where it is used (a bad one means the default page) */
static int
exempt(const char *name)
{
	static const char *const as_typed[] = { "password", "current_password",
	    "next", NULL };
	return field_one_of(name, as_typed);
}

/* dirty: the path of the first text under v (named at) holding a control
 * character it may not, or NULL */
static const char *
dirty(ctx *c, const cJSON *v, const char *name, const char *at)
{
	if (cJSON_IsString(v))
		return !exempt(name) && utf8_control(v->valuestring,
		    field_multiline(name)) >= 0 ? at : NULL;
	const cJSON *m;
	size_t i = 0;
	cJSON_ArrayForEach(m, v) {
		const char *bad;
		if (cJSON_IsObject(v))
			bad = dirty(c, m, m->string, at ? arena_printf(c->a,
			    "%s.%s", at, m->string) : m->string);
		else
			bad = dirty(c, m, name, arena_printf(c->a, "%s[%zu]",
			    at ? at : "", i));
		i++;
		if (bad)
			return bad;
	}
	return NULL;
}

int
field_clean(ctx *c)
{
	const char *bad = NULL;
	if (c->req.json)
		bad = dirty(c, c->req.json, "", NULL);
	for (size_t i = 0; bad == NULL && i < c->req.form.n; i++) {
		const kv_pair *f = &c->req.form.items[i];
		if (!exempt(f->name) && utf8_control(f->value,
		    field_multiline(f->name)) >= 0)
			bad = f->name;
	}
	if (bad == NULL)
		return 0;
	field_refuse(c, bad, field_multiline(strrchr(bad, '.') ?
	    strrchr(bad, '.') + 1 : bad) ? "no control characters other than "
	    "tabs and line breaks" : "one line of text, without line breaks "
	    "or control characters");
	return -1;
}

const char *
field_arg(ctx *c, const cJSON *o, const char *name)
{
	if (o == NULL)
		return http_arg(&c->req, name);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (v == NULL)
		return NULL;
	if (cJSON_IsNull(v))
		return "";
	if (cJSON_IsString(v))
		return v->valuestring;
	int64_t n;
	if (cJSON_IsNumber(v) && api_get_int(v, &n) == 0)
		return arena_printf(c->a, "%lld", (long long)n);
	return "?";
}

const char *
field_text(ctx *c, const cJSON *o, const char *name, const char *field,
    cJSON *fields)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, name) : NULL;
	if (o && v && !cJSON_IsString(v) && !cJSON_IsNull(v)) {
		api_field(fields, field, "a string");
		return NULL;
	}
	return field_arg(c, o, name);
}

int
field_int(ctx *c, const cJSON *o, const char *name, const char *field,
    int64_t *out, cJSON *fields)
{
	if (o) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
		if (v == NULL || cJSON_IsNull(v))
			return 0;
		if (!cJSON_IsNumber(v) || api_get_int(v, out) < 0) {
			api_field(fields, field, "a whole number");
			return 0;
		}
		return 1;
	}
	const char *s = field_arg(c, NULL, name);
	if (field_blank(s))
		return 0;
	char *end;
	long long n = strtoll(s, &end, 10);
	if (*end || end == s) {
		api_field(fields, field, "a whole number");
		return 0;
	}
	*out = n;
	return 1;
}

void
field_bool(ctx *c, const cJSON *o, const char *name, int *out,
    cJSON *fields)
{
	*out = 0;
	if (o == NULL) {
		if (field_flag(http_arg(&c->req, name), out) < 0)
			api_field(fields, name, "yes or no");
		return;
	}
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (v && !cJSON_IsBool(v) && !cJSON_IsNull(v))
		api_field(fields, name, "true or false");
	else
		*out = cJSON_IsTrue(v);
}

const char *
field_nth(const kv_list *l, const char *name, size_t i)
{
	for (size_t k = 0; k < l->n; k++)
		if (strcmp(l->items[k].name, name) == 0 && i-- == 0)
			return l->items[k].value;
	return NULL;
}

const char *
field_get(ctx *c, const char *name)
{
	const cJSON *v = c->req.json ? cJSON_GetObjectItemCaseSensitive(
	    c->req.json, name) : NULL;
	if (v == NULL || cJSON_IsString(v))
		return http_arg(&c->req, name);
	if (cJSON_IsNull(v))
		return NULL;
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "true" : "false";
	int64_t n;
	if (cJSON_IsNumber(v))
		return api_get_int(v, &n) == 0 ? arena_printf(c->a, "%lld",
		    (long long)n) : "?";
	return "?";
}

const char *
field_string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(o, key);
	/* query_rows gives '#' columns as raw number text (exact past 2^53;
	 * valueint of a raw item is 0): a form shows that text */
	return cJSON_IsString(v) || (cJSON_IsRaw(v) && v->valuestring) ?
	    v->valuestring : "";
}

int
field_exact(const cJSON *v, int64_t *out)
{
	if (cJSON_IsRaw(v) && v->valuestring) {
		char *end;
		*out = strtoll(v->valuestring, &end, 10);
		return *end == '\0' ? 0 : -1;
	}
	return api_get_int(v, out);
}

int
field_one_of(const char *v, const char *const *allowed)
{
	for (int i = 0; allowed[i]; i++)
		if (strcmp(v, allowed[i]) == 0)
			return 1;
	return 0;
}

int
field_span(ctx *c, const char *from, const char *to)
{
	if (from && !field_date_ok(from)) {
		field_refuse(c, "from", "a date, YYYY-MM-DD");
		return -1;
	}
	if (to && !field_date_ok(to)) {
		field_refuse(c, "to", "a date, YYYY-MM-DD");
		return -1;
	}
	return 0;
}

size_t
field_chars(const char *s)
{
	size_t n = 0;
	/* count every byte that does not continue a character */
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int
field_date_ok(const char *text)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	if (!api_matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text))
		return 0;
	int y = atoi(text), m = atoi(text + 5), d = atoi(text + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

int
field_flag(const char *text, int *out)
{
	static const char *const yes[] = { "true", "1", "on", "yes", NULL };
	static const char *const no[] = { "false", "0", "off", "no", "", NULL };
	if (text == NULL) {
		*out = 0;
		return 0;
	}
	for (int i = 0; yes[i]; i++)
		if (strcmp(text, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
	for (int i = 0; no[i]; i++)
		if (strcmp(text, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	return -1;
}
