/* branches.c: a user limited to a branch sees only that branch's orders,
 * invoices, bills, payments, stock locations and journal entries (another
 * branch's answer 404 and are absent from lists) and may not write in
 * another; every document shows its branch, the main one by default; and
 * a business's dates ("today", due dates, overdue) are those of its own
 * time zone, not the server's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "kit.h"
#include "suites.h"

/* the documents of one branch: ids by kind */
enum { ORDER, INVOICE, BILL, PAYMENT, LOCATION, ENTRY, KINDS };
static const char *const paths[KINDS] = { "/api/v1/orders",
    "/api/v1/invoices", "/api/v1/bills", "/api/v1/payments",
    "/api/v1/locations", "/api/v1/journal" };

typedef struct docs {
	char *id[KINDS];
} docs;

/* created: POSTs body (with "branch":code spliced in when code is not
 * NULL) to the kind's path, 201; the new id (malloc'd), its branch
 * asserted to be want */
static char *
created(const char *token, int kind, const char *body, const char *code,
    const char *want)
{
	char full[2048];
	if (code)
		snprintf(full, sizeof(full), "{\"branch\":\"%s\",%s", code,
		    body + 1);
	else
		snprintf(full, sizeof(full), "%s", body);
	cJSON *j = kit_post(paths[kind], token, full, 201);
	const char *id = jstr(j, "id");
	ck_assert_ptr_nonnull(id);
	/* a journal entry answers {"entry": ...} or itself */
	const char *br = jstr(j, "branch");
	if (br == NULL)
		br = jstr(j, "entry.branch");
	ck_assert_msg(br && strcmp(br, want) == 0, "%s: branch %s, not %s",
	    paths[kind], br ? br : "(none)", want);
	char *out = strdup(id);
	cJSON_Delete(j);
	return out;
}

static void
make_docs(const char *token, const char *code, const char *want,
    const char *tag, const char *supplier, const char *customer,
    const char *today, docs *d)
{
	char body[1024];
	d->id[ORDER] = created(token, ORDER, "{\"customer\":\"C1\",\"lines\":"
	    "[{\"sku\":\"SETUP\",\"quantity\":1}]}", code, want);
	d->id[INVOICE] = created(token, INVOICE, "{\"customer\":\"C1\","
	    "\"lines\":[{\"sku\":\"SETUP\",\"quantity\":2}]}", code, want);
	snprintf(body, sizeof(body), "{\"supplier\":\"%s\",\"supplier_ref\":"
	    "\"REF-%s\",\"lines\":[{\"description\":\"Freight\",\"quantity\":1,"
	    "\"unit_price\":12050,\"tax_group\":null,\"account\":\"5500\"}]}",
	    supplier, tag);
	d->id[BILL] = created(token, BILL, body, code, want);
	snprintf(body, sizeof(body), "{\"direction\":\"in\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":2000,\"currency\":\"INR\"},\"method\":"
	    "\"cash\"}", customer);
	d->id[PAYMENT] = created(token, PAYMENT, body, code, want);
	snprintf(body, sizeof(body), "{\"code\":\"WH-%s\",\"name\":\"Store "
	    "%s\"}", tag, tag);
	d->id[LOCATION] = created(token, LOCATION, body, code, want);
	snprintf(body, sizeof(body), "{\"date\":\"%s\",\"memo\":\"Capital "
	    "%s\",\"lines\":[{\"account\":\"1200\",\"debit\":10000},"
	    "{\"account\":\"3100\",\"credit\":10000}]}", today, tag);
	d->id[ENTRY] = created(token, ENTRY, body, code, want);
}

static void
free_docs(docs *d)
{
	for (int k = 0; k < KINDS; k++)
		free(d->id[k]);
}

/* in_list: whether the kind's first list page (as token) holds id; every
 * item's branch asserted to be only (when not NULL) */
static int
in_list(const char *token, int kind, const char *id, const char *only)
{
	char path[128];
	snprintf(path, sizeof(path), "%s?limit=200", paths[kind]);
	cJSON *j = get_json(path, token, 200);
	const cJSON *items = cJSON_GetObjectItem(j, "items");
	ck_assert_ptr_nonnull(items);
	int found = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, items) {
		const char *iid = jstr(it, "id"), *br = jstr(it, "branch");
		if (iid && strcmp(iid, id) == 0)
			found = 1;
		if (only)
			ck_assert_msg(br && strcmp(br, only) == 0, "%s: an item "
			    "of branch %s", paths[kind], br ? br : "(none)");
	}
	cJSON_Delete(j);
	return found;
}

static void
get_one(const char *token, int kind, const char *id, long want)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/%s", paths[kind], id);
	cJSON_Delete(get_json(path, token, want));
}

