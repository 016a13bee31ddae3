from __future__ import annotations

import pytest

from kennisbank.models import BestPracticeIndexPage, EvidenceLadderPage, SignalGuideIndexPage
from kennisbank.services import kennisbank_index_pages_ensure


@pytest.fixture
def indexes(homepage):
    """The guide index (/signalen-herkennen/), practice index (/wat-werkt/) and ladder page."""
    return kennisbank_index_pages_ensure()


@pytest.fixture
def guide_index(indexes) -> SignalGuideIndexPage:
    return indexes[SignalGuideIndexPage]


@pytest.fixture
def practice_index(indexes) -> BestPracticeIndexPage:
    return indexes[BestPracticeIndexPage]


@pytest.fixture
def ladder_page(indexes) -> EvidenceLadderPage:
    return indexes[EvidenceLadderPage]


@pytest.fixture(scope="class")
def class_indexes(class_db):
    """The index pages, built once in the class's transaction (tests/conftest.py)."""
    with class_db():
        return kennisbank_index_pages_ensure()
