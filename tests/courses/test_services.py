"""Completion rules, idempotency and bad input for the learning services."""

from __future__ import annotations

import uuid

import pytest
from django.db import IntegrityError, transaction

from courses.models import (
    Certificate,
    Enrolment,
    LessonProgress,
    QuestionResponse,
    ReflectionNote,
    TestAttempt,
)
from courses.services import (
    LearningError,
    NotEnrolled,
    PreTestFirst,
    assessment_submit,
    certificate_issue,
    dilemma_choice_record,
    enrolment_create,
    lesson_progress_record,
    question_answer,
    reflection_note_save,
)

from .factories import course_with_lessons, dilemma, question, reflection, text

pytestmark = pytest.mark.django_db


def finish(user, lesson):
    for qid in lesson.question_ids():
        question_answer(user=user, lesson=lesson, question_id=qid, selected=[f"{qid}-a"])
    return lesson_progress_record(user=user, lesson=lesson, reached_end=True)


class TestEnrolment:
    def test_enrolling_twice_keeps_one_enrolment(self, learner, course):
        first = enrolment_create(user=learner, course=course)
        second = enrolment_create(user=learner, course=course)
        assert first.pk == second.pk
        assert Enrolment.objects.filter(user=learner, course=course).count() == 1

    def test_database_refuses_a_second_enrolment(self, learner, course):
        Enrolment.objects.create(user=learner, course=course)
        with pytest.raises(IntegrityError), transaction.atomic():
            Enrolment.objects.create(user=learner, course=course)

    def test_unpublished_course_cannot_be_joined(self, learner, course):
        course.unpublish()
        with pytest.raises(LearningError):
            enrolment_create(user=learner, course=course)
        assert not Enrolment.objects.exists()

    def test_progress_without_enrolment_is_refused(self, learner, lessons):
        with pytest.raises(NotEnrolled):
            lesson_progress_record(user=learner, lesson=lessons[1], progress=0.5)
        assert not LessonProgress.objects.exists()


