"""Wagtail 8 autosaves a page that is being created: its first autosave adds the page, a draft
that was never published. An editor who leaves and starts the same page again gets its slug
back from the title, and that slug is then taken by the stray draft (issue 16)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.models import EvidenceLevel
from kennisbank.models import BestPracticeIndexPage, BestPracticePage

pytestmark = pytest.mark.django_db


def _form(title: str, slug: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "",
            "body": rich_text(""),
            "approach": rich_text(""),
            "evaluation": rich_text(""),
            "effective_elements": streamfield([]),
            "conditions": streamfield([]),
            "sources": streamfield([]),
            "organisation": "",
            "evidence_level": EvidenceLevel.objects.get(slug="goed-beschreven").pk,
        }
    )


def test_a_slug_taken_by_an_autosaved_draft_gets_an_error_that_says_why(admin_client, indexes):
    index = indexes[BestPracticeIndexPage]
    add = reverse("wagtailadmin_pages:add", args=["kennisbank", "bestpracticepage", index.pk])
    # The editor's first autosave (a JSON request) adds the page; then they leave the tab.
    autosave = admin_client.post(
        add, _form("Buurtgesprekken", "buurtgesprekken"), HTTP_ACCEPT="application/json"
    )
    assert autosave.status_code == 200 and autosave.json()["success"] is True
    stray = BestPracticePage.objects.get(slug="buurtgesprekken")
    assert not stray.live and stray.first_published_at is None, "a draft nobody published"

    # Starting the same page again: the title gives the same slug, which the draft holds.
    again = admin_client.post(add, _form("Buurtgesprekken", "buurtgesprekken"))
    assert again.status_code == 200, "the form again, not a server error"
    assert again.context["form"].errors["slug"] == [
        "De slug 'buurtgesprekken' is al in gebruik door een andere pagina op dit niveau. "
        "Vaak is dat een concept dat automatisch is bewaard toen u deze pagina eerder begon: "
        "open dat concept onder de bovenliggende pagina en werk daar verder, of verwijder het. "
        "U kunt ook een andere slug kiezen."
    ]
    assert BestPracticePage.objects.filter(slug__startswith="buurtgesprekken").count() == 1
