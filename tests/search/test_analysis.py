"""The Dutch analysis both backends share: stems, compounds from the word list, the concepts
a query is matched by, and how many of its words a page needs."""

from __future__ import annotations

import pytest

from search.analysis import compound_parts_of, compound_split, dictionary_words, stem, stop_words
from search.query import enough_words, query_concepts, query_parse


def test_the_dutch_word_list_is_installed_and_large():
    # Debian's hunspell-nl (scripts/ensure-search-deps.sh); a hand-kept list has a few dozen.
    assert len(dictionary_words()) > 100_000


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("oudergesprek", ("ouder", "gesprek")),
        ("veiligheidshuis", ("veiligheid", "huis")),  # linking s
        ("discriminatiemeldingen", ("discriminatie", "meldingen")),  # plural part
        ("moskeebestuur", ("moskee", "bestuur")),
        ("gemeentebeleid", ("gemeente", "beleid")),
    ],
)
def test_compounds_split_on_the_word_list(word, parts):
    assert compound_split(word) == parts


@pytest.mark.parametrize("word", ["radicalisering", "gesprek", "school", "extremisme"])
def test_plain_words_are_not_split(word):
    assert compound_split(word) == ()


def test_elasticsearchs_word_list_is_the_parts_of_the_contents_compounds():
    parts = compound_parts_of(["Het oudergesprek in het Veiligheidshuis", None, "les"])
    assert {"ouder", "gesprek", "veiligheid", "huis"} <= set(parts)
    assert "les" not in parts


def test_inflected_forms_share_a_stem():
    assert stem("leerlingen") == stem("leerling")
    assert stem("gevangenissen") == stem("gevangenis")
    assert stem("bedreiging") == stem("bedreigen")


def test_question_words_and_filler_are_stop_words():
    assert {"hoe", "wat", "welke", "waar", "mag", "we"} <= stop_words()
    query = query_parse("hoe kan ik als docent signalen herkennen")
    assert query.content_terms == ["docent", "signalen", "herkennen"]


def test_concepts_carry_the_other_spellings_of_a_word():
    first, second = query_concepts(query_parse("leerlingen parlement"))
    assert "leerlingenparlement" in first.joined and "leerlingenparlement" in second.joined
    (joined,) = query_concepts(query_parse("oudergesprek"))
    assert joined.parts == ("ouder", "gesprek")
    (participle,) = query_concepts(query_parse("geronseld"))
    assert stem(participle.forms[-1]) == stem("ronselen")


@pytest.mark.parametrize(("count", "needed"), [(1, 1), (2, 1), (3, 2), (4, 1), (5, 2), (8, 3)])
def test_long_queries_need_only_some_of_their_words(count, needed):
    assert enough_words(count) == needed
