"""Where a real Elasticsearch 8 behaves differently from a lenient test server, or answers 200
with less than was asked: the backend must cope the same way on both."""

from __future__ import annotations

import datetime

import pytest
from elasticsearch.dsl import Search

from search.analysis import synonym_rules
from search.backends.elasticsearch import MAX_RESULT_WINDOW
from search.documents import PageDocument
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
        tokens = backend.client.indices.analyze(
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


def test_a_page_past_the_result_window_is_empty_not_an_error(use_elasticsearch, practice_index):
    practice(practice_index, title="Enige aanpak")
    page = MAX_RESULT_WINDOW // 10 + 1
    response = search("aanpak", page=str(page))
    assert (response.backend, response.degraded) == ("elasticsearch", False)
    assert response.count == 1 and response.hits == []
    assert response.facet_counts["type"] == {"goede-praktijk": 1}


def test_highlighting_stops_before_the_index_limit(use_elasticsearch, practice_index, monkeypatch):
    """Past index.highlight.max_analyzed_offset (1,000,000 characters) the whole search is
    refused unless the request sets its own, lower limit."""
    practice(practice_index, title="Lange aanpak")
    sent = []
    execute = Search.execute

    def recording(self, ignore_cache=False):
        sent.append(self.to_dict())
        return execute(self, ignore_cache)

    monkeypatch.setattr(Search, "execute", recording)
    assert titles(search("aanpak")) == ["Lange aanpak"]
    assert 0 < sent[0]["highlight"]["max_analyzed_offset"] < 1_000_000


@pytest.mark.parametrize("partial", [{"timed_out": True}, {"_shards": {"failed": 1}}])
def test_a_partial_answer_is_replaced_by_the_database(
    use_elasticsearch, practice_index, monkeypatch, partial
):
    """After its "timeout", or with a failed shard, Elasticsearch answers 200 with what it has."""
    practice(practice_index, title="Aanpak in de wijk")
    execute = Search.execute

    def incomplete(self, ignore_cache=False):
        response = execute(self, ignore_cache)
        raw = response.to_dict()
        for key, value in partial.items():
            raw[key] = {**raw[key], **value} if isinstance(value, dict) else value
        return self._response_class(self, raw)

    monkeypatch.setattr(Search, "execute", incomplete)
    response = search("wijk")
    assert (response.backend, response.degraded) == ("database", True)
    assert titles(response) == ["Aanpak in de wijk"]
