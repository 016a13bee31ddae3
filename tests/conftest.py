from __future__ import annotations

import os

import pytest
from django.core.cache import caches

from tests.factories import StatementPageFactory, UserFactory, home_page

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with empty caches: no page-cache or rate-limit state leaks across."""
    for alias in caches:
        caches[alias].clear()
    yield
    for alias in caches:
        caches[alias].clear()


@pytest.fixture
def homepage(db):
    return home_page()


@pytest.fixture
def statement(homepage):
    page = StatementPageFactory(parent=homepage, title="Privacyverklaring", slug="privacy")
    page.save_revision().publish()
    return page


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def admin_user(db):
    """pytest-django's ``admin_client`` signs in this superuser. Administrators must have an
    authenticator app before they reach /beheer/, so this one has one."""
    return UserFactory(username="admin", is_staff=True, is_superuser=True, totp=True)
