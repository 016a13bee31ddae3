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
    assert [hit.type for hit in found.hits] == ["les"]
    assert titles(search("weerbaarheidscursus")) == ["Weerbaarheidscursus voor mentoren"]
    assert search("weerbaarheidscursus", type="cursus").hits[0].type == "cursus"
    # "Antwoord a" is an option of the lesson's quiz question: not searchable.
    assert search("antwoord").hits == []
