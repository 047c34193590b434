/* roles.c: the role matrix (sql/0026_role_matrix.sql's role_matrix) is
 * what every built-in role can do.  Every route of every program (read
 * from the programs themselves, BURSAR_ROUTES=1) is called as every
 * built-in role: 403 where the matrix withholds the route's permission,
 * something else where it grants it; every business's built-in roles
 * hold exactly the matrix; the README's "Who may do what" table is the
 * matrix; and the office's lines hold on real documents: the sales desk
 * cannot void an invoice or see money paid to suppliers, the accountant
 * can do both. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "kit.h"
#include "suites.h"

#define MAX_ROLES 16
#define MAX_ROUTES 1024
#define PASSWORD "blue7Horse!fence"

typedef struct role_t {
	char name[32];
	char perms[2048];	/* ",a.b,c.d," as the matrix grants */
	char *token;
} role_t;

typedef struct route_t {
	char method[8];
	char path[256];		/* as called, parameters filled */
	char guard[128];	/* permission(s), "public" or "signed-in" */
	char program[32];
} route_t;

static char slug[64];
static char tenant[37];
static role_t roles[MAX_ROLES];
static int nroles;

/* holds: whether perms (",a,b,") grants guard ("x.y" or "x.y|z.w") */
static int
holds(const char *perms, const char *guard)
{
	if (strcmp(guard, "signed-in") == 0)
		return 1;
	char one[128];
	for (const char *p = guard; *p; ) {
		size_t n = strcspn(p, "|");
		snprintf(one, sizeof(one), ",%.*s,", (int)n, p);
		if (strstr(perms, one))
			return 1;
		p += n + (p[n] == '|');
	}
	return 0;
}

/* token_for: an access token for email in the business */
static char *
token_for(const char *email)
{
	return kit_token(slug, email, PASSWORD);
}

/* setup: one business, a user and a token per built-in role of the
 * matrix (the owner is the one who signed up) */
static void
setup(void)
{
	snprintf(slug, sizeof(slug), "%s", unique("roles"));
	char *owner = sign_up_in(slug, "owner@roles.test", "EUR");
	char *id = kit_adm("SELECT id FROM tenants WHERE slug = '%s'", slug);
	snprintf(tenant, sizeof(tenant), "%s", id);
	free(id);
	char *names = kit_adm("SELECT string_agg(DISTINCT role, ',') FROM "
	    "role_matrix");
	ck_assert_ptr_nonnull(names);
	nroles = 0;
	for (char *save, *n = strtok_r(names, ",", &save); n;
	    n = strtok_r(NULL, ",", &save)) {
		ck_assert_int_lt(nroles, MAX_ROLES);
		role_t *r = &roles[nroles++];
		snprintf(r->name, sizeof(r->name), "%s", n);
		char *perms = kit_adm("SELECT ',' || string_agg(permission, ',') "
		    "|| ',' FROM role_matrix WHERE role = '%s'", n);
		snprintf(r->perms, sizeof(r->perms), "%s", perms);
		free(perms);
		if (strcmp(n, "owner") == 0) {
			r->token = strdup(owner);
			continue;
		}
		free(kit_adm("INSERT INTO users (tenant_id, email, name, "
		    "password_hash, role_id) SELECT '%s', '%s@roles.test', "
		    "'Role %s', (SELECT password_hash FROM users WHERE tenant_id = "
		    "'%s' AND email = 'owner@roles.test'), id FROM roles WHERE "
		    "tenant_id = '%s' AND name = '%s' AND builtin RETURNING id",
		    tenant, n, n, tenant, tenant, n));
		char email[64];
		snprintf(email, sizeof(email), "%s@roles.test", n);
		r->token = token_for(email);
	}
	free(names);
	free(owner);
	ck_assert_int_ge(nroles, 5);
}

static void
teardown(void)
{
	for (int i = 0; i < nroles; i++)
		free(roles[i].token);
	nroles = 0;
}

