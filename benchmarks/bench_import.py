"""How long the kennisbank import takes for 1,000 practices (target: under a minute).

    .venv/bin/python benchmarks/bench_import.py [--count 1000] [--database sqlite|postgres|both]

For each database it migrates a fresh one, generates ``--count`` valid practices (plus the demo
guides) in the import format, and times `manage.py import_kennisbank` twice: the first run
creates every page, the second updates them (idempotent by key). Wall-clock seconds per run are
printed and written to benchmarks/results/import.json. Nothing is timed inside the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PG = {"PGHOST": "127.0.0.1", "PGPORT": "5432", "PGUSER": "postgres"}

ROLES = [
    "docent",
    "jongerenwerker",
    "wijkagent",
    "zorgprofessional",
    "gemeenteambtenaar",
    "sleutelfiguur",
]
DOMAINS = ["zorg", "welzijn", "onderwijs", "veiligheid"]
PHASES = ["preventie", "vroegsignalering", "interventie", "re-integratie"]
THEMES = ["polarisatie", "online-radicalisering", "jihadisme", "rechts-extremisme", "complotdenken"]
LEVELS = [
    "niet-beoordeeld", "goed-beschreven", "goed-onderbouwd", "effectief-eerste-aanwijzingen",
    "effectief-goede-aanwijzingen", "effectief-sterke-aanwijzingen",
]  # fmt: skip


def generate(count: int) -> dict:
    demo = json.loads((ROOT / "fixtures" / "kennisbank" / "demo.json").read_text(encoding="utf-8"))
    template = demo["practices"][0]
    practices = []
    for n in range(count):
        record = dict(template)
        record.update(
            key=f"bench-praktijk-{n:05d}",
            title=f"Praktijk {n}: {template['title']}",
            roles=[ROLES[n % len(ROLES)], ROLES[(n + 2) % len(ROLES)]],
            domains=[DOMAINS[n % len(DOMAINS)]],
            phases=[PHASES[n % len(PHASES)]],
            themes=[THEMES[n % len(THEMES)]],
            evidence_level=LEVELS[n % len(LEVELS)],
        )
        practices.append(record)
    return {"version": 1, "guides": demo["guides"], "practices": practices}


def run(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def bench(database: str, path: Path, count: int) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "LOG_LEVEL": "WARNING"}
    env.pop("REDIS_URL", None)
    db_name = f"weerbaar_bench_import_{os.getpid()}"
    tmp = tempfile.TemporaryDirectory()
    if database == "postgres":
        subprocess.run(["createdb", db_name], env={**env, **PG}, check=True)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{db_name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    python = sys.executable
    try:
        run([python, "manage.py", "migrate", "--noinput"], env)
        created = run([python, "manage.py", "import_kennisbank", str(path)], env)
        updated = run([python, "manage.py", "import_kennisbank", str(path)], env)
    finally:
        if database == "postgres":
            subprocess.run(
                ["dropdb", "--if-exists", "--force", db_name], env={**env, **PG}, check=False
            )
        tmp.cleanup()
    return {
        "database": database,
        "practices": count,
        "create_s": round(created, 1),
        "update_s": round(updated, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(generate(args.count), handle, ensure_ascii=False)
        path = Path(handle.name)
    results = []
    try:
        for database in databases:
            result = bench(database, path, args.count)
            results.append(result)
            print(
                f"import {result['practices']} practices + demo guides on {database}: "
                f"create {result['create_s']} s, update {result['update_s']} s "
                f"(target < 60 s; includes ~3 s of Django start-up per run)",
                flush=True,
            )
    finally:
        path.unlink(missing_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "import.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
