#!/bin/sh
# Installs what the browser tests need (Debian's Chromium, axe-core from npm) or stops with a
# message naming what to install. Browser tests are never skipped silently.
set -eu
CHROMIUM="${1:-/usr/bin/chromium}"

if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian's chromium for the browser tests..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
    else
        echo "The browser tests need Chromium at $CHROMIUM." >&2
        echo "Install it with: sudo apt-get install -y --no-install-recommends chromium" >&2
        exit 1
    fi
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
    if command -v npm >/dev/null 2>&1; then
        npm ci --no-audit --no-fund --silent
    else
        echo "The accessibility audits need axe-core from npm, and npm is missing." >&2
        echo "Install Node.js and npm (sudo apt-get install -y nodejs npm), then run make test again." >&2
        exit 1
    fi
fi
