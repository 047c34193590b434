#!/bin/sh
# test_migrate.sh: migrations apply in order, once each, and a failing one
# stops the run and leaves the database as it was.  Usage: URL of a
# database whose server lets us create another database beside it.
set -eu
admin=$1
base=${admin%/*}
db=bursar_migtest_$$
dir=$(mktemp -d)
pass=0; fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else echo "FAIL: $1" >&2; fail=$((fail + 1)); fi; }
q() { psql -X -At -d "$base/$db" -c "$1"; }

psql -X -q -d "$admin" -c "CREATE DATABASE $db"
trap 'psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS $db"; rm -rf "$dir"' EXIT

echo "CREATE TABLE a (x int);" >"$dir/0001_a.sql"
echo "CREATE TABLE b (x int); INSERT INTO b VALUES (1);" >"$dir/0002_b.sql"
sh "$(dirname "$0")/../../scripts/migrate.sh" "$base/$db" "$dir" >/dev/null
check "two migrations recorded" '[ "$(q "SELECT string_agg(version, \",\" ORDER BY version) FROM schema_migrations")" = "0001_a,0002_b" ]'
sh "$(dirname "$0")/../../scripts/migrate.sh" "$base/$db" "$dir" >/dev/null
check "a second run applies nothing" '[ "$(q "SELECT count(*) FROM b")" = 1 ]'

# 0003 creates a table, then fails: nothing of it may remain
printf 'CREATE TABLE c (x int);\nINSERT INTO c VALUES (1);\nSELECT * FROM no_such_table;\n' >"$dir/0003_bad.sql"
echo "CREATE TABLE d (x int);" >"$dir/0004_d.sql"
if out=$(sh "$(dirname "$0")/../../scripts/migrate.sh" "$base/$db" "$dir" 2>&1); then
	check "a failing migration fails the run" false
else
	check "a failing migration fails the run" true
fi
check "the error names the migration" 'echo "$out" | grep -q "0003_bad failed"'
check "the error says why" 'echo "$out" | grep -q "no_such_table"'
check "its table was rolled back" '[ -z "$(q "SELECT to_regclass(\x27c\x27)")" ]'
check "it is not recorded" '[ "$(q "SELECT count(*) FROM schema_migrations WHERE version = \x270003_bad\x27")" = 0 ]'
check "later migrations did not run" '[ -z "$(q "SELECT to_regclass(\x27d\x27)")" ]'

echo "migrate: $pass passed, $fail failed"
[ "$fail" = 0 ]
