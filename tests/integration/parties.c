/* parties.c: customers, suppliers, products, categories and the commerce
 * settings over HTTP against the real stack: what is made reads back
 * exactly, lists search and page, every refusal says which field and
 * writes nothing, another business's ids are 404, permissions hold, and
 * each change records its event once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "db/db.h"
#include "kit.h"
#include "suites.h"
#include "web/reply.h"

static int
jtrue(const cJSON *o, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItem(o, key));
}

/* business: a new business in currency; its owner's token, and its id
 * into tenant */
static char *
business(const char *currency, char tenant[37])
{
	kit_biz b;
	kit_business(&b, "pty", currency);
	snprintf(tenant, 37, "%s", b.id);
	return b.token;
}

static long long
count(const char *sql, const char *a, const char *b)
{
	return kit_adm_count(sql, 2, a, b, NULL);
}

/* events: how many events of type the business has about record id */
static long long
events(const char *tenant, const char *type, const char *id)
{
	return kit_adm_count("SELECT count(*) FROM outbox_events WHERE tenant_id = "
	    "$1::uuid AND type = $2 AND payload->>'id' = $3", 3, tenant, type, id);
}

static long long
parties_of(const char *tenant)
{
	return count("SELECT count(*) FROM parties WHERE tenant_id = $1::uuid "
	    "AND $2::text IS NULL", tenant, NULL);
}

static long long
products_of(const char *tenant)
{
	return count("SELECT count(*) FROM products WHERE tenant_id = $1::uuid "
	    "AND $2::text IS NULL", tenant, NULL);
}

/* key_with: an API key of the owner's business holding scopes */
static char *
key_with(const char *owner, const char *scopes)
{
	char body[256];
	snprintf(body, sizeof(body), "{\"name\":\"k\",\"scopes\":\"%s\"}",
	    scopes);
	cJSON *j = kit_post("/api/v1/api-keys", owner, body, 201);
	char *key = strdup(jstr(j, "key"));
	cJSON_Delete(j);
	return key;
}

static const char *
path_of(const char *fmt, const char *id)
{
	static char s[4][600];
	static int i;
	i = (i + 1) % 4;
	snprintf(s[i], sizeof(s[i]), fmt, id);
	return s[i];
}

START_TEST(customers_made_and_read_back)
{
	char tenant[37];
	char *t = business("INR", tenant);
	cJSON *c = kit_post("/api/v1/customers", t, "{\"name\":\"Asha Traders\","
	    "\"email\":\"accounts@asha.example\",\"phone\":\"+91 22 4000 1000\","
	    "\"tax_id\":\"27aapfu0939f1zv\",\"credit_limit\":5000000}", 201);
	ck_assert_str_eq(jstr(c, "code"), "C-00001");
	ck_assert_str_eq(jstr(c, "name"), "Asha Traders");
	ck_assert_str_eq(jstr(c, "tax_id"), "27AAPFU0939F1ZV");
	ck_assert_str_eq(jstr(c, "currency"), "INR");
	ck_assert_int_eq(kit_num(c, "terms_days"), 30);
	ck_assert(jtrue(c, "is_customer") && !jtrue(c, "is_supplier"));
	const cJSON *cl = cJSON_GetObjectItem(c, "credit_limit");
	ck_assert_int_eq(kit_num(cl, "amount"), 5000000);
	ck_assert_str_eq(jstr(cl, "currency"), "INR");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(c, "balances")),
	    0);
	char id[37];
	snprintf(id, sizeof(id), "%s", jstr(c, "id"));
	cJSON_Delete(c);
	ck_assert_int_eq(events(tenant, "customer.created", id), 1);
	ck_assert_int_eq(events(tenant, "supplier.created", id), 0);

	/* a supplier gets the next S- code, a foreign currency and terms */
	cJSON *s = kit_post("/api/v1/suppliers", t, "{\"name\":\"Bharat Steel\","
	    "\"currency\":\"USD\",\"terms_days\":45,\"credit_limit\":{\"amount\":"
	    "125050,\"currency\":\"USD\"}}", 201);
	ck_assert_str_eq(jstr(s, "code"), "S-00001");
	ck_assert_str_eq(jstr(s, "currency"), "USD");
	ck_assert_int_eq(kit_num(s, "terms_days"), 45);
	ck_assert_int_eq(kit_num(cJSON_GetObjectItem(s, "credit_limit"), "amount"),
	    125050);
	char sid[37];
	snprintf(sid, sizeof(sid), "%s", jstr(s, "id"));
	cJSON_Delete(s);
	/* a party that is both emits both events, and is in both lists */
	char *both = kit_party(t, "both", "Chola Exports", NULL);
	ck_assert_int_eq(events(tenant, "customer.created", both), 1);
	ck_assert_int_eq(events(tenant, "supplier.created", both), 1);
	cJSON *b = get_json(path_of("/api/v1/parties/%s", both), t, 200);
	ck_assert_str_eq(jstr(b, "code"), "C-00002");
	cJSON_Delete(b);

	cJSON *l = get_json("/api/v1/customers", t, 200);
	cJSON *items = cJSON_GetObjectItem(l, "items");
	ck_assert_int_eq(cJSON_GetArraySize(items), 2);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items, 0), "name"),
	    "Asha Traders");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items, 1), "name"),
	    "Chola Exports");
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(l, "next")));
	cJSON_Delete(l);
	l = get_json("/api/v1/suppliers?sort=newest", t, 200);
	items = cJSON_GetObjectItem(l, "items");
	ck_assert_int_eq(cJSON_GetArraySize(items), 2);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items, 0), "name"),
	    "Chola Exports");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(items, 1), "name"),
	    "Bharat Steel");
	cJSON_Delete(l);
	/* a customer is not a supplier: 404 under /suppliers */
	cJSON_Delete(kit_call("GET", path_of("/api/v1/suppliers/%s", id), t, NULL,
	    404));
	cJSON_Delete(get_json(path_of("/api/v1/suppliers/%s", sid), t, 200));

	/* search by a piece of the tax id, the email, the code, any case */
	static const char *const qs[] = { "?q=aapfu0939", "?q=ASHA.EXAMPLE",
	    "?q=c-00001", "?q=traders" };
	for (size_t i = 0; i < 4; i++) {
		char p[128];
		snprintf(p, sizeof(p), "/api/v1/customers%s", qs[i]);
		l = get_json(p, t, 200);
		items = cJSON_GetObjectItem(l, "items");
		ck_assert_msg(cJSON_GetArraySize(items) == 1, "%s", p);
		ck_assert_str_eq(jstr(items->child, "id"), id);
		cJSON_Delete(l);
	}
	l = get_json("/api/v1/customers?q=nobody", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(l, "items")), 0);
	cJSON_Delete(l);
	free(both);
	free(t);
}
END_TEST

