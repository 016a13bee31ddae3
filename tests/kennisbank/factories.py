"""Factories for kennisbank pages. Pass ``parent=`` (an index page) and taxonomy slugs.

Taxonomy terms come from the data migration, so factories look them up by slug:
``BestPracticePageFactory(parent=index, role_slugs=["docent"], level="goed-onderbouwd")``.
Pages are created live (``add_child``); call ``publish(page)`` when a revision is needed.
"""

from __future__ import annotations

import factory
import wagtail_factories

from core.models import Domain, EvidenceLevel, Phase, Role, Theme
from kennisbank.models import BestPracticePage, SignalGuidePage


def terms(model, slugs) -> list:
    """Taxonomy terms in the order of ``slugs``; fails loudly on an unknown slug."""
    by_slug = model.objects.in_bulk(list(slugs), field_name="slug")
    return [by_slug[slug] for slug in slugs]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class SignalGuidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SignalGuidePage

    class Params:
        role_slugs: list[str] = []
        theme_slugs: list[str] = []

    title = factory.Sequence(lambda n: f"Handreiking {n}")
    summary = "Waar kunt u op letten en wat kunt u doen?"
    signals = factory.LazyFunction(
        lambda: [
            (
                "signal",
                {
                    "category": "Gedrag",
                    "label": "Terugtrekken uit de groep",
                    "description": "Iemand zoekt alleen nog contact met een nieuwe groep.",
                    "example": "",
                    "caution": "",
                },
            )
        ]
    )
    steps = factory.LazyFunction(lambda: [("step", {"title": "Ga in gesprek", "text": ""})])
    roles = factory.LazyAttribute(lambda o: terms(Role, o.role_slugs))
    themes = factory.LazyAttribute(lambda o: terms(Theme, o.theme_slugs))


class BestPracticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BestPracticePage

    class Params:
        level = "goed-beschreven"
        role_slugs: list[str] = []
        domain_slugs: list[str] = []
        phase_slugs: list[str] = []
        theme_slugs: list[str] = []

    title = factory.Sequence(lambda n: f"Praktijk {n:03d}")
    summary = "Een aanpak uit de praktijk."
    organisation = "Gemeente Voorbeeld"
    evidence_level = factory.LazyAttribute(lambda o: EvidenceLevel.objects.get(slug=o.level))
    roles = factory.LazyAttribute(lambda o: terms(Role, o.role_slugs))
    domains = factory.LazyAttribute(lambda o: terms(Domain, o.domain_slugs))
    phases = factory.LazyAttribute(lambda o: terms(Phase, o.phase_slugs))
    themes = factory.LazyAttribute(lambda o: terms(Theme, o.theme_slugs))
