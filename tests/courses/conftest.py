from __future__ import annotations

import pytest

from courses.services import enrolment_create
from tests.factories import UserFactory

from .factories import course_with_lessons, question, text


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def other_learner(db):
    return UserFactory()


@pytest.fixture
def course(homepage):
    """Three lessons; lesson 1 has two quiz questions, the others only text."""
    course = course_with_lessons(lessons=3)
    first = course.get_children().first().specific
    first.body = [text(), question("q1"), question("q2", multiple=True, correct=("a", "b"))]
    first.save()
    return course


@pytest.fixture
def lessons(course):
    return [page.specific for page in course.get_children().order_by("path")]


@pytest.fixture
def enrolled(learner, course):
    return enrolment_create(user=learner, course=course)