static role_t *
role(const char *name)
{
	for (int i = 0; i < nroles; i++)
		if (strcmp(roles[i].name, name) == 0)
			return &roles[i];
	ck_abort_msg("no built-in role %s in the matrix", name);
	return NULL;
}

/* fill: pattern with '~' as /api/v1 and each {param} as one segment (a
 * UUID no row has: the handler answers 404 or 422, never a change) */
static void
fill(const char *pattern, char *out, size_t len)
{
	size_t o = 0;
	const char *p = pattern;
	if (*p == '~') {
		o = (size_t)snprintf(out, len, "/api/v1");
		p++;
	}
	while (*p && o + 40 < len) {
		if (*p == '{') {
			o += (size_t)snprintf(out + o, len - o,
			    "00000000-0000-4000-8000-00000000dead");
			p = strchr(p, '}') + 1;
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
}

/* read_routes: every program's table, public routes left out; the
 * routes that act on the caller's own sign-in (signed-in POSTs: sign-out,
 * ending sessions) go last so they cannot spoil the calls after them */
static int
read_routes(route_t *out, int max)
{
	const char *root = getenv("BURSAR_ROOT"), *build = getenv("BURSAR_BUILD");
	ck_assert_ptr_nonnull(root);
	ck_assert_ptr_nonnull(build);
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s/cgi-bin", root);
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	int n = 0, last = max;	/* own-sign-in routes fill from the end */
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0)
			continue;
		char cmd[2048];
		snprintf(cmd, sizeof(cmd), "BURSAR_ROUTES=1 %s/cgi-bin/%.*s "
		    "</dev/null", build, (int)(len - 2), e->d_name);
		FILE *p = popen(cmd, "r");
		ck_assert_ptr_nonnull(p);
		char line[1024];
		int got = 0;
		while (fgets(line, sizeof(line), p)) {
			line[strcspn(line, "\n")] = '\0';
			char *pat = strchr(line, '\t');
			char *guard = pat ? strchr(pat + 1, '\t') : NULL;
			ck_assert_msg(guard != NULL, "%s: %s", e->d_name, line);
			*pat++ = '\0';
			*guard++ = '\0';
			got++;
			ck_assert_msg(strcmp(guard, "NONE") != 0, "%s: %s %s names "
			    "no permission", e->d_name, line, pat);
			if (strcmp(guard, "public") == 0)
				continue;
			int own = strcmp(guard, "signed-in") == 0 &&
			    strcmp(line, "GET") != 0;
			ck_assert_int_lt(n, last);
			route_t *r = own ? &out[--last] : &out[n++];
			snprintf(r->method, sizeof(r->method), "%.7s", line);
			fill(pat, r->path, sizeof(r->path));
			snprintf(r->guard, sizeof(r->guard), "%.127s", guard);
			snprintf(r->program, sizeof(r->program), "%.*s",
			    (int)(len - 2), e->d_name);
		}
		int st = pclose(p);
		ck_assert_msg(st == 0 && got > 0, "%s did not print its routes",
		    e->d_name);
	}
	closedir(d);
	/* the own-sign-in routes, sign-out (the end of all) last */
	for (int i = last; i < max; i++)
		out[n++] = out[i];
	for (int i = 0; i < n - 1; i++)
		if (strcmp(out[i].path, "/app/logout") == 0) {
			route_t t = out[i];
			memmove(&out[i], &out[i + 1], sizeof(out[0]) *
			    (size_t)(n - 1 - i));
			out[n - 1] = t;
			break;
		}
	return n;
}

/* call: method on path as the bearer of token: the status; *perm_refused
 * 1 when it is the dispatcher's refusal for want of the route's
 * permission (a handler may refuse for reasons of its own: sync takes
 * only API keys) */
