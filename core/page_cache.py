"""Full-page cache for anonymous readers of CMS pages.

Most visitors read pages that change only when an editor publishes, so a rendered page is kept
whole in the page cache (``PAGE_CACHE_ALIAS``: a Redis of its own in production, which evicts
under memory pressure, apart from sessions and rate limits) and served without touching the
database.
Invalidation is by generation: every publish, unpublish, move or delete bumps one counter,
which retires every cached page at once. That is coarse but always correct, because
navigation, footers and "related content" make one page's change visible on many others.

A response is only stored when nothing personal can be in it: a visitor without a session,
GET, status 200, no cookie set, no CSRF token used while rendering, no ``Cache-Control: private``,
and a query string that is exactly the canonical one the page declared for what it rendered
(``page_cache_declare_query``): known filter values in a fixed form, no defaults, a page number
that exists. Anything else is answered but not stored, so nobody can fill the cache with
variants (``?pagina=915344``, a new port in ``Host``).
"""

from __future__ import annotations

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
CACHE_HEADER = "X-Page-Cache"
_DECLARED = "_page_cache_query"


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _pairs(params) -> list[tuple[str, str]]:
    return sorted((name, value) for name in params for value in params.getlist(name))


def page_cache_declare_query(*, request: HttpRequest, query) -> None:
    """Say which query string (a QueryDict) is the canonical form of what this page rendered.

    Pages without a declaration are canonical only without a query string."""
    setattr(request, _DECLARED, _pairs(query))


def _canonical_host(request: HttpRequest) -> str:
    """The host without port, lower case: ``Host: example.nl:1234`` is the same page."""
    domain, _port = split_domain_port(request.get_host())
    return domain.lower()


def _generation() -> str:
    """The current generation: a random token, so an evicted counter never revives old pages."""
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # add() so two workers starting at once agree on one value.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY, "")
    return str(generation)


def _key(*, request: HttpRequest) -> str:
    """One key per page and listing query. The entry itself records the generation it belongs
    to, so a lookup reads the current generation and the page in a single round trip."""
    raw = f"{_canonical_host(request)}|{request.path}|{_pairs(request.GET)}"
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
    if request.path.startswith(tuple(getattr(settings, "PAGE_CACHE_SKIP_PREFIXES", ()))):
        return False  # never a Wagtail page: not even a cache round trip
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        # A session may hold a signed-in user; a pending flash message belongs to one visitor.
        return False
    # Only the filters and paging of our listings vary a page; anything else (tracking
    # parameters, random strings) would let anyone fill the cache with copies.
    return set(request.GET).issubset(settings.PAGE_CACHE_QUERY_PARAMS)


def page_cache_get(*, request: HttpRequest) -> HttpResponse | None:
    key = _key(request=request)
    found = _cache().get_many([GENERATION_KEY, key])
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
    if _pairs(request.GET) != getattr(request, _DECLARED, []):
        return False  # an unknown value, a default spelled out, a page out of range
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    response[CACHE_HEADER] = "miss"
    headers = [(name, value) for name, value in response.items() if name != CACHE_HEADER]
    entry = (_generation(), response.status_code, headers, response.content)
    _cache().set(_key(request=request), entry, timeout=settings.PAGE_CACHE_TIMEOUT)
    return True


def page_cache_purge() -> None:
    """Retire every cached page (called when published content changes)."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    logger.info("page cache purged")


def page_cache_purge_on_commit() -> None:
    """Purge once the surrounding transaction commits, so no request renders the old content
    and stores it under the new generation in between."""
    from django.db import transaction

    transaction.on_commit(page_cache_purge)
