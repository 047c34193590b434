/* password.h: password hashing (Argon2id) and the password policy.
 *
 * Parameters, chosen for a Raspberry Pi 4 (4 cores, 1.5 GHz, 2-8 GB): the
 * OWASP baseline for Argon2id, m = 19 MiB, t = 2, p = 1.  On the 2-core
 * x86 build machine one hash takes 40-50 ms (the unit test prints it); a
 * Pi 4 takes roughly three times that: slow enough to make offline
 * guessing costly, fast enough that a sign-in does not queue, and 19 MiB
 * per concurrent sign-in fits a Pi's memory.  The encoded hash records its
 * parameters, so raising them later only affects new hashes. */
#ifndef PASSWORD_H
#define PASSWORD_H

#include <stddef.h>

#define PASSWORD_T_COST 2
#define PASSWORD_M_COST (19 * 1024)	/* KiB */
#define PASSWORD_LANES 1
#define PASSWORD_HASH_MAX 128		/* room for an encoded hash */
#define PASSWORD_MIN 8
#define PASSWORD_MAX 256
#define PASSWORD_DICT "/var/cache/cracklib/cracklib_dict"

/* password_hash: the encoded Argon2id hash of pw with a fresh salt, in
 * out (PASSWORD_HASH_MAX bytes).  0, or -1 on failure. */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);

/* password_verify: 1 when pw matches encoded, 0 otherwise (including a
 * malformed hash).  With encoded NULL it still spends the time of one
 * verification and answers 0, so an unknown account costs what a wrong
 * password costs. */
int password_verify(const char *encoded, const char *pw);

/* password_policy: NULL when pw is acceptable, otherwise why not, for
 * the user: at least PASSWORD_MIN characters, three of the four classes
 * (lower, upper, digit, other), not the email's local part, and not a
 * word cracklib's dictionary knows (or a simple variation of one). */
const char *password_policy(const char *pw, const char *email);

#endif
