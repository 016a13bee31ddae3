"""Personal data of the courses app, for "Mijn gegevens" (export) and account deletion (erase).

On erasure, what is only about the person goes (enrolments, progress, dilemma choices, private
notes); quiz answers and test scores stay without a link to anyone, so a course's item analysis
and learning-gain figures do not change. Certificates go as the holder chooses on the delete
page: kept verifiable (name and course only, no link to the account), or ended (the name goes,
and the verification page says the certificate ended with the account: not a revocation).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts import privacy

from .models import (
    Certificate,
    CertificateReminder,
    CertificateReminderOptOut,
    Cohort,
    CohortMembership,
    DilemmaResponse,
    Enrolment,
    LessonProgress,
    QuestionResponse,
    ReflectionNote,
    TestAttempt,
)
from .services import certificate_holder_erase


def _titles(user) -> dict[int, str]:
    """Titles of every course and lesson the learner has a record of, in one query."""
    from wagtail.models import Page

    ids = set(Enrolment.objects.filter(user=user).values_list("course_id", flat=True))
    ids |= set(TestAttempt.objects.filter(user=user).values_list("course_id", flat=True))
    for model in (LessonProgress, QuestionResponse, DilemmaResponse, ReflectionNote):
        ids |= set(model.objects.filter(user=user).values_list("lesson_id", flat=True))
    return dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))


def _export(user) -> dict:
    title = _titles(user).get

    return {
        "enrolments": [
            {
                "course": title(e.course_id),
                "enrolled_at": e.enrolled_at.isoformat(),
                "completed_at": e.completed_at.isoformat() if e.completed_at else None,
                "last_activity_at": e.last_activity_at.isoformat(),
            }
            for e in Enrolment.objects.filter(user=user)
        ],
        "lesson_progress": [
            {
                "lesson": title(p.lesson_id),
                "progress": p.progress,
                "time_spent_seconds": p.time_spent_seconds,
                "completed_at": p.first_completed_at.isoformat() if p.first_completed_at else None,
            }
            for p in LessonProgress.objects.filter(user=user)
        ],
        "quiz_answers": [
            {
                "lesson": title(r.lesson_id),
                "question": r.question_id,
                "answer": r.answer,
                "correct": r.is_correct,
                "attempts": r.attempts,
                "answered_at": r.answered_at.isoformat(),
            }
            for r in QuestionResponse.objects.filter(user=user)
        ],
        "dilemma_choices": [
            {
                "lesson": title(d.lesson_id),
                "step": d.step_id,
                "choice": d.choice_id,
                "answered_at": d.answered_at.isoformat(),
            }
            for d in DilemmaResponse.objects.filter(user=user)
        ],
        "reflection_notes": [
            {"lesson": title(n.lesson_id), "text": n.text, "updated_at": n.updated_at.isoformat()}
            for n in ReflectionNote.objects.filter(user=user)
        ],
        "tests": [
            {
                "course": title(t.course_id),
                "kind": t.kind,
                "score_percent": t.percent,
                "passed": t.passed,
                "answers": t.answers,
                "submitted_at": t.submitted_at.isoformat(),
            }
            for t in TestAttempt.objects.filter(user=user)
        ],
        "certificates": [
            {
                "code": c.code,
                "name": c.holder_name,
                "course": c.course_title,
                "completed_on": c.completed_on.isoformat(),
                "expires_on": c.expires_on.isoformat() if c.expires_on else None,
                "status": c.status(),
                "basis": c.basis,
                "replaced_by": c.replaced_by.code if c.replaced_by else None,
            }
            for c in Certificate.objects.filter(user=user).select_related("replaced_by")
        ],
    }


CERTIFICATES_KEEP = "bewaren"
CERTIFICATES_END = "beeindigen"


def _erase(user, *, choice: str = CERTIFICATES_END) -> None:
    # Which reminders were mailed is about the person, not the certificate: gone first, while
    # the certificates still point at the account (whatever the providers' order).
    _reminders_erase(user)
    for certificate in Certificate.objects.filter(user=user):
        certificate_holder_erase(certificate=certificate, keep=choice == CERTIFICATES_KEEP)
    QuestionResponse.objects.filter(user=user).update(user=None)
    TestAttempt.objects.filter(user=user).update(user=None)
    for model in (ReflectionNote, DilemmaResponse, LessonProgress, Enrolment):
        model.objects.filter(user=user).delete()


privacy.register(
    privacy.PersonalDataProvider(
        name="courses.learning",
        description=_(
            "Uw cursussen: inschrijvingen, voortgang, antwoorden, keuzes in casussen, "
            "reflectienotities, toetsen en certificaten"
        ),
        models=(
            Enrolment,
            LessonProgress,
            QuestionResponse,
            DilemmaResponse,
            ReflectionNote,
            TestAttempt,
            Certificate,
        ),
        export=_export,
        erase=_erase,
        note=str(
            _(
                "Antwoorden en toetsscores blijven zonder naam bewaard voor groepscijfers. "
                "Certificaten blijven op verzoek van de houder controleerbaar met alleen naam en "
                "cursus, of worden beëindigd."
            )
        ),
        erase_choice=privacy.ErasureChoice(
            label=_("Wat gebeurt er met uw certificaten?"),
            explanation=_(
                "Werkgevers en registers controleren een certificaat met de QR-code of de "
                "controlepagina. Kies of dat na het verwijderen van uw account nog kan. "
                "Bewaart u ze, dan houden wij per certificaat alleen uw naam, de cursus, de "
                "datum en de geldigheid, zonder koppeling aan een account. Beëindigt u ze, dan "
                "wissen wij uw naam en meldt de controlepagina dat het certificaat is beëindigd "
                "omdat het account is opgeheven; dat is geen intrekking."
            ),
            choices=(
                (CERTIFICATES_KEEP, _("Bewaren: mijn certificaten blijven controleerbaar")),
                (CERTIFICATES_END, _("Beëindigen: mijn certificaten vervallen met mijn account")),
            ),
            # Nobody to ask (an administrator or the retention job removes the account): the
            # name is not kept without the holder's request.
            default=CERTIFICATES_END,
            applies=lambda user: Certificate.objects.filter(
                user=user, revoked_at__isnull=True
            ).exists(),
        ),
    )
)


def _reminders_export(user) -> dict:
    return {
        "certificate_reminders": [
            {
                "certificate": r.certificate.code,
                "days_before": r.days_before,
                "sent_at": r.sent_at.isoformat() if r.sent_at else None,
            }
            for r in CertificateReminder.objects.filter(certificate__user=user).select_related(
                "certificate"
            )
        ],
        "certificate_reminders_opt_out": CertificateReminderOptOut.objects.filter(
            user=user
        ).exists(),
    }


def _reminders_erase(user) -> None:
    """Which reminders went out is only about the person: a certificate kept verifiable after
    the account is deleted keeps no log of mail to its holder."""
    CertificateReminder.objects.filter(certificate__user=user).delete()
    CertificateReminderOptOut.objects.filter(user=user).delete()


privacy.register(
    privacy.PersonalDataProvider(
        name="courses.certificate_reminders",
        description=_("Herinneringen voordat uw certificaten verlopen, en of u die wilt"),
        models=(CertificateReminder, CertificateReminderOptOut),
        export=_reminders_export,
        erase=_reminders_erase,
    )
)


def _cohorts_export(user) -> dict:
    return {
        "memberships": [
            {
                "cohort": m.cohort.name,
                "joined_at": m.joined_at.isoformat(),
                "consented_at": m.consented_at.isoformat(),
                "reminders_opt_out": m.reminders_opt_out,
            }
            for m in CohortMembership.objects.filter(user=user).select_related("cohort")
        ],
        "cohorts_led": [
            {"name": c.name, "organisation": c.organisation, "start_date": c.start_date.isoformat()}
            for c in Cohort.objects.filter(trainer=user)
        ],
    }


def _cohorts_erase(user) -> None:
    """Memberships go; cohorts a trainer led stay for their learners, without the trainer."""
    CohortMembership.objects.filter(user=user).delete()
    Cohort.objects.filter(trainer=user).update(trainer=None)


privacy.register(
    privacy.PersonalDataProvider(
        name="courses.cohorts",
        description=_("Groepen waaraan u deelneemt of die u als trainer begeleidt"),
        models=(Cohort, CohortMembership),
        export=_cohorts_export,
        erase=_cohorts_erase,
    )
)
