"""What every backend takes and returns, so callers never ask which one answered."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from ..documents import PageDocument
from ..query import ParsedQuery

SORT_RELEVANCE = "relevantie"
SORT_DATE = "datum"
SORTS = (SORT_RELEVANCE, SORT_DATE)


class SearchBackendError(Exception):
    """The backend could not answer (unreachable, too slow, broken index)."""


@dataclass
class SearchRequest:
    query: ParsedQuery
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet -> values (OR)
    page: int = 1
    per_page: int = 10
    sort: str = SORT_RELEVANCE
    match_any: bool = False  # any of the words is enough (the retry when all of them find nothing)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class SearchHit:
    page_id: int
    title: str
    url: str
    type: str
    snippet: SafeString  # escaped text with <mark> around matches
    roles: list[str]  # slugs; labels are added by the selector
    evidence: str | None
    date: datetime.date | None = None
    type_label: str = ""
    role_labels: list[str] = field(default_factory=list)
    evidence_label: str | None = None


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class FacetResult:
    name: str
    param: str
    legend: str
    options: list[FacetOption]

    @property
    def any_selected(self) -> bool:
        return any(option.selected for option in self.options)


@dataclass
class SearchResponse:
    request: SearchRequest
    count: int
    hits: list[SearchHit]
    facet_counts: dict[str, dict[str, int]]  # facet -> value -> count (other filters applied)
    backend: str
    suggestion: str | None = None
    corrected_query: str | None = None  # the typed query found nothing; these results are for this
    degraded: bool = False  # the database answered because Elasticsearch could not
    facets: list[FacetResult] = field(default_factory=list)  # labelled, filled by the selector

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.request.per_page))


@dataclass
class Suggestion:
    title: str
    url: str
    type: str
    type_label: str = ""


class SearchBackend:
    """What a backend module's ``SearchBackend`` attribute must be a subclass of."""

    name = "base"

    @classmethod
    def from_params(cls, *, params: dict) -> SearchBackend:
        """The backend for one ``SEARCH_BACKENDS`` entry (``BACKEND`` included). A backend
        with settings of its own overrides this; the constructor stays free for direct use
        (and tests)."""
        return cls()

    def search(self, request: SearchRequest) -> SearchResponse:
        raise NotImplementedError

    def suggest(self, text: str, *, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def index_documents(self, documents: Iterable[PageDocument]) -> None:
        raise NotImplementedError

    def delete_documents(self, page_ids: Iterable[int]) -> None:
        raise NotImplementedError

    def rebuild(self, documents: Iterable[PageDocument]) -> int:
        raise NotImplementedError
