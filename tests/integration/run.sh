#!/bin/sh
# run.sh: the integration suite against a real, throwaway stack: its own
# PostgreSQL cluster, programs and nginx on free ports, under var/test-*,
# stopped at the end even when a test fails.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BURSAR_BUILD:-build}

free_port() {
	p=$1
	while ss -Hltn "sport = :$p" 2>/dev/null | grep -q . ; do p=$((p + 1)); done
	echo "$p"
}

export BURSAR_VAR="$ROOT/var/test-$$"
export BURSAR_BUILD="$BUILD"
# below 30000: the kernel hands out client ports from 32768 up, and one
# may take a port between our check and the server binding it
export BURSAR_PORT=$(free_port $((20000 + $$ % 10000)))
export BURSAR_PGPORT=$(free_port $((BURSAR_PORT + 1)))
export BURSAR_SMTPPORT=$(free_port $((BURSAR_PGPORT + 1)))
export BURSAR_DEMO=1
export BURSAR_LOGIN_IP_LIMIT=20
export BURSAR_BODY_LIMIT=1M
export BURSAR_WORKERS=2
export BURSAR_SECRET="integration-test-secret-0123456789abcdef"

cleanup() {
	sh "$ROOT/scripts/stack.sh" stop || true
	[ "${KEEP_VAR:-0}" = 1 ] || rm -rf "$BURSAR_VAR"
}
trap cleanup EXIT INT TERM

echo "integration: stack on 127.0.0.1:$BURSAR_PORT, postgres on $BURSAR_PGPORT"
sh "$ROOT/scripts/stack.sh" start >/dev/null

export BURSAR_URL="http://127.0.0.1:$BURSAR_PORT"
export BURSAR_ADMIN_URL="postgresql://postgres@127.0.0.1:$BURSAR_PGPORT/bursar"
export BURSAR_ADMIN_CONNINFO="host=127.0.0.1 port=$BURSAR_PGPORT dbname=bursar user=postgres"
export BURSAR_APP_CONNINFO="host=127.0.0.1 port=$BURSAR_PGPORT dbname=bursar user=bursar_app"
export BURSAR_CRON_CONNINFO="host=127.0.0.1 port=$BURSAR_PGPORT dbname=bursar user=bursar_cron"
# every login needs its password: stack.sh keeps them there
export PGPASSFILE="$BURSAR_VAR/pgpass"
export BURSAR_ROOT="$ROOT"
case "$BUILD" in /*) ;; *) export BURSAR_BUILD="$ROOT/$BUILD" ;; esac
export BURSAR_TEMPLATE_DIR="$ROOT/templates"
# Check's fork mode would hide a crash behind a child; run in-process
export CK_FORK=no
status=0
# the in-process cases log their requests: keep that out of the report
"$ROOT/$BUILD/tests/integration/integ" 2>"$BURSAR_VAR/log/integ.log" || {
	status=$?; tail -n 20 "$BURSAR_VAR/log/integ.log" >&2; }
# CK_RUN_CASE=orders runs one case of the C suite and nothing else
if [ -z "${CK_RUN_CASE:-}" ]; then
	# a person's path through the forms, in a real browser
	(cd "$ROOT/tests/browser" && node --test --test-reporter=spec invite.test.mjs order.test.mjs webhooks.test.mjs nav.test.mjs) || status=$?
	sh "$ROOT/tests/integration/test_migrate.sh" "$BURSAR_ADMIN_URL" || status=$?
	# the books checked by hledger's own arithmetic, over the export
	sh "$ROOT/tests/integration/test_hledger.sh" || status=$?
	sh "$ROOT/tests/integration/test_supervise.sh" "$ROOT/$BUILD/scripts/supervise" \
		"$ROOT/$BUILD/cgi-bin/home" || status=$?
fi
# workers report leaks when they exit: stop the stack before reading logs
sh "$ROOT/scripts/stack.sh" stop
if grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error' "$BURSAR_VAR"/log/*.log; then
	echo "integration: a sanitizer reported in the workers' logs:" >&2
	grep -h -A5 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error' "$BURSAR_VAR"/log/*.log >&2
	status=1
fi
exit $status
