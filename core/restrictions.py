"""View restrictions read once per request.

Wagtail's ``PageQuerySet.public()`` reads every ``PageViewRestriction`` each time it is called,
and one page (a listing with its navigation, footer and related content) calls it four to six
times. :func:`pages_public` filters the same way from one read per request. Outside a request
(commands, tasks, tests calling a selector directly) it reads afresh on every call, so nothing
can see a stale list: the per-request memory starts and ends with the request
(``RequestRestrictionsMiddleware``).
"""

from __future__ import annotations

from collections.abc import Callable

from asgiref.local import Local
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from wagtail.models import PageViewRestriction

_request = Local()


def _private_q() -> Q:
    q = Q()
    for path, depth in PageViewRestriction.objects.values_list("page__path", "page__depth"):
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def private_q() -> Q:
    """Pages in a restricted section (the restricted page and its descendants)."""
    if not getattr(_request, "active", False):
        return _private_q()
    cached = getattr(_request, "private_q", None)
    if cached is None:
        cached = _request.private_q = _private_q()
    return cached


def private_q_forget(**kwargs) -> None:
    """A restriction changed within this request: read them again at the next call."""
    _request.private_q = None


def pages_public(queryset):
    """``queryset`` without restricted pages, as ``.public()`` but from one read per request."""
    return queryset.exclude(private_q())


class RequestRestrictionsMiddleware:
    """Marks the span of one request, in which the restrictions are read at most once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _request.active, _request.private_q = True, None
        try:
            return self.get_response(request)
        finally:
            _request.active, _request.private_q = False, None
