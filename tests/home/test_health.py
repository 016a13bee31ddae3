"""Health endpoints: JSON, no login, no secrets; 503 naming the dependency that is down."""

import pytest
from django.db import connection

from tests.search.helpers import use_engine

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_reports_database(client):
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


def test_readyz_503_when_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"


def test_readyz_503_when_configured_search_cluster_is_down(client, settings):
    use_engine(settings, "http://127.0.0.1:9", timeout=0.5)  # nothing listens on the discard port
    response = client.get("/readyz/")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"] == {"database": "ok", "search": "unavailable"}
    assert "127.0.0.1" not in response.content.decode()


def test_health_endpoints_reveal_no_versions(client):
    for url in ("/healthz/", "/readyz/"):
        text = client.get(url).content.decode().lower()
        assert "version" not in text and "django" not in text and "wagtail" not in text


def test_health_endpoints_refuse_post(client):
    assert client.post("/healthz/").status_code == 405