class TestLessonCompletion:
    def test_reaching_the_end_of_a_lesson_without_questions_completes_it(
        self, learner, lessons, enrolled
    ):
        row = lesson_progress_record(user=learner, lesson=lessons[1], reached_end=True)
        assert row.is_complete
        assert row.progress == 1.0

    def test_unanswered_questions_keep_the_lesson_open(self, learner, lessons, enrolled):
        lesson = lessons[0]
        question_answer(user=learner, lesson=lesson, question_id="q1", selected=["q1-a"])
        row = lesson_progress_record(user=learner, lesson=lesson, reached_end=True)
        assert not row.is_complete

    def test_answering_the_last_question_after_the_end_completes_the_lesson(
        self, learner, lessons, enrolled
    ):
        lesson = lessons[0]
        lesson_progress_record(user=learner, lesson=lesson, reached_end=True)
        question_answer(user=learner, lesson=lesson, question_id="q1", selected=["q1-b"])
        question_answer(user=learner, lesson=lesson, question_id="q2", selected=["q2-a"])
        row = LessonProgress.objects.get(user=learner, lesson=lesson)
        assert row.is_complete

    def test_a_wrong_answer_counts_as_answered_and_keeps_its_score(
        self, learner, lessons, enrolled
    ):
        lesson = lessons[0]
        wrong = question_answer(user=learner, lesson=lesson, question_id="q1", selected=["q1-b"])
        partly = question_answer(user=learner, lesson=lesson, question_id="q2", selected=["q2-a"])
        row = lesson_progress_record(user=learner, lesson=lesson, reached_end=True)
        assert row.is_complete
        assert wrong.is_correct is False and partly.is_correct is False

    def test_multiple_choice_needs_exactly_the_correct_set(self, learner, lessons, enrolled):
        response = question_answer(
            user=learner, lesson=lessons[0], question_id="q2", selected=["q2-b", "q2-a"]
        )
        assert response.is_correct
        assert response.answer == {"schema_version": 1, "selected": ["q2-a", "q2-b"]}

    def test_completion_time_is_set_once_and_never_moves(self, learner, lessons, enrolled):
        lesson = lessons[1]
        first = lesson_progress_record(user=learner, lesson=lesson, reached_end=True)
        again = lesson_progress_record(user=learner, lesson=lesson, reached_end=True, progress=0.2)
        assert again.first_completed_at == first.first_completed_at
        assert again.progress == 1.0

    def test_progress_only_rises(self, learner, lessons, enrolled):
        lesson_progress_record(user=learner, lesson=lessons[1], progress=0.6)
        row = lesson_progress_record(user=learner, lesson=lessons[1], progress=0.3)
        assert row.progress == 0.6

    def test_lesson_edited_after_completion_stays_complete(self, learner, lessons, enrolled):
        lesson = lessons[1]
        done = lesson_progress_record(user=learner, lesson=lesson, reached_end=True)
        lesson.body = [text(), question("nieuw")]
        lesson.save_revision().publish()
        lesson.refresh_from_db()
        row = lesson_progress_record(user=learner, lesson=lesson, progress=0.5)
        assert row.first_completed_at == done.first_completed_at

    def test_question_added_later_must_be_answered_by_who_has_not_finished(
        self, learner, other_learner, lessons, course, enrolled
    ):
        enrolment_create(user=other_learner, course=course)
        lesson = lessons[1]
        lesson_progress_record(user=learner, lesson=lesson, reached_end=True)
        lesson.body = [text(), question("later")]
        lesson.save_revision().publish()
        lesson.refresh_from_db()
        late = lesson_progress_record(user=other_learner, lesson=lesson, reached_end=True)
        assert not late.is_complete
        question_answer(
            user=other_learner, lesson=lesson, question_id="later", selected=["later-a"]
        )
        assert LessonProgress.objects.get(user=other_learner, lesson=lesson).is_complete
        assert LessonProgress.objects.get(user=learner, lesson=lesson).is_complete

    def test_retaking_a_question_keeps_the_first_result_for_item_analysis(
        self, learner, lessons, enrolled
    ):
        lesson = lessons[0]
        question_answer(user=learner, lesson=lesson, question_id="q1", selected=["q1-b"])
        retake = question_answer(user=learner, lesson=lesson, question_id="q1", selected=["q1-a"])
        assert retake.is_correct and not retake.first_is_correct
        assert retake.attempts == 2
        same = question_answer(user=learner, lesson=lesson, question_id="q1", selected=["q1-a"])
        assert same.attempts == 2, "the same answer sent again is not a new attempt"
        assert QuestionResponse.objects.filter(user=learner).count() == 1

    def test_time_spent_counts_each_view_once(self, learner, lessons, enrolled):
        lesson = lessons[1]
        lesson_progress_record(user=learner, lesson=lesson, view_id="v1", view_seconds=30)
        lesson_progress_record(user=learner, lesson=lesson, view_id="v1", view_seconds=30)
        lesson_progress_record(user=learner, lesson=lesson, view_id="v1", view_seconds=45)
        row = lesson_progress_record(user=learner, lesson=lesson, view_id="v2", view_seconds=10)
        assert row.time_spent_seconds == 55


class TestBadInput:
    @pytest.mark.parametrize("progress", [-0.1, 1.01, 5])
    def test_progress_outside_0_1_is_refused(self, learner, lessons, enrolled, progress):
        with pytest.raises(LearningError) as error:
            lesson_progress_record(user=learner, lesson=lessons[1], progress=progress)
        assert error.value.field == "progress"
        assert not LessonProgress.objects.exists()

    def test_database_refuses_progress_above_one(self, learner, lessons, course, enrolled):
        with pytest.raises(IntegrityError), transaction.atomic():
            LessonProgress.objects.create(
                user=learner, lesson=lessons[1], course=course, progress=2
            )

    @pytest.mark.parametrize(
        ("question_id", "selected", "field"),
        [
            ("bestaat-niet", ["q1-a"], "question"),
            ("q1", [], "options"),
            ("q1", ["q2-a"], "options"),
            ("q1", ["q1-a", "q1-b"], "options"),
            ("q1", "q1-a", "options"),
        ],
    )
    def test_invalid_answers_change_nothing(
        self, learner, lessons, enrolled, question_id, selected, field
    ):
        with pytest.raises(LearningError) as error:
            question_answer(
                user=learner, lesson=lessons[0], question_id=question_id, selected=selected
            )
        assert error.value.field == field
        assert not QuestionResponse.objects.exists()


