/* home.c: the public front page, and the answer for any path no other
 * program serves (nginx sends them here, so 404s share one look).
 *
 * The front page names only what is built: capabilities[] is the one
 * list it draws, each with the page that serves it, and the integration
 * test (tests/integration/integrity.c, front_page_promises_only_pages)
 * opens every link as a signed-in owner, so a capability cannot be named
 * before its page answers.  README.md's opening paragraph says the same
 * list in words (the same test reads it). */
#include "web/app.h"
#include "web/serve.h"

static const struct capability {
	const char *name, *href, *what;
} capabilities[] = {
	{ "Books", "/app/journal", "a journal that always balances, "
	    "with its hash chain checked; balances, trial balance and the "
	    "general ledger; an export for hledger" },
	{ "Chart of accounts and taxes", "/app/accounts", "accounts, "
	    "financial years and periods, currencies and exchange rates, "
	    "tax rates and groups" },
	{ "Customers and suppliers", "/app/parties", "contacts, addresses, "
	    "payment terms, credit limits, statements" },
	{ "Products", "/app/products", "SKUs, categories, prices per "
	    "currency" },
	{ "Stock", "/app/stock", "levels per location, receipts, adjustments, "
	    "transfers, reservations, valuation at moving average cost" },
	{ "Sales orders", "/app/orders", "drafts, place (stock reserved), "
	    "ship, complete, cancel" },
	{ "Invoices", "/app/invoices", "issued with gapless numbers and "
	    "posted, credit notes, PDF" },
	{ "Bills", "/app/bills", "supplier bills that put goods into stock "
	    "at cost" },
	{ "Payments", "/app/payments", "money in and out, allocations, "
	    "credit kept, refunds, exchange differences" },
	{ "Integrity check", "/app/integrity", "stock against the inventory "
	    "account, open documents against receivables and payables, both "
	    "hash chains" },
	{ "Webhooks", "/app/webhooks", "signed events to your other systems, "
	    "with retries and replay" },
	{ "Inbound sync", "/app/sync", "records pushed in by another system, "
	    "checked against a schema, with their versions" },
	{ "Team and audit log", "/app/users", "users, roles, branches, and "
	    "an audit log whose chain verifies" },
};

static void
home(ctx *c)
{
	cJSON *out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "name", "Bursar");
	cJSON_AddStringToObject(out, "tagline", "The back office for a small "
	    "business: books, sales, stock, invoices, bills and payments, on "
	    "one Raspberry Pi.");
	cJSON_AddStringToObject(out, "login", "/app/login");
	cJSON *list = cJSON_AddArrayToObject(out, "capabilities");
	for (size_t i = 0; i < sizeof(capabilities) / sizeof(capabilities[0]);
	    i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", capabilities[i].name);
		cJSON_AddStringToObject(o, "href", capabilities[i].href);
		cJSON_AddStringToObject(o, "what", capabilities[i].what);
		cJSON_AddItemToArray(list, o);
	}
	app_render(c, 200, "home.cs", "Bursar", out);
}

static const route routes[] = {
	{ "GET", "/", home, ROUTE_NO_TX | ROUTE_PUBLIC, NULL },
};

int
main(void)
{
	return serve_main("home", routes, sizeof(routes) / sizeof(routes[0]));
}
