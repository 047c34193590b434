/* products.c: products and their prices, product categories, and the
 * commerce settings.  The rules live in lib/product. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/numbers.h"
#include "web/api.h"
#include "web/listing.h"
#include "web/app.h"
#include "web/serve.h"
#include "web/auth.h"
#include "books/books_setup.h"
#include "web/form.h"
#include "base/money.h"
#include "commerce/product.h"
#include "web/field.h"
#include "web/reply.h"
#include "web/query.h"

typedef void (*page_fn)(ctx *c, int status, cJSON *fields);

/* refused: 422 (409 for a taken SKU or name) with the fields as JSON, or
 * the page again keeping what was typed; 404 for no such record */
static void
refused(ctx *c, int rc, cJSON *fields, page_fn page)
{
	int status = rc == PRODUCT_CONFLICT ? 409 : 422;
	if ((rc == PRODUCT_INVALID || rc == PRODUCT_CONFLICT) && (c->api ||
	    page == NULL)) {
		app_error(c, status, rc == PRODUCT_CONFLICT ? "conflict" :
		    "invalid", reply_summary(fields, NULL), fields);
		return;
	}
	if (rc == PRODUCT_INVALID || rc == PRODUCT_CONFLICT) {
		c->failed = 1;
		page(c, status, fields);
	}
	cJSON_Delete(fields);
	if (rc == PRODUCT_NOT_FOUND)
		app_error(c, 404, "not_found", "no such record", NULL);
}

/* prices_for: each price gets its decimal text for a page (browser), or
 * loses its digits (API) */
static void
prices_for(ctx *c, cJSON *product)
{
	cJSON *pr;
	cJSON_ArrayForEach(pr, cJSON_GetObjectItem(product, "prices")) {
		int64_t d = 2, n;
		field_exact(cJSON_GetObjectItem(pr, "digits"), &d);
		cJSON_DeleteItemFromObject(pr, "digits");
		if (c->api || field_exact(cJSON_GetObjectItem(pr, "unit_price"),
		    &n) < 0)
			continue;
		buf b = BUF_INIT(64);
		money_format_grouped(&b, n, (int)d, numbers_style(c));
		cJSON_AddStringToObject(pr, "text", buf_str(&b));
		buf_free(&b);
	}
}

/* ---- products ---- */

