"""The Dutch relevance set over the demo content, measured on each backend.

Figures are printed (``pytest -s tests/search/test_relevance.py``) and must not fall below
the floors here: Elasticsearch handles typos, compounds and stemming; the database backend
does not, which its lower floor reflects.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kennisbank.services import kennisbank_import_file
from search.relevance import relevance_evaluate, relevance_queries

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "kennisbank" / "demo.json"
FLOORS = {"elasticsearch": (0.9, 0.85), "database": (0.75, 0.7)}  # success@3, MRR


def test_the_set_has_forty_queries_of_every_kind():
    queries = relevance_queries()
    assert len(queries) >= 40
    kinds = {item["kind"] for item in queries}
    assert {"inflection", "synonym", "typo", "compound", "phrase", "facet"} <= kinds


def test_relevance_per_backend(backend_name, homepage):
    kennisbank_import_file(path=str(DEMO))
    report = relevance_evaluate()
    print("\n" + "\n".join(report.lines()))
    assert report.backend == backend_name
    success_floor, mrr_floor = FLOORS[backend_name]
    assert report.success_at_3 >= success_floor, report.lines()
    assert report.mrr >= mrr_floor, report.lines()
