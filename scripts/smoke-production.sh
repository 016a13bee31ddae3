#!/bin/sh
# Smoke test of the production settings under gunicorn (`make smoke`, run from the repo root).
# A fresh PostgreSQL database (127.0.0.1:5432, user postgres, trust) with the demo content,
# scripts/start-production.sh on a free loopback port, then scripts/smoke_check.py against it.
# Redis at 127.0.0.1:6379 is used when it answers (database 14, flushed first), as production
# does; without it the server runs one worker so the local-memory page cache is shared.
# gunicorn is stopped and the database dropped on every exit.
set -eu

cd "$(dirname "$0")/.."

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER

PYTHON="${PYTHON:-.venv/bin/python}"
DB="weerbaar_smoke_$(date +%s)_$$"
LOG="$(mktemp "${TMPDIR:-/tmp}/weerbaar-smoke.XXXXXX")"
SERVER_PID=""
DB_CREATED=""

fail() {
    echo "smoke: FAIL: $*" >&2
    exit 1
}

cleanup() {
    status=$?
    trap - EXIT INT TERM
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        i=0
        while kill -0 "$SERVER_PID" 2>/dev/null && [ "$i" -lt 20 ]; do
            sleep 0.5
            i=$((i + 1))
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "$status" -ne 0 ] && [ -s "$LOG" ]; then
        echo "smoke: last lines of the server log:" >&2
        tail -n 40 "$LOG" >&2
    fi
    rm -f "$LOG"
    if [ -n "$DB_CREATED" ]; then
        dropdb --if-exists "$DB" 2>/dev/null || echo "smoke: could not drop database $DB" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ -x "$PYTHON" ] || fail "$PYTHON not found (run make install-dev first)"

PORT="${SMOKE_PORT:-$("$PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')}"
BASE="http://127.0.0.1:$PORT"

createdb "$DB" || fail "createdb $DB (is PostgreSQL running on $PGHOST:$PGPORT?)"
DB_CREATED=1

DJANGO_SETTINGS_MODULE=config.settings.production
DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB"
SECRET_KEY="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(48)[:64])')"
ALLOWED_HOSTS=127.0.0.1,localhost
COLLECTSTATIC=1
BIND="127.0.0.1:$PORT"
WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
export DJANGO_SETTINGS_MODULE DATABASE_URL SECRET_KEY ALLOWED_HOSTS COLLECTSTATIC BIND PYTHON
export WEB_CONCURRENCY

if "$PYTHON" -c 'import redis; redis.Redis(host="127.0.0.1", port=6379, db=14,
        socket_timeout=2, socket_connect_timeout=2).flushdb()' 2>/dev/null; then
    REDIS_URL=redis://127.0.0.1:6379/14
    export REDIS_URL
    echo "smoke: cache and sessions in Redis ($REDIS_URL)"
else
    unset REDIS_URL
    WEB_CONCURRENCY=1
    echo "smoke: Redis not reachable, local-memory cache with one gunicorn worker"
fi

echo "smoke: database $DB, migrating and loading the demo content"
"$PYTHON" manage.py migrate --noinput >"$LOG" 2>&1 || { cat "$LOG" >&2; fail "manage.py migrate"; }
"$PYTHON" manage.py load_demo_content >>"$LOG" 2>&1 || { cat "$LOG" >&2; fail "manage.py load_demo_content"; }
: >"$LOG"

echo "smoke: starting scripts/start-production.sh on $BIND"
sh scripts/start-production.sh >"$LOG" 2>&1 &
SERVER_PID=$!

# Wait up to 30 s for /healthz/ (the start script migrates and collects static files first).
if ! "$PYTHON" - "$BASE/healthz/" "$SERVER_PID" <<'PY'
import sys
import time
import urllib.request

url, pid = sys.argv[1], int(sys.argv[2])
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            exited = stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        exited = True
    if exited:
        print("smoke: the server exited before answering", file=sys.stderr)
        sys.exit(1)
    try:
        with opener.open(url, timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
print(f"smoke: no answer from {url} within 30 s", file=sys.stderr)
sys.exit(1)
PY
then
    fail "server did not become healthy"
fi
echo "smoke: server is up, running scripts/smoke_check.py $BASE"

"$PYTHON" scripts/smoke_check.py "$BASE" || fail "smoke checks (see the FAIL lines above)"
echo "smoke: passed"
