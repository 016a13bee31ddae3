"""Two requests for the same learner at the same moment: one row, no lost progress.

The suite runs on SQLite (``make test``) and on PostgreSQL (``make test-postgres``); on
PostgreSQL the threads really race for the same unique row and the same lock.
"""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connections

from courses.models import Enrolment, LessonProgress, QuestionResponse, TestAttempt
from courses.services import (
    assessment_submit,
    enrolment_create,
    lesson_progress_record,
    question_answer,
)
from tests.factories import UserFactory, ensure_site_tree

from .factories import course_with_lessons, question

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 4


def race(work) -> list[BaseException]:
    """Run ``work`` in several threads released at once; return the errors they raised."""
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run(index):
        try:
            barrier.wait()
            work(index)
        except BaseException as error:  # noqa: BLE001 - reported to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.fixture
def setup(transactional_db):
    ensure_site_tree()  # transactional tests start without the data migrations' rows
    course = course_with_lessons(lessons=2, final_test=[question("f1")], pre_test_mode="same")
    lesson = course.get_children().first().specific
    lesson.body = [question("q1")]
    lesson.save()
    return UserFactory(), course, lesson


def test_simultaneous_enrolments_make_one_row(setup):
    user, course, _ = setup
    errors = race(lambda i: enrolment_create(user=user, course=course))
    assert errors == []
    assert Enrolment.objects.filter(user=user, course=course).count() == 1


def take_pre_test(user, course):
    assessment_submit(
        user=user, course=course, kind="pre", token=str(uuid.uuid4()), answers={"f1": ["f1-a"]}
    )


def test_simultaneous_progress_makes_one_row_with_the_highest_value(setup):
    user, course, lesson = setup
    enrolment_create(user=user, course=course)
    take_pre_test(user, course)
    values = [0.2, 0.9, 0.5, 0.7]
    errors = race(
        lambda i: lesson_progress_record(
            user=user, lesson=lesson, progress=values[i], view_id="v1", view_seconds=10 * (i + 1)
        )
    )
    assert errors == []
    row = LessonProgress.objects.get(user=user, lesson=lesson)
    assert row.progress == 0.9
    assert row.time_spent_seconds == 40, "one view counts its longest running total once"


def test_simultaneous_answers_make_one_response(setup):
    user, course, lesson = setup
    enrolment_create(user=user, course=course)
    take_pre_test(user, course)
    errors = race(
        lambda i: question_answer(user=user, lesson=lesson, question_id="q1", selected=["q1-a"])
    )
    assert errors == []
    response = QuestionResponse.objects.get(user=user, lesson=lesson)
    assert response.attempts == 1


def test_double_submitted_test_form_makes_one_attempt(setup):
    user, course, _ = setup
    enrolment_create(user=user, course=course)
    token = str(uuid.uuid4())
    errors = race(
        lambda i: assessment_submit(
            user=user, course=course, kind="pre", token=token, answers={"f1": ["f1-a"]}
        )
    )
    assert errors == []
    assert TestAttempt.objects.filter(user=user).count() == 1


def test_two_different_pre_test_forms_still_make_one_pre_test(setup):
    user, course, _ = setup
    enrolment_create(user=user, course=course)
    errors = race(
        lambda i: assessment_submit(
            user=user, course=course, kind="pre", token=str(uuid.uuid4()), answers={"f1": ["f1-a"]}
        )
    )
    assert errors == []
    assert TestAttempt.objects.filter(user=user, kind="pre").count() == 1