START_TEST(customers_paginate)
{
	char tenant[37];
	char *t = business("EUR", tenant);
	static const char *const names[] = { "delta", "Alpha", "echo", "Bravo",
	    "charlie" };
	for (int i = 0; i < 5; i++) {
		char body[128];
		snprintf(body, sizeof(body), "{\"name\":\"%s\"}", names[i]);
		cJSON_Delete(kit_post("/api/v1/customers", t, body, 201));
	}
	/* pages of two by name, case folded: Alpha Bravo | charlie delta |
	 * echo */
	static const char *const want[] = { "Alpha", "Bravo", "charlie", "delta",
	    "echo" };
	char p[512] = "/api/v1/customers?limit=2";
	int seen = 0, pages = 0;
	for (;;) {
		cJSON *l = get_json(p, t, 200);
		const cJSON *o;
		cJSON_ArrayForEach(o, cJSON_GetObjectItem(l, "items"))
			ck_assert_str_eq(jstr(o, "name"), want[seen++]);
		pages++;
		const char *next = jstr(l, "next");
		if (next == NULL) {
			cJSON_Delete(l);
			break;
		}
		snprintf(p, sizeof(p), "/api/v1/customers?limit=2&cursor=%s", next);
		cJSON_Delete(l);
	}
	ck_assert_int_eq(seen, 5);
	ck_assert_int_eq(pages, 3);
	/* newest first, then a page after the newest */
	cJSON *l = get_json("/api/v1/customers?sort=newest&limit=1", t, 200);
	ck_assert_str_eq(jstr(cJSON_GetObjectItem(l, "items")->child, "name"),
	    "charlie");
	snprintf(p, sizeof(p), "/api/v1/customers?sort=newest&limit=1&cursor=%s",
	    jstr(l, "next"));
	cJSON_Delete(l);
	l = get_json(p, t, 200);
	ck_assert_str_eq(jstr(cJSON_GetObjectItem(l, "items")->child, "name"),
	    "Bravo");
	cJSON_Delete(l);
	/* the limits */
	cJSON_Delete(kit_call("GET", "/api/v1/customers?limit=201", t, NULL, 400));
	cJSON_Delete(kit_call("GET", "/api/v1/customers?limit=0", t, NULL, 400));
	cJSON_Delete(get_json("/api/v1/customers?limit=200", t, 200));
	cJSON_Delete(kit_call("GET", "/api/v1/customers?cursor=zz%21", t, NULL,
	    400));
	kit_refused("GET", "/api/v1/customers?sort=size", t, NULL, 422, "sort");
	kit_refused("GET", "/api/v1/customers?archived=maybe", t, NULL, 422,
	    "archived");
	cJSON_Delete(kit_call("GET", "/api/v1/products?limit=201", t, NULL, 400));
	free(t);
}
END_TEST

