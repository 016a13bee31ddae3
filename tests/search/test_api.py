"""The JSON API: shape, filters, and 400 answers for input it cannot use."""

from __future__ import annotations

import pytest

from tests.search.helpers import practice, use_database

pytestmark = pytest.mark.django_db

API = "/api/v1/search/"


@pytest.fixture
def pages(practice_index):
    practice(
        practice_index,
        title="Training jihadisme",
        role_slugs=["docent"],
        theme_slugs=["jihadisme"],
        level="goed-onderbouwd",
    )
    practice(
        practice_index,
        title="Training polarisatie",
        role_slugs=["wijkagent"],
        theme_slugs=["polarisatie"],
    )
    return practice_index


def test_answers_with_results_facets_and_backend(client, backend_name, pages):
    response = client.get(API, {"q": "training", "role": "docent", "onbekend": "x"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert data["backend"] == backend_name
    result = data["results"][0]
    assert set(result) >= {"title", "url", "type", "snippet", "roles", "evidence_level"}
    assert result["title"] == "Training jihadisme"
    assert result["roles"] == ["Docent"]
    assert result["evidence_level"] == "Goed onderbouwd"
    assert result["url"].startswith("http://testserver/wat-werkt/")
    assert {"value": "docent", "label": "Docent", "count": 1} in data["facets"]["role"]
    assert {"value": "wijkagent", "label": "Wijkagent", "count": 1} in data["facets"]["role"]
    assert data["facets"]["type"] == [
        {"value": "goede-praktijk", "label": "Praktijkvoorbeeld", "count": 1}
    ]


def test_a_typo_is_answered_with_the_corrected_query(client, settings, pages):
    use_database(settings)  # the database backend has no typo tolerance of its own
    data = client.get(API, {"q": "jihadsime"}).json()
    assert data["corrected_query"] == "jihadisme"
    assert [r["title"] for r in data["results"]] == ["Training jihadisme"]
    assert data["suggestion"] is None
    assert client.get(API, {"q": "training"}).json()["corrected_query"] is None


def test_repeated_parameters_are_or_within_a_facet(client, pages):
    data = client.get(API + "?q=training&role=docent&role=wijkagent").json()
    assert data["count"] == 2
    data = client.get(API + "?q=training&role=docent&role=wijkagent&theme=polarisatie").json()
    assert [r["title"] for r in data["results"]] == ["Training polarisatie"]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"q": "x" * 201}, "te lang"),
        ({"q": "training", "role": "astronaut"}, "role"),
        ({"q": "training", "type": "cursus-x"}, "type"),
        ({"q": "training", "evidence": "heel-goed"}, "evidence"),
        ({"q": "training", "provider": "Niemand BV"}, "provider"),
        ({"q": "training", "page": "0"}, "pagina"),
        ({"q": "training", "page": "twee"}, "pagina"),
        ({"q": "training", "page": "9"}, "Pagina 9"),
        ({"q": "training", "sort": "prijs"}, "Sorteren"),
    ],
)
def test_invalid_values_get_a_400_with_a_message(client, pages, params, fragment):
    response = client.get(API, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert fragment.lower() in response.json()["error"].lower()


def test_a_query_of_exactly_200_characters_is_fine(client, pages):
    assert client.get(API, {"q": "a" * 200}).status_code == 200


def test_suggest_returns_titles_and_urls(client, backend_name, pages):
    response = client.get(API + "suggest/", {"q": "trai"})
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert {s["title"] for s in suggestions} == {"Training jihadisme", "Training polarisatie"}
    assert all(s["url"].startswith("/wat-werkt/") for s in suggestions)
    assert client.get(API + "suggest/", {"q": ""}).json() == {"suggestions": []}
    assert client.get(API + "suggest/", {"q": "x" * 201}).status_code == 400


def test_only_get_is_allowed(client, pages):
    assert client.post(API, {"q": "training"}).status_code == 405


def _timings(response) -> dict[str, float]:
    metrics = {}
    for metric in response["Server-Timing"].split(","):
        name, _, duration = metric.strip().partition(";dur=")
        metrics[name] = float(duration)
    return metrics


@pytest.mark.parametrize("path", ["", "suggest/"])
def test_server_timing_tells_the_engine_from_the_app(client, backend_name, pages, path):
    """The engine's own ``took`` is reported only when the engine answered; the whole view
    always. The benchmark reads these to show what the Python side costs."""
    response = client.get(API + path, {"q": "training" if not path else "trai"})
    assert response.status_code == 200
    metrics = _timings(response)
    assert metrics["app"] > 0
    if backend_name == "elasticsearch":
        assert 0 <= metrics["engine"] <= metrics["app"]
    else:
        assert "engine" not in metrics
