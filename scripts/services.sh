#!/bin/sh
# Installs and starts the services the PostgreSQL suite, the smoke test and the benchmarks need:
# PostgreSQL on 127.0.0.1:5432 (user postgres, trust for local connections) and Redis on
# 127.0.0.1:6379. `make services` runs it; `.ci/run`, `make test-postgres`, `make smoke` and
# `make bench` call it first. The machines no longer start either service, so the project does.
#
# Idempotent: what is installed is not installed again, what answers is not started again, and a
# second run prints one line and does nothing. Not root: it stops and names the commands to run.
# `make run` and `make test` need neither service (SQLite and the local-memory cache).
set -eu

PGPORT=5432
REDIS_PORT=6379
WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-60}"

pg_up() { pg_isready -h 127.0.0.1 -p "$PGPORT" -U postgres -q 2>/dev/null; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }

if command -v pg_isready >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 && pg_up && redis_up; then
    echo "services: PostgreSQL on 127.0.0.1:$PGPORT and Redis on 127.0.0.1:$REDIS_PORT already answer"
    exit 0
fi

if [ "$(id -u)" != "0" ]; then
    cat >&2 <<EOF
services: PostgreSQL (127.0.0.1:$PGPORT) or Redis (127.0.0.1:$REDIS_PORT) does not answer, and
installing and starting them needs root. Run, as root:
  apt-get update && apt-get install -y --no-install-recommends postgresql redis-server
  pg_ctlcluster --skip-systemctl-redirect <version> main start
  redis-server --daemonize yes --bind 127.0.0.1 --port $REDIS_PORT --save "" --appendonly no
then allow trust for local connections to user postgres (pg_hba.conf), or run: sudo make services
EOF
    exit 1
fi

# --- install what is missing (one apt-get update, only when something is missing) -------------
missing=""
[ -d /usr/lib/postgresql ] && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing="$missing postgresql"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
if [ -n "$missing" ]; then
    echo "services: installing$missing from Debian's packages..."
    apt-get update -qq
    # The packages' own start hooks would try an init system these machines do not run; a
    # policy-rc.d that refuses keeps them quiet, and this script starts the servers itself below.
    policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
        policy="yes"
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    [ -z "$policy" ] || rm -f /usr/sbin/policy-rc.d
fi

# --- PostgreSQL ---------------------------------------------------------------------------------
if ! pg_up; then
    version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -q "^$version main$"; then
        echo "services: creating the PostgreSQL $version cluster 'main'..."
        pg_createcluster "$version" main --port "$PGPORT" >/dev/null
    fi
    conf_dir="/etc/postgresql/$version/main"
    # Trust for connections from this machine only: tests and CI create and drop databases as
    # user postgres without a password. Written once, before the first start.
    if ! grep -q "weerbaar: local trust" "$conf_dir/pg_hba.conf"; then
        {
            echo "# weerbaar: local trust (scripts/services.sh); loopback and the local socket only"
            echo "local   all all                trust"
            echo "host    all all 127.0.0.1/32   trust"
            echo "host    all all ::1/128        trust"
            grep -v '^\s*#' "$conf_dir/pg_hba.conf" | grep -v '^\s*$' || true
        } > "$conf_dir/pg_hba.conf.new"
        mv "$conf_dir/pg_hba.conf.new" "$conf_dir/pg_hba.conf"
        chown postgres:postgres "$conf_dir/pg_hba.conf"
    fi
    # Listen on loopback only, on the fixed port.
    printf "listen_addresses = '127.0.0.1'\nport = %s\n" "$PGPORT" > "$conf_dir/conf.d/weerbaar.conf"
    mkdir -p /var/run/postgresql && chown postgres:postgres /var/run/postgresql
    if pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
        pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    else
        pg_ctlcluster --skip-systemctl-redirect "$version" main start
    fi
fi

# --- Redis --------------------------------------------------------------------------------------
if ! redis_up; then
    mkdir -p /var/lib/redis /var/log/redis
    # No persistence: the cache, sessions and limits of tests and benchmarks are throw-away.
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/weerbaar.log
fi

# --- wait until both answer ---------------------------------------------------------------------
i=0
until pg_up && redis_up; do
    i=$((i + 1))
    if [ "$i" -gt "$((WAIT_SECONDS * 2))" ]; then
        pg_up || echo "services: PostgreSQL does not answer on 127.0.0.1:$PGPORT after ${WAIT_SECONDS} s" >&2
        redis_up || echo "services: Redis does not answer on 127.0.0.1:$REDIS_PORT after ${WAIT_SECONDS} s" >&2
        exit 1
    fi
    sleep 0.5
done
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "select 1" postgres >/dev/null
echo "services: PostgreSQL on 127.0.0.1:$PGPORT and Redis on 127.0.0.1:$REDIS_PORT answer"
