"""The database backend's field scoring: how a query compound counts in a title or summary."""

from __future__ import annotations

from search.backends.database import PARTS_WEIGHT, _concept_stems, _field_match, _stem_list
from search.query import Concept


def _in(concept: Concept, text: str) -> float:
    return _field_match(_concept_stems(concept), set(_stem_list(text)))


def test_the_compound_itself_counts_fully():
    concept = Concept(term="mentorgesprek", parts=("mentor", "gesprek"))
    assert _in(concept, "Het mentorgesprek") == 1.0


def test_all_parts_written_apart_count_half():
    concept = Concept(term="mentorgesprek", parts=("mentor", "gesprek"))
    assert _in(concept, "Een gesprek met de mentor") == PARTS_WEIGHT < 1.0


def test_one_part_alone_does_not_count():
    """On PostgreSQL the course 'voor mentoren' outranked the lesson 'Het mentorgesprek'."""
    concept = Concept(term="mentorgesprek", parts=("mentor", "gesprek"))
    assert _in(concept, "Weerbaarheidscursus voor mentoren") == 0.0


def test_a_synonym_counts_as_the_word():
    concept = Concept(term="jeugdwerker", synonyms=["jongerenwerker"])
    assert _in(concept, "Tips voor de jongerenwerker") == 1.0