class TestCourseCompletionAndTests:
    @pytest.fixture
    def tested_course(self, homepage):
        # The right answer ("a") written first in some questions, second in others.
        final = [
            question(f"f{n}", options=("a", "b") if n % 2 else ("b", "a")) for n in (1, 2, 3, 4)
        ]
        return course_with_lessons(
            lessons=2,
            final_test=final,
            pre_test_mode="same",
            pass_mark=75,
            certificate_validity_months=12,
        )

    def answers(self, course, right: int):
        return {
            block.id: [f"{block.id}-a" if n < right else f"{block.id}-b"]
            for n, block in enumerate(course.final_test)
        }

    def pre(self, learner, course):
        return assessment_submit(
            user=learner,
            course=course,
            kind=TestAttempt.PRE,
            token=str(uuid.uuid4()),
            answers=self.answers(course, 1),
        )

    def test_lesson_work_waits_for_the_pre_test(self, learner, tested_course):
        enrolment_create(user=learner, course=tested_course)
        lesson = tested_course.get_children().first().specific
        with pytest.raises(PreTestFirst):
            lesson_progress_record(user=learner, lesson=lesson, reached_end=True)
        assert not LessonProgress.objects.exists()
        self.pre(learner, tested_course)
        assert lesson_progress_record(user=learner, lesson=lesson, reached_end=True).is_complete

    def test_pre_test_cannot_be_taken_after_starting(self, learner, tested_course):
        enrolment_create(user=learner, course=tested_course)
        self.pre(learner, tested_course)
        TestAttempt.objects.all().delete()  # as if the pre-test had been skipped
        lesson = tested_course.get_children().first().specific
        LessonProgress.objects.create(
            user=learner, lesson=lesson, course=tested_course, progress=0.5
        )
        with pytest.raises(LearningError):
            self.pre(learner, tested_course)

    def test_course_completes_when_lessons_done_and_final_test_passed(self, learner, tested_course):
        enrolment = enrolment_create(user=learner, course=tested_course)
        self.pre(learner, tested_course)
        for lesson in tested_course.get_children().specific():
            finish(learner, lesson)
        enrolment.refresh_from_db()
        assert enrolment.completed_at is None, "the final test is still open"
        failed = assessment_submit(
            user=learner,
            course=tested_course,
            kind=TestAttempt.FINAL,
            token=str(uuid.uuid4()),
            answers=self.answers(tested_course, 2),
        )
        assert not failed.passed and failed.percent == 50
        passed = assessment_submit(
            user=learner,
            course=tested_course,
            kind=TestAttempt.FINAL,
            token=str(uuid.uuid4()),
            answers=self.answers(tested_course, 3),
        )
        assert passed.passed, "75% meets a pass mark of 75"
        enrolment.refresh_from_db()
        assert enrolment.completed_at is not None

    def test_final_test_stays_closed_until_all_lessons_are_done(self, learner, tested_course):
        enrolment_create(user=learner, course=tested_course)
        with pytest.raises(LearningError):
            assessment_submit(
                user=learner,
                course=tested_course,
                kind=TestAttempt.FINAL,
                token=str(uuid.uuid4()),
                answers=self.answers(tested_course, 4),
            )
        assert not TestAttempt.objects.exists()

    def test_resubmitted_form_counts_once(self, learner, tested_course):
        enrolment_create(user=learner, course=tested_course)
        token = str(uuid.uuid4())
        first = assessment_submit(
            user=learner,
            course=tested_course,
            kind=TestAttempt.PRE,
            token=token,
            answers=self.answers(tested_course, 1),
        )
        again = assessment_submit(
            user=learner,
            course=tested_course,
            kind=TestAttempt.PRE,
            token=token,
            answers=self.answers(tested_course, 4),
        )
        assert first.pk == again.pk and again.correct_count == 1

    def test_pre_test_is_taken_once(self, learner, tested_course):
        enrolment_create(user=learner, course=tested_course)
        first = assessment_submit(
            user=learner,
            course=tested_course,
            kind=TestAttempt.PRE,
            token=str(uuid.uuid4()),
            answers=self.answers(tested_course, 1),
        )
        second = assessment_submit(
            user=learner,
            course=tested_course,
            kind=TestAttempt.PRE,
            token=str(uuid.uuid4()),
            answers=self.answers(tested_course, 4),
        )
        assert second.pk == first.pk
        assert TestAttempt.objects.filter(kind=TestAttempt.PRE).count() == 1

    def test_incomplete_test_reports_each_missing_question(self, learner, tested_course):
        enrolment_create(user=learner, course=tested_course)
        answers = self.answers(tested_course, 4)
        answers["f2"] = []
        with pytest.raises(LearningError) as error:
            assessment_submit(
                user=learner,
                course=tested_course,
                kind=TestAttempt.PRE,
                token=str(uuid.uuid4()),
                answers=answers,
            )
        assert set(error.value.errors) == {"f2"}
        assert not TestAttempt.objects.exists()

    def test_certificate_issue_needs_completion_and_a_name(self, learner, tested_course):
        enrolment_create(user=learner, course=tested_course)
        self.pre(learner, tested_course)
        with pytest.raises(LearningError):
            certificate_issue(user=learner, course=tested_course, holder_name="Sam de Vries")
        for lesson in tested_course.get_children().specific():
            finish(learner, lesson)
        assessment_submit(
            user=learner,
            course=tested_course,
            kind=TestAttempt.FINAL,
            token=str(uuid.uuid4()),
            answers=self.answers(tested_course, 4),
        )
        provider = tested_course.provider
        provider.name, provider.short_name = "Instituut tegengaan Radicalisering", "ITR"
        provider.neutral_name = "Landelijk instituut voor trainingen aan professionals"
        provider.save()
        with pytest.raises(LearningError) as error:
            certificate_issue(user=learner, course=tested_course, holder_name="   ")
        assert error.value.field == "name"
        certificate = certificate_issue(
            user=learner, course=tested_course, holder_name="  Sam   de Vries "
        )
        assert certificate.holder_name == "Sam de Vries"
        assert certificate.course_title == "Signaleren en handelen"
        assert certificate.provider_name == provider.neutral_name, (
            "never 'radicalisering' on a certificate, nor a bare abbreviation"
        )
        assert certificate.study_load_minutes == tested_course.duration_minutes
        assert certificate.expires_on is not None
        assert (certificate.expires_on - certificate.completed_on).days in range(365, 367)
        assert len(certificate.code) >= 22, "at least 128 random bits"
        again = certificate_issue(user=learner, course=tested_course, holder_name="Iemand anders")
        assert again.pk == certificate.pk
        assert Certificate.objects.count() == 1


