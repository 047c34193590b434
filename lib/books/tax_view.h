/* tax_view.h: the tax rates and groups as the set-up shows them: every
 * version of every rate with its percentage, dates and accounts, and
 * whether it is in force today; each group with its components in order,
 * the rate of each in force today and their total ("complete" false when
 * a component has no rate today).  Percentages are exact text ("2.5")
 * beside the exact rate_ppm.  The accounts program answers with these;
 * a report of the tax set-up reads the same.
 *
 * Each returns a new array (the caller frees it), or NULL with the
 * response set; id (a UUID, or NULL for all) narrows it to one. */
#ifndef TAX_VIEW_H
#define TAX_VIEW_H

#include <cJSON.h>

struct ctx;

/* tax_view_rates: [{id, code, name, rate_ppm, rate, valid_from,
 * valid_to, sales_account, purchase_account, in_force}] by code, date */
cJSON *tax_view_rates(struct ctx *c, const char *id);

/* tax_view_groups: [{id, code, name, inclusive, archived, components:
 * [{position, rate_code, rate_name, rate_ppm, rate}], rate, complete}]
 * by code */
cJSON *tax_view_groups(struct ctx *c, const char *id);

#endif
