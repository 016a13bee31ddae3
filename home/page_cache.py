"""Full-page cache for anonymous readers of CMS pages.

Most visitors read pages that change only when an editor publishes, so a rendered page is kept
whole in the default cache (Redis in production) and served without touching the database.
Invalidation is by generation: every publish, unpublish, move or delete bumps one counter,
which retires every cached page at once. That is coarse but always correct, because
navigation, footers and "related content" make one page's change visible on many others.

A response is only stored when nothing personal can be in it: a visitor without a session,
GET, status 200, no cookie set, no CSRF token used while rendering, no ``Cache-Control: private``.
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


def _key(*, request: HttpRequest) -> str:
    """One key per page and listing query. The entry itself records the generation it belongs
    to, so a lookup reads the current generation and the page in a single round trip."""
    query = sorted((name, value) for name in request.GET for value in request.GET.getlist(name))
    raw = f"{request.get_host()}|{request.path}|{query}"
    return f"page-cache:{hashlib.sha256(raw.encode()).hexdigest()}"


def page_cache_is_candidate(*, request: HttpRequest) -> bool:
    """Whether this request may be answered from, or stored in, the cache.

    Decided from the request alone, before sessions and users are loaded: a visitor without a
    session cookie is anonymous, so a hit costs one cache round trip and nothing else.
    """
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        # A session may hold a signed-in user; a pending flash message belongs to one visitor.
        return False
    # Only the filters and paging of our listings vary a page; anything else (tracking
    # parameters, random strings) would let anyone fill the cache with copies.
    return set(request.GET).issubset(settings.PAGE_CACHE_QUERY_PARAMS)


def page_cache_get(*, request: HttpRequest) -> HttpResponse | None:
    key = _key(request=request)
    found = cache.get_many([GENERATION_KEY, key])
    entry = found.get(key)
    if entry is None or entry[0] != found.get(GENERATION_KEY):
        return None
    _, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[CACHE_HEADER] = "hit"
    return response


def page_cache_store(*, request: HttpRequest, response: HttpResponse) -> bool:
    """Store ``response`` if it is safe to share between visitors; return whether it was."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if "private" in response.get("Cache-Control", ""):
        return False
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    response[CACHE_HEADER] = "miss"
    headers = [(name, value) for name, value in response.items() if name != CACHE_HEADER]
    entry = (_generation(), response.status_code, headers, response.content)
    cache.set(_key(request=request), entry, timeout=settings.PAGE_CACHE_TIMEOUT)
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
