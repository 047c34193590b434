/* tax_view.c: tax rates and groups as shown (see tax_view.h). */
#include "books/tax_view.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/money.h"
#include "web/app.h"
#include "web/query.h"

/* add_percent: o's rate_ppm (an exact integer, or null) also as a
 * percentage, "rate" */
static void
add_percent(cJSON *o, int64_t ppm, int known)
{
	buf b = BUF_INIT(64);
	if (known && money_ppm_text(&b, ppm) == 0)
		cJSON_AddStringToObject(o, "rate", buf_str(&b));
	else
		cJSON_AddNullToObject(o, "rate");
	buf_free(&b);
}

/* ppm_of: the exact integer query_rows put in o under key */
static int
ppm_of(const cJSON *o, const char *key, int64_t *ppm)
{
	const cJSON *v = cJSON_GetObjectItem(o, key);
	if (!cJSON_IsRaw(v))
		return 0;
	*ppm = strtoll(v->valuestring, NULL, 10);
	return 1;
}

static const char *const tax_rate_keys[] = { "id", "code", "name",
    "#rate_ppm", "valid_from", "valid_to", "sales_account",
    "purchase_account", "?in_force", NULL };

cJSON *
tax_view_rates(struct ctx *c, const char *id)
{
	const char *p[1] = { id };
	cJSON *items = query_rows(c, "SELECT r.id, r.code, r.name, r.rate_ppm, "
	    "r.valid_from::text, r.valid_to::text, sa.code, pa.code, "
	    "r.valid_from <= current_date AND (r.valid_to IS NULL OR r.valid_to "
	    ">= current_date) FROM tax_rates r JOIN accounts sa ON sa.tenant_id "
	    "= r.tenant_id AND sa.id = r.sales_account_id JOIN accounts pa ON "
	    "pa.tenant_id = r.tenant_id AND pa.id = r.purchase_account_id WHERE "
	    "$1::uuid IS NULL OR r.id = $1::uuid ORDER BY r.code, r.valid_from",
	    1, p, tax_rate_keys);
	cJSON *o;
	cJSON_ArrayForEach(o, items) {
		int64_t ppm = 0;
		add_percent(o, ppm, ppm_of(o, "rate_ppm", &ppm));
	}
	return items;
}

cJSON *
tax_view_groups(struct ctx *c, const char *id)
{
	static const char *const keys[] = { "id", "code", "name",
	    "?inclusive", "?archived", "#position", "rate_code", "rate_name",
	    "#rate_ppm", NULL };
	const char *p[1] = { id };
	cJSON *flat = query_rows(c, "SELECT g.id, g.code, g.name, g.inclusive, "
	    "g.archived, k.position, k.rate_code, r.name, r.rate_ppm FROM "
	    "tax_groups g LEFT JOIN tax_group_components k ON k.tenant_id = "
	    "g.tenant_id AND k.group_id = g.id LEFT JOIN tax_rates r ON "
	    "r.tenant_id = k.tenant_id AND r.code = k.rate_code AND "
	    "r.valid_from <= current_date AND (r.valid_to IS NULL OR r.valid_to "
	    ">= current_date) WHERE $1::uuid IS NULL OR g.id = $1::uuid ORDER "
	    "BY g.code, k.position", 1, p, keys);
	if (flat == NULL)
		return NULL;
	cJSON *groups = cJSON_CreateArray(), *g = NULL, *row;
	int64_t total = 0;
	int complete = 1;
	cJSON_ArrayForEach(row, flat) {
		const char *gid = cJSON_GetObjectItem(row, "id")->valuestring;
		if (g == NULL || strcmp(gid, cJSON_GetObjectItem(g,
		    "id")->valuestring) != 0) {
			if (g) {
				add_percent(g, total, complete);
				cJSON_AddBoolToObject(g, "complete", complete);
			}
			g = cJSON_CreateObject();
			static const char *const copy[] = { "id", "code", "name",
			    "inclusive", "archived", NULL };
			for (int i = 0; copy[i]; i++)
				cJSON_AddItemToObject(g, copy[i], cJSON_Duplicate(
				    cJSON_GetObjectItem(row, copy[i]), 1));
			cJSON_AddArrayToObject(g, "components");
			cJSON_AddItemToArray(groups, g);
			total = 0;
			complete = 1;
		}
		if (cJSON_IsNull(cJSON_GetObjectItem(row, "rate_code")))
			continue;
		cJSON *k = cJSON_CreateObject();
		static const char *const kcopy[] = { "position", "rate_code",
		    "rate_name", "rate_ppm", NULL };
		for (int i = 0; kcopy[i]; i++)
			cJSON_AddItemToObject(k, kcopy[i], cJSON_Duplicate(
			    cJSON_GetObjectItem(row, kcopy[i]), 1));
		int64_t ppm = 0;
		int known = ppm_of(k, "rate_ppm", &ppm);
		add_percent(k, ppm, known);
		total += known ? ppm : 0;
		complete = complete && known;
		cJSON_AddItemToArray(cJSON_GetObjectItem(g, "components"), k);
	}
	if (g) {
		add_percent(g, total, complete);
		cJSON_AddBoolToObject(g, "complete", complete);
	}
	cJSON_Delete(flat);
	return groups;
}
