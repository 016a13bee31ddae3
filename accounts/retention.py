"""Retention: accounts nobody used for ``ACCOUNT_RETENTION_MONTHS`` are deleted, after a warning.

A learner on a sensitive subject should not leave a trail for years by forgetting an account.
Thirty days before the deadline the account gets an e-mail; signing in within those days keeps
it. Administrators (superusers) are never deleted this way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import F
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone

from .models import AuditEvent, RetentionNotice
from .services import account_erase

logger = logging.getLogger("weerbaar.security")

WARNING_DAYS = 30


@dataclass
class RetentionReport:
    warned: int = 0
    erased: int = 0
    kept: int = 0
    audit_deleted: int = 0
    dry_run: bool = False

    def __str__(self) -> str:
        prefix = "proef (niets gedaan): " if self.dry_run else ""
        return (
            f"{prefix}{self.warned} gewaarschuwd, {self.erased} verwijderd, {self.kept} weer actief"
        )


def _last_active():
    return Coalesce("last_login", "date_joined")


def retention_run(*, now=None, dry_run: bool = False) -> RetentionReport:
    """Warn, then delete, inactive accounts; each account in its own transaction."""
    now = now or timezone.now()
    months = settings.ACCOUNT_RETENTION_MONTHS
    deadline = now - timedelta(days=round(months * 365.25 / 12))
    warn_before = deadline + timedelta(days=WARNING_DAYS)
    users = get_user_model().objects.filter(is_superuser=False).annotate(active=_last_active())
    report = RetentionReport(dry_run=dry_run)

    # Signed in again after the warning: the warning lapses.
    returned = RetentionNotice.objects.filter(user__last_login__gt=F("warned_at"))
    report.kept = returned.count()
    if not dry_run:
        returned.delete()

    for notice in RetentionNotice.objects.filter(
        warned_at__lte=now - timedelta(days=WARNING_DAYS)
    ).select_related("user"):
        user = notice.user
        if user.is_superuser or (user.last_login and user.last_login > notice.warned_at):
            continue
        report.erased += 1
        if not dry_run:
            account_erase(user=user)

    for user in users.filter(active__lt=warn_before, retention_notice__isnull=True):
        report.warned += 1
        if dry_run:
            continue
        send_mail(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Uw account wordt binnenkort verwijderd",
            message=render_to_string(
                "accounts/email/retention_warning.txt",
                {
                    "days": WARNING_DAYS,
                    "months": months,
                    "site_url": settings.WAGTAILADMIN_BASE_URL,
                },
            ),
            from_email=None,
            recipient_list=[user.email],
        )
        RetentionNotice.objects.create(user=user, warned_at=now)
    # The audit trail itself is personal data about who did what: it is kept for a fixed time.
    old_events = AuditEvent.objects.filter(
        created_at__lt=now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    )
    report.audit_deleted = old_events.count()
    if not dry_run:
        old_events.delete()
    logger.info(
        "action=retention.run result=success warned=%s erased=%s kept=%s",
        report.warned,
        report.erased,
        report.kept,
    )
    return report
