"""The Elasticsearch request for a search or an autocomplete, built with ``elasticsearch.dsl``.

Apart from the index (``index.py``) because relevance is tuned here without touching what is
stored, and apart from the answer (``results.py``) so a request can be read, and tested, as the
body it sends. Nothing here talks to a cluster: the one difference between the flavours that
reaches a request (the highlight option's name) is passed in.
"""

from __future__ import annotations

from elasticsearch.dsl import A, Q, Search

from ...facets import FACETS
from ...highlight import MARK_END, MARK_START
from ...query import Concept, ParsedQuery, query_concepts
from ..base import SORT_DATE, SearchRequest

TEXT_FIELDS = {"title": 6, "summary": 3, "keywords": 2, "body": 1}
FUZZY_FIELDS = ["title^3", "summary^2", "keywords", "body"]
# Elasticsearch refuses a search whose from + size passes index.max_result_window (10,000).
MAX_RESULT_WINDOW = 10_000
# Highlighting re-analyses the text; past index.highlight.max_analyzed_offset (1,000,000
# characters) Elasticsearch refuses the whole search unless the request sets a lower limit.
# A snippet from the first 100,000 characters is enough; a later match shows the summary.
HIGHLIGHT_MAX_CHARS = 100_000
# The fields a hit needs (results.py reads them); the body stays on the server.
SOURCE_FIELDS = ["page_id", "title", "url", "type", "role", "evidence", "date", "summary"]


def _fields(boosts: dict[str, int], suffix: str = "") -> list[str]:
    return [f"{name}{suffix}^{boost}" for name, boost in boosts.items()]


# How many of the query's words a page must contain (the database backend's enough_words): one
# of two, two of three, 40 % past that, so a question typed as a sentence still finds the page
# that has some of its words; BM25 then ranks by how many (and how rare) the matched words are.
ENOUGH_WORDS = "1<-1 3<40%"


def text_query(query: ParsedQuery, *, match_any: bool = False):
    """Relevance query for the visitor's words (match_all when there are none: filters only).

    One clause per content word (see ``query_concepts``): the word itself (stemmed, with the
    synonyms of the search analyzer) in any field, or the compound it makes with its neighbour,
    or all its compound parts, or its bare verb stem, or a typo or the start of a longer word.
    Enough words must match (``ENOUGH_WORDS``, or any one with ``match_any``). Stop words get no
    clause of their own. The words as a phrase in the title or summary lift a page.
    """
    must, should, must_not = [], [], []
    enough = "1" if match_any else ENOUGH_WORDS
    if query.terms:
        must.append(
            Q(
                "bool",
                should=[_concept_clause(concept) for concept in query_concepts(query)],
                minimum_should_match=enough,
            )
        )
        text = " ".join(query.content_terms)
        should.append(Q("match_phrase", title={"query": text, "slop": 2, "boost": 3}))
        should.append(Q("match_phrase", summary={"query": text, "slop": 3, "boost": 1.5}))
    for phrase in query.phrases:
        must.append(
            Q(
                "multi_match",
                query=phrase,
                type="phrase",
                fields=_fields(TEXT_FIELDS),
                analyzer="nl_search_plain",
            )
        )
    for excluded in query.excluded:
        must_not.append(
            Q(
                "multi_match",
                query=excluded,
                type="phrase",
                fields=list(TEXT_FIELDS),
                analyzer="nl_search_plain",
            )
        )
    if not must:
        must.append(Q("match_all"))
    return Q("bool", must=must, should=should, must_not=must_not)


def _words_clause(text: str, boost: float = 1.0) -> Q:
    # best_fields with a tie breaker: a word in the title and the body beats one in the body.
    return Q(
        "multi_match",
        query=text,
        fields=_fields(TEXT_FIELDS),
        type="best_fields",
        tie_breaker=0.3,
        boost=boost,
    )


def _concept_clause(concept: Concept) -> Q:
    queries = [_words_clause(concept.term)]
    queries += [_words_clause(joined, 0.9) for joined in concept.joined]
    if concept.parts:
        queries.append(Q("bool", must=[_words_clause(part) for part in concept.parts], boost=0.4))
    queries += [_words_clause(form, 0.8) for form in concept.forms]
    queries.append(_term_clause(concept.term))
    return Q("dis_max", queries=queries)


