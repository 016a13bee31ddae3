"""Editors preview what they approve: every page type, as a draft and live, renders in the admin.

The probe of issue 16 found a 500 on ``/beheer/pages/<id>/view_draft/`` for a practice that a
professional submitted (a never-published draft in moderation).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page, get_page_models

from kennisbank.models import BestPracticePage
from tests.courses.factories import CoursePageFactory, LessonPageFactory, course_index
from tests.kennisbank.factories import BestPracticePageFactory, SignalGuidePageFactory
from tests.kennisbank.test_submissions import VALID

pytestmark = pytest.mark.django_db


def _one_of_each(homepage, indexes, statement) -> list[Page]:
    course = CoursePageFactory(parent=course_index())
    pages = [
        homepage,
        statement,
        *indexes.values(),
        SignalGuidePageFactory(parent=indexes[next(k for k in indexes if "Guide" in k.__name__)],
                               role_slugs=["docent"], theme_slugs=["polarisatie"]),
        BestPracticePageFactory(parent=indexes[next(k for k in indexes if "Practice" in k.__name__)],
                                role_slugs=["docent"], theme_slugs=["polarisatie"]),
        course_index(),
        course,
        LessonPageFactory(parent=course),
    ]  # fmt: skip
    return [page.specific for page in pages]


def test_every_page_type_previews_as_draft_and_live(admin_client, homepage, indexes, statement):
    pages = _one_of_each(homepage, indexes, statement)
    covered = {type(page) for page in pages}
    assert covered >= set(get_page_models()) - {Page}, "a page type has no preview check"
    for page in pages:
        page.save_revision().publish()
        live = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert live.status_code == 200, (type(page).__name__, "live")
        page.refresh_from_db()
        page.title = f"{page.title} (concept)"
        page.save_revision()  # an unpublished change on top of the live page
        draft = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert draft.status_code == 200, (type(page).__name__, "draft")
        assert "(concept)" in draft.content.decode(), type(page).__name__
        preview = admin_client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]))
        assert preview.status_code in (200, 400), type(page).__name__  # 400: no form posted yet


def test_a_submitted_practice_previews_for_the_moderator(client, user, admin_client):
    client.force_login(user)
    assert client.post("/deel-uw-praktijk/", VALID).status_code == 302
    page = BestPracticePage.objects.get(title=VALID["title"])
    assert not page.live
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert VALID["title"] in html and "Stichting Buurtwerk" in html
