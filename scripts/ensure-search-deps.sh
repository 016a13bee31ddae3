#!/bin/sh
# Search splits Dutch compounds with the OpenTaal word list (BSD or CC BY 3.0) from Debian's
# hunspell-nl. Installs it on Debian as root, or stops with the command to run.
set -eu
DIC="${HUNSPELL_NL_DIC:-/usr/share/hunspell/nl_NL.dic}"
if [ -f "$DIC" ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the Dutch word list for search (hunspell-nl)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hunspell-nl >/dev/null
else
    echo "Search needs the Dutch word list $DIC (Debian package hunspell-nl)" >&2
    echo "Install it with: sudo apt-get install -y --no-install-recommends hunspell-nl" >&2
    exit 1
fi
