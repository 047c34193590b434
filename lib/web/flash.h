/* flash.h: the one-time confirmation a page shows after a save.
 *
 * A form's POST that succeeds answers 303; the lifecycle (serve) then
 * sets a short-lived cookie holding a code named after the route
 * ("invoices.void"), and the next page drawn shows the code's message
 * once and deletes the cookie, so a reload shows nothing.  The cookie
 * carries a code, never text: a code not in the fixed table below shows
 * nothing, so no one can make a page say what they choose. */
#ifndef FLASH_H
#define FLASH_H

#include <stddef.h>

#define FLASH_COOKIE "bursar_flash"
#define FLASH_MAX_AGE 60	/* seconds: the redirect is followed at once */

/* flash_code: the code of a route pattern ("~/invoices/{id}/void" gives
 * "invoices.void", "/app/invoices/{id}" "invoices.save", "~/invoices"
 * "invoices.create"), written into out; NULL for the routes that say
 * nothing (signing in and out) or a pattern too long for out */
const char *flash_code(const char *pattern, char *out, size_t outlen);

/* flash_message: what code means to the person, NULL for a code that is
 * not in the table */
const char *flash_message(const char *code);

#endif
