"""Learning gain never contradicts the result: a fail then a pass shows the pass, everywhere."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.urls import reverse

from accounts.roles import TRAINERS
from courses.models import CoursePage
from courses.selectors import course_overview
from courses.selectors.cohorts import MIN_GROUP, cohort_report
from courses.selectors.gain import learning_gain_of
from courses.services import (
    assessment_submit,
    cohort_create,
    cohort_join,
    enrolment_create,
    lesson_progress_record,
)
from tests.factories import UserFactory

from .factories import course_with_lessons, question

pytestmark = pytest.mark.django_db

PRE = {"f1": ["f1-a"], "f2": ["f2-b"]}  # 50 %
WRONG = {"f1": ["f1-b"], "f2": ["f2-b"]}  # 0 %
RIGHT = {"f1": ["f1-a"], "f2": ["f2-a"]}  # 100 %


@pytest.fixture(scope="module")
def shared_course_id(module_db) -> int:
    """Built once for the module; each test's writes are undone by its savepoint."""
    with module_db():
        return course_with_lessons(
            lessons=1,
            final_test=[question("f1"), question("f2")],
            pre_test_mode="same",
            pass_mark=100,
        ).pk


@pytest.fixture
def course(db, shared_course_id):
    return CoursePage.objects.get(pk=shared_course_id)


def fail_then_pass(person, course):
    enrolment_create(user=person, course=course)
    assessment_submit(user=person, course=course, kind="pre", token=str(uuid.uuid4()), answers=PRE)
    for lesson in course.get_children().specific():
        lesson_progress_record(user=person, lesson=lesson, reached_end=True)
    assessment_submit(
        user=person, course=course, kind="final", token=str(uuid.uuid4()), answers=WRONG
    )
    return assessment_submit(
        user=person, course=course, kind="final", token=str(uuid.uuid4()), answers=RIGHT
    )


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


EXPECTED = "van 50% goed bij de voortoets naar 100% bij de eindtoets waarmee u slaagde: +50"


def test_the_gain_is_the_pass_not_the_failed_first_try(course, learner):
    passed = fail_then_pass(learner, course)
    gain = course_overview(course=course, user=learner).learning_gain
    assert (gain.pre_percent, gain.final_percent, gain.points) == (50, 100, 50)
    assert gain.passed and gain.final_attempt_number == 2 and gain.final_attempt_count == 2
    assert passed.passed


def test_before_a_pass_the_best_attempt_counts():
    class A:
        def __init__(self, score, passed=False):
            self.score, self.passed = score, passed

    gain = learning_gain_of(pre=A(0.5), finals=[A(0.25), A(0.75), A(0.5)])
    assert (gain.final_percent, gain.points, gain.passed) == (75, 25, False)
    assert learning_gain_of(pre=None, finals=[A(1, True)]) is None
    assert learning_gain_of(pre=A(0.5), finals=[]) is None


def test_learner_pages_say_the_same_after_a_fail_then_a_pass(client, course, learner):
    passed = fail_then_pass(learner, course)
    client.force_login(learner)
    pages = {
        "test page": reverse("courses:test_result", args=[course.pk, "final", passed.token]),
        "course page": course.url,
        "Mijn leeromgeving": reverse("courses:dashboard"),
    }
    for name, url in pages.items():
        html = text_of(client.get(url).content.decode())
        assert EXPECTED in html and "procentpunten" in html, name
        assert not re.search(r"(?<!\d)0% bij de eindtoets", html), name
        assert "−50" not in html and "-50" not in html, name
    explained = text_of(client.get(pages["test page"]).content.decode())
    assert "de poging waarmee u slaagde" in explained, "the learner is told what the number means"


def test_trainer_figures_take_the_same_number(homepage, course):
    trainer = UserFactory(username="trainer", groups=[TRAINERS])
    today = datetime.date.today()
    cohort = cohort_create(
        trainer=trainer, name="Groep", organisation="", courses=[course],
        start_date=today, end_date=today,
    )  # fmt: skip
    for _ in range(MIN_GROUP):
        person = UserFactory()
        cohort_join(user=person, cohort=cohort, consent=True)
        fail_then_pass(person, course)
    report = cohort_report(cohort=cohort, course=course)
    assert report.gains == [50] * MIN_GROUP, "the pass counts, as on the learner's pages"
    assert report.gain_mean == 50
