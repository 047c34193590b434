/* books_setup.h: the rules of setting up the books: the chart of accounts,
 * financial years and periods, exchange rates, tax rates and groups, and
 * the book settings.
 *
 * The text validators are pure.  The changes run in the caller's open
 * transaction, scoped to its tenant, each under a savepoint: when the
 * database refuses one of them (a broken rule: an overlapping year, a
 * period of a closed year, a cycle in the tree), the change is undone, the
 * database's message is put in fields, and the transaction stays usable
 * so the caller can draw the form again.  Every change is audited with its
 * before and after. */
#ifndef BOOKS_SETUP_H
#define BOOKS_SETUP_H

#include <stdint.h>

#include <cJSON.h>

#include "base/buf.h"

struct ctx;

#define BOOKS_ID_LEN 37	/* a UUID and its NUL */

enum books_result {
	BOOKS_OK,
	BOOKS_NOT_FOUND,	/* no such record in this tenant */
	BOOKS_INVALID,		/* refused; fields say why */
	BOOKS_ERROR,		/* the response is already set */
};

/* books_rate_ok: 1 when text is an exchange rate as the database keeps
 * it: a positive decimal, 1 to 14 integer digits and at most 10
 * fractional digits ("83.1234"); 0 otherwise.  Rates are never parsed
 * into a number here: the text goes to SQL as it is. */
int books_rate_ok(const char *text);

/* An account as typed.  type may be empty under a parent (the parent's
 * type is taken); parent is a group's code, or empty for the top level. */
typedef struct books_account_in {
	const char *code, *name, *type, *parent, *is_group;
} books_account_in;

/* books_account_create: a new account; its id into id. */
int books_account_create(struct ctx *c, const books_account_in *in,
    cJSON *fields, char id[BOOKS_ID_LEN]);

/* books_account_update: renames (name non-NULL) and/or moves (parent
 * non-NULL: a group of the account's type, or "" for the top level) an
 * account.  The code and type stay. */
int books_account_update(struct ctx *c, const char *id, const char *name,
    const char *parent, cJSON *fields);

/* books_account_archive: archives (archived 1) or unarchives an account.
 * An account the other modules post to by role, or a group with accounts
 * still open under it, stays open; an account under an archived group
 * stays archived. */
int books_account_archive(struct ctx *c, const char *id, int archived,
    cJSON *fields);

/* books_year_open: a financial year of twelve monthly periods from start
 * (the first of a month); its id into id. */
int books_year_open(struct ctx *c, const char *start, cJSON *fields,
    char id[BOOKS_ID_LEN]);

/* books_year_close: the year-end close (lib/ledger); the closing entry's
 * id into entry ("" when nothing had to move).  A closed last period is
 * reopened for the closing entry within the same transaction. */
int books_year_close(struct ctx *c, const char *year_id, cJSON *fields,
    char entry[BOOKS_ID_LEN]);

/* books_period_set: closes (closed 1) or reopens a period. */
int books_period_set(struct ctx *c, const char *period_id, int closed,
    cJSON *fields);

/* books_rate_save: the exchange rate of currency (not the base currency)
 * on date, replacing one already there; *created says which. */
int books_rate_save(struct ctx *c, const char *currency, const char *date,
    const char *rate, cJSON *fields, int *created);

/* books_rate_delete: removes the rate of currency on date. */
int books_rate_delete(struct ctx *c, const char *currency, const char *date);

/* A tax rate as typed: rate is a percentage ("2.5"); valid_from empty
 * means since always, valid_to empty means until further notice; the
 * accounts are codes of postable asset or liability accounts. */
typedef struct books_tax_rate_in {
	const char *code, *name, *rate, *valid_from, *valid_to;
	const char *sales_account, *purchase_account;
} books_tax_rate_in;

/* books_tax_rate_create: a tax rate, or a new version of one (same code,
 * later dates).  Versions of a code never overlap; a new version ends
 * the open-ended version before it on the day before its valid_from. */
int books_tax_rate_create(struct ctx *c, const books_tax_rate_in *in,
    cJSON *fields, char id[BOOKS_ID_LEN]);

/* A tax group as typed: components is a comma list of rate codes, in
 * order (one to four). */
typedef struct books_tax_group_in {
	const char *code, *name, *inclusive, *components;
} books_tax_group_in;

/* books_tax_group_create: a new tax group; its id into id. */
int books_tax_group_create(struct ctx *c, const books_tax_group_in *in,
    cJSON *fields, char id[BOOKS_ID_LEN]);

/* books_tax_group_update: the group with id renamed, its prices
 * inclusive or not, and its components replaced by the list typed; a NULL
 * member of in stays as it is (code cannot change: documents name it). */
int books_tax_group_update(struct ctx *c, const char *id,
    const books_tax_group_in *in, cJSON *fields);

/* books_tax_group_archive: the group archived (no new line may choose
 * it: tax_components() finds nothing) or back in use. */
int books_tax_group_archive(struct ctx *c, const char *id, int archived);

/* books_settings_save: tax_rounding ("line" or "document") and
 * year_start_month ("1" to "12"); a NULL one stays as it is. */
int books_settings_save(struct ctx *c, const char *tax_rounding,
    const char *year_start_month, cJSON *fields);

#endif