def _term_clause(term: str) -> Q:
    """A typo (fuzziness AUTO, no synonyms) or the start of a longer word, weaker than the word."""
    return Q(
        "dis_max",
        boost=0.3,
        queries=[
            Q(
                "multi_match",
                query=term,
                fields=FUZZY_FIELDS,
                fuzziness="AUTO",
                prefix_length=1,
                max_expansions=30,
                analyzer="nl_search_plain",
            ),
            Q(
                "multi_match",
                query=term,
                fields=["title.prefix^2", "summary.prefix"],
                boost=0.5,
            ),
        ],
    )


def _boosted(query) -> Q:
    """A mild lift for stronger evidence and recent review; relevance stays in charge."""
    return Q(
        "function_score",
        query=query,
        functions=[
            {"weight": 1},
            {
                "field_value_factor": {
                    "field": "evidence_rank",
                    "factor": 0.03,
                    "missing": 0,
                }
            },
            {
                # A decay function scores a document without the field as 1 (brand new):
                # only dated documents get the recency lift.
                "filter": {"exists": {"field": "date"}},
                "gauss": {"date": {"origin": "now", "scale": "730d", "decay": 0.5}},
                "weight": 0.1,
            },
        ],
        score_mode="sum",
        boost_mode="multiply",
    )


def _filter(name: str, values: list[str]) -> Q:
    return Q("terms", **{name: values})


def build_search(
    *, request: SearchRequest, alias: str, timeout: float, highlight_offset_option: str
) -> Search:
    """The whole search: relevance, facet filters and counts, sort, highlights, the page of
    hits within the result window, and a spelling suggestion when there are words.

    Filters go in ``post_filter`` and each facet counts under every filter but its own, so a
    visitor sees how many results another value of the same facet would give.
    ``highlight_offset_option`` is the flavour's name for the re-analysis cap.
    """
    query = request.query
    active = {name: values for name, values in request.filters.items() if values}
    relevance = text_query(query, match_any=request.match_any)
    search = Search(index=alias).query(_boosted(relevance))
    if active:
        search = search.post_filter(
            Q("bool", filter=[_filter(name, values) for name, values in active.items()])
        )
    for facet in FACETS:
        others = [_filter(n, v) for n, v in active.items() if n != facet.name]
        terms = A("terms", field=facet.name, size=facet.size)
        search.aggs.bucket(f"f_{facet.name}", "filter", Q("bool", filter=others)).bucket(
            "values", terms
        )
    if request.sort == SORT_DATE:
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    search = (
        search.highlight_options(
            pre_tags=[MARK_START],
            post_tags=[MARK_END],
            fragment_size=200,
            number_of_fragments=1,
            **{highlight_offset_option: HIGHLIGHT_MAX_CHARS},
        )
        .highlight("summary", no_match_size=200)
        .highlight("body")
    )
    search = search.source(SOURCE_FIELDS)
    search = search.extra(track_total_hits=True, timeout=f"{int(timeout * 1000)}ms")
    # Beyond the result window there is nothing to show (counts and facets still are).
    start = min(request.offset, MAX_RESULT_WINDOW)
    search = search[start : min(request.offset + request.per_page, MAX_RESULT_WINDOW)]
    if query.terms:
        search = search.suggest(
            "spelling",
            query.free_text,
            term={"field": "spell", "suggest_mode": "missing", "min_word_length": 4},
        )
    return search


def build_suggest(*, text: str, alias: str, limit: int) -> Search:
    """Autocomplete: titles starting with the typed words, the typed text as a phrase first."""
    search = Search(index=alias).query(
        Q(
            "bool",
            must=[Q("multi_match", query=text, fields=["title.prefix"], operator="and")],
            should=[Q("match_phrase_prefix", title={"query": text, "boost": 2})],
        )
    )
    return search.source(["title", "url", "type"])[:limit]