START_TEST(party_refusals_write_nothing)
{
	char tenant[37];
	char *t = business("INR", tenant);
	char *id = kit_party(t, "customer", "Existing", NULL);
	long long before = parties_of(tenant);
	long long evs = count("SELECT count(*) FROM outbox_events WHERE "
	    "tenant_id = $1::uuid AND $2::text IS NULL", tenant, NULL);
	kit_refused("POST", "/api/v1/customers", t, "{\"email\":\"a@b.example\"}",
	    422, "name");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"\"}", 422, "name");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\",\"currency\":"
	    "\"XXX\"}", 422, "currency");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\",\"currency\":"
	    "\"inr\"}", 422, "currency");
	/* the check character is wrong; then a bad shape */
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\",\"tax_id\":"
	    "\"27AAPFU0939F1ZX\"}", 422, "tax_id");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\",\"tax_id\":"
	    "\"27AAPFU0939F1Z\"}", 422, "tax_id");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\",\"tax_id\":"
	    "\"00AAPFU0939F1ZV\"}", 422, "tax_id");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\","
	    "\"credit_limit\":-1}", 422, "credit_limit");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\","
	    "\"credit_limit\":1.5}", 422, "credit_limit");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\","
	    "\"terms_days\":400}", 422, "terms_days");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\",\"email\":"
	    "\"not an email\"}", 422, "email");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\",\"code\":"
	    "\"C-00001\"}", 422, "code");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\",\"code\":"
	    "\"has space\"}", 422, "code");
	kit_refused("POST", "/api/v1/parties", t, "{\"name\":\"X\"}", 422,
	    "is_customer");
	kit_refused("POST", "/api/v1/customers", t, "{\"name\":\"X\","
	    "\"is_customer\":false}", 422, "is_customer");
	kit_refused("PATCH", path_of("/api/v1/customers/%s", id), t,
	    "{\"credit_limit\":-500}", 422, "credit_limit");
	kit_refused("PATCH", path_of("/api/v1/customers/%s", id), t,
	    "{\"tax_id\":\"29AAGCB7383J1Z5\"}", 422, "tax_id");
	kit_refused("PATCH", path_of("/api/v1/customers/%s", id), t,
	    "{\"is_customer\":false}", 422, "is_customer");
	ck_assert_int_eq(parties_of(tenant), before);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_events WHERE "
	    "tenant_id = $1::uuid AND $2::text IS NULL", tenant, NULL), evs);
	cJSON *p = get_json(path_of("/api/v1/customers/%s", id), t, 200);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(p, "credit_limit")));
	ck_assert_str_eq(jstr(p, "tax_id"), "");
	cJSON_Delete(p);
	/* outside India a tax id is any text up to 40 characters */
	char t2[37];
	char *eu = business("EUR", t2);
	cJSON *e = kit_post("/api/v1/customers", eu, "{\"name\":\"Müller GmbH\","
	    "\"tax_id\":\"DE123456789\"}", 201);
	ck_assert_str_eq(jstr(e, "tax_id"), "DE123456789");
	ck_assert_str_eq(jstr(e, "currency"), "EUR");
	cJSON_Delete(e);
	free(eu);
	free(id);
	free(t);
}
END_TEST

