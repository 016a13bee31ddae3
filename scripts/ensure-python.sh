#!/bin/sh
# Makes sure Python 3.11 can create a virtual environment (Debian ships venv/ensurepip in a
# separate package), or stops with a message naming what to install.
set -eu
PYTHON="${1:-python3.11}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "Weerbaar needs $PYTHON. Install it with: sudo apt-get install -y python3.11 python3.11-venv" >&2
    exit 1
fi
if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11-venv >/dev/null
    else
        echo "$PYTHON cannot create virtual environments. Install: sudo apt-get install -y python3.11-venv" >&2
        exit 1
    fi
fi
