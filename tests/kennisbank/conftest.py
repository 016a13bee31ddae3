from __future__ import annotations

import pytest
from django.db import transaction

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
def class_db(django_db_setup, django_db_blocker):
    """One transaction around a whole test class, rolled back after its last test.

    Class-scoped data fixtures build pages once inside it; each test still runs in its own
    savepoint (pytest-django), so a test may add pages without affecting the next one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def class_indexes(class_db):
    return kennisbank_index_pages_ensure()