static void
list(ctx *c)
{
	product_filter f = { field_query(c, "q"), field_query(c, "kind"),
	    field_query(c, "category"), field_query(c, "archived"),
	    field_query(c, "sort"), NULL, 50, NULL };
	listing l;
	int paged = !c->api || field_query(c, "page") != NULL;
	if (paged) {
		if (listing_begin(c, &l, product_sorts, 3) < 0)
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
	int rc = product_list(c, &f, fields, &items, &next);
	if (rc != PRODUCT_OK) {
		if (rc == PRODUCT_INVALID)
			app_error(c, 422, "invalid", reply_summary(fields, NULL), fields);
		else
			cJSON_Delete(fields);
		return;
	}
	cJSON_Delete(fields);
	const char *enc = next ? api_cursor_encode(c->a, next) : NULL;
	static const char *const names[] = { "q", "kind", "category",
	    "archived" };
	const char *values[] = { f.q, f.kind, f.category, f.archived };
	cJSON *d = paged ? listing_reply(c, &l, items, "/app/products", names,
	    values, 4) : api_list(items, enc);
	if (c->api) {
		app_render(c, 200, NULL, NULL, d);
		return;
	}
	cJSON *cats = product_categories(c);
	if (cats == NULL) {
		cJSON_Delete(d);
		return;
	}
	cJSON_AddItemToObject(d, "categories", cats);
	cJSON_AddBoolToObject(d, "can_write", auth_can(c, "inventory.write"));
	app_render(c, 200, "products.cs", "Products", d);
}

static const char *const product_form[] = { "sku", "name", "description",
    "unit", "tracked", "category", "tax_group", "reorder_level", "price",
    "price_currency", NULL };

static void
form_page(ctx *c, int status, cJSON *fields)
{
	const char *id = app_param(c, "id");
	cJSON *d = cJSON_CreateObject();
	static const char *const tkeys[] = { "code", "name", NULL };
	cJSON *groups = query_rows(c, "SELECT code, name FROM tax_groups WHERE "
	    "NOT archived ORDER BY code", 0, NULL, tkeys);
	cJSON *cats = groups ? product_categories(c) : NULL;
	static const char *const bkeys[] = { "base", NULL };
	cJSON *base = cats ? query_rows(c, "SELECT base_currency FROM tenants",
	    0, NULL, bkeys) : NULL;
	if (base == NULL) {
		cJSON_Delete(groups);
		cJSON_Delete(cats);
		cJSON_Delete(d);
		return;
	}
	const char *cur = cJSON_GetArraySize(base) ?
	    field_string(base->child, "base") : "";
	cJSON_AddItemToObject(d, "tax_groups", groups);
	cJSON_AddItemToObject(d, "categories", cats);
	if (id) {
		int rc;
		cJSON *p = product_json(c, id, &rc);
		if (p == NULL) {
			cJSON_Delete(d);
			cJSON_Delete(base);
			if (rc == PRODUCT_NOT_FOUND)
				app_error(c, 404, "not_found", "no such product",
				    NULL);
			return;
		}
		prices_for(c, p);
		const char *dflt[] = { field_string(p, "sku"),
		    field_string(p, "name"), field_string(p, "description"),
		    field_string(p, "unit"), cJSON_IsTrue(
		    cJSON_GetObjectItem(p, "tracked")) ? "true" : "false",
		    field_string(p, "category_id"), field_string(p, "tax_group"),
		    arena_printf(c->a, "%.0f",
		    cJSON_GetObjectItem(p, "reorder_level")->valuedouble), "", cur };
		reply_form(c, d, product_form, dflt, fields);
		cJSON_AddItemToObject(d, "product", p);
	} else {
		const char *dflt[] = { "", "", "", "each", "true", "", "", "0",
		    "", cur };
		reply_form(c, d, product_form, dflt, fields);
	}
	cJSON_Delete(base);
	app_render(c, status, "products_form.cs", id ? "Edit product" :
	    "New product", d);
}

static void
new_form(ctx *c)
{
	form_page(c, 200, NULL);
}

static void
edit_form(ctx *c)
{
	form_page(c, 200, NULL);
}

/* the_product: {id} (an id or a SKU) as an id, or NULL with 404 set */
static const char *
the_product(ctx *c)
{
	char id[PRODUCT_ID_LEN];
	int rc = product_find(c, app_param(c, "id"), id);
	if (rc == PRODUCT_NOT_FOUND)
		app_error(c, 404, "not_found", "no such product", NULL);
	return rc == PRODUCT_OK ? arena_strdup(c->a, id) : NULL;
}

static void
show(ctx *c)
{
	const char *id = the_product(c);
	int rc;
	cJSON *p = id ? product_json(c, id, &rc) : NULL;
	if (p == NULL)
		return;
	prices_for(c, p);
	if (c->api) {
		app_render(c, 200, NULL, NULL, p);
		return;
	}
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "product", p);
	cJSON_AddBoolToObject(d, "can_write", auth_can(c, "inventory.write"));
	app_render(c, 200, "products_detail.cs", field_string(p, "name"), d);
}

static void
finished(ctx *c, int status, const char *id)
{
	if (!c->api) {
		app_redirect(c, arena_printf(c->a, "/app/products/%s", id));
		return;
	}
	int rc;
	cJSON *p = product_json(c, id, &rc);
	if (p == NULL)
		return;
	prices_for(c, p);
	if (status == 201)
		resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
		    "/api/v1/products/%s", id));
	app_render(c, status, NULL, NULL, p);
}

static product_in
product_args(ctx *c)
{
	product_in in = { field_get(c, "sku"), field_get(c, "name"),
	    field_get(c, "description"), field_get(c, "unit"),
	    field_get(c, "tracked"), field_get(c, "category"),
	    field_get(c, "tax_group"), field_get(c, "reorder_level"), NULL,
	    NULL, NULL };
	if (c->req.json) {
		in.prices = cJSON_GetObjectItemCaseSensitive(c->req.json,
		    "prices");
		if (cJSON_IsNull(in.prices))
			in.prices = NULL;
	} else {
		in.price = http_arg(&c->req, "price");
		in.price_currency = http_arg(&c->req, "price_currency");
		/* an unticked box sends nothing */
		if (in.tracked == NULL && c->req.form.n > 0)
			in.tracked = "false";
	}
	return in;
}

/* known: a product's body holds only its fields; "prices" is a map of
 * currency to price, or a list whose items are checked here */
static int
known(ctx *c)
{
	if (field_known(c, "sku name description unit tracked category "
	    "tax_group reorder_level prices") < 0)
		return -1;
	const cJSON *ps = cJSON_GetObjectItemCaseSensitive(c->req.json,
	    "prices");
	if (!cJSON_IsArray(ps))
		return 0;
	cJSON *f = cJSON_CreateObject();
	const cJSON *e;
	size_t i = 0;
	cJSON_ArrayForEach(e, ps)
		field_known_in(c, e, arena_printf(c->a, "prices[%zu]", i++),
		    "currency unit_price", f);
	if (cJSON_GetArraySize(f) == 0) {
		cJSON_Delete(f);
		return 0;
	}
	app_error(c, 422, "invalid", arena_printf(c->a, "%s: %s",
	    f->child->string, f->child->valuestring), f);
	return -1;
}

static void
create(ctx *c)
{
	if (known(c) < 0)
		return;
	product_in in = product_args(c);
	char id[PRODUCT_ID_LEN];
	cJSON *f = cJSON_CreateObject();
	int rc = product_create(c, &in, f, id);
	if (rc != PRODUCT_OK) {
		refused(c, rc, f, form_page);
		return;
	}
	cJSON_Delete(f);
	finished(c, 201, id);
}

static void
update(ctx *c)
{
	const char *id = the_product(c);
	if (id == NULL || known(c) < 0)
		return;
	product_in in = product_args(c);
	cJSON *f = cJSON_CreateObject();
	int rc = product_update(c, id, &in, f);
	if (rc != PRODUCT_OK) {
		refused(c, rc, f, form_page);
		return;
	}
	cJSON_Delete(f);
	finished(c, 200, id);
}

static void
set_archived(ctx *c, int archived)
{
	const char *id = the_product(c);
	if (id == NULL || field_known(c, "") < 0)
		return;
	int rc = product_archive(c, id, archived);
	if (rc == PRODUCT_OK)
		finished(c, 200, id);
	else if (rc == PRODUCT_NOT_FOUND)
		app_error(c, 404, "not_found", "no such product", NULL);
}

static void
archive(ctx *c)
{
	set_archived(c, 1);
}

static int
archive_one(ctx *c, const char *id, const char **why)
{
	int rc = product_archive(c, id, 1);
	if (rc == PRODUCT_OK)
		return 0;
	if (rc == PRODUCT_NOT_FOUND) {
		*why = "no such product";
		return 1;
	}
	return -1;
}

/* bulk_archive: the products ticked on the list archived, each one
 * reported */
static void
bulk_archive(ctx *c)
{
	cJSON *d = cJSON_CreateObject();
	if (listing_bulk(c, d, archive_one, "SELECT sku || ' \xe2\x80\x94 ' || "
	    "name FROM products WHERE id = $1::uuid", "archived") < 0) {
		cJSON_Delete(d);
		return;
	}
	cJSON_AddStringToObject(d, "what", "Archive products");
	cJSON_AddStringToObject(d, "back_href", "/app/products");
	cJSON_AddStringToObject(d, "back", "Back to the products");
	cJSON_AddStringToObject(d, "href_base", "/app/products/");
	app_render(c, 200, "bulk.cs", "Archive products", d);
}

static void
unarchive(ctx *c)
{
	set_archived(c, 0);
}

static void
price_set(ctx *c)
{
	const char *id = the_product(c);
	if (id == NULL || field_known(c, app_param(c, "currency") ?
	    "unit_price" : "currency unit_price") < 0)
		return;
	const char *cur = app_param(c, "currency");
	if (cur == NULL)
		cur = field_get(c, "currency");
	const cJSON *up = c->req.json ? cJSON_GetObjectItemCaseSensitive(
	    c->req.json, "unit_price") : NULL;
	int minor = up && !cJSON_IsString(up);
	cJSON *f = cJSON_CreateObject();
	int rc = product_price_set(c, id, cur, field_get(c, "unit_price"),
	    minor, f);
	if (rc != PRODUCT_OK) {
		refused(c, rc, f, NULL);
		return;
	}
	cJSON_Delete(f);
	finished(c, 200, id);
}

