#!/bin/bash
# run-all.sh: `make test` after the build: unit suites, integration suite,
# then both again under ASan+UBSan; ends with one line totalling them all.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# the house first: an include against lib/LAYERS fails the run
sh scripts/layers.sh 2>&1 | tee -a "$log" || status=1
sh tests/layers/test_layers.sh 2>&1 | tee -a "$log" || status=1
# every cron/ program in cron/crontab or declared a service
sh tests/cron/test_crontab.sh 2>&1 | tee -a "$log" || status=1
for step in unit integration sanitize; do
	make --no-print-directory "$step" 2>&1 | grep --line-buffered -vE '^  (CC|LD) ' | tee -a "$log" || status=1
done
# the parsers under libFuzzer, briefly: a crash or a leak fails the run
make --no-print-directory fuzz FUZZ_SECONDS=${FUZZ_SECONDS:-10} 2>&1 | grep --line-buffered -vE '^  FUZZ ' | tee -a "$log" || status=1
# CI shows the end of the output: name every failure again there
if grep -qE ':[0-9]+:[FE]:|^✖ |^ *FAIL' "$log"; then
	echo "== what failed"
	grep -E ':[0-9]+:[FE]:|^✖ |^ *FAIL' "$log" | head -n 40
fi
# Check prints "NN%: Checks: N, Failures: F, Errors: E"; the shell suites
# print "name: P passed, F failed"; node's runner "ℹ pass N" and "ℹ fail N"
awk '
	/^[0-9]+%: Checks:/ { gsub(/,/, ""); pass += $3 - $5 - $7; fail += $5 + $7 }
	/: [0-9]+ passed, [0-9]+ failed$/ { pass += $(NF-3); fail += $(NF-1) }
	/^ℹ pass [0-9]+$/ { pass += $3 }
	/^ℹ fail [0-9]+$/ { fail += $3 }
	END { printf "tests: %d passed, %d failed\n", pass, fail; exit fail > 0 }
' "$log" || status=1
exit $status
