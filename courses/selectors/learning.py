"""Reads for learners: the catalogue, a course's outline with progress, a lesson, the dashboard.

Each read runs a fixed number of queries however many lessons or enrolments there are: lessons
are fetched in one query per course set and progress rows in one query per learner.
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from functools import reduce
from operator import or_

import nh3
from django.db.models import Q
from django.utils import timezone

from core.restrictions import pages_public

from ..models import (
    Certificate,
    CertificateReminder,
    CertificateReminderOptOut,
    CourseIndexPage,
    CoursePage,
    DilemmaResponse,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuestionResponse,
    ReflectionNote,
    TestAttempt,
)
from .gain import LearningGain, learning_gain_of

EXPIRY_WARNING_DAYS = 60
RENEWAL_OPENS_DAYS = 60  # renewal opens this many days before a certificate expires

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETE = "complete"


@dataclass
class LessonEntry:
    lesson: LessonPage
    number: int
    state: str = NOT_STARTED
    progress: float = 0.0
    is_current: bool = False


@dataclass
class ModuleGroup:
    title: str
    lessons: list[LessonEntry] = field(default_factory=list)


@dataclass
class CourseOverview:
    course: CoursePage
    lessons: list[LessonEntry]
    enrolment: Enrolment | None = None
    pre_attempt: TestAttempt | None = None
    final_attempts: list[TestAttempt] = field(default_factory=list)
    certificate: Certificate | None = None

    @property
    def modules(self) -> list[ModuleGroup]:
        """Consecutive lessons with the same module title, in course order."""
        groups: list[ModuleGroup] = []
        for entry in self.lessons:
            title = entry.lesson.module_title
            if not groups or groups[-1].title != title:
                groups.append(ModuleGroup(title=title))
            groups[-1].lessons.append(entry)
        return groups

    @property
    def lesson_count(self) -> int:
        return len(self.lessons)

    @property
    def completed_count(self) -> int:
        return sum(1 for entry in self.lessons if entry.state == COMPLETE)

    @property
    def percent(self) -> int:
        if not self.lessons:
            return 0
        return round(100 * self.completed_count / self.lesson_count)

    @property
    def is_enrolled(self) -> bool:
        return self.enrolment is not None

    @property
    def is_complete(self) -> bool:
        return self.enrolment is not None and self.enrolment.completed_at is not None

    @property
    def needs_pre_test(self) -> bool:
        return self.is_enrolled and self.course.has_pre_test and self.pre_attempt is None

    @property
    def all_lessons_done(self) -> bool:
        return self.completed_count == self.lesson_count

    @property
    def final_passed(self) -> bool:
        return any(attempt.passed for attempt in self.final_attempts)

    @property
    def needs_final_test(self) -> bool:
        return (
            self.is_enrolled
            and self.course.has_final_test
            and self.all_lessons_done
            and not self.final_passed
        )

    @property
    def first_final(self) -> TestAttempt | None:
        return self.final_attempts[0] if self.final_attempts else None

    @property
    def best_final(self) -> TestAttempt | None:
        return max(self.final_attempts, key=lambda a: a.score, default=None)

    @property
    def learning_gain(self) -> LearningGain | None:
        """Pre-test against the final test that counts (see ``gain.py``)."""
        return learning_gain_of(pre=self.pre_attempt, finals=self.final_attempts)

    @property
    def next_lesson(self) -> LessonEntry | None:
        """Where "Verder waar u was" leads: the first lesson not yet complete."""
        return next((entry for entry in self.lessons if entry.state != COMPLETE), None)

    @property
    def resume_url(self) -> str | None:
        from django.urls import reverse

        if not self.is_enrolled or self.is_complete:
            return None
        if self.needs_pre_test:
            return reverse("courses:test", args=[self.course.pk, TestAttempt.PRE])
        if self.next_lesson is not None:
            return self.next_lesson.lesson.url
        if self.needs_final_test:
            return reverse("courses:test", args=[self.course.pk, TestAttempt.FINAL])
        return None


def _lessons_by_course(courses: list[CoursePage]) -> dict[int, list[LessonPage]]:
    """Live lessons of several courses in one query, in tree order."""
    if not courses:
        return {}
    by_path = {course.path: course.pk for course in courses}
    under_any = reduce(or_, (Q(path__startswith=path) for path in by_path))
    lessons = (
        LessonPage.objects.live()
        .filter(under_any, depth=courses[0].depth + 1)
        .only(
            "pk",
            "title",
            "slug",
            "url_path",
            "path",
            "depth",
            "module_title",
            "duration_minutes",
            "live",
            "locale_id",
        )
        .order_by("path")
    )
    result: dict[int, list[LessonPage]] = {course.pk: [] for course in courses}
    steplen = CoursePage.steplen
    for lesson in lessons:
        course_pk = by_path.get(lesson.path[:-steplen])
        if course_pk is not None:
            result[course_pk].append(lesson)
    return result


def _entries(lessons: list[LessonPage], progress: dict[int, LessonProgress]) -> list[LessonEntry]:
    entries = []
    for number, lesson in enumerate(lessons, start=1):
        row = progress.get(lesson.pk)
        entry = LessonEntry(lesson=lesson, number=number)
        if row is not None:
            entry.progress = row.progress
            entry.state = COMPLETE if row.is_complete else IN_PROGRESS
        entries.append(entry)
    return entries


def course_overview(*, course: CoursePage, user) -> CourseOverview:
    lessons = _lessons_by_course([course])[course.pk]
    overview = CourseOverview(course=course, lessons=_entries(lessons, {}))
    if not user.is_authenticated:
        return overview
    overview.enrolment = Enrolment.objects.filter(user=user, course=course).first()
    if overview.enrolment is None:
        return overview
    progress = {
        row.lesson_id: row for row in LessonProgress.objects.filter(user=user, course=course)
    }
    overview.lessons = _entries(lessons, progress)
    attempts = list(TestAttempt.objects.filter(user=user, course=course))
    overview.pre_attempt = next((a for a in attempts if a.kind == TestAttempt.PRE), None)
    overview.final_attempts = [a for a in attempts if a.kind == TestAttempt.FINAL]
    overview.certificate = Certificate.objects.filter(
        user=user, course=course, revoked_at__isnull=True, replaced_at__isnull=True
    ).first()
    return overview


def course_catalogue(*, index: CourseIndexPage, user) -> list[CourseOverview]:
    """Live courses under ``index`` with, for a signed-in learner, their own progress."""
    courses = list(
        pages_public(CoursePage.objects.live())
        .child_of(index)
        .select_related("provider")
        .prefetch_related("roles", "themes")
        .order_by("path")
    )
    lessons = _lessons_by_course(courses)
    overviews = {
        c.pk: CourseOverview(course=c, lessons=_entries(lessons[c.pk], {})) for c in courses
    }
    if user.is_authenticated and courses:
        _fill_progress(user=user, overviews=overviews, lessons=lessons)
    return list(overviews.values())


def _fill_progress(*, user, overviews: dict[int, CourseOverview], lessons) -> None:
    course_ids = list(overviews)
    enrolments = Enrolment.objects.filter(user=user, course_id__in=course_ids)
    progress = {
        row.lesson_id: row
        for row in LessonProgress.objects.filter(user=user, course_id__in=course_ids)
    }
    for enrolment in enrolments:
        overview = overviews[enrolment.course_id]
        enrolment.course = overview.course
        overview.enrolment = enrolment
        overview.lessons = _entries(lessons[enrolment.course_id], progress)
    for attempt in TestAttempt.objects.filter(user=user, course_id__in=course_ids):
        overview = overviews[attempt.course_id]
        if attempt.kind == TestAttempt.PRE:
            overview.pre_attempt = attempt
        else:
            overview.final_attempts.append(attempt)
    for certificate in Certificate.objects.filter(
        user=user, course_id__in=course_ids, revoked_at__isnull=True, replaced_at__isnull=True
    ):
        overviews[certificate.course_id].certificate = certificate


@dataclass
class NoteEntry:
    """A learner's own reflection note with the question it answers, for "Mijn leeromgeving"."""

    course_title: str
    lesson_title: str
    lesson_url: str
    prompt_id: str
    prompt: str
    text: str
    updated_at: object


