"""Render time of the trainer dashboard for a cohort of 5,000 learners and 30 lessons.

    .venv/bin/python benchmarks/bench_dashboard.py [--learners 5000] [--lessons 30] [--runs 15]

Creates a fresh PostgreSQL database (a temporary SQLite file when PostgreSQL does not answer),
migrates, seeds the cohort with ``manage.py seed_cohort``, then renders the dashboard and the
matrix export in-process through Django's test client as the cohort's trainer, and prints the
median and p95 render time and the number of queries. Target: dashboard under 1 s.
Writes benchmarks/results/dashboard.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench_pages import (
    RESULTS,
    ROOT,
    create_postgres_database,
    drop_postgres_database,
    git_commit,
    log,
    manage,
    percentile,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=5000)
    parser.add_argument("--lessons", type=int, default=30)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    db_name = f"weerbaar_bench_dashboard_{int(time.time())}_{os.getpid()}"
    tmp = Path(tempfile.mkdtemp(prefix="weerbaar-bench-"))
    database_url = create_postgres_database(db_name)
    database = "postgresql" if database_url else "sqlite"
    database_url = database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=database_url)
    try:
        manage(env, "migrate", "--noinput")
        started = time.perf_counter()
        manage(env, "seed_cohort", f"--learners={args.learners}", f"--lessons={args.lessons}")
        seed_s = time.perf_counter() - started
        log(
            f"{database}: seeded {args.learners} learners x {args.lessons} lessons in {seed_s:.1f} s"
        )

        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        from courses.models import Cohort
        from tests.factories import totp_activate

        cohort = Cohort.objects.order_by("-pk").first()
        totp_activate(cohort.trainer)  # trainers reach /trainer/ only with an authenticator app
        client = Client()
        client.force_login(cohort.trainer)
        # Exports need a recent reauthentication (password and authenticator code). The
        # benchmark measures rendering, not the sign-in, so it records both factors through
        # allauth's own record, as its reauthentication form does.
        from types import SimpleNamespace

        from allauth.account.internal.flows.login import record_authentication

        session = client.session
        request = SimpleNamespace(session=session)
        record_authentication(request, cohort.trainer, "password", reauthenticated=True)
        record_authentication(request, cohort.trainer, "mfa", type="totp", reauthenticated=True)
        session.save()
        results = {}
        for name, url in (
            ("dashboard", reverse("courses:trainer_cohort", args=[cohort.pk])),
            ("export_csv", reverse("courses:trainer_export", args=[cohort.pk, "matrix", "csv"])),
        ):
            client.get(url)  # warm-up
            timings = []
            for _ in range(args.runs if name == "dashboard" else max(3, args.runs // 5)):
                with CaptureQueriesContext(connection) as queries:
                    began = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - began) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"bench: {url} answered {response.status_code}")
            results[name] = {
                "median_ms": statistics.median(timings),
                "p95_ms": percentile(timings, 0.95),
                "queries": len(queries),
                "bytes": len(response.content),
            }
        print()
        print(f"trainer dashboard, {args.learners} learners x {args.lessons} lessons ({database}):")
        for name, row in results.items():
            print(
                f"  {name:<11} median {row['median_ms']:8.1f} ms   p95 {row['p95_ms']:8.1f} ms"
                f"   {row['queries']} queries   {row['bytes'] / 1024:.0f} KiB"
            )
        met = results["dashboard"]["p95_ms"] < 1000
        print(f"  target dashboard < 1 s: {'met' if met else 'NOT met'}")
        print()
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / "dashboard.json"
        out.write_text(
            json.dumps(
                {
                    "when": datetime.now(UTC).isoformat(timespec="seconds"),
                    "commit": git_commit(),
                    "database": database,
                    "learners": args.learners,
                    "lessons": args.lessons,
                    "seed_s": seed_s,
                    "results": results,
                },
                indent=2,
            )
            + "\n"
        )
        log(f"wrote {out.relative_to(ROOT)}")
        return 0
    finally:
        from django.db import connections

        connections.close_all()
        if database == "postgresql":
            drop_postgres_database(db_name)


if __name__ == "__main__":
    sys.exit(main())
