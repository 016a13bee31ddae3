"""Search latency at 8 concurrent clients per backend, and the time of `search_rebuild`.

    .venv/bin/python benchmarks/bench_search.py [--count 10000] [--database sqlite|postgres]
        [--clients 8] [--requests 800] [--backends database,elasticsearch]

On a fresh database it imports ``--count`` generated practices (varied from the 26 demo
practices) plus the demo guides, with background tasks switched off, then times
``manage.py search_rebuild`` (documents, database index, Elasticsearch bulk load and alias
swap). Elasticsearch is ``noida-db`` on a free port, or the cluster in ``ELASTICSEARCH_URL``.
For each backend it starts gunicorn (production settings, 4 workers) and sends ``--requests``
API searches (Dutch queries from the relevance set, some with facet filters) from
``--clients`` threads, then prints p50/p95 in milliseconds. Results go to
benchmarks/results/search.json. Everything runs on the loopback interface and stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PG = {"PGHOST": "127.0.0.1", "PGPORT": "5432", "PGUSER": "postgres"}
sys.path.insert(0, str(ROOT))

from benchmarks.bench_import import DOMAINS, LEVELS, PHASES, ROLES, THEMES  # noqa: E402
from benchmarks.bench_pages import free_port, percentile, stop_server  # noqa: E402

REGIONS = ["Utrecht", "Rotterdam", "Groningen", "Zwolle", "Tilburg", "Arnhem", "Leiden", "Venlo"]
ORGANISATIONS = [f"Stichting Voorbeeld {n}" for n in range(40)]


def generate(count: int) -> dict:
    demo = json.loads((ROOT / "fixtures" / "kennisbank" / "demo.json").read_text(encoding="utf-8"))
    templates = demo["practices"]
    practices = []
    for n in range(count):
        template = templates[n % len(templates)]
        record = dict(template)
        region = REGIONS[n % len(REGIONS)]
        record.update(
            key=f"bench-zoek-{n:05d}",
            title=f"{template['title']} in {region} ({n})",
            region=region,
            organisation=ORGANISATIONS[n % len(ORGANISATIONS)],
            roles=[ROLES[n % len(ROLES)], ROLES[(n + 2) % len(ROLES)]],
            domains=[DOMAINS[n % len(DOMAINS)]],
            phases=[PHASES[n % len(PHASES)]],
            themes=[THEMES[n % len(THEMES)]],
            evidence_level=LEVELS[n % len(LEVELS)],
        )
        practices.append(record)
    return {"version": 1, "guides": demo["guides"], "practices": practices}


def queries() -> list[dict]:
    items = json.loads((ROOT / "search" / "relevance" / "queries_nl.json").read_text("utf-8"))
    result = []
    for item in items["queries"]:
        params = {"q": item["query"], **item.get("filters", {})}
        result.append(params)
    return result


def wait_for(url: str, timeout: float = 240) -> None:
    """Wait for a server to answer. Generous: gunicorn's workers import the whole app, and on a
    loaded 2-core machine that alone took over a minute."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def start_noida(tmp: Path) -> tuple[subprocess.Popen, str]:
    binary = Path(sys.executable).with_name("noida-db")
    port = free_port()
    process = subprocess.Popen(
        [str(binary if binary.exists() else shutil.which("noida-db")), "start", "--only",
         "elasticsearch", "--elasticsearch-port", str(port), "--data-dir", str(tmp / "noida")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    wait_for(url)
    return process, url


def manage(args: list[str], env: dict, *, capture: bool = False) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    return time.perf_counter() - start, done.stdout or ""


def load(base_url: str, params: list[dict], *, clients: int, total: int) -> dict:
    latencies: list[float] = []
    errors = 0
    backends: dict[str, int] = {}
    lock = threading.Lock()
    per_client = total // clients

    def client(offset: int) -> None:
        nonlocal errors
        for i in range(per_client):
            query = params[(offset * 7 + i) % len(params)]
            url = f"{base_url}/api/v1/search/?{urllib.parse.urlencode(query, doseq=True)}"
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=600) as response:
                    data = json.loads(response.read())
                ok = True
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if ok:
                    latencies.append(elapsed)
                    name = data["backend"] + (" (degraded)" if data.get("degraded") else "")
                    backends[name] = backends.get(name, 0) + 1
                else:
                    errors += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": errors,
        "answered_by": backends,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "requests_per_s": round(len(latencies) / duration, 1),
    }


