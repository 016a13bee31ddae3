"""Background tasks of the courses app (django-tasks: immediate in development, a worker in
production), so a trainer's click never waits for the mail server."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
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
