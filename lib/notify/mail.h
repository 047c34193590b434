/* mail.h: outgoing email.  mail_queue adds a message inside the caller's
 * transaction; mail_send_due (the cron sender) delivers queued messages
 * over SMTP with libcurl to the configured relay. */
#ifndef MAIL_H
#define MAIL_H

#include "base/config.h"
#include "db/db.h"

struct ctx;

/* mail_queue: queues a plain-text message to one address for the
 * caller's tenant.  0, or -1 with the error response set. */
int mail_queue(struct ctx *c, const char *to, const char *subject,
    const char *body);

/* mail_smtp: sends one message now.  0, or -1 with err filled. */
int mail_smtp(const config *cfg, const char *to, const char *subject,
    const char *body, char *err, size_t errlen);

/* mail_send_due: sends up to n due messages; returns how many were sent,
 * or -1 when the queue could not be read. */
int mail_send_due(const config *cfg, db *d, int n);

#endif
