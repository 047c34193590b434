/* parties.c: customers and suppliers (one party may be both), their
 * contacts and addresses.  /customers needs the sales permissions,
 * /suppliers the purchases ones; /parties answers for either, by what the
 * party is.  The rules live in lib/party. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/numbers.h"
#include "web/api.h"
#include "web/app.h"
#include "web/serve.h"
#include "web/auth.h"
#include "books/books_setup.h"
#include "web/form.h"
#include "base/money.h"
#include "commerce/party.h"
#include "web/field.h"
#include "web/reply.h"
#include "web/query.h"
#include "web/listing.h"

/* The kind of party a route is about: the path's first segment. */
enum kind { CUSTOMERS, SUPPLIERS, PARTIES };

static enum kind
kind_of(const ctx *c)
{
	const char *p = c->req.path;
	p += strncmp(p, "/api/v1/", 8) == 0 ? 8 : strncmp(p, "/app/", 5) == 0 ?
	    5 : 0;
	return strncmp(p, "customers", 9) == 0 ? CUSTOMERS :
	    strncmp(p, "suppliers", 9) == 0 ? SUPPLIERS : PARTIES;
}

static const char *const kind_path[] = { "customers", "suppliers",
    "parties" };

/* may: whether the caller may read (write 0) or change (write 1) a party
 * that is a customer and/or a supplier */
static int
may(ctx *c, int customer, int supplier, int write)
{
	return (customer && auth_can(c, write ? "sales.write" : "sales.read")) ||
	    (supplier && auth_can(c, write ? "purchases.write" :
	    "purchases.read"));
}

static void
forbidden(ctx *c, int write)
{
	app_error(c, 403, "forbidden", write ? "this needs the sales.write or "
	    "purchases.write permission for this party" : "this needs the "
	    "sales.read or purchases.read permission for this party", NULL);
}

/* reachable: the party {id} exists, is of the route's kind, and the
 * caller may see (or change) it; otherwise the error is set.  The party's
 * roles into customer and supplier. */
static int
reachable(ctx *c, const char *id, int write, int *customer, int *supplier)
{
	int rc = party_kind(c, id, customer, supplier);
	enum kind k = kind_of(c);
	if (rc == PARTY_OK && ((k == CUSTOMERS && !*customer) ||
	    (k == SUPPLIERS && !*supplier)))
		rc = PARTY_NOT_FOUND;
	if (rc == PARTY_NOT_FOUND)
		app_error(c, 404, "not_found", "no such party", NULL);
	if (rc != PARTY_OK)
		return -1;
	if (!may(c, *customer, *supplier, write)) {
		forbidden(c, write);
		return -1;
	}
	return 0;
}

typedef void (*page_fn)(ctx *c, int status, cJSON *fields);

/* refused: 422 with the fields as JSON, or the page again keeping what
 * was typed; 404 for no such record */
static void
refused(ctx *c, int rc, cJSON *fields, page_fn page)
{
	if (rc == PARTY_INVALID && (c->api || page == NULL)) {
		app_error(c, 422, "invalid", reply_summary(fields, NULL), fields);
		return;
	}
	if (rc == PARTY_INVALID) {
		c->failed = 1;	/* nothing of it is kept */
		page(c, 422, fields);
	}
	cJSON_Delete(fields);
	if (rc == PARTY_NOT_FOUND)
		app_error(c, 404, "not_found", "no such record", NULL);
}