static long
call(const char *method, const char *path, const char *token,
    int *perm_refused)
{
	char auth[1024];
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	int api = strncmp(path, "/api/", 5) == 0;
	int body = strcmp(method, "GET") != 0 && strcmp(method, "DELETE") != 0;
	const char *h[] = { auth, body ? (api ? "Content-Type: application/json"
	    : "Content-Type: application/x-www-form-urlencoded") : NULL, NULL };
	const char *b = body ? (api ? "{}" : "x=") : NULL;
	reply r;
	ck_assert_int_eq(client_do(method, path, h, b, b ? strlen(b) : 0, &r), 0);
	long st = r.status;
	ck_assert_msg(st != 401, "%s %s: 401 %s (the token was lost)", method,
	    path, buf_str(&r.body));
	ck_assert_msg(st < 500, "%s %s: %ld %s", method, path, st,
	    buf_str(&r.body));
	/* a page says the same in words (lib/web/words: words_forbidden) */
	*perm_refused = st == 403 && strstr(buf_str(&r.body), api ?
	    "this needs the " : "Your role may not ") != NULL;
	reply_free(&r);
	return st;
}

/* Every route against every built-in role, the expected answer from the
 * matrix: a new route is tested as soon as it is in a table, and a role
 * granted more or less than the matrix says fails here. */
START_TEST(every_route_every_role)
{
	static route_t rt[MAX_ROUTES];
	int n = read_routes(rt, MAX_ROUTES);
	ck_assert_int_gt(n, 150);
	int wrong = 0, calls = 0;
	for (int k = 0; k < nroles; k++) {
		const role_t *ro = &roles[k];
		for (int i = 0; i < n; i++) {
			int refused;
			long st = call(rt[i].method, rt[i].path, ro->token,
			    &refused);
			calls++;
			int may = holds(ro->perms, rt[i].guard);
			if (may ? refused : st != 403 || !refused) {
				fprintf(stderr, "roles: %s %s (%s, needs %s) as %s: %ld, "
				    "the matrix says %s\n", rt[i].method, rt[i].path,
				    rt[i].program, rt[i].guard, ro->name, st, may ?
				    "allowed" : "403");
				wrong++;
			}
		}
	}
	fprintf(stderr, "roles: %d routes x %d roles = %d calls\n", n, nroles,
	    calls);
	ck_assert_msg(wrong == 0, "%d answers differ from the role matrix "
	    "(listed in the log)", wrong);
}
END_TEST

/* Every permission a route names is in the catalogue, and every
 * permission of the catalogue is in the matrix (the owner holds all). */
START_TEST(matrix_covers_the_catalogue)
{
	static route_t rt[MAX_ROUTES];
	int n = read_routes(rt, MAX_ROUTES);
	for (int i = 0; i < n; i++) {
		if (strcmp(rt[i].guard, "signed-in") == 0)
			continue;
		char g[128];
		snprintf(g, sizeof(g), "%s", rt[i].guard);
		for (char *save, *p = strtok_r(g, "|", &save); p;
		    p = strtok_r(NULL, "|", &save))
			ck_assert_msg(kit_adm_int("SELECT count(*) FROM permissions "
			    "WHERE name = '%s'", p) == 1, "%s %s names %s, which is "
			    "not in the catalogue", rt[i].method, rt[i].path, p);
	}
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM permissions p WHERE "
	    "NOT EXISTS (SELECT 1 FROM role_matrix m WHERE m.role = 'owner' AND "
	    "m.permission = p.name)"), 0);
}
END_TEST

/* Every business's built-in roles hold what the matrix says, no more and
 * no less: grants changed by hand (a migration granting a new permission
 * to roles it picks) fail here until the matrix says so. */
