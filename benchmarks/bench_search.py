"""Search and suggest latency at 8 concurrent clients per backend, and `search_rebuild`.

    .venv/bin/python benchmarks/bench_search.py [--count 10000] [--database sqlite|postgres]
        [--clients 8] [--requests 800] [--backends database,elasticsearch]
        [--engine opensearch|noida]

On a fresh database it imports ``--count`` generated practices (varied from the 26 demo
practices) plus the demo guides, with background tasks switched off, then times
``manage.py search_rebuild`` (documents, database index, engine bulk load and alias swap).
The engine is the cluster in ``ELASTICSEARCH_URL`` (with ``ELASTICSEARCH_FLAVOUR``), else a
real OpenSearch node started for the run by ``scripts/search-engine.sh`` (``--engine noida``:
the noida-db stand-in, far slower, so only ``--es-requests`` queries). For each backend it
starts gunicorn (production settings, 4 workers, rate limits off), warms it, and sends
``--requests`` API searches (Dutch queries from the relevance set, some with facet filters)
and as many suggest requests (prefixes of the same queries) from ``--clients`` threads. It
prints p50/p95 in milliseconds and, from the ``Server-Timing`` header, the engine's own
``took`` beside it, so the cost of the Python side shows. Results go to
benchmarks/results/search.json. Exit 1 when a request failed or the engine run was answered
by the database fallback. Everything runs on the loopback interface and stops by itself.
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


def suggest_prefixes(params: list[dict]) -> list[dict]:
    """What a visitor has typed when the suggestions ask: the first 3 to 8 letters."""
    prefixes = [{"q": item["q"][: 3 + n % 6].rstrip()} for n, item in enumerate(params)]
    return [prefix for prefix in prefixes if len(prefix["q"]) >= 2]


def engine_ms(header: str | None) -> float | None:
    """The engine's own time from ``Server-Timing: engine;dur=3.0, app;dur=9.1``."""
    for metric in (header or "").split(","):
        name, _, rest = metric.strip().partition(";")
        if name == "engine" and rest.startswith("dur="):
            return float(rest[4:])
    return None


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


