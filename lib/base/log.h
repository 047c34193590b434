/* log.h: structured logging, one JSON object per line on stderr. */
#ifndef LOG_H
#define LOG_H

#include <stddef.h>

/* log_request: the access line written after every response. */
typedef struct log_request {
	const char *request_id, *method, *path;
	int status;
	long duration_us;
	const char *tenant, *user;	/* NULL when not signed in */
} log_request;

void log_request_line(const log_request *r);

/* log_event: one line with a level ("info", "warn", "error"), the program's
 * name and a message. */
void log_event(const char *level, const char *msg);
void log_set_program(const char *name);

#endif