START_TEST(customers_change_and_archive)
{
	char tenant[37];
	char *t = business("INR", tenant);
	char *id = kit_party(t, "customer", "Deccan Foods", NULL);
	cJSON *p = kit_call("PATCH", path_of("/api/v1/customers/%s", id), t,
	    "{\"name\":\"Deccan Foods Ltd\",\"terms_days\":15,\"credit_limit\":"
	    "2500000,\"tax_id\":\"29AAGCB7383J1Z4\"}", 200);
	ck_assert_str_eq(jstr(p, "name"), "Deccan Foods Ltd");
	ck_assert_int_eq(kit_num(p, "terms_days"), 15);
	ck_assert_int_eq(kit_num(cJSON_GetObjectItem(p, "credit_limit"), "amount"),
	    2500000);
	ck_assert_str_eq(jstr(p, "tax_id"), "29AAGCB7383J1Z4");
	ck_assert_str_eq(jstr(p, "code"), "C-00001");
	cJSON_Delete(p);
	ck_assert_int_eq(events(tenant, "customer.updated", id), 1);
	/* the limit removed with null-as-empty */
	p = kit_call("PATCH", path_of("/api/v1/customers/%s", id), t,
	    "{\"credit_limit\":\"\"}", 200);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(p, "credit_limit")));
	cJSON_Delete(p);
	/* becoming a supplier too: supplier.created, and in both lists */
	p = kit_call("PATCH", path_of("/api/v1/parties/%s", id), t,
	    "{\"is_supplier\":true}", 200);
	ck_assert(jtrue(p, "is_supplier") && jtrue(p, "is_customer"));
	cJSON_Delete(p);
	ck_assert_int_eq(events(tenant, "supplier.created", id), 1);
	ck_assert_int_eq(events(tenant, "customer.updated", id), 3);

	/* archived: out of the default list, in archived=true and all */
	cJSON_Delete(kit_post(path_of("/api/v1/customers/%s/archive", id), t, "{}",
	    200));
	cJSON *l = get_json("/api/v1/customers", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(l, "items")), 0);
	cJSON_Delete(l);
	l = get_json("/api/v1/customers?archived=true", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(l, "items")), 1);
	ck_assert(jtrue(cJSON_GetObjectItem(l, "items")->child, "archived"));
	cJSON_Delete(l);
	cJSON_Delete(kit_post(path_of("/api/v1/customers/%s/unarchive", id), t,
	    "{}", 200));
	l = get_json("/api/v1/customers?archived=all", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(l, "items")), 1);
	ck_assert(!jtrue(cJSON_GetObjectItem(l, "items")->child, "archived"));
	cJSON_Delete(l);

	/* contacts and addresses: add, edit, remove */
	p = kit_post(path_of("/api/v1/customers/%s/contacts", id), t,
	    "{\"name\":\"Ravi Kumar\",\"role\":\"Accounts\",\"email\":"
	    "\"ravi@deccan.example\",\"is_primary\":true}", 201);
	cJSON *cs = cJSON_GetObjectItem(p, "contacts");
	ck_assert_int_eq(cJSON_GetArraySize(cs), 1);
	ck_assert(jtrue(cs->child, "is_primary"));
	char cid[37];
	snprintf(cid, sizeof(cid), "%s", jstr(cs->child, "id"));
	cJSON_Delete(p);
	p = kit_post(path_of("/api/v1/customers/%s/contacts", id), t,
	    "{\"name\":\"Meera\",\"is_primary\":true}", 201);
	cs = cJSON_GetObjectItem(p, "contacts");
	ck_assert_int_eq(cJSON_GetArraySize(cs), 2);
	/* one primary: the new one */
	ck_assert_str_eq(jstr(cs->child, "name"), "Meera");
	ck_assert(jtrue(cs->child, "is_primary"));
	ck_assert(!jtrue(cs->child->next, "is_primary"));
	cJSON_Delete(p);
	char cpath[256];
	snprintf(cpath, sizeof(cpath), "/api/v1/customers/%s/contacts/%s", id,
	    cid);
	p = kit_call("PATCH", cpath, t, "{\"phone\":\"+91 80 1234 5678\"}", 200);
	cs = cJSON_GetObjectItem(p, "contacts");
	ck_assert_str_eq(jstr(cs->child->next, "phone"), "+91 80 1234 5678");
	cJSON_Delete(p);
	kit_refused("POST", path_of("/api/v1/customers/%s/contacts", id), t,
	    "{\"role\":\"x\"}", 422, "name");
	p = kit_call("DELETE", cpath, t, NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p, "contacts")),
	    1);
	cJSON_Delete(p);
	cJSON_Delete(kit_call("DELETE", cpath, t, NULL, 404));

	p = kit_post(path_of("/api/v1/customers/%s/addresses", id), t,
	    "{\"kind\":\"billing\",\"line1\":\"12 MG Road\",\"city\":"
	    "\"Bengaluru\",\"region\":\"Karnataka\",\"postal_code\":\"560001\"}",
	    201);
	cJSON *as = cJSON_GetObjectItem(p, "addresses");
	ck_assert_int_eq(cJSON_GetArraySize(as), 1);
	/* the first of its kind is the default */
	ck_assert(jtrue(as->child, "is_default"));
	ck_assert_str_eq(jstr(as->child, "country"), "IN");
	char apath[256];
	snprintf(apath, sizeof(apath), "/api/v1/customers/%s/addresses/%s", id,
	    jstr(as->child, "id"));
	cJSON_Delete(p);
	kit_refused("POST", path_of("/api/v1/customers/%s/addresses", id), t,
	    "{\"kind\":\"home\",\"line1\":\"x\"}", 422, "kind");
	kit_refused("POST", path_of("/api/v1/customers/%s/addresses", id), t,
	    "{\"kind\":\"shipping\"}", 422, "line1");
	p = kit_call("PATCH", apath, t, "{\"kind\":\"shipping\"}", 200);
	ck_assert_str_eq(jstr(cJSON_GetObjectItem(p, "addresses")->child,
	    "kind"), "shipping");
	cJSON_Delete(p);
	p = kit_post(path_of("%s/delete", apath), t, "{}", 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p,
	    "addresses")), 0);
	cJSON_Delete(p);
	free(id);
	free(t);
}
END_TEST

