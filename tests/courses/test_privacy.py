"""A learner's course data in "Mijn gegevens", and what erasing the account leaves behind."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from accounts.services import account_erase, personal_data_export
from courses.models import (
    Certificate,
    Enrolment,
    LessonProgress,
    QuestionResponse,
    ReflectionNote,
    TestAttempt,
)
from courses.services import (
    certificate_code_new,
    lesson_progress_record,
    question_answer,
    reflection_note_save,
)

from .factories import course_with_lessons, question, reflection

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(learner, homepage):
    from courses.services import enrolment_create

    course = course_with_lessons(lessons=1, body=[question("q1"), reflection()])
    lesson = course.get_children().first().specific
    enrolment_create(user=learner, course=course)
    question_answer(user=learner, lesson=lesson, question_id="q1", selected=["q1-a"])
    reflection_note_save(user=learner, lesson=lesson, prompt_id="r1", text="Alleen voor mij")
    lesson_progress_record(user=learner, lesson=lesson, reached_end=True)
    certificate = Certificate.objects.create(
        code=certificate_code_new(),
        user=learner,
        course=course,
        holder_name="Noor Jansen",
        course_title="Signaleren en handelen",
        provider_name="ROR",
        completed_on="2026-11-01",
    )
    TestAttempt.objects.create(
        user=learner,
        course=course,
        kind="pre",
        token="6b1f3c1e-8c1a-4a57-9d6a-0c4f1f0b1a11",
        answers={},
        correct_count=1,
        question_count=2,
        score=0.5,
    )
    return course, certificate


def test_export_holds_every_kind_of_course_record(learner, history):
    data = json.loads(json.dumps(personal_data_export(user=learner), default=str))
    text = json.dumps(data, ensure_ascii=False)
    for expected in ("Alleen voor mij", "Noor Jansen", "q1-a", "Signaleren en handelen"):
        assert expected in text


def test_erasure_keeps_only_unlinked_answers_and_a_revoked_nameless_certificate(
    client, learner, history
):
    course, certificate = history
    user_id = learner.pk
    account_erase(user=learner)
    assert not Enrolment.objects.filter(user_id=user_id).exists()
    assert not LessonProgress.objects.exists() and not ReflectionNote.objects.exists()
    assert QuestionResponse.objects.get().user_id is None, "kept for item analysis, unlinked"
    assert TestAttempt.objects.get().user_id is None
    certificate.refresh_from_db()
    assert certificate.user_id is None and certificate.holder_name == ""
    assert certificate.revoked_at is not None and certificate.ended_by_holder
    html = client.get(reverse("courses:verify", args=[certificate.code])).content.decode()
    assert "beëindigd met het account van de houder" in html and "Noor Jansen" not in html
