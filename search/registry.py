"""Which page types the site search indexes, and how each becomes a search document.

Every app declares its own indexable pages in a ``search_documents`` module (found at start-up),
so search knows nothing about kennisbank or courses models. Adding a page type is a few lines::

    from search.registry import SearchSource, search_source_register

    search_source_register(SearchSource(
        model=CoursePage, type_key="cursus", type_label=_("Cursus"), build=course_fields,
    ))

where ``build(page)`` returns a :class:`DocumentFields`. ``order`` places the type in the type
facet.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules


@dataclass
class DocumentFields:
    """What a page type contributes to its search document. Text is plain (no HTML)."""

    summary: str = ""
    body: str = ""
    roles: list[str] = field(default_factory=list)  # taxonomy slugs
    domains: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)
    evidence: str = ""  # evidence level slug
    evidence_rank: int | None = None  # 0 = weakest; drives a mild ranking boost
    provider: str = ""  # the organisation behind the content
    date: datetime.date | None = None  # the content's own date (last review, publication)
    keywords: list[str] = field(default_factory=list)  # extra words, e.g. taxonomy labels


@dataclass(frozen=True)
class SearchSource:
    model: type
    type_key: str  # stable value of the type facet (URL, API)
    type_label: str  # Dutch label shown to visitors
    build: Callable[[object], DocumentFields]
    order: int = 100  # position in the type facet (guides 10, practices 20, information 90)


_SOURCES: dict[type, SearchSource] = {}


def search_source_register(source: SearchSource) -> SearchSource:
    _SOURCES[source.model] = source
    return source


def search_sources() -> list[SearchSource]:
    return sorted(_SOURCES.values(), key=lambda source: source.order)


def search_source_for(model: type) -> SearchSource | None:
    for klass in model.__mro__:
        if klass in _SOURCES:
            return _SOURCES[klass]
    return None


def search_type_labels() -> dict[str, str]:
    return {source.type_key: str(source.type_label) for source in search_sources()}


def search_sources_discover() -> None:
    autodiscover_modules("search_documents")
