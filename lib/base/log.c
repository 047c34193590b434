/* log.c: JSON lines on stderr; the supervisor sends stderr to a log file. */
#include "base/log.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"

static const char *program = "bursar";

void
log_set_program(const char *name)
{
	program = name;
}

/* put_json_str: a JSON string literal; control bytes and quotes escaped so
 * a hostile path cannot forge a second log line. */
static void
put_json_str(buf *b, const char *s)
{
	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}

static void
put_time(buf *b)
{
	struct timespec ts;
	struct tm tm;
	char t[32];
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%S", &tm);
	buf_printf(b, "{\"time\":\"%s.%03ldZ\",\"program\":", t,
	    ts.tv_nsec / 1000000);
	put_json_str(b, program);
}

static void
emit(buf *b)
{
	buf_putc(b, '\n');
	fwrite(b->data, 1, b->len, stderr);
	fflush(stderr);
	buf_free(b);
}

void
log_request_line(const log_request *r)
{
	buf b = BUF_INIT(8192);
	put_time(&b);
	buf_puts(&b, ",\"request_id\":");
	put_json_str(&b, r->request_id);
	buf_puts(&b, ",\"method\":");
	put_json_str(&b, r->method);
	buf_puts(&b, ",\"path\":");
	put_json_str(&b, r->path);
	buf_printf(&b, ",\"status\":%d,\"duration_us\":%ld,\"tenant\":",
	    r->status, r->duration_us);
	put_json_str(&b, r->tenant);
	buf_puts(&b, ",\"user\":");
	put_json_str(&b, r->user);
	buf_putc(&b, '}');
	emit(&b);
}

void
log_event(const char *level, const char *msg)
{
	buf b = BUF_INIT(8192);
	put_time(&b);
	buf_puts(&b, ",\"level\":");
	put_json_str(&b, level);
	buf_puts(&b, ",\"msg\":");
	put_json_str(&b, msg);
	buf_putc(&b, '}');
	emit(&b);
}
