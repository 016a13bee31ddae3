"""Reads of the search app: one entry point for the page and the API, whichever backend runs.

Elasticsearch answers when it is configured; when it is unreachable, slower than
``ELASTICSEARCH_TIMEOUT`` or broken, the database answers instead and the response says so
(``degraded``). Nothing of the query is logged, only that the fallback happened.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from django.conf import settings
from django.db.models import Count, F, Sum
from django.http import QueryDict
from django.utils.translation import gettext as _

from core.errors import ApplicationError

from .backends import database_backend, elasticsearch_backend
from .backends.base import (
    SORT_RELEVANCE,
    SORTS,
    FacetOption,
    FacetResult,
    SearchRequest,
    SearchResponse,
    Suggestion,
)
from .facets import FACETS, FACETS_BY_NAME
from .models import SearchQueryStat
from .query import MAX_QUERY_LENGTH, MAX_QUERY_WORDS, query_parse, query_word_count
from .registry import search_type_labels

logger = logging.getLogger(__name__)


MAX_PAGE = 1000


class SearchInputError(ApplicationError, ValueError):
    """The request cannot be answered as asked; the message is for the visitor."""


def _valid_values(facet_name: str, values: list[str]) -> set[str]:
    return set(FACETS_BY_NAME[facet_name].labels()) & set(values)


def search_request_from_params(
    params: QueryDict, *, api: bool, per_page: int = 10
) -> SearchRequest:
    """Read a search from URL parameters.

    The API (English names: ``q``, ``type``, ``role``, ``page``...) is strict and raises
    :class:`SearchInputError`; the page (Dutch names: ``rol``, ``pagina``...) ignores what it
    cannot use, as the kennisbank listings do. Unknown parameters are ignored by both.
    """
    raw = params.get("q", "")
    if len(raw) > MAX_QUERY_LENGTH:
        if api:
            raise SearchInputError(
                _("De zoekopdracht is te lang (hoogstens %(max)d tekens).")
                % {"max": MAX_QUERY_LENGTH}
            )
        raw = raw[:MAX_QUERY_LENGTH]
    if query_word_count(raw) > MAX_QUERY_WORDS:
        if api:
            raise SearchInputError(
                _("De zoekopdracht heeft te veel woorden (hoogstens %(max)d).")
                % {"max": MAX_QUERY_WORDS}
            )
        # The page searches for the first words and says so (search.query.trimmed).
        raw = " ".join(raw.split()[:MAX_QUERY_WORDS])
        trimmed = True
    else:
        trimmed = False
    filters: dict[str, list[str]] = {}
    for facet in FACETS:
        values = [v for v in dict.fromkeys(params.getlist(facet.name if api else facet.param)) if v]
        if not values:
            continue
        valid = _valid_values(facet.name, values)
        unknown = [v for v in values if v not in valid]
        if unknown and api:
            raise SearchInputError(
                _("Onbekende waarde voor %(facet)s: %(value)s")
                % {"facet": facet.name, "value": unknown[0][:50]}
            )
        filters[facet.name] = [v for v in values if v in valid]
    page_param = "page" if api else "pagina"
    page_text = params.get(page_param, "1") or "1"
    try:
        page = int(page_text)
        if page < 1:
            raise ValueError
    except ValueError:
        if api:
            raise SearchInputError(
                _("Het paginanummer moet een positief geheel getal zijn.")
            ) from None
        page = 1
    if page > MAX_PAGE:
        # An offset beyond 64 bits overflows SQLite; nobody pages this far through results.
        if api:
            raise SearchInputError(
                _("Het paginanummer mag hoogstens %(max)d zijn.") % {"max": MAX_PAGE}
            )
        page = MAX_PAGE
    sort = params.get("sort" if api else "sorteer", SORT_RELEVANCE)
    if sort not in SORTS:
        if api:
            raise SearchInputError(_("Sorteren kan op 'relevantie' of 'datum'."))
        sort = SORT_RELEVANCE
    query = query_parse(raw.strip())
    query.trimmed = query.trimmed or trimmed
    return SearchRequest(query=query, filters=filters, page=page, per_page=per_page, sort=sort)


def search_run(*, request: SearchRequest) -> SearchResponse:
    """Search with Elasticsearch when configured, with the database when it is not or fails.

    When all the words together find nothing, two retries follow, as mature search engines do,
    so a typo or one word too many does not end the visit on an empty page: first the spelling
    suggestion (for a plain query; the results are marked ``corrected_query``), then any of the
    words.
    """
    response = _search_once(request)
    query = request.query
    if response.count:
        _label(response)
        return response
    attempts = []  # (request, the corrected words it searches for, if any)
    suggestion = response.suggestion if not (query.phrases or query.excluded) else None
    if suggestion:
        attempts.append((replace(request, query=query_parse(suggestion)), suggestion))
    if len(query.content_terms) > 1:
        loose_query = query_parse(suggestion) if suggestion else query
        attempts.append((replace(request, query=loose_query, match_any=True), suggestion))
    for attempt, corrected_query in attempts:
        # A cluster that just failed is not asked again: each try would wait its timeout.
        retried = _search_once(attempt, database_only=response.degraded)
        if retried.count:
            retried.corrected_query = corrected_query
            retried.suggestion = None
            response = retried
            break
    _label(response)
    return response


def _search_once(request: SearchRequest, *, database_only: bool = False) -> SearchResponse:
    elasticsearch = elasticsearch_backend()
    if database_only:
        response = database_backend().search(request)
        response.degraded = True
        return response
    if elasticsearch is not None:
        try:
            return elasticsearch.search(request)
        except Exception as error:  # any failure of the cluster means: answer from the database
            logger.warning(
                "search: elasticsearch unavailable (%s), answered from the database",
                type(error).__name__,
            )
    response = database_backend().search(request)
    response.degraded = elasticsearch is not None
    return response


def search_suggest(*, text: str, limit: int = 8) -> list[Suggestion]:
    text = " ".join(text.strip()[:MAX_QUERY_LENGTH].split()[:MAX_QUERY_WORDS])
    if len(text) < 2:
        return []
    elasticsearch = elasticsearch_backend()
    suggestions = None
    if elasticsearch is not None:
        try:
            suggestions = elasticsearch.suggest(text, limit=limit)
        except Exception as error:
            logger.warning(
                "search: elasticsearch unavailable for suggestions (%s), used the database",
                type(error).__name__,
            )
    if suggestions is None:
        suggestions = database_backend().suggest(text, limit=limit)
    types = search_type_labels()
    for suggestion in suggestions:
        suggestion.type_label = types.get(suggestion.type, "")
    return suggestions


def _label(response: SearchResponse) -> None:
    """Attach the current labels (editors may rename terms) and build the facet list."""
    labels = {facet.name: facet.labels() if facet.name != "provider" else {} for facet in FACETS}
    selected = response.request.filters
    response.facets = []
    for facet in FACETS:
        counts = response.facet_counts.get(facet.name, {})
        chosen = selected.get(facet.name, [])
        if facet.name == "provider":
            ordered = sorted(counts, key=lambda v: (-counts[v], v))[: facet.size]
            ordered += [v for v in chosen if v not in ordered]
            options = [FacetOption(v, v, counts.get(v, 0), v in chosen) for v in ordered]
        else:
            options = [
                FacetOption(value, str(label), counts.get(value, 0), value in chosen)
                for value, label in labels[facet.name].items()
                if counts.get(value) or value in chosen
            ]
        response.facets.append(
            FacetResult(
                name=facet.name, param=facet.param, legend=str(facet.legend), options=options
            )
        )
    for hit in response.hits:
        hit.type_label = str(labels["type"].get(hit.type, hit.type))
        hit.role_labels = [str(labels["role"].get(slug, slug)) for slug in hit.roles]
        hit.evidence_label = (
            str(labels["evidence"].get(hit.evidence, hit.evidence)) if hit.evidence else None
        )


def _shown():
    """Queries enough distinct visitors typed to be shown (k-anonymity); the rest have no text."""
    return SearchQueryStat.objects.filter(
        visitor_count__gte=settings.SEARCH_ANALYTICS_MIN_VISITORS
    ).exclude(query="")


def search_query_top(*, limit: int = 50):
    return _shown().order_by("-count", "query")[:limit]


def search_query_zero_results(*, limit: int = 50):
    return _shown().filter(zero_result_count__gt=0).order_by("-zero_result_count", "query")[:limit]


def search_query_hidden_summary() -> dict[str, int]:
    """What the reports leave out, as numbers only: queries below the visitor threshold."""
    hidden = SearchQueryStat.objects.filter(
        visitor_count__lt=settings.SEARCH_ANALYTICS_MIN_VISITORS
    )
    totals = hidden.aggregate(queries=Count("pk"), searches=Sum("count"))
    return {"queries": totals["queries"] or 0, "searches": totals["searches"] or 0}


def search_popular_queries(*, limit: int = 6) -> list[str]:
    """Queries that usually found something, most asked first: ideas after a zero result."""
    rows = _shown().filter(count__gt=F("zero_result_count") * 2)
    return list(rows.order_by("-count", "query").values_list("query", flat=True)[:limit])
