"""The visitor's query, parsed once for both backends (simple_query_string semantics).

Free words, ``"quoted phrases"`` and ``-excluded`` words or phrases. Nothing else is special:
no field names, wildcards or boolean syntax reach a backend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import fold, stop_words

MAX_QUERY_LENGTH = 200
# Each word adds ranking work in every backend, and SQLite's FTS5 parser overflows its stack on
# a few hundred: a query keeps its first words, counted over terms, phrases and exclusions.
MAX_QUERY_WORDS = 12
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD_CHARS = re.compile(r"[^\w\-']+", re.UNICODE)


@dataclass
class ParsedQuery:
    raw: str
    terms: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)  # words or phrases
    trimmed: bool = False  # words beyond MAX_QUERY_WORDS were left out

    @property
    def free_text(self) -> str:
        return " ".join(self.terms)

    @property
    def content_terms(self) -> list[str]:
        """The terms without Dutch stop words ("in", "de"), unless nothing else is left: they
        are in nearly every page, so they only add noise to matching and highlighting."""
        kept = [term for term in self.terms if fold(term) not in stop_words()]
        return kept or list(self.terms)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases)


def _clean(text: str) -> str:
    return " ".join(_WORD_CHARS.sub(" ", text).split()).strip("-' ")


def query_word_count(raw: str) -> int:
    """The words of a query as the visitor sees them (quotes and minus signs do not count)."""
    return len(_clean(raw.replace('"', " ")).split())


def query_parse(raw: str, *, max_words: int = MAX_QUERY_WORDS) -> ParsedQuery:
    """Parse ``raw``; past ``max_words`` words the rest is dropped and ``trimmed`` is set, so
    no caller can hand a backend an unbounded query."""
    parsed = _parse(raw)
    budget = max_words
    for name in ("terms", "phrases", "excluded"):
        kept = []
        for item in getattr(parsed, name):
            words = item.split()
            if len(words) > budget:
                parsed.trimmed = True
                if budget and name == "terms":
                    kept.extend(words[:budget])
                budget = 0
                continue
            budget -= len(words)
            kept.append(item)
        setattr(parsed, name, kept)
    return parsed


def _parse(raw: str) -> ParsedQuery:
    parsed = ParsedQuery(raw=raw)
    if raw.count('"') % 2:
        raw = raw.replace('"', " ")  # an unclosed quote is just a typo
    for match in _TOKEN.finditer(raw):
        negated, phrase, word = match.groups()
        if phrase is not None:
            text = _clean(phrase)
            if not text:
                continue
            if negated:
                parsed.excluded.append(text)
            elif " " in text:
                parsed.phrases.append(text)
            else:
                parsed.terms.append(text)
            continue
        if word.startswith("-") and len(word) > 1:
            text = _clean(word[1:])
            if text:
                parsed.excluded.append(text)
            continue
        text = _clean(word)
        if text:
            parsed.terms.extend(text.split())
    return parsed


@dataclass
class Concept:
    """One word of the query with the other ways the content may write it: synonyms, the
    compound it makes with the next word ("leerlingen parlement" -> leerlingenparlement), its
    compound parts ("oudergesprek" -> ouder + gesprek, all required) and, for a participle or
    verb form, the bare verb stem ("geronseld" -> ronsel, "bedreigd" -> bedreig)."""

    term: str
    synonyms: list[str] = field(default_factory=list)  # from synonyms.txt
    joined: list[str] = field(default_factory=list)  # with the word before or after it
    parts: tuple[str, ...] = ()  # all of them together
    forms: list[str] = field(default_factory=list)  # derived forms, weaker than the word


def _verb_forms(word: str) -> list[str]:
    word = fold(word)
    forms = []
    if len(word) >= 7 and word[-1] in "dt":
        bare = word[:-1]
        forms.append(bare)
        if bare.startswith("ge") and len(bare) >= 6:
            forms.append(bare[2:])
    return forms


def query_concepts(query: ParsedQuery) -> list[Concept]:
    from .analysis import DictionaryMissing, compound_split, synonym_groups

    terms = query.content_terms
    concepts = []
    for position, term in enumerate(terms):
        folded = fold(term)
        synonyms = list(synonym_groups().get(folded, []))
        joined: list[str] = []
        pairs = []
        if position:
            pairs.append((terms[position - 1], term))
        if position + 1 < len(terms):
            pairs.append((term, terms[position + 1]))
        for first, second in pairs:
            for link in ("", "s"):
                if fold(first) + link + fold(second) not in joined:
                    joined.append(fold(first) + link + fold(second))
        try:
            parts = compound_split(folded)
        except DictionaryMissing:
            parts = ()
        concepts.append(
            Concept(
                term=term, synonyms=synonyms, joined=joined, parts=parts, forms=_verb_forms(term)
            )
        )
    return concepts


def enough_words(count: int) -> int:
    """How many of ``count`` query words a page must contain, as Elasticsearch's
    minimum_should_match "1<-1 3<40%": one of two, two of three, 40 % past that. Low on
    purpose: a question typed as a sentence has words the right page does not use; the score,
    not this floor, puts the page with most (and rarest) of the words first."""
    if count <= 3:
        return max(count - 1, 1)
    return max(int(count * 0.4), 1)
