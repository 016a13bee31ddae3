"""Background tasks of the courses app (django-tasks: immediate in development, a worker in
production), so a trainer's click never waits for the mail server."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def cohort_reminders_deliver(*, cohort_id: int, user_ids: list[int]) -> int:
    """Send the reminder to each learner who is still a member and has not opted out."""
    from .models import Cohort, CohortMembership

    cohort = Cohort.objects.filter(pk=cohort_id).first()
    if cohort is None:
        return 0
    memberships = CohortMembership.objects.filter(
        cohort=cohort, user_id__in=user_ids, reminders_opt_out=False
    ).select_related("user")
    # One text and one mail-server connection for the whole group.
    body = render_to_string(
        "courses/email/reminder.txt",
        {"cohort": cohort, "site_url": getattr(settings, "WAGTAILADMIN_BASE_URL", "")},
    )
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Herinnering: %(group)s") % {
        "group": cohort.name
    }
    sent = failed = 0
    with get_connection() as connection:
        for membership in memberships:
            message = EmailMessage(
                subject=subject, body=body, to=[membership.user.email], connection=connection
            )
            try:
                message.send()
                sent += 1
            except Exception:  # one bad address must not cost the others their reminder
                failed += 1
                logger.exception(
                    "cohort reminder failed cohort=%s membership=%s", cohort_id, membership.pk
                )
    logger.info("cohort reminders sent cohort=%s count=%s failed=%s", cohort_id, sent, failed)
    return sent


@task()
def certificate_reminders_deliver() -> int:
    """Remind holders 60, 30 and 7 days before their certificate expires; run daily.

    First every due reminder gets its row (the unique constraint refuses a second), then every
    unsent row is claimed, mailed and marked sent. Running twice sends nothing twice; a mail
    the server refused is tried again on the next run, at most three times in all.
    """
    from .selectors import (
        certificate_reminder_sendable,
        certificate_reminders_due,
        certificate_reminders_pending,
    )
    from .services import (
        certificate_reminder_claim,
        certificate_reminder_create,
        certificate_reminder_record,
    )

    today = timezone.localdate()
    for item in certificate_reminders_due(today=today):
        certificate_reminder_create(certificate=item.certificate, days_before=item.days_before)
    site_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    sent = failed = 0
    with get_connection() as connection, translation.override(settings.LANGUAGE_CODE):
        for pending in certificate_reminders_pending():
            if not certificate_reminder_claim(reminder_id=pending.pk):
                continue  # another worker has it
            reminder = certificate_reminder_sendable(reminder_id=pending.pk, today=today)
            if reminder is None:
                certificate_reminder_record(reminder_id=pending.pk, sent=False, give_up=True)
                continue
            certificate = reminder.certificate
            try:
                # Building the mail is inside the try too: one odd row must not stop the others.
                context = {
                    "certificate": certificate,
                    "renewable": bool(certificate.course and certificate.course.renewal),
                    "site_url": site_url,
                }
                # Only the title on the certificate (which never names radicalisation) and the
                # date: the mail may be read by others at work.
                subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _(
                    "Uw certificaat verloopt op %(date)s"
                ) % {"date": date_format(certificate.expires_on, "j F Y")}
                message = EmailMessage(
                    subject=subject,
                    body=render_to_string("courses/email/certificate_reminder.txt", context),
                    to=[certificate.user.email],
                    connection=connection,
                )
                message.send()
            except Exception as error:  # retried next run; one bad address must not stop others
                failed += 1
                certificate_reminder_record(reminder_id=reminder.pk, sent=False)
                # The error's type only: an SMTP refusal's text names the recipient's address.
                logger.warning(
                    "certificate reminder failed reminder=%s error=%s",
                    reminder.pk,
                    type(error).__name__,
                )
                continue
            certificate_reminder_record(reminder_id=reminder.pk, sent=True)
            sent += 1
    logger.info("certificate reminders sent=%s failed=%s", sent, failed)
    return sent
