"""The lesson page, course page and dashboard cost the same number of queries for 3 or 30 lessons."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.services import enrolment_create, lesson_progress_record

from .factories import course_with_lessons, question, text

pytestmark = pytest.mark.django_db


def build(learner, *, lessons: int, courses: int = 1):
    made = []
    for _ in range(courses):
        course = course_with_lessons(lessons=lessons, body=[text(), question("q1")])
        enrolment_create(user=learner, course=course)
        for lesson in list(course.get_children().specific())[: lessons // 2]:
            lesson_progress_record(user=learner, lesson=lesson, progress=0.5)
        made.append(course)
    return made


def count(client, url) -> int:
    client.get(url)  # warm up the site and content-type caches, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("where", ["lesson", "course"])
def test_page_queries_do_not_grow_with_lessons(client, learner, homepage, where):
    client.force_login(learner)
    small = build(learner, lessons=3)[0]
    large = build(learner, lessons=30)[0]

    def url(course):
        if where == "course":
            return course.url
        return course.get_children().last().url

    small_count, large_count = count(client, url(small)), count(client, url(large))
    assert small_count == large_count, (small_count, large_count)


def test_dashboard_queries_do_not_grow_with_lessons_or_enrolments(client, learner, homepage):
    client.force_login(learner)
    build(learner, lessons=3, courses=1)
    small = count(client, reverse("courses:dashboard"))
    build(learner, lessons=30, courses=6)
    large = count(client, reverse("courses:dashboard"))
    assert small == large, (small, large)


def test_the_lesson_page_builds_the_course_overview_once(client, learner, homepage):
    from unittest import mock

    import courses.selectors
    from courses.selectors import learning

    client.force_login(learner)
    course = build(learner, lessons=3)[0]
    overview = mock.Mock(wraps=learning.course_overview)
    with (
        mock.patch.object(learning, "course_overview", overview),
        mock.patch.object(courses.selectors, "course_overview", overview),
    ):
        response = client.get(course.get_children().first().url)
    assert response.status_code == 200
    assert overview.call_count == 1
