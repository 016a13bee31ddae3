#!/bin/sh
# Run the whole suite on PostgreSQL (127.0.0.1:5432, user postgres, trust), in a fresh
# database per run so runs never see each other's data, with every search-engine test against
# a real OpenSearch 2.19 node (scripts/search-engine.sh; `make test` uses noida-db instead).
# A node that was already running is reused and left running; one started here is stopped.
set -eu
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
DB="weerbaar_ci_$(date +%s)_$$"
ENGINE_PORT="${SEARCH_ENGINE_PORT:-9250}"
export PGHOST PGPORT PGUSER

started_engine=""
if ! bash scripts/search-engine.sh status --port "$ENGINE_PORT" >/dev/null 2>&1; then
    started_engine=yes
fi
cleanup() {
    dropdb --if-exists "$DB" 2>/dev/null || true
    dropdb --if-exists "test_$DB" 2>/dev/null || true
    if [ -n "$started_engine" ]; then bash scripts/search-engine.sh stop --port "$ENGINE_PORT" || true; fi
}
trap cleanup EXIT
ENGINE_URL="$(bash scripts/search-engine.sh start --nodes 1 --port "$ENGINE_PORT")"
case "$ENGINE_URL" in
    http://*|https://*) ;;
    *) echo "test-postgres: search-engine.sh printed no URL but: $ENGINE_URL" >&2; exit 1 ;;
esac
createdb "$DB"
DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB" \
    ELASTICSEARCH_URL="$ENGINE_URL" ELASTICSEARCH_FLAVOUR=opensearch \
    .venv/bin/pytest -m "not bench"
