"""The Dutch relevance sets and their measures: success@3 and mean reciprocal rank (MRR).

Two sets. The demo set (``queries_nl.json``) runs over the demo content. The held-out set
(``fixtures/relevance/heldout_queries.json``) runs over documents written for it, imported on
top of the demo content so the demo pages are distractors; it is split in two halves by a
fixed rule (``query_half``): ranking is tuned on the first half only, and the second half shows
whether a change generalises. Used by ``manage.py search_relevance``, ``make relevance``
(benchmarks/relevance.py) and tests/search/test_relevance.py. Pages are named by their import
key, which is also their slug.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.http import QueryDict

QUERIES_FILE = Path(__file__).resolve().parent / "queries_nl.json"
HELDOUT_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "relevance"
HELDOUT_QUERIES_FILE = HELDOUT_DIR / "heldout_queries.json"
HELDOUT_KENNISBANK_FILE = HELDOUT_DIR / "heldout_kennisbank.json"
HELDOUT_COURSES_FILE = HELDOUT_DIR / "heldout_courses.json"
TUNING, HELDOUT = "tuning", "heldout"


def query_half(text: str) -> str:
    """The fixed split, written down before the set was first run: the last hex digit of the
    SHA-1 of the UTF-8 query text, even -> tuning half, odd -> held-out half."""
    digit = int(hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[-1], 16)
    return TUNING if digit % 2 == 0 else HELDOUT


@dataclass
class RelevanceReport:
    backend: str
    label: str = ""
    total: int = 0
    successes: int = 0
    reciprocal_ranks: float = 0.0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [successes, total]
    failures: list[str] = field(default_factory=list)

    @property
    def success_at_3(self) -> float:
        return self.successes / self.total if self.total else 0.0

    @property
    def mrr(self) -> float:
        return self.reciprocal_ranks / self.total if self.total else 0.0

    def lines(self) -> list[str]:
        label = f" [{self.label}]" if self.label else ""
        lines = [
            f"{self.backend}{label}: success@3 {self.success_at_3:.3f} "
            f"({self.successes}/{self.total}), MRR {self.mrr:.3f}"
        ]
        for kind, (ok, total) in sorted(self.by_kind.items()):
            lines.append(f"  {kind:<10} {ok}/{total}")
        lines += [f"  missed: {failure}" for failure in self.failures]
        return lines

    def as_dict(self) -> dict:
        return {
            "backend": self.backend,
            "label": self.label,
            "total": self.total,
            "success_at_3": round(self.success_at_3, 4),
            "mrr": round(self.mrr, 4),
            "by_kind": self.by_kind,
            "failures": self.failures,
        }


def relevance_queries() -> list[dict]:
    return json.loads(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]


def relevance_heldout_queries(*, half: str | None = None) -> list[dict]:
    """The held-out set in the demo set's shape (expected keys, 'any' match), one half or all."""
    items = json.loads(HELDOUT_QUERIES_FILE.read_text(encoding="utf-8"))["queries"]
    return [
        {
            "query": item["query"],
            "expected": item["must"],
            "relevant": item.get("relevant", []),
            "match": "any",
            "kind": item["kind"],
            "role": item["role"],
            "half": query_half(item["query"]),
        }
        for item in items
        if half is None or query_half(item["query"]) == half
    ]


def _slugs(hits) -> list[str]:
    from wagtail.models import Page

    slugs = dict(
        Page.objects.filter(pk__in=[hit.page_id for hit in hits]).values_list("pk", "slug")
    )
    return [slugs.get(hit.page_id, hit.url.rstrip("/").rsplit("/", 1)[-1]) for hit in hits]


def relevance_evaluate(queries: list[dict] | None = None, *, label: str = "") -> RelevanceReport:
    """Run every query through the active search and measure where the expected pages land.

    success@3: the expected page(s) in the top three (all of them, or one with match 'any').
    MRR: 1 / rank of the best-ranked expected page in the first ten results, else 0.
    """
    from ..selectors import search_request_from_params, search_run

    report = None
    for item in relevance_queries() if queries is None else queries:
        params = QueryDict(mutable=True)
        params["q"] = item["query"]
        for name, values in item.get("filters", {}).items():
            params.setlist(name, values)
        response = search_run(request=search_request_from_params(params, api=True, per_page=10))
        if report is None:
            report = RelevanceReport(backend=response.backend, label=label)
        slugs = _slugs(response.hits)
        expected = item["expected"]
        top = slugs[:3]
        if item.get("match") == "any":
            success = any(key in top for key in expected)
        else:
            success = all(key in top for key in expected)
        ranks = [slugs.index(key) + 1 for key in expected if key in slugs]
        report.total += 1
        report.successes += int(success)
        report.reciprocal_ranks += 1 / min(ranks) if ranks else 0.0
        kind = report.by_kind.setdefault(item["kind"], [0, 0])
        kind[0] += int(success)
        kind[1] += 1
        if not success:
            rank = min(ranks) if ranks else "-"
            report.failures.append(f"{item['query']!r} (rank {rank}) -> {top}")
    return report or RelevanceReport(backend="none", label=label)
