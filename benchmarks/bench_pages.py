"""Throughput and latency of the home page against a static file, production settings, gunicorn.

    .venv/bin/python benchmarks/bench_pages.py [--duration 10] [--rounds 2]

Sets up a fresh PostgreSQL database (a temporary SQLite file when PostgreSQL does not answer),
migrates, loads the demo content, collects static files, and starts scripts/start-production.sh
on a free loopback port with two workers, Redis as the cache when it answers (database 15,
flushed first). It warms the home page once, then runs wrk against the home page and against
its content-hashed stylesheet in turns (page, static, page, static, ...), prints median
requests/s and the p50/p99 latencies per target, and writes benchmarks/results/latest.json.
The server is stopped and the database dropped on every exit.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
HTTPS_HEADER = "X-Forwarded-Proto: https"
PG = {"PGHOST": "127.0.0.1", "PGPORT": "5432", "PGUSER": "postgres"}
REDIS_DB = 15

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, *, timeout: float = 10) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            body = response.read().decode("utf-8", errors="replace")
            return response.status, dict(response.headers.items()), body
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), ""


def percentile(values: list[float], fraction: float) -> float:
    """The value at ``fraction`` (0-1) of the sorted values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


# --- Database and cache ------------------------------------------------------------------------


def pg_env() -> dict[str, str]:
    env = dict(os.environ)
    for key, value in PG.items():
        env.setdefault(key, value)
    return env


