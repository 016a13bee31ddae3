#!/bin/sh
# Smoke test of the production settings under gunicorn (`make smoke`, run from the repo root).
# A fresh PostgreSQL database (127.0.0.1:5432, user postgres, trust) with the demo content,
# scripts/start-production.sh on a free loopback port, then scripts/smoke_check.py against it.
# Redis at 127.0.0.1:6379 is used when it answers (database 14, flushed first), as production
# does; without it the server runs one worker so the local-memory page cache is shared.
# gunicorn is stopped and the database dropped on every exit.
#
# Timeouts: the start script gets START_TIMEOUT [180] s for its migrate and collectstatic, then
# gunicorn SMOKE_HEALTH_TIMEOUT [30] s to answer /healthz/ (its workers import the whole app).
set -eu

cd "$(dirname "$0")/.."

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER

PYTHON="${PYTHON:-.venv/bin/python}"
START_TIMEOUT="${START_TIMEOUT:-180}"
SMOKE_HEALTH_TIMEOUT="${SMOKE_HEALTH_TIMEOUT:-30}"
DB="weerbaar_smoke_$(date +%s)_$$"
LOG="$(mktemp "${TMPDIR:-/tmp}/weerbaar-smoke.XXXXXX")"
SERVER_PID=""
CHILD=""
DB_CREATED=""

fail() {
    echo "smoke: FAIL: $*" >&2
    exit 1
}

stop() {  # stop PID: TERM, up to 10 s grace, then KILL
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        kill -TERM "$1" 2>/dev/null || true
        i=0
        while kill -0 "$1" 2>/dev/null && [ "$i" -lt 20 ]; do
            sleep 0.5
            i=$((i + 1))
        done
        kill -KILL "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}

cleanup() {
    status=$?
    trap - EXIT INT TERM
    stop "$CHILD"
    stop "$SERVER_PID"
    if [ "$status" -ne 0 ] && [ -s "$LOG" ]; then
        echo "smoke: last lines of the log (commands and server):" >&2
        tail -n 40 "$LOG" >&2
    fi
    rm -f "$LOG"
    if [ -n "$DB_CREATED" ]; then
        dropdb --if-exists --force "$DB" 2>/dev/null || echo "smoke: could not drop database $DB" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Run a command in the background and wait for it, so that INT/TERM interrupt the wait at once
# and cleanup can stop the command too.
run() {
    "$@" &
    CHILD=$!
    wait "$CHILD" && rc=0 || rc=$?
    CHILD=""
    return "$rc"
}

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
# The public address every e-mail and full URL names; production refuses to migrate without it.
WEERBAAR_BASE_URL="$BASE"
WEERBAAR_SITE_NAME=Weerbaar
COLLECTSTATIC=1
BIND="127.0.0.1:$PORT"
WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
export DJANGO_SETTINGS_MODULE DATABASE_URL SECRET_KEY ALLOWED_HOSTS COLLECTSTATIC BIND PYTHON
export WEERBAAR_BASE_URL WEERBAAR_SITE_NAME
export WEB_CONCURRENCY

if "$PYTHON" -c 'import redis
for db in (13, 14):
    redis.Redis(host="127.0.0.1", port=6379, db=db, socket_timeout=2,
                socket_connect_timeout=2).flushdb()' 2>/dev/null; then
    REDIS_URL=redis://127.0.0.1:6379/14
    # Production gives the page cache a Redis instance of its own (maxmemory, allkeys-lru; see
    # the README); the smoke test has one Redis, so another database stands in for it.
    PAGE_CACHE_REDIS_URL=redis://127.0.0.1:6379/13
    export REDIS_URL PAGE_CACHE_REDIS_URL
    echo "smoke: cache and sessions in Redis ($REDIS_URL), pages in $PAGE_CACHE_REDIS_URL"
else
    unset REDIS_URL PAGE_CACHE_REDIS_URL
    WEB_CONCURRENCY=1
    echo "smoke: Redis not reachable, local-memory cache with one gunicorn worker"
fi

echo "smoke: database $DB, migrating and loading the demo content"
run "$PYTHON" manage.py migrate --noinput >"$LOG" 2>&1 \
    || { cat "$LOG" >&2; : >"$LOG"; fail "manage.py migrate"; }
run "$PYTHON" manage.py load_demo_content >>"$LOG" 2>&1 \
    || { cat "$LOG" >&2; : >"$LOG"; fail "manage.py load_demo_content"; }
: >"$LOG"

echo "smoke: starting scripts/start-production.sh on $BIND"
sh scripts/start-production.sh >"$LOG" 2>&1 &
SERVER_PID=$!

# Wait for the start script to reach gunicorn, then for /healthz/ to answer 200.
WAIT_PY="$(cat <<'PY'
import sys
import time
import urllib.request

url, pid, log, start_timeout, health_timeout = sys.argv[1:]
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def server_exited() -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


def wait(what, seconds, done):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server_exited():
            sys.exit("smoke: the server exited before answering")
        if done():
            return
        time.sleep(0.5)
    sys.exit(f"smoke: {what} within {seconds:g} s")


def gunicorn_started() -> bool:
    with open(log, errors="replace") as handle:
        return "start-production: gunicorn on" in handle.read()


def healthy() -> bool:
    try:
        with opener.open(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


wait("the start script did not reach gunicorn", float(start_timeout), gunicorn_started)
wait(f"no 200 from {url}", float(health_timeout), healthy)
PY
)"
run "$PYTHON" -c "$WAIT_PY" "$BASE/healthz/" "$SERVER_PID" "$LOG" "$START_TIMEOUT" \
    "$SMOKE_HEALTH_TIMEOUT" || fail "server did not become healthy"
echo "smoke: server is up, running scripts/smoke_check.py $BASE"

run "$PYTHON" scripts/smoke_check.py "$BASE" || fail "smoke checks (see the FAIL lines above)"

# Publishing the demo content queued search-index tasks in the database; the worker mode of
# the start script must run them all.
echo "smoke: running the queued tasks with scripts/start-production.sh worker --batch"
run sh scripts/start-production.sh worker --batch --no-startup-delay >>"$LOG" 2>&1 \
    || fail "task worker"
TASKS_PY='from django_tasks_db.models import DBTaskResult
from search.models import SearchDocument
statuses = sorted(set(DBTaskResult.objects.values_list("status", flat=True)))
documents = SearchDocument.objects.count()
print(f"smoke: tasks {statuses}, {documents} search documents")
assert statuses == ["SUCCESSFUL"] and documents > 0'
run "$PYTHON" manage.py shell --no-imports -c "$TASKS_PY" || fail "queued tasks did not all succeed"
echo "smoke: passed"
