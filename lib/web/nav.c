/* nav.c: the menu's one table, filtered by permission, the current page
 * marked. */
#include "web/nav.h"

#include <string.h>

/* Grouped by section, the sections in the menu's order: a new page goes
 * beside the others of its section.  Every href must answer 200 to a
 * role holding perm (tests/integration/dashboard.c follows each one). */
const nav_item nav_items[] = {
	{ "Sales", "Orders", "/app/orders", "sales.read" },
	{ "Sales", "Invoices", "/app/invoices", "sales.read" },
	{ "Sales", "Credit notes", "/app/credit-notes", "sales.read" },
	{ "Sales", "Customers", "/app/customers", "sales.read" },
	{ "Sales", "Payments received", "/app/payments?direction=in",
	    "sales.read" },
	{ "Purchases", "Bills", "/app/bills", "purchases.read" },
	{ "Purchases", "Suppliers", "/app/suppliers", "purchases.read" },
	{ "Purchases", "Payments made", "/app/payments?direction=out",
	    "purchases.read" },
	{ "Stock", "Products", "/app/products", "inventory.read" },
	{ "Stock", "Stock levels", "/app/stock", "inventory.read" },
	{ "Stock", "Movements", "/app/stock/movements", "inventory.read" },
	{ "Stock", "Reservations", "/app/reservations", "inventory.read" },
	{ "Stock", "Locations", "/app/locations", "inventory.read" },
	{ "Stock", "Categories", "/app/categories", "inventory.read" },
	{ "Books", "Journal", "/app/journal", "ledger.read" },
	{ "Books", "Ledger balances", "/app/ledger/balances", "reports.read" },
	{ "Books", "Trial balance", "/app/ledger/trial-balance",
	    "reports.read" },
	{ "Books", "Chart of accounts", "/app/accounts", "ledger.read" },
	{ "Books", "Years and periods", "/app/years", "ledger.read" },
	{ "Books", "Currencies", "/app/currencies", "ledger.read" },
	{ "Books", "Taxes", "/app/tax-groups", "ledger.read" },
	{ "Reports", "Stock valuation", "/app/stock/valuation",
	    "inventory.read" },
	{ "Reports", "Low stock", "/app/stock/low", "inventory.read" },
	{ "Reports", "Integrity check", "/app/integrity", "reports.read" },
	{ "Reports", "Audit log", "/app/audit", "audit.read" },
	{ "Settings", "Business and invoices", "/app/commerce/settings",
	    "ledger.read" },
	{ "Settings", "Books settings", "/app/books/settings", "ledger.read" },
	{ "Settings", "Users", "/app/users", "users.read" },
	{ "Settings", "Roles", "/app/roles", "users.read" },
	{ "Settings", "Branches", "/app/branches", "branches.read" },
	{ "Settings", "API keys", "/app/api-keys", "api_keys.manage" },
	{ "Settings", "Webhooks", "/app/webhooks", "webhooks.manage" },
	{ "Settings", "Sync", "/app/sync", "sync.write" },
};
const size_t nav_count = sizeof(nav_items) / sizeof(nav_items[0]);

static int
holds(const char *perms, const char *p, size_t n)
{
	const char *s = perms;
	while ((s = strstr(s, ",")) != NULL) {
		if (strncmp(s + 1, p, n) == 0 && s[1 + n] == ',')
			return 1;
		s++;
	}
	return 0;
}

int
nav_can(const char *perms, const char *want)
{
	if (perms == NULL || want == NULL)
		return 0;
	for (;;) {
		const char *bar = strchr(want, '|');
		size_t n = bar ? (size_t)(bar - want) : strlen(want);
		if (n > 0 && holds(perms, want, n))
			return 1;
		if (bar == NULL)
			return 0;
		want = bar + 1;
	}
}

/* has_param: raw ("a=1&b=2") holds the pair p ("b=2") */
static int
has_param(const char *raw, const char *p)
{
	size_t n = strlen(p);
	for (const char *s = raw; s && *s; ) {
		if (strncmp(s, p, n) == 0 && (s[n] == '&' || s[n] == '\0'))
			return 1;
		s = strchr(s, '&');
		if (s)
			s++;
	}
	return 0;
}

/* score: how closely item i names the page at path (0: not at all); the
 * longest matching path wins, and its query breaks a tie */
static size_t
score(size_t i, const char *path, const char *raw)
{
	const char *href = nav_items[i].href;
	const char *q = strchr(href, '?');
	size_t n = q ? (size_t)(q - href) : strlen(href);
	if (strncmp(path, href, n) != 0 || (path[n] != '\0' && path[n] != '/'))
		return 0;
	return 2 * n + (q && has_param(raw, q + 1) ? 1 : 0);
}

cJSON *
nav_menu(const char *perms, const char *path, const char *raw_query)
{
	size_t best = nav_count, top = 0;
	for (size_t i = 0; path && i < nav_count; i++) {
		if (!nav_can(perms, nav_items[i].perm))
			continue;
		size_t s = score(i, path, raw_query ? raw_query : "");
		if (s > top) {
			top = s;
			best = i;
		}
	}
	cJSON *menu = cJSON_CreateArray();
	cJSON *sec = NULL, *items = NULL;
	const char *name = NULL;
	for (size_t i = 0; menu && i < nav_count; i++) {
		const nav_item *it = &nav_items[i];
		if (!nav_can(perms, it->perm))
			continue;
		if (name == NULL || strcmp(name, it->section) != 0) {
			name = it->section;
			sec = cJSON_CreateObject();
			cJSON_AddItemToArray(menu, sec);
			cJSON_AddStringToObject(sec, "name", name);
			cJSON_AddBoolToObject(sec, "current", best < nav_count &&
			    strcmp(nav_items[best].section, name) == 0);
			items = cJSON_AddArrayToObject(sec, "items");
		}
		cJSON *e = cJSON_CreateObject();
		cJSON_AddItemToArray(items, e);
		cJSON_AddStringToObject(e, "label", it->label);
		cJSON_AddStringToObject(e, "href", it->href);
		cJSON_AddBoolToObject(e, "current", i == best);
	}
	return menu;
}
