#!/bin/sh
# test_migrate.sh: migrations apply in order, once each, and a failing one
# stops the run and leaves the database as it was.  Usage: test_migrate.sh
# ADMIN_URL (a database whose server lets us create another beside it).
set -eu
admin=$1
base=${admin%/*}
db=bursar_migtest_$$
dir=$(mktemp -d)
migrate="sh $(dirname "$0")/../../scripts/migrate.sh $base/$db $dir"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL: $1" >&2; fail=$((fail + 1)); }
q() { psql -X -At -d "$base/$db" -c "$1"; }
expect() { if [ "$(q "$2")" = "$3" ]; then ok; else ko "$1: got '$(q "$2")', want '$3'"; fi; }

psql -X -q -d "$admin" -c "CREATE DATABASE $db"
trap 'psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS $db"; rm -rf "$dir"' EXIT

echo "CREATE TABLE a (x int);" >"$dir/0001_a.sql"
echo "CREATE TABLE b (x int); INSERT INTO b VALUES (1);" >"$dir/0002_b.sql"
$migrate >/dev/null
expect "both migrations recorded, in order" \
	"SELECT string_agg(version, ',' ORDER BY applied_at, version) FROM schema_migrations" "0001_a,0002_b"
$migrate >/dev/null
expect "a second run applies nothing again" "SELECT count(*) FROM b" 1

# 0003 creates a table and a row, then fails: none of it may remain
printf 'CREATE TABLE c (x int);\nINSERT INTO c VALUES (1);\nSELECT * FROM no_such_table;\n' >"$dir/0003_bad.sql"
echo "CREATE TABLE d (x int);" >"$dir/0004_d.sql"
if out=$($migrate 2>&1); then ko "a failing migration fails the run"; else ok; fi
case "$out" in *"0003_bad failed"*) ok ;; *) ko "the error names the migration: $out" ;; esac
case "$out" in *no_such_table*) ok ;; *) ko "the error says why: $out" ;; esac
expect "its table was rolled back" "SELECT to_regclass('c') IS NULL" t
expect "it is not recorded" "SELECT count(*) FROM schema_migrations WHERE version = '0003_bad'" 0
expect "later migrations did not run" "SELECT to_regclass('d') IS NULL" t

# mended, the run goes on from where it stopped
echo "CREATE TABLE c (x int);" >"$dir/0003_bad.sql"
$migrate >/dev/null
expect "after the fix both apply" "SELECT count(*) FROM schema_migrations" 4

echo "migrate: $pass passed, $fail failed"
[ "$fail" = 0 ]