/* money_text: minor units as a decimal in currency */
static const char *
money_text(ctx *c, int64_t minor, const char *currency)
{
	static const char *const keys[] = { "#d", NULL };
	const char *p[1] = { currency };
	cJSON *rows = query_rows(c, "SELECT minor_units FROM currencies WHERE "
	    "code = $1", 1, p, keys);
	int64_t d = 2;
	if (rows && cJSON_GetArraySize(rows) == 1)
		field_exact(cJSON_GetObjectItem(rows->child, "d"), &d);
	cJSON_Delete(rows);
	buf b = BUF_INIT(64);
	money_format_grouped(&b, minor, (int)d, numbers_style(c));
	const char *s = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* texts: each money object {amount, currency} under key in o gets a
 * "<key>_text" for the page */
static void
money_texts(ctx *c, cJSON *o, const char *key)
{
	const cJSON *m = cJSON_GetObjectItem(o, key);
	int64_t n;
	const cJSON *cur = cJSON_GetObjectItem(m, "currency");
	if (m && field_exact(cJSON_GetObjectItem(m, "amount"), &n) == 0 &&
	    cJSON_IsString(cur))
		cJSON_AddStringToObject(o, arena_printf(c->a, "%s_text", key),
		    money_text(c, n, cur->valuestring));
}

/* ---- reading a party from the request ---- */

/* what a party's body may hold */
#define PARTY_FIELDS "code name is_customer is_supplier email phone tax_id " \
	"currency terms_days credit_limit[amount currency] notes"

static party_in
party_args(ctx *c)
{
	party_in in = { field_get(c, "code"), field_get(c, "name"),
	    field_get(c, "is_customer"), field_get(c, "is_supplier"),
	    field_get(c, "email"), field_get(c, "phone"),
	    field_get(c, "tax_id"), field_get(c, "currency"),
	    field_get(c, "terms_days"), field_get(c, "credit_limit"),
	    field_get(c, "notes"), 0 };
	const cJSON *cl = c->req.json ? cJSON_GetObjectItemCaseSensitive(
	    c->req.json, "credit_limit") : NULL;
	if (cJSON_IsObject(cl))
		cl = cJSON_GetObjectItemCaseSensitive(cl, "amount");
	int64_t n;
	if (cl && !cJSON_IsNull(cl) && !cJSON_IsString(cl)) {
		in.credit_minor = 1;
		in.credit_limit = api_get_int(cl, &n) == 0 ? arena_printf(c->a,
		    "%lld", (long long)n) : "?";
	}
	if (!c->api && http_arg(&c->req, "credit_limit") &&
	    *http_arg(&c->req, "credit_limit") == '\0')
		in.credit_limit = "";
	return in;
}

static const char *const party_form[] = { "code", "name", "email", "phone",
    "tax_id", "currency", "terms_days", "credit_limit", "notes",
    "is_customer", "is_supplier", NULL };

static void
page_common(ctx *c, cJSON *d)
{
	enum kind k = kind_of(c);
	static const char *const titles[] = { "Customers", "Suppliers",
	    "Parties" };
	static const char *const one[] = { "customer", "supplier", "party" };
	cJSON_AddStringToObject(d, "path", kind_path[k]);
	cJSON_AddStringToObject(d, "kind_title", titles[k]);
	cJSON_AddStringToObject(d, "kind_one", one[k]);
}

/* ---- lists ---- */

static void
list(ctx *c)
{
	enum kind k = kind_of(c);
	party_filter f = { k == CUSTOMERS ? "customer" : k == SUPPLIERS ?
	    "supplier" : field_query(c, "kind"), field_query(c, "q"),
	    field_query(c, "archived"), field_query(c, "sort"), NULL, 50, NULL };
	if (k == PARTIES) {
		int sr = auth_can(c, "sales.read"), pr = auth_can(c,
		    "purchases.read");
		if (!sr && !pr) {
			forbidden(c, 0);
			return;
		}
		if (f.kind && strcmp(f.kind, "customer") != 0 &&
		    strcmp(f.kind, "supplier") != 0) {
			cJSON *fl = cJSON_CreateObject();
			api_field(fl, "kind", "customer or supplier");
			app_error(c, 422, "invalid", "kind: customer or supplier",
			    fl);
			return;
		}
		if (!sr || !pr) {
			if (f.kind && strcmp(f.kind, sr ? "customer" :
			    "supplier") != 0) {
				forbidden(c, 0);
				return;
			}
			f.kind = sr ? "customer" : "supplier";
		}
	}
	listing l;
	int paged = !c->api || field_query(c, "page") != NULL;
	if (paged) {
		if (listing_begin(c, &l, party_sorts, 2) < 0)
			return;
		f.page = &l;
	} else if (api_limit(&c->req.query, &f.limit) < 0) {
		app_error(c, 400, "bad_request", "limit must be 1 to 200", NULL);
		return;
	}
	const char *cur = field_query(c, "cursor");
	if (!paged && cur && (f.after = api_cursor_decode(c->a, cur)) == NULL) {
		app_error(c, 400, "bad_request", "malformed cursor", NULL);
		return;
	}
	cJSON *fields = cJSON_CreateObject(), *items;
	const char *next;
	int rc = party_list(c, &f, fields, &items, &next);
	if (rc != PARTY_OK) {
		if (rc == PARTY_INVALID)
			app_error(c, 422, "invalid", reply_summary(fields, NULL), fields);
		else
			cJSON_Delete(fields);
		return;
	}
	cJSON_Delete(fields);
	const char *enc = next ? api_cursor_encode(c->a, next) : NULL;
	static const char *const names[] = { "q", "archived", "kind" };
	const char *values[] = { f.q, field_query(c, "archived"),
	    k == PARTIES ? field_query(c, "kind") : NULL };
	cJSON *d = paged ? listing_reply(c, &l, items, arena_printf(c->a,
	    "/app/%s", kind_path[k]), names, values, 3) : api_list(items, enc);
	if (c->api) {
		app_render(c, 200, NULL, NULL, d);
		return;
	}
	cJSON *o;
	cJSON_ArrayForEach(o, items)
		money_texts(c, o, "credit_limit");
	page_common(c, d);
	cJSON_AddBoolToObject(d, "can_write", k == CUSTOMERS ? auth_can(c,
	    "sales.write") : k == SUPPLIERS ? auth_can(c, "purchases.write") :
	    0);
	app_render(c, 200, "parties.cs", cJSON_GetObjectItem(d,
	    "kind_title")->valuestring, d);
}

/* ---- one party ---- */

static void
form_page(ctx *c, int status, cJSON *fields)
{
	const char *id = app_param(c, "id");
	cJSON *d = cJSON_CreateObject();
	page_common(c, d);
	enum kind k = kind_of(c);
	if (id) {
		int rc;
		cJSON *p = party_json(c, id, &rc);
		if (p == NULL) {
			cJSON_Delete(d);
			if (rc == PARTY_NOT_FOUND)
				app_error(c, 404, "not_found", "no such party",
				    NULL);
			return;
		}
		const cJSON *cl = cJSON_GetObjectItem(p, "credit_limit");
		int64_t n = 0;
		const char *limit = cJSON_IsObject(cl) && api_get_int(
		    cJSON_GetObjectItem(cl, "amount"), &n) == 0 ? money_text(c,
		    n, cJSON_GetObjectItem(p, "currency")->valuestring) : "";
		const char *dflt[] = { field_string(p, "code"),
		    field_string(p, "name"), field_string(p, "email"),
		    field_string(p, "phone"), field_string(p, "tax_id"),
		    field_string(p, "currency"), field_string(p,
		    "terms_days"), limit,
		    field_string(p, "notes"),
		    cJSON_IsTrue(cJSON_GetObjectItem(p, "is_customer")) ? "true" : "",
		    cJSON_IsTrue(cJSON_GetObjectItem(p, "is_supplier")) ? "true" :
		    "" };
		reply_form(c, d, party_form, dflt, fields);
		cJSON_AddItemToObject(d, "party", p);
	} else {
		const char *dflt[] = { "", "", "", "", "", "", "", "", "",
		    k != SUPPLIERS ? "true" : "", k == SUPPLIERS ? "true" : "" };
		reply_form(c, d, party_form, dflt, fields);
	}
	app_render(c, status, "parties_form.cs", id ? "Edit party" :
	    "New party", d);
}

static void
new_form(ctx *c)
{
	form_page(c, 200, NULL);
}

static void
edit_form(ctx *c)
{
	int cu, su;
	if (reachable(c, app_param(c, "id"), 1, &cu, &su) == 0)
		form_page(c, 200, NULL);
}

static void
show(ctx *c)
{
	const char *id = app_param(c, "id");
	int cu, su, rc;
	if (reachable(c, id, 0, &cu, &su) < 0)
		return;
	cJSON *p = party_json(c, id, &rc);
	if (p == NULL)
		return;
	if (c->api) {
		app_render(c, 200, NULL, NULL, p);
		return;
	}
	money_texts(c, p, "credit_limit");
	cJSON *b;
	cJSON_ArrayForEach(b, cJSON_GetObjectItem(p, "balances")) {
		int64_t n;
		if (field_exact(cJSON_GetObjectItem(b, "amount"), &n) == 0)
			cJSON_AddStringToObject(b, "amount_text", money_text(c, n,
			    cJSON_GetObjectItem(b, "currency")->valuestring));
	}
	cJSON *d = cJSON_CreateObject();
	page_common(c, d);
	cJSON_AddItemToObject(d, "party", p);
	cJSON_AddBoolToObject(d, "can_write", may(c, cu, su, 1));
	/* the next steps with this party, each as the caller may take it */
	int live = !cJSON_IsTrue(cJSON_GetObjectItem(p, "archived"));
	cJSON_AddBoolToObject(d, "can_sell", live && cu && auth_can(c,
	    "sales.write"));
	cJSON_AddBoolToObject(d, "can_buy", live && su && auth_can(c,
	    "purchases.write"));
	const char *code = cJSON_GetStringValue(cJSON_GetObjectItem(p, "code"));
	cJSON_AddStringToObject(d, "code_q", form_url_escape(c->a, code ? code :
	    ""));
	cJSON_AddBoolToObject(d, "can_statement", (cu && auth_can(c,
	    "sales.read")) || (su && auth_can(c, "purchases.read")));
	app_render(c, 200, "parties_detail.cs", cJSON_GetObjectItem(p,
	    "name")->valuestring, d);
}

/* finished: after a change to party id: its state as JSON (status), or
 * the browser to its page */
static void
finished(ctx *c, int status, const char *id)
{
	enum kind k = kind_of(c);
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "/app/%s/%s", kind_path[k],
		    id));
		return;
	}
	int rc;
	cJSON *p = party_json(c, id, &rc);
	if (p == NULL)
		return;
	if (status == 201)
		resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
		    "/api/v1/%s/%s", kind_path[k], id));
	app_render(c, status, NULL, NULL, p);
}

