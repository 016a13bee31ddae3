"""Writes for learning: enrolment, progress, answers, tests and certificates.

Every write is idempotent under repetition (a double click, a resubmitted form, a retried API
call) and safe under concurrency: rows are found or created against a unique constraint and then
locked, and values only ever move forward (progress up, completion time set once).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.sanitize import sanitize_html

from ..models import (
    ANSWER_SCHEMA_VERSION,
    Certificate,
    CoursePage,
    DilemmaResponse,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuestionResponse,
    ReflectionNote,
    TestAttempt,
)
from ..selectors.learning import (
    certificate_renewal_is_open,
    final_test_is_open,
    lesson_pre_test_pending,
)

MAX_SECONDS_PER_VIEW = 4 * 60 * 60
RECENT_VIEWS = 10
REFLECTION_MAX_LENGTH = 5000


class LearningError(ApplicationError):
    """Input a learner (or their browser) sent that the platform cannot accept."""


class NotEnrolled(LearningError):
    status = 403


class PreTestFirst(LearningError):
    status = 403


def _locked(model, **lookup):
    """Find or create the row for ``lookup`` and lock it until the transaction ends.

    The row usually exists, so it is looked for first; only a missing row costs an insert.
    """
    defaults = lookup.pop("defaults", {})
    row = model.objects.select_for_update().filter(**lookup).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            model.objects.create(**lookup, **defaults)
    except IntegrityError:
        pass  # another request created it first: lock theirs
    return model.objects.select_for_update().get(**lookup)


def _enrolment_for(*, user, course: CoursePage) -> Enrolment:
    try:
        return Enrolment.objects.select_for_update().get(user=user, course=course)
    except Enrolment.DoesNotExist:
        raise NotEnrolled(_("U bent niet ingeschreven voor deze cursus.")) from None


def _enrolment_for_lesson(*, user, lesson: LessonPage) -> Enrolment:
    """The learner's enrolment in the lesson's course, locked, in one query."""
    try:
        return (
            Enrolment.objects.select_for_update(of=("self",))
            .filter(user=user, course__path=lesson.path[: -CoursePage.steplen])
            .get()
        )
    except Enrolment.DoesNotExist:
        raise NotEnrolled(_("U bent niet ingeschreven voor deze cursus.")) from None


ACTIVITY_RESOLUTION = timedelta(minutes=1)


def _pre_test_gate(*, user, lesson: LessonPage, enrolment: Enrolment) -> None:
    """A course with a pre-test measures before the first lesson: no lesson work before it.

    Checked in every write, not only on the lesson page, or learning gain means nothing; the
    lesson page reads the same rule (``selectors.lesson_gate``).
    """
    if lesson_pre_test_pending(user=user, lesson=lesson, course_id=enrolment.course_id):
        raise PreTestFirst(_("Maak eerst de voortoets. Zo ziet u straks wat u hebt geleerd."))


@transaction.atomic
def enrolment_create(*, user, course: CoursePage) -> Enrolment:
    """Enrol ``user`` in ``course``; enrolling twice returns the first enrolment."""
    if not course.live:
        raise LearningError(_("Deze cursus is niet beschikbaar."))
    return _locked(Enrolment, user=user, course=course)


@dataclass(frozen=True)
class SelectionResult:
    selected: list[str]
    correct: bool


def _selection_check(*, question, selected: list[str], field: str) -> SelectionResult:
    """Validate the chosen option ids against a quiz question block value and score them."""
    options = {item.id: item.value for item in question.value["options"].bound_blocks}
    if not isinstance(selected, list) or not all(isinstance(item, str) for item in selected):
        raise LearningError(_("Kies een antwoord."), field=field)
    chosen = sorted(set(selected))
    if not chosen:
        raise LearningError(_("Kies een antwoord."), field=field)
    unknown = [item for item in chosen if item not in options]
    if unknown:
        raise LearningError(_("Dit antwoord hoort niet bij de vraag."), field=field)
    if not question.value["multiple"] and len(chosen) > 1:
        raise LearningError(_("Kies één antwoord."), field=field)
    correct_ids = sorted(option_id for option_id, value in options.items() if value["correct"])
    return SelectionResult(selected=chosen, correct=chosen == correct_ids)


def _question_block(stream, question_id: str):
    for block in stream or []:
        if block.block_type == "quiz_question" and block.id == question_id:
            return block
    return None


def _lesson_completion_update(*, row: LessonProgress, lesson: LessonPage, now) -> bool:
    """Set the completion time once, when the end is reached and every question answered."""
    if row.first_completed_at is not None or not row.reached_end:
        return False
    required = set(lesson.question_ids())
    if required:
        answered = set(
            QuestionResponse.objects.filter(
                user_id=row.user_id, lesson=lesson, question_id__in=required
            ).values_list("question_id", flat=True)
        )
        if required - answered:
            return False
    row.first_completed_at = now
    return True


def course_completion_update(*, enrolment: Enrolment, now=None) -> bool:
    """Mark the enrolment complete once every live lesson is done and the final test passed."""
    if enrolment.completed_at is not None:
        return False
    course = enrolment.course
    lesson_ids = set(LessonPage.objects.live().child_of(course).values_list("pk", flat=True))
    done = set(
        LessonProgress.objects.filter(
            user_id=enrolment.user_id, lesson_id__in=lesson_ids, first_completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    if lesson_ids - done:
        return False
    if (
        course.has_final_test
        and not TestAttempt.objects.filter(
            user_id=enrolment.user_id, course=course, kind=TestAttempt.FINAL, passed=True
        ).exists()
    ):
        return False
    enrolment.completed_at = now or timezone.now()
    enrolment.save(update_fields=["completed_at"])
    certificate_renewals_apply(user=enrolment.user_id, completed=course, passed_final_test=False)
    return True


@transaction.atomic
def lesson_progress_record(
    *,
    user,
    lesson: LessonPage,
    progress: float | None = None,
    reached_end: bool = False,
    view_id: str = "",
    view_seconds: int | None = None,
) -> LessonProgress:
    """Record how far a learner got in a lesson.

    ``progress`` only ever rises, ``reached_end`` only ever turns on, and the seconds of one view
    (``view_id``) are its running total, so repeating a call changes nothing.
    """
    if progress is not None and not (0.0 <= progress <= 1.0):
        raise LearningError(_("Voortgang moet tussen 0 en 1 liggen."), field="progress")
    if view_seconds is not None and not (0 <= view_seconds <= MAX_SECONDS_PER_VIEW):
        raise LearningError(_("Ongeldige tijdsduur."), field="seconds")
    if len(view_id) > 40:
        raise LearningError(_("Ongeldige weergave."), field="view")
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    now = timezone.now()
    _pre_test_gate(user=user, lesson=lesson, enrolment=enrolment)
    row = _locked(
        LessonProgress, user=user, lesson=lesson, defaults={"course_id": enrolment.course_id}
    )
    if progress is not None:
        row.progress = max(row.progress, progress)
    if reached_end:
        row.reached_end = True
        row.progress = 1.0
    if view_id and view_seconds is not None:
        views = [list(pair) for pair in row.recent_views]
        known = next((pair for pair in views if pair[0] == view_id), None)
        if known is not None:
            known[1] = max(known[1], view_seconds)
        else:
            views.append([view_id, view_seconds])
        while len(views) > RECENT_VIEWS:  # fold the oldest view into the closed total
            row.time_spent_closed += views.pop(0)[1]
        row.recent_views = views
    row.updated_at = now
    completed = _lesson_completion_update(row=row, lesson=lesson, now=now)
    row.save()
    if now - enrolment.last_activity_at >= ACTIVITY_RESOLUTION or completed:
        enrolment.last_activity_at = now
        enrolment.save(update_fields=["last_activity_at"])
    if completed or (reached_end and row.is_complete):
        # Also when the lesson was already complete: an editor may have unpublished the last
        # open lesson, and the course must still be able to complete.
        course_completion_update(enrolment=enrolment, now=now)
    return row


@transaction.atomic
def question_answer(
    *, user, lesson: LessonPage, question_id: str, selected: list[str]
) -> QuestionResponse:
    """Store a learner's answer to a lesson's quiz question; a wrong answer counts as answered."""
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    _pre_test_gate(user=user, lesson=lesson, enrolment=enrolment)
    block = _question_block(lesson.body, question_id)
    if block is None:
        raise LearningError(_("Deze vraag bestaat niet (meer) in deze les."), field="question")
    result = _selection_check(question=block, selected=selected, field="options")
    now = timezone.now()
    answer = {"schema_version": ANSWER_SCHEMA_VERSION, "selected": result.selected}
    response = _locked(
        QuestionResponse,
        user=user,
        lesson=lesson,
        question_id=question_id,
        defaults={
            "answer": answer,
            "first_answer": answer,
            "is_correct": result.correct,
            "first_is_correct": result.correct,
            "first_answered_at": now,
            "answered_at": now,
        },
    )
    if response.answer != answer:
        response.answer = answer
        response.is_correct = result.correct
        response.attempts += 1
        response.answered_at = now
        response.save()
    row = LessonProgress.objects.select_for_update().filter(user=user, lesson=lesson).first()
    if row is not None and _lesson_completion_update(row=row, lesson=lesson, now=now):
        row.save(update_fields=["first_completed_at"])
        course_completion_update(enrolment=enrolment, now=now)
    return response


@transaction.atomic
def dilemma_choice_record(
    *, user, lesson: LessonPage, dilemma_id: str, step_id: str, choice_id: str
) -> DilemmaResponse:
    """Remember the choice made at one step of a case dilemma (the latest choice counts)."""
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    _pre_test_gate(user=user, lesson=lesson, enrolment=enrolment)
    dilemma = next(
        (b for b in lesson.body if b.block_type == "case_dilemma" and b.id == dilemma_id), None
    )
    if dilemma is None:
        raise LearningError(_("Deze casus bestaat niet (meer) in deze les."), field="dilemma")
    step = next((s for s in dilemma.value["steps"].bound_blocks if s.id == step_id), None)
    if step is None:
        raise LearningError(_("Deze stap bestaat niet in de casus."), field="step")
    if choice_id not in {c.id for c in step.value["choices"].bound_blocks}:
        raise LearningError(_("Kies een van de mogelijkheden."), field="choice")
    response = _locked(
        DilemmaResponse,
        user=user,
        lesson=lesson,
        dilemma_id=dilemma_id,
        step_id=step_id,
        defaults={"choice_id": choice_id},
    )
    if response.choice_id != choice_id:
        response.choice_id = choice_id
        response.answered_at = timezone.now()
        response.save(update_fields=["choice_id", "answered_at"])
    return response


@transaction.atomic
def reflection_note_save(*, user, lesson: LessonPage, prompt_id: str, text: str) -> ReflectionNote:
    """Save a private reflection note; the text is sanitised like every user-written text."""
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    _pre_test_gate(user=user, lesson=lesson, enrolment=enrolment)
    if not any(b.block_type == "reflection_prompt" and b.id == prompt_id for b in lesson.body):
        raise LearningError(_("Deze reflectievraag bestaat niet (meer)."), field="prompt")
    if len(text) > REFLECTION_MAX_LENGTH:
        raise LearningError(
            _("Uw notitie is te lang (maximaal %(max)d tekens).") % {"max": REFLECTION_MAX_LENGTH},
            field="text",
        )
    if "\x00" in text:
        raise LearningError(_("Uw notitie bevat een ongeldig teken."), field="text")
    clean = sanitize_html(text.strip())
    note = _locked(
        ReflectionNote, user=user, lesson=lesson, prompt_id=prompt_id, defaults={"text": clean}
    )
    note.text = clean
    note.updated_at = timezone.now()
    note.save(update_fields=["text", "updated_at"])
    return note


def _test_questions(*, course: CoursePage, kind: str):
    return course.pre_test_questions if kind == TestAttempt.PRE else course.final_test


@transaction.atomic
def assessment_submit(
    *, user, course: CoursePage, kind: str, token: str, answers: dict[str, list[str]]
) -> TestAttempt:
    """Score a pre-test or final test. The same form (``token``) submitted twice counts once.

    A pre-test is taken once, before the first lesson; the final test opens when every lesson is
    done and may be retaken until it is passed.
    """
    if kind not in (TestAttempt.PRE, TestAttempt.FINAL):
        raise LearningError(_("Onbekende toets."), field="kind")
    try:
        token_uuid = uuid.UUID(str(token))
    except ValueError:
        raise LearningError(
            _("Het formulier is verlopen; laad de pagina opnieuw."), field="token"
        ) from None
    questions = _test_questions(course=course, kind=kind)
    if not questions:
        raise LearningError(_("Deze cursus heeft geen toets van deze soort."), field="kind")
    enrolment = _enrolment_for(user=user, course=course)
    existing = TestAttempt.objects.filter(user=user, token=token_uuid).first()
    if existing is not None:
        return existing
    if kind == TestAttempt.PRE:
        earlier = TestAttempt.objects.filter(user=user, course=course, kind=TestAttempt.PRE).first()
        if earlier is not None:
            return earlier
        if (
            LessonProgress.objects.filter(user=user, course=course, progress__gt=0).exists()
            or TestAttempt.objects.filter(user=user, course=course).exists()
        ):
            raise LearningError(
                _("De voortoets meet wat u wist vóór de cursus; u bent al begonnen."), field="kind"
            )
    elif not final_test_is_open(user=user, course=course):
        raise LearningError(_("Rond eerst alle lessen af."), field="kind")

    errors: dict[str, str] = {}
    scored: dict[str, dict] = {}
    correct_count = 0
    for block in questions:
        try:
            result = _selection_check(
                question=block, selected=answers.get(block.id, []), field=block.id
            )
        except LearningError as error:
            errors[block.id] = error.message
            continue
        scored[block.id] = {"selected": result.selected, "correct": result.correct}
        correct_count += int(result.correct)
    if errors:
        error = LearningError(_("Beantwoord alle vragen."), field="answers")
        error.errors = errors
        raise error
    question_count = len(questions)
    score = correct_count / question_count
    passed = kind == TestAttempt.FINAL and score * 100 >= course.pass_mark - 1e-9
    try:
        with transaction.atomic():
            attempt = TestAttempt.objects.create(
                user=user,
                course=course,
                kind=kind,
                token=token_uuid,
                answers={"schema_version": ANSWER_SCHEMA_VERSION, "questions": scored},
                correct_count=correct_count,
                question_count=question_count,
                score=score,
                passed=passed,
            )
    except IntegrityError:
        # The same form, or a second pre-test, won a race with this one: that attempt counts.
        return (
            TestAttempt.objects.filter(user=user, course=course, kind=kind)
            .filter(**({"token": token_uuid} if kind == TestAttempt.FINAL else {}))
            .get()
        )
    if passed and not course_completion_update(enrolment=enrolment):
        # Already complete: passing the final test again is what renews a certificate (of this
        # course, or of a course this one refreshes). The first completion stays as it was.
        certificate_renewals_apply(user=user, completed=course, passed_final_test=True)
    return attempt


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate_day)
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has 28 days


def certificate_code_new() -> str:
    """160 random bits, URL-safe: a code nobody can guess or enumerate."""
    return secrets.token_urlsafe(20)


@transaction.atomic
def certificate_issue(*, user, course: CoursePage, holder_name: str) -> Certificate:
    """Issue the certificate for a completed course; asking again returns the valid one."""
    holder_name = " ".join(holder_name.split())
    if "\x00" in holder_name:
        raise LearningError(_("De naam bevat een ongeldig teken."), field="name")
    if not holder_name:
        raise LearningError(_("Vul de naam in die op het certificaat moet staan."), field="name")
    if len(holder_name) > 150:
        raise LearningError(_("Deze naam is te lang (maximaal 150 tekens)."), field="name")
    enrolment = _enrolment_for(user=user, course=course)
    if enrolment.completed_at is None:
        raise LearningError(_("U hebt deze cursus nog niet afgerond."), field="course")
    current = Certificate.objects.filter(
        user=user, course=course, revoked_at__isnull=True, replaced_at__isnull=True
    )
    existing = current.first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _certificate_create(
                user_id=user.pk,
                course=course,
                holder_name=holder_name,
                completed_on=timezone.localdate(enrolment.completed_at),
                basis=Certificate.BASIS_COURSE,
            )
    except IntegrityError:
        return current.get()


def _certificate_create(
    *, user_id: int, course: CoursePage, holder_name: str, completed_on: date, basis: str
) -> Certificate:
    """A new certificate with the course's texts of today and a validity from ``completed_on``."""
    expires_on = (
        _add_months(completed_on, course.certificate_validity_months)
        if course.certificate_validity_months
        else None
    )
    return Certificate.objects.create(
        code=certificate_code_new(),
        user_id=user_id,
        course=course,
        holder_name=holder_name,
        course_title=course.certificate_heading,
        provider_name=course.provider.certificate_name,
        accreditation_points=course.accreditation_points,
        accreditation_register=course.accreditation_register,
        study_load_minutes=course.duration_minutes,
        completed_on=completed_on,
        expires_on=expires_on,
        basis=basis,
    )


