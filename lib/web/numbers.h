/* numbers.h: amounts as the business writes them, on its pages and
 * forms: grouped its way (tenants.number_format: Indian, Western or
 * continental), typed back exactly.  The API and files keep the plain
 * form: for them (and before sign-in) every function here is the plain
 * money_format / money_parse. */
#ifndef NUMBERS_H
#define NUMBERS_H

#include <stdint.h>

#include "base/money.h"

struct ctx;

/* numbers_style: the caller's enum money_style (app_formats) */
enum money_style numbers_style(struct ctx *c);

/* numbers_money: minor units as the business writes them, in the arena */
const char *numbers_money(struct ctx *c, int64_t minor, int digits);

/* numbers_parse: an amount typed on a form, in the business's style
 * (grouping, its decimal mark); 0 or -1 as money_parse */
int numbers_parse(struct ctx *c, const char *text, int digits,
    int64_t *out);

/* numbers_hint: how an amount is typed in the business's style, "such as
 * 1,234.50" or "such as 1.234,50" (digits 0: "such as 1,234") */
const char *numbers_hint(struct ctx *c, int digits);

#endif
