/* search.h: the menu's search box: customers, suppliers, products,
 * orders, invoices (and credit notes) and bills found by name, code or
 * number, case-insensitive, anywhere in the text (a match at the start
 * first).  A kind the caller's role may not read is never searched; rows
 * come through row-level security, so another business's (and a branch
 * the user is not in) never appear. */
#ifndef SEARCH_H
#define SEARCH_H

#include <cJSON.h>

struct ctx;

#define SEARCH_MAX_CHARS 100
#define SEARCH_PER_KIND 10

/* search_find: {"q", "kinds": [{"kind", "title", "items": [{"id",
 * "code", "name", "href"}]}]}, a kind listed only when it found a row.
 * q NULL: no search (the page's empty form; 422 under /api).  NULL on
 * error, with the response set.  The caller deletes it. */
cJSON *search_find(struct ctx *c, const char *q);

#endif
