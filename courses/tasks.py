"""Background tasks of the courses app (django-tasks: immediate in development, a worker in
production), so a trainer's click never waits for the mail server."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
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
    sent = 0
    for membership in memberships:
        body = render_to_string(
            "courses/email/reminder.txt",
            {"cohort": cohort, "site_url": getattr(settings, "WAGTAILADMIN_BASE_URL", "")},
        )
        send_mail(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Herinnering: {cohort.name}",
            message=body,
            from_email=None,
            recipient_list=[membership.user.email],
        )
        sent += 1
    logger.info("cohort reminders sent cohort=%s count=%s", cohort_id, sent)
    return sent
