"""Courses and lessons are found on both backends; quiz answers are never indexed."""

from __future__ import annotations

import pytest

from tests.courses.factories import course_with_lessons, question, text
from tests.kennisbank.factories import publish
from tests.search.helpers import search, titles

pytestmark = pytest.mark.django_db


def test_courses_and_lessons_are_found_with_their_type(backend_name, homepage):
    course = course_with_lessons(
        lessons=1,
        title="Weerbaarheidscursus voor mentoren",
        body=[text("<p>Het mentorgesprek begint met luisteren.</p>"), question("q1")],
    )
    publish(course)
    lesson = course.get_children().first().specific
    lesson.title = "Het mentorgesprek"
    publish(lesson)
    found = search("mentorgesprek")
    # The lesson that uses the word comes first; the course may follow on the compound's parts
    # (mentor + gesprek), never before it.
    assert found.hits[0].type == "les" and found.hits[0].title == "Het mentorgesprek"
    assert titles(search("weerbaarheidscursus")) == ["Weerbaarheidscursus voor mentoren"]
    assert search("weerbaarheidscursus", type="cursus").hits[0].type == "cursus"
    # "Antwoord a" is an option of the lesson's quiz question: not searchable.
    assert search("antwoord").hits == []


def test_a_new_course_slug_moves_its_lessons_urls_in_the_results(
    backend_name, homepage, django_capture_on_commit_callbacks
):
    course = course_with_lessons(
        lessons=2, title="Signalen op school", slug="signalen-op-school",
        body=[text("<p>Het klassengesprek over polarisatie.</p>")],
    )  # fmt: skip
    publish(course)
    for lesson in course.get_children().specific():
        publish(lesson)
    old_urls = {hit.url for hit in search("klassengesprek").hits}
    assert len(old_urls) == 2 and all("/signalen-op-school/" in url for url in old_urls)

    course.slug = "signalen-in-de-klas"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail announces the slug then
        publish(course)

    lessons = search("klassengesprek").hits
    assert sorted(hit.url for hit in lessons) == sorted(
        url.replace("/signalen-op-school/", "/signalen-in-de-klas/") for url in old_urls
    )
    assert search("signalen", type="cursus").hits[0].url.endswith("/signalen-in-de-klas/")
