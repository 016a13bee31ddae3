"""Retention: warn accounts unused for 24 months 30 days ahead, then delete them, unless the
person signs in again in between."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from accounts.models import RetentionNotice
from accounts.retention import retention_run
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def aged(days: int, **kwargs):
    user = UserFactory(**kwargs)
    moment = timezone.now() - timedelta(days=days)
    get_user_model().objects.filter(pk=user.pk).update(last_login=moment, date_joined=moment)
    user.refresh_from_db()
    return user


def test_warns_then_deletes_an_inactive_account(mailoutbox):
    old = aged(720)  # about 23.7 months: inside the warning window
    recent = aged(100)
    admin = aged(900, is_superuser=True)
    report = retention_run()
    assert (report.warned, report.erased) == (1, 0)
    assert [mail.to for mail in mailoutbox] == [[old.email]]
    assert "30 dagen" in mailoutbox[0].body
    later = timezone.now() + timedelta(days=31)
    report = retention_run(now=later)
    assert report.erased == 1
    users = get_user_model().objects
    assert not users.filter(pk=old.pk).exists()
    assert users.filter(pk=recent.pk).exists() and users.filter(pk=admin.pk).exists()


def test_signing_in_after_the_warning_keeps_the_account(mailoutbox):
    user = aged(720)
    retention_run()
    get_user_model().objects.filter(pk=user.pk).update(last_login=timezone.now())
    report = retention_run(now=timezone.now() + timedelta(days=31))
    assert report.erased == 0 and report.kept == 1
    assert get_user_model().objects.filter(pk=user.pk).exists()
    assert not RetentionNotice.objects.exists()


def test_dry_run_changes_nothing(mailoutbox):
    aged(720)
    call_command("accounts_retention", "--dry-run")
    assert mailoutbox == [] and not RetentionNotice.objects.exists()


def test_old_audit_records_are_removed_after_the_retention_period(settings):
    from accounts.models import AuditEvent
    from accounts.services import audit_event_record

    settings.AUDIT_RETENTION_DAYS = 365
    old = audit_event_record(actor=None, action="login.failed", result="failure")
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    recent = audit_event_record(actor=None, action="login.failed", result="failure")
    report = retention_run()
    assert report.audit_deleted == 1
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]
