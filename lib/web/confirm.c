/* confirm.c: the confirmation step of an irreversible action (see
 * confirm.h). */
#include "web/confirm.h"

#include <string.h>

int
confirm_given(ctx *c, const confirm_step *s)
{
	if (c->api)
		return 1;
	const char *v = kv_get(&c->req.form, "confirm");
	if (v && strcmp(v, "yes") == 0)
		return 1;
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "title", s->title);
	cJSON_AddStringToObject(d, "what", s->what);
	cJSON_AddStringToObject(d, "button", s->button);
	cJSON_AddStringToObject(d, "back", s->back);
	cJSON_AddStringToObject(d, "action", c->req.path);
	/* the fields the first form sent (a date, a reason) go with the
	 * confirmed one, so what is confirmed is what was asked */
	cJSON *hidden = cJSON_AddArrayToObject(d, "fields");
	for (size_t i = 0; i < c->req.form.n; i++) {
		const char *name = c->req.form.items[i].name;
		if (strcmp(name, "csrf_token") == 0 || strcmp(name, "confirm") == 0)
			continue;
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "name", name);
		cJSON_AddStringToObject(f, "value", c->req.form.items[i].value);
		cJSON_AddItemToArray(hidden, f);
	}
	app_render(c, 200, "confirm.cs", s->title, d);
	return 0;
}
