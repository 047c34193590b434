#!/bin/sh
# layers.sh [root]: checks every #include of lib/, cgi-bin/ and cron/
# against lib/LAYERS and prints each one that reaches up or across, as
# file:line: what and why.  Also refuses a circle between modules of one
# folder.  Exit 0 when the house holds, 1 otherwise.
set -eu
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT"
LC_ALL=C; export LC_ALL

ok=0
# every folder of lib/ is a layer, and lib/ itself holds no module
listed=$(sed 's/#.*//' lib/LAYERS | tr -s ' \t' '\n\n' | grep .)
for d in lib/*/; do
	d=${d#lib/}; d=${d%/}
	printf '%s\n' "$listed" | grep -qx "$d" || {
		for f in lib/"$d"/*; do echo "$f: folder lib/$d is not in lib/LAYERS"; break; done; ok=1; }
done
for f in lib/*.c lib/*.h; do
	[ -f "$f" ] && { echo "$f: lib/ holds folders only; put it in the folder of its layer"; ok=1; }
done

# every quoted include of the tree, as "file line target"
includes=$(mktemp); trap 'rm -f "$includes"' EXIT
for f in lib/*/*.c lib/*/*.h lib/*.c lib/*.h cgi-bin/*.c cgi-bin/*.h \
    cron/*.c cron/*.h; do
	[ -f "$f" ] || continue
	awk -v f="$f" 'match($0, /^[ \t]*#[ \t]*include[ \t]*"[^"]*"/) {
		s = substr($0, RSTART, RLENGTH); sub(/^[^"]*"/, "", s);
		sub(/"$/, "", s); print f, NR, s }' "$f"
done >"$includes"

awk -v layers=lib/LAYERS '
BEGIN {
	rank = 0
	while ((getline line < layers) > 0) {
		sub(/#.*/, "", line)
		n = split(line, w, /[ \t]+/)
		seen = 0
		for (i = 1; i <= n; i++) if (w[i] != "") {
			if (w[i] in lvl) { printf "%s: %s is named twice\n", layers, w[i]; bad = 1 }
			lvl[w[i]] = rank + 1; seen = 1
		}
		if (seen) rank++
	}
}
function folder(path,   p) { split(path, p, "/"); return p[2] }
{
	file = $1; line = $2; inc = $3; where = file ":" line ": includes \"" inc "\": "
	split(file, fp, "/"); top = fp[1]
	if (top == "cgi-bin" || top == "cron") {
		if (inc ~ /\.c$/ || inc ~ /(^|\/)(cgi-bin|cron)\// || inc !~ /\//) {
			print where "a program includes only lib/ headers, never another program"; bad = 1; next
		}
		d = inc; sub(/\/.*/, "", d)
		if (!(d in lvl) || system("test -f lib/" inc) != 0) {
			print where "no such header under lib/"; bad = 1 }
		next
	}
	# a file of lib/ (one outside a layer is reported above)
	mine = fp[2]
	if (fp[3] == "" || !(mine in lvl)) next
	if (inc !~ /^[a-z_]+\/[a-z0-9_]+\.h$/) {
		print where "lib/ includes a header by its folder (\"web/app.h\"), never a program or a .c"; bad = 1; next }
	d = inc; sub(/\/.*/, "", d)
	if (!(d in lvl)) { print where "lib/" d " is not a layer of " layers; bad = 1; next }
	if (system("test -f lib/" inc) != 0) { print where "no such header"; bad = 1; next }
	if (lvl[d] > lvl[mine]) { print where mine " is below " d " in " layers " and may not use it"; bad = 1; next }
	if (lvl[d] == lvl[mine] && d != mine) { print where mine " and " d " are peers in " layers " and may not use each other"; bad = 1; next }
	if (d == mine) {
		m = fp[3]; sub(/\.[ch]$/, "", m); t = inc; sub(/^.*\//, "", t); sub(/\.h$/, "", t)
		if (m != t) print mine "/" m, mine "/" t > "/dev/stderr"
	}
}
END { exit bad }
' "$includes" 2>"$includes.edges" || ok=1

# a circle inside a folder: tsort finds it and names its members
if [ -s "$includes.edges" ]; then
	sort -u "$includes.edges" | while read -r a b; do echo "$b $a"; done \
	    | tsort 2>"$includes.loop" >/dev/null || true
	if [ -s "$includes.loop" ]; then
		echo "lib/: modules include each other in a circle:"
		grep -v 'input contains a loop' "$includes.loop" | sed 's/^tsort: /  /'
		ok=1
	fi
fi
rm -f "$includes.edges" "$includes.loop"
[ $ok = 0 ] && echo "layers: every include of lib/, cgi-bin/ and cron/ follows lib/LAYERS"
exit $ok
