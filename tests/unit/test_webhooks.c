/* test_webhooks.c: Standard Webhooks signatures against the published
 * vectors (tests/unit/data, from the spec's and svix's test suites), new
 * secrets, and the SSRF address rules. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "webhooks/sign.h"
#include "webhooks/target.h"
#include "unit.h"

static cJSON *
vectors(void)
{
	FILE *f = fopen("tests/unit/data/standard-webhooks-vectors.json", "rb");
	ck_assert_ptr_nonnull(f);
	static char text[1 << 20];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	cJSON *v = cJSON_Parse(text);
	ck_assert_ptr_nonnull(v);
	return v;
}

/* sign_one: the header for one vector's message (the payload given, or
 * payload_length copies of payload_repeat_char) */
static void
check_vector(const cJSON *t)
{
	const char *secret = cJSON_GetStringValue(cJSON_GetObjectItem(t, "secret"));
	const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(t, "msg_id"));
	long long ts = (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItem(t, "timestamp"));
	const char *want = cJSON_GetStringValue(cJSON_GetObjectItem(t,
	    "expected_signature"));
	const char *payload = cJSON_GetStringValue(cJSON_GetObjectItem(t,
	    "payload"));
	char *big = NULL;
	size_t len;
	if (payload)
		len = strlen(payload);
	else {
		len = (size_t)cJSON_GetNumberValue(cJSON_GetObjectItem(t,
		    "payload_length"));
		big = malloc(len + 1);
		memset(big, cJSON_GetStringValue(cJSON_GetObjectItem(t,
		    "payload_repeat_char"))[0], len);
		big[len] = '\0';
		payload = big;
	}
	buf b = BUF_INIT(4096);
	ck_assert_int_eq(sign_append(&b, secret, id, ts, payload, len), 0);
	ck_assert_msg(strcmp(buf_str(&b), want) == 0, "%s: got %s, want %s",
	    cJSON_GetStringValue(cJSON_GetObjectItem(t, "name")),
	    buf_str(&b), want);
	buf_free(&b);
	free(big);
}

START_TEST(published_vectors)
{
	cJSON *v = vectors();
	const char *sets[] = { "signing", "large_payloads",
	    "generated_signing" };
	int n = 0;
	for (size_t s = 0; s < 3; s++) {
		cJSON *t;
		cJSON_ArrayForEach(t, cJSON_GetObjectItem(v, sets[s])) {
			check_vector(t);
			n++;
		}
	}
	ck_assert_int_ge(n, 9);
	cJSON_Delete(v);
}
END_TEST

START_TEST(rotation_signs_with_both)
{
	buf b = BUF_INIT(4096);
	const char *old = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
	char fresh[SIGN_SECRET_MAX];
	ck_assert_int_eq(sign_secret_new(fresh), 0);
	ck_assert_int_eq(sign_append(&b, fresh, "msg_1", 1614265330, "{}", 2),
	    0);
	ck_assert_int_eq(sign_append(&b, old, "msg_1", 1614265330, "{}", 2),
	    0);
	const char *s = buf_str(&b);
	ck_assert_ptr_nonnull(strchr(s, ' '));
	ck_assert_int_eq(strncmp(s, "v1,", 3), 0);
	ck_assert_int_eq(strncmp(strchr(s, ' ') + 1, "v1,", 3), 0);
	buf_free(&b);
}
END_TEST

