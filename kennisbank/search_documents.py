"""Guides and practices in the site search (see search/registry.py)."""

from __future__ import annotations

from search.documents import plain_text
from search.registry import DocumentFields, SearchSource, search_source_register

from .models import BestPracticePage, SignalGuidePage


def _terms(manager) -> list:
    return list(manager.all())


def guide_fields(page: SignalGuidePage) -> DocumentFields:
    roles, themes = _terms(page.roles), _terms(page.themes)
    return DocumentFields(
        summary=page.summary,
        body=plain_text([page.signals, page.steps, page.body, page.contacts, page.legal_frame]),
        roles=[term.slug for term in roles],
        themes=[term.slug for term in themes],
        keywords=[term.label for term in roles + themes],
    )


def practice_fields(page: BestPracticePage) -> DocumentFields:
    level = page.evidence_level
    roles, domains = _terms(page.roles), _terms(page.domains)
    themes, phases = _terms(page.themes), _terms(page.phases)
    return DocumentFields(
        summary=page.summary,
        body=plain_text(
            [
                page.aim,
                page.target_group,
                page.body,
                page.approach,
                page.effective_elements,
                page.conditions,
                page.evaluation,
                page.region,
            ]
        ),
        roles=[term.slug for term in roles],
        domains=[term.slug for term in domains],
        themes=[term.slug for term in themes],
        phases=[term.slug for term in phases],
        evidence=level.slug,
        evidence_rank=level.sort_order,
        provider=page.organisation,
        date=page.last_reviewed,
        keywords=[term.label for term in roles + domains + themes + phases] + [page.organisation],
    )


# The label is the page type's own name, so search facets, results and the pages themselves
# name a type one way (the facets said "Signaalgids" and "Goede praktijk" for pages that call
# themselves "Handreiking signaleren" and "Praktijkvoorbeeld").
search_source_register(
    SearchSource(
        model=SignalGuidePage, type_key="signaalgids",
        type_label=SignalGuidePage._meta.verbose_name,
        build=guide_fields, order=10,
    )
)  # fmt: skip
search_source_register(
    SearchSource(
        model=BestPracticePage, type_key="goede-praktijk",
        type_label=BestPracticePage._meta.verbose_name,
        build=practice_fields, order=20,
    )
)  # fmt: skip