@transaction.atomic
def certificate_renewals_apply(
    *, user, completed: CoursePage, passed_final_test: bool
) -> list[Certificate]:
    """Renew what ``completed`` renews for ``user``: called when a course is completed or its
    final test passed (again), inside that write's transaction.

    A certificate is renewed when it is current, its renewal is open (from 60 days before it
    expires, and after), and what just happened is the course's way of renewing: its own final
    test passed again, or its refresher course completed (or the refresher's final test passed
    again, for a later round). The old certificate is marked replaced first, so the constraint of
    one current certificate per course holds at every step; the new one keeps the holder's name.
    """

    today = timezone.localdate()
    renews = Q(course__refresher_course=completed, course__renewal=CoursePage.RENEWAL_REFRESHER)
    if passed_final_test:
        renews |= Q(course=completed, course__renewal=CoursePage.RENEWAL_FINAL_TEST)
    candidates = (
        Certificate.objects.select_for_update(of=("self",))
        .filter(renews, user=user, revoked_at__isnull=True, replaced_at__isnull=True)
        .exclude(expires_on__isnull=True)
        .select_related("course__provider")
        .order_by("pk")
    )
    renewed = []
    for old in candidates:
        if not certificate_renewal_is_open(certificate=old, today=today):
            continue
        basis = (
            Certificate.BASIS_FINAL_TEST
            if old.course_id == completed.pk
            else Certificate.BASIS_REFRESHER
        )
        now = timezone.now()
        old.replaced_at = now
        old.save(update_fields=["replaced_at"])
        new = _certificate_create(
            user_id=old.user_id,
            course=old.course,
            holder_name=old.holder_name,
            completed_on=today,
            basis=basis,
        )
        old.replaced_by = new
        old.save(update_fields=["replaced_by"])
        renewed.append(new)
    return renewed


