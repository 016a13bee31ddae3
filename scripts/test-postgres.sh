#!/bin/sh
# Run the whole suite on PostgreSQL (127.0.0.1:5432, user postgres, trust), in a fresh
# database per run so runs never see each other's data.
set -eu
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
DB="weerbaar_ci_$(date +%s)_$$"
export PGHOST PGPORT PGUSER

cleanup() { dropdb --if-exists "$DB" 2>/dev/null || true; dropdb --if-exists "test_$DB" 2>/dev/null || true; }
trap cleanup EXIT
createdb "$DB"
DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB" .venv/bin/pytest -m "not bench"
