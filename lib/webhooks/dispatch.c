/* dispatch.c: deliveries claimed, signed, sent concurrently, recorded */
#include "webhooks/dispatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <curl/curl.h>

#include "base/buf.h"
#include "webhooks/sign.h"
#include "webhooks/target.h"

/* One delivery in flight. */
typedef struct job {
	char tenant[37], id[37];
	char *url, *body;
	CURL *h;
	struct curl_slist *headers;
	buf response;		/* the first DISPATCH_KEEP bytes */
	char error[CURL_ERROR_SIZE];
	const char *allow;
	int refused;		/* the address connected to was internal */
	struct timespec t0;
	char started[40];	/* RFC 3339, UTC */
} job;

static size_t
keep_cb(char *data, size_t size, size_t n, void *userdata)
{
	job *j = userdata;
	size_t len = size * n, room = DISPATCH_KEEP - j->response.len;
	if (room > 0)
		buf_append(&j->response, data, len < room ? len : room);
	return len;	/* read the rest, keep only the start */
}

/* open_cb: the socket for an address curl resolved; refused when the
 * address is internal and not allowed (the name may resolve elsewhere
 * than when the subscription was saved) */
static curl_socket_t
open_cb(void *userdata, curlsocktype purpose, struct curl_sockaddr *a)
{
	job *j = userdata;
	(void)purpose;
	if (!target_address_ok(&a->addr, j->allow)) {
		j->refused = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

static void
job_free(job *j)
{
	if (j->h)
		curl_easy_cleanup(j->h);
	curl_slist_free_all(j->headers);
	buf_free(&j->response);
	free(j->url);
	free(j->body);
}

/* job_start: the signed request of row i of claimed (tenant_id, id, url,
 * msg_id, body, secret, previous_secret, timeout_s, attempts); -1 when
 * it cannot even be signed */
static int
job_start(job *j, const db_res *r, int i, const config *cfg)
{
	memset(j, 0, sizeof(*j));
	buf_init(&j->response, DISPATCH_KEEP + 1);
	snprintf(j->tenant, sizeof(j->tenant), "%s", db_text(r, i, 0));
	snprintf(j->id, sizeof(j->id), "%s", db_text(r, i, 1));
	j->url = strdup(db_text(r, i, 2));
	j->body = strdup(db_text(r, i, 4));
	j->allow = cfg->webhook_allow;
	clock_gettime(CLOCK_MONOTONIC, &j->t0);
	struct timespec wall;
	clock_gettime(CLOCK_REALTIME, &wall);
	time_t now = wall.tv_sec;
	struct tm tm;
	gmtime_r(&now, &tm);
	char sec[24];
	strftime(sec, sizeof(sec), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(j->started, sizeof(j->started), "%s.%03ldZ", sec,
	    wall.tv_nsec / 1000000);
	if (j->url == NULL || j->body == NULL)
		return -1;

	buf sig = BUF_INIT(512);
	size_t len = strlen(j->body);
	int rc = sign_append(&sig, db_text(r, i, 5), db_text(r, i, 3),
	    (long long)now, j->body, len);
	if (rc == 0 && !db_isnull(r, i, 6))
		rc = sign_append(&sig, db_text(r, i, 6), db_text(r, i, 3),
		    (long long)now, j->body, len);
	char line[700];
	if (rc == 0) {
		j->headers = curl_slist_append(j->headers,
		    "Content-Type: application/json");
		snprintf(line, sizeof(line), "webhook-id: %s", db_text(r, i, 3));
		j->headers = curl_slist_append(j->headers, line);
		snprintf(line, sizeof(line), "webhook-timestamp: %lld",
		    (long long)now);
		j->headers = curl_slist_append(j->headers, line);
		snprintf(line, sizeof(line), "webhook-signature: %s",
		    buf_str(&sig));
		j->headers = curl_slist_append(j->headers, line);
		/* no "Expect: 100-continue" round trip for larger bodies */
		j->headers = curl_slist_append(j->headers, "Expect:");
	}
	buf_free(&sig);
	if (rc < 0) {
		snprintf(j->error, sizeof(j->error), "the secret is malformed");
		return -1;
	}
	j->h = curl_easy_init();
	if (j->h == NULL)
		return -1;
	long timeout = atol(db_text(r, i, 7));
	curl_easy_setopt(j->h, CURLOPT_URL, j->url);
	curl_easy_setopt(j->h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(j->h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(j->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(j->h, CURLOPT_TIMEOUT, timeout > 0 ? timeout : 10L);
	curl_easy_setopt(j->h, CURLOPT_CONNECTTIMEOUT, timeout > 0 ? timeout :
	    10L);
	curl_easy_setopt(j->h, CURLOPT_POSTFIELDS, j->body);
	curl_easy_setopt(j->h, CURLOPT_POSTFIELDSIZE, (long)len);
	curl_easy_setopt(j->h, CURLOPT_HTTPHEADER, j->headers);
	curl_easy_setopt(j->h, CURLOPT_USERAGENT, "Bursar-Webhooks/1");
	curl_easy_setopt(j->h, CURLOPT_WRITEFUNCTION, keep_cb);
	curl_easy_setopt(j->h, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(j->h, CURLOPT_OPENSOCKETFUNCTION, open_cb);
	curl_easy_setopt(j->h, CURLOPT_OPENSOCKETDATA, j);
	curl_easy_setopt(j->h, CURLOPT_ERRORBUFFER, j->error);
	curl_easy_setopt(j->h, CURLOPT_PRIVATE, j);
	return 0;
}

/* record: the attempt's outcome, through webhook_attempted */
static int
record(db *d, job *j, long code, CURLcode res)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - j->t0.tv_sec) * 1000 +
	    (t1.tv_nsec - j->t0.tv_nsec) / 1000000;
	char msbuf[24], codebuf[24];
	snprintf(msbuf, sizeof(msbuf), "%ld", ms);
	snprintf(codebuf, sizeof(codebuf), "%ld", code);
	const char *err = NULL;
	if (j->refused)
		err = "refused: the address is internal and not allowed";
	else if (res != CURLE_OK)
		err = j->error[0] ? j->error : curl_easy_strerror(res);
	else if (code >= 300 && code < 400)
		err = "redirects are not followed";
	const char *p[7] = { j->tenant, j->id, j->started, msbuf,
	    code > 0 ? codebuf : NULL, j->response.len ?
	    buf_str(&j->response) : NULL, err };
	db_res r;
	int rc = db_exec(d, &r, "SELECT webhook_attempted($1, $2, $3, $4, "
	    "$5, $6, $7)", 7, p);
	if (rc < 0)
		fprintf(stderr, "webhook_dispatch: recording %s: %s\n", j->id,
		    r.error ? r.error : "failed");
	db_res_clear(&r);
	return rc;
}

/* send_all: the claimed deliveries, DISPATCH_PARALLEL at a time */
static int
send_all(const config *cfg, db *d, const db_res *claimed, dispatch_stats *st)
{
	int n = claimed->rows, next = 0, running = 0, rc = 0;
	job *jobs = calloc((size_t)(n ? n : 1), sizeof(*jobs));
	CURLM *m = curl_multi_init();
	if (jobs == NULL || m == NULL) {
		free(jobs);
		if (m)
			curl_multi_cleanup(m);
		return -1;
	}
	int active = 0;
	while (next < n || active > 0) {
		while (next < n && active < DISPATCH_PARALLEL) {
			job *j = &jobs[next];
			if (job_start(j, claimed, next, cfg) < 0) {
				if (record(d, j, 0, CURLE_FAILED_INIT) < 0)
					rc = -1;
				st->sent++;
			} else {
				curl_multi_add_handle(m, j->h);
				active++;
			}
			next++;
		}
		curl_multi_perform(m, &running);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			job *j;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &j);
			long code = 0;
			curl_easy_getinfo(msg->easy_handle,
			    CURLINFO_RESPONSE_CODE, &code);
			CURLcode res = msg->data.result;
			curl_multi_remove_handle(m, j->h);
			active--;
			if (record(d, j, res == CURLE_OK ? code : 0, res) < 0)
				rc = -1;
			st->sent++;
			if (res == CURLE_OK && code >= 200 && code < 300)
				st->succeeded++;
			curl_easy_cleanup(j->h);
			j->h = NULL;
		}
		if (active > 0)
			curl_multi_poll(m, NULL, 0, 200, NULL);
	}
	for (int i = 0; i < n; i++)
		job_free(&jobs[i]);
	free(jobs);
	curl_multi_cleanup(m);
	return rc;
}

int
dispatch_round(const config *cfg, db *d, dispatch_stats *st)
{
	memset(st, 0, sizeof(*st));
	db_res r;
	char batch[16], lease[16];
	snprintf(batch, sizeof(batch), "%d", DISPATCH_BATCH);
	snprintf(lease, sizeof(lease), "%d", DISPATCH_LEASE);
	const char *p[2] = { batch, lease };
	/* events to deliveries, until the outbox is caught up */
	int taken;
	do {
		taken = 0;
		if (db_exec(d, &r, "SELECT webhook_fanout($1)", 1, p) < 0) {
			fprintf(stderr, "webhook_dispatch: fan-out: %s\n",
			    r.error ? r.error : "failed");
			db_res_clear(&r);
			return -1;
		}
		taken = atoi(db_text(&r, 0, 0));
		st->events += taken;
		db_res_clear(&r);
	} while (taken >= DISPATCH_BATCH);
	/* a claim commits on its own: its lease is what holds it */
	if (db_exec(d, &r, "SELECT tenant_id, id, url, msg_id, body, secret, "
	    "previous_secret, timeout_s, attempts FROM webhook_claim($1, $2)",
	    2, p) < 0) {
		fprintf(stderr, "webhook_dispatch: claim: %s\n",
		    r.error ? r.error : "failed");
		db_res_clear(&r);
		return -1;
	}
	int rc = r.rows ? send_all(cfg, d, &r, st) : 0;
	db_res_clear(&r);
	return rc;
}
