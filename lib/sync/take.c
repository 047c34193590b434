/* take.c: a sync batch, record by record, with what each means for the
 * books */
#include "sync/take.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "commerce/invoice.h"
#include "commerce/party.h"
#include "commerce/payment.h"
#include "web/api.h"
#include "web/field.h"
#include "web/query.h"

#define ID_LEN 37

/* the kind a lookup's record type is kept under */
static const char *
kind_of(const char *record)
{
	if (strcmp(record, "unit") == 0)
		return "units";
	if (strcmp(record, "registration") == 0)
		return "registrations";
	if (strcmp(record, "student") == 0)
		return "students";
	return record;
}

/* kept: the record kind/id as Bursar keeps it: 1 with its links (any may
 * be NULL: "" when absent), 0 when it is not known, -1 on failure */
static int
kept(ctx *c, const char *kind, const char *id, char party[ID_LEN],
    char invoice[ID_LEN], char student[128])
{
	const char *p[2] = { kind, id };
	db_res r;
	if (db_exec(c->db, &r, "SELECT coalesce(party_id::text, ''), "
	    "coalesce(invoice_id::text, ''), coalesce(record->'student'->>'id', "
	    "'') FROM sync_records WHERE kind = $1 AND source_id = $2", 2, p) < 0) {
		db_res_clear(&r);
		return -1;
	}
	int n = r.rows;
	if (n) {
		if (party)
			snprintf(party, ID_LEN, "%s", db_text(&r, 0, 0));
		if (invoice)
			snprintf(invoice, ID_LEN, "%s", db_text(&r, 0, 1));
		if (student)
			snprintf(student, 128, "%s", db_text(&r, 0, 2));
	}
	db_res_clear(&r);
	return n > 0;
}

/* references: every lookup of rec that names a record Bursar has not
 * been sent yet, into reasons; -1 on failure */
static int
references(ctx *c, const schema *s, const cJSON *rec, cJSON *reasons)
{
	for (size_t i = 0; i < s->n; i++) {
		const schema_field *f = &s->fields[i];
		const cJSON *v = cJSON_GetObjectItem(rec, f->name);
		if (f->type != SCHEMA_LOOKUP || f->lookup == NULL || v == NULL)
			continue;
		const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(v, "id"));
		int k = kept(c, kind_of(f->lookup), id, NULL, NULL, NULL);
		if (k < 0)
			return -1;
		if (k == 0) {
			char field[96], why[256];
			snprintf(field, sizeof(field), "%s.id", f->name);
			snprintf(why, sizeof(why), "no %s with id %.100s has been "
			    "synced yet (send %s first; this record can be sent "
			    "again then)", f->lookup, id, kind_of(f->lookup));
			schema_refuse(reasons, field, why);
		}
	}
	return 0;
}

/* take: sync_take for one canonical record; outcome ("new"...) into
 * outcome, its version and changed fields (or the error) into o */
static int
take(ctx *c, const char *kind, const char *id, const cJSON *canonical,
    const char *run, char outcome[16], cJSON *o)
{
	char fp[65];
	schema_fingerprint(canonical, fp);
	char *text = cJSON_PrintUnformatted(canonical);
	const char *p[5] = { kind, id, fp, text, run };
	db_res r;
	int rc = db_exec(c->db, &r, "SELECT outcome, version, changed::text "
	    "FROM sync_take($1, $2, $3, $4::jsonb, $5)", 5, p);
	cJSON_free(text);
	if (rc < 0) {
		snprintf(outcome, 16, "error");
		cJSON_AddStringToObject(o, "error", r.error ? r.error :
		    "the database failed");
		db_res_clear(&r);
		return -1;
	}
	snprintf(outcome, 16, "%s", db_text(&r, 0, 0));
	if (o) {
		const char *ch = db_text(&r, 0, 2);
		if (strcmp(outcome, "error") == 0) {
			cJSON_AddStringToObject(o, "error", ch);
		} else {
			cJSON_AddItemToObject(o, "version", cJSON_CreateRaw(
			    db_text(&r, 0, 1)));
			cJSON_AddStringToObject(o, "fingerprint", fp);
			if (strcmp(outcome, "updated") == 0) {
				/* {a,b} to ["a","b"] */
				cJSON *arr = cJSON_AddArrayToObject(o, "changed");
				char *list = strdup(ch + 1);
				list[strlen(list) - 1] = '\0';
				for (char *t = strtok(list, ","); t; t = strtok(NULL,
				    ","))
					cJSON_AddItemToArray(arr, cJSON_CreateString(t));
				free(list);
			}
		}
	}
	db_res_clear(&r);
	return 0;
}

