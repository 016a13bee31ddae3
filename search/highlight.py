"""Snippets with <mark> around the words that matched, for the database backend.

Elasticsearch highlights with its own analysis; the database backends cannot, so this finds
words that are a query word or that word with a Dutch ending. Text is escaped before marking.
"""

from __future__ import annotations

import functools
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import fold

_WORD = re.compile(r"\w[\w\-]*", re.UNICODE)
# Plain ASCII markers: some servers drop private-use characters from highlight tags.
MARK_START, MARK_END = "[[[mark]]]", "[[[/mark]]]"


@functools.lru_cache(maxsize=50_000)
def _folded(word: str) -> str:
    """Words repeat across snippets: fold each once per process, not once per occurrence."""
    return fold(word)


def word_stem(word: str) -> str:
    """A crude Dutch stem: enough to match 'docenten' with 'docent' in a snippet."""
    word = fold(word)
    return word[: max(4, len(word) - 3)] if len(word) > 5 else word


class _Stems:
    """The query words as stems, each with how much longer a matching text word may be.

    A plain prefix test marked "in" inside "instrument" and "de" inside "deskundige": a text
    word matches only when it is the query word or that word with a Dutch ending (what the
    stem cut off plus up to three letters: docent → docenten, signaal → signalen). Words of
    up to three letters match only themselves.
    """

    def __init__(self, terms: list[str]):
        allowance: dict[str, int] = {}
        for term in terms:
            for word in term.split():
                if len(word) <= 1:
                    continue
                folded = fold(word)
                stem = word_stem(word)
                extra = 0 if len(folded) <= 3 else len(folded) - len(stem) + 3
                allowance[stem] = max(allowance.get(stem, 0), extra)
        self.allowance = allowance
        self.prefixes = tuple(allowance)

    def __bool__(self) -> bool:
        return bool(self.prefixes)

    def match(self, word: str) -> bool:
        folded = _folded(word)
        if not self.prefixes or not folded.startswith(self.prefixes):
            return False
        return any(
            folded.startswith(stem) and len(folded) - len(stem) <= extra
            for stem, extra in self.allowance.items()
        )


def snippet_highlight(*, texts: list[str], terms: list[str], size: int = 220) -> SafeString:
    """The first ``size`` characters around the first match in ``texts``, matches marked."""
    stems = _Stems(terms)
    text = next((t for t in texts if t), "")
    chosen_start = 0
    for candidate in texts:
        if not candidate:
            continue
        for match in _WORD.finditer(candidate):
            if stems.match(match.group()):
                text = candidate
                chosen_start = max(0, match.start() - size // 3)
                break
        else:
            continue
        break
    start = chosen_start
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    fragment = text[start : start + size]
    if start + size < len(text):
        cut = fragment.rfind(" ")
        fragment = (fragment[:cut] if cut > size // 2 else fragment) + " …"
    if start:
        fragment = "… " + fragment

    def mark(match: re.Match) -> str:
        word = match.group()
        if stems.match(word):
            return f"{MARK_START}{word}{MARK_END}"
        return word

    return markup_from_sentinels(_WORD.sub(mark, fragment))


def markup_from_sentinels(text: str) -> SafeString:
    """Escape ``text`` and turn the marker strings into <mark> elements."""
    escaped = escape(text)
    return mark_safe(  # noqa: S308 - everything but our own <mark> tags is escaped above
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )
