"""The editable word lists of the Dutch analysis chain: synonyms, compound-word parts and
stop words.

They are plain files in the repository so editors can extend them; both backends read them.
Elasticsearch receives them inline in the index settings (no file on the cluster), so a
change takes effect with ``manage.py search_rebuild``; the database backend reads them once
per process, so it needs a restart of the web server.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
SYNONYMS_FILE = DIRECTORY / "synonyms.txt"
COMPOUND_PARTS_FILE = DIRECTORY / "compound_parts.txt"
STOPWORDS_FILE = DIRECTORY / "stopwords.txt"


def _lines(path: Path) -> list[str]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def fold(text: str) -> str:
    """Lower case without diacritics: "Syrië" and "syrie" are the same word."""
    normalized = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in normalized if not unicodedata.combining(c))


@functools.cache
def synonym_rules() -> list[str]:
    """Synonym rules in Solr format, as Elasticsearch's synonym_graph filter takes them."""
    return _lines(SYNONYMS_FILE)


@functools.cache
def synonym_groups() -> dict[str, list[str]]:
    """For the database backend: each folded word or phrase to the others it also finds."""
    groups: dict[str, list[str]] = {}
    for rule in synonym_rules():
        if "=>" in rule:
            left, right = rule.split("=>", 1)
            sources = [fold(w.strip()) for w in left.split(",") if w.strip()]
            targets = [fold(w.strip()) for w in right.split(",") if w.strip()]
        else:
            sources = targets = [fold(w.strip()) for w in rule.split(",") if w.strip()]
        for source in sources:
            bucket = groups.setdefault(source, [])
            bucket.extend(t for t in targets if t != source and t not in bucket)
    return groups


@functools.cache
def compound_parts() -> list[str]:
    return [fold(line) for line in _lines(COMPOUND_PARTS_FILE)]


@functools.cache
def stop_words() -> frozenset[str]:
    return frozenset(fold(line) for line in _lines(STOPWORDS_FILE))