static void
price_remove(ctx *c)
{
	const char *id = the_product(c);
	if (id == NULL || field_known(c, "") < 0)
		return;
	int rc = product_price_remove(c, id, app_param(c, "currency"));
	if (rc == PRODUCT_OK)
		finished(c, 200, id);
	else if (rc == PRODUCT_NOT_FOUND)
		app_error(c, 404, "not_found", "no price in that currency",
		    NULL);
}

/* ---- categories ---- */

static void
categories_page(ctx *c, int status, cJSON *fields)
{
	cJSON *items = product_categories(c);
	if (items == NULL)
		return;
	cJSON *d = api_list(items, NULL);
	if (c->api) {
		app_render(c, status, NULL, NULL, d);
		return;
	}
	static const char *const keep[] = { "name", NULL };
	reply_form(c, d, keep, NULL, fields);
	cJSON_AddBoolToObject(d, "can_write", auth_can(c, "inventory.write"));
	app_render(c, status, "categories.cs", "Product categories", d);
}

static void
categories(ctx *c)
{
	categories_page(c, 200, NULL);
}

/* category_done: the category as JSON, or the browser to the list */
static void
category_done(ctx *c, int status, const char *id)
{
	if (!c->api) {
		app_redirect(c, "/app/categories");
		return;
	}
	static const char *const keys[] = { "id", "name", "#products", NULL };
	const char *p[1] = { id };
	cJSON *rows = query_rows(c, "SELECT k.id, k.name, (SELECT count(*) FROM "
	    "products p WHERE p.category_id = k.id) FROM product_categories k "
	    "WHERE k.id = $1::uuid", 1, p, keys);
	if (rows == NULL)
		return;
	cJSON *o = cJSON_DetachItemFromArray(rows, 0);
	cJSON_Delete(rows);
	if (status == 201)
		resp_header(c->a, &c->resp, "Location", arena_printf(c->a,
		    "/api/v1/categories/%s", id));
	app_render(c, status, NULL, NULL, o);
}

