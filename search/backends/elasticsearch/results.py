"""From an Elasticsearch answer to the backend-neutral ``SearchResponse``: counts, facet
buckets, hits with a marked snippet, the "did you mean" text, and autocomplete suggestions.

Apart from query building because this side must match what the database backend returns
(same hit fields, same snippet markup), whatever the request looked like; it reads only the
names ``query.py`` gives the aggregations (``f_<facet>``) and the suggester (``spelling``).
"""

from __future__ import annotations

import datetime

from elasticsearch.dsl.response import Response

from ...analysis import fold
from ...facets import FACETS
from ...highlight import MARK_START, markup_from_sentinels, snippet_highlight
from ...query import ParsedQuery
from ..base import SearchHit, SearchRequest, SearchResponse, Suggestion


def search_response(*, response: Response, request: SearchRequest, backend: str) -> SearchResponse:
    """The response for ``request``; a suggestion only when nothing was found."""
    query = request.query
    count = response.hits.total.value
    facet_counts = {
        facet.name: {
            bucket.key: bucket.doc_count
            for bucket in getattr(response.aggregations, f"f_{facet.name}").values.buckets
        }
        for facet in FACETS
    }
    hits = [search_hit(hit=hit, query=query) for hit in response.hits]
    suggestion = None
    if count == 0 and query.terms and "suggest" in response:
        suggestion = did_you_mean(
            query=query, entries=response.suggest.to_dict().get("spelling", [])
        )
    return SearchResponse(
        request=request,
        count=count,
        hits=hits,
        facet_counts=facet_counts,
        backend=backend,
        suggestion=suggestion,
    )


def search_hit(*, hit, query: ParsedQuery) -> SearchHit:
    """One hit; the snippet is the server's highlight, or the summary marked here when the
    server marked nothing (e.g. only a synonym matched)."""
    highlight = getattr(hit.meta, "highlight", None)
    fragment = None
    if highlight is not None:
        for name in ("summary", "body"):
            fragments = list(getattr(highlight, name, []) or [])
            if fragments and (MARK_START in fragments[0] or name == "body"):
                fragment = fragments[0]
                break
        if fragment is None and getattr(highlight, "summary", None):
            fragment = list(highlight.summary)[0]
    if fragment is None or MARK_START not in fragment:
        snippet = snippet_highlight(
            texts=[hit.summary or "", fragment or ""], terms=query.content_terms + query.phrases
        )
    else:
        snippet = markup_from_sentinels(fragment)
    date = getattr(hit, "date", None)
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date[:10])
    elif isinstance(date, datetime.datetime):
        date = date.date()
    return SearchHit(
        page_id=hit.page_id,
        title=hit.title,
        url=hit.url,
        type=hit.type,
        snippet=snippet,
        roles=list(getattr(hit, "role", []) or []),
        evidence=(list(getattr(hit, "evidence", []) or []) or [None])[0],
        date=date,
    )


def did_you_mean(*, query: ParsedQuery, entries: list[dict]) -> str | None:
    """The query with each word the term suggester knows better replaced; None when that
    changes nothing (apart from case and accents)."""
    replacements = {}
    for entry in entries:
        options = entry.get("options") or []
        if options:
            replacements[entry["text"].lower()] = options[0]["text"]
    if not replacements:
        return None
    words = [
        replacements.get(fold(term), replacements.get(term.lower(), term)) for term in query.terms
    ]
    suggestion = " ".join(words)
    return suggestion if fold(suggestion) != fold(query.free_text) else None


def suggestions(*, response: Response) -> list[Suggestion]:
    return [Suggestion(title=h.title, url=h.url, type=h.type) for h in response.hits]
