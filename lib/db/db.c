/* db.c: one persistent libpq connection per worker, with reconnect and a
 * per-connection cache of prepared statements. */
#include "db/db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

#define STMT_SLOTS 512	/* open-addressed; a program has a few dozen */

/* A request's scope: its tenant, the branches its user is limited to
 * (comma-separated ids, "" for all) and the tenant's time zone ("" for
 * the database to look up from the tenant).  Sent as one statement. */
struct scope {
	char tenant[64];
	char branches[1536];	/* 41 branches */
	char tz[64];
};

struct stmt {
	const char *sql;	/* the caller's literal: compared by content */
	uint64_t hash;
};

struct db {
	PGconn *conn;
	char *conninfo;
	struct stmt stmts[STMT_SLOTS];
	unsigned nstmts;
	/* A transaction starts lazily: BEGIN and the tenant's scope travel
	 * in one pipeline with the first statement, one round trip for all. */
	const char *pending_begin;	/* "BEGIN" or "BEGIN READ ONLY" */
	struct scope pending;
	int commit_in_flight;	/* a read-only COMMIT sent, not yet read */
	/* Read mode: no BEGIN or COMMIT at all.  Each statement travels in
	 * a pipeline behind a prelude that makes its implicit transaction
	 * read-only and scoped to the tenant; the scope ends at the Sync. */
	int read_mode;
	struct scope rd;
	/* What the session itself holds (set_config with is_local false), so
	 * a read for the tenant of the last one needs no prelude at all: one
	 * statement, one round trip, like a bare query.  Forgotten whenever a
	 * statement fails, since a failed transaction reverts it. */
	int sess_known;
	int sess_read_only;	/* default_transaction_read_only */
	struct scope sess;
	unsigned long tx_serial;	/* transactions begun (db_tx_serial) */
	/* db_guard: a statement that rides ahead of the next one, once */
	const char *guard_sql;
	int guard_n;
	const char *const *guard_params;
};

