"""The search page (/zoeken/) and the JSON API (/api/v1/search/, /api/v1/search/suggest/).

Both only call selectors and services; neither knows which backend answered.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from core.http import json_error

from .backends.base import SORT_DATE, SORT_RELEVANCE
from .backends.clients import engine_timing
from .facets import FACETS
from .query import MAX_QUERY_LENGTH, MAX_QUERY_WORDS
from .selectors import (
    search_popular_queries,
    search_request_from_params,
    search_run,
    search_suggest,
)
from .services import search_query_record, search_rate_limit_consume

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
API_PER_PAGE = 20


def _record(request: HttpRequest, request_obj, response, *, page: int) -> None:
    """Count first pages only, so paging through results does not count as searching again."""
    if page == 1 and request_obj.query.raw:
        try:
            search_query_record(
                query=request_obj.query.raw, result_count=response.count, client=_client(request)
            )
        except DatabaseError as error:  # e.g. SQLite busy under load: statistics may miss one
            logger.warning("search analytics: query not counted (%s)", type(error).__name__)


def _client(request: HttpRequest) -> str:
    """The visitor's address as allauth's rate limits read it: X-Forwarded-For or a trusted
    header only as far as the proxies in front are trusted (ALLAUTH_TRUSTED_PROXY_COUNT,
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER), so the login limits and these count the same client."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter().get_client_ip(request)
    except PermissionDenied:  # no usable address: all such requests share one budget
        return "unknown"


def _limited(request: HttpRequest, *, action: str = "search") -> bool:
    return not search_rate_limit_consume(client=_client(request), action=action)


RATE_LIMITED_MESSAGE = _lazy(
    "U zoekt erg vaak achter elkaar. Wacht een minuut en probeer het dan opnieuw."
)


def _page_numbers(current: int, total: int) -> list[int | None]:
    numbers: list[int | None] = []
    for number in range(1, total + 1):
        if number in (1, total) or abs(number - current) <= 2:
            numbers.append(number)
        elif numbers and numbers[-1] is not None:
            numbers.append(None)
    return numbers


@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    search = search_request_from_params(request.GET, api=False, per_page=RESULTS_PER_PAGE)
    has_filters = any(search.filters.values())
    response = None
    if (not search.query.is_empty or has_filters) and _limited(request):
        context = {"query": search.query.raw, "message": RATE_LIMITED_MESSAGE}
        response = TemplateResponse(request, "search/rate_limited.html", context, status=429)
        response["Retry-After"] = "60"
        return response
    if not search.query.is_empty or has_filters:
        requested_page = search.page
        response = search_run(request=search)
        if search.page > response.num_pages:
            search.page = response.num_pages
            response = search_run(request=search)
        _record(request, search, response, page=requested_page)
    base = QueryDict(mutable=True)
    if search.query.raw:
        base["q"] = search.query.raw
    for facet in FACETS:
        if search.filters.get(facet.name):
            base.setlist(facet.param, search.filters[facet.name])
    if search.sort != SORT_RELEVANCE:
        base["sorteer"] = search.sort
    active = []
    if response is not None:
        for result in response.facets:
            active += [(result.param, o.value, o.label) for o in result.options if o.selected]
    context = {
        "query": search.query.raw,
        "search": search,
        "response": response,
        "querystring": base.urlencode(),
        "active": active,
        "sorts": [(SORT_RELEVANCE, _("Relevantie")), (SORT_DATE, _("Nieuwste eerst"))],
        "page_numbers": _page_numbers(search.page, response.num_pages) if response else [],
        "popular": search_popular_queries() if response is not None and not response.count else [],
        "max_length": MAX_QUERY_LENGTH,
        "max_words": MAX_QUERY_WORDS,
    }
    return TemplateResponse(request, "search/search.html", context)


def _rate_limited() -> JsonResponse:
    response = json_error(message=RATE_LIMITED_MESSAGE, status=429)
    response["Retry-After"] = "60"
    return response


def server_timing(view):
    """Add ``Server-Timing: engine;dur=…, app;dur=…`` to the view's response.

    ``engine`` is what the search cluster itself reported (``took``, summed over the request's
    searches; absent when the database answered), ``app`` the whole view. No personal data:
    two durations. ``make bench`` reads it to show what the Python side costs.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        started = time.perf_counter()
        with engine_timing() as took:
            response = view(request, *args, **kwargs)
        metrics = [f"app;dur={(time.perf_counter() - started) * 1000:.1f}"]
        if took:
            metrics.insert(0, f"engine;dur={sum(took):.1f}")
        response["Server-Timing"] = ", ".join(metrics)
        return response

    return wrapped


@require_GET
@server_timing
def api_search(request: HttpRequest) -> JsonResponse:
    # A SearchInputError is answered as 400 JSON by core's ApplicationErrorMiddleware.
    search = search_request_from_params(request.GET, api=True, per_page=API_PER_PAGE)
    if _limited(request):
        return _rate_limited()
    response = search_run(request=search)
    if search.page > response.num_pages:
        return json_error(
            message=_("Pagina %(page)d bestaat niet; er zijn %(pages)d pagina's.")
            % {"page": search.page, "pages": response.num_pages}
        )
    _record(request, search, response, page=search.page)
    return JsonResponse(
        {
            "count": response.count,
            "page": search.page,
            "num_pages": response.num_pages,
            "results": [
                {
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.url)
                    if hit.url.startswith("/")
                    else hit.url,
                    "type": hit.type,
                    "type_label": hit.type_label,
                    "snippet": str(hit.snippet),
                    "roles": hit.role_labels,
                    "evidence_level": hit.evidence_label,
                }
                for hit in response.hits
            ],
            "facets": {
                result.name: [
                    {"value": o.value, "label": o.label, "count": o.count} for o in result.options
                ]
                for result in response.facets
            },
            "suggestion": response.suggestion,
            "corrected_query": response.corrected_query,
            "backend": response.backend,
            "degraded": response.degraded,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
@server_timing
def api_suggest(request: HttpRequest) -> JsonResponse:
    text = request.GET.get("q", "")
    if len(text) > MAX_QUERY_LENGTH:
        return json_error(
            message=_("De zoekopdracht is te lang (hoogstens %(max)d tekens).")
            % {"max": MAX_QUERY_LENGTH}
        )
    if len(text.strip()) >= 2 and _limited(request, action="suggest"):
        return _rate_limited()
    suggestions = search_suggest(text=text)
    return JsonResponse(
        {
            "suggestions": [
                {"title": s.title, "url": s.url, "type": s.type, "type_label": s.type_label}
                for s in suggestions
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )
