"""Search test fixtures: the same behaviour tests run against both backends.

Elasticsearch is ``noida-db`` (an Elasticsearch-8-compatible server from PyPI, in the dev
lock), started once per session on a free port in a temporary data directory: the quick
default of ``make test``. When ``ELASTICSEARCH_URL`` is set, the tests use that cluster instead
and start nothing; ``ELASTICSEARCH_FLAVOUR=opensearch`` says it is OpenSearch (CI's
``make test-postgres`` runs the suite so against a real OpenSearch 2.19 node from
``scripts/search-engine.sh``). These tests never skip: a missing server is an error.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from search.backends import elasticsearch_backend
from tests.kennisbank.conftest import guide_index, indexes, practice_index  # noqa: F401
from tests.search.helpers import use_database, use_engine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _noida_binary() -> str:
    candidate = Path(sys.executable).with_name("noida-db")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("noida-db")
    if not found:
        raise RuntimeError("noida-db is not installed: run `make install-dev`")
    return found


def _wait_until_up(url: str, process: subprocess.Popen | None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"noida-db exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Elasticsearch at {url} did not answer within {timeout} s")


@pytest.fixture(scope="session")
def elasticsearch_url(tmp_path_factory):
    url = django_settings.ELASTICSEARCH_TEST_URL
    if url:
        _wait_until_up(url, None, timeout=10)
        yield url
        return
    port = _free_port()
    data_dir = tmp_path_factory.mktemp("noida")
    log = open(data_dir / "noida.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [
            _noida_binary(),
            "start",
            "--only",
            "elasticsearch",
            "--elasticsearch-port",
            str(port),
            "--data-dir",
            str(data_dir / "data"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ},
        # The noida-db script starts the server as a child: stop the whole group at the end.
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


@pytest.fixture
def use_elasticsearch(settings, elasticsearch_url):
    """Point the app at the test cluster under an alias of its own, removed afterwards."""
    index = f"weerbaar-test-{uuid.uuid4().hex[:10]}"
    use_engine(settings, elasticsearch_url, index=index, write_timeout=30)
    backend = elasticsearch_backend()
    yield backend
    backend.drop()


@pytest.fixture(params=["database", "elasticsearch"])
def backend_name(request, settings):
    """Run a test once per backend; the app decides by ``SEARCH_BACKENDS`` alone."""
    if request.param == "elasticsearch":
        request.getfixturevalue("use_elasticsearch")
    else:
        use_database(settings)
    return request.param


@pytest.fixture
def dead_elasticsearch(settings):
    """A configured cluster that refuses connections: the fallback must answer."""
    url = f"http://127.0.0.1:{_free_port()}"
    use_engine(settings, url, timeout=0.5, index="weerbaar-dead")
    return url


@pytest.fixture
def queued_search_tasks(settings):
    """Tasks are only recorded (django-tasks' dummy backend): returns the page-id lists of the
    search tasks enqueued so far, as a function."""
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    task_backends._settings = None  # the handler re-reads TASKS
    task_backends["default"].clear()

    def queued() -> list[list[int]]:
        results = task_backends["default"].results
        return [r.kwargs["page_ids"] for r in results if r.task.name == "search_pages_sync_task"]

    yield queued
    task_backends._settings = None
    del task_backends._connections.default  # noqa: SLF001
