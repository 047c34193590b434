/* numbers.c: the business's amounts on pages and forms. */
#include "web/numbers.h"

#include "web/app.h"

enum money_style
numbers_style(struct ctx *c)
{
	app_formats(c);
	return (enum money_style)c->numbers;
}

const char *
numbers_money(struct ctx *c, int64_t minor, int digits)
{
	buf b = BUF_INIT(64);
	money_format_grouped(&b, minor, digits, numbers_style(c));
	const char *s = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return s;
}

int
numbers_parse(struct ctx *c, const char *text, int digits, int64_t *out)
{
	return money_parse_typed(text, digits, numbers_style(c), out);
}

const char *
numbers_hint(struct ctx *c, int digits)
{
	if (numbers_style(c) == MONEY_PLAIN)
		return digits ? "such as 1234.50" : "such as 1234";
	return arena_printf(c->a, "such as %s", numbers_money(c, digits ?
	    123450 : 1234, digits ? 2 : 0));
}
