/* health.c: GET /healthz, for load balancers, supervisors and people.
 * 200 when PostgreSQL answers, 503 when it does not; one round trip. */
#include "web/app.h"
#include "web/serve.h"

static void
healthz(ctx *c)
{
	int up = db_ping(c->db) == 0;
	cJSON *out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "status", up ? "ok" : "degraded");
	cJSON_AddStringToObject(out, "database", up ? "ok" : "down");
	cJSON_AddStringToObject(out, "version", c->cfg->version);
	app_render(c, up ? 200 : 503, "health.cs", "Health", out);
}

static const route routes[] = {
	{ "GET", "/healthz", healthz, ROUTE_NO_TX | ROUTE_PUBLIC, NULL },
};

int
main(void)
{
	return serve_main("health", routes, sizeof(routes) / sizeof(routes[0]));
}
