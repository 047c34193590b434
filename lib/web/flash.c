/* flash.c: route codes and their fixed messages (see flash.h). */
#include "web/flash.h"

#include <string.h>

/* the codes with their own words; any other code falls back to its
 * verb's (the part after the last dot) and then to "Saved." */
static const char *const words[][2] = {
	{ "invoices.create", "The invoice was saved." },
	{ "invoices.save", "The draft invoice was saved." },
	{ "invoices.delete", "The draft invoice was deleted." },
	{ "invoices.issue", "The invoice was issued." },
	{ "invoices.void", "The invoice was voided: its entry is reversed." },
	{ "invoices.credit-notes", "The credit note was issued." },
	{ "orders.create", "The order was saved." },
	{ "orders.save", "The order was saved." },
	{ "orders.place", "The order was placed: its stock is reserved." },
	{ "orders.ship", "The order was shipped." },
	{ "orders.complete", "The order was marked completed." },
	{ "orders.cancel", "The order was cancelled." },
	{ "bills.create", "The bill was saved." },
	{ "bills.receive", "The bill was received." },
	{ "bills.void", "The bill was voided." },
	{ "payments.create", "The payment was recorded." },
	{ "payments.allocate", "The payment was allocated." },
	{ "payments.refund", "The refund was recorded." },
	{ "journal.create", "The journal entry was posted." },
	{ "journal.reverse", "The journal entry was reversed." },
	{ "years.create", "The financial year was opened." },
	{ "years.close", "The financial year was closed." },
	{ "periods.close", "The period was closed." },
	{ "periods.reopen", "The period was reopened." },
	{ "users.deactivate", "The user was deactivated." },
	{ "users.activate", "The user was activated." },
	{ "users.role", "The user's role was changed." },
	{ "users.invite", "The invitation was sent." },
	{ "api-keys.revoke", "The API key was revoked." },
	{ "customers.create", "The customer was saved." },
	{ "suppliers.create", "The supplier was saved." },
	{ "products.create", "The product was saved." },
	{ "password.create", "Your password was changed." },
	{ "webhooks.create", "The webhook was saved." },
	{ "webhooks.save", "The webhook was saved." },
	{ "webhooks.test", "A test delivery (webhook.test) is on its way." },
	{ "webhooks.replay", "The failed deliveries are being sent again." },
	/* a verb on its own: any resource */
	{ "create", "Saved." },
	{ "save", "Saved." },
	{ "delete", "Deleted." },
	{ "archive", "Archived." },
	{ "unarchive", "Restored from the archive." },
	{ "close", "Closed." },
	{ "reopen", "Reopened." },
	{ "revoke", "Revoked." },
	{ "test", "The test was sent." },
	{ "retry", "Queued to be sent again." },
	{ "replay", "Queued to be sent again." },
	{ "rotate-secret", "The secret was rotated." },
};

/* the routes whose redirect is not a save */
static const char *const silent[] = { "login", "logout", "signup",
    "password.forgot", "password.reset", "invite.accept", NULL };

static const char *
lookup(const char *code)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i][0], code) == 0)
			return words[i][1];
	return NULL;
}

const char *
flash_code(const char *pattern, char *out, size_t outlen)
{
	const char *p = pattern;
	if (*p == '~')
		p++;
	if (strncmp(p, "/app", 4) == 0 && (p[4] == '/' || p[4] == '\0'))
		p += 4;
	else if (strncmp(p, "/api/v1", 7) == 0)
		p += 7;
	/* the resource is the first segment, the verb the last one that is
	 * not a parameter; a pattern ending in a parameter saves it */
	size_t n;
	const char *first = NULL, *verb = NULL;
	size_t first_len = 0, verb_len = 0;
	int ends_param = 0, segs = 0;
	while (*p) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		size_t len = strcspn(p, "/");
		segs++;
		ends_param = *p == '{';
		if (!ends_param) {
			if (first == NULL) {
				first = p;
				first_len = len;
			} else {
				verb = p;
				verb_len = len;
			}
		}
		p += len;
	}
	if (first == NULL)
		return NULL;
	const char *v = ends_param ? "save" : verb ? NULL : "create";
	size_t vl = v ? strlen(v) : verb_len;
	if (first_len + 1 + vl + 1 > outlen)
		return NULL;
	memcpy(out, first, first_len);
	n = first_len;
	if (segs == 1 && !ends_param) {
		out[n] = '\0';
		for (int i = 0; silent[i]; i++)
			if (strcmp(silent[i], out) == 0)
				return NULL;
	}
	out[n++] = '.';
	memcpy(out + n, v ? v : verb, vl);
	n += vl;
	out[n] = '\0';
	for (int i = 0; silent[i]; i++)
		if (strcmp(silent[i], out) == 0)
			return NULL;
	return out;
}

const char *
flash_message(const char *code)
{
	if (code == NULL || *code == '\0')
		return NULL;
	const char *m = lookup(code);
	if (m)
		return m;
	const char *dot = strrchr(code, '.');
	if (dot == NULL)
		return NULL;
	/* only a code flash_code could make reaches the fallback: letters,
	 * digits, '-', '_' and one dot */
	for (const char *q = code; *q; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') ||
		    *q == '-' || *q == '_' || *q == '.'))
			return NULL;
	if (strchr(code, '.') != dot)
		return NULL;
	m = lookup(dot + 1);
	return m ? m : "Saved.";
}
