/* db.h: PostgreSQL access for a worker: one persistent connection,
 * statements prepared once per connection, parameters only.
 *
 * A query runs as: db_res r; if (db_exec(d, &r, SQL, n, params) < 0) goto
 * fail; ... read with db_text/db_i64 ...; db_res_clear(&r).  db_res_clear
 * may run more than once.  When the server has gone away, the next call
 * reconnects, and a statement that failed outside a transaction is retried
 * once on the new connection; inside a transaction the failure is reported,
 * because the work done so far is lost. */
#ifndef DB_H
#define DB_H

#include <stdint.h>

#include <libpq-fe.h>

#include "base/buf.h"

typedef struct db db;

typedef struct db_res {
	PGresult *pg;		/* NULL when nothing came back */
	int rows, cols;
	char sqlstate[6];	/* "" on success or when the link failed */
	const char *error;	/* human text, valid until db_res_clear: the
				 * app's own words (db_refuse, a RAISE in its
				 * functions), else a generic text for the
				 * SQLSTATE, so the server's never reach a client */
	const char *detail;	/* the server's own message behind a generic
				 * error, for the log only; NULL otherwise */
} db_res;

/* db_open: a handle for conninfo; connects lazily, so it never fails.
 * timeout_s bounds connecting.  Free with db_close. */
db *db_open(const char *conninfo, int timeout_s);
void db_close(db *d);

/* db_ping: 0 when the server answers a trivial query, -1 otherwise. */
int db_ping(db *d);

/* db_exec: runs sql with text parameters (NULL for SQL NULL).  Returns 0
 * with r filled, or -1 with r->error and r->sqlstate saying why.  The
 * statement is prepared on first use on each connection, keyed by its
 * text: sql must be a string that lives as long as the process (a literal). */
int db_exec(db *d, db_res *r, const char *sql, int nparams,
    const char *const *params);
void db_res_clear(db_res *r);

/* db_run: db_exec for a module whose callers take one err: on failure
 * the result moves into err (r then holds nothing).  0 or -1. */
int db_run(db *d, db_res *r, const char *sql, int nparams,
    const char *const *params, db_res *err);

/* db_refuse: fills err (an out-parameter holding no result) as the database would report a
 * refusal, for a rule a module checks itself: sqlstate ("22023", "23514",
 * "P0002") and a printf-style message, which stays valid until the same
 * thread refuses again.  Returns -1, so `return db_refuse(...)` reads as
 * the failure it is. */
int db_refuse(db_res *err, const char *sqlstate, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* db_array: appends the text form of a SQL array of items (NULL items
 * are SQL NULL), every element quoted, for a parameter such as $1::text[]
 * or $1::bigint[].  Returns 0, or -1 when b is full. */
int db_array(buf *b, const char *const *items, size_t n);

/* Typed reads of row, col.  db_text: NULL for SQL NULL.  db_i64 and
 * db_bool: 0, or -1 when the value is NULL or not of that type. */
const char *db_text(const db_res *r, int row, int col);
int db_isnull(const db_res *r, int row, int col);
int db_i64(const db_res *r, int row, int col, int64_t *out);
int db_bool(const db_res *r, int row, int col, int *out);

/* Transactions.  db_begin: 0 or -1.  The BEGIN is not sent at once: it
 * travels with the transaction's first statement (and the tenant's scope,
 * when db_set_tenant came first) in one pipelined round trip.
 * db_begin_mode(d, 1) opens a READ ONLY transaction.
 * db_commit: 0 or -1 (the transaction is rolled back when the commit
 * fails, e.g. a deferred constraint).  db_commit_async: for a read-only
 * transaction, sends COMMIT without waiting for its answer, which is read
 * before the link's next use.  db_rollback is safe with no transaction. */
int db_begin(db *d);
int db_begin_mode(db *d, int read_only);
/* db_begin_read: read mode, for requests that only read: no BEGIN and no
 * COMMIT; each statement runs in its own implicit transaction, read-only
 * and scoped to the tenant of db_set_tenant.  The scope is kept in the
 * session, so only a read for another tenant than the last pays for a
 * prelude (in the same pipelined round trip); writers and statements
 * outside a transaction reset what they need.  End it with
 * db_commit(_async) or rollback. */
int db_begin_read(db *d);
int db_commit(db *d, db_res *err);
void db_commit_async(db *d);
void db_rollback(db *d);
/* db_set_tenant: scopes the open transaction to one tenant: every
 * row-level security policy reads this setting.  0 or -1. */
int db_set_tenant(db *d, const char *tenant_id);
/* db_guard: sql (nparams params, which must outlive the statement) rides
 * ahead of the next statement, once, in its pipelined round trip, after
 * the transaction's BEGIN and tenant scope; when it fails, that statement
 * fails with the guard's error.  For a check every request needs but that
 * must not cost a round trip (an access token's revocation).  Forgotten at
 * commit and rollback.  db_guard_pending: 1 while it has not been sent. */
void db_guard(db *d, const char *sql, int nparams, const char *const *params);
int db_guard_pending(const db *d);
/* db_set_scope: db_set_tenant with the caller's branch limit (branch ids,
 * comma-separated; NULL or "" for all branches) and the time zone of its
 * dates (NULL or "": the tenant's, looked up by the database), in the same
 * one statement, sent only when the session does not already hold it.
 * -1 (nothing set) when a value is too long. */
int db_set_scope(db *d, const char *tenant_id, const char *branches,
    const char *tz);
/* db_in_tx: 1 inside a transaction block. */
int db_in_tx(db *d);
/* db_tx_serial: inside a transaction begun with db_begin(_mode), a
 * number that stays the same for all of it and differs for the next;
 * 0 outside one and in read mode.  For what may be remembered until the
 * transaction ends and no longer (lib/books/taxdoc's rates). */
unsigned long db_tx_serial(db *d);

/* db_conn: the underlying connection (may be NULL or broken), for the rare
 * caller that needs libpq itself. */
PGconn *db_conn(db *d);

#endif
