"""Every benchmark still runs: `make bench` must not find out half-way that one broke.

Runs `benchmarks/run_all.py --tiny` once (each benchmark at a size that takes seconds) and
checks that every benchmark finished and printed its figures. The figures themselves are not
judged here: timings belong to `make bench`, never to tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.bench

sys.path.insert(0, str(ROOT / "benchmarks"))
from run_all import BENCHMARKS  # noqa: E402


@pytest.fixture(scope="module")
def tiny_run():
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run_all.py"), "--tiny"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    return result


def test_every_benchmark_runs_to_the_end(tiny_run):
    summary = tiny_run.stdout[tiny_run.stdout.rfind("== benchmarks ==") :]
    assert tiny_run.returncode == 0, summary + tiny_run.stderr[-3000:]
    for name in BENCHMARKS:
        assert f"  {name:<10} ok" in summary, summary
    assert f"bench: all {len(BENCHMARKS)} ran" in summary


def test_each_benchmark_prints_its_figures(tiny_run):
    out = tiny_run.stdout
    assert "page/static requests/s ratio:" in out  # pages
    assert "target p95 < 25 ms" in out  # progress
    assert "trainer dashboard, 10 learners x 2 lessons" in out  # dashboard
    assert "p95" in out and "rebuild" in out.lower()  # search
    assert "limits on: 4 searches of 5 words at once" in out  # burst
    assert "/healthz/  at rest p50" in out


def test_a_failing_benchmark_fails_the_run_but_not_the_others(monkeypatch, capsys):
    import run_all

    calls = []

    def fake_run(command, check):
        calls.append(Path(command[1]).name)
        return subprocess.CompletedProcess(command, 3 if "dashboard" in command[1] else 0)

    monkeypatch.setattr(run_all.subprocess, "run", fake_run)
    assert run_all.main(["--tiny"]) == 1
    out = capsys.readouterr().out
    assert calls == [script for script, _full, _tiny in BENCHMARKS.values()]
    assert "dashboard  FAILED (exit 3)" in out
    assert f"bench: 1 of {len(BENCHMARKS)} failed: dashboard" in out
