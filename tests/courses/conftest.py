from __future__ import annotations

import pytest

from courses.models import CoursePage
from courses.services import enrolment_create
from tests.factories import UserFactory

from .factories import course_with_lessons, question, text


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def other_learner(db):
    return UserFactory()


@pytest.fixture(scope="module")
def shared_course_id(module_db) -> int:
    """Three lessons; lesson 1 has two quiz questions, the others only text. Built once per
    module (tests/conftest.py's ``module_db``): the tests that use it write only rows of their
    own (enrolments, answers, a revision), which their savepoint undoes."""
    with module_db():
        course = course_with_lessons(lessons=3)
        first = course.get_children().first().specific
        first.body = [text(), question("q1"), question("q2", multiple=True, correct=("a", "b"))]
        first.save()
        return course.pk


@pytest.fixture
def course(db, shared_course_id):
    """The module's course, read afresh for each test: no test sees another's Python object."""
    return CoursePage.objects.get(pk=shared_course_id)


@pytest.fixture
def lessons(course):
    return [page.specific for page in course.get_children().order_by("path")]


@pytest.fixture
def enrolled(learner, course):
    return enrolment_create(user=learner, course=course)
