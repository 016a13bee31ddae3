"""Statements (privacy, accessibility) in the site search (see search/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.documents import plain_text
from search.registry import DocumentFields, SearchSource, search_source_register

from .models import StatementPage


def statement_fields(page: StatementPage) -> DocumentFields:
    return DocumentFields(summary=page.intro, body=plain_text(page.body), date=page.last_reviewed)


search_source_register(
    SearchSource(
        model=StatementPage, type_key="informatie", type_label=_("Informatie"),
        build=statement_fields, order=90,
    )
)  # fmt: skip
