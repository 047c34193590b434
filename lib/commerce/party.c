/* party.c: customers and suppliers, their contacts and addresses. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/numbers.h"
#include "web/api.h"
#include "web/app.h"
#include "web/audit.h"
#include "books/books_setup.h"
#include "base/money.h"
#include "db/outbox.h"
#include "commerce/party.h"
#include "web/field.h"
#include "web/query.h"
#include "web/listing.h"
#include "web/change.h"

/* ---- pure checks ---- */

static const char gst_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static int
gst_value(char ch)
{
	const char *p = ch ? strchr(gst_chars, ch) : NULL;
	return p ? (int)(p - gst_chars) : -1;
}

int
party_gstin_ok(const char *s)
{
	if (s == NULL || strlen(s) != 15)
		return 0;
	if (!api_matches("^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][0-9A-Z]Z[0-9A-Z]$", s))
		return 0;
	int state = (s[0] - '0') * 10 + (s[1] - '0');
	if (!((state >= 1 && state <= 38) || state == 97 || state == 99))
		return 0;
	int sum = 0;
	for (int i = 0; i < 14; i++) {
		int v = gst_value(s[i]) * (i % 2 ? 2 : 1);
		sum += v / 36 + v % 36;
	}
	return s[14] == gst_chars[(36 - sum % 36) % 36];
}

/* text_check: s (when given) of min to max characters */
static void
text_check(struct ctx *c, cJSON *fields, const char *field, const char *s,
    size_t min, size_t max)
{
	if (s == NULL)
		return;
	size_t n = field_chars(s);
	if (n < min || n > max)
		api_field(fields, field, min ? arena_printf(c->a, "%zu to %zu "
		    "characters", min, max) : arena_printf(c->a, "at most %zu "
		    "characters", max));
}

/* ---- database ---- */

static int
mark(struct ctx *c)
{
	return query_run(c, NULL, "SAVEPOINT party_change", 0, NULL);
}

static int
undo(struct ctx *c)
{
	return query_run(c, NULL, "ROLLBACK TO SAVEPOINT party_change", 0,
	    NULL) < 0 ? PARTY_ERROR : PARTY_INVALID;
}

/* attempt: a changing statement after mark(); PARTY_OK with r filled, or
 * a refusal by a rule undone with its message under field */
static int
attempt(struct ctx *c, db_res *r, const char *sql, int n,
    const char *const *p, const char *field, cJSON *fields)
{
	if (db_exec(c->db, r, sql, n, p) == 0)
		return PARTY_OK;
	const char *st = r->sqlstate;
	int rc;
	if (strcmp(st, "P0002") == 0) {
		rc = PARTY_NOT_FOUND;
	} else if (strncmp(st, "22", 2) == 0 || strncmp(st, "23", 2) == 0 ||
	    strcmp(st, "P0001") == 0) {
		api_field(fields, field, r->error ? r->error : "refused");
		rc = undo(c);
	} else {
		app_db_error(c, r);
		rc = PARTY_ERROR;
	}
	db_res_clear(r);
	return rc;
}

static int
invalid(const cJSON *fields)
{
	return cJSON_GetArraySize(fields) > 0;
}

/* ---- a party's state ---- */

static const char *const party_keys[] = { "id", "code", "name",
    "?is_customer", "?is_supplier", "email", "phone", "tax_id", "currency",
    "#terms_days", "#credit_limit", "notes", "?archived", "created_at",
    "updated_at", NULL };

#define PARTY_COLS "p.id, p.code, p.name, p.is_customer, p.is_supplier, " \
	"p.email, p.phone, p.tax_id, p.currency, p.terms_days, p.credit_limit, " \
	"p.notes, p.archived, to_char(p.created_at AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), to_char(p.updated_at AT TIME ZONE " \
	"'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* money_shaped: credit_limit as {"amount","currency"} (or null) */
static void
money_shaped(cJSON *o)
{
	cJSON *cl = cJSON_GetObjectItem(o, "credit_limit");
	const cJSON *cur = cJSON_GetObjectItem(o, "currency");
	if (cl == NULL || cJSON_IsNull(cl) || !cJSON_IsString(cur))
		return;
	/* query_rows gives exact integers as raw JSON text */
	int64_t n;
	if (cJSON_IsRaw(cl) && cl->valuestring)
		n = strtoll(cl->valuestring, NULL, 10);
	else if (api_get_int(cl, &n) < 0)
		return;
	cJSON_ReplaceItemInObject(o, "credit_limit", api_money(n,
	    cur->valuestring));
}

