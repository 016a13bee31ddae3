"""A renamed (or deleted) taxonomy term reaches the search indexes without a rebuild."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import EvidenceLevel, Role, Theme
from kennisbank.selectors import taxonomy_term_page_ids
from tests.courses.factories import course_with_lessons
from tests.kennisbank.factories import publish, terms
from tests.search.helpers import guide, practice, search, titles

pytestmark = pytest.mark.django_db


def test_renaming_a_role_in_the_admin_makes_its_pages_findable_by_the_new_name(
    backend_name, admin_client, practice_index
):
    practice(practice_index, title="Aanpak met een rol", role_slugs=["wijkagent"])
    practice(practice_index, title="Aanpak zonder rol")
    course = course_with_lessons(lessons=0, title="Cursus met een rol")
    course.roles.set(terms(Role, ["wijkagent"]))
    publish(course)
    assert search("gebiedsregisseur").count == 0

    role = Role.objects.get(slug="wijkagent")
    edit_url = reverse("wagtailsnippets_core_role:edit", args=[role.pk])
    response = admin_client.post(edit_url, {"label": "Gebiedsregisseur"})
    assert response.status_code == 302

    assert set(titles(search("gebiedsregisseur"))) == {"Aanpak met een rol", "Cursus met een rol"}
    assert search("wijkagent").count == 0


def test_renaming_a_theme_reaches_guides_on_both_backends(backend_name, guide_index):
    guide(guide_index, title="Handreiking over een thema", theme_slugs=["complotdenken"])
    theme = Theme.objects.get(slug="complotdenken")
    theme.label = "Samenzweringsdenken"
    theme.save()
    assert titles(search("samenzweringsdenken")) == ["Handreiking over een thema"]


def test_deleting_a_theme_removes_its_label_from_the_documents(
    backend_name, guide_index, django_capture_on_commit_callbacks
):
    guide(guide_index, title="Handreiking over het gezin", theme_slugs=["opvoeding"])
    theme = Theme.objects.get(slug="opvoeding")
    theme.label = "Gezinsleven"
    theme.save()
    assert titles(search("gezinsleven")) == ["Handreiking over het gezin"]
    with django_capture_on_commit_callbacks(execute=True):  # queued once the delete is final
        theme.delete()
    assert search("gezinsleven").count == 0


def test_the_pages_of_a_term_are_the_live_ones_of_every_app(practice_index, guide_index):
    with_role = practice(practice_index, title="Met rol", role_slugs=["docent"])
    guide_with_role = guide(guide_index, title="Gids met rol", role_slugs=["docent", "wijkagent"])
    practice(practice_index, title="Andere rol", role_slugs=["wijkagent"])
    draft = practice(practice_index, title="Concept met rol", role_slugs=["docent"])
    draft.unpublish()
    course = course_with_lessons(lessons=0)
    course.roles.set(terms(Role, ["docent"]))
    course.save()
    assert taxonomy_term_page_ids(term=Role.objects.get(slug="docent")) == sorted(
        [with_role.pk, guide_with_role.pk, course.pk]
    )
    level = EvidenceLevel.objects.get(slug="goed-beschreven")
    assert with_role.pk in taxonomy_term_page_ids(term=level)  # through the foreign key


def test_saving_a_term_nobody_uses_queues_nothing(queued_search_tasks):
    role = Role.objects.get(slug="sleutelfiguur")
    role.label = "Sleutelpersoon"
    role.save()
    assert queued_search_tasks() == []