START_TEST(other_business_and_permissions)
{
	char ta[37], tb[37];
	char *a = business("INR", ta);
	char *b = business("INR", tb);
	char *cust = kit_party(a, "customer", "Mine", NULL);
	char *prod = kit_product(a, "MINE-1", 10000, "INR", "GST18", 1);
	/* another business sees and changes none of it */
	cJSON_Delete(kit_call("GET", path_of("/api/v1/customers/%s", cust), b, NULL,
	    404));
	cJSON_Delete(kit_call("GET", path_of("/api/v1/parties/%s", cust), b, NULL,
	    404));
	cJSON_Delete(kit_call("PATCH", path_of("/api/v1/customers/%s", cust), b,
	    "{\"name\":\"Stolen\"}", 404));
	cJSON_Delete(kit_post(path_of("/api/v1/customers/%s/archive", cust), b,
	    "{}", 404));
	cJSON_Delete(kit_post(path_of("/api/v1/customers/%s/contacts", cust), b,
	    "{\"name\":\"x\"}", 404));
	cJSON_Delete(kit_call("GET", path_of("/api/v1/products/%s", prod), b, NULL,
	    404));
	cJSON_Delete(kit_call("GET", "/api/v1/products/MINE-1", b, NULL, 404));
	cJSON_Delete(kit_call("PATCH", path_of("/api/v1/products/%s", prod), b,
	    "{\"name\":\"Stolen\"}", 404));
	cJSON *l = get_json("/api/v1/customers", b, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(l, "items")), 0);
	cJSON_Delete(l);
	cJSON *p = get_json(path_of("/api/v1/customers/%s", cust), a, 200);
	ck_assert_str_eq(jstr(p, "name"), "Mine");
	cJSON_Delete(p);
	/* the sales role's permissions: customers yes, suppliers no */
	char *sales = key_with(a, "sales.read,sales.write,inventory.read");
	cJSON_Delete(kit_post("/api/v1/customers", sales, "{\"name\":\"By sales\"}",
	    201));
	long long n = parties_of(ta);
	cJSON_Delete(kit_post("/api/v1/suppliers", sales, "{\"name\":\"No\"}",
	    403));
	cJSON_Delete(kit_post("/api/v1/parties", sales, "{\"name\":\"No\","
	    "\"is_customer\":true,\"is_supplier\":true}", 403));
	cJSON_Delete(kit_call("PATCH", path_of("/api/v1/parties/%s", cust), sales,
	    "{\"is_supplier\":true}", 403));
	cJSON_Delete(kit_call("GET", "/api/v1/suppliers", sales, NULL, 403));
	cJSON_Delete(kit_post("/api/v1/products", sales, "{\"sku\":\"S1\","
	    "\"name\":\"No\"}", 403));
	cJSON_Delete(get_json("/api/v1/products", sales, 200));
	ck_assert_int_eq(parties_of(ta), n);
	/* a supplier is out of a sales key's sight */
	char *supp = kit_party(a, "supplier", "Their supplier", NULL);
	cJSON_Delete(kit_call("GET", path_of("/api/v1/parties/%s", supp), sales,
	    NULL, 403));
	l = get_json("/api/v1/parties", sales, 200);
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(l, "items"))
		ck_assert(jtrue(o, "is_customer"));
	cJSON_Delete(l);
	/* settings: a reader sees, cannot change */
	char *reader = key_with(a, "ledger.read");
	cJSON_Delete(get_json("/api/v1/commerce/settings", reader, 200));
	cJSON_Delete(kit_call("PATCH", "/api/v1/commerce/settings", reader,
	    "{\"default_terms_days\":10}", 403));
	free(reader);
	free(supp);
	free(sales);
	free(prod);
	free(cust);
	free(a);
	free(b);
}
END_TEST

START_TEST(idempotent_customer)
{
	char tenant[37];
	char *t = business("INR", tenant);
	char auth[1024], key[128];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", t);
	snprintf(key, sizeof(key), "Idempotency-Key: %s", unique("cust"));
	const char *h[] = { auth, "Content-Type: application/json", key, NULL };
	const char *body = "{\"name\":\"Once Only\"}";
	char ids[2][37];
	for (int i = 0; i < 2; i++) {
		reply r;
		ck_assert_int_eq(client_do("POST", "/api/v1/customers", h, body,
		    strlen(body), &r), 0);
		ck_assert_msg(r.status == 201, "%ld %s", r.status,
		    buf_str(&r.body));
		cJSON *j = body_json(&r);
		snprintf(ids[i], 37, "%s", jstr(j, "id"));
		cJSON_Delete(j);
		reply_free(&r);
	}
	ck_assert_str_eq(ids[0], ids[1]);
	ck_assert_int_eq(parties_of(tenant), 1);
	ck_assert_int_eq(events(tenant, "customer.created", ids[0]), 1);
	free(t);
}
END_TEST

