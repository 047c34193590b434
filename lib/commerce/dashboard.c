/* dashboard.c: the home page's figures in one round trip. */
#include "commerce/dashboard.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "web/api.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/query.h"
#include "web/reply.h"

#define SHORT_LIST "5"

/* One statement: each figure is a kind of row (k), ordered inside its kind
 * by ord; a figure the caller may not read costs a one-time filter that
 * is false ($1 sales, $2 purchases, $3 books, $4 stock, $5 the set-up).
 * Open and overdue follow the documents' own rule (total less paid of
 * what is issued and not settled or void); the low-stock rule is
 * stock_view_low's. */
static const char dash_sql[] =
    "WITH inv AS (SELECT i.tenant_id, i.id, i.number, i.party_id, "
    "i.currency::text AS currency, i.total - i.paid AS open, i.due_date FROM "
    "invoices i WHERE $1::bool AND i.kind = 'invoice' AND i.status IN "
    "('issued', 'partially_paid', 'overdue')), "
    "low AS (SELECT p.id, p.sku, p.name, p.reorder_level, coalesce(sum("
    "s.on_hand - s.reserved), 0)::bigint AS avail FROM products p LEFT JOIN "
    "stock_levels s ON s.tenant_id = p.tenant_id AND s.product_id = p.id "
    "WHERE $4::bool AND p.tracked AND NOT p.archived AND p.reorder_level > 0 "
    "GROUP BY p.tenant_id, p.id HAVING coalesce(sum(s.on_hand - s.reserved), "
    "0) < p.reorder_level), "
    "m AS (SELECT date_trunc('month', current_date)::date AS this_start, "
    "(date_trunc('month', current_date) - interval '1 month')::date AS "
    "last_start) "
    "SELECT x.k, x.ord, x.cur, coalesce(cu.minor_units, 0), x.n, x.amt, "
    "x.id, x.code, x.name, x.extra FROM ("
    "SELECT 'receivable'::text AS k, 0::bigint AS ord, currency AS cur, "
    "count(*)::bigint AS n, sum(open)::bigint AS amt, NULL::text AS id, "
    "NULL::text AS code, NULL::text AS name, NULL::text AS extra FROM inv "
    "GROUP BY currency "
    "UNION ALL SELECT 'overdue', 0, currency, count(*), sum(open)::bigint, "
    "NULL, NULL, NULL, NULL FROM inv WHERE due_date < current_date GROUP BY "
    "currency "
    "UNION ALL (SELECT 'overdue_item', row_number() OVER (ORDER BY "
    "inv.due_date, inv.number), inv.currency, 1, inv.open, inv.id::text, "
    "inv.number, p.name, inv.due_date::text FROM inv JOIN parties p ON "
    "p.tenant_id = inv.tenant_id AND p.id = inv.party_id WHERE inv.due_date "
    "< current_date ORDER BY inv.due_date, inv.number LIMIT " SHORT_LIST ") "
    "UNION ALL SELECT 'payable', 0, b.currency::text, count(*), sum(b.total - "
    "b.paid)::bigint, NULL, NULL, NULL, NULL FROM bills b WHERE $2::bool AND "
    "b.status IN ('received', 'partially_paid', 'overdue') GROUP BY "
    "b.currency "
    "UNION ALL SELECT 'cash', row_number() OVER (ORDER BY a.code), "
    "t.base_currency::text, 1, (SELECT coalesce(sum(l.debit - l.credit), 0) "
    "FROM journal_lines l WHERE l.tenant_id = a.tenant_id AND l.account_id = "
    "a.id)::bigint, a.id::text, a.code, a.name, NULL FROM accounts a JOIN "
    "tenants t ON t.id = a.tenant_id WHERE $3::bool AND a.role IN ('bank', "
    "'cash') AND NOT a.archived AND NOT a.is_group "
    "UNION ALL SELECT CASE WHEN i.issue_date >= m.this_start THEN "
    "'sales_this' ELSE 'sales_last' END, 0, i.currency::text, count(*), "
    "sum(i.net)::bigint, NULL, NULL, NULL, NULL FROM invoices i, m WHERE "
    "$1::bool AND i.kind = 'invoice' AND i.status NOT IN ('draft', 'void') "
    "AND i.issue_date >= m.last_start AND i.issue_date < m.this_start + "
    "interval '1 month' GROUP BY 1, i.currency "
    "UNION ALL SELECT 'low', 0, NULL, count(*), NULL, NULL, NULL, NULL, NULL "
    "FROM low "
    "UNION ALL (SELECT 'low_item', row_number() OVER (ORDER BY sku), NULL, "
    "avail, reorder_level, id::text, sku, name, NULL FROM low ORDER BY sku "
    "LIMIT " SHORT_LIST ") "
    "UNION ALL SELECT 'draft_orders', 0, NULL, count(*), NULL, NULL, NULL, "
    "NULL, NULL FROM orders WHERE $1::bool AND status = 'draft' "
    "UNION ALL SELECT 'draft_invoices', 0, NULL, count(*), NULL, NULL, NULL, "
    "NULL, NULL FROM invoices WHERE $1::bool AND kind = 'invoice' AND status "
    "= 'draft' "
    "UNION ALL SELECT 'draft_bills', 0, NULL, count(*), NULL, NULL, NULL, "
    "NULL, NULL FROM bills WHERE $2::bool AND status = 'draft' "
    "UNION ALL SELECT 'months', 0, NULL, NULL, NULL, NULL, this_start::text, "
    "last_start::text, (this_start - 1)::text FROM m "
    "UNION ALL SELECT 'setup', 0, NULL, NULL, NULL, NULL, NULL, NULL, "
    "concat((t.address <> '' AND t.tax_id <> '')::int, (EXISTS (SELECT 1 "
    "FROM accounts WHERE NOT is_group) AND EXISTS (SELECT 1 FROM "
    "tax_groups))::int, EXISTS (SELECT 1 FROM parties WHERE is_customer)::"
    "int, EXISTS (SELECT 1 FROM products)::int, EXISTS (SELECT 1 FROM "
    "invoices WHERE kind = 'invoice' AND status <> 'draft')::int) FROM "
    "tenants t WHERE $5::bool AND t.id = bursar_tenant()"
    ") x LEFT JOIN currencies cu ON cu.code = x.cur ORDER BY x.k, x.ord";

