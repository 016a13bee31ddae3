"""Guides and practices in the site search (see search/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.documents import plain_text
from search.registry import DocumentFields, SearchSource, search_source_register

from .models import BestPracticePage, SignalGuidePage


def _labels(*managers) -> list[str]:
    return [term.label for manager in managers for term in manager.all()]


def guide_fields(page: SignalGuidePage) -> DocumentFields:
    return DocumentFields(
        summary=page.summary,
        body=plain_text([page.signals, page.steps, page.body, page.contacts, page.legal_frame]),
        roles=[role.slug for role in page.roles.all()],
        themes=[theme.slug for theme in page.themes.all()],
        keywords=_labels(page.roles, page.themes),
    )


def practice_fields(page: BestPracticePage) -> DocumentFields:
    level = page.evidence_level
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
        roles=[role.slug for role in page.roles.all()],
        domains=[domain.slug for domain in page.domains.all()],
        themes=[theme.slug for theme in page.themes.all()],
        phases=[phase.slug for phase in page.phases.all()],
        evidence=level.slug,
        evidence_rank=level.sort_order,
        provider=page.organisation,
        date=page.last_reviewed,
        keywords=[*_labels(page.roles, page.domains, page.themes, page.phases), page.organisation],
    )


search_source_register(
    SearchSource(
        model=SignalGuidePage, type_key="signaalgids", type_label=_("Signaalgids"),
        build=guide_fields,
    )
)  # fmt: skip
search_source_register(
    SearchSource(
        model=BestPracticePage, type_key="goede-praktijk", type_label=_("Goede praktijk"),
        build=practice_fields,
    )
)  # fmt: skip
