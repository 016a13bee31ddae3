#!/bin/sh
# The page benchmark drives gunicorn with wrk (Debian's package). `make bench` and `make test`
# (which runs every benchmark once at a tiny size) install it as root, or stop with the command.
set -eu
command -v wrk >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing wrk for the benchmarks..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
else
    echo "The benchmarks need wrk. Install it with: sudo apt-get install -y --no-install-recommends wrk" >&2
    exit 1
fi
