"""Run every benchmark, even when one fails, and say at the end which failed.

    .venv/bin/python benchmarks/run_all.py [--tiny] [--only pages,search]

`make bench` runs this. Before, the benchmarks ran as one chain of make commands, so the first
that failed (the dashboard, once exports needed a reauthentication) silently took every later
one with it. Here each runs as its own process; its output streams through as it comes, and a
summary table with each one's exit code and wall time closes the run. The exit code is 1 when
any benchmark failed.

`--tiny` runs each benchmark once at a size that takes seconds, not minutes. The figures then
mean nothing; the point is that every benchmark still starts, measures and finishes, which
`tests/benchmarks/test_run_all.py` checks in `make test`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# name -> (script, arguments for a real run, arguments for a tiny run)
BENCHMARKS: dict[str, tuple[str, list[str], list[str]]] = {
    "pages": (
        "bench_pages.py",
        [],
        ["--duration", "1", "--rounds", "1", "--connections", "2", "--threads", "1"],
    ),
    "import": ("bench_import.py", [], ["--count", "10", "--database", "sqlite"]),
    "progress": ("bench_progress.py", [], ["--requests", "20", "--clients", "1,2"]),
    "dashboard": ("bench_dashboard.py", [], ["--learners", "10", "--lessons", "2", "--runs", "3"]),
    "search": (
        "bench_search.py",
        [],
        ["--count", "60", "--requests", "16", "--clients", "2", "--backends", "database"],
    ),
    "burst": ("bench_burst.py", [], ["--searches", "4", "--words", "5"]),
}


def run_one(name: str, *, tiny: bool, python: str) -> tuple[int, float]:
    script, full_args, tiny_args = BENCHMARKS[name]
    command = [python, str(HERE / script), *(tiny_args if tiny else full_args)]
    print(f"\n== bench {name}: {' '.join(command[1:])} ==", flush=True)
    began = time.perf_counter()
    try:
        code = subprocess.run(command, check=False).returncode
    except OSError as error:  # the interpreter or script is missing: a failure, not a crash
        print(f"bench {name}: could not start: {error}", file=sys.stderr, flush=True)
        code = 127
    return code, time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiny", action="store_true", help="each benchmark once, at a tiny size")
    parser.add_argument(
        "--only",
        default="",
        help=f"comma-separated subset of: {', '.join(BENCHMARKS)} [all]",
    )
    args = parser.parse_args(argv)
    names = [name for name in args.only.split(",") if name] or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")

    results = {name: run_one(name, tiny=args.tiny, python=sys.executable) for name in names}

    print("\n== benchmarks ==")
    for name, (code, seconds) in results.items():
        verdict = "ok" if code == 0 else f"FAILED (exit {code})"
        print(f"  {name:<10} {verdict:<18} {seconds:7.1f} s")
    failed = [name for name, (code, _) in results.items() if code != 0]
    if failed:
        print(f"bench: {len(failed)} of {len(results)} failed: {', '.join(failed)}")
        return 1
    print(f"bench: all {len(results)} ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