static void
create(ctx *c)
{
	enum kind k = kind_of(c);
	if (field_known(c, PARTY_FIELDS) < 0)
		return;
	party_in in = party_args(c);
	if (k == CUSTOMERS && in.is_customer == NULL)
		in.is_customer = "true";
	if (k == SUPPLIERS && in.is_supplier == NULL)
		in.is_supplier = "true";
	int cu = 0, su = 0;
	field_flag(in.is_customer, &cu);
	field_flag(in.is_supplier, &su);
	/* each role needs its own permission */
	if ((cu && !auth_can(c, "sales.write")) || (su && !auth_can(c,
	    "purchases.write"))) {
		app_error(c, 403, "forbidden", cu && !auth_can(c, "sales.write") ?
		    "a customer needs the sales.write permission" : "a supplier "
		    "needs the purchases.write permission", NULL);
		return;
	}
	char id[PARTY_ID_LEN];
	cJSON *f = cJSON_CreateObject();
	int rc = party_create(c, &in, f, id);
	if (rc != PARTY_OK) {
		refused(c, rc, f, form_page);
		return;
	}
	cJSON_Delete(f);
	finished(c, 201, id);
}

static void
update(ctx *c)
{
	const char *id = app_param(c, "id");
	int cu, su;
	if (field_known(c, PARTY_FIELDS) < 0 ||
	    reachable(c, id, 1, &cu, &su) < 0)
		return;
	party_in in = party_args(c);
	if (!c->api) {
		/* an unticked box sends nothing: the form shows both */
		if (in.is_customer == NULL)
			in.is_customer = "false";
		if (in.is_supplier == NULL)
			in.is_supplier = "false";
	}
	int nc = cu, ns = su;
	if (in.is_customer)
		field_flag(in.is_customer, &nc);
	if (in.is_supplier)
		field_flag(in.is_supplier, &ns);
	if ((nc != cu && !auth_can(c, "sales.write")) || (ns != su &&
	    !auth_can(c, "purchases.write"))) {
		app_error(c, 403, "forbidden", nc != cu ? "making a party a "
		    "customer or not needs the sales.write permission" : "making a "
		    "party a supplier or not needs the purchases.write permission",
		    NULL);
		return;
	}
	cJSON *f = cJSON_CreateObject();
	int rc = party_update(c, id, &in, f);
	if (rc != PARTY_OK) {
		refused(c, rc, f, form_page);
		return;
	}
	cJSON_Delete(f);
	finished(c, 200, id);
}

