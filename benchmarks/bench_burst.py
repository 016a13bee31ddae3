"""A burst of long anonymous searches, and what the rest of the site feels of it.

    .venv/bin/python benchmarks/bench_burst.py [--searches 200] [--words 60] [--workers 2]

Issue 16 found that 200 concurrent 60-word searches against production settings (2 workers)
took 12.8 s each and held `/healthz/` and even the cached home page up for 13-17 s. Since then
a query is cut to its first words and searches are rate-limited per address. This script
measures that in one run, in two phases on the same server set-up (production settings,
gunicorn with ``--workers``, Redis as the cache when it answers, the demo content, database
search):

- ``limits off``: ``SEARCH_RATE_LIMIT`` empty, so only the word cap protects the site;
- ``limits on``: the production default, so past the budget a search gets a cheap 429.

In each phase it first times ``/healthz/`` and ``/`` at rest, then fires ``--searches`` searches
at once (each its own thread and connection) while a probe keeps asking for ``/healthz/`` and
``/``. It prints, per phase, the searches' status codes and p50/p95, and the probes' p50/p95 at
rest and during the burst. Medians and p95, compared within one run: the machines are shared.
Exit code 1 when a search or probe answered 5xx or not at all.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import (  # noqa: E402
    create_postgres_database,
    drop_postgres_database,
    free_port,
    get,
    log,
    manage,
    percentile,
    production_env,
    redis_url,
    start_server,
    stop_server,
    wait_healthy,
)

# Words of the domain, so each query does ranking work rather than matching nothing at once.
WORDS = [
    "signalen",
    "radicalisering",
    "leerling",
    "gesprek",
    "ouders",
    "school",
    "wijkagent",
    "zorg",
    "jongerenwerker",
    "polarisatie",
    "weerbaarheid",
    "netwerk",
    "melding",
    "zorgen",
    "online",
    "propaganda",
    "vriendengroep",
    "gedrag",
    "verandering",
    "docent",
    "mentor",
    "klas",
    "veiligheidshuis",
    "gemeente",
    "advies",
    "casus",
    "overleg",
    "privacy",
    "deradicalisering",
    "re-integratie",
    "begeleiding",
    "extremisme",
    "complotdenken",
    "isolement",
    "identiteit",
]


def timed_get(url: str, *, timeout: float = 60) -> tuple[int, float]:
    began = time.perf_counter()
    try:
        status, _, _ = get(url, timeout=timeout)
    except OSError:
        status = 0  # no answer in time, or the connection was refused
    return status, (time.perf_counter() - began) * 1000


def figures(values: list[float]) -> str:
    if not values:
        return "no requests"
    return f"p50 {statistics.median(values):.0f} ms, p95 {percentile(values, 0.95):.0f} ms"


def probe_at_rest(base: str, rounds: int = 20) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {"/healthz/": [], "/": []}
    for _ in range(rounds):
        for path in timings:
            timings[path].append(timed_get(base + path)[1])
    return timings


def burst(base: str, *, searches: int, words: int) -> tuple[Counter, list[float], dict, Counter]:
    """``searches`` long searches at once; meanwhile a probe asks for /healthz/ and / in turn."""
    rng = random.Random(16)
    urls = [
        f"{base}/zoeken/?"
        + urllib.parse.urlencode({"q": " ".join(rng.choice(WORDS) for _ in range(words))})
        for _ in range(searches)
    ]
    probes: dict[str, list[float]] = {"/healthz/": [], "/": []}
    probe_status: Counter = Counter()
    done = threading.Event()

    def probe() -> None:
        while not done.is_set():
            for path in probes:
                status, ms = timed_get(base + path)
                probes[path].append(ms)
                probe_status[status] += 1
            time.sleep(0.1)

    prober = threading.Thread(target=probe, daemon=True)
    prober.start()
    with concurrent.futures.ThreadPoolExecutor(max_workers=searches) as pool:
        results = list(pool.map(lambda url: timed_get(url, timeout=120), urls))
    done.set()
    prober.join(timeout=120)
    return Counter(status for status, _ in results), [ms for _, ms in results], probes, probe_status


def phase(label: str, *, env: dict, base: str, tmp: Path, args) -> bool:
    process = start_server(env, tmp / f"server-{label.replace(' ', '-')}.log")
    try:
        wait_healthy(base, process)
        get(f"{base}/")  # fill the page cache, as a visitor before the burst would
        rest = probe_at_rest(base)
        statuses, timings, probes, probe_status = burst(
            base, searches=args.searches, words=args.words
        )
    finally:
        stop_server(process)
    log(f"{label}: {args.searches} searches of {args.words} words at once")
    log(f"  searches: status {dict(sorted(statuses.items()))}, {figures(timings)}")
    for path in probes:
        log(f"  {path:<10} at rest {figures(rest[path])}; during the burst {figures(probes[path])}")
    failed = sum(n for status, n in statuses.items() if status == 0 or status >= 500)
    failed += sum(n for status, n in probe_status.items() if status != 200)
    if failed:
        log(f"  {failed} searches or probes answered 5xx or not at all")
    return failed == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--searches", type=int, default=200, help="searches at once [200]")
    parser.add_argument("--words", type=int, default=60, help="words per search [60]")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers [2]")
    parser.add_argument(
        "--threads", default="", help="WEB_THREADS per worker [start-production.sh default]"
    )
    args = parser.parse_args()
    if args.searches < 1 or args.words < 1:
        parser.error("--searches and --words must be at least 1")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    db_name = f"weerbaar_burst_{int(time.time())}_{os.getpid()}"
    tmp = Path(tempfile.mkdtemp(prefix="weerbaar-burst-"))
    database_url = None
    try:
        database_url = create_postgres_database(db_name) or f"sqlite:///{tmp / 'bench.sqlite3'}"
        log(f"database {database_url.split('://')[0]}")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = production_env(
            database_url=database_url,
            port=port,
            workers=args.workers,
            cache_url=redis_url(),
            drop=("COLLECTSTATIC", "SEARCH_RATE_LIMIT"),
        )
        if args.threads:
            env["WEB_THREADS"] = args.threads
        env["ELASTICSEARCH_URL"] = ""  # database search: the backend the burst hurt
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--noinput")
        ok = phase(
            "limits off", env={**env, "SEARCH_RATE_LIMIT": ""}, base=base, tmp=tmp, args=args
        )
        redis_url()  # a fresh cache, so the second phase starts with an unused budget
        ok = phase("limits on", env=env, base=base, tmp=tmp, args=args) and ok
        return 0 if ok else 1
    finally:
        if database_url and database_url.startswith("postgres"):
            drop_postgres_database(db_name)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
