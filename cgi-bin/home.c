/* home.c: the public front page, and the answer for any path no other
 * program serves (nginx sends them here, so 404s share one look). */
#include "web/app.h"
#include "web/serve.h"

static void
home(ctx *c)
{
	cJSON *out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "name", "Bursar");
	cJSON_AddStringToObject(out, "tagline", "The back office for a small "
	    "business: books, sales, stock, trade, time billing and bank "
	    "reconciliation, on one Raspberry Pi.");
	cJSON_AddStringToObject(out, "login", "/app/login");
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