class TestDilemmaAndReflection:
    @pytest.fixture
    def lesson(self, homepage, learner):
        course = course_with_lessons(lessons=1, body=[dilemma(), reflection()])
        enrolment_create(user=learner, course=course)
        return course.get_children().first().specific

    def test_latest_dilemma_choice_is_kept_once(self, learner, lesson):
        dilemma_choice_record(
            user=learner, lesson=lesson, dilemma_id="d1", step_id="d1-s1", choice_id="d1-s1-fout"
        )
        response = dilemma_choice_record(
            user=learner, lesson=lesson, dilemma_id="d1", step_id="d1-s1", choice_id="d1-s1-goed"
        )
        assert response.choice_id == "d1-s1-goed"

    def test_unknown_choice_is_refused(self, learner, lesson):
        with pytest.raises(LearningError) as error:
            dilemma_choice_record(
                user=learner,
                lesson=lesson,
                dilemma_id="d1",
                step_id="d1-s1",
                choice_id="d1-s2-goed",
            )
        assert error.value.field == "choice"

    def test_reflection_note_is_sanitised_and_updated_in_place(self, learner, lesson):
        reflection_note_save(
            user=learner,
            lesson=lesson,
            prompt_id="r1",
            text="Eerst <script>alert(1)</script><img src=x onerror=alert(2)>overleggen",
        )
        note = reflection_note_save(
            user=learner, lesson=lesson, prompt_id="r1", text="Nieuwe tekst"
        )
        assert ReflectionNote.objects.count() == 1
        assert note.text == "Nieuwe tekst"

    def test_reflection_note_strips_scripts(self, learner, lesson):
        note = reflection_note_save(
            user=learner,
            lesson=lesson,
            prompt_id="r1",
            text="<script>alert(1)</script><img src=x onerror=alert(2)>Overleggen",
        )
        assert "script" not in note.text and "onerror" not in note.text
        assert "Overleggen" in note.text

    def test_too_long_reflection_is_refused(self, learner, lesson):
        with pytest.raises(LearningError):
            reflection_note_save(user=learner, lesson=lesson, prompt_id="r1", text="x" * 5001)
        assert not ReflectionNote.objects.exists()


def test_two_open_tabs_do_not_count_time_twice(learner, lessons, enrolled):
    lesson = lessons[1]
    for view, seconds in [("A", 10), ("B", 10), ("A", 20), ("B", 20), ("A", 30), ("B", 30)]:
        row = lesson_progress_record(
            user=learner, lesson=lesson, view_id=view, view_seconds=seconds
        )
    assert row.time_spent_seconds == 60


def test_many_views_keep_their_total_when_folded(learner, lessons, enrolled):
    lesson = lessons[1]
    for number in range(25):
        row = lesson_progress_record(
            user=learner, lesson=lesson, view_id=f"v{number}", view_seconds=5
        )
    assert row.time_spent_seconds == 125
    assert len(row.recent_views) == 10
