/* entry_in.c: a manual journal entry as typed, read and checked (see
 * entry_in.h). */
#include "books/entry_in.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/money.h"
#include "books/books_setup.h"
#include "web/api.h"
#include "web/field.h"

/* nth: the i-th value of name in a form (fields repeat per line) */
static const char *
nth(const kv_list *l, const char *name, size_t i)
{
	for (size_t k = 0; k < l->n; k++)
		if (strcmp(l->items[k].name, name) == 0 && i-- == 0)
			return l->items[k].value;
	return NULL;
}

static int
blank(const char *s)
{
	return s == NULL || *s == '\0';
}

/* money_text: minor in the plain decimal form of its digits, in a */
static const char *
money_text(arena *a, int64_t minor, int digits)
{
	buf b = BUF_INIT(64);
	money_format(&b, minor, digits);
	const char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

void
entry_in_form(arena *a, const kv_list *f, entry_in *in)
{
	in->date = kv_get(f, "date");
	in->memo = kv_get(f, "memo");
	in->currency = kv_get(f, "currency");
	in->rate = kv_get(f, "rate");
	static const char *const cols[] = { "line_account", "line_debit",
	    "line_credit", "line_memo" };
	size_t rows = 0;
	for (int k = 0; k < 4; k++) {
		size_t n = kv_count(f, cols[k]);
		rows = n > rows ? n : rows;
	}
	in->lines = arena_alloc(a, (rows ? rows : 1) * sizeof(*in->lines));
	for (size_t i = 0; i < rows; i++) {
		entry_line_in l = { nth(f, cols[0], i), nth(f, cols[1], i),
		    nth(f, cols[2], i), nth(f, cols[3], i), NULL, 0, 0 };
		if (blank(l.account) && blank(l.debit) && blank(l.credit) &&
		    blank(l.memo))
			continue;
		in->lines[in->n++] = l;
	}
}

/* jtext: a JSON string member (NULL when absent or null); a member of
 * another kind is refused under field */
static const char *
jtext(const cJSON *o, const char *name, const char *field, cJSON *fields)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (v == NULL || cJSON_IsNull(v))
		return NULL;
	if (cJSON_IsString(v))
		return v->valuestring;
	api_field(fields, field, "a string");
	return NULL;
}

/* jamount: a JSON amount: an exact integer of minor units, 0 when
 * absent */
static void
jamount(arena *a, const cJSON *o, const char *name, size_t i, int64_t *out,
    cJSON *fields)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	*out = 0;
	if (v == NULL || cJSON_IsNull(v))
		return;
	if (api_get_int(v, out) < 0 || *out < 0)
		api_field(fields, arena_printf(a, "lines[%zu].%s", i, name),
		    "a whole number of minor units, not negative (1050 for "
		    "10.50)");
}

void
entry_in_json(arena *a, const cJSON *j, entry_in *in, cJSON *fields)
{
	in->json = 1;
	in->date = jtext(j, "date", "date", fields);
	in->memo = jtext(j, "memo", "memo", fields);
	in->currency = jtext(j, "currency", "currency", fields);
	in->rate = jtext(j, "rate", "rate", fields);
	const cJSON *lines = cJSON_GetObjectItemCaseSensitive(j, "lines");
	if (!cJSON_IsArray(lines)) {
		api_field(fields, "lines", "a list of lines");
		return;
	}
	int n = cJSON_GetArraySize(lines);
	in->lines = arena_alloc(a, (n ? (size_t)n : 1) *
	    sizeof(*in->lines));
	const cJSON *x;
	cJSON_ArrayForEach(x, lines) {
		size_t i = in->n++;
		entry_line_in *l = &in->lines[i];
		if (!cJSON_IsObject(x)) {
			api_field(fields, arena_printf(a, "lines[%zu]", i),
			    "a line: {\"account\", \"debit\", \"credit\"}");
			continue;
		}
		l->account = jtext(x, "account", arena_printf(a,
		    "lines[%zu].account", i), fields);
		l->memo = jtext(x, "memo", arena_printf(a, "lines[%zu].memo",
		    i), fields);
		l->party = jtext(x, "party", arena_printf(a,
		    "lines[%zu].party", i), fields);
		jamount(a, x, "debit", i, &l->dr, fields);
		jamount(a, x, "credit", i, &l->cr, fields);
	}
}

size_t
entry_in_chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* find_account: the postable account an entry line names (a code, or
 * '@' and a role) in accts, or NULL */
static const cJSON *
find_account(const cJSON *accts, const char *name)
{
	const cJSON *a;
	cJSON_ArrayForEach(a, accts) {
		const cJSON *code = cJSON_GetObjectItem(a, "code");
		const cJSON *role = cJSON_GetObjectItem(a, "role");
		if (strcmp(code->valuestring, name) == 0 || (name[0] == '@' &&
		    cJSON_IsString(role) && strcmp(role->valuestring,
		    name + 1) == 0))
			return a;
	}
	return NULL;
}

