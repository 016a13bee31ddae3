"""The kennisbank's index pages (guides, practices, the evidence ladder), made once under the home page."""

from __future__ import annotations

from django.db import transaction

from core.publishing import page_create
from home.models import HomePage

from ..models import (
    BestPracticeIndexPage,
    EvidenceLadderPage,
    SignalGuideIndexPage,
)

INDEX_PAGES = (
    (
        SignalGuideIndexPage,
        "signalen-herkennen",
        "Signalen herkennen",
        "Handreikingen per beroep: waar kunt u op letten, wat kunt u doen en wie kunt u raadplegen?",
    ),
    (
        BestPracticeIndexPage,
        "wat-werkt",
        "Wat werkt",
        "Aanpakken uit gemeenten en organisaties, met de mate waarin bekend is dat ze werken.",
    ),
    (
        EvidenceLadderPage,
        "niveaus-van-bewijs",
        "Niveaus van bewijs",
        "Hoe sterk is het bewijs dat een aanpak werkt? Wij gebruiken de Nederlandse erkenningsladder "
        "voor interventies. Elk niveau bouwt voort op het vorige.",
    ),
)


@transaction.atomic
def kennisbank_index_pages_ensure() -> dict[type, object]:
    """Create the guide and practice index pages and the evidence ladder page if missing."""
    home = HomePage.objects.get()
    pages = {}
    for model, slug, title, intro in INDEX_PAGES:
        page = model.objects.first()
        if page is None:
            page = model(
                title=title, slug=slug, intro=intro, show_in_menus=model is not EvidenceLadderPage
            )
            page_create(parent=home, page=page)
        pages[model] = page
    return pages
