/* target.h: where a webhook may be sent.
 *
 * Only http and https, and never to the machine itself or its private
 * networks unless the configuration allows that address: a subscription's
 * URL is refused at save time when its host resolves to a refused
 * address, and the dispatcher checks again the address it actually
 * connects to (a name may resolve elsewhere by then). */
#ifndef TARGET_H
#define TARGET_H

#include <stddef.h>
#include <sys/socket.h>

/* target_address_ok: 1 when the socket address may be connected to: a
 * public unicast address, or one listed in allow (comma-separated
 * literal addresses, e.g. "127.0.0.1,::1"; NULL or "" allows none).
 * Refused: loopback, private (10/8, 172.16/12, 192.168/16, 100.64/10),
 * link-local (169.254/16, fe80::/10), unique-local (fc00::/7), multicast,
 * unspecified, broadcast, and IPv4-mapped forms of any of them. */
int target_address_ok(const struct sockaddr *sa, const char *allow);

/* target_url_check: 0 when url is an http or https URL whose host
 * resolves only to addresses target_address_ok accepts; otherwise -1
 * with why (a sentence for the person who typed it) in why. */
int target_url_check(const char *url, const char *allow, char *why,
    size_t whylen);

#endif