static void
set_archived(ctx *c, int archived)
{
	const char *id = app_param(c, "id");
	int cu, su;
	if (field_known(c, "") < 0 || reachable(c, id, 1, &cu, &su) < 0)
		return;
	int rc = party_archive(c, id, archived);
	if (rc == PARTY_OK)
		finished(c, 200, id);
	else if (rc == PARTY_NOT_FOUND)
		app_error(c, 404, "not_found", "no such party", NULL);
}

static void
archive(ctx *c)
{
	set_archived(c, 1);
}

static int
archive_one(ctx *c, const char *id, const char **why)
{
	int cu, su;
	int rc = party_kind(c, id, &cu, &su);
	enum kind k = kind_of(c);
	if (rc == PARTY_OK && ((k == CUSTOMERS && !cu) || (k == SUPPLIERS &&
	    !su)))
		rc = PARTY_NOT_FOUND;
	if (rc == PARTY_OK && !may(c, cu, su, 1)) {
		*why = "your role may not change it";
		return 1;
	}
	if (rc == PARTY_OK)
		rc = party_archive(c, id, 1);
	if (rc == PARTY_NOT_FOUND) {
		*why = "no such party";
		return 1;
	}
	return rc == PARTY_OK ? 0 : -1;
}

/* bulk_archive: the customers (or suppliers) ticked on the list
 * archived, each one reported */