START_TEST(builtin_roles_are_the_matrix)
{
	ck_assert_int_gt(kit_adm_int("SELECT count(*) FROM roles WHERE builtin"),
	    5);
	char *diff = kit_adm("SELECT string_agg(x, '; ') FROM ("
	    "SELECT t.slug || ' ' || ro.name || ' has ' || rp.permission AS x "
	    "FROM role_permissions rp JOIN roles ro ON ro.tenant_id = rp.tenant_id "
	    "AND ro.id = rp.role_id JOIN tenants t ON t.id = ro.tenant_id "
	    "WHERE ro.builtin AND NOT EXISTS (SELECT 1 FROM role_matrix m WHERE "
	    "m.role = ro.name AND m.permission = rp.permission) UNION ALL "
	    "SELECT t.slug || ' ' || ro.name || ' lacks ' || m.permission FROM "
	    "roles ro JOIN role_matrix m ON m.role = ro.name JOIN tenants t ON "
	    "t.id = ro.tenant_id WHERE ro.builtin AND NOT EXISTS (SELECT 1 FROM "
	    "role_permissions rp WHERE rp.tenant_id = ro.tenant_id AND rp.role_id "
	    "= ro.id AND rp.permission = m.permission)) d");
	ck_assert_msg(diff == NULL, "built-in roles differ from role_matrix: %s",
	    diff);
}
END_TEST

/* cell: the n-th '|' cell of a table row, trimmed of spaces and `; into
 * out */
static int
cell(const char *row, int n, char *out, size_t len)
{
	const char *p = row;
	for (int i = 0; i <= n; i++) {
		p = strchr(p, '|');
		if (p == NULL)
			return -1;
		p++;
	}
	const char *end = strchr(p, '|');
	if (end == NULL)
		return -1;
	while (p < end && (*p == ' ' || *p == '`'))
		p++;
	const char *q = end;
	while (q > p && (q[-1] == ' ' || q[-1] == '`'))
		q--;
	snprintf(out, len, "%.*s", (int)(q - p), p);
	return 0;
}

/* The README's "Who may do what" table is the matrix, cell for cell. */
START_TEST(readme_table_is_the_matrix)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/README.md", getenv("BURSAR_ROOT"));
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	char line[2048], cols[MAX_ROLES][32];
	int ncols = 0, rows = 0, in = 0;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "| Permission |", 14) == 0) {
			in = 1;
			for (ncols = 0; ncols < MAX_ROLES && cell(line, ncols + 2,
			    cols[ncols], sizeof(cols[0])) == 0; ncols++)
				;
			continue;
		}
		if (!in || strncmp(line, "|---", 4) == 0)
			continue;
		if (line[0] != '|')
			break;
		char perm[64], v[32];
		ck_assert_int_eq(cell(line, 0, perm, sizeof(perm)), 0);
		for (int k = 0; k < ncols; k++) {
			ck_assert_int_eq(cell(line, k + 2, v, sizeof(v)), 0);
			int doc = strcmp(v, "yes") == 0;
			ck_assert_msg(doc || v[0] == '\0', "README: %s/%s: \"%s\"",
			    perm, cols[k], v);
			char one[80];
			snprintf(one, sizeof(one), ",%s,", perm);
			ck_assert_msg(doc == (strstr(role(cols[k])->perms, one) !=
			    NULL), "README says %s %s %s; role_matrix says otherwise",
			    cols[k], doc ? "has" : "lacks", perm);
		}
		rows++;
	}
	fclose(f);
	ck_assert_int_eq(ncols, nroles);
	ck_assert_int_eq(rows, kit_adm_int("SELECT count(DISTINCT permission) "
	    "FROM role_matrix"));
}
END_TEST

/* The office's lines on real documents: the sales desk issues invoices
 * but cannot void them or see what is paid to suppliers (their payments
 * and statements); the accountant voids and pays the supplier's bill. */
