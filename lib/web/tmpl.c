/* tmpl.c: ClearSilver rendering with HTML escaping on. */
#include "web/tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "web/words.h"

/* HDF names are also its settings namespace (Config.*, hdf.loadpaths.*), so
 * only plain identifiers from the data become names. */
static int
name_ok(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static NEOERR *
put_json(HDF *hdf, const char *name, const cJSON *v)
{
	NEOERR *err = STATUS_OK;
	char child[512];
	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		int i = 0;
		/* an empty collection still exists, so <?cs if:?> can test it */
		if (v->child == NULL)
			return hdf_set_value(hdf, name, "");
		for (const cJSON *c = v->child; c && err == STATUS_OK;
		    c = c->next, i++) {
			int n;
			if (cJSON_IsArray(v))
				n = snprintf(child, sizeof(child), "%s.%d",
				    name, i);
			else if (name_ok(c->string))
				n = snprintf(child, sizeof(child), "%s.%s",
				    name, c->string);
			else
				continue;
			if (n < 0 || (size_t)n >= sizeof(child))
				continue;
			err = put_json(hdf, child, c);
		}
		return err;
	}
	if (cJSON_IsString(v) || cJSON_IsRaw(v))	/* raw: api_int */
		return hdf_set_value(hdf, name, v->valuestring);
	if (cJSON_IsBool(v))
		return hdf_set_value(hdf, name, cJSON_IsTrue(v) ? "1" : "0");
	if (cJSON_IsNumber(v)) {
		/* exact up to 15 digits; larger integers come as api_int */
		char *s = cJSON_PrintUnformatted(v);
		if (s == NULL)
			return nerr_raise(NERR_NOMEM, "number");
		err = hdf_set_value(hdf, name, s);
		cJSON_free(s);
		return err;
	}
	return STATUS_OK;	/* null: absent, renders as "" */
}

/* words(code): a status or code in words (lib/web/words) */
static NEOERR *
cs_words(const char *in, char **out)
{
	buf scratch = BUF_INIT(256);
	*out = strdup(words_code(in, &scratch));
	buf_free(&scratch);
	return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "words");
}

/* date(text): an ISO date or timestamp in the business's format, which
 * the page carries as Page.date_format */
static NEOERR *
cs_date(CSPARSE *parse, CS_FUNCTION *csf, CSARG *args, CSARG *result)
{
	(void)csf;
	char *s = NULL;
	result->op_type = CS_TYPE_STRING;
	result->s = "";
	NEOERR *err = cs_arg_parse(parse, args, "s", &s);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (s == NULL)
		return STATUS_OK;
	buf b = BUF_INIT(256);
	words_date(&b, s, hdf_get_value(parse->hdf, "Page.date_format", NULL));
	free(s);
	result->s = strdup(buf_str(&b));
	buf_free(&b);
	if (result->s == NULL) {
		result->s = "";
		return nerr_raise(NERR_NOMEM, "date");
	}
	result->alloc = 1;
	return STATUS_OK;
}

static NEOERR *
render_out(void *ctx, char *s)
{
	if (buf_puts(ctx, s) < 0)
		return nerr_raise(NERR_NOMEM, "page larger than the cap");
	return STATUS_OK;
}

int
tmpl_render(const char *dir, const tmpl_page *p, buf *out, char *err,
    size_t errlen)
{
	HDF *hdf = NULL;
	CSPARSE *cs = NULL;
	NEOERR *e;

	e = hdf_init(&hdf);
	/* must precede cs_init, or it silently has no effect */
	if (e == STATUS_OK)
		e = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	if (e == STATUS_OK)
		e = hdf_set_value(hdf, "hdf.loadpaths.0", dir);
	/* ClearSilver's include of a missing file renders nothing, silently:
	 * find the page's template first */
	char found[1024];
	if (e == STATUS_OK)
		e = hdf_search_path(hdf, p->template, found);
	if (e == STATUS_OK)
		e = hdf_set_value(hdf, "Page.template", p->template);
	for (size_t i = 0; p->vars && i < p->vars->n && e == STATUS_OK; i++) {
		char name[128];
		if (!name_ok(p->vars->items[i].name))
			continue;
		snprintf(name, sizeof(name), "Page.%s", p->vars->items[i].name);
		e = hdf_set_value(hdf, name, p->vars->items[i].value);
	}
	if (e == STATUS_OK && p->data)
		e = put_json(hdf, "data", p->data);
	if (e == STATUS_OK && p->nav)
		e = put_json(hdf, "Nav", p->nav);
	if (e == STATUS_OK)
		e = cs_init(&cs, hdf);
	/* url_escape() and the other escapes: without them a template that
	 * names one fails to render (a 500) */
	if (e == STATUS_OK)
		e = cgi_register_strfuncs(cs);
	if (e == STATUS_OK)
		e = cs_register_strfunc(cs, "words", cs_words);
	if (e == STATUS_OK)
		e = cs_register_function(cs, "date", 1, cs_date);
	if (e == STATUS_OK)
		e = cs_parse_file(cs, p->layout ? p->layout : "layout.cs");
	if (e == STATUS_OK)
		e = cs_render(cs, out, render_out);

	int rc = 0;
	if (e != STATUS_OK) {
		STRING s;
		string_init(&s);
		nerr_error_string(e, &s);
		snprintf(err, errlen, "%s", s.buf ? s.buf : "template error");
		string_clear(&s);
		nerr_ignore(&e);
		rc = -1;
	}
	cs_destroy(&cs);
	hdf_destroy(&hdf);
	return rc;
}
