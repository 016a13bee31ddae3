"""``make relevance``: the Dutch relevance sets on every backend, as one table.

For each database (SQLite always; PostgreSQL too when DATABASE_URL points at one) a fresh
database is migrated and the demo content imported; the demo set is measured on the database
backend and on Elasticsearch. Then the held-out corpus (fixtures/relevance) is imported on top,
through the same import commands editors use, and both halves of the held-out set are measured.
Elasticsearch is the cluster in ELASTICSEARCH_URL, or else noida-db (an Elasticsearch-compatible
stand-in from the dev lock) on a free port.

Only the tuning half may guide changes to analysis or ranking; the held-out half is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pages import stop_server  # noqa: E402
from benchmarks.bench_search import start_noida  # noqa: E402

HELDOUT = ROOT / "fixtures" / "relevance"
PG = {"PGHOST": "127.0.0.1", "PGPORT": "5432", "PGUSER": "postgres"}


def manage(args: list[str], env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def measure(set_name: str, env: dict, es_url: str, database: str) -> list[dict]:
    rows = []
    for backend, url in (("database", ""), ("elasticsearch", es_url)):
        out = manage(
            ["search_relevance", "--set", set_name, "--json"], {**env, "ELASTICSEARCH_URL": url}
        )
        for line in out.splitlines():
            row = json.loads(line)
            if row["backend"] != backend:
                raise SystemExit(f"expected {backend}, answered by {row['backend']}: {row}")
            row["database"] = database
            rows.append(row)
            print(
                f"  {row['label']:<9} {database:<11} {backend:<14} {row['total']:>4} "
                f"success@3 {row['success_at_3']:.3f}  MRR {row['mrr']:.3f}",
                flush=True,
            )
    return rows


def run_database(database: str, env: dict, es_url: str) -> list[dict]:
    manage(["migrate", "--noinput"], env)
    manage(["import_kennisbank", "fixtures/kennisbank/demo.json"], env)
    manage(["import_courses", "fixtures/courses/demo.json"], env)
    manage(["search_rebuild"], {**env, "ELASTICSEARCH_URL": es_url})
    rows = measure("demo", env, es_url, database)
    manage(["import_kennisbank", str(HELDOUT / "heldout_kennisbank.json")], env)
    manage(["import_courses", str(HELDOUT / "heldout_courses.json")], env)
    manage(["search_rebuild"], {**env, "ELASTICSEARCH_URL": es_url})
    return rows + measure("heldout", env, es_url, database)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the missed queries")
    parser.add_argument("--json", help="also write every row to this file")
    args = parser.parse_args()

    tmp_dir = tempfile.TemporaryDirectory()
    tmp = Path(tmp_dir.name)
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "ELASTICSEARCH_INDEX": f"weerbaar-relevance-{os.getpid()}",
        "ELASTICSEARCH_TIMEOUT": os.environ.get("ELASTICSEARCH_TIMEOUT", "30"),
    }
    base_env.pop("REDIS_URL", None)
    es_url = os.environ.get("ELASTICSEARCH_URL", "")
    engine = "ELASTICSEARCH_URL" if es_url else "noida-db (stand-in)"
    noida = None
    rows: list[dict] = []
    databases = [("sqlite", f"sqlite:///{tmp}/relevance.sqlite3")]
    pg_db = None
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pg_db = f"weerbaar_relevance_{os.getpid()}"
        subprocess.run(["createdb", pg_db], env={**os.environ, **PG}, check=True)
        databases.append(("postgresql", f"postgres://postgres@127.0.0.1:5432/{pg_db}"))
    try:
        if not es_url:
            noida, es_url = start_noida(tmp)
        for database, url in databases:
            print(f"measuring on {database} ...", flush=True)
            rows += run_database(database, {**base_env, "DATABASE_URL": url}, es_url)
    finally:
        if noida is not None:
            stop_server(noida)
        if pg_db:
            subprocess.run(["dropdb", "--if-exists", pg_db], env={**os.environ, **PG}, check=False)
        tmp_dir.cleanup()

    print(f"\nElasticsearch: {engine}\n")
    print(f"{'set':<9} {'database':<11} {'backend':<14} {'n':>4} {'success@3':>10} {'MRR':>7}")
    for row in rows:
        backend = row["backend"]
        print(
            f"{row['label']:<9} {row['database']:<11} {backend:<14} {row['total']:>4} "
            f"{row['success_at_3']:>10.3f} {row['mrr']:>7.3f}"
        )
    if args.misses:
        for row in rows:
            if row["failures"]:
                print(f"\n{row['label']} / {row['database']} / {row['backend']}:")
                for failure in row["failures"]:
                    print(f"  {failure}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