START_TEST(an_office)
{
	const char *sales = role("sales")->token;
	const char *acct = role("accountant")->token;
	const char *owner = role("owner")->token;
	char *cust = kit_party(owner, "customer", "Acme Retail", NULL);
	char *supp = kit_party(owner, "supplier", "Paper Mill", NULL);
	char body[512], path[256];
	snprintf(body, sizeof(body), "{\"customer\":\"%s\",\"issue\":true,"
	    "\"lines\":[{\"description\":\"Consulting\",\"quantity\":1,"
	    "\"unit_price\":10000,\"tax_group\":null}]}", cust);
	cJSON *inv = kit_call("POST", "/api/v1/invoices", sales, body, 201);
	snprintf(path, sizeof(path), "/api/v1/invoices/%s/void", jstr(inv,
	    "id"));
	kit_refused("POST", path, sales, "{}", 403, NULL);
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM invoices WHERE id = "
	    "'%s' AND status = 'issued'", jstr(inv, "id")), 1);
	cJSON_Delete(kit_call("POST", path, acct, "{}", 200));
	ck_assert_int_eq(kit_adm_int("SELECT count(*) FROM invoices WHERE id = "
	    "'%s' AND status = 'void'", jstr(inv, "id")), 1);
	cJSON_Delete(inv);

	/* a payment to the supplier, by the accountant */
	snprintf(body, sizeof(body), "{\"direction\":\"out\",\"party\":\"%s\","
	    "\"amount\":{\"amount\":2500,\"currency\":\"EUR\"},\"method\":"
	    "\"bank_transfer\"}", supp);
	cJSON *pay = kit_call("POST", "/api/v1/payments", acct, body, 201);
	snprintf(path, sizeof(path), "/api/v1/payments/%s", jstr(pay, "id"));
	kit_refused("GET", path, sales, NULL, 403, NULL);
	cJSON_Delete(get_json(path, acct, 200));
	cJSON_Delete(pay);
	kit_refused("GET", "/api/v1/payments?direction=out", sales, NULL, 403,
	    NULL);
	kit_refused("POST", "/api/v1/payments", sales, body, 403, NULL);
	/* the sales desk's list holds money in only */
	cJSON *list = get_json("/api/v1/payments", sales, 200);
	cJSON *x;
	cJSON_ArrayForEach(x, cJSON_GetObjectItem(list, "items"))
		ck_assert_str_eq(jstr(x, "direction"), "in");
	cJSON_Delete(list);
	list = get_json("/api/v1/payments", acct, 200);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(list, "items")),
	    1);
	cJSON_Delete(list);
	/* statements: the supplier's is the purchases side's */
	snprintf(path, sizeof(path), "/api/v1/statements/%s?side=supplier",
	    supp);
	kit_refused("GET", path, sales, NULL, 403, NULL);
	cJSON_Delete(get_json(path, acct, 200));
	/* unasked, the sales desk's side: a supplier is not a customer */
	snprintf(path, sizeof(path), "/api/v1/statements/%s", supp);
	kit_refused("GET", path, sales, NULL, 422, "side");
	snprintf(path, sizeof(path), "/api/v1/statements/%s", cust);
	cJSON_Delete(get_json(path, sales, 200));
	free(cust);
	free(supp);
	/* the business's settings are the owner's and admin's: the accountant
	 * (who sets up the books, ledger.manage) reads them, cannot change them */
	cJSON_Delete(get_json("/api/v1/commerce/settings", acct, 200));
	kit_refused("PATCH", "/api/v1/commerce/settings", acct,
	    "{\"default_terms_days\":10}", 403, NULL);
	cJSON_Delete(kit_call("PATCH", "/api/v1/commerce/settings", owner,
	    "{\"default_terms_days\":10}", 200));
	/* the reports: the books' summaries need reports.read */
	kit_refused("GET", "/api/v1/ledger/trial-balance", sales, NULL, 403,
	    NULL);
	cJSON_Delete(get_json("/api/v1/ledger/trial-balance", role("viewer")->token,
	    200));
	cJSON *k = kit_post("/api/v1/api-keys", owner, "{\"name\":\"books\","
	    "\"scopes\":\"ledger.read\"}", 201);
	char *books = strdup(jstr(k, "key"));
	cJSON_Delete(k);
	cJSON_Delete(get_json("/api/v1/journal", books, 200));
	kit_refused("GET", "/api/v1/ledger/trial-balance", books, NULL, 403, NULL);
	kit_refused("GET", "/api/v1/ledger/balances", books, NULL, 403, NULL);
	free(books);
}
END_TEST

