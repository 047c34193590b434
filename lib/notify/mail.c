/* mail.c: the mail queue and its SMTP sender. */
#include "notify/mail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "web/app.h"
#include "base/buf.h"

int
mail_queue(struct ctx *c, const char *to, const char *subject,
    const char *body)
{
	const char *p[4] = { c->tenant_id, to, subject, body };
	db_res r;
	int rc = db_exec(c->db, &r, "INSERT INTO mail_queue (tenant_id, "
	    "to_addr, subject, body) VALUES ($1, $2, $3, $4)", 4, p);
	if (rc < 0)
		app_db_error(c, &r);
	db_res_clear(&r);
	return rc;
}

struct reader {
	const char *data;
	size_t len, off;
};

static size_t
read_cb(char *out, size_t size, size_t n, void *userdata)
{
	struct reader *r = userdata;
	size_t want = size * n, left = r->len - r->off;
	if (want > left)
		want = left;
	memcpy(out, r->data + r->off, want);
	r->off += want;
	return want;
}

/* header_text: a header value, as RFC 2047 base64 when it is not plain
 * ASCII (headers are 7-bit). */
static void
header_text(buf *b, const char *s)
{
	int ascii = 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80)
			ascii = 0;
	if (ascii) {
		buf_puts(b, s);
		return;
	}
	size_t n = strlen(s);
	unsigned char *enc = malloc(4 * ((n + 2) / 3) + 1);
	if (enc == NULL)
		return;
	EVP_EncodeBlock(enc, (const unsigned char *)s, (int)n);
	buf_printf(b, "=?UTF-8?B?%s?=", enc);
	free(enc);
}

int
mail_smtp(const config *cfg, const char *to, const char *subject,
    const char *body, char *err, size_t errlen)
{
	char date[64], url[300];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf msg = BUF_INIT(1 << 20);
	/* subject and addresses are checked by the queue's constraints */
	buf_printf(&msg, "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: ", date,
	    cfg->mail_from, to);
	header_text(&msg, subject);
	buf_puts(&msg, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
	    "charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
	/* SMTP wants CRLF line ends (libcurl itself escapes leading dots) */
	for (const char *s = body; *s; s++) {
		if (*s == '\n' && (s == body || s[-1] != '\r'))
			buf_putc(&msg, '\r');
		buf_putc(&msg, *s);
	}
	buf_puts(&msg, "\r\n");
	snprintf(url, sizeof(url), "smtp://%s", cfg->smtp_relay);
	CURL *h = curl_easy_init();
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	struct reader rd = { msg.data, msg.len, 0 };
	char errbuf[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, cfg->mail_from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &rd);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	CURLcode rc = curl_easy_perform(h);
	if (rc != CURLE_OK)
		snprintf(err, errlen, "%s", errbuf[0] ? errbuf :
		    curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	buf_free(&msg);
	return rc == CURLE_OK ? 0 : -1;
}

int
mail_send_due(const config *cfg, db *d, int n)
{
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", n);
	const char *p[1] = { lim };
	db_res r;
	if (db_begin(d) < 0)
		return -1;
	/* the claimed rows stay locked until the outcomes are recorded */
	if (db_exec(d, &r, "SELECT tenant_id, id, to_addr, subject, body FROM "
	    "mail_claim($1::int)", 1, p) < 0) {
		db_res_clear(&r);
		db_rollback(d);
		return -1;
	}
	int sent = 0;
	for (int i = 0; i < r.rows; i++) {
		char err[CURL_ERROR_SIZE + 64];
		int ok = mail_smtp(cfg, db_text(&r, i, 2), db_text(&r, i, 3),
		    db_text(&r, i, 4), err, sizeof(err)) == 0;
		const char *dp[3] = { db_text(&r, i, 0), db_text(&r, i, 1),
		    ok ? NULL : err };
		db_res u;
		db_exec(d, &u, "SELECT mail_done($1, $2, $3)", 3, dp);
		db_res_clear(&u);
		sent += ok;
	}
	db_res_clear(&r);
	if (db_commit(d, NULL) < 0)
		return -1;
	return sent;
}
