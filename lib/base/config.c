/* config.c: settings from defaults, a file and the environment. */
#include "base/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BURSAR_VERSION
#define BURSAR_VERSION "0.1.0"
#endif

static const char *const keys[] = {
	"database_url", "template_dir", "version", "env", "body_limit",
	"db_timeout", "secure_cookies", "signup", "secret",
	"login_ip_limit", "audit_archive_days", "smtp_relay", "mail_from",
	"base_url", "webhook_allow", "cron_database_url",
	"statement_timeout_ms", "lock_timeout_ms",
};

static int
set_str(char *dst, size_t len, const char *value)
{
	if (strlen(value) >= len)
		return -1;
	strcpy(dst, value);
	return 0;
}

/* set_size: a count with an optional K/M/G suffix, never negative. */
static int
set_size(size_t *dst, const char *value)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(value, &end, 10);
	if (errno || end == value || value[0] == '-')
		return -1;
	unsigned long long mul = 1;
	switch (toupper((unsigned char)*end)) {
	case 'K': mul = 1024ULL; end++; break;
	case 'M': mul = 1024ULL * 1024; end++; break;
	case 'G': mul = 1024ULL * 1024 * 1024; end++; break;
	}
	if (*end != '\0' || n > (unsigned long long)((size_t)-1) / mul)
		return -1;
	*dst = (size_t)(n * mul);
	return 0;
}

static int
set_int(int *dst, const char *value, int lo, int hi)
{
	char *end;
	errno = 0;
	long n = strtol(value, &end, 10);
	if (errno || end == value || *end != '\0' || n < lo || n > hi)
		return -1;
	*dst = (int)n;
	return 0;
}

int
config_set(config *c, const char *key, const char *value)
{
	if (strcmp(key, "webhook_allow") == 0)
		return set_str(c->webhook_allow, sizeof(c->webhook_allow),
		    value);
	if (strcmp(key, "cron_database_url") == 0)
		return set_str(c->cron_database_url,
		    sizeof(c->cron_database_url), value);
	if (strcmp(key, "statement_timeout_ms") == 0)
		return set_int(&c->statement_timeout_ms, value, 0, 3600000);
	if (strcmp(key, "lock_timeout_ms") == 0)
		return set_int(&c->lock_timeout_ms, value, 0, 3600000);
	if (strcmp(key, "database_url") == 0)
		return set_str(c->database_url, sizeof(c->database_url), value);
	if (strcmp(key, "template_dir") == 0)
		return set_str(c->template_dir, sizeof(c->template_dir), value);
	if (strcmp(key, "version") == 0)
		return set_str(c->version, sizeof(c->version), value);
	if (strcmp(key, "env") == 0) {
		if (strcmp(value, "dev") != 0 && strcmp(value, "prod") != 0)
			return -1;
		return set_str(c->env, sizeof(c->env), value);
	}
	if (strcmp(key, "body_limit") == 0)
		return set_size(&c->body_limit, value);
	if (strcmp(key, "db_timeout") == 0)
		return set_int(&c->db_timeout, value, 1, 60);
	if (strcmp(key, "secure_cookies") == 0)
		return set_int(&c->secure_cookies, value, 0, 1);
	if (strcmp(key, "signup") == 0)
		return set_int(&c->signup, value, 0, 1);
	if (strcmp(key, "smtp_relay") == 0)
		return set_str(c->smtp_relay, sizeof(c->smtp_relay), value);
	if (strcmp(key, "mail_from") == 0) {
		if (strpbrk(value, "\r\n<>") || !strchr(value, '@'))
			return -1;
		return set_str(c->mail_from, sizeof(c->mail_from), value);
	}
	if (strcmp(key, "base_url") == 0) {
		if (strncmp(value, "http://", 7) && strncmp(value, "https://", 8))
			return -1;
		return set_str(c->base_url, sizeof(c->base_url), value);
	}
	if (strcmp(key, "audit_archive_days") == 0)
		return set_int(&c->audit_archive_days, value, 0, 36500);
	if (strcmp(key, "login_ip_limit") == 0)
		return set_int(&c->login_ip_limit, value, 1, 100000);
	if (strcmp(key, "secret") == 0) {
		if (strlen(value) < 32)
			return -1;	/* too short to sign anything */
		return set_str(c->secret, sizeof(c->secret), value);
	}
	return -1;
}

static void
set_defaults(config *c)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->database_url,
	    "host=127.0.0.1 port=5432 dbname=bursar user=bursar_app");
	strcpy(c->template_dir, "templates");
	strcpy(c->version, BURSAR_VERSION);
	strcpy(c->env, "dev");
	c->body_limit = 10u * 1024 * 1024;
	c->db_timeout = 2;
	c->secure_cookies = 0;
	c->signup = 1;
	c->login_ip_limit = 50;
	c->audit_archive_days = 365;
	strcpy(c->smtp_relay, "127.0.0.1:2525");
	strcpy(c->mail_from, "bursar@localhost");
	strcpy(c->base_url, "http://127.0.0.1:8080");
	c->statement_timeout_ms = 5000;
	c->lock_timeout_ms = 2000;
}

static char *
trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
load_file(config *c, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char line[1024];
	int lineno = 0, rc = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *s = trim(line);
		if (*s == '\0')
			continue;
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			snprintf(err, errlen, "%s:%d: expected key = value",
			    path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		char *key = trim(s), *value = trim(eq + 1);
		if (config_set(c, key, value) < 0) {
			snprintf(err, errlen, "%s:%d: bad setting '%s'",
			    path, lineno, key);
			rc = -1;
			break;
		}
	}
	fclose(f);
	return rc;
}

const char *
config_cron_url(const config *c)
{
	return c->cron_database_url[0] ? c->cron_database_url :
	    c->database_url;
}

int
config_load(config *c, const char *path, char *err, size_t errlen)
{
	set_defaults(c);
	if (path != NULL && *path != '\0' &&
	    load_file(c, path, err, errlen) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char name[64] = "BURSAR_";
		for (size_t j = 0; keys[i][j] && j < 50; j++)
			name[7 + j] = (char)toupper((unsigned char)keys[i][j]);
		const char *v = getenv(name);
		if (v != NULL && config_set(c, keys[i], v) < 0) {
			snprintf(err, errlen, "%s: bad value", name);
			return -1;
		}
	}
	return 0;
}
