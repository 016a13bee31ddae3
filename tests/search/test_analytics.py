"""Search analytics: counts and dates; a query's text only once five distinct visitors typed it;
personal data never stored."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from search.models import SearchQueryStat, SearchQueryVisitor
from search.selectors import (
    search_popular_queries,
    search_query_hidden_summary,
    search_query_top,
)
from search.services import search_analytics_prune
from search.services import search_query_record as _record
from tests.factories import UserFactory
from tests.search.helpers import practice

pytestmark = pytest.mark.django_db


def search_query_record(*, query, result_count, client="192.0.2.1"):
    return _record(query=query, result_count=result_count, client=client)


def typed_by(query: str, visitors: int, *, result_count: int = 1) -> None:
    for n in range(visitors):
        assert search_query_record(query=query, result_count=result_count, client=f"192.0.2.{n}")


def test_counts_queries_and_zero_results_without_the_searcher():
    assert search_query_record(query="Polarisatie", result_count=3)
    assert search_query_record(query="polarisatie ", result_count=0)
    stat = SearchQueryStat.objects.get()
    assert (stat.count, stat.zero_result_count, stat.visitor_count) == (2, 1, 1)
    assert stat.query == ""  # one visitor: no text
    fields = {field.name for field in SearchQueryStat._meta.get_fields()}
    assert fields == {
        "id",
        "query_key",
        "query",
        "count",
        "visitor_count",
        "zero_result_count",
        "first_searched",
        "last_searched",
    }
    token = SearchQueryVisitor.objects.get().token
    assert "192.0.2.1" not in token and len(token) == 32


def test_text_is_kept_and_shown_only_from_five_distinct_visitors():
    typed_by("complotdenken", 4)
    for _ in range(10):  # one visitor searching again and again does not count more
        search_query_record(query="complotdenken", result_count=1, client="192.0.2.0")
    stat = SearchQueryStat.objects.get()
    assert (stat.count, stat.visitor_count, stat.query) == (14, 4, "")
    assert list(search_query_top()) == [] and search_popular_queries() == []
    assert search_query_hidden_summary() == {"queries": 1, "searches": 14}
    search_query_record(query="Complotdenken", result_count=1, client="198.51.100.1")
    stat.refresh_from_db()
    assert (stat.visitor_count, stat.query) == (5, "complotdenken")
    assert [row.query for row in search_query_top()] == ["complotdenken"]
    assert search_popular_queries() == ["complotdenken"]


def test_retention_forgets_tokens_after_the_day_and_stale_queries(settings):
    settings.SEARCH_ANALYTICS_RETENTION_DAYS = 30
    typed_by("weerbaarheid", 5)
    typed_by("eenmalig", 1)
    today = datetime.date.today()
    SearchQueryStat.objects.update(first_searched=today - datetime.timedelta(days=40))
    assert search_analytics_prune(today=today) == {"tokens": 0, "queries": 1}  # "eenmalig"
    assert list(SearchQueryStat.objects.values_list("query", flat=True)) == ["weerbaarheid"]
    tomorrow = today + datetime.timedelta(days=1)
    assert search_analytics_prune(today=tomorrow)["tokens"] == 5
    assert not SearchQueryVisitor.objects.exists()
    SearchQueryStat.objects.update(last_searched=today - datetime.timedelta(days=31))
    call_command("search_analytics_retention")
    assert not SearchQueryStat.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "jan.jansen@school.nl radicalisering",
        "bel 06-12345678",
        "0612345678",
        "+31 20 123 4567 wijkagent",
        "contact 020-1234567",
        "j.jansen [at] school.nl",
        "jansen (at) school punt nl",
        "jansen at school dot nl",
        "piet @ gemeente.nl",
        "Sanne de Vries klas 3b Zwolle",
        "sanne Bakker",
        "leerling klas 2a gedrag",
        "groep 7 ouders",
        "wijk 1234 AB",
        "geboren 12-03-2011",
    ],
)
def test_queries_that_may_point_at_a_person_are_dropped(query):
    assert not search_query_record(query=query, result_count=1)
    assert not SearchQueryStat.objects.exists()


@pytest.mark.parametrize(
    "query", ["meldcode 2024", "Polarisatie", "wat te doen bij complotdenken", "at risk jongeren"]
)
def test_years_topics_and_a_capital_first_word_are_kept(query):
    assert search_query_record(query=query, result_count=1)


def test_the_search_page_records_first_pages_only(client, practice_index, settings):
    settings.SEARCH_ANALYTICS_MIN_VISITORS = 1  # one test client, so its text is kept
    practice(practice_index, title="Sport als verbinding")
    client.get("/zoeken/", {"q": "sport"})
    client.get("/zoeken/", {"q": "sport", "pagina": "2"})
    client.get("/zoeken/", {"q": "onvindbaarwoord"})
    counts = dict(SearchQueryStat.objects.values_list("query", "count"))
    assert counts == {"sport": 1, "onvindbaarwoord": 1}
    assert SearchQueryStat.objects.get(query="onvindbaarwoord").zero_result_count == 1


def test_editors_see_the_reports_in_the_admin(client):
    typed_by("complotdenken", 5, result_count=4)
    typed_by("wappie", 5, result_count=0)
    typed_by("zeldzaam", 4, result_count=0)
    client.force_login(UserFactory(is_superuser=True, is_staff=True, totp=True))  # staff need MFA
    top = client.get("/beheer/rapporten/zoeken/")
    zero = client.get("/beheer/rapporten/zoeken-zonder-resultaat/")
    assert top.status_code == zero.status_code == 200
    assert "complotdenken" in top.content.decode() and "wappie" in top.content.decode()
    assert "wappie" in zero.content.decode() and "complotdenken" not in zero.content.decode()
    assert "zeldzaam" not in top.content.decode() + zero.content.decode()
    export = client.get("/beheer/rapporten/zoeken/?export=csv")
    assert export.status_code == 200 and b"complotdenken" in b"".join(export.streaming_content)


def test_visitors_cannot_see_the_reports(client):
    response = client.get("/beheer/rapporten/zoeken/")
    assert response.status_code == 302
