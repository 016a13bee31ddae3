"""Cluster faults on a real three-node OpenSearch cluster (one replica per shard).

Each test module run starts its own cluster on ports 9350-9352 through the project's
scripts/search-engine.sh (the suite's single node stays untouched), so these run in the
``services`` pass (``make test-postgres``), never in ``make test``.

* One node stops while searches and index updates run: every search is still answered by the
  engine, without an error, and nothing written meanwhile is lost; the node rejoins.
* The whole cluster stops: the database answers every search page and API call (never a 5xx);
  pages published or changed meanwhile are in the engine once it is back and
  ``search_reconcile`` has run, so nothing published is lost.
"""

from __future__ import annotations

import io
import json
import subprocess
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.http import QueryDict

from search.backends import elasticsearch_backend
from search.documents import PageDocument
from search.selectors import search_request_from_params
from search.services import searchable_documents
from tests.search.helpers import practice, use_engine

pytestmark = [pytest.mark.services, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
PORT = 9350
NODES = 3


class Cluster:
    def __init__(self, directory: Path):
        self.directory = directory
        self.urls = [f"http://127.0.0.1:{PORT + i}" for i in range(NODES)]

    def script(self, *args: str) -> str:
        done = subprocess.run(
            ["bash", str(ROOT / "scripts/search-engine.sh"), *args, "--port", str(PORT),
             "--dir", str(self.directory)],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.strip()

    def health(self, url: str | None = None, *, nodes: int = NODES) -> dict:
        query = f"wait_for_status=green&wait_for_nodes={nodes}&timeout=60s"
        with urllib.request.urlopen(  # noqa: S310 (loopback)
            f"{url or self.urls[-1]}/_cluster/health?{query}", timeout=70
        ) as response:
            return json.load(response)

    def node_names(self) -> set[str]:
        with urllib.request.urlopen(f"{self.urls[-1]}/_cat/nodes?h=name", timeout=10) as r:  # noqa: S310
            return set(r.read().decode().split())


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    cluster = Cluster(tmp_path_factory.mktemp("cluster"))
    cluster.script("start", "--nodes", str(NODES))
    try:
        yield cluster
    finally:
        cluster.script("stop")


def _request(text: str):
    return search_request_from_params(QueryDict(f"q={text}"), api=True, per_page=50)


def _document(page_id: int) -> PageDocument:
    return PageDocument(
        page_id=page_id,
        type="goede-praktijk",
        title=f"Aanpak nummer {page_id}",
        url=f"/a/{page_id}/",
    )


def test_one_node_stopping_while_searching_and_indexing_loses_nothing(cluster, settings):
    # A loaded CI machine must not turn slowness into errors here: this is about the node.
    use_engine(settings, cluster.urls, timeout=15, write_timeout=60,
               index=f"weerbaar-test-{uuid.uuid4().hex[:10]}", flavour="opensearch")  # fmt: skip
    backend = elasticsearch_backend()
    try:
        backend.index_documents([_document(i) for i in range(1, 21)])
        health = cluster.health()
        assert health["status"] == "green" and health["active_shards"] == 2  # primary + replica
        errors: list[str] = []
        counts: list[int] = []
        stop = threading.Event()

        def searching() -> None:
            while not stop.is_set():
                try:
                    counts.append(backend.search(_request("aanpak")).count)
                except Exception as error:  # every failure is a finding, whatever its kind
                    errors.append(repr(error))

        threads = [threading.Thread(target=searching) for _ in range(2)]
        for thread in threads:
            thread.start()
        written = 20
        try:
            for page_id in range(21, 24):
                backend.index_documents([_document(page_id)])
                written += 1
            # Node 1: the first URL, and the elected cluster manager (started first).
            cluster.script("stop-node", "1")
            for page_id in range(24, 30):
                backend.index_documents([_document(page_id)])
                written += 1
            time.sleep(2)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
        assert errors == []
        assert len(counts) > 10 and min(counts) >= 20
        assert backend.search(_request("aanpak")).count == written == 29
        assert "node-1" not in cluster.node_names()

        cluster.script("start-node", "1")
        assert cluster.health()["number_of_nodes"] == NODES
        assert "node-1" in cluster.node_names()
        # The node that was away answers for everything written while it was gone.
        use_engine(settings, cluster.urls[:1], timeout=15, write_timeout=60,
                   index=backend.alias, flavour="opensearch")  # fmt: skip
        assert elasticsearch_backend().search(_request("aanpak")).count == 29
    finally:
        backend.drop()


def test_a_whole_cluster_outage_answers_from_the_database_and_loses_nothing(
    cluster, settings, client, practice_index
):
    use_engine(settings, cluster.urls, timeout=15, write_timeout=60,
               index=f"weerbaar-test-{uuid.uuid4().hex[:10]}", flavour="opensearch")  # fmt: skip
    backend = elasticsearch_backend()
    try:
        before = [practice(practice_index, title=f"Storingsaanpak vooraf {i}") for i in range(3)]
        assert backend.search(_request("storingsaanpak")).count == 3
        cluster.script("stop", "--nodes", str(NODES))

        # While it is down: published, changed and unpublished pages (their queued updates
        # fail after the retries), and every search page and API call still answers.
        during = [practice(practice_index, title=f"Storingsaanpak tijdens {i}") for i in range(3)]
        changed = before[0]
        changed.title = "Storingsaanpak herzien"
        changed.save_revision().publish()
        before[1].unpublish()
        for url, params in [
            ("/api/v1/search/", {"q": "storingsaanpak"}),
            ("/zoeken/", {"q": "storingsaanpak"}),
            ("/api/v1/search/suggest/", {"q": "storingsaanp"}),
            ("/zoeken/", {"q": "storingsaanpak", "sort": "date", "page": "2"}),
        ]:
            assert client.get(url, params).status_code == 200, url
        data = client.get("/api/v1/search/", {"q": "storingsaanpak"}).json()
        assert (data["backend"], data["degraded"]) == ("database", True)
        assert len(data["results"]) == 5

        cluster.script("start-node", "all")
        stamps = backend.published_stamps()
        assert not {page.pk for page in during} & set(stamps)  # the outage did lose them...
        expected = {document.page_id for document in searchable_documents()}
        stale = (expected - set(stamps)) | {changed.pk}
        out = io.StringIO()
        call_command("search_reconcile", stdout=out)
        assert f"{len(stale)} geïndexeerd, 1 verwijderd" in out.getvalue()  # 1: unpublished

        # ...and the reconcile found them all: the engine holds exactly the live pages.
        assert set(backend.published_stamps()) == expected
        response = backend.search(_request("storingsaanpak"))
        assert sorted(hit.title for hit in response.hits) == sorted(
            ["Storingsaanpak herzien", "Storingsaanpak vooraf 2"]
            + [f"Storingsaanpak tijdens {i}" for i in range(3)]
        )
        out = io.StringIO()
        call_command("search_reconcile", stdout=out)
        assert "0 geïndexeerd, 0 verwijderd" in out.getvalue()  # a second run has nothing to do
    finally:
        backend.drop()