@dataclass
class Dashboard:
    in_progress: list[CourseOverview]
    completed: list[CourseOverview]
    certificates: list[Certificate]
    expiring: list[Certificate]
    notes: list[NoteEntry] = field(default_factory=list)
    # certificate code -> where "Verlengen" leads, for current certificates whose renewal is open
    renew_urls: dict[str, str] = field(default_factory=dict)
    reminders_opt_out: bool = False


def certificate_renewal_is_open(*, certificate: Certificate, today=None) -> bool:
    """Renewal opens 60 days before the certificate expires and stays open after it expired;
    only for the current certificate, and only for one that expires at all."""
    if not certificate.is_current or certificate.expires_on is None:
        return False
    today = today or timezone.localdate()
    return certificate.expires_on - today <= timedelta(days=RENEWAL_OPENS_DAYS)


def reflection_notes_for(*, user) -> list[NoteEntry]:
    """The learner's own notes, newest first: two queries however many notes (lessons with
    their bodies, then the courses' titles). Nobody else's notes can be reached from here."""
    notes = list(ReflectionNote.objects.filter(user=user).order_by("-updated_at"))
    if not notes:
        return []
    lessons = {
        lesson.pk: lesson
        for lesson in LessonPage.objects.filter(pk__in={n.lesson_id for n in notes}).only(
            "pk", "title", "url_path", "path", "depth", "body", "locale_id"
        )
    }
    parents = {lesson.path[: -CoursePage.steplen] for lesson in lessons.values()}
    course_titles = dict(CoursePage.objects.filter(path__in=parents).values_list("path", "title"))
    entries = []
    for note in notes:
        lesson = lessons.get(note.lesson_id)
        if lesson is None:
            continue
        prompt = next(
            (
                b.value["prompt"]
                for b in lesson.body
                if b.block_type == "reflection_prompt" and b.id == note.prompt_id
            ),
            "",
        )
        entries.append(
            NoteEntry(
                course_title=course_titles.get(lesson.path[: -CoursePage.steplen], ""),
                lesson_title=lesson.title,
                lesson_url=lesson.url or "",
                prompt_id=note.prompt_id,
                prompt=prompt,
                text=html.unescape(nh3.clean(note.text, tags=set())),  # stored sanitised
                updated_at=note.updated_at,
            )
        )
    return entries