enum { K, ORD, CUR, DIGITS, N, AMT, ID, CODE, NAME, EXTRA };

static int64_t
num(const db_res *r, int row, int col)
{
	int64_t v = 0;
	if (!db_isnull(r, row, col))
		db_i64(r, row, col, &v);
	return v;
}

/* money: the API's money object, or decimal text on a page */
static cJSON *
money(ctx *c, const db_res *r, int row, int col)
{
	int64_t m = num(r, row, col);
	const char *cur = db_text(r, row, CUR);
	if (c->api)
		return api_money(m, cur ? cur : "");
	return cJSON_CreateString(reply_money_text(c, m,
	    (int)num(r, row, DIGITS)));
}

/* total: {currency, count, amount} of one row of a per-currency figure */
static cJSON *
total(ctx *c, const db_res *r, int row)
{
	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "currency", db_text(r, row, CUR));
	cJSON_AddItemToObject(t, "count", api_int(num(r, row, N)));
	cJSON_AddItemToObject(t, "amount", money(c, r, row, AMT));
	return t;
}

static cJSON *
figure(cJSON *d, const char *name, const char *href)
{
	cJSON *f = cJSON_AddObjectToObject(d, name);
	cJSON_AddStringToObject(f, "href", href);
	return f;
}

static const struct step {
	const char *label, *href;
} steps[] = {
	{ "Your business's address and tax id, printed on every invoice",
	    "/app/commerce/settings" },
	{ "The chart of accounts and the taxes you charge", "/app/tax-groups" },
	{ "Your first customer", "/app/customers/new" },
	{ "Your first product", "/app/products/new" },
	{ "Your first invoice, issued", "/app/invoices/new" },
};