/* The integrity check (GET /api/v1/integrity, /app/integrity) is a
 * report: reports.read, so the owner, admin, accountant and viewer run
 * it, and the sales desk is refused, on the API and the page alike. */
START_TEST(integrity_per_role)
{
	static const struct { const char *role; long want; } g[] = {
		{ "owner", 200 }, { "admin", 200 }, { "accountant", 200 },
		{ "sales", 403 }, { "viewer", 200 },
	};
	for (size_t i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		const char *t = role(g[i].role)->token;
		reply r;
		kit_page("/api/v1/integrity", t, g[i].want, &r);
		reply_free(&r);
		kit_page("/app/integrity", t, g[i].want, &r);
		reply_free(&r);
	}
}
END_TEST

/* The dashboard (/api/v1/dashboard) and the search (/api/v1/search) are
 * every signed-in user's, but what they show follows the matrix: a figure
 * or a kind of result only for a role holding the permission of its list,
 * the set-up checklist only for who may change the settings. */
START_TEST(dashboard_and_search_follow_the_matrix)
{
	static const struct { const char *key, *perm; } figs[] = {
		{ "receivable", "sales.read" }, { "overdue", "sales.read" },
		{ "sales", "sales.read" }, { "payable", "purchases.read" },
		{ "cash", "ledger.read" }, { "low_stock", "inventory.read" },
		{ "checklist", "settings.manage" },
	};
	const char *owner = role("owner")->token;
	free(kit_party(owner, "customer", "Oriel Books", NULL));
	free(kit_party(owner, "supplier", "Osprey Paper", NULL));
	free(kit_product(owner, "OAK-1", 500, "EUR", NULL, 0));
	for (int k = 0; k < nroles; k++) {
		const role_t *ro = &roles[k];
		cJSON *d = get_json("/api/v1/dashboard", ro->token, 200);
		for (size_t i = 0; i < sizeof(figs) / sizeof(figs[0]); i++)
			ck_assert_msg((cJSON_GetObjectItem(d, figs[i].key) != NULL) ==
			    holds(ro->perms, figs[i].perm), "%s: dashboard %s %s",
			    ro->name, figs[i].key, holds(ro->perms, figs[i].perm) ?
			    "missing" : "shown without " "its permission");
		cJSON_Delete(d);
		/* "o" is in each of the three names */
		d = get_json("/api/v1/search?q=o", ro->token, 200);
		static const struct { const char *kind, *perm; } kinds[] = {
			{ "customer", "sales.read" }, { "supplier", "purchases.read" },
			{ "product", "inventory.read" },
		};
		for (size_t i = 0; i < 3; i++) {
			int found = 0;
			cJSON *g;
			cJSON_ArrayForEach(g, cJSON_GetObjectItem(d, "kinds"))
				found |= strcmp(jstr(g, "kind"), kinds[i].kind) == 0;
			ck_assert_msg(found == holds(ro->perms, kinds[i].perm),
			    "%s: search %s %s", ro->name, found ? "found" :
			    "missed", kinds[i].kind);
		}
		cJSON_Delete(d);
	}
}
END_TEST

TCase *
roles_tcase(void)
{
	TCase *tc = tcase_create("roles");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, matrix_covers_the_catalogue);
	tcase_add_test(tc, builtin_roles_are_the_matrix);
	tcase_add_test(tc, readme_table_is_the_matrix);
	tcase_add_test(tc, an_office);
	tcase_add_test(tc, integrity_per_role);
	tcase_add_test(tc, dashboard_and_search_follow_the_matrix);
	tcase_add_test(tc, every_route_every_role);
	return tc;
}