def start_engine(tmp: Path) -> tuple[list[str], str]:
    """A real OpenSearch node for this run only, in its own directory on a free port."""
    port = free_port()
    command = ["bash", "scripts/search-engine.sh"]
    where = ["--port", str(port), "--dir", str(tmp / "engine")]
    done = subprocess.run(
        [*command, "start", "--nodes", "1", *where], cwd=ROOT, check=True,
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    url = done.stdout.strip().splitlines()[-1]
    return [*command, "stop", *where], url


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


def load(
    base_url: str, params: list[dict], *, clients: int, total: int, path: str = "/api/v1/search/"
) -> dict:
    latencies: list[float] = []
    took: list[float] = []
    errors = 0
    backends: dict[str, int] = {}
    lock = threading.Lock()
    per_client = max(total // clients, 1)

    def client(offset: int) -> None:
        nonlocal errors
        for i in range(per_client):
            query = params[(offset * 7 + i) % len(params)]
            url = f"{base_url}{path}?{urllib.parse.urlencode(query, doseq=True)}"
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=600) as response:
                    data = json.loads(response.read())
                    timing = engine_ms(response.headers.get("Server-Timing"))
                ok = True
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if not ok:
                    errors += 1
                    continue
                latencies.append(elapsed)
                if timing is not None:
                    took.append(timing)
                if "backend" in data:
                    name = data["backend"] + (" (degraded)" if data.get("degraded") else "")
                    backends[name] = backends.get(name, 0) + 1

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
        "engine_took_p50_ms": round(statistics.median(took), 1) if took else None,
        "engine_took_p95_ms": round(percentile(took, 0.95), 1) if took else None,
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


TARGETS = {"search_p95_ms": 50.0, "suggest_p95_ms": 30.0, "rebuild_s": 60.0}


def report(label: str, figures: dict) -> str:
    engine = ""
    if figures["engine_took_p50_ms"] is not None:
        engine = (
            f" (engine took p50 {figures['engine_took_p50_ms']} ms, "
            f"p95 {figures['engine_took_p95_ms']} ms)"
        )
    return (
        f"{label}: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms{engine}, "
        f"{figures['requests_per_s']} req/s, {figures['requests']} requests, "
        f"{figures['errors']} errors"
        + (f", answered by {figures['answered_by']}" if figures["answered_by"] else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--backends", default="database,elasticsearch")
    parser.add_argument("--engine", choices=["opensearch", "noida"], default="opensearch")
    parser.add_argument(
        "--es-requests",
        type=int,
        default=None,
        help="requests for the engine (default: --requests; 8 with noida-db, which needs "
        "seconds per query at this size)",
    )
    parser.add_argument(
        "--es-timeout",
        type=float,
        default=30,
        help="ELASTICSEARCH_TIMEOUT for the engine run, so its own latency is measured "
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
        # Eight clients on one address would be rate limited after 30 searches a minute.
        "SEARCH_RATE_LIMIT": "",
        "SEARCH_SUGGEST_RATE_LIMIT": "",
    }
    env.pop("REDIS_URL", None)
    db_name = f"weerbaar_bench_search_{os.getpid()}"
    if args.database == "postgres":
        subprocess.run(["createdb", db_name], env={**env, **PG}, check=True)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{db_name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    es_url = os.environ.get("ELASTICSEARCH_URL", "")
    engine_name = f"ELASTICSEARCH_URL ({env.get('ELASTICSEARCH_FLAVOUR', 'elasticsearch')})"
    noida = None
    engine_stop: list[str] | None = None
    servers: list[subprocess.Popen] = []
    results: dict = {"documents": None, "database": args.database, "clients": args.clients}
    failed: list[str] = []
    try:
        if "elasticsearch" in backends and not es_url:
            if args.engine == "noida":
                noida, es_url = start_noida(tmp)
                engine_name = "noida-db (stand-in)"
            else:
                engine_stop, es_url = start_engine(tmp)
                env["ELASTICSEARCH_FLAVOUR"] = "opensearch"
                engine_name = "OpenSearch 2.19 (scripts/search-engine.sh, 1 node)"
        results["engine"] = engine_name if "elasticsearch" in backends else None
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
        prefixes = suggest_prefixes(params)
        for backend in backends:
            backend_env = {**env, "ELASTICSEARCH_URL": es_url if backend == "elasticsearch" else ""}
            total = args.requests
            if backend == "elasticsearch":
                backend_env["ELASTICSEARCH_TIMEOUT"] = str(args.es_timeout)
                total = args.es_requests or (8 if noida is not None else args.requests)
            server, base = serve(backend_env)
            servers.append(server)
            if noida is None or backend != "elasticsearch":  # noida-db: seconds per query
                load(base, params, clients=2, total=40)
                load(base, prefixes, clients=2, total=40, path="/api/v1/search/suggest/")
            figures = load(base, params, clients=args.clients, total=total)
            suggest = load(
                base, prefixes, clients=args.clients, total=total, path="/api/v1/search/suggest/"
            )
            stop_server(server)
            results[backend] = {"search": figures, "suggest": suggest}
            print(report(f"{backend} search", figures), flush=True)
            print(report(f"{backend} suggest", suggest), flush=True)
            for label, part in (("search", figures), ("suggest", suggest)):
                if part["errors"]:
                    failed.append(f"{backend} {label}: {part['errors']} failed requests")
            wrong = {name for name in figures["answered_by"] if name != backend}
            if wrong:
                failed.append(f"{backend} search answered by {sorted(wrong)}")
        results["documents"] = args.count + 8
    finally:
        for server in servers:
            stop_server(server)
        if noida is not None:
            stop_server(noida)  # the whole process group: the script starts the server as a child
        if engine_stop is not None:
            subprocess.run(engine_stop, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
        if args.database == "postgres":
            subprocess.run(
                ["dropdb", "--if-exists", "--force", db_name], env={**env, **PG}, check=False
            )
        tmp_dir.cleanup()
    if "elasticsearch" in results and noida is None:
        engine = results["elasticsearch"]
        measured = {
            "search_p95_ms": engine["search"]["p95_ms"],
            "suggest_p95_ms": engine["suggest"]["p95_ms"],
            "rebuild_s": results["rebuild_s"],
        }
        results["targets"] = {
            name: {"target": TARGETS[name], "measured": value, "met": value <= TARGETS[name]}
            for name, value in measured.items()
            if value is not None
        }
        for name, row in results["targets"].items():
            verdict = "met" if row["met"] else "NOT met"
            print(f"target {name} <= {row['target']}: {row['measured']} ({verdict})")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for failure in failed:
        print(f"bench_search: {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
