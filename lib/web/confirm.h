/* confirm.h: an irreversible action asks first.
 *
 * A page's button for such an action (void, cancel, reverse, close a
 * year, deactivate, revoke) posts to the action's route as before; the
 * handler calls confirm_given first, which lets the action go ahead only
 * when the form carries confirm=yes.  Otherwise nothing is done and the
 * confirmation page is drawn: what will happen, that it cannot be
 * undone, the same form again with confirm=yes behind a button styled
 * "danger", and a way back.  API calls are never asked: their clients
 * decide in code. */
#ifndef CONFIRM_H
#define CONFIRM_H

#include "web/app.h"

/* What the confirmation page says. */
typedef struct confirm_step {
	const char *title;	/* "Void invoice INV-0007?" */
	const char *what;	/* what will happen */
	const char *button;	/* "Void the invoice" */
	const char *back;	/* the page to go back to */
} confirm_step;

/* confirm_given: 1 when the action may go ahead (an API call, or a form
 * with confirm=yes); 0 with the confirmation page answered */
int confirm_given(ctx *c, const confirm_step *s);

#endif