START_TEST(branch_limit_hides_other_branches)
{
	kit_biz b;
	kit_business(&b, "brl", "INR");
	char *slug = kit_adm("SELECT slug FROM tenants WHERE id = '%s'", b.id);
	char *today = kit_adm("SELECT (now() AT TIME ZONE timezone)::date::text "
	    "FROM tenants WHERE id = '%s'", b.id);
	cJSON_Delete(kit_post("/api/v1/branches", b.token, "{\"code\":\"MUM\","
	    "\"name\":\"Mumbai\"}", 201));
	char *customer = kit_adm("INSERT INTO parties (tenant_id, code, name, "
	    "is_customer, currency) VALUES ('%s', 'C1', 'Asha Traders', true, "
	    "'INR') RETURNING id", b.id);
	char *supplier = kit_adm("INSERT INTO parties (tenant_id, code, name, "
	    "is_supplier, currency) VALUES ('%s', 'S1', 'Kaveri Mills', true, "
	    "'INR') RETURNING id", b.id);
	free(kit_product(b.token, "SETUP", 250000, "INR", NULL, 0));

	/* the owner's: the main branch by default, or the one named */
	docs main_d, mum_d;
	make_docs(b.token, NULL, "MAIN", "A", supplier, customer, today,
	    &main_d);
	make_docs(b.token, "MUM", "MUM", "B", supplier, customer, today, &mum_d);
	/* a document's own reads show its branch */
	for (int k = 0; k < KINDS; k++) {
		char path[160];
		snprintf(path, sizeof(path), "%s/%s", paths[k], mum_d.id[k]);
		cJSON *j = get_json(path, b.token, 200);
		const char *br = jstr(j, "branch");
		if (br == NULL)
			br = jstr(j, "entry.branch");
		ck_assert_msg(br && strcmp(br, "MUM") == 0, "%s: %s", path,
		    br ? br : "(none)");
		cJSON_Delete(j);
	}
	/* a branch the business does not have is refused by name */
	kit_refused("POST", "/api/v1/orders", b.token, "{\"branch\":\"NOPE\","
	    "\"customer\":\"C1\",\"lines\":[{\"sku\":\"SETUP\",\"quantity\":1}]}",
	    422, "branch");

	/* a clerk limited to Mumbai (any role: admin's permissions) */
	free(kit_adm("INSERT INTO users (tenant_id, email, name, password_hash, "
	    "role_id, all_branches) SELECT u.tenant_id, 'clerk@brl.test', "
	    "'Clerk', u.password_hash, r.id, false FROM users u JOIN roles r ON "
	    "r.tenant_id = u.tenant_id AND r.name = 'admin' WHERE u.tenant_id = "
	    "'%s' AND u.email = 'owner@brl.test'", b.id));
	free(kit_adm("INSERT INTO user_branches (tenant_id, user_id, branch_id) "
	    "SELECT u.tenant_id, u.id, br.id FROM users u JOIN branches br ON "
	    "br.tenant_id = u.tenant_id AND br.code = 'MUM' WHERE u.tenant_id = "
	    "'%s' AND u.email = 'clerk@brl.test'", b.id));
	reply r;
	char *clerk = kit_token(slug, "clerk@brl.test", "blue7Horse!fence");

	for (int k = 0; k < KINDS; k++) {
		get_one(clerk, k, main_d.id[k], 404);
		get_one(clerk, k, mum_d.id[k], 200);
		ck_assert_msg(!in_list(clerk, k, main_d.id[k], "MUM"),
		    "%s: another branch's listed", paths[k]);
		ck_assert_msg(in_list(clerk, k, mum_d.id[k], "MUM"),
		    "%s: its own branch's not listed", paths[k]);
		/* the owner, limited to nothing, sees both */
		ck_assert(in_list(b.token, k, main_d.id[k], NULL));
		ck_assert(in_list(b.token, k, mum_d.id[k], NULL));
	}
	/* the clerk writes in Mumbai by default, and not in another branch */
	free(created(clerk, ORDER, "{\"customer\":\"C1\",\"lines\":[{\"sku\":"
	    "\"SETUP\",\"quantity\":1}]}", NULL, "MUM"));
	long long orders = kit_adm_int("SELECT count(*) FROM orders WHERE "
	    "tenant_id = '%s'", b.id);
	kit_refused("POST", "/api/v1/orders", clerk, "{\"branch\":\"MAIN\","
	    "\"customer\":\"C1\",\"lines\":[{\"sku\":\"SETUP\",\"quantity\":1}]}",
	    422, "branch");
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM orders WHERE "
	    "tenant_id = '%s'", b.id), orders);
	/* nor change another branch's */
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/orders/%s/cancel",
	    main_d.id[ORDER]);
	cJSON_Delete(kit_post(path, clerk, "{}", 404));

	/* the pages show the branch */
	snprintf(path, sizeof(path), "/app/orders/%s", mum_d.id[ORDER]);
	kit_page(path, clerk, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "MUM"));
	reply_free(&r);
	snprintf(path, sizeof(path), "/app/journal/%s", mum_d.id[ENTRY]);
	kit_page(path, clerk, 200, &r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "MUM"));
	reply_free(&r);
	snprintf(path, sizeof(path), "/app/invoices/%s", main_d.id[INVOICE]);
	kit_page(path, clerk, 404, &r);
	reply_free(&r);

	free_docs(&main_d);
	free_docs(&mum_d);
	free(clerk);
	free(customer);
	free(supplier);
	free(today);
	free(slug);
	free(b.token);
}
END_TEST

