#!/bin/sh
# Start Weerbaar with production settings: migrate, optionally collect static files, then hand
# the process to gunicorn (exec, so it receives the container's signals directly).
# The image's entry point, and what CI's smoke test (scripts/smoke-production.sh) runs.
#
# Environment (defaults in brackets):
#   PYTHON                  python to use [python]; gunicorn is taken from the same bin/
#   DJANGO_SETTINGS_MODULE  [config.settings.production]
#   COLLECTSTATIC=1         also run collectstatic before starting (the image does it at build)
#   BIND [127.0.0.1:8000]  WEB_CONCURRENCY [2]  FORWARDED_ALLOW_IPS [127.0.0.1]
# gunicorn's runtime control socket (gunicornc) is off: one fixed path per user would be shared
# by every gunicorn on the host, and the container needs no management interface.
# `start-production.sh worker [db_worker options]` runs the background task worker instead
# (search indexing, reminders, Wagtail's own tasks): one next to the web containers. It does not
# migrate; the web process does.
# Any other arguments are passed on to gunicorn. SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL
# are read by the settings; this script never prints them. WEERBAAR_BASE_URL (the public address,
# e.g. https://weerbaar.example) and WEERBAAR_SITE_NAME [Weerbaar] must be set too: migrate's
# system check refuses to run without the address, and migrate writes both into the Site tables.
set -eu

PYTHON="${PYTHON:-python}"
if ! PYTHON_PATH="$(command -v "$PYTHON")"; then
    echo "start-production: python not found: $PYTHON" >&2
    exit 127
fi
# A relative path (PYTHON=.venv/bin/python) means the caller's directory; fix it before cd.
case "$PYTHON_PATH" in
    /*) ;;
    *) PYTHON_PATH="$(pwd)/$PYTHON_PATH" ;;
esac

cd "$(dirname "$0")/.."

# config/wsgi.py and manage.py default to the development settings: always say which.
DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.production}"
export DJANGO_SETTINGS_MODULE

# Loopback unless told otherwise: only a proxy on the same host (or network namespace) reaches
# the app, so nobody can bypass it and write their own X-Forwarded-For. A container publishes
# the port with BIND=0.0.0.0:8000 and TRUSTED_PROXY_IPS set to the proxy's network.
BIND="${BIND:-127.0.0.1:8000}"
WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
WEB_THREADS="${WEB_THREADS:-1}"
FORWARDED_ALLOW_IPS="${FORWARDED_ALLOW_IPS:-127.0.0.1}"

if [ "${1:-}" = "worker" ]; then
    shift
    echo "start-production: settings $DJANGO_SETTINGS_MODULE, task worker (db_worker)"
    exec "$PYTHON_PATH" manage.py db_worker "$@"
fi

echo "start-production: settings $DJANGO_SETTINGS_MODULE, migrating"
"$PYTHON_PATH" manage.py migrate --noinput

if [ "${COLLECTSTATIC:-0}" = "1" ]; then
    echo "start-production: collecting static files"
    "$PYTHON_PATH" manage.py collectstatic --noinput
fi

echo "start-production: gunicorn on $BIND with $WEB_CONCURRENCY workers x $WEB_THREADS threads"
GUNICORN="$(dirname "$PYTHON_PATH")/gunicorn"
if [ -x "$GUNICORN" ]; then
    set -- "$GUNICORN" "$@"
else
    set -- "$PYTHON_PATH" -m gunicorn "$@"
fi
# No access log by default: its lines would hold visitors' addresses, search terms and the
# one-time keys in e-mail confirmation and password-reset links. ACCESS_LOG=1 logs method,
# path without query string, status and duration only.
if [ "${ACCESS_LOG:-0}" = "1" ]; then
    set -- "$@" --access-logfile - --access-logformat '%(m)s %(U)s %(s)s %(L)s'
fi
exec "$@" config.wsgi:application \
    --bind "$BIND" \
    --workers "$WEB_CONCURRENCY" \
    --threads "$WEB_THREADS" \
    --forwarded-allow-ips="$FORWARDED_ALLOW_IPS" \
    --no-control-socket
