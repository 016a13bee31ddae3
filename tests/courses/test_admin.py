"""Editors can open, preview and save courses and lessons in the Wagtail admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_course_and_lesson_editors_open(admin_client, course, lessons):
    for page in (course, lessons[0]):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
        assert page.title in response.content.decode()


def test_lesson_preview_renders_for_an_editor_who_is_not_enrolled(admin_user, lessons):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = admin_user
    response = lessons[0].make_preview_request(original_request=request)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vraag q1?" in html and "Controleer mijn antwoord" in html


def test_provider_snippets_are_listed(admin_client):
    from courses.models import Provider

    Provider.objects.create(key="ror", name="Rijksopleidingsinstituut", short_name="ROR")
    response = admin_client.get(reverse("wagtailsnippets_courses_provider:list"))
    assert response.status_code == 200 and "Rijksopleidingsinstituut" in response.content.decode()
