/* password.c: Argon2id via libargon2, the policy via cracklib. */
#include "identity/password.h"

#include <ctype.h>
#include <malloc.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include <argon2.h>
#include <crack.h>

#include "base/utf8.h"

/* give_memory_back: Argon2's working memory (19 MiB) goes back to the
 * system after each hash.  glibc raises its mmap threshold to the size of
 * the first large block freed, so from the second hash on that memory
 * would come from the heap and stay with the worker (21 MB a worker, on
 * a Pi); a fixed threshold keeps such blocks mmapped and unmapped on free. */
static void
give_memory_back(void)
{
	static int done;
	if (!done) {
		mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
		done = 1;
	}
}

int
password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	give_memory_back();
	unsigned char salt[16];
	if (getrandom(salt, sizeof(salt), 0) != (ssize_t)sizeof(salt))
		return -1;
	return argon2id_hash_encoded(PASSWORD_T_COST, PASSWORD_M_COST,
	    PASSWORD_LANES, pw, strlen(pw), salt, sizeof(salt), 32, out,
	    PASSWORD_HASH_MAX) == ARGON2_OK ? 0 : -1;
}

/* A hash of a password nobody knows, with today's parameters: verifying
 * against it costs exactly what a real verification costs. */
static const char dummy[] = "$argon2id$v=19$m=19456,t=2,p=1$"
    "c29tZXNhbHRzb21lc2FsdA$"
    "IIteWCE7XupKBO18IEizYLQkqm8eVmBIFbJAVDYJ5s0";

int
password_verify(const char *encoded, const char *pw)
{
	give_memory_back();
	if (encoded == NULL || *encoded == '\0') {
		argon2id_verify(dummy, pw, strlen(pw));
		return 0;
	}
	return argon2id_verify(encoded, pw, strlen(pw)) == ARGON2_OK;
}

const char *
password_policy(const char *pw, const char *email)
{
	size_t n = strlen(pw);
	if (!utf8_valid(pw, n))
		return "the password is not valid text";
	if (n < PASSWORD_MIN)
		return "use at least 8 characters";
	if (n > PASSWORD_MAX)
		return "use at most 256 characters";
	int lower = 0, upper = 0, digit = 0, other = 0;
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if (islower(*p))
			lower = 1;
		else if (isupper(*p))
			upper = 1;
		else if (isdigit(*p))
			digit = 1;
		else
			other = 1;
	}
	if (lower + upper + digit + other < 3)
		return "mix at least three of: lower case, upper case, digits, "
		    "other characters";
	if (email != NULL) {
		size_t local = strcspn(email, "@");
		if (local >= 4 && strncasecmp(pw, email, local) == 0)
			return "do not use your email address as your password";
	}
	const char *why = FascistCheck(pw, PASSWORD_DICT);
	if (why != NULL)
		return "this password is too easy to guess (it is based on a "
		    "dictionary word or a common pattern)";
	return NULL;
}
