#!/bin/sh
# stack.sh: the local Bursar stack: a throwaway PostgreSQL cluster under
# var/, the FastCGI programs under the supervisor, and nginx.
#   stack.sh start    create what is missing, start what is stopped
#   stack.sh stop     stop everything started, leave no process behind
#   stack.sh migrate  apply pending migrations
#   stack.sh status   what is running
#   stack.sh db-stop, db-start   the database alone (outage drills, tests)
set -eu
. "$(dirname "$0")/env.sh"

pg_running() { [ -f "$PGBASE/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGBASE/data" status >/dev/null 2>&1; }
pid_alive() { [ -f "$1" ] && kill -0 "$(head -n1 "$1")" 2>/dev/null; }

# pg_passwords: the logins' passwords, made once per stack, kept in
# var/pgpass (0600, the format libpq reads)
pg_passwords() {
	[ -s "$PGPASS" ] && return 0
	mkdir -p "$VAR"
	(umask 077
	for role in postgres bursar_app bursar_cron; do
		printf '*:*:*:%s:%s\n' "$role" \
			"$(head -c 24 /dev/urandom | base64 | tr -d '/+=:\\\n')"
	done >"$PGPASS.new" && mv "$PGPASS.new" "$PGPASS")
}
pg_password() { awk -F: -v r="$1" '$4 == r { print $5 }' "$PGPASS"; }

# pg_hba: who may log in, and how: a password (scram-sha-256) on the
# socket and on loopback, and the cluster's owner as the superuser by
# peer on the socket (how this script sets the passwords); never trust.
# Written at every start, so a cluster made before this trusts no more.
pg_hba() {
	owner=postgres
	[ "$(id -u)" = 0 ] || owner=$(id -un)
	printf '%s\n' "# written by scripts/stack.sh: a password or peer, never trust" \
		"local all postgres peer map=owner" \
		"local all all scram-sha-256" \
		"host all all 127.0.0.1/32 scram-sha-256" \
		"host all all ::1/128 scram-sha-256" |
		as_postgres sh -c "cat >'$PGBASE/data/pg_hba.conf'"
	echo "owner $owner postgres" |
		as_postgres sh -c "cat >'$PGBASE/data/pg_ident.conf'"
}

pg_start() {
	mkdir -p "$PGBASE"
	[ "$(id -u)" = 0 ] && chown postgres: "$PGBASE"
	pg_passwords
	if [ ! -f "$PGBASE/data/PG_VERSION" ]; then
		as_postgres "$PGBIN/initdb" -D "$PGBASE/data" -U postgres \
			--auth-local=peer --auth-host=scram-sha-256 \
			-E UTF8 --locale=C.UTF-8 --no-sync \
			>"$PGBASE/initdb.log" 2>&1 || {
			cat "$PGBASE/initdb.log" >&2; exit 1; }
	fi
	pg_hba
	pg_running && as_postgres "$PGBIN/pg_ctl" -D "$PGBASE/data" reload >/dev/null
	# a cluster started before it had a socket: start it again with one
	if pg_running && [ ! -S "$PGSOCK/.s.PGSQL.$PGPORT" ]; then
		as_postgres "$PGBIN/pg_ctl" -D "$PGBASE/data" -m fast -w stop >/dev/null
	fi
	if ! pg_running; then
		# loopback and a Unix socket in a short directory (env.sh);
		# fsync off: this cluster is throwaway by design
		mkdir -p "$PGSOCK"
		[ "$(id -u)" = 0 ] && chown postgres: "$PGSOCK"
		chmod 755 "$PGSOCK"
		as_postgres "$PGBIN/pg_ctl" -D "$PGBASE/data" -l "$PGBASE/pg.log" \
			-w -t 30 -o "-p $PGPORT -c listen_addresses=127.0.0.1 \
			-c unix_socket_directories=$PGSOCK -c fsync=off \
			-c synchronous_commit=off -c full_page_writes=off \
			-c max_connections=200" start >/dev/null || {
			tail -n 20 "$PGBASE/pg.log" >&2; exit 1; }
	fi
	# as the cluster's owner by peer: the one login with no password;
	# the passwords travel on stdin (base64 letters and digits), never
	# in a command line that ps shows
	as_postgres psql -X -q -h "$PGSOCK" -p "$PGPORT" -U postgres -d postgres \
		-v ON_ERROR_STOP=1 <<SQL
SELECT 'CREATE DATABASE $DB' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DB') \gexec
DO \$\$ BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bursar_app') THEN
		-- the application's login: no superuser, no RLS bypass, owns nothing
		CREATE ROLE bursar_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
	END IF;
	-- the cron programs' login (sql/0029_cron_role.sql grants it)
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bursar_cron') THEN
		CREATE ROLE bursar_cron LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
	END IF;
END \$\$;
ALTER ROLE postgres PASSWORD '$(pg_password postgres)';
ALTER ROLE bursar_app PASSWORD '$(pg_password bursar_app)';
ALTER ROLE bursar_cron PASSWORD '$(pg_password bursar_cron)';
SQL
}

write_config() {
	mkdir -p "$VAR" "$RUN" "$LOG" "$VAR/nginx/tmp"
	# the signing secret is made once per stack and never printed
	if [ ! -s "$VAR/secret" ]; then
		(umask 077; head -c 48 /dev/urandom | base64 | tr -d '/+=\n' >"$VAR/secret")
	fi
	(umask 077; cat >"$VAR/bursar.conf" <<CONF
# written by scripts/stack.sh; settings are documented in lib/config.h
database_url = $APP_CONNINFO
cron_database_url = $CRON_CONNINFO
template_dir = $ROOT/templates
env = ${BURSAR_ENV:-dev}
body_limit = ${BURSAR_BODY_LIMIT:-10M}
secret = $(cat "$VAR/secret")
smtp_relay = 127.0.0.1:$SMTPPORT
base_url = http://127.0.0.1:$PORT
# development and tests: webhooks may reach a receiver on this machine
webhook_allow = ${BURSAR_WEBHOOK_ALLOW-127.0.0.1}
CONF
	)
}

nginx_conf() {
	limit=$(grep '^body_limit' "$VAR/bursar.conf" | sed 's/.*= *//')
	user="user root root;"
	# nginx's workers can run unprivileged when they can reach our files
	if [ "$(id -u)" = 0 ] && runuser -u nobody -- test -r "$ROOT/static/bursar.css" 2>/dev/null &&
	   runuser -u nobody -- test -x "$RUN" 2>/dev/null; then
		user="user nobody nogroup;"
	fi
	[ "$(id -u)" = 0 ] || user=""
	num=$(echo "$limit" | tr -dc 0-9); unit=$(echo "$limit" | tr -d 0-9)
	sed -e "s|@ROOT@|$ROOT|g" -e "s|@VAR@|$VAR|g" -e "s|@RUN@|$RUN|g" \
	    -e "s|@LOG@|$LOG|g" -e "s|@PORT@|$PORT|g" -e "s|@USER@|$user|" \
	    -e "s|@NGINX_BODY_MAX@|$((num * 2 + 1))${unit:-}|" \
	    "$ROOT/nginx/bursar.conf.in" >"$VAR/nginx/nginx.conf"
	sed -e "s|@RUN@|$RUN|g" "$ROOT/nginx/routes.conf.in" >"$VAR/nginx/routes.conf"
}

programs() {
	for p in "$BUILD"/cgi-bin/*; do
		[ -x "$p" ] && printf '%s:%s:%s ' "$(basename "$p")" "$WORKERS" "$p"
	done
	# the mail sender, watching its queue (a cron job in production)
	printf 'mailer:1:%s ' "$BUILD/cron/mail_send"
	# the webhook dispatcher, a service: woken by each commit's events
	printf 'webhook-dispatch:1:%s ' "$BUILD/cron/webhook_dispatch"
}

# smtp_start: a real SMTP server on loopback that keeps every message in a
# Maildir (var/mail), standing in for the relay in development and tests
smtp_start() {
	pid_alive "$RUN/smtp.pid" && return 0
	mkdir -p "$VAR/mail/tmp" "$VAR/mail/new" "$VAR/mail/cur"
	/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTPPORT" \
		-c aiosmtpd.handlers.Mailbox "$VAR/mail" >>"$LOG/smtp.log" 2>&1 &
	echo $! >"$RUN/smtp.pid"
	i=0
	until ss -Hltn "sport = :$SMTPPORT" | grep -q . || [ $i -ge 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
}

start() {
	[ -x "$BUILD/scripts/supervise" ] || { echo "stack: build first (make build)" >&2; exit 1; }
	write_config
	pg_start
	sh "$ROOT/scripts/migrate.sh" "$ADMIN_URL" "$ROOT/sql" | grep -v 'up to date' || true
	if [ "${BURSAR_DEMO:-1}" = 1 ] && [ -d "$ROOT/sql/demo" ]; then
		for f in "$ROOT"/sql/demo/*.sql; do
			[ -e "$f" ] && psql -X -q -v ON_ERROR_STOP=1 -d "$ADMIN_URL" -f "$f" >/dev/null
		done
	fi
	chmod 755 "$RUN"
	smtp_start
	# the same programs: a rolling restart picks up a new build; a
	# program added or removed: the supervisor itself starts again
	if pid_alive "$RUN/supervise.pid" && [ "$(programs)" != "$(cat "$RUN/programs" 2>/dev/null)" ]; then
		stop_programs
	fi
	if pid_alive "$RUN/supervise.pid"; then
		kill -HUP "$(cat "$RUN/supervise.pid")"
	else
		# a supervisor that died (killed, or the machine's OOM) may
		# have left workers holding the sockets: clear them first
		clear_stale
		programs >"$RUN/programs"
		# shellcheck disable=SC2046
		BURSAR_CONFIG="$VAR/bursar.conf" BURSAR_WATCH=1 "$BUILD/scripts/supervise" -D \
			-d "$RUN" -l "$LOG" -p "$RUN/supervise.pid" -- $(programs)
	fi
	nginx_conf
	if pid_alive "$VAR/nginx/nginx.pid"; then
		nginx -q -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log" -s reload
	else
		nginx -q -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log"
	fi
	i=0
	until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "stack: /healthz did not answer; see $LOG" >&2; exit 1; }
		sleep 0.1
	done
	# the demo's trade goes in through the API, once the programs answer
	if [ "${BURSAR_DEMO:-1}" = 1 ] && [ -f "$ROOT/scripts/demo_commerce.sh" ]; then
		BURSAR_BUILD="$BUILD" BURSAR_VAR="$VAR" sh "$ROOT/scripts/demo_commerce.sh" \
			"http://127.0.0.1:$PORT" 2>&1 | tee -a "$LOG/demo_commerce.log" || true
	fi
}

stop_programs() {
	pid_alive "$RUN/supervise.pid" || return 0
	pid=$(cat "$RUN/supervise.pid")
	kill -TERM "$pid"
	i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}

# stale_pids: processes still listening on a socket under var/run: the
# workers of a supervisor that died before they learnt to follow it, or
# a supervisor whose pid file is gone
stale_pids() {
	ss -Hxlp 2>/dev/null | awk -v run="$RUN/" 'index($5, run) == 1' |
		grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u
}

# clear_stale: ends those (TERM, then KILL after 2 s) and removes the
# sockets no process serves, so a new supervisor can bind them
clear_stale() {
	pids=$(stale_pids)
	if [ -n "$pids" ]; then
		echo "stack: stopping stale workers:" $pids >&2
		# shellcheck disable=SC2086
		kill -TERM $pids 2>/dev/null || true
		i=0
		while [ -n "$(stale_pids)" ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
		pids=$(stale_pids)
		# shellcheck disable=SC2086
		[ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
		i=0
		while [ -n "$(stale_pids)" ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
	fi
	rm -f "$RUN"/*.sock
}

stop() {
	if pid_alive "$VAR/nginx/nginx.pid"; then
		nginx -q -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log" -s stop || true
	fi
	stop_programs
	clear_stale
	if pid_alive "$RUN/smtp.pid"; then
		kill "$(cat "$RUN/smtp.pid")"; rm -f "$RUN/smtp.pid"
	fi
	if pg_running; then
		as_postgres "$PGBIN/pg_ctl" -D "$PGBASE/data" -m fast -w stop >/dev/null
	fi
	rmdir "$PGSOCK" 2>/dev/null || true
	# nginx removes its pid file only after its workers are gone
	i=0; while [ -f "$VAR/nginx/nginx.pid" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}

status() {
	pg_running && echo "postgresql: running on 127.0.0.1:$PGPORT" || echo "postgresql: stopped"
	pid_alive "$RUN/supervise.pid" && echo "programs: running (supervisor $(cat "$RUN/supervise.pid"))" || echo "programs: stopped"
	pid_alive "$VAR/nginx/nginx.pid" && echo "nginx: running on http://127.0.0.1:$PORT/" || echo "nginx: stopped"
}

case "${1:-}" in
start)
	start
	cat <<MSG

Bursar is running: http://127.0.0.1:$PORT/
  health:   http://127.0.0.1:$PORT/healthz
  logs:     $LOG/  (one JSON line per request)
  mail:     every message sent is caught in $VAR/mail/new/
  database: PGPASSFILE=$PGPASS psql $ADMIN_URL
MSG
	[ "${BURSAR_DEMO:-1}" = 1 ] && [ -f "$ROOT/sql/demo/LOGIN" ] && cat "$ROOT/sql/demo/LOGIN"
	echo "  stop it:  make stop"
	;;
stop) stop ;;
migrate)
	pg_running || pg_start
	sh "$ROOT/scripts/migrate.sh" "$ADMIN_URL" "$ROOT/sql" ;;
status) status ;;
db-stop) pg_running && as_postgres "$PGBIN/pg_ctl" -D "$PGBASE/data" -m fast -w stop >/dev/null ;;
db-start) pg_start ;;
*) echo "usage: stack.sh start|stop|migrate|status" >&2; exit 2 ;;
esac
