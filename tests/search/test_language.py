"""The Dutch analysis chain of the Elasticsearch backend (the database backend is simpler)."""

from __future__ import annotations

import pytest

from tests.search.helpers import practice, search, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(use_elasticsearch, practice_index):
    pages = {
        "leraar": (
            "Leraren in gesprek met leerlingen",
            "Een aanpak voor het voortgezet onderwijs.",
        ),
        "rechts": ("Rechts-extremisme herkennen", "Signalen van extreemrechtse ideeën."),
        "jongeren": ("Steun voor de jongerenwerker", "Een netwerk voor ambulant werk."),
        "syrie": ("Terugkeer uit Syrië", "Begeleiding van kinderen na terugkeer."),
        "detentie": ("Begeleiding na detentie", "Re-integratie na een straf."),
        "wijk": ("De wijkagent als verbinder", "Politie in de buurt."),
    }
    for title, summary in pages.values():
        practice(practice_index, title=title, summary=summary)
    return pages


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("leraar", "Leraren in gesprek met leerlingen"),  # inflection (stemming)
        ("leerling", "Leraren in gesprek met leerlingen"),
        ("docent", "Leraren in gesprek met leerlingen"),  # synonym
        ("leerkrachten", "Leraren in gesprek met leerlingen"),  # synonym + plural
        ("syrie", "Terugkeer uit Syrië"),  # ASCII folding
        ("rechtsextremisme", "Rechts-extremisme herkennen"),  # hyphen variants
        ("rechts extremisme", "Rechts-extremisme herkennen"),
        ("extreemrechts", "Rechts-extremisme herkennen"),  # synonym
        ("jongeren werker", "Steun voor de jongerenwerker"),  # compound split
        ("jongerenwerkers", "Steun voor de jongerenwerker"),
        ("gevangenis", "Begeleiding na detentie"),  # synonym
        ("buurtagent", "De wijkagent als verbinder"),
        ("wijkagnet", "De wijkagent als verbinder"),  # typo
        ("begeleidng kinderen", "Terugkeer uit Syrië"),  # typo in a longer query
        ("terugk", "Terugkeer uit Syrië"),  # partial word
    ],
)
def test_finds_the_page_in_the_top_three(corpus, query, expected):
    assert expected in titles(search(query))[:3]


def test_analysis_tokens_of_a_hyphenated_compound(use_elasticsearch, practice_index):
    # The decompounder splits with the parts the Dutch word list finds in the indexed content,
    # recomputed when the index is built.
    from search.services import search_index_rebuild

    practice(practice_index, title="Rechts-extremisme bij jongerenwerkers in Syrië")
    search_index_rebuild()
    backend = use_elasticsearch
    tokens = backend.client.analyze(
        index=backend.alias,
        analyzer="nl_index",
        text="Rechts-extremisme bij jongerenwerkers in Syrië",
    )["tokens"]
    words = {token["token"] for token in tokens}
    assert {"rechtsextremism", "recht", "extremism", "jongerenwerker", "werker", "syrie"} <= words


def test_synonyms_come_from_the_editable_file():
    from search.analysis import SYNONYMS_FILE, synonym_rules

    assert SYNONYMS_FILE.name == "synonyms.txt"
    rules = synonym_rules()
    assert any(rule.startswith("docent, leraar, leerkracht") for rule in rules)
    assert not any(rule.startswith("#") for rule in rules)
