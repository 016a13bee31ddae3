"""Search analytics: query text, counts and dates only; personal data never stored."""

from __future__ import annotations

import pytest

from search.models import SearchQueryStat
from search.services import search_query_record
from tests.factories import UserFactory
from tests.search.helpers import practice

pytestmark = pytest.mark.django_db


def test_counts_queries_and_zero_results_without_the_searcher():
    assert search_query_record(query="Polarisatie", result_count=3)
    assert search_query_record(query="polarisatie ", result_count=0)
    stat = SearchQueryStat.objects.get()
    assert (stat.query, stat.count, stat.zero_result_count) == ("polarisatie", 2, 1)
    fields = {field.name for field in SearchQueryStat._meta.get_fields()}
    assert fields == {
        "id",
        "query",
        "count",
        "zero_result_count",
        "first_searched",
        "last_searched",
    }


@pytest.mark.parametrize(
    "query",
    [
        "jan.jansen@school.nl radicalisering",
        "bel 06-12345678",
        "0612345678",
        "+31 20 123 4567 wijkagent",
        "contact 020-1234567",
    ],
)
def test_queries_with_an_email_address_or_phone_number_are_dropped(query):
    assert not search_query_record(query=query, result_count=1)
    assert not SearchQueryStat.objects.exists()


def test_years_and_short_numbers_are_kept():
    assert search_query_record(query="meldcode 2024", result_count=1)


def test_the_search_page_records_first_pages_only(client, practice_index):
    practice(practice_index, title="Sport als verbinding")
    client.get("/zoeken/", {"q": "sport"})
    client.get("/zoeken/", {"q": "sport", "pagina": "2"})
    client.get("/zoeken/", {"q": "onvindbaarwoord"})
    counts = dict(SearchQueryStat.objects.values_list("query", "count"))
    assert counts == {"sport": 1, "onvindbaarwoord": 1}
    assert SearchQueryStat.objects.get(query="onvindbaarwoord").zero_result_count == 1


def test_editors_see_the_reports_in_the_admin(client):
    search_query_record(query="complotdenken", result_count=4)
    search_query_record(query="wappie", result_count=0)
    client.force_login(UserFactory(is_superuser=True, is_staff=True, totp=True))  # staff need MFA
    top = client.get("/beheer/rapporten/zoeken/")
    zero = client.get("/beheer/rapporten/zoeken-zonder-resultaat/")
    assert top.status_code == zero.status_code == 200
    assert "complotdenken" in top.content.decode() and "wappie" in top.content.decode()
    assert "wappie" in zero.content.decode() and "complotdenken" not in zero.content.decode()
    export = client.get("/beheer/rapporten/zoeken/?export=csv")
    assert export.status_code == 200 and b"complotdenken" in b"".join(export.streaming_content)


def test_visitors_cannot_see_the_reports(client):
    response = client.get("/beheer/rapporten/zoeken/")
    assert response.status_code == 302
