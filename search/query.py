"""The visitor's query, parsed once for both backends (simple_query_string semantics).

Free words, ``"quoted phrases"`` and ``-excluded`` words or phrases. Nothing else is special:
no field names, wildcards or boolean syntax reach a backend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import fold, stop_words

MAX_QUERY_LENGTH = 200
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD_CHARS = re.compile(r"[^\w\-']+", re.UNICODE)


@dataclass
class ParsedQuery:
    raw: str
    terms: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)  # words or phrases

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


def query_parse(raw: str) -> ParsedQuery:
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
