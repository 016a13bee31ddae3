"""Full-page cache for anonymous readers of CMS pages.

Most visitors read pages that change only when an editor publishes, so a rendered page is kept
whole in the default cache (Redis in production) and served without touching the database.
Invalidation is by generation: every publish, unpublish, move or delete bumps one counter,
which retires every cached page at once. That is coarse but always correct, because
navigation, footers and "related content" make one page's change visible on many others.

A response is only stored when nothing personal can be in it: anonymous user, GET/HEAD,
status 200, no cookie set, no CSRF token used while rendering, no ``Cache-Control: private``.
"""

from __future__ import annotations

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
CACHE_HEADER = "X-Page-Cache"


def _generation() -> str:
    """The current generation: a random token, so an evicted counter never revives old pages."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # add() so two workers starting at once agree on one value.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY, "")
    return str(generation)


def _key(*, request: HttpRequest, generation: str) -> str:
    query = sorted((name, value) for name in request.GET for value in request.GET.getlist(name))
    raw = f"{request.get_host()}|{request.path}|{query}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"page-cache:{generation}:{digest}"


def page_cache_is_candidate(*, request: HttpRequest) -> bool:
    """Whether this request may be answered from, or stored in, the cache."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if "messages" in request.COOKIES:
        # A pending flash message belongs to this visitor alone.
        return False
    if not set(request.GET).issubset(settings.PAGE_CACHE_QUERY_PARAMS):
        # Only the filters and paging of our listings vary a page; anything else (tracking
        # parameters, random strings) would let anyone fill the cache with copies.
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def page_cache_get(*, request: HttpRequest) -> HttpResponse | None:
    response = cache.get(_key(request=request, generation=_generation()))
    if response is not None:
        response[CACHE_HEADER] = "hit"
    return response


def page_cache_store(*, request: HttpRequest, response: HttpResponse) -> bool:
    """Store ``response`` if it is safe to share between visitors; return whether it was."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if (
        "private" in response.get("Cache-Control", "")
        or response.has_header("Vary")
        and ("Cookie" in response["Vary"])
    ):
        return False
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    response[CACHE_HEADER] = "miss"
    cache.set(
        _key(request=request, generation=_generation()),
        response,
        timeout=settings.PAGE_CACHE_TIMEOUT,
    )
    return True


def page_cache_purge() -> None:
    """Retire every cached page (called when published content changes)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    logger.info("page cache purged")


def page_cache_purge_on_commit() -> None:
    """Purge once the surrounding transaction commits, so no request renders the old content
    and stores it under the new generation in between."""
    from django.db import transaction

    transaction.on_commit(page_cache_purge)