static int
link(ctx *c, const char *kind, const char *id, const char *col,
    const char *value)
{
	const char *p[3] = { kind, id, value };
	char sql[160];
	snprintf(sql, sizeof(sql), "UPDATE sync_records SET %s = $3::uuid "
	    "WHERE kind = $1 AND source_id = $2", col);	/* col is ours */
	db_res r;
	int rc = db_exec(c->db, &r, sql, 3, p);
	db_res_clear(&r);
	return rc;
}

/* why_failed: the message of what lib/ refused, for the record's ERROR */
static void
why_failed(cJSON *o, const db_res *err, const char *doing)
{
	char msg[400];
	snprintf(msg, sizeof(msg), "%s: %s", doing, err->error ? err->error :
	    "failed");
	cJSON_AddStringToObject(o, "error", msg);
}

/* student_customer: the registration's student kept (students) and its
 * customer, made on first sight, into party; -1 with o's error */
static int
student_customer(ctx *c, const cJSON *rec, const char *run,
    char party[ID_LEN], cJSON *o)
{
	const cJSON *st = cJSON_GetObjectItem(rec, "student");
	const char *sid = cJSON_GetStringValue(cJSON_GetObjectItem(st, "id"));
	char outcome[16];
	cJSON *scratch = cJSON_CreateObject();
	int rc = take(c, "students", sid, st, run, outcome, scratch);
	if (rc == 0 && strcmp(outcome, "error") == 0)
		rc = -1;
	if (rc < 0) {
		cJSON_AddStringToObject(o, "error", arena_printf(c->a,
		    "keeping the student: %s", cJSON_GetStringValue(
		    cJSON_GetObjectItem(scratch, "error"))));
		cJSON_Delete(scratch);
		return -1;
	}
	cJSON_Delete(scratch);
	if (kept(c, "students", sid, party, NULL, NULL) < 0) {
		cJSON_AddStringToObject(o, "error", "reading the student failed");
		return -1;
	}
	if (party[0])
		return 0;
	const char *cur = cJSON_GetStringValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(rec, "fee"), "currency"));
	party_in in = { 0 };
	in.name = cJSON_GetStringValue(cJSON_GetObjectItem(st, "name"));
	in.email = cJSON_GetStringValue(cJSON_GetObjectItem(st, "email"));
	in.is_customer = "true";
	in.currency = cur;
	in.notes = arena_printf(c->a, "Student %s, from the CRM", sid);
	cJSON *fields = cJSON_CreateObject();
	rc = party_create(c, &in, fields, party);
	if (rc != 0) {
		char *f = cJSON_PrintUnformatted(fields);
		cJSON_AddStringToObject(o, "error", arena_printf(c->a, "making "
		    "the student's customer was refused: %s", f));
		cJSON_free(f);
		cJSON_Delete(fields);
		return -1;
	}
	cJSON_Delete(fields);
	return link(c, "students", sid, "party_id", party) < 0 ? -1 : 0;
}

/* registration_posted: a new registration's customer, and its fee
 * invoiced and issued */
static int
registration_posted(ctx *c, const cJSON *rec, const char *run, cJSON *o)
{
	const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "id"));
	char party[ID_LEN];
	if (student_customer(c, rec, run, party, o) < 0)
		return -1;
	if (link(c, "registrations", id, "party_id", party) < 0)
		return -1;
	const cJSON *fee = cJSON_GetObjectItem(rec, "fee");
	int64_t amount = 0;
	if (fee == NULL || field_exact(cJSON_GetObjectItem(fee, "amount"),
	    &amount) < 0 || amount == 0)
		return 0;	/* nothing owed: no invoice */
	const cJSON *what = cJSON_GetObjectItem(rec, "unit");
	if (what == NULL)
		what = cJSON_GetObjectItem(rec, "program");
	const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(what,
	    "name"));
	invoice_line_in line = { 0 };
	line.description = arena_printf(c->a, "Registration %s: %s", id, name ?
	    name : cJSON_GetStringValue(cJSON_GetObjectItem(what, "id")));
	line.quantity = 1;
	line.unit_price = amount;
	line.tax_group = "";
	line.account = "@sales";
	invoice_in in = { 0 };
	in.customer = party;
	in.currency = cJSON_GetStringValue(cJSON_GetObjectItem(fee, "currency"));
	in.reference = arena_printf(c->a, "CRM registration %s", id);
	in.lines = &line;
	in.n = 1;
	in.set_lines = 1;
	char inv[INVOICE_ID_LEN];
	db_res err;
	if (invoice_draft(c->db, c->user_id, NULL, &in, inv, &err) < 0 ||
	    invoice_issue(c->db, c->user_id, inv, NULL, &err) < 0) {
		why_failed(o, &err, "invoicing the fee");
		db_res_clear(&err);
		return -1;
	}
	return link(c, "registrations", id, "invoice_id", inv);
}