/* check_amount: a typed amount (form) into *out: decimals with the
 * currency's digits, not negative; "" is 0 */
static void
check_amount(arena *a, const char *text, int digits, size_t i,
    const char *name, int64_t *out, cJSON *fields)
{
	*out = 0;
	if (blank(text))
		return;
	if (money_parse(text, digits, out) < 0 || *out < 0) {
		*out = 0;
		api_field(fields, arena_printf(a, "lines[%zu].%s", i, name),
		    digits ? arena_printf(a, "an amount such as 12.50, "
		    "with at most %d decimals", digits) : "a whole amount, "
		    "without decimals");
	}
}

int
entry_in_check(db *d, arena *a, entry_in *in, const lv_books *b,
    const cJSON *accts, char code[4], int *digits, cJSON *fields,
    db_res *err)
{
	if (blank(in->date))
		in->date = b->today;
	else if (!field_date_ok(in->date))
		api_field(fields, "date", "a date, YYYY-MM-DD");
	if (entry_in_chars(in->memo) > 500)
		api_field(fields, "memo", "at most 500 characters");
	snprintf(code, 4, "%s", b->currency);
	*digits = b->digits;
	if (!blank(in->currency)) {
		if (!api_matches("^[A-Z]{3}$", in->currency))
			api_field(fields, "currency", "a currency code (INR)");
		else if (lv_currency_digits(d, in->currency, code, digits,
		    err) < 0) {
			if (strcmp(err->sqlstate, "P0002") != 0)
				return -1;
			api_field(fields, "currency", "no such currency");
			db_res_clear(err);
		}
	}
	if (!blank(in->rate)) {
		if (strcmp(code, b->currency) == 0)
			api_field(fields, "rate", "only for an entry in another "
			    "currency than the books'");
		else if (!books_rate_ok(in->rate))
			api_field(fields, "rate", "a positive rate, e.g. "
			    "83.1234 (up to 10 decimals)");
	}
	int64_t dr = 0, cr = 0;
	int overflow = 0, amounts_refused = 0;
	for (size_t i = 0; i < in->n; i++) {
		entry_line_in *l = &in->lines[i];
		const char *at = arena_printf(a, "lines[%zu]", i);
		if (blank(l->account))
			api_field(fields, arena_printf(a, "%s.account", at),
			    "choose an account");
		else if (find_account(accts, l->account) == NULL)
			api_field(fields, arena_printf(a, "%s.account", at),
			    "no open account that takes postings has this "
			    "code");
		if (!in->json) {
			check_amount(a, l->debit, *digits, i, "debit", &l->dr,
			    fields);
			check_amount(a, l->credit, *digits, i, "credit", &l->cr,
			    fields);
		}
		if ((l->dr > 0) == (l->cr > 0))
			api_field(fields, arena_printf(a, "%s.debit", at),
			    "a debit or a credit: one of them, not both");
		if (entry_in_chars(l->memo) > 200)
			api_field(fields, arena_printf(a, "%s.memo", at),
			    "at most 200 characters");
		if (l->party && !api_uuid_ok(l->party))
			api_field(fields, arena_printf(a, "%s.party", at),
			    "a party's id (a UUID)");
		overflow |= __builtin_add_overflow(dr, l->dr, &dr);
		overflow |= __builtin_add_overflow(cr, l->cr, &cr);
		amounts_refused |= cJSON_HasObjectItem(fields, arena_printf(
		    a, "%s.debit", at)) || cJSON_HasObjectItem(fields,
		    arena_printf(a, "%s.credit", at));
	}
	const char *why = NULL;
	if (in->n < 2)
		why = "an entry has two lines or more";
	else if (amounts_refused)
		why = NULL;	/* the lines' own refusals come first */
	else if (overflow)
		why = "the amounts are too large";
	else if (dr != cr)
		why = arena_printf(a, "the entry does not balance: debits %s, "
		    "credits %s, a difference of %s", money_text(a, dr,
		    *digits), money_text(a, cr, *digits), money_text(a,
		    dr - cr, *digits));
	else if (dr == 0)
		why = "the entry moves nothing";
	if (why)
		api_field(fields, "lines", why);
	return 0;
}

const char *
entry_in_line_error(arena *a, const cJSON *fields, size_t i)
{
	static const char *const parts[] = { "account", "debit", "credit",
	    "memo", "party" };
	const char *s = NULL;
	for (int k = 0; k < 5; k++) {
		const cJSON *v = cJSON_GetObjectItem(fields, arena_printf(a,
		    "lines[%zu].%s", i, parts[k]));
		if (cJSON_IsString(v))
			s = s ? arena_printf(a, "%s; %s: %s", s, parts[k],
			    v->valuestring) : arena_printf(a, "%s: %s",
			    parts[k], v->valuestring);
	}
	return s;
}
