"""When Elasticsearch is down or too slow, the database answers and says so. Never a 500."""

from __future__ import annotations

import logging
import socket
import uuid

import pytest

from search.backends.base import SearchBackendError
from search.backends.elasticsearch import ElasticsearchBackend
from tests.search.helpers import practice, use_engine

pytestmark = pytest.mark.django_db


def test_page_and_api_answer_from_the_database_when_the_cluster_is_down(
    client, practice_index, dead_elasticsearch, caplog
):
    # Publishing while the cluster is down still works and still feeds the database index.
    with caplog.at_level(logging.WARNING):
        practice(practice_index, title="Weerbaarheid in het mbo")
    assert "search index update failed" in caplog.text

    caplog.clear()
    with caplog.at_level(logging.WARNING):
        page = client.get("/zoeken/", {"q": "weerbaarheid geheim@voorbeeld.nl"})
        api = client.get("/api/v1/search/", {"q": "weerbaarheid"})
    assert page.status_code == 200
    assert "kunnen minder volledig zijn" in page.content.decode()
    assert api.status_code == 200
    data = api.json()
    assert data["backend"] == "database" and data["degraded"] is True
    assert [r["title"] for r in data["results"]] == ["Weerbaarheid in het mbo"]
    assert "answered from the database" in caplog.text
    # The log says what happened, never what was searched.
    assert "weerbaarheid" not in caplog.text.lower()
    assert "geheim@" not in caplog.text


def test_a_slow_cluster_counts_as_down(client, practice_index, settings):
    # A server that takes connections and never answers: the client must give up at
    # ELASTICSEARCH_TIMEOUT and the database must answer.
    silent = socket.create_server(("127.0.0.1", 0))
    use_engine(settings, f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=0.5)
    try:
        practice(practice_index, title="Sport als verbinding")
        response = client.get("/api/v1/search/", {"q": "sport"})
    finally:
        silent.close()
    assert response.status_code == 200
    assert response.json()["degraded"] is True
    assert [r["title"] for r in response.json()["results"]] == ["Sport als verbinding"]


def test_suggestions_fall_back_too(client, practice_index, dead_elasticsearch):
    practice(practice_index, title="Sport als verbinding")
    response = client.get("/api/v1/search/suggest/", {"q": "spor"})
    assert response.status_code == 200
    assert [s["title"] for s in response.json()["suggestions"]] == ["Sport als verbinding"]


def test_readiness_reports_the_dead_cluster(client, dead_elasticsearch):
    assert client.get("/readyz/").status_code == 503


def test_a_cluster_that_hangs_or_stops_mid_run_hands_over_to_the_database(
    client, practice_index, settings, elasticsearch_url
):
    from search.backends import elasticsearch_backend
    from tests.search.proxy import ClusterProxy

    proxy = ClusterProxy(elasticsearch_url)
    index = f"weerbaar-test-{uuid.uuid4().hex[:10]}"
    use_engine(settings, proxy.url, timeout=1, write_timeout=30, index=index)
    try:
        practice(practice_index, title="Weerbaarheid in het mbo")
        answers = []
        for step in ("running", "hanging", "stopped"):
            if step == "hanging":
                proxy.hang()
            elif step == "stopped":
                proxy.stop()
            response = client.get("/api/v1/search/", {"q": "weerbaarheid"})
            assert response.status_code == 200, step
            data = response.json()
            assert [r["title"] for r in data["results"]] == ["Weerbaarheid in het mbo"], step
            answers.append((data["backend"], data["degraded"]))
        page = client.get("/zoeken/", {"q": "weerbaarheid"})
        assert page.status_code == 200
        assert "kunnen minder volledig zijn" in page.content.decode()
    finally:
        proxy.stop()
        use_engine(settings, elasticsearch_url, index=index, write_timeout=30)
        elasticsearch_backend().drop()
    assert answers == [
        ("elasticsearch", False),
        ("database", True),
        ("database", True),
    ]


def test_retries_after_a_failure_do_not_ask_the_cluster_again(
    client, practice_index, settings, monkeypatch
):
    """Nothing found and a spelling retry to make: a cluster that just failed would cost its
    timeout once more for every retry, so the retries go to the database at once."""
    use_engine(settings, "http://127.0.0.1:9")
    practice(practice_index, title="Sport als verbinding in de wijk")
    calls = []

    def failing(self, request):
        calls.append(request.query.raw)
        raise SearchBackendError("ConnectionTimeout")

    monkeypatch.setattr(ElasticsearchBackend, "search", failing)
    data = client.get("/api/v1/search/", {"q": "sprot verbinidng"}).json()
    assert calls == ["sprot verbinidng"]
    assert data["degraded"] is True and data["backend"] == "database"
    assert [r["title"] for r in data["results"]] == ["Sport als verbinding in de wijk"]