/* state: the party id as an object (locked for update when lock), NULL
 * with *rc */
static cJSON *
state(struct ctx *c, const char *id, int lock, int *rc)
{
	if (id == NULL || !api_uuid_ok(id)) {
		*rc = PARTY_NOT_FOUND;
		return NULL;
	}
	const char *p[1] = { id };
	cJSON *rows = query_rows(c, lock ? "SELECT " PARTY_COLS " FROM parties "
	    "p WHERE p.id = $1::uuid FOR UPDATE" : "SELECT " PARTY_COLS " FROM "
	    "parties p WHERE p.id = $1::uuid", 1, p, party_keys);
	if (rows == NULL) {
		*rc = PARTY_ERROR;
		return NULL;
	}
	cJSON *o = cJSON_GetArraySize(rows) == 1 ?
	    cJSON_DetachItemFromArray(rows, 0) : NULL;
	cJSON_Delete(rows);
	*rc = o ? PARTY_OK : PARTY_NOT_FOUND;
	if (o)
		money_shaped(o);
	return o;
}

static int
flag_of(const cJSON *o, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItem(o, key));
}

/* announce: the party's events (after is its new state) and audit entry;
 * frees before and after */
static int
announce(struct ctx *c, const char *what, const char *id, cJSON *before,
    cJSON *after)
{
	int rc = PARTY_OK;
	static const char *const kinds[2] = { "customer", "supplier" };
	static const char *const flags[2] = { "is_customer", "is_supplier" };
	for (int i = 0; i < 2 && rc == PARTY_OK; i++) {
		if (!flag_of(after, flags[i]))
			continue;
		/* a supplier that just became a customer too is a new customer */
		const char *w = before && !flag_of(before, flags[i]) ?
		    "created" : what;
		if (change_event(c, arena_printf(c->a, "%s.%s", kinds[i], w),
		    after) < 0)
			rc = PARTY_ERROR;
	}
	if (rc == PARTY_OK && audit_record(c, arena_printf(c->a, "party.%s",
	    what), "party", id, before, after) < 0)
		rc = PARTY_ERROR;
	cJSON_Delete(before);
	cJSON_Delete(after);
	return rc;
}

/* ---- checking what was typed ---- */

/* business: the base currency into base; 0 or -1 */
static int
business(struct ctx *c, char base[4])
{
	return query_text(c, "SELECT base_currency FROM tenants", 0, NULL,
	    base, 4);
}

/* flag: a yes/no field into *out (untouched when absent) */
static void
flag(cJSON *fields, const char *field, const char *text, int *out)
{
	if (text && field_flag(text, out) < 0)
		api_field(fields, field, "yes or no (true or false)");
}