static void
checklist(cJSON *d, const char *flags)
{
	size_t n = sizeof(steps) / sizeof(steps[0]), done = 0;
	if (flags == NULL || strlen(flags) != n)
		return;
	for (size_t i = 0; i < n; i++)
		done += flags[i] == '1';
	if (done == n)
		return;	/* set up: the checklist has done its work */
	cJSON *l = cJSON_AddArrayToObject(d, "checklist");
	for (size_t i = 0; i < n; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "label", steps[i].label);
		cJSON_AddStringToObject(s, "href", steps[i].href);
		cJSON_AddBoolToObject(s, "done", flags[i] == '1');
		cJSON_AddItemToArray(l, s);
	}
}

cJSON *
dashboard_build(ctx *c)
{
	int sales = auth_can(c, "sales.read");
	int purchases = auth_can(c, "purchases.read");
	int books = auth_can(c, "ledger.read");
	int stock = auth_can(c, "inventory.read");
	int setup = auth_can(c, "settings.manage");
	const char *p[5] = { sales ? "t" : "f", purchases ? "t" : "f",
	    books ? "t" : "f", stock ? "t" : "f", setup ? "t" : "f" };
	db_res r;
	if (query_run(c, &r, dash_sql, 5, p) < 0)
		return NULL;

	cJSON *d = cJSON_CreateObject();
	cJSON *recv = NULL, *over = NULL, *pay = NULL, *cash = NULL,
	    *sales_f = NULL, *low = NULL, *drafts = NULL;
	const char *this_start = NULL, *last_start = NULL, *last_end = NULL;
	for (int i = 0; i < r.rows; i++) {
		if (strcmp(db_text(&r, i, K), "months") == 0) {
			this_start = arena_strdup(c->a, db_text(&r, i, CODE));
			last_start = arena_strdup(c->a, db_text(&r, i, NAME));
			last_end = arena_strdup(c->a, db_text(&r, i, EXTRA));
		}
	}
	if (sales) {
		recv = figure(d, "receivable", "/app/invoices");
		cJSON_AddArrayToObject(recv, "totals");
		over = figure(d, "overdue", "/app/invoices?status=overdue");
		cJSON_AddArrayToObject(over, "totals");
		cJSON_AddArrayToObject(over, "items");
		sales_f = cJSON_AddObjectToObject(d, "sales");
		cJSON *t = cJSON_AddObjectToObject(sales_f, "this_month");
		cJSON_AddStringToObject(t, "from", this_start ? this_start : "");
		cJSON_AddStringToObject(t, "href", arena_printf(c->a,
		    "/app/invoices?from=%s", this_start ? this_start : ""));
		cJSON_AddArrayToObject(t, "totals");
		cJSON *l = cJSON_AddObjectToObject(sales_f, "last_month");
		cJSON_AddStringToObject(l, "from", last_start ? last_start : "");
		cJSON_AddStringToObject(l, "to", last_end ? last_end : "");
		cJSON_AddStringToObject(l, "href", arena_printf(c->a,
		    "/app/invoices?from=%s&to=%s", last_start ? last_start : "",
		    last_end ? last_end : ""));
		cJSON_AddArrayToObject(l, "totals");
	}
	if (purchases) {
		pay = figure(d, "payable", "/app/bills");
		cJSON_AddArrayToObject(pay, "totals");
	}
	if (books) {
		cash = figure(d, "cash", "/app/accounts");
		cJSON_AddArrayToObject(cash, "accounts");
	}
	if (stock) {
		low = figure(d, "low_stock", "/app/stock/low");
		cJSON_AddArrayToObject(low, "items");
	}
	if (sales || purchases)
		drafts = cJSON_AddObjectToObject(d, "drafts");

	for (int i = 0; i < r.rows; i++) {
		const char *k = db_text(&r, i, K);
		if (strcmp(k, "receivable") == 0 && recv)
			cJSON_AddItemToArray(cJSON_GetObjectItem(recv, "totals"),
			    total(c, &r, i));
		else if (strcmp(k, "overdue") == 0 && over)
			cJSON_AddItemToArray(cJSON_GetObjectItem(over, "totals"),
			    total(c, &r, i));
		else if (strcmp(k, "overdue_item") == 0 && over) {
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "id", db_text(&r, i, ID));
			cJSON_AddStringToObject(e, "number", db_text(&r, i, CODE));
			cJSON_AddStringToObject(e, "customer", db_text(&r, i, NAME));
			cJSON_AddStringToObject(e, "due_date", db_text(&r, i, EXTRA));
			cJSON_AddStringToObject(e, "currency", db_text(&r, i, CUR));
			cJSON_AddItemToObject(e, "open", money(c, &r, i, AMT));
			cJSON_AddStringToObject(e, "href", arena_printf(c->a,
			    "/app/invoices/%s", db_text(&r, i, ID)));
			cJSON_AddItemToArray(cJSON_GetObjectItem(over, "items"), e);
		} else if (strcmp(k, "payable") == 0 && pay)
			cJSON_AddItemToArray(cJSON_GetObjectItem(pay, "totals"),
			    total(c, &r, i));
		else if (strcmp(k, "cash") == 0 && cash) {
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "code", db_text(&r, i, CODE));
			cJSON_AddStringToObject(e, "name", db_text(&r, i, NAME));
			cJSON_AddStringToObject(e, "currency", db_text(&r, i, CUR));
			cJSON_AddItemToObject(e, "balance", money(c, &r, i, AMT));
			cJSON_AddStringToObject(e, "href", arena_printf(c->a,
			    "/app/ledger/accounts/%s", db_text(&r, i, CODE)));
			cJSON_AddItemToArray(cJSON_GetObjectItem(cash, "accounts"),
			    e);
		} else if ((strcmp(k, "sales_this") == 0 ||
		    strcmp(k, "sales_last") == 0) && sales_f) {
			cJSON *m = cJSON_GetObjectItem(sales_f, k[6] == 't' ?
			    "this_month" : "last_month");
			cJSON_AddItemToArray(cJSON_GetObjectItem(m, "totals"),
			    total(c, &r, i));
		} else if (strcmp(k, "low") == 0 && low)
			cJSON_AddItemToObject(low, "count", api_int(num(&r, i, N)));
		else if (strcmp(k, "low_item") == 0 && low) {
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "sku", db_text(&r, i, CODE));
			cJSON_AddStringToObject(e, "name", db_text(&r, i, NAME));
			cJSON_AddItemToObject(e, "available", api_int(num(&r, i,
			    N)));
			cJSON_AddItemToObject(e, "reorder_level", api_int(num(&r,
			    i, AMT)));
			cJSON_AddStringToObject(e, "href", arena_printf(c->a,
			    "/app/inventory/%s", db_text(&r, i, CODE)));
			cJSON_AddItemToArray(cJSON_GetObjectItem(low, "items"), e);
		} else if (strncmp(k, "draft_", 6) == 0 && drafts) {
			const char *what = k + 6;
			if (strcmp(what, "bills") == 0 ? !purchases : !sales)
				continue;
			cJSON *e = cJSON_AddObjectToObject(drafts, what);
			cJSON_AddItemToObject(e, "count", api_int(num(&r, i, N)));
			cJSON_AddStringToObject(e, "href", arena_printf(c->a,
			    "/app/%s?status=draft", what));
		} else if (strcmp(k, "setup") == 0 && setup)
			checklist(d, db_text(&r, i, EXTRA));
	}
	db_res_clear(&r);
	return d;
}