static uint64_t
hash_sql(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

db *
db_open(const char *conninfo, int timeout_s)
{
	db *d = calloc(1, sizeof(*d));
	if (d == NULL)
		abort();
	size_t n = strlen(conninfo) + 64;
	d->conninfo = malloc(n);
	if (d->conninfo == NULL)
		abort();
	/* connect_timeout bounds a dead host; a stopped server on loopback
	 * refuses at once anyway. */
	snprintf(d->conninfo, n, "%s connect_timeout=%d", conninfo,
	    timeout_s > 0 ? timeout_s : 2);
	return d;
}

static void
disconnect(db *d)
{
	if (d->conn)
		PQfinish(d->conn);
	d->conn = NULL;
	d->commit_in_flight = 0;
	d->sess_known = 0;
	memset(d->stmts, 0, sizeof(d->stmts));
	d->nstmts = 0;
}

void
db_close(db *d)
{
	if (d == NULL)
		return;
	disconnect(d);
	free(d->conninfo);
	free(d);
}

/* drain: reads the answer of a COMMIT sent without waiting, so the link
 * is free for the next statement. */
static void
drain(db *d)
{
	if (!d->commit_in_flight)
		return;
	d->commit_in_flight = 0;
	PGresult *pg;
	while ((pg = PQgetResult(d->conn)) != NULL)
		PQclear(pg);
}

static int
ensure_connected(db *d)
{
	if (d->conn) {
		/* the answer of a COMMIT in flight may be the news that the
		 * server went away: read it before trusting the link */
		drain(d);
		if (PQstatus(d->conn) == CONNECTION_OK)
			return 0;
	}
	disconnect(d);
	d->conn = PQconnectdb(d->conninfo);
	if (PQstatus(d->conn) != CONNECTION_OK) {
		log_event("warn", PQerrorMessage(d->conn));
		disconnect(d);
		return -1;
	}
	return 0;
}

PGconn *
db_conn(db *d)
{
	return d->conn;
}

unsigned long
db_tx_serial(db *d)
{
	/* read mode's statements are each a transaction of their own */
	return d->read_mode || !db_in_tx(d) ? 0 : d->tx_serial;
}

int
db_in_tx(db *d)
{
	if (d->pending_begin || d->read_mode)
		return 1;
	if (d->conn == NULL)
		return 0;
	PGTransactionStatusType t = PQtransactionStatus(d->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR ||
	    t == PQTRANS_ACTIVE;
}

void
db_res_clear(db_res *r)
{
	if (r->pg)
		PQclear(r->pg);
	r->pg = NULL;
	r->rows = r->cols = 0;
	r->sqlstate[0] = '\0';
	r->error = NULL;
	r->detail = NULL;
}

int
db_run(db *d, db_res *r, const char *sql, int nparams,
    const char *const *params, db_res *err)
{
	if (db_exec(d, r, sql, nparams, params) == 0)
		return 0;
	*err = *r;
	memset(r, 0, sizeof(*r));
	return -1;
}

int
db_refuse(db_res *err, const char *sqlstate, const char *fmt, ...)
{
	static __thread char text[256];
	va_list ap;
	memset(err, 0, sizeof(*err));	/* an out-parameter: may be uninitialised */
	snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", sqlstate);
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	err->error = text;
	return -1;
}

/* generic_error: what a client is told of an error the server raised
 * itself, by its SQLSTATE */
static const char *
generic_error(const char *st)
{
	static const struct { const char *state, *text; } known[] = {
		{ "23505", "a record with this value already exists" },
		{ "23503", "it refers to a record that does not exist, or a "
		    "record still refers to it" },
		{ "23502", "a required value is missing" },
		{ "22001", "a value is too long" },
		{ "22003", "a number is out of range" },
		{ "40001", "the record changed meanwhile; try again" },
		{ "40P01", "the record changed meanwhile; try again" },
	};
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(st, known[i].state) == 0)
			return known[i].text;
	if (strncmp(st, "23", 2) == 0)
		return "a value breaks a rule of the record";
	if (strncmp(st, "22", 2) == 0)
		return "a value is not valid for its field";
	return "the database refused the request";
}

static void
res_take(db_res *r, PGresult *pg, PGconn *conn)
{
	r->pg = pg;
	r->rows = pg ? PQntuples(pg) : 0;
	r->cols = pg ? PQnfields(pg) : 0;
	r->sqlstate[0] = '\0';
	const char *st = pg ? PQresultErrorField(pg, PG_DIAG_SQLSTATE) : NULL;
	if (st)
		snprintf(r->sqlstate, sizeof(r->sqlstate), "%s", st);
	const char *msg = pg ? PQresultErrorField(pg, PG_DIAG_MESSAGE_PRIMARY)
	    : NULL;
	r->error = msg ? msg : (conn ? PQerrorMessage(conn) : "no connection");
	r->detail = NULL;
	/* the app's own refusals are RAISEd by its functions; any other
	 * message is the server's (names of tables, constraints, values):
	 * the client gets a generic text, the log the message */
	const char *src = pg ? PQresultErrorField(pg, PG_DIAG_SOURCE_FUNCTION)
	    : NULL;
	if (msg && !(src && strcmp(src, "exec_stmt_raise") == 0)) {
		r->detail = msg;
		r->error = generic_error(r->sqlstate);
	}
}

static int
res_ok(const PGresult *pg)
{
	ExecStatusType s = pg ? PQresultStatus(pg) : PGRES_FATAL_ERROR;
	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

/* stmt_name: the prepared name of sql on this connection, preparing it the
 * first time.  Returns 0, or -1 with r describing the failure. */
static int
stmt_name(db *d, db_res *r, const char *sql, int nparams, char name[24])
{
	uint64_t h = hash_sql(sql);
	unsigned i = (unsigned)(h % STMT_SLOTS);
	for (unsigned probes = 0; probes < STMT_SLOTS; probes++) {
		struct stmt *s = &d->stmts[i];
		if (s->sql == NULL)
			break;
		if (s->hash == h && strcmp(s->sql, sql) == 0) {
			snprintf(name, 24, "s%u", i);
			return 0;
		}
		i = (i + 1) % STMT_SLOTS;
	}
	if (d->nstmts >= STMT_SLOTS * 3 / 4) {
		name[0] = '\0';	/* table full: run unprepared */
		return 0;
	}
	snprintf(name, 24, "s%u", i);
	PGresult *pg = PQprepare(d->conn, name, sql, nparams, NULL);
	if (!res_ok(pg)) {
		res_take(r, pg, d->conn);
		return -1;
	}
	PQclear(pg);
	d->stmts[i].sql = sql;
	d->stmts[i].hash = h;
	d->nstmts++;
	return 0;
}

/* The scope: the tenant, the user's branch limit (sql/0027) and the
 * tenant's time zone, so that current_date is the business's date; a
 * zone not given is the tenant's own, looked up only then. */
static const char set_tenant_sql[] =
    "SELECT set_config('bursar.tenant_id', $1, true), "
    "set_config('bursar.branches', $2, true), "
    "set_config('TimeZone', coalesce(nullif($3, ''), "
    "bursar_tenant_timezone($1)), true)";

/* A read's prelude leaves the session scoped and read-only, so the next
 * read for the same scope sends nothing else; it also makes its own
 * transaction read-only, which has already begun. */
static const char read_scope_sql[] =
    "SELECT set_config('bursar.tenant_id', $1, false), "
    "set_config('bursar.branches', $2, false), "
    "set_config('TimeZone', coalesce(nullif($3, ''), "
    "bursar_tenant_timezone($1)), false), "
    "set_config('default_transaction_read_only', 'on', false), "
    "set_config('transaction_read_only', 'on', true)";

/* A statement outside any transaction runs unscoped, in the server's
 * own time zone, and may write. */
static const char plain_scope_sql[] =
    "SELECT set_config('bursar.tenant_id', '', false), "
    "set_config('bursar.branches', '', false), "
    "set_config('TimeZone', bursar_tenant_timezone(''), false), "
    "set_config('default_transaction_read_only', 'off', false)";

static const struct scope no_scope;

static int
scope_eq(const struct scope *a, const struct scope *b)
{
	return strcmp(a->tenant, b->tenant) == 0 &&
	    strcmp(a->branches, b->branches) == 0 && strcmp(a->tz, b->tz) == 0;
}

/* scope_params: the scope statements' three parameters */
static void
scope_params(const struct scope *s, const char *param[3])
{
	param[0] = s->tenant;
	param[1] = s->branches;
	param[2] = s->tz;
}

struct step {
	const char *name, *sql;
	int n;
	const char *const *params;
	int own_tx;	/* a Sync after it: what follows starts afresh */
};

static int
send_step(PGconn *conn, const struct step *st)
{
	return st->name[0] ? PQsendQueryPrepared(conn, st->name, st->n,
	    st->params, NULL, NULL, 0) : PQsendQueryParams(conn, st->sql, st->n,
	    NULL, st->params, NULL, NULL, 0);
}

static int
sess_is(const db *d, const struct scope *s, int read_only)
{
	return d->sess_known && d->sess_read_only == read_only &&
	    scope_eq(&d->sess, s);
}

static void
sess_remember(db *d, const struct scope *s, int read_only)
{
	d->sess_known = 1;
	d->sess_read_only = read_only;
	d->sess = *s;
}

/* A prepared prelude step; name and params outlive the pipeline. */
static int
add_step(db *d, db_res *r, struct step *steps, int *n, char name[24],
    const char *sql, int nparams, const char *const *params)
{
	if (stmt_name(d, r, sql, nparams, name) < 0)
		return -1;
	steps[(*n)++] = (struct step){ name, sql, nparams, params, 0 };
	return 0;
}

/* plan_prelude: what must travel ahead of the next statement so that it
 * runs with the right scope: a pending BEGIN and the transaction's
 * tenant, or the session's scope when it is not already the one wanted.
 * Nothing at all inside a transaction already open. */
static int
plan_prelude(db *d, db_res *r, struct step *steps, int *n,
    char names[2][24], const char *param[3],
    const struct scope **want_scope, int *want_ro)
{
	*n = 0;
	*want_scope = NULL;
	if (d->read_mode) {
		if (sess_is(d, &d->rd, 1))
			return 0;
		*want_scope = &d->rd;
		scope_params(&d->rd, param);
		*want_ro = 1;
		return add_step(d, r, steps, n, names[0], read_scope_sql, 3,
		    param);
	}
	if (d->pending_begin) {
		/* a local scope: it ends with the transaction, and the
		 * session's own is the default when it is already right */
		steps[(*n)++] = (struct step){ "", d->pending_begin, 0, NULL, 0 };
		if (d->sess_known && scope_eq(&d->sess, &d->pending))
			return 0;
		scope_params(&d->pending, param);
		return add_step(d, r, steps, n, names[1], set_tenant_sql, 3,
		    param);
	}
	if (db_in_tx(d) || sess_is(d, &no_scope, 0))
		return 0;
	*want_scope = &no_scope;
	*want_ro = 0;
	/* in a transaction of its own: the statement's must begin after
	 * the default is read-write again */
	if (add_step(d, r, steps, n, names[0], plain_scope_sql, 0, NULL) < 0)
		return -1;
	steps[*n - 1].own_tx = 1;
	return 0;
}

/* exec_pipelined: the prelude steps and sql itself in one round trip.
 * The first failure is the one reported; the last step's result is sql's. */
static int
exec_pipelined(db *d, db_res *r, struct step *steps, int n)
{
	if (PQenterPipelineMode(d->conn) != 1)
		return -1;
	int sent = 1;
	for (int i = 0; i < n && sent; i++) {
		sent = send_step(d->conn, &steps[i]);
		if (sent && steps[i].own_tx)
			sent = PQpipelineSync(d->conn);
	}
	if (sent)
		sent = PQpipelineSync(d->conn);
	int ok = sent, got_main = 0;
	/* each statement ends with a NULL; the sync with PGRES_PIPELINE_SYNC */
	for (int i = 0; sent && i < n; i++) {
		PGresult *pg = PQgetResult(d->conn);
		if (pg == NULL) {
			ok = 0;
			break;
		}
		int last = i == n - 1;
		if (PQresultStatus(pg) == PGRES_PIPELINE_ABORTED ||
		    !res_ok(pg)) {
			if (ok && r->pg == NULL) {
				res_take(r, pg, d->conn);
				pg = NULL;
			}
			ok = 0;
		} else if (last) {
			res_take(r, pg, d->conn);
			pg = NULL;
			got_main = 1;
		}
		if (pg)
			PQclear(pg);
		PGresult *end = PQgetResult(d->conn);	/* the NULL */
		if (end)
			PQclear(end);
		if (steps[i].own_tx && (end = PQgetResult(d->conn)) != NULL)
			PQclear(end);	/* its Sync */
	}
	PGresult *pg;
	while ((pg = PQgetResult(d->conn)) != NULL) {
		ExecStatusType st = PQresultStatus(pg);
		PQclear(pg);
		if (st == PGRES_PIPELINE_SYNC)
			break;
	}
	PQexitPipelineMode(d->conn);
	if (!ok && r->pg == NULL && !got_main)
		r->error = PQerrorMessage(d->conn);
	return ok ? 0 : -1;
}

static int
exec_once(db *d, db_res *r, const char *sql, int nparams,
    const char *const *params)
{
	char name[24], names[2][24], gname[24];
	struct step steps[4];
	const char *param[3];
	const struct scope *want_scope;
	int n, want_ro = 0;
	if (stmt_name(d, r, sql, nparams, name) < 0)
		return -1;
	if (plan_prelude(d, r, steps, &n, names, param, &want_scope,
	    &want_ro) < 0)
		return -1;
	/* the guard goes after the scope it reads, before the statement */
	if (d->guard_sql && add_step(d, r, steps, &n, gname, d->guard_sql,
	    d->guard_n, d->guard_params) < 0)
		return -1;
	d->guard_sql = NULL;
	d->pending_begin = NULL;
	int rc;
	if (n == 0) {
		PGresult *pg = name[0] ? PQexecPrepared(d->conn, name,
		    nparams, params, NULL, NULL, 0) : PQexecParams(d->conn,
		    sql, nparams, NULL, params, NULL, NULL, 0);
		res_take(r, pg, d->conn);
		rc = res_ok(pg) ? 0 : -1;
	} else {
		steps[n++] = (struct step){ name, sql, nparams, params, 0 };
		rc = exec_pipelined(d, r, steps, n);
	}
	/* a failed statement rolls back whatever its transaction set */
	if (rc < 0)
		d->sess_known = 0;
	else if (rc == 0 && want_scope)
		sess_remember(d, want_scope, want_ro);
	d->pending = no_scope;
	return rc;
}

int
db_exec(db *d, db_res *r, const char *sql, int nparams,
    const char *const *params)
{
	memset(r, 0, sizeof(*r));
	/* a lazy BEGIN has sent nothing yet: the link may still be replaced */
	const char *begin = d->pending_begin, *guard = d->guard_sql;
	struct scope pending = d->pending;
	if (ensure_connected(d) < 0) {
		d->pending_begin = NULL;
		r->error = "database unavailable";
		return -1;
	}
	int was_idle = !db_in_tx(d) || begin != NULL || d->read_mode;
	if (exec_once(d, r, sql, nparams, params) == 0)
		return 0;
	if (PQstatus(d->conn) == CONNECTION_OK || !was_idle)
		return -1;
	/* The server went away between requests: one retry on a new link. */
	db_res_clear(r);
	disconnect(d);
	if (ensure_connected(d) < 0) {
		r->error = "database unavailable";
		return -1;
	}
	d->pending_begin = begin;
	d->guard_sql = guard;
	d->pending = pending;
	return exec_once(d, r, sql, nparams, params);
}

int
db_ping(db *d)
{
	db_res r;
	int rc = db_exec(d, &r, "SELECT 1", 0, NULL);
	db_res_clear(&r);
	return rc;
}

int
db_array(buf *b, const char *const *items, size_t n)
{
	int rc = buf_putc(b, '{');
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (i > 0)
			rc |= buf_putc(b, ',');
		if (items[i] == NULL) {
			rc |= buf_puts(b, "NULL");
			continue;
		}
		rc |= buf_putc(b, '"');
		for (const char *s = items[i]; *s; s++) {
			if (*s == '"' || *s == '\\')
				rc |= buf_putc(b, '\\');
			rc |= buf_putc(b, *s);
		}
		rc |= buf_putc(b, '"');
	}
	rc |= buf_putc(b, '}');
	return rc ? -1 : 0;
}

const char *
db_text(const db_res *r, int row, int col)
{
	if (r->pg == NULL || row >= r->rows || col >= r->cols ||
	    PQgetisnull(r->pg, row, col))
		return NULL;
	return PQgetvalue(r->pg, row, col);
}

int
db_isnull(const db_res *r, int row, int col)
{
	return db_text(r, row, col) == NULL;
}

int
db_i64(const db_res *r, int row, int col, int64_t *out)
{
	const char *s = db_text(r, row, col);
	if (s == NULL || *s == '\0')
		return -1;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end != '\0')
		return -1;
	*out = (int64_t)v;
	return 0;
}

