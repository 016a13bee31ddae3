"""The Dutch relevance set and its measures: success@3 and mean reciprocal rank (MRR).

Used by ``manage.py search_relevance`` and by tests/search/test_relevance.py. Pages are named
by their import key, which is also their slug.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.http import QueryDict

QUERIES_FILE = Path(__file__).resolve().parent / "queries_nl.json"


@dataclass
class RelevanceReport:
    backend: str
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
        lines = [
            f"{self.backend}: success@3 {self.success_at_3:.3f} ({self.successes}/{self.total}), "
            f"MRR {self.mrr:.3f}"
        ]
        for kind, (ok, total) in sorted(self.by_kind.items()):
            lines.append(f"  {kind:<10} {ok}/{total}")
        lines += [f"  missed: {failure}" for failure in self.failures]
        return lines


def relevance_queries() -> list[dict]:
    return json.loads(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]


def relevance_evaluate() -> RelevanceReport:
    """Run every query through the active search and measure where the expected pages land."""
    from ..selectors import search_request_from_params, search_run

    report = None
    for item in relevance_queries():
        params = QueryDict(mutable=True)
        params["q"] = item["query"]
        for name, values in item.get("filters", {}).items():
            params.setlist(name, values)
        response = search_run(request=search_request_from_params(params, api=True, per_page=10))
        if report is None:
            report = RelevanceReport(backend=response.backend)
        slugs = [hit.url.rstrip("/").rsplit("/", 1)[-1] for hit in response.hits]
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
            report.failures.append(f"{item['query']!r} -> {top}")
    return report or RelevanceReport(backend="none")
