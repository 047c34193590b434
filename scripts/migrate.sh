#!/bin/sh
# migrate.sh: applies sql/NNNN_*.sql in order, each once, each in its own
# transaction together with its row in schema_migrations.  A failing
# migration stops the run with its error and leaves the database as it was
# before that file.  Usage: migrate.sh ADMIN_URL [SQL_DIR]
set -eu
url=$1
dir=${2:-$(dirname "$0")/../sql}
psql="psql -X -q -v ON_ERROR_STOP=1 -d $url"

$psql -c "CREATE TABLE IF NOT EXISTS schema_migrations (
	version text PRIMARY KEY,
	applied_at timestamptz NOT NULL DEFAULT now())" 2>&1 | grep -v NOTICE || true

applied=0
for f in "$dir"/[0-9][0-9][0-9][0-9]_*.sql; do
	[ -e "$f" ] || continue
	v=$(basename "$f" .sql)
	done_already=$($psql -At -c "SELECT 1 FROM schema_migrations WHERE version = '$v'")
	[ -n "$done_already" ] && continue
	# the advisory lock makes two concurrent runs take turns; the version
	# check inside the transaction makes the second one a no-op
	if ! out=$($psql -1 \
		-c "SELECT pg_advisory_xact_lock(7011965)" \
		-c "DO \$\$ BEGIN IF EXISTS (SELECT 1 FROM schema_migrations WHERE version = '$v') THEN RAISE EXCEPTION 'already applied'; END IF; END \$\$" \
		-f "$f" \
		-c "INSERT INTO schema_migrations (version) VALUES ('$v')" 2>&1); then
		case "$out" in *"already applied"*) continue ;; esac
		echo "migrate: $v failed; the database is unchanged by it:" >&2
		echo "$out" | grep -v '^ pg_advisory' >&2
		exit 1
	fi
	echo "migrate: applied $v"
	applied=$((applied + 1))
done
echo "migrate: $applied applied, database up to date"
