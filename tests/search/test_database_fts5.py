"""Our own FTS5 MATCH (search/backends/fts5.py) for the database backend on SQLite: it must
find exactly what modelsearch's public search() finds, in one MATCH. If modelsearch renames
its FTS5 model or columns, or changes how it indexes, these tests fail instead of searches
quietly slowing down to a MATCH per entry."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends import get_search_backend
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText

from search.backends.database import _sqlite_matches
from search.backends.fts5 import match_expression
from search.models import SearchDocument
from tests.search.helpers import practice


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (PlainText("aanpak"), '{title body} : "aanpak"'),
        (PlainText("aanpak wijk"), '{title body} : ("aanpak" AND "wijk")'),
        (PlainText("aanpak wijk", operator="or"), '{title body} : ("aanpak" OR "wijk")'),
        (Phrase("rechts-extremisme"), '{title body} : "rechts-extremisme"'),
        (Phrase('zeg "nee"'), '{title body} : "zeg ""nee"""'),
        (
            Or([PlainText("ouder"), And([PlainText("ouder"), PlainText("gesprek")])]),
            '{title body} : ("ouder" OR ("ouder" AND "gesprek"))',
        ),
        (
            And([PlainText("aanpak"), MatchAll(), Not(Phrase("de wijk")), Not(PlainText("x"))]),
            '{title body} : (("aanpak") NOT ("de wijk" OR "x"))',
        ),
    ],
)
def test_query_shapes_become_one_fts5_expression(query, expected):
    assert match_expression(query=query) == expected


@pytest.mark.parametrize(
    "query",
    [
        MatchAll(),
        Not(PlainText("aanpak")),
        And([Not(PlainText("aanpak"))]),
        Or([PlainText("aanpak"), Not(PlainText("wijk"))]),
        Or([PlainText("aanpak"), MatchAll()]),
        PlainText("   "),
    ],
)
def test_shapes_fts5_cannot_take_alone_are_left_to_modelsearch(query):
    assert match_expression(query=query) is None


QUERIES = [
    PlainText("aanpak"),
    PlainText("Aanpak"),
    PlainText("wijkteam"),
    Phrase("aanpak in de wijk"),
    Phrase("rechts-extremisme"),
    Or([PlainText("gesprek"), PlainText("wijkteam")]),
    And([PlainText("aanpak"), PlainText("wijk")]),
    And([PlainText("aanpak"), Not(PlainText("school"))]),
    And([PlainText("mentor"), PlainText("gesprek")]),
    PlainText("ontbreekt"),
]


@pytest.mark.django_db
def test_the_own_match_finds_what_modelsearch_finds_in_one_match(practice_index):
    practice(practice_index, title="Aanpak in de wijk", summary="Met het wijkteam")
    practice(practice_index, title="Aanpak op school", summary="Een gesprek met de mentor")
    practice(practice_index, title="Rechts-extremisme herkennen", summary="Signalen")
    practice(practice_index, title="Het mentorgesprek", summary="Voorbereiding")
    base = SearchDocument.objects.all()
    public = get_search_backend()
    found_any = False
    for query in QUERIES:
        expected = set(
            public.search(query, base, order_by_relevance=False)
            .get_queryset()
            .values_list("pk", flat=True)
        )
        with CaptureQueriesContext(connection) as queries:
            own = _sqlite_matches(query, base)
            ids = None if own is None else set(own.values_list("pk", flat=True))
        if connection.vendor == "sqlite":
            # The fast path is taken, agrees with modelsearch, and runs one MATCH in one query.
            assert ids == expected, query
            assert len(queries) == 1 and queries[0]["sql"].count("MATCH") == 1
        else:
            assert own is None and len(queries) == 0
        found_any = found_any or bool(expected)
    assert found_any
