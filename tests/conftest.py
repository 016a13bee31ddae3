from __future__ import annotations

import contextlib
import os

import pytest
from django.core.cache import caches
from django.db import transaction

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


@contextlib.contextmanager
def _rolled_back(django_db_blocker):
    """One transaction around a class or module of tests, rolled back after its last test.

    Yields ``django_db_blocker.unblock``: shared data fixtures build their pages inside
    ``with <fixture>():`` once; between those builds the database stays blocked, so a test that
    did not ask for it still cannot reach it (nor write outside its own savepoint). Each test
    marked ``django_db`` runs in a savepoint on top (pytest-django), so what a test writes is
    undone before the next one. Not for ``transaction=True`` tests: they flush every table.
    Shared fixtures should hand out ids, or objects a function-scoped fixture re-fetches, so
    no test sees a Python object a sibling changed.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield django_db_blocker.unblock
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="class")
def class_db(django_db_setup, django_db_blocker):
    """A transaction for the test class; see ``_rolled_back``. ``with class_db(): build()``."""
    with _rolled_back(django_db_blocker) as unblocked:
        yield unblocked


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction for the test module; see ``_rolled_back``. ``with module_db(): build()``."""
    with _rolled_back(django_db_blocker) as unblocked:
        yield unblocked


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