/* payment_posted: a new payment received from the registration's
 * student, allocated to its invoice up to what is open */
static int
payment_posted(ctx *c, const cJSON *rec, cJSON *o)
{
	const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "id"));
	const char *reg = cJSON_GetStringValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(rec, "registration"), "id"));
	char party[ID_LEN], invoice[ID_LEN];
	if (kept(c, "registrations", reg, party, invoice, NULL) <= 0 ||
	    party[0] == '\0') {
		cJSON_AddStringToObject(o, "error", "the registration has no "
		    "customer in Bursar");
		return -1;
	}
	const cJSON *amt = cJSON_GetObjectItem(rec, "amount");
	int64_t amount = 0, open = 0;
	field_exact(cJSON_GetObjectItem(amt, "amount"), &amount);
	if (amount == 0)
		return 0;
	payment_alloc_in alloc = { 0 };
	if (invoice[0]) {
		const char *p[1] = { invoice };
		db_res r;
		if (db_exec(c->db, &r, "SELECT total - paid FROM invoices WHERE id "
		    "= $1", 1, p) == 0 && r.rows)
			db_i64(&r, 0, 0, &open);
		db_res_clear(&r);
	}
	payment_in in = { 0 };
	in.direction = "in";
	in.party = party;
	in.amount = amount;
	in.currency = cJSON_GetStringValue(cJSON_GetObjectItem(amt, "currency"));
	in.method = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "method"));
	in.payment_date = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "date"));
	in.reference = cJSON_GetStringValue(cJSON_GetObjectItem(rec,
	    "reference"));
	in.notes = arena_printf(c->a, "CRM payment %s", id);
	if (open > 0) {
		alloc.invoice = invoice;
		alloc.amount = amount < open ? amount : open;
		in.allocs = &alloc;
		in.n = 1;
	}
	char pay[PAYMENT_ID_LEN];
	db_res err;
	if (payment_create(c->db, c->user_id, &in, pay, &err) < 0) {
		why_failed(o, &err, "recording the payment");
		db_res_clear(&err);
		return -1;
	}
	return link(c, "payments", id, "payment_id", pay);
}

static int
exec0(ctx *c, const char *sql)
{
	db_res r;
	int rc = db_exec(c->db, &r, sql, 0, NULL);
	db_res_clear(&r);
	return rc;
}

/* one: record i of the batch; its outcome into out ("new"...) */
static int
one(ctx *c, const schema *s, const cJSON *rec, const char *run, cJSON *o,
    char out[16])
{
	cJSON *reasons = cJSON_CreateArray();
	cJSON *canon = schema_check(s, rec, reasons);
	const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "id"));
	if (id)
		cJSON_AddStringToObject(o, "id", id);
	else
		cJSON_AddNullToObject(o, "id");
	if (canon && references(c, s, canon, reasons) < 0) {
		cJSON_Delete(canon);
		cJSON_Delete(reasons);
		return -1;
	}
	if (canon == NULL || cJSON_GetArraySize(reasons) > 0) {
		snprintf(out, 16, "invalid");
		cJSON_AddItemToObject(o, "reasons", reasons);
		cJSON_Delete(canon);
		return 0;
	}
	cJSON_Delete(reasons);
	int posts = strcmp(s->kind, "registrations") == 0 ||
	    strcmp(s->kind, "payments") == 0;
	/* what posts to the books is undone with its record if it fails */
	if (posts && exec0(c, "SAVEPOINT sync_record") < 0) {
		cJSON_Delete(canon);
		return -1;
	}
	int rc = take(c, s->kind, id, canon, run, out, o);
	if (rc == 0 && strcmp(out, "new") == 0 && posts) {
		int failed = c->failed;
		rc = strcmp(s->kind, "payments") == 0 ? payment_posted(c, canon,
		    o) : registration_posted(c, canon, run, o);
		if (rc < 0) {
			/* the record's failure is its own: the batch goes on */
			c->failed = failed;
			resp_reset(&c->resp, 0);
			exec0(c, "ROLLBACK TO SAVEPOINT sync_record");
			cJSON_DeleteItemFromObject(o, "version");
			cJSON_DeleteItemFromObject(o, "fingerprint");
			snprintf(out, 16, "error");
			rc = 0;
		}
	}
	if (posts)
		exec0(c, "RELEASE SAVEPOINT sync_record");
	cJSON_Delete(canon);
	return rc == 0 || strcmp(out, "error") == 0 ? 0 : -1;
}

