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