def learner_dashboard(*, user) -> Dashboard:
    """ "Mijn leeromgeving": the learner's own courses and certificates, nobody else's."""
    enrolled = list(
        CoursePage.objects.filter(enrolments__user=user)
        .select_related("provider")
        .order_by("-enrolments__last_activity_at")
    )
    lessons = _lessons_by_course(enrolled)
    overviews = {
        c.pk: CourseOverview(course=c, lessons=_entries(lessons[c.pk], {})) for c in enrolled
    }
    if enrolled:
        _fill_progress(user=user, overviews=overviews, lessons=lessons)
    certificates = list(
        Certificate.objects.filter(user=user)
        .select_related("course__refresher_course")
        .order_by("-issued_at", "-pk")
    )
    today = timezone.localdate()
    horizon = today + timedelta(days=EXPIRY_WARNING_DAYS)
    expiring = [
        c
        for c in certificates
        if c.status(today=today) in (Certificate.VALID, Certificate.EXPIRED)
        and c.expires_on is not None
        and c.expires_on <= horizon
    ]
    renew_urls = {}
    for certificate in certificates:
        if certificate.course is not None and certificate_renewal_is_open(
            certificate=certificate, today=today
        ):
            url = certificate.course.renewal_url
            if url:
                renew_urls[certificate.code] = url
    values = list(overviews.values())
    return Dashboard(
        in_progress=[o for o in values if not o.is_complete],
        completed=[o for o in values if o.is_complete],
        certificates=certificates,
        expiring=expiring,
        notes=reflection_notes_for(user=user),
        renew_urls=renew_urls,
        reminders_opt_out=CertificateReminderOptOut.objects.filter(user=user).exists(),
    )