START_TEST(products_made_and_read_back)
{
	char tenant[37];
	char *t = business("INR", tenant);
	cJSON *k = kit_post("/api/v1/categories", t, "{\"name\":\"Hardware\"}",
	    201);
	char cat[37];
	snprintf(cat, sizeof(cat), "%s", jstr(k, "id"));
	cJSON_Delete(k);
	kit_refused("POST", "/api/v1/categories", t, "{\"name\":\"Hardware\"}", 409,
	    "name");
	cJSON *p = kit_post("/api/v1/products", t, "{\"sku\":\"BOLT-10\",\"name\":"
	    "\"Hex bolt M10\",\"unit\":\"each\",\"tracked\":true,\"tax_group\":"
	    "\"GST18\",\"reorder_level\":50,\"category\":\"Hardware\","
	    "\"prices\":[{\"currency\":\"INR\",\"unit_price\":12500},"
	    "{\"currency\":\"USD\",\"unit_price\":199}]}", 201);
	ck_assert_str_eq(jstr(p, "sku"), "BOLT-10");
	ck_assert_str_eq(jstr(p, "category_id"), cat);
	ck_assert_str_eq(jstr(p, "category"), "Hardware");
	ck_assert_str_eq(jstr(p, "tax_group"), "GST18");
	ck_assert_int_eq(kit_num(p, "reorder_level"), 50);
	cJSON *pr = cJSON_GetObjectItem(p, "prices");
	ck_assert_int_eq(cJSON_GetArraySize(pr), 2);
	ck_assert_str_eq(jstr(pr->child, "currency"), "INR");
	ck_assert_int_eq(kit_num(pr->child, "unit_price"), 12500);
	ck_assert_int_eq(kit_num(pr->child->next, "unit_price"), 199);
	ck_assert(!cJSON_HasObjectItem(pr->child, "digits"));
	/* stock at the main store, none yet */
	cJSON *st = cJSON_GetObjectItem(p, "stock");
	ck_assert_int_eq(cJSON_GetArraySize(st), 1);
	ck_assert_str_eq(jstr(st->child, "location_code"), "MAIN");
	ck_assert_int_eq(kit_num(st->child, "available"), 0);
	char id[37];
	snprintf(id, sizeof(id), "%s", jstr(p, "id"));
	cJSON_Delete(p);
	ck_assert_int_eq(events(tenant, "product.created", id), 1);
	/* by id and by SKU alike */
	p = get_json("/api/v1/products/BOLT-10", t, 200);
	ck_assert_str_eq(jstr(p, "id"), id);
	cJSON_Delete(p);
	/* prices as a map; a service */
	p = kit_post("/api/v1/products", t, "{\"sku\":\"FIT-HR\",\"name\":"
	    "\"Fitting, per hour\",\"unit\":\"hour\",\"tracked\":false,"
	    "\"prices\":{\"INR\":90000}}", 201);
	ck_assert(!jtrue(p, "tracked"));
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(p, "tax_group")));
	ck_assert_int_eq(kit_num(cJSON_GetObjectItem(p, "prices")->child,
	    "unit_price"), 90000);
	cJSON_Delete(p);
	char *third = kit_product(t, "NUT-10", 450, "INR", NULL, 1);

	/* refusals: nothing written */
	long long n = products_of(tenant);
	kit_refused("POST", "/api/v1/products", t, "{\"sku\":\"BOLT-10\",\"name\":"
	    "\"Again\"}", 409, "sku");
	kit_refused("POST", "/api/v1/products", t, "{\"sku\":\"X1\",\"name\":\"X\","
	    "\"tax_group\":\"GST99\"}", 422, "tax_group");
	kit_refused("POST", "/api/v1/products", t, "{\"sku\":\"X1\",\"name\":\"X\","
	    "\"category\":\"Nope\"}", 422, "category");
	kit_refused("POST", "/api/v1/products", t, "{\"name\":\"X\"}", 422, "sku");
	kit_refused("POST", "/api/v1/products", t, "{\"sku\":\"a b\",\"name\":"
	    "\"X\"}", 422, "sku");
	kit_refused("POST", "/api/v1/products", t, "{\"sku\":\"X1\",\"name\":\"X\","
	    "\"prices\":[{\"currency\":\"INR\",\"unit_price\":-1}]}", 422,
	    "prices");
	kit_refused("POST", "/api/v1/products", t, "{\"sku\":\"X1\",\"name\":\"X\","
	    "\"prices\":{\"QQQ\":5}}", 422, "prices");
	kit_refused("POST", "/api/v1/products", t, "{\"sku\":\"X1\",\"name\":\"X\","
	    "\"reorder_level\":-3}", 422, "reorder_level");
	kit_refused("PATCH", path_of("/api/v1/products/%s", third), t,
	    "{\"sku\":\"BOLT-10\"}", 409, "sku");
	ck_assert_int_eq(products_of(tenant), n);

	/* change, prices set and removed */
	p = kit_call("PATCH", "/api/v1/products/BOLT-10", t, "{\"name\":"
	    "\"Hex bolt M10 zinc\",\"reorder_level\":80,\"prices\":{\"INR\":"
	    "13000}}", 200);
	ck_assert_str_eq(jstr(p, "name"), "Hex bolt M10 zinc");
	pr = cJSON_GetObjectItem(p, "prices");
	ck_assert_int_eq(cJSON_GetArraySize(pr), 2);
	ck_assert_int_eq(kit_num(pr->child, "unit_price"), 13000);
	cJSON_Delete(p);
	ck_assert_int_eq(events(tenant, "product.updated", id), 1);
	p = kit_post(path_of("/api/v1/products/%s/prices", id), t, "{\"currency\":"
	    "\"EUR\",\"unit_price\":\"1.85\"}", 200);
	pr = cJSON_GetObjectItem(p, "prices");
	ck_assert_int_eq(cJSON_GetArraySize(pr), 3);
	ck_assert_str_eq(jstr(pr->child, "currency"), "EUR");
	ck_assert_int_eq(kit_num(pr->child, "unit_price"), 185);
	cJSON_Delete(p);
	kit_refused("POST", path_of("/api/v1/products/%s/prices", id), t,
	    "{\"currency\":\"EUR\",\"unit_price\":\"1.855\"}", 422, "unit_price");
	p = kit_call("DELETE", path_of("/api/v1/products/%s/prices/USD", id), t,
	    NULL, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p, "prices")),
	    2);
	cJSON_Delete(p);
	cJSON_Delete(kit_call("DELETE", path_of("/api/v1/products/%s/prices/USD",
	    id), t, NULL, 404));

	/* lists: kinds, category, search, sort by SKU, archived */
	cJSON *l = get_json("/api/v1/products?kind=service", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(l, "items")), 1);
	ck_assert_str_eq(jstr(cJSON_GetObjectItem(l, "items")->child, "sku"),
	    "FIT-HR");
	cJSON_Delete(l);
	l = get_json(path_of("/api/v1/products?category=%s", cat), t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(l, "items")), 1);
	cJSON_Delete(l);
	l = get_json("/api/v1/products?q=bolt", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(l, "items")), 1);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(l, "items")->child, "prices")), 2);
	cJSON_Delete(l);
	l = get_json("/api/v1/products?sort=sku&limit=2", t, 200);
	cJSON *items = cJSON_GetObjectItem(l, "items");
	ck_assert_str_eq(jstr(items->child, "sku"), "BOLT-10");
	ck_assert_str_eq(jstr(items->child->next, "sku"), "FIT-HR");
	char next[512];
	snprintf(next, sizeof(next), "/api/v1/products?sort=sku&limit=2&"
	    "cursor=%s", jstr(l, "next"));
	cJSON_Delete(l);
	l = get_json(next, t, 200);
	items = cJSON_GetObjectItem(l, "items");
	ck_assert_int_eq(cJSON_GetArraySize(items), 1);
	ck_assert_str_eq(jstr(items->child, "sku"), "NUT-10");
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(l, "next")));
	cJSON_Delete(l);
	kit_refused("GET", "/api/v1/products?kind=food", t, NULL, 422, "kind");
	cJSON_Delete(kit_post(path_of("/api/v1/products/%s/archive", third), t,
	    "{}", 200));
	l = get_json("/api/v1/products", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(l, "items")), 2);
	cJSON_Delete(l);

	/* a category in use stays; an empty one goes */
	kit_refused("DELETE", path_of("/api/v1/categories/%s", cat), t, NULL, 422,
	    "category");
	cJSON_Delete(kit_call("PATCH", "/api/v1/products/BOLT-10", t,
	    "{\"category\":\"\"}", 200));
	cJSON_Delete(kit_call("DELETE", path_of("/api/v1/categories/%s", cat), t,
	    NULL, 200));
	l = get_json("/api/v1/categories", t, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(l, "items")), 0);
	cJSON_Delete(l);
	free(third);
	free(t);
}
END_TEST

