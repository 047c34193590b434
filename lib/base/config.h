/* config.h: Bursar's settings, from one file plus environment overrides.
 *
 * The file holds `key = value` lines ('#' starts a comment).  Every key can
 * be overridden by the environment variable BURSAR_<KEY> (upper case), and
 * every key has a development default, so a program runs with no file at
 * all.  The file is named by BURSAR_CONFIG (default: none). */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

typedef struct config {
	char database_url[512];	/* libpq conninfo of the application role */
	char template_dir[512];	/* where the ClearSilver templates live */
	char version[64];	/* reported by /healthz */
	char env[16];		/* "dev" or "prod" */
	size_t body_limit;	/* request bodies past this get 413 */
	int db_timeout;		/* seconds to wait for PostgreSQL */
	int secure_cookies;	/* 1: cookies carry Secure (behind TLS) */
	int signup;		/* 1: anyone may create a tenant */
	char secret[128];	/* signs access tokens; at least 32 bytes */
	int login_ip_limit;	/* failed sign-ins per address per 15 min */
	int audit_archive_days;	/* audit entries older than this are archived */
	char smtp_relay[256];	/* host:port of the SMTP relay */
	char mail_from[256];	/* the From address of Bursar's mail */
	char base_url[256];	/* where users reach Bursar, for mailed links */
	/* addresses webhooks may reach although internal ("127.0.0.1");
	 * empty on an installed system: none */
	char webhook_allow[256];
	/* libpq conninfo of the cron programs' role (bursar_cron), which
	 * holds the maintenance functions the web's role may not run; empty:
	 * database_url */
	char cron_database_url[512];
	/* what one statement of a web request may take, and how long it may
	 * wait for a lock, in ms (0: no limit); past either the request gets
	 * 503 with Retry-After */
	int statement_timeout_ms;
	int lock_timeout_ms;
} config;

/* config_load: fills c from defaults, then the file, then the environment.
 * Returns 0, or -1 with a message in err (the file is unreadable or a line
 * is malformed or names an unknown key). */
int config_load(config *c, const char *path, char *err, size_t errlen);

/* config_cron_url: the conninfo a cron program or the mail sender
 * connects with: cron_database_url, or database_url when that is empty
 * (then the maintenance functions refuse it).  Points into c. */
const char *config_cron_url(const config *c);

/* config_set: sets one key from text; 0, or -1 for an unknown key or a bad
 * value.  Used by config_load and by tests. */
int config_set(config *c, const char *key, const char *value);

#endif
