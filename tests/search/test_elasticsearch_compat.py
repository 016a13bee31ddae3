"""Where a real Elasticsearch 8 behaves differently from a lenient test server, or answers 200
with less than was asked: the backend must cope the same way on both."""

from __future__ import annotations

import datetime

import pytest
from elasticsearch.dsl.response import Response

from search.analysis import synonym_rules
from search.backends.elasticsearch import MAX_RESULT_WINDOW
from search.documents import PageDocument
from search.selectors import MAX_PAGE, SearchInputError
from tests.search.helpers import practice, search, titles

pytestmark = pytest.mark.django_db


def synonym_entries() -> list[str]:
    entries = []
    for rule in synonym_rules():
        for side in rule.split("=>"):
            entries += [entry.strip() for entry in side.split(",") if entry.strip()]
    return entries


def test_every_synonym_survives_the_analysis_before_the_synonym_filter(use_elasticsearch):
    """Elasticsearch parses each synonym with the filters in front of the synonym filter. An
    entry that loses a word there (a stop word, a single letter) leaves a gap, and with
    ``lenient`` it is dropped without a word: it would never work on a real cluster."""
    backend = use_elasticsearch
    index = backend._write_targets()[0]
    broken = []
    for entry in synonym_entries():
        tokens = backend.client.analyze(
            index=index,
            tokenizer="nl_query_words",
            filter=[
                "lowercase",
                "asciifolding",
                "nl_min_length",
                "nl_stop",
                "nl_stem",
                "nl_undouble",
            ],
            text=entry,
        )["tokens"]
        positions = [token["position"] for token in tokens]
        if not tokens or positions != list(range(len(tokens))):
            broken.append(entry)
    assert broken == []


def test_undated_documents_get_no_recency_lift(use_elasticsearch):
    """A decay function gives a document without the field the score of a brand new one."""
    last_year = datetime.date.today() - datetime.timedelta(days=365)
    use_elasticsearch.index_documents(
        [
            PageDocument(page_id=1, type="goede-praktijk", title="Aanpak alfa", url="/a/"),
            PageDocument(
                page_id=2, type="goede-praktijk", title="Aanpak bravo", url="/b/", date=last_year
            ),
        ]
    )
    assert titles(search("aanpak")) == ["Aanpak bravo", "Aanpak alfa"]


def test_the_last_page_is_within_the_result_window_and_past_it_is_an_input_error(
    use_elasticsearch, practice_index
):
    """Elasticsearch refuses a search past max_result_window (10,000 hits), which would fail
    over to the database. The page cap (search.selectors.MAX_PAGE) keeps every page inside the
    window: the last page is answered by the engine, empty; the one after it is a clear input
    error, never a backend error."""
    practice(practice_index, title="Enige aanpak")
    assert MAX_PAGE * 10 <= MAX_RESULT_WINDOW
    response = search("aanpak", page=str(MAX_PAGE))
    assert (response.backend, response.degraded) == ("elasticsearch", False)
    assert response.count == 1 and response.hits == []
    assert response.facet_counts["type"] == {"goede-praktijk": 1}
    with pytest.raises(SearchInputError, match="hoogstens 1000"):
        search("aanpak", page=str(MAX_PAGE + 1))


def test_the_highlight_limit_is_sent_under_the_engines_own_name(
    use_elasticsearch, practice_index, monkeypatch
):
    """Elasticsearch 8 calls it max_analyzed_offset, OpenSearch 2 max_analyzer_offset; each
    answers 400 to the other's name, so every search would fail over to the database."""
    practice(practice_index, title="Lange aanpak")
    adapter = type(use_elasticsearch.client)
    sent = []
    execute = adapter.search

    def recording(self, search_):
        sent.append(search_.to_dict())
        return execute(self, search_)

    monkeypatch.setattr(adapter, "search", recording)
    response = search("aanpak")
    assert (response.backend, response.degraded) == ("elasticsearch", False)
    assert titles(response) == ["Lange aanpak"]
    option = {"elasticsearch": "max_analyzed_offset", "opensearch": "max_analyzer_offset"}
    limit = sent[0]["highlight"][option[use_elasticsearch.client.flavour]]
    assert 0 < limit < 1_000_000


# noida-db (Python) cannot search a megabyte within 30 s: this runs in the real-engine pass.
@pytest.mark.services
def test_a_body_past_the_highlight_limit_is_still_found_and_highlighted(
    use_elasticsearch, settings
):
    """Past index.highlight.max_analyzed_offset (1,000,000 characters) a real engine refuses
    the whole search unless the request sets its own, lower limit; and the option is named
    differently on Elasticsearch 8 (max_analyzed_offset) and OpenSearch 2
    (max_analyzer_offset), each answering 400 to the other's name. Failed on the old code
    against OpenSearch 2.19 (every search was refused), passed there on noida-db."""
    use_elasticsearch.index_documents(
        [
            PageDocument(
                page_id=1,
                type="goede-praktijk",
                title="Lange tekst",
                url="/lang/",
                body="Begin met een gesprek over de aanpak. "
                + "Vervolg van het verslag. " * 45_000,
            )
        ]
    )
    settings.SEARCH_BACKENDS["default"]["TIMEOUT"] = 30  # a loaded machine; not about speed
    response = search("aanpak")
    assert (response.backend, response.degraded) == ("elasticsearch", False)
    assert titles(response) == ["Lange tekst"]
    assert "<mark>aanpak</mark>" in str(response.hits[0].snippet)


@pytest.mark.parametrize("partial", [{"timed_out": True}, {"_shards": {"failed": 1}}])
def test_a_partial_answer_is_replaced_by_the_database(
    use_elasticsearch, practice_index, monkeypatch, partial
):
    """After its "timeout", or with a failed shard, Elasticsearch answers 200 with what it has."""
    practice(practice_index, title="Aanpak in de wijk")
    adapter = type(use_elasticsearch.client)  # the cluster's own answer, then made partial
    execute = adapter.search

    def incomplete(self, search_):
        response = execute(self, search_)
        raw = response.to_dict()
        for key, value in partial.items():
            raw[key] = {**raw[key], **value} if isinstance(value, dict) else value
        return Response(search_, raw)

    monkeypatch.setattr(adapter, "search", incomplete)
    response = search("wijk")
    assert (response.backend, response.degraded) == ("database", True)
    assert titles(response) == ["Aanpak in de wijk"]