@dataclass(frozen=True)
class ReminderDue:
    certificate: Certificate
    days_before: int


def certificate_reminder_threshold(*, days_left: int) -> int | None:
    """The most urgent reminder due ``days_left`` days before expiry: 7, 30 or 60, or none.

    Only the most urgent one: a certificate first seen 20 days before it expires (a new
    learner, a worker that was down) gets the 30-day reminder, not the 60-day one as well.
    """
    if days_left < 0:
        return None  # expired: the dashboard says so, no more mail
    due = [days for days in CertificateReminder.THRESHOLDS if days_left <= days]
    return min(due) if due else None


def certificate_reminders_due(*, today=None) -> list[ReminderDue]:
    """Current certificates expiring within 60 days whose holder did not opt out, each with the
    most urgent threshold that has no reminder row yet (nor a more urgent one)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=max(CertificateReminder.THRESHOLDS))
    certificates = (
        Certificate.objects.filter(
            user__isnull=False,
            user__is_active=True,
            revoked_at__isnull=True,
            replaced_at__isnull=True,
            expires_on__gte=today,
            expires_on__lte=horizon,
        )
        .exclude(user__certificate_reminder_opt_out__isnull=False)
        .select_related("user")
        .prefetch_related("reminders")
        .order_by("expires_on", "pk")
    )
    due = []
    for certificate in certificates:
        days = certificate_reminder_threshold(days_left=(certificate.expires_on - today).days)
        if days is None:
            continue
        if any(r.days_before <= days for r in certificate.reminders.all()):
            continue
        due.append(ReminderDue(certificate=certificate, days_before=days))
    return due


def certificate_reminder_sendable(*, reminder_id: int, today=None) -> CertificateReminder | None:
    """The reminder with its certificate and holder, if it should still go out at all: the
    certificate is still current and not expired, and the holder has not opted out since."""
    today = today or timezone.localdate()
    return (
        CertificateReminder.objects.filter(
            pk=reminder_id,
            certificate__user__isnull=False,
            certificate__user__is_active=True,
            certificate__revoked_at__isnull=True,
            certificate__replaced_at__isnull=True,
            certificate__expires_on__gte=today,
        )
        .exclude(certificate__user__certificate_reminder_opt_out__isnull=False)
        .select_related("certificate__user", "certificate__course")
        .first()
    )


def certificate_reminders_pending() -> list[CertificateReminder]:
    """Reminder rows not sent yet and not given up on: a failed send is retried next run."""
    return list(
        CertificateReminder.objects.filter(
            sent_at__isnull=True, attempts__lt=CertificateReminder.MAX_ATTEMPTS
        ).order_by("pk")
    )


def lesson_context(*, lesson: LessonPage, user) -> dict:
    """Everything the lesson template needs for one learner, in a fixed number of queries."""
    course = CoursePage.objects.select_related("provider").get(
        path=lesson.path[: -CoursePage.steplen]
    )
    overview = course_overview(course=course, user=user)
    entries = overview.lessons
    position = next((i for i, e in enumerate(entries) if e.lesson.pk == lesson.pk), None)
    if position is not None:
        entries[position].is_current = True
    previous_entry = entries[position - 1] if position else None
    next_entry = (
        entries[position + 1] if position is not None and position + 1 < len(entries) else None
    )
    responses, dilemmas, notes = {}, {}, {}
    if user.is_authenticated:
        responses = {
            r.question_id: r for r in QuestionResponse.objects.filter(user=user, lesson=lesson)
        }
        dilemmas = {
            d.step_id: d.choice_id for d in DilemmaResponse.objects.filter(user=user, lesson=lesson)
        }
        notes = {n.prompt_id: n for n in ReflectionNote.objects.filter(user=user, lesson=lesson)}
    progress_row = next((e for e in entries if e.lesson.pk == lesson.pk), None)
    return {
        "course": course,
        "overview": overview,
        "lesson_entry": progress_row,
        "previous_entry": previous_entry,
        "next_entry": next_entry,
        "responses": responses,
        "dilemma_choices": dilemmas,
        "reflection_notes": notes,
        "view_id": uuid.uuid4().hex,
    }


def answered_question_ids(*, user, lesson: LessonPage) -> set[str]:
    return set(
        QuestionResponse.objects.filter(user=user, lesson=lesson).values_list(
            "question_id", flat=True
        )
    )


def certificate_by_code(*, code: str) -> Certificate | None:
    if not code or len(code) > 64 or "\x00" in code:
        return None
    return Certificate.objects.filter(code=code).first()


def certificate_for_owner(*, code: str, user) -> Certificate | None:
    """A certificate of ``user`` only: another learner's code finds nothing."""
    if not user.is_authenticated or len(code) > 64 or "\x00" in code:
        return None
    return Certificate.objects.filter(code=code, user=user, revoked_at__isnull=True).first()


