/* tmpl.h: HTML pages through ClearSilver, escaped by default.
 *
 * Every page is templates/layout.cs with the page's own template included
 * in it.  The handler's data (a cJSON tree) appears as data.* in the
 * template; page settings (title, CSRF token, user) as Page.*, the menu
 * as Nav.*.  Every
 * <?cs var: ?> is HTML-escaped because Config.VarEscapeMode is set before
 * cs_init; raw output needs a visible uvar: in the template. */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>

#include <cJSON.h>

#include "base/buf.h"
#include "base/kv.h"

typedef struct tmpl_page {
	const char *layout;	/* "layout.cs" when NULL */
	const char *template;	/* the page's template, e.g. "home.cs" */
	const cJSON *data;	/* shown as data.*; may be NULL */
	const kv_list *vars;	/* shown as Page.<name>; names from code only */
	const cJSON *nav;	/* the menu (web/nav), shown as Nav.*; may be NULL */
} tmpl_page;

/* tmpl_render: renders p from the templates in dir, appending to out.
 * Returns 0, or -1 with a message in err (missing template, syntax error,
 * output past out's cap). */
int tmpl_render(const char *dir, const tmpl_page *p, buf *out, char *err,
    size_t errlen);

#endif