def create_postgres_database(name: str) -> str | None:
    """Create ``name`` in PostgreSQL and return its URL, or None if PostgreSQL is not there."""
    if shutil.which("createdb") is None:
        return None
    env = pg_env()
    result = subprocess.run(
        ["createdb", name], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    if result.returncode != 0:
        log(f"createdb failed: {result.stderr.strip()}")
        return None
    return f"postgres://{env['PGUSER']}@{env['PGHOST']}:{env['PGPORT']}/{name}"


def drop_postgres_database(name: str) -> None:
    result = subprocess.run(
        ["dropdb", "--if-exists", name],
        env=pg_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        log(f"could not drop database {name}: {result.stderr.strip()}")


def redis_url() -> str | None:
    """A flushed Redis database for the run, or None when Redis does not answer."""
    try:
        import redis
    except ImportError:
        return None
    try:
        client = redis.Redis(
            host="127.0.0.1", port=6379, db=REDIS_DB, socket_timeout=2, socket_connect_timeout=2
        )
        client.flushdb()
    except redis.RedisError:
        return None
    return f"redis://127.0.0.1:6379/{REDIS_DB}"


# --- Server ------------------------------------------------------------------------------------


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"bench: manage.py {' '.join(args)} failed")


def production_env(
    *, database_url: str, port: int, workers: int, cache_url: str | None, drop=()
) -> dict[str, str]:
    """The environment gunicorn runs under in every benchmark: production settings, a fresh
    secret, the given database and (when reachable) Redis."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "PAGE_CACHE_REDIS_URL", *drop)
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Production refuses to start without a public address (home.E001); mails and links
        # would otherwise carry a development address.
        WEERBAAR_BASE_URL=f"http://127.0.0.1:{port}",
        WEERBAAR_SITE_NAME="Weerbaar (benchmark)",
        DATABASE_URL=database_url,
        PYTHON=sys.executable,
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        LOG_LEVEL="WARNING",
    )
    if cache_url:
        # One Redis on the bench machine; production gives the pages an instance of their own.
        env["REDIS_URL"] = env["PAGE_CACHE_REDIS_URL"] = cache_url
    return env


def start_server(env: dict[str, str], log_path: Path) -> subprocess.Popen:
    with log_path.open("wb") as log_file:
        return subprocess.Popen(
            ["sh", str(ROOT / "scripts" / "start-production.sh")],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def wait_healthy(base: str, process: subprocess.Popen, *, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench: server exited with {process.returncode} before answering")
        try:
            status, _, _ = get(f"{base}/healthz/", timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"bench: no answer from {base}/healthz/ within {timeout:.0f} s")


# --- wrk ---------------------------------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def to_ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value.strip())
    if not match:
        raise ValueError(f"unknown wrk duration {value!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> dict[str, float | int]:
    def find(pattern: str) -> re.Match[str]:
        match = re.search(pattern, output, re.MULTILINE)
        if not match:
            raise ValueError(f"wrk output has no match for {pattern!r}:\n{output}")
        return match

    result: dict[str, float | int] = {
        "requests_per_s": float(find(r"^Requests/sec:\s+([\d.]+)").group(1)),
        "p50_ms": to_ms(find(r"^\s+50%\s+(\S+)").group(1)),
        "p99_ms": to_ms(find(r"^\s+99%\s+(\S+)").group(1)),
        "requests": int(find(r"^\s+(\d+) requests in").group(1)),
    }
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["non_2xx_3xx"] = int(non_2xx.group(1)) if non_2xx else 0
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    result["socket_errors"] = sum(int(n) for n in errors.groups()) if errors else 0
    return result


def run_wrk(url: str, *, duration: int, threads: int, connections: int) -> dict:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "5s",
        "--latency",
        "-H",
        HTTPS_HEADER,
        url,
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 30, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"bench: wrk failed ({result.returncode}): {result.stderr.strip()}")
    return parse_wrk(result.stdout)


# --- Main --------------------------------------------------------------------------------------


def git_commit() -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except OSError:
        return None
    return result.stdout.strip() or None


def summarise(rounds: list[dict]) -> dict:
    return {
        "median_requests_per_s": statistics.median(r["requests_per_s"] for r in rounds),
        "median_p50_ms": statistics.median(r["p50_ms"] for r in rounds),
        "median_p99_ms": statistics.median(r["p99_ms"] for r in rounds),
        "worst_p99_ms": max(r["p99_ms"] for r in rounds),
        "non_2xx_3xx": sum(r["non_2xx_3xx"] for r in rounds),
        "socket_errors": sum(r["socket_errors"] for r in rounds),
    }


def print_table(summary: dict[str, dict], ratio: float) -> None:
    print()
    print(f"{'target':<8} {'req/s (median)':>15} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}")
    for target, row in summary.items():
        errors = row["non_2xx_3xx"] + row["socket_errors"]
        print(
            f"{target:<8} {row['median_requests_per_s']:>15.1f} {row['median_p50_ms']:>9.2f}"
            f" {row['median_p99_ms']:>9.2f} {errors:>7}"
        )
    print(f"page/static requests/s ratio: {ratio:.3f}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run [10]")
    parser.add_argument("--rounds", type=int, default=2, help="runs per target [2]")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads [2]")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections [16]")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers [2]")
    args = parser.parse_args()
    if args.duration < 1 or args.rounds < 1:
        parser.error("--duration and --rounds must be at least 1")
    if shutil.which("wrk") is None:
        raise SystemExit("bench: wrk is not installed (apt-get install wrk)")

    # Ends the run through the finally blocks below when the process is told to stop.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    db_name = f"weerbaar_bench_{int(time.time())}_{os.getpid()}"
    tmp = Path(tempfile.mkdtemp(prefix="weerbaar-bench-"))
    process: subprocess.Popen | None = None
    database_url = None
    try:
        database_url = create_postgres_database(db_name)
        if database_url:
            database = "postgresql"
            log(f"PostgreSQL database {db_name}")
        else:
            database = "sqlite"
            database_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
            log("PostgreSQL not reachable: falling back to a temporary SQLite database")
        cache_url = redis_url()
        log(
            f"cache: Redis {cache_url}" if cache_url else "cache: Redis not reachable, local memory"
        )

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = production_env(
            database_url=database_url,
            port=port,
            workers=args.workers,
            cache_url=cache_url,
            drop=("COLLECTSTATIC",),
        )

        log("migrating, loading the demo content, collecting static files")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--noinput")

        server_log = tmp / "server.log"
        process = start_server(env, server_log)
        wait_healthy(base, process)
        log(f"gunicorn with {args.workers} workers on {base}")

        status, headers, html = get(f"{base}/")
        if status != 200:
            raise SystemExit(f"bench: warm-up GET / answered {status}")
        match = re.search(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
        if not match:
            raise SystemExit("bench: no stylesheet link in the home page")
        static_path = match.group(1)
        _, headers, _ = get(f"{base}/")
        log(f"warmed /, X-Page-Cache after warm-up: {headers.get('X-Page-Cache', 'absent')}")
        targets = {"page": f"{base}/", "static": f"{base}{static_path}"}

        runs: dict[str, list[dict]] = {name: [] for name in targets}
        for round_number in range(1, args.rounds + 1):
            for name, url in targets.items():
                result = run_wrk(
                    url,
                    duration=args.duration,
                    threads=args.threads,
                    connections=args.connections,
                )
                runs[name].append(result)
                log(
                    f"round {round_number} {name:<6} {result['requests_per_s']:>9.1f} req/s"
                    f"  p50 {result['p50_ms']:.2f} ms  p99 {result['p99_ms']:.2f} ms"
                    f"  non-2xx/3xx {result['non_2xx_3xx']}  socket errors"
                    f" {result['socket_errors']}"
                )

        summary = {name: summarise(rows) for name, rows in runs.items()}
        ratio = (
            summary["page"]["median_requests_per_s"] / summary["static"]["median_requests_per_s"]
        )
        print_table(summary, ratio)
        for name, row in summary.items():
            if row["non_2xx_3xx"] or row["socket_errors"]:
                log(f"warning: {name} had error responses; its figures are not comparable")

        report = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "commit": git_commit(),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "database": database,
            "cache": "redis" if cache_url else "locmem",
            "gunicorn_workers": args.workers,
            "wrk": {
                "threads": args.threads,
                "connections": args.connections,
                "duration_s": args.duration,
                "rounds": args.rounds,
                "header": HTTPS_HEADER,
            },
            "targets": {"page": "/", "static": static_path},
            "runs": runs,
            "summary": summary,
            "page_static_ratio": ratio,
        }
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / "latest.json"
        out.write_text(json.dumps(report, indent=2) + "\n")
        log(f"wrote {out.relative_to(ROOT)}")
        return 0
    finally:
        if process is not None:
            stop_server(process)
            if process.returncode not in (0, -signal.SIGTERM) and (tmp / "server.log").exists():
                sys.stderr.write((tmp / "server.log").read_text()[-4000:])
        if database_url and database_url.startswith("postgres"):
            drop_postgres_database(db_name)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