static void
bulk_archive(ctx *c)
{
	enum kind k = kind_of(c);
	cJSON *d = cJSON_CreateObject();
	if (listing_bulk(c, d, archive_one, "SELECT code || ' \xe2\x80\x94 ' || "
	    "name FROM parties WHERE id = $1::uuid", "archived") < 0) {
		cJSON_Delete(d);
		return;
	}
	static const char *const what[] = { "Archive customers",
	    "Archive suppliers", "Archive parties" };
	cJSON_AddStringToObject(d, "what", what[k]);
	cJSON_AddStringToObject(d, "back_href", arena_printf(c->a, "/app/%s",
	    kind_path[k]));
	cJSON_AddStringToObject(d, "back", arena_printf(c->a, "Back to the %s",
	    kind_path[k]));
	cJSON_AddStringToObject(d, "href_base", arena_printf(c->a, "/app/%s/",
	    kind_path[k]));
	app_render(c, 200, "bulk.cs", what[k], d);
}

static void
unarchive(ctx *c)
{
	set_archived(c, 0);
}

/* ---- contacts and addresses ---- */

/* part_done: after a change to a contact or address: the party as JSON,
 * or the browser back to its page; a refusal as 422 (a page shows the
 * party with the message) */
static void
part_done(ctx *c, int rc, cJSON *f, int status)
{
	const char *id = app_param(c, "id");
	if (rc == PARTY_OK) {
		cJSON_Delete(f);
		finished(c, status, id);
		return;
	}
	refused(c, rc, f, NULL);
}

static void
contact_save(ctx *c)
{
	const char *id = app_param(c, "id"), *cid = app_param(c, "cid");
	int cu, su;
	if (field_known(c, "name role email phone is_primary") < 0 ||
	    reachable(c, id, 1, &cu, &su) < 0)
		return;
	party_contact_in in = { field_get(c, "name"), field_get(c, "role"),
	    field_get(c, "email"), field_get(c, "phone"),
	    field_get(c, "is_primary") };
	char out[PARTY_ID_LEN];
	cJSON *f = cJSON_CreateObject();
	part_done(c, party_contact_save(c, id, cid, &in, f, out), f, cid ? 200 :
	    201);
}