int
sync_batch(ctx *c, const schema *s, const cJSON *records, cJSON *results,
    sync_summary *sum)
{
	memset(sum, 0, sizeof(*sum));
	const char *p[1] = { s->kind };
	if (query_text(c, "INSERT INTO sync_runs (tenant_id, kind) VALUES "
	    "(bursar_tenant(), $1) RETURNING id", 1, p,
	    sum->run_id, sizeof(sum->run_id)) < 0)
		return -1;
	int n = cJSON_GetArraySize(records);
	const char **ids = calloc((size_t)n + 1, sizeof(*ids));
	const char **outs = calloc((size_t)n + 1, sizeof(*outs));
	const char **why = calloc((size_t)n + 1, sizeof(*why));
	const char **nums = calloc((size_t)n + 1, sizeof(*nums));
	int rc = ids && outs && why && nums ? 0 : -1;
	int i = 0;
	const cJSON *rec;
	cJSON_ArrayForEach(rec, records) {
		if (rc < 0)
			break;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, "index", cJSON_CreateNumber(i));
		char out[16];
		if (one(c, s, rec, sum->run_id, o, out) < 0) {
			cJSON_Delete(o);
			rc = -1;
			break;
		}
		sum->total++;
		if (strcmp(out, "new") == 0)
			sum->new++;
		else if (strcmp(out, "unchanged") == 0)
			sum->unchanged++;
		else if (strcmp(out, "updated") == 0)
			sum->updated++;
		else if (strcmp(out, "invalid") == 0)
			sum->invalid++;
		else
			sum->error++;
		char upper[16];
		for (size_t k = 0; k < sizeof(upper); k++)
			upper[k] = (char)(out[k] >= 'a' && out[k] <= 'z' ?
			    out[k] - 32 : out[k]);
		cJSON_AddStringToObject(o, "outcome", upper);
		nums[i] = arena_printf(c->a, "%d", i + 1);
		const char *sid = cJSON_GetStringValue(cJSON_GetObjectItem(o, "id"));
		ids[i] = sid ? arena_strdup(c->a, sid) : NULL;
		outs[i] = arena_strdup(c->a, out);
		cJSON *r = cJSON_GetObjectItem(o, "reasons");
		const char *err = cJSON_GetStringValue(cJSON_GetObjectItem(o,
		    "error"));
		if (r) {
			char *t = cJSON_PrintUnformatted(r);
			why[i] = arena_strdup(c->a, t);
			cJSON_free(t);
		} else if (err) {
			cJSON *e = cJSON_CreateArray();
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "error", err);
			cJSON_AddItemToArray(e, x);
			char *t = cJSON_PrintUnformatted(e);
			why[i] = arena_strdup(c->a, t);
			cJSON_free(t);
			cJSON_Delete(e);
		}
		cJSON_AddItemToArray(results, o);
		i++;
	}
	if (rc == 0 && n > 0) {
		/* every outcome in one statement, in input order */
		buf a = BUF_INIT(64u << 20), b = BUF_INIT(64u << 20),
		    d = BUF_INIT(64u << 20), e = BUF_INIT(128u << 20);
		rc = db_array(&a, nums, (size_t)i) | db_array(&b, ids, (size_t)i) |
		    db_array(&d, outs, (size_t)i) | db_array(&e, why, (size_t)i);
		const char *q[6] = { sum->run_id, s->kind, buf_str(&a),
		    buf_str(&b), buf_str(&d), buf_str(&e) };
		if (rc == 0)
			rc = query_run(c, NULL, "INSERT INTO sync_outcomes (tenant_id, "
			    "run_id, n, kind, source_id, outcome, reasons) SELECT "
			    "bursar_tenant(), $1, t.n, $2, t.s, t.o, t.r::jsonb FROM "
			    "unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS "
			    "t(n, s, o, r)", 6, q);
		else
			app_error(c, 413, "too_large", "the batch's outcomes are "
			    "too large to keep", NULL);
		buf_free(&a);
		buf_free(&b);
		buf_free(&d);
		buf_free(&e);
	}
	if (rc == 0) {
		char v[6][16];
		int counts[6] = { sum->total, sum->new, sum->unchanged,
		    sum->updated, sum->invalid, sum->error };
		const char *q[7] = { sum->run_id };
		for (int k = 0; k < 6; k++) {
			snprintf(v[k], sizeof(v[k]), "%d", counts[k]);
			q[k + 1] = v[k];
		}
		rc = query_run(c, NULL, "UPDATE sync_runs SET total = $2, new = $3, "
		    "unchanged = $4, updated = $5, invalid = $6, error = $7 "
		    "WHERE id = $1", 7, q);
	} else if (!c->failed)
		app_error(c, 500, "internal", "the sync run failed", NULL);
	free(ids);
	free(outs);
	free(why);
	free(nums);
	return rc;
}
