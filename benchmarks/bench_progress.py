"""Latency of recording lesson progress through the JSON API, production settings, gunicorn.

    .venv/bin/python benchmarks/bench_progress.py [--requests 1000] [--clients 4]

Sets up a fresh PostgreSQL database (a temporary SQLite file when PostgreSQL does not answer),
creates a course with one lesson and one enrolled learner per client, and starts
scripts/start-production.sh on a free loopback port. Each client signs in through the real login
form (session cookie, CSRF token) and then posts progress updates as the lesson page's script
does: rising progress, one view id, a growing seconds count. It prints p50, p95 and max latency
over all requests and writes benchmarks/results/progress.json. Target: p95 under 25 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import UTC, datetime
from http.client import HTTPConnection
from pathlib import Path

from bench_pages import (
    RESULTS,
    ROOT,
    create_postgres_database,
    drop_postgres_database,
    free_port,
    git_commit,
    log,
    manage,
    percentile,
    production_env,
    redis_url,
    start_server,
    stop_server,
    wait_healthy,
)

PASSWORD = "bench-wachtwoord-2026"  # noqa: S105 - a throwaway account in a throwaway database

SETUP = """
from django.contrib.auth import get_user_model
from allauth.account.models import EmailAddress
from courses.models import CoursePage, LessonPage, Provider
from courses.services import course_index_page_ensure, enrolment_create
index = course_index_page_ensure()
provider = Provider.objects.create(key="bench", name="Bench")
course = CoursePage(title="Bench", slug="bench", summary="Bench", provider=provider,
                    duration_minutes=10, certificate_title="Bench")
index.add_child(instance=course)
course.save_revision().publish()
lesson = LessonPage(title="Les", slug="les", body=[("paragraph_block", "<p>Tekst</p>")])
course.add_child(instance=lesson)
lesson.save_revision().publish()
User = get_user_model()
for n in range({clients}):
    user = User.objects.create_user(username=f"bench{{n}}", email=f"bench{{n}}@example.test",
                                    password="{password}")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    enrolment_create(user=user, course=course)
print("LESSON", lesson.pk)
"""


class Client:
    """One signed-in learner on a keep-alive connection."""

    def __init__(self, port: int, email: str):
        self.port = port
        self.conn = HTTPConnection("127.0.0.1", port, timeout=10)
        self.cookies: dict[str, str] = {}
        self.origin = f"https://127.0.0.1:{port}"
        self.login(email)

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Host": f"127.0.0.1:{self.port}",
            "Referer": f"{self.origin}/",
            "Origin": self.origin,
            **(headers or {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def login(self, email: str) -> None:
        status, html = self.request("GET", "/account/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if status != 200 or not token:
            raise SystemExit(f"bench: login page answered {status}")
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "login": email,
                "password": PASSWORD,
            }
        ).encode()
        status, _ = self.request(
            "POST",
            "/account/login/",
            form,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"bench: signing in {email} failed ({status})")

    def progress(self, lesson: int, step: int, view: str = "warm-up") -> tuple[int, float]:
        body = json.dumps(
            {"lesson": lesson, "progress": min(1.0, step / 500), "view": view, "seconds": step}
        ).encode()
        started = time.perf_counter()
        status, _ = self.request(
            "POST",
            "/api/v1/progress/",
            body,
            {"Content-Type": "application/json", "X-CSRFToken": self.cookies.get("csrftoken", "")},
        )
        return status, (time.perf_counter() - started) * 1000


def run_level(clients: list[Client], lesson: int, requests: int) -> dict:
    """``requests`` progress posts spread over ``clients`` running at the same time."""
    per_client = requests // len(clients)
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    view = f"run-{len(clients)}"  # each run is a new page view

    def run(client: Client) -> None:
        mine, bad = [], []
        for step in range(1, per_client + 1):
            status, ms = client.progress(lesson, step, view)
            mine.append(ms)
            if status != 200:
                bad.append(status)
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "p50_ms": statistics.median(latencies),
        "p95_ms": percentile(latencies, 0.95),
        "max_ms": max(latencies),
        "requests_per_s": len(latencies) / elapsed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests in all [1000]")
    parser.add_argument(
        "--clients",
        default="1,4",
        help="comma-separated numbers of concurrent learners, one run each [1,4]",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers [2]")
    args = parser.parse_args()
    try:
        levels = [int(n) for n in args.clients.split(",")]
    except ValueError:
        parser.error("--clients must be numbers separated by commas, e.g. 1,4")
    if not levels or min(levels) < 1 or args.requests < max(levels):
        parser.error("each --clients level must be at least 1 and at most --requests")
    learners = max(levels)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    db_name = f"weerbaar_bench_progress_{int(time.time())}_{os.getpid()}"
    tmp = Path(tempfile.mkdtemp(prefix="weerbaar-bench-"))
    process = None
    database_url = create_postgres_database(db_name)
    database = "postgresql" if database_url else "sqlite"
    database_url = database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
    try:
        port = free_port()
        cache = redis_url()
        env = production_env(
            database_url=database_url, port=port, workers=args.workers, cache_url=cache
        )
        log(f"{database} database, cache {'Redis' if cache else 'local memory'}")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        setup = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             SETUP.format(clients=learners, password=PASSWORD)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        match = re.search(r"LESSON (\d+)", setup.stdout)
        if setup.returncode != 0 or not match:
            sys.stderr.write(setup.stdout + setup.stderr)
            raise SystemExit("bench: setting up the course failed")
        lesson = int(match.group(1))

        process = start_server(env, tmp / "server.log")
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base, process)
        clients = [Client(port, f"bench{n}@example.test") for n in range(learners)]
        log(f"{learners} learners signed in; gunicorn with {args.workers} workers")
        for client in clients:  # warm each worker's connection and caches
            client.progress(lesson, 0)
        summaries = {}
        for level in levels:
            summaries[str(level)] = run_level(clients[:level], lesson, args.requests)
        errors = sum(row["errors"] for row in summaries.values())
        print()
        print(f"progress API, {args.requests} requests per run, gunicorn {args.workers} workers:")
        print(
            f"{'learners':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7} {'errors':>7}"
        )
        for level, row in summaries.items():
            print(
                f"{level:>9} {row['p50_ms']:>8.2f} {row['p95_ms']:>8.2f} {row['max_ms']:>8.2f}"
                f" {row['requests_per_s']:>7.0f} {row['errors']:>7}"
            )
        sequential = summaries[str(min(levels))]
        print(
            f"target p95 < 25 ms ({min(levels)} learner(s)): "
            f"{'met' if sequential['p95_ms'] < 25 else 'NOT met'}"
        )
        print()
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / "progress.json"
        out.write_text(
            json.dumps(
                {
                    "when": datetime.now(UTC).isoformat(timespec="seconds"),
                    "commit": git_commit(),
                    "database": database,
                    "cache": "redis" if cache else "locmem",
                    "gunicorn_workers": args.workers,
                    "requests_per_run": args.requests,
                    "runs": summaries,
                },
                indent=2,
            )
            + "\n"
        )
        log(f"wrote {out.relative_to(ROOT)}")
        return 1 if errors else 0
    finally:
        if process is not None:
            stop_server(process)
        if database == "postgresql":
            drop_postgres_database(db_name)


if __name__ == "__main__":
    sys.exit(main())
