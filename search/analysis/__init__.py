"""The Dutch analysis chain's word lists: the editable synonyms and stop words, and the Dutch
word list (Debian's hunspell-nl) that compounds are split with.

They are plain files in the repository so editors can extend them; both backends read them.
Elasticsearch receives them inline in the index settings (no file on the cluster), so a
change takes effect with ``manage.py search_rebuild``; the database backend reads them once
per process, so it needs a restart of the web server.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
SYNONYMS_FILE = DIRECTORY / "synonyms.txt"
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
def stop_words() -> frozenset[str]:
    return frozenset(fold(line) for line in _lines(STOPWORDS_FILE))


# --- Stems and compounds, the same for both backends -------------------------------------

# Debian's hunspell-nl (the OpenTaal word list, BSD or CC BY 3.0): installed by
# scripts/ensure-search-deps.sh and the Dockerfile. HUNSPELL_NL_DIC points elsewhere.
HUNSPELL_DIC = Path(os.environ.get("HUNSPELL_NL_DIC", "/usr/share/hunspell/nl_NL.dic"))
# A compound part shorter than this is too often a prefix or a fragment ("ver", "ont").
MIN_PART = 3
# Verb prefixes and short function words that are dictionary words but no compound part.
_NOT_A_PART = frozenset(
    [
        "aan",
        "af",
        "be",
        "bij",
        "con",
        "dis",
        "door",
        "ex",
        "ge",
        "her",
        "in",
        "mee",
        "met",
        "mis",
        "na",
        "niet",
        "non",
        "om",
        "on",
        "ont",
        "op",
        "over",
        "per",
        "pro",
        "tegen",
        "terug",
        "toe",
        "tot",
        "uit",
        "van",
        "ver",
        "voor",
        "weg",
    ]
)
# Endings a part may carry in a compound or as a plural: "leerlingenparlement", "meldingen".
_LINKS = ("", "s", "en", "e", "n")
_ENDINGS = ("en", "s", "e", "n", "er", "ers")
_UNDOUBLE = re.compile(r"([bdfgklmnprstz])\1$")


class DictionaryMissing(RuntimeError):
    pass


@functools.cache
def dictionary_words() -> frozenset[str]:
    """The base forms of the Dutch word list, folded, letters only."""
    if not HUNSPELL_DIC.exists():
        raise DictionaryMissing(
            f"Dutch word list {HUNSPELL_DIC} is missing: run `sh scripts/ensure-search-deps.sh` "
            "(installs Debian's hunspell-nl) or set HUNSPELL_NL_DIC"
        )
    words = set()
    with HUNSPELL_DIC.open(encoding="utf-8", errors="replace") as handle:
        next(handle, None)  # the first line is the entry count
        for line in handle:
            word = fold(line.split("/", 1)[0].strip())
            if len(word) >= MIN_PART and word.isalpha():
                words.add(word)
    return frozenset(words)


@functools.cache
def _stemmer():
    import snowballstemmer

    # The same algorithm as Elasticsearch's "dutch" stemmer (Lucene's Snowball DutchStemmer).
    return snowballstemmer.stemmer("dutch_porter")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Dutch stem of one word, as the Elasticsearch analysis chain makes it: folded,
    Snowball, a doubled final consonant undone ("gevangeniss" -> "gevangenis")."""
    return _UNDOUBLE.sub(r"\1", _stemmer().stemWord(fold(word)))


def _known(part: str) -> bool:
    if part in _NOT_A_PART or part in stop_words():
        return False
    words = dictionary_words()
    if part in words:
        return True
    return any(
        part.endswith(end) and len(part) - len(end) >= MIN_PART and part[: -len(end)] in words
        for end in _ENDINGS
    )


@functools.lru_cache(maxsize=200_000)
def compound_split(word: str) -> tuple[str, ...]:
    """The parts of a Dutch compound from the word list ("oudergesprek" -> ouder, gesprek;
    "veiligheidshuis" -> veiligheid, huis), or () when ``word`` is no compound of known words.
    The split with the fewest parts wins, then the one with the longest shortest part."""
    word = fold(word)
    if len(word) < 8 or not word.isalpha():
        return ()
    best: tuple[str, ...] = ()
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[:cut]
        if not _known(head):
            continue
        for link in _LINKS:
            rest = word[cut:]
            if not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if len(tail) < MIN_PART:
                continue
            if _known(tail):
                candidate = (head, tail)
            else:
                inner = compound_split(tail)
                if not inner:
                    continue
                candidate = (head, *inner)
            if not best or _split_cost(candidate) < _split_cost(best):
                best = candidate
    return best if len(best) <= 3 else ()


def _split_cost(parts: tuple[str, ...]) -> tuple[int, int, int]:
    """Fewer parts first, then parts found as they are (not only without an ending), then the
    longest shortest part: "veiligheids|huis" beats "veiligheid|shuis"."""
    words = dictionary_words()
    return (len(parts), sum(part not in words for part in parts), -min(map(len, parts)))


_TEXT_WORDS = re.compile(r"[^\W\d_]{8,}")


def compound_parts_of(texts) -> list[str]:
    """Every compound part (four letters or more) of the words in ``texts``: the word list of
    Elasticsearch's decompounder, so it splits the content's compounds as ``compound_split``
    does, from the Dutch word list rather than a hand-kept list of parts."""
    words: set[str] = set()
    for text in texts:
        if text:
            words.update(_TEXT_WORDS.findall(fold(text)))
    parts: set[str] = set()
    for word in words:
        parts.update(part for part in compound_split(word) if len(part) >= 4)
    return sorted(parts)
