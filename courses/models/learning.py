"""What the platform records about a learner's learning, and nothing more.

The rules that must never break (one row per learner and item, progress within 0-1, a pre-test
taken once, one valid certificate per learner and course) are database constraints, so that a
double click or two workers racing cannot break them either.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ANSWER_SCHEMA_VERSION = 1


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("laatst actief"), default=timezone.now)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="enrolment_once_per_course"),
        ]


class LessonProgress(models.Model):
    """One row per learner and lesson, in the manner of Kolibri's content summary logs.

    Time spent is counted per page view: the browser sends the running total of its view with a
    view id, so a retried request cannot count the same seconds twice, nor can two open tabs.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="progress_rows"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="lesson_progress_rows"
    )
    progress = models.FloatField(_("voortgang"), default=0.0)
    reached_end = models.BooleanField(_("einde bereikt"), default=False)
    time_spent_closed = models.PositiveIntegerField(default=0)
    # [view id, running total] of the most recent page views, oldest first (a list: jsonb does
    # not keep key order): two open tabs each keep their own total, and a repeated report of a
    # view only ever raises its own number.
    recent_views = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    first_completed_at = models.DateTimeField(_("eerst afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("voortgang per les")
        verbose_name_plural = _("voortgang per les")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="lesson_progress_once"),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=1), name="lesson_progress_0_1"
            ),
        ]

    @property
    def time_spent_seconds(self) -> int:
        return self.time_spent_closed + sum(seconds for _view, seconds in self.recent_views)

    @property
    def is_complete(self) -> bool:
        return self.first_completed_at is not None


class QuestionResponse(models.Model):
    """A learner's answer to one quiz question in a lesson: the latest, plus how the first went.

    The first answer's correctness is kept apart because item analysis asks what learners knew,
    not what they found out after reading the feedback.
    """

    # Emptied when the learner erases their account: the answer stays in item analysis, unlinked.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="question_responses",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="question_responses"
    )
    question_id = models.CharField(max_length=40)
    answer = models.JSONField(_("antwoord"))
    first_answer = models.JSONField(_("eerste antwoord"), default=dict)
    is_correct = models.BooleanField(default=False)
    first_is_correct = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(default=1)
    first_answered_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("antwoord op een kennisvraag")
        verbose_name_plural = _("antwoorden op kennisvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "question_id"], name="question_response_once"
            ),
        ]


class DilemmaResponse(models.Model):
    """The choice a learner made at one step of a case dilemma (the latest one)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dilemma_responses"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="dilemma_responses"
    )
    dilemma_id = models.CharField(max_length=40)
    step_id = models.CharField(max_length=40)
    choice_id = models.CharField(max_length=40)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("keuze in een dilemma")
        verbose_name_plural = _("keuzes in dilemma's")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "dilemma_id", "step_id"], name="dilemma_response_once"
            ),
        ]


class ReflectionNote(models.Model):
    """A private note; only its author ever sees it (not trainers, not administrators' screens)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflection_notes"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="reflection_notes"
    )
    prompt_id = models.CharField(max_length=40)
    text = models.TextField(_("notitie"), max_length=5000)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reflectienotitie")
        verbose_name_plural = _("reflectienotities")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "prompt_id"], name="reflection_note_once"
            ),
        ]


class TestAttempt(models.Model):
    """One submitted pre-test or final test.

    The form carries a token made when it was shown; submitting the same form twice finds the
    same attempt instead of adding one.
    """

    __test__ = False  # a model, not a pytest test class

    PRE = "pre"
    FINAL = "final"
    KIND_CHOICES = [(PRE, _("Voortoets")), (FINAL, _("Eindtoets"))]

    # Emptied when the learner erases their account: the score stays in learning-gain figures.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="test_attempts"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="test_attempts"
    )
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    token = models.UUIDField()
    answers = models.JSONField(_("antwoorden"))
    correct_count = models.PositiveSmallIntegerField()
    question_count = models.PositiveSmallIntegerField()
    score = models.FloatField(_("score"))
    passed = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("toetspoging")
        verbose_name_plural = _("toetspogingen")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="test_attempt_token_once"),
            models.UniqueConstraint(
                fields=["user", "course"], condition=Q(kind="pre"), name="pre_test_once"
            ),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="score_0_1"),
            models.CheckConstraint(
                condition=Q(correct_count__lte=models.F("question_count")),
                name="correct_within_count",
            ),
        ]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


