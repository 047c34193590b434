/* multipart.h: multipart/form-data bodies (RFC 7578), for file uploads.
 *
 * Text fields join the request's kv list (copied, NUL-terminated, checked
 * to be UTF-8); files are described by pointers into the body, which must
 * outlive them, and are binary-safe. */
#ifndef MULTIPART_H
#define MULTIPART_H

#include <stddef.h>

#include "base/arena.h"
#include "base/kv.h"

#define MP_MAX_PARTS 1000
#define MP_MAX_HEADER 8192	/* bytes of headers in one part */

typedef struct mp_file {
	const char *field;	/* the form field's name */
	const char *filename;	/* as the client sent it; never a path to use */
	const char *content_type;	/* "application/octet-stream" if absent */
	const char *data;	/* into the body */
	size_t len;
} mp_file;

typedef struct mp_files {
	mp_file *items;
	size_t n, cap;
} mp_files;

enum mp_err {
	MP_OK = 0,
	MP_ENOBOUNDARY,	/* no usable boundary parameter */
	MP_EMALFORMED,	/* no delimiter, bad part headers */
	MP_ETRUNCATED,	/* the closing delimiter never came */
	MP_EUTF8,	/* a text field or name is not UTF-8 */
	MP_ETOOMANY,	/* more than MP_MAX_PARTS parts */
};

/* mp_strerror: a message for the client. */
const char *mp_strerror(int err);

/* mp_parse: parses body by the boundary of content_type.  MP_OK, or an
 * error with fields and files partly filled (discard them). */
int mp_parse(arena *a, const char *content_type, const char *body, size_t n,
    kv_list *fields, mp_files *files);

#endif
