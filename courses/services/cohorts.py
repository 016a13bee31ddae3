"""Writes for cohorts: a trainer creates one, learners join with consent and leave, reminders.

Only trainers (the Trainers group) and administrators create cohorts; a trainer only ever acts
on cohorts they lead. Joining needs explicit consent, recorded with its time.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Cohort, CohortMembership, CoursePage
from ..selectors.cohorts import user_is_trainer
from .learning import LearningError

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and typed
REMINDER_INTERVAL = timedelta(hours=24)
NAME_MAX = 120


class CohortError(LearningError):
    pass


class ReminderTooSoon(CohortError):
    pass


def _join_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


@transaction.atomic
def cohort_create(
    *,
    trainer,
    name: str,
    organisation: str = "",
    courses: list[CoursePage],
    start_date: date,
    end_date: date,
    inactive_after_days: int = 14,
) -> Cohort:
    if not user_is_trainer(user=trainer):
        raise CohortError(_("Alleen trainers kunnen een groep aanmaken."), field="trainer")
    name = " ".join(name.split())
    if not name:
        raise CohortError(_("Geef de groep een naam."), field="name")
    if len(name) > NAME_MAX:
        raise CohortError(_("Deze naam is te lang (maximaal 120 tekens)."), field="name")
    if not courses:
        raise CohortError(_("Kies ten minste één cursus."), field="courses")
    if end_date < start_date:
        raise CohortError(_("De einddatum ligt voor de startdatum."), field="end_date")
    if not 1 <= inactive_after_days <= 365:
        raise CohortError(_("Kies een aantal dagen tussen 1 en 365."), field="inactive_after_days")
    for _attempt in range(5):
        try:
            with transaction.atomic():
                cohort = Cohort.objects.create(
                    name=name,
                    organisation=" ".join(organisation.split())[:160],
                    trainer=trainer,
                    start_date=start_date,
                    end_date=end_date,
                    inactive_after_days=inactive_after_days,
                    join_code=_join_code(),
                    invite_token=secrets.token_urlsafe(24),
                )
            break
        except IntegrityError:
            continue  # a code collision: draw again
    else:  # pragma: no cover - 32^8 codes make five collisions in a row practically impossible
        raise CohortError(_("Er ging iets mis bij het maken van een code. Probeer het opnieuw."))
    cohort.courses.set(courses)
    return cohort


@transaction.atomic
def cohort_join(*, user, cohort: Cohort, consent: bool) -> CohortMembership:
    """Join after consenting; joining twice keeps the first membership."""
    if not consent:
        raise CohortError(
            _("Geef toestemming om deel te nemen, of kies Niet deelnemen."), field="consent"
        )
    if cohort.end_date < timezone.localdate():
        raise CohortError(_("Deze groep is afgelopen."), field="cohort")
    try:
        with transaction.atomic():
            membership, _created = CohortMembership.objects.get_or_create(
                cohort=cohort, user=user, defaults={"consented_at": timezone.now()}
            )
    except IntegrityError:
        membership = CohortMembership.objects.get(cohort=cohort, user=user)
    return membership


@transaction.atomic
def cohort_leave(*, user, cohort: Cohort) -> bool:
    """Leave a cohort: the membership is deleted, so the trainer no longer sees this learner."""
    deleted, _details = CohortMembership.objects.filter(cohort=cohort, user=user).delete()
    return bool(deleted)


@transaction.atomic
def membership_reminders_set(*, user, cohort: Cohort, opt_out: bool) -> None:
    CohortMembership.objects.filter(cohort=cohort, user=user).update(reminders_opt_out=opt_out)


@transaction.atomic
def cohort_reminders_send(*, trainer, cohort: Cohort, course: CoursePage) -> int:
    """Queue a reminder to the learners inactive in ``course`` (the dashboard's list) who did not
    opt out; once a day per cohort."""
    from ..selectors.cohorts import cohort_inactive_user_ids
    from ..tasks import cohort_reminders_deliver

    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk, trainer=trainer)
    now = timezone.now()
    if cohort.last_reminder_at and now - cohort.last_reminder_at < REMINDER_INTERVAL:
        raise ReminderTooSoon(
            _("U hebt deze groep in de afgelopen 24 uur al een herinnering gestuurd.")
        )
    user_ids = cohort_inactive_user_ids(cohort=cohort, course=course, reminders=True)
    cohort.last_reminder_at = now
    cohort.save(update_fields=["last_reminder_at"])
    if user_ids:
        transaction.on_commit(
            lambda: cohort_reminders_deliver.enqueue(cohort_id=cohort.pk, user_ids=user_ids)
        )
    return len(user_ids)