static void
contact_remove(ctx *c)
{
	const char *id = app_param(c, "id");
	int cu, su;
	if (field_known(c, "") < 0 || reachable(c, id, 1, &cu, &su) < 0)
		return;
	part_done(c, party_contact_remove(c, id, app_param(c, "cid")),
	    cJSON_CreateObject(), 200);
}

static void
address_save(ctx *c)
{
	const char *id = app_param(c, "id"), *aid = app_param(c, "aid");
	int cu, su;
	if (field_known(c, "kind line1 line2 city region postal_code country "
	    "is_default") < 0 || reachable(c, id, 1, &cu, &su) < 0)
		return;
	party_address_in in = { field_get(c, "kind"), field_get(c, "line1"),
	    field_get(c, "line2"), field_get(c, "city"),
	    field_get(c, "region"), field_get(c, "postal_code"),
	    field_get(c, "country"), field_get(c, "is_default") };
	char out[PARTY_ID_LEN];
	cJSON *f = cJSON_CreateObject();
	part_done(c, party_address_save(c, id, aid, &in, f, out), f, aid ? 200 :
	    201);
}

static void
address_remove(ctx *c)
{
	const char *id = app_param(c, "id");
	int cu, su;
	if (field_known(c, "") < 0 || reachable(c, id, 1, &cu, &su) < 0)
		return;
	part_done(c, party_address_remove(c, id, app_param(c, "aid")),
	    cJSON_CreateObject(), 200);
}

#define KIND_ROUTES(k, r, w) \
	{ "GET", "~/" k, list, 0, r }, \
	{ "POST", "~/" k, create, 0, w }, \
	{ "GET", "/app/" k "/new", new_form, 0, w }, \
	{ "GET", "~/" k "/{id}", show, 0, r }, \
	{ "GET", "/app/" k "/{id}/edit", edit_form, 0, w }, \
	{ "POST", "~/" k "/{id}", update, 0, w }, \
	{ "PATCH", "~/" k "/{id}", update, 0, w }, \
	{ "POST", "~/" k "/{id}/archive", archive, 0, w }, \
	{ "POST", "~/" k "/{id}/unarchive", unarchive, 0, w }, \
	{ "POST", "~/" k "/{id}/contacts", contact_save, 0, w }, \
	{ "POST", "~/" k "/{id}/contacts/{cid}", contact_save, 0, w }, \
	{ "PATCH", "~/" k "/{id}/contacts/{cid}", contact_save, 0, w }, \
	{ "DELETE", "~/" k "/{id}/contacts/{cid}", contact_remove, 0, w }, \
	{ "POST", "~/" k "/{id}/contacts/{cid}/delete", contact_remove, 0, w }, \
	{ "POST", "~/" k "/{id}/addresses", address_save, 0, w }, \
	{ "POST", "~/" k "/{id}/addresses/{aid}", address_save, 0, w }, \
	{ "PATCH", "~/" k "/{id}/addresses/{aid}", address_save, 0, w }, \
	{ "DELETE", "~/" k "/{id}/addresses/{aid}", address_remove, 0, w }, \
	{ "POST", "~/" k "/{id}/addresses/{aid}/delete", address_remove, 0, w }

static const route routes[] = {
	/* before KIND_ROUTES, whose {id} would take the word */
	{ "POST", "/app/customers/bulk-archive", bulk_archive, 0, "sales.write" },
	{ "POST", "/app/suppliers/bulk-archive", bulk_archive, 0,
	    "purchases.write" },
	KIND_ROUTES("customers", "sales.read", "sales.write"),
	KIND_ROUTES("suppliers", "purchases.read", "purchases.write"),
	/* either kind: the handlers check the party's own permissions */
	KIND_ROUTES("parties", "sales.read|purchases.read",
	    "sales.write|purchases.write"),
};

int
main(void)
{
	return serve_main("parties", routes, sizeof(routes) / sizeof(routes[0]));
}
