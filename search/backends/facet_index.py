"""An in-process index of every document's facet values and tie-break keys, for the database
backend.

Counting facets in SQL means a GROUP BY over the value rows of every match, once per active
filter: on ten thousand documents most of a search's time. Facet values change only when the
index is written, so each process keeps, per facet value, the set of documents that carry it,
and counts with set intersections (C speed). The copy is rebuilt when the index stamp (number
of documents, latest update) changes, so a publish in another process is seen on the next search.
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass

from django.db.models import Max

from ..models import SearchDocument


@dataclass(frozen=True)
class FacetIndex:
    stamp: tuple
    postings: dict[tuple[str, str], frozenset[int]]  # (facet, value) -> document ids
    order: dict[int, tuple]  # document id -> (evidence, date) sort key, strongest first
    all_ids: frozenset[int]

    def scope(self, filters: dict[str, set[str]], ids: set[int] | frozenset[int], *, skip=None):
        """``ids`` narrowed by every filter but ``skip``: OR within a facet, AND across."""
        for name, values in filters.items():
            if name == skip:
                continue
            allowed: set[int] = set()
            for value in values:
                allowed |= self.postings.get((name, value), frozenset())
            ids = ids & allowed
        return ids

    def values(self, name: str) -> list[str]:
        """Every value of facet ``name`` that some document carries, sorted."""
        return sorted(value for facet, value in self.postings if facet == name)

    def counts(self, scopes: dict[str, set[int] | frozenset[int]]) -> dict[str, dict[str, int]]:
        """For each facet, how many documents of its scope carry each value."""
        counts: dict[str, dict[str, int]] = {name: {} for name in scopes}
        for (name, value), documents in self.postings.items():
            scope = scopes.get(name)
            if scope is not None:
                found = len(documents & scope)
                if found:
                    counts[name][value] = found
        return counts


def _date_key(date: datetime.date | None) -> int:
    return -date.toordinal() if date else 1  # newest first, no date last


def index_stamp() -> tuple:
    """Changes whenever a document is added, changed or removed (two index lookups)."""
    latest = SearchDocument.objects.aggregate(last=Max("updated_at"))["last"]
    return (SearchDocument.objects.count(), latest)


_lock = threading.Lock()
_current: FacetIndex | None = None


def facet_index() -> FacetIndex:
    global _current
    stamp = index_stamp()
    current = _current
    if current is not None and current.stamp == stamp:
        return current
    with _lock:
        if _current is not None and _current.stamp == stamp:
            return _current
        postings: dict[tuple[str, str], set[int]] = {}
        order: dict[int, tuple] = {}
        rows = SearchDocument.objects.values_list("pk", "evidence_rank", "date", "facets")
        for pk, evidence, date, facets in rows.iterator(chunk_size=2000):
            order[pk] = (-(evidence if evidence is not None else -1), _date_key(date))
            for name, values in facets.items():
                for value in values:
                    postings.setdefault((name, value), set()).add(pk)
        _current = FacetIndex(
            stamp=stamp,
            postings={key: frozenset(ids) for key, ids in postings.items()},
            order=order,
            all_ids=frozenset(order),
        )
        return _current