START_TEST(commerce_settings)
{
	char tenant[37];
	char *t = business("INR", tenant);
	cJSON *s = get_json("/api/v1/commerce/settings", t, 200);
	ck_assert_str_eq(jstr(s, "invoice_on"), "ship");
	ck_assert_int_eq(kit_num(s, "default_terms_days"), 30);
	ck_assert_str_eq(jstr(s, "invoice_prefix"), "INV");
	cJSON_Delete(s);
	s = kit_call("PATCH", "/api/v1/commerce/settings", t, "{\"invoice_on\":"
	    "\"place\",\"default_terms_days\":45,\"invoice_prefix\":\"SI\","
	    "\"payment_instructions\":\"HDFC Bank, A/c 50100012345678, IFSC "
	    "HDFC0000123\",\"address\":\"4 Residency Road\\nBengaluru 560025\","
	    "\"tax_id\":\"29AAGCB7383J1Z4\"}", 200);
	ck_assert_str_eq(jstr(s, "invoice_on"), "place");
	ck_assert_int_eq(kit_num(s, "default_terms_days"), 45);
	ck_assert_str_eq(jstr(s, "invoice_prefix"), "SI");
	ck_assert_str_eq(jstr(s, "credit_note_prefix"), "CN");
	ck_assert_str_eq(jstr(s, "address"), "4 Residency Road\nBengaluru 560025");
	ck_assert_str_eq(jstr(s, "tax_id"), "29AAGCB7383J1Z4");
	cJSON_Delete(s);
	/* a new customer takes the new default terms */
	s = kit_post("/api/v1/customers", t, "{\"name\":\"Late payer\"}", 201);
	ck_assert_int_eq(kit_num(s, "terms_days"), 45);
	cJSON_Delete(s);
	kit_refused("PATCH", "/api/v1/commerce/settings", t, "{\"invoice_on\":"
	    "\"never\"}", 422, "invoice_on");
	kit_refused("PATCH", "/api/v1/commerce/settings", t, "{\"invoice_prefix\":"
	    "\"inv-\"}", 422, "invoice_prefix");
	kit_refused("PATCH", "/api/v1/commerce/settings", t, "{\"tax_id\":"
	    "\"29AAGCB7383J1Z5\"}", 422, "tax_id");
	kit_refused("PATCH", "/api/v1/commerce/settings", t,
	    "{\"default_terms_days\":366}", 422, "default_terms_days");
	s = get_json("/api/v1/commerce/settings", t, 200);
	ck_assert_str_eq(jstr(s, "tax_id"), "29AAGCB7383J1Z4");
	ck_assert_str_eq(jstr(s, "invoice_on"), "place");
	cJSON_Delete(s);
	free(t);
}
END_TEST

