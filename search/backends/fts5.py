"""One SQLite FTS5 ``MATCH`` for a modelsearch query, written here instead of borrowing
modelsearch's private SQLite compiler.

Why: modelsearch's SQLite ``search()`` joins its FTS5 table from the index-entry side, and
SQLite then runs the ``MATCH`` once per entry (1.4 s for 2,000 documents). Asking the FTS5
table for its matching rows first makes it a single ``MATCH``. The database backend used to do
that by importing modelsearch's private compiler internals behind a broad ``except``: had those
moved, searches would have become slow again without a failing test or a log line. What we rely
on now is small and public enough to test: the FTS5 model modelsearch registers
(``SQLiteFTSIndexEntry``, looked up through the app registry in the app of its ``IndexEntry``),
its ``title`` and ``body`` columns (the ones modelsearch's own ``search()`` matches), and
FTS5's documented query syntax. tests/search/test_database_fts5.py compares the ids found here
with modelsearch's public ``search()``, so a change on their side fails a test instead of
slowing searches down.

Only the query shapes the database backend builds are translated (``PlainText``, ``Phrase``,
``And``, ``Or``, and ``Not`` as an exclusion inside ``And``); anything else returns None and
the caller takes modelsearch's public path.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText, SearchQuery

# The columns modelsearch's search() matches ("autocomplete" is its autocomplete's own).
SEARCH_COLUMNS = ("title", "body")


class _Untranslatable(Exception):
    """A query shape FTS5 cannot express on its own (a bare NOT, match-all inside OR)."""


def _string(text: str) -> str:
    # An FTS5 string: double quotes, a double quote inside doubled. Its words are a phrase.
    return '"' + text.replace('"', '""') + '"'


def _expression(query: SearchQuery) -> str:
    if isinstance(query, PlainText):
        words = query.query_string.split()
        if not words:
            raise _Untranslatable
        operator = " OR " if query.operator.lower() == "or" else " AND "
        joined = operator.join(_string(word) for word in words)
        return joined if len(words) == 1 else f"({joined})"
    if isinstance(query, Phrase):
        return _string(query.query_string)
    if isinstance(query, And):
        # FTS5's NOT is binary ("a NOT b"), so exclusions need something to be excluded from.
        excluded = [sub.subquery for sub in query.subqueries if isinstance(sub, Not)]
        included = [
            sub for sub in query.subqueries if not isinstance(sub, Not | MatchAll)
        ]  # match-all adds nothing to an AND
        if not included:
            raise _Untranslatable
        expression = "(" + " AND ".join(_expression(sub) for sub in included) + ")"
        if excluded:
            expression += " NOT (" + " OR ".join(_expression(sub) for sub in excluded) + ")"
            expression = f"({expression})"
        return expression
    if isinstance(query, Or):
        if not query.subqueries:
            raise _Untranslatable
        return "(" + " OR ".join(_expression(sub) for sub in query.subqueries) + ")"
    raise _Untranslatable


def match_expression(
    *, query: SearchQuery, columns: tuple[str, ...] = SEARCH_COLUMNS
) -> str | None:
    """The FTS5 query for ``query`` in ``columns``, or None when it cannot be one."""
    try:
        expression = _expression(query)
    except _Untranslatable:
        return None
    return "{" + " ".join(columns) + "} : " + expression


def fts5_model(*, entry_model: type[Model]) -> type[Model] | None:
    """modelsearch's FTS5 table beside ``entry_model`` (its ``IndexEntry``, in whichever app
    modelsearch is installed as: ``wagtailsearch`` under Wagtail), or None when there is none
    (not SQLite, or SQLite without FTS5): then there is no fast path."""
    if connection.vendor != "sqlite":
        return None
    try:
        return apps.get_model(entry_model._meta.app_label, "SQLiteFTSIndexEntry")
    except LookupError:
        return None


def matching_entries(*, entries: QuerySet, match: str) -> QuerySet | None:
    """``entries`` (modelsearch index entries) narrowed to those whose FTS5 row matches
    ``match``, in one ``MATCH``; None without an FTS5 table.

    The FTS5 table's rowid is the index entry's id (modelsearch's one-to-one primary key); the
    match text is a parameter, the names come from the model's own metadata.
    """
    model = fts5_model(entry_model=entries.model)
    if model is None:
        return None
    table = connection.ops.quote_name(model._meta.db_table)
    rowid = connection.ops.quote_name(model._meta.pk.column)
    sql = f"SELECT {rowid} FROM {table} WHERE {table} MATCH %s"  # noqa: S608
    return entries.filter(pk__in=RawSQL(sql, [match]))  # noqa: S611
