"""Marks in database-backend snippets: whole words and their Dutch endings, never prefixes.

Before, a phrase search for "in de klas" marked "in" inside "instrument" and "de" inside
"deskundige", because any text word starting with a query word's stem was marked."""

from search.highlight import snippet_highlight


def _marked(text: str, query: str) -> list[str]:
    import re

    html = str(snippet_highlight(texts=[text], terms=[query]))
    return re.findall(r"<mark>(.*?)</mark>", html)


def test_short_words_mark_only_themselves():
    text = "Een instrument voor de deskundige in de klas"
    assert _marked(text, "in de klas") == ["de", "in", "de", "klas"]


def test_dutch_endings_still_match():
    assert _marked("Docenten en de docent signaleren signalen", "docent signaal") == [
        "Docenten",
        "docent",
        "signaleren",
        "signalen",
    ]
    assert _marked("Het werken met werkwijzen", "werk") == ["werken"]


def test_accents_and_case_fold():
    assert _marked("Een Café-gesprek in het café", "cafe") == ["café"]
