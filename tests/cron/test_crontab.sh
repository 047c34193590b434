#!/bin/sh
# test_crontab.sh: every program under cron/ is accounted for: either
# cron/crontab runs it (a line that is not a comment names
# .../cron/NAME), or it runs as a service and says so, in the opening
# comment of cron/NAME.c ("Runs as a service") and on its line of
# README.md's map ("NAME.c ... a service").  The tree must pass; copies
# with a program left out must fail, naming it.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "  ok   $1"; }
no() { fail=$((fail + 1)); echo "  FAIL $1"; }

# check DIR: prints one line per program not accounted for; 1 if any
check() {
	bad=0
	for src in "$1"/cron/*.c; do
		name=$(basename "$src" .c)
		if grep -v '^[[:space:]]*#' "$1/cron/crontab" |
		    grep -Eq "/cron/$name([[:space:]]|$)"; then
			continue
		fi
		# the opening comment: up to the first line holding */
		head=$(sed -n '1,/\*\//p' "$src")
		if printf '%s\n' "$head" | grep -qi 'runs as a service' &&
		    grep -E "^[[:space:]]+$name\.c[[:space:]]" "$1/README.md" |
		    grep -qi 'service'; then
			continue
		fi
		echo "cron/$name.c: no line in cron/crontab, and it does not say (in its opening comment and README.md) that it runs as a service"
		bad=1
	done
	return $bad
}

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fresh() { rm -rf "$tmp/t"; mkdir -p "$tmp/t"; cp -r "$ROOT/cron" "$ROOT/README.md" "$tmp/t/"; }

if out=$(check "$ROOT"); then ok "every cron/ program is in cron/crontab or a service"; else
	no "the tree: $out"; fi

fresh
printf '/* new_batch.c: nightly: something. */\nint main(void) { return 0; }\n' >"$tmp/t/cron/new_batch.c"
if out=$(check "$tmp/t"); then no "a new program with no crontab line passed"
elif printf '%s\n' "$out" | grep -q 'cron/new_batch.c'; then ok "a new program with no crontab line fails, named"
else no "a new program: the failure does not name it: $out"; fi

fresh
echo '# 5 * * * *  /usr/lib/bursar/cron/new_batch' >>"$tmp/t/cron/crontab"
printf '/* new_batch.c: nightly: something. */\nint main(void) { return 0; }\n' >"$tmp/t/cron/new_batch.c"
check "$tmp/t" >/dev/null && no "a commented-out crontab line counted" || ok "a commented-out crontab line does not count"
echo '5 * * * *  /usr/lib/bursar/cron/new_batch' >>"$tmp/t/cron/crontab"
check "$tmp/t" >/dev/null && ok "with its crontab line it passes" || no "with its crontab line it still fails"

fresh
printf '/* new_svc.c: Runs as a service: stays up. */\nint main(void) { return 0; }\n' >"$tmp/t/cron/new_svc.c"
check "$tmp/t" >/dev/null && no "a service missing from README.md passed" || ok "a service must also be one in README.md"
printf '      new_svc.c         a service under the supervisor\n' >>"$tmp/t/README.md"
check "$tmp/t" >/dev/null && ok "a service in its header and README.md passes" || no "a declared service still fails"

fresh
grep -v '/cron/mail_send' "$ROOT/cron/crontab" >"$tmp/t/cron/crontab"
if out=$(check "$tmp/t"); then no "the mail sender without its crontab line passed"
elif printf '%s\n' "$out" | grep -q 'cron/mail_send.c'; then ok "the mail sender without its crontab line fails"
else no "mail_send: $out"; fi

echo "crontab: $pass passed, $fail failed"
[ "$fail" = 0 ]