int
db_bool(const db_res *r, int row, int col, int *out)
{
	const char *s = db_text(r, row, col);
	if (s == NULL || (s[0] != 't' && s[0] != 'f') || s[1] != '\0')
		return -1;
	*out = s[0] == 't';
	return 0;
}

static int
simple(db *d, const char *cmd, db_res *r)
{
	if (d->conn == NULL || PQstatus(d->conn) != CONNECTION_OK) {
		r->error = "database unavailable";
		return -1;
	}
	drain(d);
	PGresult *pg = PQexec(d->conn, cmd);
	res_take(r, pg, d->conn);
	return res_ok(pg) ? 0 : -1;
}

int
db_begin(db *d)
{
	return db_begin_mode(d, 0);
}

int
db_begin_mode(db *d, int read_only)
{
	if (ensure_connected(d) < 0)
		return -1;
	/* explicit: the session's default may be read-only after a read */
	d->pending_begin = read_only ? "BEGIN READ ONLY" : "BEGIN READ WRITE";
	d->pending = no_scope;
	d->tx_serial++;
	return 0;
}

int
db_begin_read(db *d)
{
	if (ensure_connected(d) < 0)
		return -1;
	d->read_mode = 1;
	d->rd = no_scope;
	return 0;
}

int
db_commit(db *d, db_res *err)
{
	db_res r = {0};
	d->guard_sql = NULL;
	if (d->read_mode || d->pending_begin) {
		d->read_mode = 0;
		/* nothing was sent: nothing to commit */
		d->pending_begin = NULL;
		if (err)
			*err = r;
		return 0;
	}
	int rc = simple(d, "COMMIT", &r);
	/* COMMIT of a failed transaction answers OK but rolls back */
	if (rc == 0 && r.pg && strcmp(PQcmdStatus(r.pg), "ROLLBACK") == 0)
		rc = -1;
	if (err) {
		*err = r;
		return rc;
	}
	db_res_clear(&r);
	return rc;
}