/* upper: s in upper case (ASCII), in the arena */
static const char *
upper(struct ctx *c, const char *s)
{
	if (s == NULL)
		return NULL;
	char *u = arena_strdup(c->a, s);
	for (char *p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

/* A party's values, checked: text for SQL (NULL: unchanged). */
typedef struct checked {
	const char *code, *name, *email, *phone, *tax_id, *currency, *terms;
	const char *credit;	/* minor units as text, "" for none */
	const char *notes;
	int customer, supplier;	/* -1: unchanged */
} checked;

/* check: the fields of in, for a party whose currency is cur (NULL: the
 * one typed or the base) */
static int
check(struct ctx *c, const party_in *in, const char *cur, checked *out,
    cJSON *fields)
{
	char base[4];
	if (business(c, base) < 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->customer = out->supplier = -1;
	if (in->code && *in->code && !api_matches(
	    "^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$", in->code))
		api_field(fields, "code", "1 to 32 letters, digits, '.', '_' or "
		    "'-', starting with a letter or a digit");
	out->code = in->code && *in->code ? in->code : NULL;
	if (in->name && (field_chars(in->name) < 1 ||
	    field_chars(in->name) > 200))
		api_field(fields, "name", "a name of 1 to 200 characters");
	out->name = in->name;
	int v;
	if (in->is_customer) {
		v = 0;
		flag(fields, "is_customer", in->is_customer, &v);
		out->customer = v;
	}
	if (in->is_supplier) {
		v = 0;
		flag(fields, "is_supplier", in->is_supplier, &v);
		out->supplier = v;
	}
	if (in->email && *in->email && (strlen(in->email) > 254 ||
	    !api_matches("^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$",
	    in->email)))
		api_field(fields, "email", "an email address (name@example.com)");
	out->email = in->email;
	if (in->phone && (field_chars(in->phone) > 40 || (*in->phone &&
	    !api_matches("^[+0-9 ()./-]{3,40}$", in->phone))))
		api_field(fields, "phone", "a phone number: digits, spaces and "
		    "+ ( ) . / -");
	out->phone = in->phone;
	out->tax_id = upper(c, in->tax_id);
	if (out->tax_id && field_chars(out->tax_id) > 40)
		api_field(fields, "tax_id", "at most 40 characters");
	else if (out->tax_id && *out->tax_id && strcmp(base, "INR") == 0 &&
	    !party_gstin_ok(out->tax_id))
		api_field(fields, "tax_id", "not a valid GSTIN: 15 characters, "
		    "a state code, a PAN, an entity code, 'Z' and the check "
		    "character (e.g. 27AAPFU0939F1ZV)");
	const char *currency = in->currency && *in->currency ? in->currency :
	    cur ? cur : arena_strdup(c->a, base);
	int digits = 2;
	int k = query_digits(c, currency, &digits);
	if (k < 0)
		return -1;
	if (k > 0)
		api_field(fields, "currency", "a currency code Bursar knows "
		    "(e.g. INR, EUR, USD)");
	out->currency = in->currency || cur == NULL ? currency : NULL;
	/* empty (the form's "empty: the default") is the business's default
	 * terms: "" goes to SQL as such */
	if (in->terms_days && *in->terms_days == '\0')
		out->terms = "";
	else if (in->terms_days) {
		if (!api_matches("^[0-9]{1,3}$", in->terms_days) ||
		    atoi(in->terms_days) > 365)
			api_field(fields, "terms_days", "a number of days from 0 "
			    "to 365");
		out->terms = in->terms_days;
	}
	if (in->credit_limit) {
		int64_t m = 0;
		if (*in->credit_limit == '\0')
			out->credit = "";
		else if ((in->credit_minor ? api_matches("^-?[0-9]{1,18}$",
		    in->credit_limit) ? (m = atoll(in->credit_limit), 0) : -1 :
		    k == 0 ? numbers_parse(c, in->credit_limit, digits, &m) :
		    0) < 0)
			api_field(fields, "credit_limit", in->credit_minor ?
			    "an amount in minor units (an integer)" :
			    arena_printf(c->a, "an amount in %s %s, with at most "
			    "%d decimals", currency, numbers_hint(c, digits),
			    digits));
		else if (m < 0)
			api_field(fields, "credit_limit", "a credit limit cannot "
			    "be negative");
		else
			out->credit = arena_printf(c->a, "%lld", (long long)m);
	}
	if (in->notes && field_chars(in->notes) > 4000)
		api_field(fields, "notes", "at most 4000 characters");
	out->notes = in->notes;
	return 0;
}

/* code_taken: 1 when another party (not self) has code */
static int
code_taken(struct ctx *c, const char *code, const char *self)
{
	char t[8];
	const char *p[2] = { code, self };
	if (query_text(c, "SELECT 1 FROM parties WHERE code = $1 AND ($2::uuid "
	    "IS NULL OR id <> $2::uuid)", 2, p, t, sizeof(t)) < 0)
		return -1;
	return t[0] != '\0';
}

int
party_create(struct ctx *c, const party_in *in, cJSON *fields,
    char id[PARTY_ID_LEN])
{
	checked v;
	if (in->name == NULL)
		api_field(fields, "name", "the party's name is needed");
	if (check(c, in, NULL, &v, fields) < 0)
		return PARTY_ERROR;
	if (v.customer < 1 && v.supplier < 1)
		api_field(fields, in->is_supplier && !in->is_customer ?
		    "is_supplier" : "is_customer", "a party is a customer, a "
		    "supplier, or both");
	if (v.code && !invalid(fields)) {
		int t = code_taken(c, v.code, NULL);
		if (t < 0)
			return PARTY_ERROR;
		if (t)
			api_field(fields, "code", arena_printf(c->a, "a party "
			    "with the code %s exists", v.code));
	}
	if (invalid(fields))
		return PARTY_INVALID;
	char code[40];
	if (v.code == NULL) {
		const char *p[1] = { v.customer == 1 ? "C" : "S" };
		if (query_text(c, "SELECT party_next_code($1)", 1, p, code,
		    sizeof(code)) < 0)
			return PARTY_ERROR;
		v.code = code;
	}
	if (mark(c) < 0)
		return PARTY_ERROR;
	const char *p[13] = { c->tenant_id, v.code, v.name,
	    v.customer == 1 ? "true" : "false", v.supplier == 1 ? "true" :
	    "false", v.email ? v.email : "", v.phone ? v.phone : "",
	    v.tax_id ? v.tax_id : "", v.currency, v.terms, v.credit &&
	    *v.credit ? v.credit : NULL, v.notes ? v.notes : "" };
	db_res r;
	int rc = attempt(c, &r, "INSERT INTO parties (tenant_id, code, name, "
	    "is_customer, is_supplier, email, phone, tax_id, currency, "
	    "terms_days, credit_limit, notes) VALUES ($1, $2, $3, $4::boolean, "
	    "$5::boolean, $6, $7, $8, $9, coalesce(nullif($10, '')::int, (SELECT "
	    "default_terms_days FROM commerce_settings), 30), $11::bigint, $12) "
	    "RETURNING id", 12, p, "name", fields);
	if (rc != PARTY_OK)
		return rc;
	snprintf(id, PARTY_ID_LEN, "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	cJSON *after = state(c, id, 0, &rc);
	if (after == NULL)
		return PARTY_ERROR;
	return announce(c, "created", id, NULL, after);
}

/* in_use: 1 when a document names the party */
static int
in_use(struct ctx *c, const char *id)
{
	char t[8];
	const char *p[1] = { id };
	if (query_text(c, "SELECT 1 WHERE EXISTS (SELECT 1 FROM orders WHERE "
	    "party_id = $1::uuid) OR EXISTS (SELECT 1 FROM invoices WHERE "
	    "party_id = $1::uuid) OR EXISTS (SELECT 1 FROM bills WHERE party_id "
	    "= $1::uuid) OR EXISTS (SELECT 1 FROM payments WHERE party_id = "
	    "$1::uuid)", 1, p, t, sizeof(t)) < 0)
		return -1;
	return t[0] != '\0';
}

int
party_update(struct ctx *c, const char *id, const party_in *in,
    cJSON *fields)
{
	int rc;
	cJSON *before = state(c, id, 1, &rc);
	if (before == NULL)
		return rc;
	const char *cur = cJSON_GetObjectItem(before, "currency")->valuestring;
	checked v;
	if (check(c, in, cur, &v, fields) < 0)
		goto fail;
	int cust = v.customer >= 0 ? v.customer : flag_of(before,
	    "is_customer");
	int supp = v.supplier >= 0 ? v.supplier : flag_of(before,
	    "is_supplier");
	if (!cust && !supp)
		api_field(fields, in->is_customer ? "is_customer" :
		    "is_supplier", "a party is a customer, a supplier, or both");
	if (v.code && !invalid(fields)) {
		int t = code_taken(c, v.code, id);
		if (t < 0)
			goto fail;
		if (t)
			api_field(fields, "code", arena_printf(c->a, "a party "
			    "with the code %s exists", v.code));
	}
	if (v.currency && strcmp(v.currency, cur) != 0 && !invalid(fields)) {
		int u = in_use(c, id);
		if (u < 0)
			goto fail;
		if (u)
			api_field(fields, "currency", "the party has documents in "
			    "its currency, which stays");
	}
	if (invalid(fields)) {
		cJSON_Delete(before);
		return PARTY_INVALID;
	}
	if (mark(c) < 0)
		goto fail;
	const char *p[13] = { id, v.code, v.name, v.customer >= 0 ? (v.customer
	    ? "true" : "false") : NULL, v.supplier >= 0 ? (v.supplier ? "true" :
	    "false") : NULL, v.email, v.phone, v.tax_id, v.currency, v.terms,
	    v.credit ? "true" : "false", v.credit && *v.credit ? v.credit :
	    NULL, v.notes };
	db_res r;
	rc = attempt(c, &r, "UPDATE parties SET code = coalesce($2, code), "
	    "name = coalesce($3, name), is_customer = coalesce($4::boolean, "
	    "is_customer), is_supplier = coalesce($5::boolean, is_supplier), "
	    "email = coalesce($6, email), phone = coalesce($7, phone), tax_id = "
	    "coalesce($8, tax_id), currency = coalesce($9, currency), terms_days "
	    "= CASE WHEN $10 = '' THEN coalesce((SELECT default_terms_days FROM "
	    "commerce_settings), 30) ELSE coalesce(nullif($10, '')::int, "
	    "terms_days) END, credit_limit = CASE WHEN $11::boolean THEN "
	    "$12::bigint ELSE credit_limit END, notes = "
	    "coalesce($13, notes), updated_at = now() WHERE id = $1::uuid", 13,
	    p, "name", fields);
	if (rc != PARTY_OK) {
		cJSON_Delete(before);
		return rc;
	}
	db_res_clear(&r);
	cJSON *after = state(c, id, 0, &rc);
	if (after == NULL)
		goto fail;
	return announce(c, "updated", id, before, after);
fail:
	cJSON_Delete(before);
	return PARTY_ERROR;
}

int
party_archive(struct ctx *c, const char *id, int archived)
{
	int rc;
	cJSON *before = state(c, id, 1, &rc);
	if (before == NULL)
		return rc;
	const char *p[2] = { id, archived ? "true" : "false" };
	cJSON *after = NULL;
	if (query_run(c, NULL, "UPDATE parties SET archived = $2::boolean, "
	    "updated_at = now() WHERE id = $1::uuid", 2, p) < 0 ||
	    (after = state(c, id, 0, &rc)) == NULL) {
		cJSON_Delete(before);
		return PARTY_ERROR;
	}
	return announce(c, "updated", id, before, after);
}

int
party_kind(struct ctx *c, const char *id, int *customer, int *supplier)
{
	*customer = *supplier = 0;
	if (id == NULL || !api_uuid_ok(id))
		return PARTY_NOT_FOUND;
	db_res r;
	const char *p[1] = { id };
	if (query_run(c, &r, "SELECT is_customer, is_supplier FROM parties WHERE "
	    "id = $1::uuid", 1, p) < 0)
		return PARTY_ERROR;
	int rc = r.rows == 1 ? PARTY_OK : PARTY_NOT_FOUND;
	if (rc == PARTY_OK) {
		db_bool(&r, 0, 0, customer);
		db_bool(&r, 0, 1, supplier);
	}
	db_res_clear(&r);
	return rc;
}

cJSON *
party_json(struct ctx *c, const char *id, int *rc)
{
	cJSON *o = state(c, id, 0, rc);
	if (o == NULL)
		return NULL;
	static const char *const ckeys[] = { "id", "name", "role", "email",
	    "phone", "?is_primary", NULL };
	static const char *const akeys[] = { "id", "kind", "line1", "line2",
	    "city", "region", "postal_code", "country", "?is_default", NULL };
	static const char *const bkeys[] = { "kind", "currency", "#amount",
	    "#documents", NULL };
	const char *p[1] = { id };
	cJSON *contacts = query_rows(c, "SELECT id, name, role, email, phone, "
	    "is_primary FROM party_contacts WHERE party_id = $1::uuid ORDER BY "
	    "is_primary DESC, lower(name), id", 1, p, ckeys);
	cJSON *addresses = contacts ? query_rows(c, "SELECT id, kind, line1, "
	    "line2, city, region, postal_code, country, is_default FROM "
	    "party_addresses WHERE party_id = $1::uuid ORDER BY kind, is_default "
	    "DESC, id", 1, p, akeys) : NULL;
	/* what is open: issued invoices less unapplied credit notes, and
	 * received bills, not yet paid */
	cJSON *balances = addresses ? query_rows(c, "SELECT 'receivable', "
	    "currency, sum(CASE WHEN kind = 'credit_note' THEN paid - total ELSE "
	    "total - paid END), count(*) FROM invoices WHERE party_id = $1::uuid "
	    "AND status IN ('issued', 'partially_paid', 'overdue') GROUP BY "
	    "currency UNION ALL SELECT 'payable', currency, sum(total - paid), "
	    "count(*) FROM bills WHERE party_id = $1::uuid AND status IN "
	    "('received', 'partially_paid', 'overdue') GROUP BY currency ORDER "
	    "BY 1, 2", 1, p, bkeys) : NULL;
	if (balances == NULL) {
		cJSON_Delete(contacts);
		cJSON_Delete(addresses);
		cJSON_Delete(o);
		*rc = PARTY_ERROR;
		return NULL;
	}
	cJSON_AddItemToObject(o, "contacts", contacts);
	cJSON_AddItemToObject(o, "addresses", addresses);
	cJSON_AddItemToObject(o, "balances", balances);
	return o;
}

const listing_sort party_sorts[] = {
	{ "name", "lower(p.name), p.id" },
	{ "newest", "p.created_at DESC, p.id DESC" },
	{ "-name", "lower(p.name) DESC, p.id DESC" },
	{ "code", "p.code, p.id" },
	{ "-code", "p.code DESC, p.id DESC" },
	{ "email", "lower(p.email) NULLS LAST, p.id" },
	{ "-email", "lower(p.email) DESC NULLS FIRST, p.id DESC" },
	{ "currency", "p.currency, p.id" },
	{ "-currency", "p.currency DESC, p.id DESC" },
	{ "terms", "p.terms_days, p.id" },
	{ "-terms", "p.terms_days DESC, p.id DESC" },
	{ "oldest", "p.created_at, p.id" },
	{ NULL, NULL } };

int
party_list(struct ctx *c, const party_filter *f, cJSON *fields,
    cJSON **items, const char **next)
{
	*items = NULL;
	*next = NULL;
	const char *arch = f->archived && *f->archived ? f->archived : "false";
	const char *sort = f->sort && *f->sort ? f->sort : "name";
	if (strcmp(arch, "false") != 0 && strcmp(arch, "true") != 0 &&
	    strcmp(arch, "all") != 0)
		api_field(fields, "archived", "false, true or all");
	int newest = strcmp(sort, "newest") == 0;
	if (!newest && strcmp(sort, "name") != 0 && f->page == NULL)
		api_field(fields, "sort", "name or newest");
	if (f->after && !api_uuid_ok(f->after))
		api_field(fields, "cursor", "malformed cursor");
	if (f->q && field_chars(f->q) > 200)
		api_field(fields, "q", "at most 200 characters");
	if (invalid(fields))
		return PARTY_INVALID;
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", f->limit + 1);
	const char *p[6] = { f->kind, f->q && *f->q ? f->q : NULL, arch,
	    f->after, lim };
#define PARTY_WHERE " FROM parties p WHERE ($1::text IS NULL OR ($1 = " \
	"'customer' AND p.is_customer) OR ($1 = 'supplier' AND p.is_supplier)) " \
	"AND ($2::text IS NULL OR strpos(lower(p.name), lower($2)) > 0 OR " \
	"strpos(lower(p.code), lower($2)) > 0 OR strpos(lower(p.email), " \
	"lower($2)) > 0 OR strpos(lower(p.tax_id), lower($2)) > 0) AND ($3 = " \
	"'all' OR p.archived = ($3 = 'true')) "
	cJSON *rows = f->page ? listing_rows(c, f->page, "SELECT " PARTY_COLS
	    PARTY_WHERE, 3, p, party_keys) : query_rows(c, newest ? "SELECT " PARTY_COLS PARTY_WHERE
	    "AND ($4::uuid IS NULL OR (p.created_at, p.id) < (SELECT created_at, "
	    "id FROM parties WHERE id = $4::uuid)) ORDER BY p.created_at DESC, "
	    "p.id DESC LIMIT $5::int" : "SELECT " PARTY_COLS PARTY_WHERE "AND "
	    "($4::uuid IS NULL OR (lower(p.name), p.id) > (SELECT lower(name), id "
	    "FROM parties WHERE id = $4::uuid)) ORDER BY lower(p.name), p.id "
	    "LIMIT $5::int", 5, p, party_keys);
#undef PARTY_WHERE
	if (rows == NULL)
		return PARTY_ERROR;
	if (f->page == NULL && cJSON_GetArraySize(rows) > f->limit) {
		cJSON_DeleteItemFromArray(rows, f->limit);
		cJSON *last = cJSON_GetArrayItem(rows, f->limit - 1);
		*next = arena_strdup(c->a, cJSON_GetObjectItem(last,
		    "id")->valuestring);
	}
	cJSON *o;
	cJSON_ArrayForEach(o, rows)
		money_shaped(o);
	*items = rows;
	return PARTY_OK;
}

/* ---- contacts and addresses ---- */

/* owner: the party exists (and is locked while its parts change) */
static int
owner(struct ctx *c, const char *party_id)
{
	if (party_id == NULL || !api_uuid_ok(party_id))
		return PARTY_NOT_FOUND;
	char t[8];
	const char *p[1] = { party_id };
	if (query_text(c, "SELECT 1 FROM parties WHERE id = $1::uuid FOR UPDATE",
	    1, p, t, sizeof(t)) < 0)
		return PARTY_ERROR;
	return t[0] ? PARTY_OK : PARTY_NOT_FOUND;
}

/* touched: the party's updated event after a change to its parts */
static int
touched(struct ctx *c, const char *party_id)
{
	int rc;
	cJSON *after = party_json(c, party_id, &rc);
	if (after == NULL)
		return PARTY_ERROR;
	const char *p[1] = { party_id };
	if (query_run(c, NULL, "UPDATE parties SET updated_at = now() WHERE id = "
	    "$1::uuid", 1, p) < 0) {
		cJSON_Delete(after);
		return PARTY_ERROR;
	}
	return announce(c, "updated", party_id, NULL, after);
}

int
party_contact_save(struct ctx *c, const char *party_id,
    const char *contact_id, const party_contact_in *in, cJSON *fields,
    char id[PARTY_ID_LEN])
{
	int rc = owner(c, party_id);
	if (rc != PARTY_OK)
		return rc;
	if (contact_id && !api_uuid_ok(contact_id))
		return PARTY_NOT_FOUND;
	if (contact_id == NULL && in->name == NULL)
		api_field(fields, "name", "the contact's name is needed");
	if (in->name && (field_chars(in->name) < 1 ||
	    field_chars(in->name) > 200))
		api_field(fields, "name", "a name of 1 to 200 characters");
	if (in->role && field_chars(in->role) > 100)
		api_field(fields, "role", "at most 100 characters");
	if (in->email && *in->email && (strlen(in->email) > 254 ||
	    !api_matches("^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$",
	    in->email)))
		api_field(fields, "email", "an email address (name@example.com)");
	if (in->phone && (field_chars(in->phone) > 40 || (*in->phone &&
	    !api_matches("^[+0-9 ()./-]{3,40}$", in->phone))))
		api_field(fields, "phone", "a phone number: digits, spaces and "
		    "+ ( ) . / -");
	int primary = 0;
	flag(fields, "is_primary", in->is_primary, &primary);
	if (invalid(fields))
		return PARTY_INVALID;
	if (mark(c) < 0)
		return PARTY_ERROR;
	const char *p[8] = { c->tenant_id, party_id, contact_id, in->name,
	    in->role, in->email, in->phone, in->is_primary ? primary ? "true" :
	    "false" : NULL };
	db_res r;
	rc = attempt(c, &r, contact_id ? "UPDATE party_contacts SET name = "
	    "coalesce($4, name), role = coalesce($5, role), email = coalesce($6, "
	    "email), phone = coalesce($7, phone), is_primary = "
	    "coalesce($8::boolean, is_primary) WHERE party_id = $2::uuid AND id "
	    "= $3::uuid AND tenant_id = $1 RETURNING id" : "INSERT INTO "
	    "party_contacts (tenant_id, party_id, name, role, email, phone, "
	    "is_primary) SELECT $1, $2::uuid, $4, coalesce($5, ''), coalesce($6, "
	    "''), coalesce($7, ''), coalesce($8::boolean, false) WHERE $3::uuid "
	    "IS NULL RETURNING id", 8, p, "name", fields);
	if (rc != PARTY_OK)
		return rc;
	int found = r.rows == 1;
	if (found)
		snprintf(id, PARTY_ID_LEN, "%s", db_text(&r, 0, 0));
	db_res_clear(&r);
	if (!found)
		return PARTY_NOT_FOUND;
	const char *q[2] = { party_id, id };
	if (primary && query_run(c, NULL, "UPDATE party_contacts SET is_primary = "
	    "false WHERE party_id = $1::uuid AND id <> $2::uuid AND is_primary",
	    2, q) < 0)
		return PARTY_ERROR;
	return touched(c, party_id);
}

int
party_contact_remove(struct ctx *c, const char *party_id,
    const char *contact_id)
{
	int rc = owner(c, party_id);
	if (rc != PARTY_OK)
		return rc;
	if (contact_id == NULL || !api_uuid_ok(contact_id))
		return PARTY_NOT_FOUND;
	db_res r;
	const char *p[2] = { party_id, contact_id };
	if (query_run(c, &r, "DELETE FROM party_contacts WHERE party_id = "
	    "$1::uuid AND id = $2::uuid RETURNING id", 2, p) < 0)
		return PARTY_ERROR;
	int found = r.rows == 1;
	db_res_clear(&r);
	return found ? touched(c, party_id) : PARTY_NOT_FOUND;
}

int
party_address_save(struct ctx *c, const char *party_id,
    const char *address_id, const party_address_in *in, cJSON *fields,
    char id[PARTY_ID_LEN])
{
	int rc = owner(c, party_id);
	if (rc != PARTY_OK)
		return rc;
	if (address_id && !api_uuid_ok(address_id))
		return PARTY_NOT_FOUND;
	if (in->kind && strcmp(in->kind, "billing") != 0 &&
	    strcmp(in->kind, "shipping") != 0)
		api_field(fields, "kind", "billing or shipping");
	if (address_id == NULL && (in->line1 == NULL || *in->line1 == '\0'))
		api_field(fields, "line1", "the first line of the address is "
		    "needed");
	text_check(c, fields, "line1", in->line1, 1, 200);
	text_check(c, fields, "line2", in->line2, 0, 200);
	text_check(c, fields, "city", in->city, 0, 100);
	text_check(c, fields, "region", in->region, 0, 100);
	text_check(c, fields, "postal_code", in->postal_code, 0, 20);
	const char *country = upper(c, in->country && *in->country ?
	    in->country : NULL);
	if (country && !api_matches("^[A-Z]{2}$", country))
		api_field(fields, "country", "a two-letter country code (IN, DE, "
		    "US)");
	int dflt = 0;
	flag(fields, "is_default", in->is_default, &dflt);
	if (invalid(fields))
		return PARTY_INVALID;
	if (mark(c) < 0)
		return PARTY_ERROR;
	const char *p[12] = { c->tenant_id, party_id, address_id, in->kind,
	    in->line1, in->line2, in->city, in->region, in->postal_code,
	    country, in->is_default ? dflt ? "true" : "false" : NULL };
	db_res r;
	rc = attempt(c, &r, address_id ? "UPDATE party_addresses SET kind = "
	    "coalesce($4, kind), line1 = coalesce($5, line1), line2 = "
	    "coalesce($6, line2), city = coalesce($7, city), region = "
	    "coalesce($8, region), postal_code = coalesce($9, postal_code), "
	    "country = coalesce($10, country), is_default = coalesce($11::boolean, "
	    "is_default) WHERE party_id = $2::uuid AND id = $3::uuid AND "
	    "tenant_id = $1 RETURNING id, kind, is_default" : "INSERT INTO "
	    "party_addresses (tenant_id, party_id, kind, line1, line2, city, "
	    "region, postal_code, country, is_default) SELECT $1, $2::uuid, "
	    "coalesce($4, 'billing'), $5, coalesce($6, ''), coalesce($7, ''), "
	    "coalesce($8, ''), coalesce($9, ''), coalesce($10, 'IN'), "
	    "coalesce($11::boolean, NOT EXISTS (SELECT 1 FROM party_addresses "
	    "WHERE party_id = $2::uuid AND kind = coalesce($4, 'billing'))) WHERE "
	    "$3::uuid IS NULL RETURNING id, kind, is_default", 11, p, "line1",
	    fields);
	if (rc != PARTY_OK)
		return rc;
	int found = r.rows == 1, is_default = 0;
	const char *kind = found ? arena_strdup(c->a, db_text(&r, 0, 1)) : NULL;
	if (found) {
		snprintf(id, PARTY_ID_LEN, "%s", db_text(&r, 0, 0));
		db_bool(&r, 0, 2, &is_default);
	}
	db_res_clear(&r);
	if (!found)
		return PARTY_NOT_FOUND;
	const char *q[3] = { party_id, id, kind };
	if (is_default && query_run(c, NULL, "UPDATE party_addresses SET "
	    "is_default = false WHERE party_id = $1::uuid AND id <> $2::uuid AND "
	    "kind = $3 AND is_default", 3, q) < 0)
		return PARTY_ERROR;
	return touched(c, party_id);
}

int
party_address_remove(struct ctx *c, const char *party_id,
    const char *address_id)
{
	int rc = owner(c, party_id);
	if (rc != PARTY_OK)
		return rc;
	if (address_id == NULL || !api_uuid_ok(address_id))
		return PARTY_NOT_FOUND;
	db_res r;
	const char *p[2] = { party_id, address_id };
	if (query_run(c, &r, "DELETE FROM party_addresses WHERE party_id = "
	    "$1::uuid AND id = $2::uuid RETURNING id", 2, p) < 0)
		return PARTY_ERROR;
	int found = r.rows == 1;
	db_res_clear(&r);
	return found ? touched(c, party_id) : PARTY_NOT_FOUND;
}