def serve(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server_env = {**env, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "4",
                  "PYTHON": sys.executable}  # fmt: skip
    process = subprocess.Popen(
        ["sh", "scripts/start-production.sh", "--timeout", "600"], cwd=ROOT, env=server_env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/healthz/")
    return process, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--backends", default="database,elasticsearch")
    parser.add_argument(
        "--es-requests",
        type=int,
        default=8,
        help="requests for Elasticsearch (noida-db needs tens of seconds per query at this size)",
    )
    parser.add_argument(
        "--es-timeout",
        type=float,
        default=600,
        help="ELASTICSEARCH_TIMEOUT for the Elasticsearch run, so its own latency is measured "
        "rather than the database fallback",
    )
    args = parser.parse_args()
    backends = args.backends.split(",")

    tmp_dir = tempfile.TemporaryDirectory()
    tmp = Path(tmp_dir.name)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Production refuses to start without a public address (home.E001).
        "WEERBAAR_BASE_URL": "http://127.0.0.1",
        "WEERBAAR_SITE_NAME": "Weerbaar (benchmark)",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        # The import must not index page by page: the rebuild below does it in bulk, timed.
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
    }
    env.pop("REDIS_URL", None)
    db_name = f"weerbaar_bench_search_{os.getpid()}"
    if args.database == "postgres":
        subprocess.run(["createdb", db_name], env={**env, **PG}, check=True)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{db_name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    es_url = os.environ.get("ELASTICSEARCH_URL", "")
    noida = None
    servers: list[subprocess.Popen] = []
    results: dict = {"documents": None, "database": args.database, "clients": args.clients}
    try:
        if "elasticsearch" in backends and not es_url:
            noida, es_url = start_noida(tmp)
        data_file = tmp / "practices.json"
        data_file.write_text(json.dumps(generate(args.count), ensure_ascii=False), "utf-8")
        manage(["migrate", "--noinput"], env)
        print(f"importing {args.count} practices + demo guides ...", flush=True)
        import_s, _out = manage(["import_kennisbank", str(data_file)], env)
        rebuild_env = {**env, "ELASTICSEARCH_URL": es_url if "elasticsearch" in backends else ""}
        rebuild_s, output = manage(["search_rebuild"], rebuild_env, capture=True)
        results.update(import_s=round(import_s, 1), rebuild_s=round(rebuild_s, 1))
        results["rebuild_output"] = output.strip()
        print(f"search_rebuild: {rebuild_s:.1f} s wall clock (target < 60 s); {output.strip()}")
        params = queries()
        for backend in backends:
            backend_env = {**env, "ELASTICSEARCH_URL": es_url if backend == "elasticsearch" else ""}
            total = args.requests
            if backend == "elasticsearch":
                backend_env["ELASTICSEARCH_TIMEOUT"] = str(args.es_timeout)
                total = args.es_requests
            server, base = serve(backend_env)
            servers.append(server)
            if backend != "elasticsearch":  # noida-db takes seconds per query: no warm-up
                load(base, params, clients=2, total=40)
            figures = load(base, params, clients=args.clients, total=total)
            stop_server(server)
            results[backend] = figures
            print(
                f"{backend}: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
                f"{figures['requests_per_s']} req/s, {figures['requests']} requests, "
                f"{figures['errors']} errors, answered by {figures['answered_by']}"
                + (" (degraded = the database fallback answered)" if backend != "database" else ""),
                flush=True,
            )
        results["documents"] = args.count + 8
    finally:
        for server in servers:
            stop_server(server)
        if noida is not None:
            stop_server(noida)  # the whole process group: the script starts the server as a child
        if args.database == "postgres":
            subprocess.run(
                ["dropdb", "--if-exists", "--force", db_name], env={**env, **PG}, check=False
            )
        tmp_dir.cleanup()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