START_TEST(secrets)
{
	char a[SIGN_SECRET_MAX], b[SIGN_SECRET_MAX];
	ck_assert_int_eq(sign_secret_new(a), 0);
	ck_assert_int_eq(sign_secret_new(b), 0);
	ck_assert_int_eq(strncmp(a, "whsec_", 6), 0);
	ck_assert_uint_eq(strlen(a), 6 + 32);	/* base64 of 24 bytes */
	ck_assert_str_ne(a, b);
	ck_assert(sign_secret_ok(a));
	ck_assert(!sign_secret_ok("whsec_short"));
	ck_assert(!sign_secret_ok("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
	ck_assert(!sign_secret_ok("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La*aSw"));
	buf x = BUF_INIT(64);
	ck_assert_int_eq(sign_append(&x, "whsec_nope", "m", 1, "", 0), -1);
	buf_free(&x);
}
END_TEST

static int
v4_ok(const char *text, const char *allow)
{
	struct sockaddr_in in = { 0 };
	in.sin_family = AF_INET;
	ck_assert_int_eq(inet_pton(AF_INET, text, &in.sin_addr), 1);
	return target_address_ok((struct sockaddr *)&in, allow);
}

static int
v6_ok(const char *text, const char *allow)
{
	struct sockaddr_in6 in = { 0 };
	in.sin6_family = AF_INET6;
	ck_assert_int_eq(inet_pton(AF_INET6, text, &in.sin6_addr), 1);
	return target_address_ok((struct sockaddr *)&in, allow);
}

START_TEST(addresses)
{
	const char *refused4[] = { "127.0.0.1", "10.0.0.1", "172.16.5.4",
	    "172.31.255.255", "192.168.1.1", "169.254.169.254", "0.0.0.0",
	    "224.0.0.1", "255.255.255.255", "100.64.0.1" };
	for (size_t i = 0; i < sizeof(refused4) / sizeof(*refused4); i++)
		ck_assert_msg(!v4_ok(refused4[i], NULL), "%s", refused4[i]);
	ck_assert(v4_ok("93.184.216.34", NULL));
	ck_assert(v4_ok("172.32.0.1", NULL));
	const char *refused6[] = { "::1", "::", "fe80::1", "fc00::1",
	    "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3" };
	for (size_t i = 0; i < sizeof(refused6) / sizeof(*refused6); i++)
		ck_assert_msg(!v6_ok(refused6[i], NULL), "%s", refused6[i]);
	ck_assert(v6_ok("2606:2800:220:1:248:1893:25c8:1946", NULL));
	/* the allow-list, literally */
	ck_assert(v4_ok("127.0.0.1", "127.0.0.1"));
	ck_assert(v4_ok("127.0.0.1", "::1, 127.0.0.1"));
	ck_assert(!v4_ok("127.0.0.2", "127.0.0.1"));
	ck_assert(!v4_ok("127.0.0.1", "127.0.0.10"));
}
END_TEST

START_TEST(urls)
{
	char why[256];
	ck_assert_int_eq(target_url_check("ftp://example.com/", NULL, why,
	    sizeof(why)), -1);
	ck_assert_int_eq(target_url_check("http://10.0.0.1/hook", NULL, why,
	    sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "10.0.0.1"));
	ck_assert_int_eq(target_url_check("http://169.254.169.254/latest",
	    NULL, why, sizeof(why)), -1);
	ck_assert_int_eq(target_url_check("http://[::1]:8080/", NULL, why,
	    sizeof(why)), -1);
	/* a name that resolves to loopback */
	ck_assert_int_eq(target_url_check("http://localhost:9/x", NULL, why,
	    sizeof(why)), -1);
	ck_assert_int_eq(target_url_check("http://user:pw@93.184.216.34/",
	    NULL, why, sizeof(why)), -1);
	ck_assert_int_eq(target_url_check("http://127.0.0.1:9/x",
	    "127.0.0.1", why, sizeof(why)), 0);
	ck_assert_int_eq(target_url_check("https://93.184.216.34/hook",
	    NULL, why, sizeof(why)), 0);
	ck_assert_int_eq(target_url_check("http://127.0.0.1:99999/", "127.0.0.1",
	    why, sizeof(why)), -1);
}
END_TEST

static Suite *
webhooks_suite(void)
{
	Suite *s = suite_create("webhooks");
	TCase *tc = tcase_create("sign");
	tcase_add_test(tc, published_vectors);
	tcase_add_test(tc, rotation_signs_with_both);
	tcase_add_test(tc, secrets);
	tcase_add_test(tc, addresses);
	tcase_add_test(tc, urls);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(webhooks_suite)
