#!/bin/sh
# deps.sh: installs the Debian packages Bursar needs, only when missing.
# Idempotent; when everything is present it only asks dpkg (well under 1 s).
set -eu

PKGS="build-essential pkg-config libfcgi-dev clearsilver-dev zlib1g-dev
libcjson-dev libcurl4-openssl-dev libssl-dev check libsubunit-dev libpq-dev
postgresql-15 postgresql-client-15 nginx-light curl procps wrk libargon2-dev
libcrack2-dev cracklib-runtime python3-aiosmtpd iproute2 chromium clang libclang-rt-14-dev
hledger libhpdf-dev fonts-dejavu-core qpdf poppler-utils python3-fastapi uvicorn
python3-uvloop python3-httptools python3-asyncpg"

# npm_complete DIR: every package DIR's package.json names is installed
# (a dependency added later is installed by the next run)
npm_complete() {
	[ -d "$1/node_modules" ] && (cd "$1" && node -e '
		const p = require("./package.json"), fs = require("fs");
		const d = Object.assign({}, p.dependencies, p.devDependencies);
		process.exit(Object.keys(d).every(k => fs.existsSync("node_modules/" + k)) ? 0 : 1);
	') 2>/dev/null
}

# browser_deps: playwright-core for the browser tests, from the npm
# registry, pinned by tests/browser/package-lock.json (it drives Debian's
# Chromium; no browser is downloaded)
browser_deps() {
	dir=$(dirname "$0")/../tests/browser
	npm_complete "$dir" && return 0
	echo "deps: installing playwright-core and axe-core (npm ci)"
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

# webhook_deps: the official Standard Webhooks verifier the webhook tests
# check Bursar's signatures with, pinned by tests/webhooks/package-lock.json
webhook_deps() {
	dir=$(dirname "$0")/../tests/webhooks
	npm_complete "$dir" && return 0
	echo "deps: installing standardwebhooks (npm ci)"
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	case "$st" in ii*) ;; *) missing="$missing $p" ;; esac
done
# nginx-light and the full nginx both provide the binary we need
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
	missing=$(echo "$missing" | sed 's/ nginx-light//')
fi
# Node.js for the browser tests (the machine's own, or Debian's)
command -v node >/dev/null 2>&1 || missing="$missing nodejs npm"
if [ -z "$(echo "$missing" | tr -d ' ')" ]; then
	browser_deps
	webhook_deps
	exit 0
fi

echo "deps: installing$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "deps: run as root (or install sudo) to install:$missing" >&2
		exit 1
	}
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
browser_deps
webhook_deps
echo "deps: done"