def lesson_progress_for(*, user, lesson_id: int) -> LessonProgress | None:
    return LessonProgress.objects.filter(user=user, lesson_id=lesson_id).first()


def course_related(*, course: CoursePage) -> dict[str, list]:
    """Live, public kennisbank pages the course points to."""
    from kennisbank.models import BestPracticePage, SignalGuidePage

    return {
        "guides": list(
            pages_public(SignalGuidePage.objects.live()).filter(courses=course).order_by("title")
        ),
        "practices": list(
            pages_public(BestPracticePage.objects.live()).filter(courses=course).order_by("title")
        ),
    }


def courses_for_kennisbank_page(*, page) -> list[CoursePage]:
    """Live courses that point to a guide or practice, for its "related courses" list."""
    return list(
        pages_public(CoursePage.objects.live())
        .filter(Q(related_guides=page.pk) | Q(related_practices=page.pk))
        .distinct()
        .order_by("title")
    )


def courses_exist() -> bool:
    return CoursePage.objects.exists()


OPEN, NOT_ENROLLED, PRE_TEST_FIRST = "open", "not-enrolled", "pre-test-first"


def pre_test_pending(*, user, course_id: int) -> bool:
    """The course measures before the first lesson and this learner has not taken it yet."""
    course = CoursePage.objects.only("pre_test_mode", "pre_test", "final_test").get(pk=course_id)
    if not course.has_pre_test:
        return False
    return not TestAttempt.objects.filter(
        user=user, course_id=course_id, kind=TestAttempt.PRE
    ).exists()


def lesson_pre_test_pending(*, user, lesson: LessonPage, course_id: int) -> bool:
    """The pre-test still stands between ``user`` and ``lesson``. A progress row for the lesson
    means the gate was passed (rows are only made past it), so the common case is one query."""
    if LessonProgress.objects.filter(user=user, lesson=lesson).exists():
        return False
    return pre_test_pending(user=user, course_id=course_id)


def lesson_gate(*, user, lesson: LessonPage) -> str:
    """Whether ``user`` may open ``lesson``: ``OPEN``, ``NOT_ENROLLED`` or ``PRE_TEST_FIRST``.

    A read: opening a lesson writes nothing (GET stays safe for prefetching and the back
    button). Progress is written by the progress API and by the lesson's own forms, which
    check the same gate again inside their transaction.
    """
    course_id = (
        Enrolment.objects.filter(user=user, course__path=lesson.path[: -CoursePage.steplen])
        .values_list("course_id", flat=True)
        .first()
    )
    if course_id is None:
        return NOT_ENROLLED
    pending = lesson_pre_test_pending(user=user, lesson=lesson, course_id=course_id)
    return PRE_TEST_FIRST if pending else OPEN


def course_of(lesson: LessonPage) -> CoursePage:
    """The course a lesson belongs to (its parent page, by tree path)."""
    return CoursePage.objects.get(path=lesson.path[: -CoursePage.steplen])


def final_test_is_open(*, user, course: CoursePage) -> bool:
    """The final test opens once every live lesson of the course is complete."""
    lesson_ids = set(LessonPage.objects.live().child_of(course).values_list("pk", flat=True))
    done = LessonProgress.objects.filter(
        user=user, lesson_id__in=lesson_ids, first_completed_at__isnull=False
    ).count()
    return done == len(lesson_ids)
