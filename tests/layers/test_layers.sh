#!/bin/sh
# test_layers.sh: scripts/layers.sh holds the house: the tree as it is
# passes, and a copy of it fails, naming the file and the line, for each
# kind of include that breaks lib/LAYERS.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHECK="$ROOT/scripts/layers.sh"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "  ok   $1"; }
no() { fail=$((fail + 1)); echo "  FAIL $1"; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fresh() {
	rm -rf "$tmp/t"; mkdir -p "$tmp/t"
	cp -r "$ROOT/lib" "$ROOT/cgi-bin" "$ROOT/cron" "$tmp/t/"
}
# expect_fail name pattern: the check fails on the copy and prints pattern
expect_fail() {
	if out=$(sh "$CHECK" "$tmp/t" 2>&1); then
		no "$1: the check passed"
	elif printf '%s\n' "$out" | grep -q -- "$2"; then
		ok "$1"
	else
		no "$1: no line matching '$2' in: $out"
	fi
}
# plant file text: the text as the first line of file (in the copy)
plant() { printf '%s\n' "$2" | cat - "$tmp/t/$1" >"$tmp/t/$1.new" && mv "$tmp/t/$1.new" "$tmp/t/$1"; }

if sh "$CHECK" "$ROOT" >/dev/null 2>&1; then ok "the tree follows lib/LAYERS"; else
	no "the tree follows lib/LAYERS: $(sh "$CHECK" "$ROOT" 2>&1)"; fi

fresh; plant lib/books/ledger.c '#include "commerce/order.h"'
expect_fail "books reaching up to commerce" 'lib/books/ledger.c:1: includes "commerce/order.h": books is below commerce'

fresh; plant lib/base/buf.h '#include "db/db.h"'
expect_fail "base reaching up to db" 'lib/base/buf.h:1: .*base is below db'

fresh; printf 'peer_a\tpeer_b\n' >>"$tmp/t/lib/LAYERS"; mkdir -p "$tmp/t/lib/peer_a" "$tmp/t/lib/peer_b"
printf '#include "peer_b/y.h"\n' >"$tmp/t/lib/peer_a/x.c"; : >"$tmp/t/lib/peer_b/y.h"
expect_fail "peers on one line using each other" 'lib/peer_a/x.c:1: .*peers'

fresh; plant cgi-bin/orders.c '#include "../cgi-bin/invoices.c"'
expect_fail "a program including another" 'cgi-bin/orders.c:1: .*never another program'

fresh; plant lib/web/app.h '#include "web/serve.h"'
expect_fail "a circle inside one folder" 'circle'

fresh; mkdir -p "$tmp/t/lib/stray"; : >"$tmp/t/lib/stray/x.h"
expect_fail "a folder not in lib/LAYERS" 'lib/stray/x.h: folder lib/stray is not in'

fresh; plant lib/commerce/order.c '#include "order.h"'
expect_fail "a header not named by its folder" 'lib/commerce/order.c:1: .*by its folder'

echo "layers: $pass passed, $fail failed"
[ "$fail" = 0 ]