/* A business whose date is not the server's: Kiritimati (UTC+14) once
 * the server's UTC day is ten hours old, when its date is already
 * tomorrow, else UTC-12, whose date is still yesterday. */
START_TEST(tenant_time_zone)
{
	kit_biz b;
	kit_business(&b, "tz", "INR");
	/* a zone PostgreSQL does not know is refused */
	char *bad = kit_adm("SELECT bursar_tz_ok('Mars/Olympus')::text");
	ck_assert_str_eq(bad, "false");
	free(bad);
	char *zone = kit_adm("SELECT CASE WHEN (now() AT TIME ZONE 'UTC')::time "
	    ">= '10:00' THEN 'Pacific/Kiritimati' ELSE 'Etc/GMT+12' END");
	free(kit_adm("UPDATE tenants SET timezone = '%s' WHERE id = '%s'", zone,
	    b.id));
	/* the owner signs in again: the zone travels in the token */
	char *slug = kit_adm("SELECT slug FROM tenants WHERE id = '%s'", b.id);
	char *token = kit_token(slug, "owner@tz.test", "blue7Horse!fence");
	char *tenant_day = kit_adm("SELECT (now() AT TIME ZONE '%s')::date::text",
	    zone);
	char *server_day = kit_adm("SELECT current_date::text");
	ck_assert_str_ne(tenant_day, server_day);
	free(kit_adm("INSERT INTO parties (tenant_id, code, name, is_customer, "
	    "currency, terms_days) VALUES ('%s', 'C1', 'Asha Traders', true, "
	    "'INR', 0)", b.id));
	free(kit_product(token, "SETUP", 250000, "INR", NULL, 0));

	/* an order and an invoice issued without a date: the business's */
	cJSON *j = kit_post("/api/v1/orders", token, "{\"customer\":\"C1\","
	    "\"lines\":[{\"sku\":\"SETUP\",\"quantity\":1}]}", 201);
	ck_assert_str_eq(jstr(j, "order_date"), tenant_day);
	cJSON_Delete(j);
	j = kit_post("/api/v1/invoices", token, "{\"customer\":\"C1\","
	    "\"lines\":[{\"sku\":\"SETUP\",\"quantity\":1}]}", 201);
	char *inv = strdup(jstr(j, "id"));
	cJSON_Delete(j);
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/issue", inv);
	j = kit_post(path, token, "{}", 200);
	ck_assert_str_eq(jstr(j, "issue_date"), tenant_day);
	ck_assert_str_eq(jstr(j, "due_date"), tenant_day);
	cJSON_Delete(j);

	/* due on the earlier of the two days: overdue by the business's date
	 * exactly when its day is the later one */
	free(kit_adm("UPDATE invoices SET due_date = least('%s'::date, "
	    "'%s'::date) WHERE id = '%s'", tenant_day, server_day, inv));
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "BURSAR_CONFIG=%s/bursar.conf %s/cron/overdue "
	    ">/dev/null", getenv("BURSAR_VAR"), getenv("BURSAR_BUILD"));
	ck_assert_int_eq(sh("%s", cmd), 0);
	char *status = kit_adm("SELECT status FROM invoices WHERE id = '%s'",
	    inv);
	ck_assert_str_eq(status, strcmp(server_day, tenant_day) < 0 ? "overdue"
	    : "issued");
	free(status);

	/* and the API's /me answers in the same scope */
	cJSON_Delete(get_json("/api/v1/me", token, 200));
	free(inv);
	free(tenant_day);
	free(server_day);
	free(token);
	free(slug);
	free(zone);
	free(b.token);
}
END_TEST

TCase *
branches_tcase(void)
{
	TCase *tc = tcase_create("branches");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, branch_limit_hides_other_branches);
	tcase_add_test(tc, tenant_time_zone);
	return tc;
}