START_TEST(pages_keep_what_was_typed)
{
	char tenant[37];
	char *t = business("INR", tenant);
	reply r;
	/* a refused form comes back 422 with the typed values and the
	 * reason, and nothing is written */
	kit_form("/app/customers", t, "name=Kaveri+Textiles&email=not-an-email&"
	    "tax_id=&currency=&terms_days=&credit_limit=1000.50&is_customer=true",
	    &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert(strstr(buf_str(&r.body), "value=\"Kaveri Textiles\""));
	ck_assert(strstr(buf_str(&r.body), "value=\"1000.50\""));
	ck_assert(strstr(buf_str(&r.body), "an email address"));
	reply_free(&r);
	ck_assert_int_eq(parties_of(tenant), 0);
	kit_form("/app/customers", t, "name=Kaveri+Textiles"
	    "&email=a%40kaveri.example&credit_limit=1000.50&is_customer=true",
	    &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	cJSON *l = get_json("/api/v1/customers", t, 200);
	cJSON *c = cJSON_GetObjectItem(l, "items")->child;
	ck_assert_str_eq(jstr(c, "name"), "Kaveri Textiles");
	ck_assert_int_eq(kit_num(cJSON_GetObjectItem(c, "credit_limit"), "amount"),
	    100050);
	char id[37];
	snprintf(id, sizeof(id), "%s", jstr(c, "id"));
	cJSON_Delete(l);
	kit_page("/app/customers", t, 200, &r);
	ck_assert(strstr(buf_str(&r.body), "Kaveri Textiles"));
	ck_assert(strstr(buf_str(&r.body), "1,000.50"));
	reply_free(&r);
	kit_page(path_of("/app/customers/%s", id), t, 200, &r);
	ck_assert(strstr(buf_str(&r.body), "Nothing open"));
	reply_free(&r);
	kit_page(path_of("/app/customers/%s/edit", id), t, 200, &r);
	ck_assert(strstr(buf_str(&r.body), "value=\"a@kaveri.example\""));
	reply_free(&r);
	kit_page("/app/customers/new", t, 200, &r);
	reply_free(&r);
	/* a product form: a duplicate SKU is 409 with the input kept */
	cJSON_Delete(kit_post("/api/v1/products", t, "{\"sku\":\"TAKEN\",\"name\":"
	    "\"First\"}", 201));
	kit_form("/app/products", t, "sku=TAKEN&name=Second+one&unit=each&"
	    "tracked=true&price=12.50&price_currency=INR", &r);
	ck_assert_int_eq(r.status, 409);
	ck_assert(strstr(buf_str(&r.body), "value=\"Second one\""));
	ck_assert(strstr(buf_str(&r.body), "value=\"12.50\""));
	reply_free(&r);
	kit_form("/app/products", t, "sku=NEW-1&name=Second+one&unit=each&"
	    "tracked=true&price=12.50&price_currency=INR", &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	cJSON *p = get_json("/api/v1/products/NEW-1", t, 200);
	ck_assert_int_eq(kit_num(cJSON_GetObjectItem(p, "prices")->child,
	    "unit_price"), 1250);
	ck_assert(jtrue(p, "tracked"));
	cJSON_Delete(p);
	kit_page("/app/products", t, 200, &r);
	ck_assert(strstr(buf_str(&r.body), "NEW-1"));
	reply_free(&r);
	kit_page("/app/products/NEW-1", t, 200, &r);
	ck_assert(strstr(buf_str(&r.body), "12.50"));
	ck_assert(strstr(buf_str(&r.body), "MAIN"));
	reply_free(&r);
	kit_page("/app/products/new", t, 200, &r);
	reply_free(&r);
	kit_page("/app/categories", t, 200, &r);
	reply_free(&r);
	kit_page("/app/commerce/settings", t, 200, &r);
	ck_assert(strstr(buf_str(&r.body), "value=\"INV\""));
	reply_free(&r);
	kit_form("/app/commerce/settings", t, "invoice_on=ship&default_terms_days="
	    "abc&invoice_prefix=INV", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert(strstr(buf_str(&r.body), "value=\"abc\""));
	reply_free(&r);
	free(t);
}
END_TEST

TCase *
parties_tcase(void)
{
	TCase *tc = tcase_create("parties");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, customers_made_and_read_back);
	tcase_add_test(tc, customers_paginate);
	tcase_add_test(tc, party_refusals_write_nothing);
	tcase_add_test(tc, customers_change_and_archive);
	tcase_add_test(tc, other_business_and_permissions);
	tcase_add_test(tc, idempotent_customer);
	tcase_add_test(tc, products_made_and_read_back);
	tcase_add_test(tc, commerce_settings);
	tcase_add_test(tc, pages_keep_what_was_typed);
	return tc;
}
