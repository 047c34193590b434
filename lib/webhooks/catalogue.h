/* catalogue.h: the event types Bursar emits, each with what it means and
 * an example of its payload (the "data" of a delivery).  A subscription
 * may name only these (or "*"); GET /api/v1/webhooks/event-types lists
 * them.  Every capability that emits a new type adds it here. */
#ifndef CATALOGUE_H
#define CATALOGUE_H

#include <stddef.h>

typedef struct catalogue_type {
	const char *type;		/* "order.placed" */
	const char *description;
	const char *example;		/* the payload, as JSON text */
} catalogue_type;

/* catalogue_types: the catalogue, in order; its length into *n */
const catalogue_type *catalogue_types(size_t *n);

/* catalogue_find: the entry of type, or NULL when Bursar emits no such
 * event */
const catalogue_type *catalogue_find(const char *type);

#endif
