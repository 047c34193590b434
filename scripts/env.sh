# env.sh: the paths and ports of one Bursar stack, sourced by the scripts.
# Every value can be overridden from the environment, so tests run a
# second, throwaway stack beside the developer's own.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${BURSAR_VAR:-$ROOT/var}
BUILD=${BURSAR_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
PORT=${BURSAR_PORT:-8080}
PGPORT=${BURSAR_PGPORT:-55432}
SMTPPORT=${BURSAR_SMTPPORT:-2525}
WORKERS=${BURSAR_WORKERS:-2}
DB=${BURSAR_DB:-bursar}
PGBIN=${PGBIN:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)}
[ -x "$PGBIN/initdb" ] || PGBIN=/usr/lib/postgresql/15/bin
RUN=$VAR/run
LOG=$VAR/log
# the cluster lives under var/ unless the postgres user cannot reach it
# (a checkout under /root): then under /tmp, named after this checkout
PGBASE=$VAR/pg
mkdir -p "$VAR"
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$VAR" 2>/dev/null; then
	PGBASE=/tmp/bursar-pg-$(echo "$VAR" | cksum | cut -d' ' -f1)
fi
# the programs reach PostgreSQL over its Unix socket (faster than loopback
# TCP: bench/dbsocket.sh measures both); its directory is short, under
# /tmp, since a socket's path may not pass 107 bytes.  BURSAR_DB_TCP=1:
# loopback TCP instead.
PGSOCK=/tmp/bursar-sock-$(echo "$VAR" | cksum | cut -d' ' -f1)
# Every login needs its password (scram-sha-256; pg_hba.conf trusts no
# one): stack.sh makes them once and keeps them in var/pgpass (0600),
# which libpq reads through PGPASSFILE or a conninfo's passfile.  The
# programs log in as bursar_app, the cron programs as bursar_cron, and
# migrations as postgres.
PGPASS=$VAR/pgpass
export PGPASSFILE="$PGPASS"
ADMIN_URL="postgresql://postgres@127.0.0.1:$PGPORT/$DB"
if [ "${BURSAR_DB_TCP:-0}" = 1 ]; then
	DBHOST=127.0.0.1
else
	DBHOST=$PGSOCK
fi
APP_CONNINFO="host=$DBHOST port=$PGPORT dbname=$DB user=bursar_app passfile=$PGPASS"
CRON_CONNINFO="host=$DBHOST port=$PGPORT dbname=$DB user=bursar_cron passfile=$PGPASS"
export PGCONNECT_TIMEOUT=5

as_postgres() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