class Certificate(models.Model):
    """A certificate as issued: its texts are copied, so later edits to the course change nothing.

    When the learner deletes their account they choose: keep the certificate verifiable (it
    stays valid with only the name and the course, no link to an account), or end it (the name
    goes; the code keeps answering, as ended, so nobody can reuse it).
    """

    code = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
    )
    holder_name = models.CharField(_("naam"), max_length=150, blank=True)
    course_title = models.CharField(_("cursus"), max_length=255)
    provider_name = models.CharField(_("aanbieder"), max_length=200)
    accreditation_points = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True
    )
    accreditation_register = models.CharField(max_length=100, blank=True)
    # The course's estimated duration when issued: registers ask for the study load.
    study_load_minutes = models.PositiveIntegerField(
        _("studielast (minuten)"), null=True, blank=True
    )
    completed_on = models.DateField(_("afgerond op"))
    issued_at = models.DateTimeField(default=timezone.now)
    expires_on = models.DateField(_("geldig tot"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revocation_reason = models.CharField(max_length=200, blank=True)
    # Ended because the holder's account was deleted (their choice, or the account's removal),
    # not revoked by the provider: the verification page says so and suggests no fault.
    ended_by_holder = models.BooleanField(
        _("beëindigd met het account van de houder"), default=False
    )

    # How this certificate was earned. The rows of one learner and course, oldest first, are the
    # completion history: the first completion, then each renewal, each with its own date. The
    # enrolment keeps the first completion time; a renewal adds a row and overwrites nothing.
    BASIS_COURSE = "course"
    BASIS_FINAL_TEST = "final_test"
    BASIS_REFRESHER = "refresher"
    BASIS_CHOICES = [
        (BASIS_COURSE, _("cursus afgerond")),
        (BASIS_FINAL_TEST, _("verlengd: eindtoets opnieuw gehaald")),
        (BASIS_REFRESHER, _("verlengd: opfriscursus afgerond")),
    ]
    basis = models.CharField(
        _("behaald door"), max_length=12, choices=BASIS_CHOICES, default=BASIS_COURSE
    )
    # Set when a renewal issues the next certificate. ``replaced_at`` is what the constraint
    # reads (it is set before the new row exists); ``replaced_by`` then points to the new row.
    replaced_at = models.DateTimeField(_("vervangen op"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("vervangen door"),
    )

    class Meta:
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")
        constraints = [
            # At most one current certificate (not revoked, not ended, not replaced) per learner
            # and course: two racing renewals cannot leave two valid certificates behind.
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(revoked_at__isnull=True, replaced_at__isnull=True),
                name="one_current_certificate_per_course",
            ),
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True) | Q(replaced_at__isnull=False),
                name="certificate_replaced_by_needs_time",
            ),
        ]

    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    ENDED = "ended"  # with the holder's account; not a revocation
    REPLACED = "replaced"  # renewed: a newer certificate took its place

    @property
    def is_current(self) -> bool:
        return self.revoked_at is None and self.replaced_at is None

    def status(self, *, today=None) -> str:
        if self.revoked_at is not None:
            return self.ENDED if self.ended_by_holder else self.REVOKED
        if self.replaced_at is not None:
            return self.REPLACED
        today = today or timezone.localdate()
        if self.expires_on is not None and self.expires_on < today:
            return self.EXPIRED
        return self.VALID


REMINDER_THRESHOLDS = (60, 30, 7)  # days before a certificate expires


class CertificateReminder(models.Model):
    """A reminder that a certificate expires in ``days_before`` days: one row per threshold.

    The row is made before the mail goes out and the unique constraint refuses a second one, so
    a task that runs twice (or two workers at once) sends each reminder once. ``sent_at`` stays
    empty until the mail server accepted the message; a failed send is counted in ``attempts``
    and retried by the next run, up to ``MAX_ATTEMPTS``.
    """

    THRESHOLDS = REMINDER_THRESHOLDS
    MAX_ATTEMPTS = 3

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField(
        _("dagen voor het verlopen"), choices=[(days, str(days)) for days in REMINDER_THRESHOLDS]
    )
    created_at = models.DateTimeField(default=timezone.now)
    # A worker claims the row for the time of one send, so a second worker skips it.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("herinnering verlopen certificaat")
        verbose_name_plural = _("herinneringen verlopen certificaat")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"], name="certificate_reminder_once"
            ),
            models.CheckConstraint(
                condition=Q(days_before__in=REMINDER_THRESHOLDS),
                name="certificate_reminder_threshold",
            ),
        ]


class CertificateReminderOptOut(models.Model):
    """The learner asked for no reminders about expiring certificates (the row is the choice)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificate_reminder_opt_out",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("geen herinneringen over certificaten")
        verbose_name_plural = _("geen herinneringen over certificaten")
