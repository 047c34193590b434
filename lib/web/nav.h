/* nav.h: the menu every signed-in page carries.
 *
 * One table (nav.c) lists every page a person reaches from the menu:
 * its section, its label, its address and the permission that opens it.
 * A capability that lands adds its lines there and nowhere else.  The
 * layout shows it as Nav.* (see templates/partials/header.cs); only the
 * entries the caller's permissions open are shown, and the entry (and
 * section) of the page being drawn is marked current. */
#ifndef NAV_H
#define NAV_H

#include <stddef.h>

#include <cJSON.h>

typedef struct nav_item {
	const char *section;	/* "Sales", in the order sections first appear */
	const char *label;
	const char *href;	/* a path, maybe with a query: "/app/payments?direction=in" */
	const char *perm;	/* "sales.read", or alternatives "a|b" */
} nav_item;

extern const nav_item nav_items[];
extern const size_t nav_count;

/* nav_can: 1 when perms (",a,b,") holds want, or one of its "a|b"
 * alternatives. */
int nav_can(const char *perms, const char *want);

/* nav_menu: [{"name","current","items":[{"label","href","current"}]}]
 * for perms, the page at path with raw_query marked; sections with no
 * entry the caller may open are left out.  The caller deletes it. */
cJSON *nav_menu(const char *perms, const char *path, const char *raw_query);

#endif