int
db_set_tenant(db *d, const char *tenant_id)
{
	return db_set_scope(d, tenant_id, NULL, NULL);
}

int
db_set_scope(db *d, const char *tenant_id, const char *branches,
    const char *tz)
{
	struct scope s = no_scope;
	if (snprintf(s.tenant, sizeof(s.tenant), "%s", tenant_id) >=
	    (int)sizeof(s.tenant) || snprintf(s.branches, sizeof(s.branches),
	    "%s", branches ? branches : "") >= (int)sizeof(s.branches) ||
	    snprintf(s.tz, sizeof(s.tz), "%s", tz ? tz : "") >=
	    (int)sizeof(s.tz))
		return -1;	/* refused rather than a wider scope */
	if (d->read_mode) {
		d->rd = s;
		return 0;
	}
	if (d->pending_begin) {
		d->pending = s;
		return 0;
	}
	db_res r;
	const char *p[3];
	scope_params(&s, p);
	int rc = db_exec(d, &r, set_tenant_sql, 3, p);
	db_res_clear(&r);
	return rc;
}

void
db_commit_async(db *d)
{
	d->guard_sql = NULL;
	if (d->read_mode || d->pending_begin) {
		d->read_mode = 0;
		d->pending_begin = NULL;
		return;
	}
	if (d->conn == NULL || !db_in_tx(d))
		return;
	if (PQsendQuery(d->conn, "COMMIT") == 1)
		d->commit_in_flight = 1;
}

void
db_rollback(db *d)
{
	d->guard_sql = NULL;
	if (d->read_mode || d->pending_begin) {
		d->read_mode = 0;
		d->pending_begin = NULL;
		return;
	}
	/* a COMMIT on its way means no transaction is open; its answer is
	 * read at the link's next use, not waited for here */
	if (d->commit_in_flight || !db_in_tx(d))
		return;
	db_res r = {0};
	simple(d, "ROLLBACK", &r);
	db_res_clear(&r);
}

void
db_guard(db *d, const char *sql, int nparams, const char *const *params)
{
	d->guard_sql = sql;
	d->guard_n = nparams;
	d->guard_params = params;
}

int
db_guard_pending(const db *d)
{
	return d->guard_sql != NULL;
}