static void
category_create(ctx *c)
{
	char id[PRODUCT_ID_LEN];
	if (field_known(c, "name") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	int rc = product_category_create(c, field_get(c, "name"), f, id);
	if (rc != PRODUCT_OK) {
		refused(c, rc, f, categories_page);
		return;
	}
	cJSON_Delete(f);
	category_done(c, 201, id);
}

static void
category_rename(ctx *c)
{
	const char *id = app_param(c, "id");
	if (field_known(c, "name") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	int rc = product_category_rename(c, id, field_get(c, "name"), f);
	if (rc != PRODUCT_OK) {
		refused(c, rc, f, categories_page);
		return;
	}
	cJSON_Delete(f);
	category_done(c, 200, id);
}

static void
category_delete(ctx *c)
{
	if (field_known(c, "") < 0)
		return;
	cJSON *f = cJSON_CreateObject();
	int rc = product_category_delete(c, app_param(c, "id"), f);
	if (rc != PRODUCT_OK) {
		refused(c, rc, f, categories_page);
		return;
	}
	cJSON_Delete(f);
	if (!c->api)
		app_redirect(c, "/app/categories");
	else
		app_render(c, 200, NULL, NULL, cJSON_CreateObject());
}

/* ---- commerce settings ---- */

static const char *const settings_form[] = { "invoice_on",
    "default_terms_days", "invoice_prefix", "credit_note_prefix",
    "order_prefix", "bill_prefix", "payment_prefix", "payment_instructions",
    "address", "tax_id", "number_format", "date_format", NULL };

static void
settings_page(ctx *c, int status, cJSON *fields)
{
	cJSON *s = commerce_settings_json(c);
	if (s == NULL)
		return;
	if (c->api) {
		app_render(c, status, NULL, NULL, s);
		return;
	}
	const char *dflt[13];
	for (int i = 0; settings_form[i]; i++)
		dflt[i] = field_string(s, settings_form[i]);
	cJSON *d = cJSON_CreateObject();
	reply_form(c, d, settings_form, dflt, fields);
	cJSON_AddItemToObject(d, "settings", s);
	cJSON_AddBoolToObject(d, "can_write", auth_can(c, "settings.manage"));
	static const char *const df[] = { "DD/MM/YYYY", "MM/DD/YYYY",
	    "DD.MM.YYYY", "YYYY-MM-DD" };
	cJSON_AddItemToObject(d, "date_formats", cJSON_CreateStringArray(df, 4));
	app_render(c, status, "commerce_settings.cs", "Commerce settings", d);
}

static void
settings(ctx *c)
{
	settings_page(c, 200, NULL);
}

static void
settings_save(ctx *c)
{
	if (field_known(c, "invoice_on default_terms_days invoice_prefix "
	    "credit_note_prefix order_prefix bill_prefix payment_prefix "
	    "payment_instructions address tax_id number_format date_format") < 0)
		return;
	commerce_settings_in in = { field_get(c, "invoice_on"),
	    field_get(c, "default_terms_days"),
	    field_get(c, "invoice_prefix"),
	    field_get(c, "credit_note_prefix"),
	    field_get(c, "order_prefix"), field_get(c, "bill_prefix"),
	    field_get(c, "payment_prefix"),
	    field_get(c, "payment_instructions"), field_get(c, "address"),
	    field_get(c, "tax_id"), field_get(c, "number_format"),
	    field_get(c, "date_format") };
	cJSON *f = cJSON_CreateObject();
	int rc = commerce_settings_save(c, &in, f);
	if (rc != PRODUCT_OK) {
		refused(c, rc, f, settings_page);
		return;
	}
	cJSON_Delete(f);
	if (!c->api) {
		app_redirect(c, "/app/commerce/settings");
		return;
	}
	cJSON *s = commerce_settings_json(c);
	if (s)
		app_render(c, 200, NULL, NULL, s);
}

static const route routes[] = {
	{ "POST", "/app/products/bulk-archive", bulk_archive, 0,
	    "inventory.write" },
	{ "GET", "~/products", list, 0, "inventory.read" },
	{ "POST", "~/products", create, 0, "inventory.write" },
	{ "GET", "/app/products/new", new_form, 0, "inventory.write" },
	{ "GET", "~/products/{id}", show, 0, "inventory.read" },
	{ "GET", "/app/products/{id}/edit", edit_form, 0, "inventory.write" },
	{ "POST", "~/products/{id}", update, 0, "inventory.write" },
	{ "PATCH", "~/products/{id}", update, 0, "inventory.write" },
	{ "POST", "~/products/{id}/archive", archive, 0, "inventory.write" },
	{ "POST", "~/products/{id}/unarchive", unarchive, 0, "inventory.write" },
	{ "POST", "~/products/{id}/prices", price_set, 0, "inventory.write" },
	{ "PUT", "~/products/{id}/prices/{currency}", price_set, 0,
	    "inventory.write" },
	{ "DELETE", "~/products/{id}/prices/{currency}", price_remove, 0,
	    "inventory.write" },
	{ "POST", "~/products/{id}/prices/{currency}/delete", price_remove, 0,
	    "inventory.write" },
	{ "GET", "~/categories", categories, 0, "inventory.read" },
	{ "POST", "~/categories", category_create, 0, "inventory.write" },
	{ "POST", "~/categories/{id}", category_rename, 0, "inventory.write" },
	{ "PATCH", "~/categories/{id}", category_rename, 0, "inventory.write" },
	{ "DELETE", "~/categories/{id}", category_delete, 0, "inventory.write" },
	{ "POST", "~/categories/{id}/delete", category_delete, 0,
	    "inventory.write" },
	{ "GET", "~/commerce/settings", settings, 0, "ledger.read" },
	{ "POST", "~/commerce/settings", settings_save, 0, "settings.manage" },
	{ "PATCH", "~/commerce/settings", settings_save, 0, "settings.manage" },
};

int
main(void)
{
	return serve_main("products", routes, sizeof(routes) / sizeof(routes[0]));
}
