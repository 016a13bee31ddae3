"""Content related to a page, contributed by the apps above the one that shows it.

A kennisbank guide lists the courses that point to it, but the kennisbank sits under courses
and must not import them. So each app that has something to say about other pages registers a
finder in its ``related_content`` module (found at start-up), and the page asks this registry::

    related_content_register(key="courses", find=lambda *, page: courses_for_kennisbank_page(page=page))

``related_content_for(page=...)`` returns ``{key: [items]}`` for every finder, an empty list for
a finder that has nothing; the template decides how to show each key.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

Finder = Callable[..., list]

_FINDERS: dict[str, Finder] = {}


def related_content_register(*, key: str, find: Finder) -> None:
    """Register ``find(page=...)`` under ``key``; registering a key again replaces it."""
    _FINDERS[key] = find


def related_content_for(*, page) -> dict[str, list]:
    return {key: list(find(page=page)) for key, find in _FINDERS.items()}


def related_content_discover() -> None:
    autodiscover_modules("related_content")
