"""Probes of issue 16 against search: long queries, bursts and absurd page numbers.

Each word adds ranking work, a few hundred overflow SQLite's FTS5 parser, and a burst of
anonymous searches queued the health check and cached pages behind it. These tests pin the
word cap, the per-client rate limit and the cheap paths.
"""

from __future__ import annotations

import pytest

from search.backends.database import DatabaseSearchBackend
from search.query import MAX_QUERY_WORDS, query_parse
from tests.search.helpers import practice

pytestmark = pytest.mark.django_db

API = "/api/v1/search/"
WORDS_60 = " ".join(f"polarisatie{n}" for n in range(60))[:200]


@pytest.fixture
def pages(practice_index):
    practice(practice_index, title="Dialoog over polarisatie in de klas", role_slugs=["docent"])
    return practice_index


@pytest.fixture
def seen(monkeypatch):
    """The word counts of every query that reached the database backend."""
    counts: list[int] = []
    original = DatabaseSearchBackend.search

    def spy(self, request):
        query = request.query
        words = query.terms + [w for p in query.phrases + query.excluded for w in p.split()]
        counts.append(len(words))
        return original(self, request)

    monkeypatch.setattr(DatabaseSearchBackend, "search", spy)
    return counts


def test_the_parser_keeps_at_most_the_cap_of_words():
    parsed = query_parse(" ".join(["woord"] * 300) + ' "vaste woordgroep" -online')
    assert len(parsed.terms) == MAX_QUERY_WORDS and parsed.trimmed
    assert not parsed.phrases and not parsed.excluded
    short = query_parse('polarisatie "in de klas" -online')
    assert not short.trimmed and short.phrases == ["in de klas"] and short.excluded == ["online"]


def test_the_page_searches_the_first_words_and_says_so(client, pages, seen):
    response = client.get("/zoeken/", {"q": "polarisatie " + WORDS_60})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Er is gezocht op de eerste {MAX_QUERY_WORDS}" in html
    assert f"hoogstens {MAX_QUERY_WORDS} woorden" in html  # the hint says so before searching
    assert seen and max(seen) <= MAX_QUERY_WORDS
    assert "Dialoog over polarisatie" in html


def test_three_hundred_one_letter_words_do_not_crash_sqlite(client, pages, seen):
    response = client.get("/zoeken/", {"q": " ".join(["a"] * 300)})
    assert response.status_code == 200
    assert max(seen) <= MAX_QUERY_WORDS


def test_the_api_refuses_too_many_words_with_a_message(client, pages, seen):
    response = client.get(API, {"q": WORDS_60})
    assert response.status_code == 400
    assert response.json()["error"] == (
        f"De zoekopdracht heeft te veel woorden (hoogstens {MAX_QUERY_WORDS})."
    )
    assert not seen
    exact = " ".join(["polarisatie"] * MAX_QUERY_WORDS)
    assert client.get(API, {"q": exact}).status_code == 200


def test_suggestions_use_only_the_first_words(client, pages, monkeypatch):
    asked = []
    monkeypatch.setattr(
        DatabaseSearchBackend, "suggest", lambda self, text, limit: asked.append(text) or []
    )
    assert client.get(f"{API}suggest/", {"q": WORDS_60}).status_code == 200
    assert len(asked[0].split()) == MAX_QUERY_WORDS


def test_page_numbers_beyond_the_maximum(client, pages):
    huge = str(2**70)
    response = client.get(API, {"q": "polarisatie", "page": huge})
    assert response.status_code == 400 and "hoogstens 1000" in response.json()["error"]
    assert client.get("/zoeken/", {"q": "polarisatie", "pagina": huge}).status_code == 200


class TestRateLimit:
    @pytest.fixture(autouse=True)
    def _low_limits(self, settings):
        settings.SEARCH_RATE_LIMITS = {"search": "3/m", "suggest": "2/m"}

    def test_the_page_answers_429_in_dutch_after_the_limit(self, client, pages, seen):
        for _ in range(3):
            assert client.get("/zoeken/", {"q": "polarisatie"}).status_code == 200
        searched = len(seen)
        response = client.get("/zoeken/", {"q": "polarisatie"})
        assert response.status_code == 429 and response["Retry-After"] == "60"
        assert "Wacht een minuut" in response.content.decode()
        assert len(seen) == searched, "a refused search still reached the backend"
        # Another client has its own budget; the empty search page is never limited.
        assert client.get("/zoeken/", {"q": "klas"}, REMOTE_ADDR="192.0.2.9").status_code == 200
        assert client.get("/zoeken/").status_code == 200

    def test_the_api_answers_429_json(self, client, pages):
        for _ in range(3):
            assert client.get(API, {"q": "polarisatie"}).status_code == 200
        response = client.get(API, {"q": "polarisatie"})
        assert response.status_code == 429
        assert "Wacht een minuut" in response.json()["error"]

    def test_a_forged_forwarded_for_does_not_buy_a_new_budget(self, client, pages):
        for n in range(3):
            headers = {"HTTP_X_FORWARDED_FOR": f"203.0.113.{n}"}
            assert client.get(API, {"q": "klas"}, **headers).status_code == 200
        forged = {"HTTP_X_FORWARDED_FOR": "203.0.113.77"}
        assert client.get(API, {"q": "klas"}, **forged).status_code == 429

    def test_suggestions_have_their_own_budget(self, client, pages):
        for _ in range(2):
            assert client.get(f"{API}suggest/", {"q": "pol"}).status_code == 200
        assert client.get(f"{API}suggest/", {"q": "pol"}).status_code == 429
        assert client.get(API, {"q": "polarisatie"}).status_code == 200
