#!/bin/sh
# WeasyPrint (certificates) needs Pango and HarfBuzz's subsetter from the system, and fonts.
# Installs them on Debian as root, or stops with the command to run.
set -eu
missing=""
for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do
    if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then
        missing="yes"
    fi
done
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    missing="yes"
fi
if [ -z "$missing" ]; then
    exit 0
fi
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the system libraries for PDF certificates (WeasyPrint)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
else
    echo "PDF certificates need: $PACKAGES" >&2
    echo "Install them with: sudo apt-get install -y --no-install-recommends $PACKAGES" >&2
    exit 1
fi
