"""Writes for the reminders that a certificate is about to expire (sent by ``tasks.py``).

The row comes first, the mail second: the unique constraint on (certificate, threshold) makes
the insert the decision to send, so a task that runs twice, or two workers at once, cannot send
the same reminder twice. A worker then claims the row with a conditional update for the time of
one send; a failed send releases the claim and counts an attempt, and the next run retries it.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from ..models import Certificate, CertificateReminder

# A claim older than this belongs to a worker that died mid-send: the row may be taken again.
CLAIM_TIMEOUT = timedelta(hours=1)


@transaction.atomic
def certificate_reminder_create(*, certificate: Certificate, days_before: int) -> bool:
    """Record that the ``days_before`` reminder is due; False when a row already exists."""
    try:
        with transaction.atomic():
            CertificateReminder.objects.create(certificate=certificate, days_before=days_before)
    except IntegrityError:
        return False  # another run decided first
    return True


@transaction.atomic
def certificate_reminder_claim(*, reminder_id: int, now=None) -> bool:
    """Take an unsent reminder for one send; only one worker's update finds it unclaimed."""
    now = now or timezone.now()
    claimed = (
        CertificateReminder.objects.filter(
            pk=reminder_id,
            sent_at__isnull=True,
            attempts__lt=CertificateReminder.MAX_ATTEMPTS,
        )
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
        .update(claimed_at=now)
    )
    return claimed == 1


@transaction.atomic
def certificate_reminder_record(*, reminder_id: int, sent: bool, give_up: bool = False) -> None:
    """After a send: sent, or failed (one attempt more, retried next run until MAX_ATTEMPTS).

    ``give_up``: nothing to send any more (the holder opted out, the certificate was renewed or
    ended since the row was made): the row stays as a record and is not tried again.
    """
    rows = CertificateReminder.objects.filter(pk=reminder_id)
    if sent:
        rows.update(sent_at=timezone.now(), claimed_at=None, attempts=F("attempts") + 1)
    elif give_up:
        rows.update(claimed_at=None, attempts=CertificateReminder.MAX_ATTEMPTS)
    else:
        rows.update(claimed_at=None, attempts=F("attempts") + 1)