@transaction.atomic
def certificate_reminders_set(*, user, opt_out: bool) -> None:
    """Turn reminders about expiring certificates off (a row) or on again (no row)."""
    from ..models import CertificateReminderOptOut

    if opt_out:
        CertificateReminderOptOut.objects.get_or_create(user=user)
    else:
        CertificateReminderOptOut.objects.filter(user=user).delete()


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str = "", forget_holder: bool = False):
    """Revoke a certificate; for an erased account the name is removed as well."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.revocation_reason = reason[:200]
    if forget_holder:
        certificate.holder_name = ""
        certificate.user = None
    certificate.save()
    return certificate


@transaction.atomic
def certificate_holder_erase(*, certificate: Certificate, keep: bool) -> Certificate:
    """What happens to a certificate when its holder deletes their account.

    ``keep``: the holder asked to keep it verifiable; it stays valid with only the name and the
    course, and no link to the account. Otherwise it ends: the name goes and the code answers
    "beëindigd" (never "ingetrokken", which would suggest the provider found a fault).
    """
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    certificate.user = None
    if not keep:
        certificate.holder_name = ""
        if certificate.revoked_at is None:
            certificate.revoked_at = timezone.now()
            certificate.revocation_reason = "account verwijderd"
            certificate.ended_by_holder = True
    certificate.save()
    return certificate
