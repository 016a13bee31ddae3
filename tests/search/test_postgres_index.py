"""The database backend's full-text match must be answerable from an index on PostgreSQL."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

INDEX = importlib.import_module("search.migrations.0003_indexentry_title_body_gin").INDEX


def test_the_title_body_expression_is_indexed_on_postgresql_only():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
            row = cursor.fetchone()
            assert row is not None, "migration search.0003 did not create the index"
            assert "gin" in row[0].lower() and "(title || body)" in row[0]
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = %s", [INDEX])
            assert cursor.fetchone() is None, "SQLite searches its own FTS5 table"
