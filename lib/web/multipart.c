/* multipart.c: a multipart/form-data parser over a body held in memory. */
#include "web/multipart.h"

#include <string.h>
#include <strings.h>

#include "web/form.h"
#include "base/utf8.h"

const char *
mp_strerror(int err)
{
	switch (err) {
	case MP_OK: return "ok";
	case MP_ENOBOUNDARY: return "multipart body has no boundary";
	case MP_EMALFORMED: return "multipart body is malformed";
	case MP_ETRUNCATED: return "multipart body is truncated";
	case MP_EUTF8: return "a multipart field is not valid UTF-8";
	case MP_ETOOMANY: return "too many multipart parts";
	default: return "multipart body is malformed";
	}
}

/* find_delim: the next delimiter line "--boundary" that starts the body or
 * follows a line break, from p; NULL when there is none.  *before is the
 * end of the preceding content (the line break excluded). */
static const char *
find_delim(const char *body, const char *p, const char *end,
    const char *delim, size_t dlen, const char **before)
{
	while (p < end && (size_t)(end - p) >= dlen) {
		const char *hit = memmem(p, (size_t)(end - p), delim, dlen);
		if (hit == NULL)
			return NULL;
		if (hit == body) {
			*before = hit;
			return hit;
		}
		if (hit[-1] == '\n') {
			*before = hit - 1;
			if (*before > body && (*before)[-1] == '\r')
				(*before)--;
			return hit;
		}
		p = hit + 1;
	}
	return NULL;
}

/* line_end: the end of the line at p (before CR LF or LF), or NULL. */
static const char *
line_end(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	if (nl == NULL)
		return NULL;
	*next = nl + 1;
	return nl > p && nl[-1] == '\r' ? nl - 1 : nl;
}

struct part {
	const char *name, *filename, *ctype;
};

static int
part_headers(arena *a, const char **pp, const char *end, struct part *pt)
{
	const char *p = *pp, *start = p, *next;
	memset(pt, 0, sizeof(*pt));
	for (;;) {
		const char *le = line_end(p, end, &next);
		if (le == NULL)
			return MP_ETRUNCATED;
		if (next - start > MP_MAX_HEADER)
			return MP_EMALFORMED;
		if (le == p)
			break;	/* the blank line ends the headers */
		char *line = arena_strndup(a, p, (size_t)(le - p));
		if (!utf8_valid(line, (size_t)(le - p)))
			return MP_EUTF8;
		char *colon = strchr(line, ':');
		if (colon == NULL)
			return MP_EMALFORMED;
		*colon = '\0';
		char *v = colon + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		if (strcasecmp(line, "Content-Disposition") == 0) {
			if (strncasecmp(v, "form-data", 9) != 0 ||
			    (v[9] != '\0' && v[9] != ';' && v[9] != ' '))
				return MP_EMALFORMED;
			pt->name = form_header_param(a, v, "name");
			pt->filename = form_header_param(a, v, "filename");
		} else if (strcasecmp(line, "Content-Type") == 0) {
			pt->ctype = v;
		}
		p = next;
	}
	*pp = next;
	if (pt->name == NULL || *pt->name == '\0')
		return MP_EMALFORMED;
	return MP_OK;
}

static void
add_file(arena *a, mp_files *files, const mp_file *f)
{
	files->items = arena_grow(a, files->items, files->n, &files->cap,
	    sizeof(*files->items));
	files->items[files->n++] = *f;
}

int
mp_parse(arena *a, const char *content_type, const char *body, size_t n,
    kv_list *fields, mp_files *files)
{
	const char *boundary = form_header_param(a, content_type, "boundary");
	if (boundary == NULL || *boundary == '\0' || strlen(boundary) > 70)
		return MP_ENOBOUNDARY;
	const char *delim = arena_printf(a, "--%s", boundary);
	size_t dlen = strlen(delim);
	const char *end = body + n, *before;
	const char *d = find_delim(body, body, end, delim, dlen, &before);
	if (d == NULL)
		return MP_EMALFORMED;
	size_t parts = 0;
	for (;;) {
		const char *p = d + dlen;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return MP_OK;	/* the close delimiter; epilogue ignored */
		if (end - p == 1 && p[0] == '-')
			return MP_ETRUNCATED;	/* cut inside "--" */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;	/* transport padding */
		if (p < end && *p == '\r')
			p++;
		if (p >= end)
			return MP_ETRUNCATED;
		if (*p != '\n')
			return MP_EMALFORMED;
		p++;
		if (++parts > MP_MAX_PARTS)
			return MP_ETOOMANY;
		struct part pt;
		int rc = part_headers(a, &p, end, &pt);
		if (rc != MP_OK)
			return rc;
		const char *next = find_delim(body, p, end, delim, dlen,
		    &before);
		if (next == NULL)
			return MP_ETRUNCATED;
		/* a part with no content may put its delimiter straight after
		 * the blank line, whose line break then belongs to the
		 * delimiter: before would fall behind p */
		if (before < p)
			before = p;
		size_t len = (size_t)(before - p);
		if (pt.filename != NULL) {
			if (!utf8_valid(pt.filename, strlen(pt.filename)))
				return MP_EUTF8;
			mp_file f = { pt.name, pt.filename,
			    pt.ctype ? pt.ctype : "application/octet-stream",
			    p, len };
			add_file(a, files, &f);
		} else {
			if (!utf8_valid(p, len))
				return MP_EUTF8;
			kv_add(a, fields, pt.name, arena_strndup(a, p, len),
			    len);
		}
		d = next;
	}
}
