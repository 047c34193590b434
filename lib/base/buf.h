/* buf.h: the one growable byte buffer, with a size cap.
 *
 * Every append either fits under the cap or fails with -1 and leaves the
 * buffer as it was; the contents are always NUL-terminated.  The memory is
 * malloc'd and owned by the buffer until buf_detach() hands it on. */
#ifndef BUF_H
#define BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
	char *data;	/* NUL-terminated; NULL until the first append */
	size_t len;	/* bytes used, not counting the NUL */
	size_t cap;	/* bytes allocated */
	size_t max;	/* appends past this many bytes fail */
} buf;

#define BUF_INIT(max_) { NULL, 0, 0, (max_) }

void buf_init(buf *b, size_t max);
/* buf_append, buf_puts, buf_putc, buf_printf: 0, or -1 past the cap. */
int buf_append(buf *b, const void *p, size_t n);
int buf_puts(buf *b, const char *s);
int buf_putc(buf *b, char c);
int buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(buf *b, const char *fmt, va_list ap);
/* buf_str: the contents, "" when empty; valid until the next append. */
const char *buf_str(const buf *b);
/* buf_truncate: drops everything past len bytes. */
void buf_truncate(buf *b, size_t len);
/* buf_detach: the caller now owns the (malloc'd) contents; b is emptied. */
char *buf_detach(buf *b);
void buf_free(buf *b);

#endif
