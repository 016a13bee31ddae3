"""Reminders before a certificate expires: 60, 30 and 7 days, once each, opt-out respected.

The task runs as the worker runs it (``enqueue`` on the immediate backend of the test settings);
"twice" means two runs one after the other, and a claim test stands in for two at once.
"""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate, CertificateReminder, CertificateReminderOptOut
from courses.selectors import certificate_reminder_threshold
from courses.services import (
    certificate_code_new,
    certificate_reminder_claim,
    certificate_reminder_create,
    certificate_reminders_set,
)
from courses.tasks import certificate_reminders_deliver
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run():
    return certificate_reminders_deliver.enqueue().return_value


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://weerbaar.example"
    mail.outbox.clear()


def certificate_for(user, *, days: int, course=None, **fields) -> Certificate:
    return Certificate.objects.create(
        code=certificate_code_new(),
        user=user,
        course=course,
        holder_name="Noor Jansen",
        course_title="Signaleren en handelen",
        provider_name="ROR",
        completed_on=datetime.date(2025, 1, 1),
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
        **fields,
    )


def move(certificate, days):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=timezone.localdate() + datetime.timedelta(days=days)
    )


def sent_thresholds(certificate):
    return sorted(
        CertificateReminder.objects.filter(
            certificate=certificate, sent_at__isnull=False
        ).values_list("days_before", flat=True)
    )


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(61, None), (60, 60), (31, 60), (30, 30), (20, 30), (8, 30), (7, 7), (0, 7), (-1, None)],
)
def test_the_most_urgent_threshold_that_is_due(days_left, expected):
    assert certificate_reminder_threshold(days_left=days_left) == expected


class TestOnceEach:
    def test_each_threshold_is_mailed_once_as_the_date_comes_closer(self, learner):
        certificate = certificate_for(learner, days=60)
        assert run() == 1
        assert run() == 0, "the second run the same day sends nothing"
        move(certificate, 45)
        assert run() == 0
        move(certificate, 30)
        assert run() == 1
        move(certificate, 7)
        assert run() == 1
        assert run() == 0
        move(certificate, 2)
        assert run() == 0
        assert len(mail.outbox) == 3
        assert sent_thresholds(certificate) == [7, 30, 60]

    def test_found_late_only_the_most_urgent_is_sent(self, learner):
        certificate = certificate_for(learner, days=20)
        run()
        run()
        assert len(mail.outbox) == 1
        assert sent_thresholds(certificate) == [30], "not the 60-day one as well"

    def test_a_second_row_for_the_same_threshold_is_refused(self, learner):
        certificate = certificate_for(learner, days=20)
        assert certificate_reminder_create(certificate=certificate, days_before=30)
        assert not certificate_reminder_create(certificate=certificate, days_before=30)
        with pytest.raises(IntegrityError), transaction.atomic():
            CertificateReminder.objects.create(certificate=certificate, days_before=30)

    def test_only_the_three_thresholds(self, learner):
        certificate = certificate_for(learner, days=20)
        with pytest.raises(IntegrityError), transaction.atomic():
            CertificateReminder.objects.create(certificate=certificate, days_before=14)

    def test_a_claimed_reminder_is_not_taken_by_a_second_worker(self, learner):
        certificate = certificate_for(learner, days=20)
        certificate_reminder_create(certificate=certificate, days_before=30)
        reminder = CertificateReminder.objects.get()
        assert certificate_reminder_claim(reminder_id=reminder.pk)
        assert not certificate_reminder_claim(reminder_id=reminder.pk)
        assert run() == 0, "the worker that claimed it sends it, not this one"
        later = timezone.now() + datetime.timedelta(hours=2)
        assert certificate_reminder_claim(reminder_id=reminder.pk, now=later), (
            "a claim left by a worker that died is taken over after an hour"
        )

    def test_the_management_command_queues_the_task(self, learner):
        certificate_for(learner, days=7)
        call_command("certificate_reminders", stdout=mock.MagicMock())
        assert len(mail.outbox) == 1


class TestFailedMail:
    """A refused mail is recorded (one attempt more, not sent) and retried by the next run,
    three times in all; then the row stays as the record that it was given up on."""

    def test_a_failed_mail_is_retried_next_run(self, learner):
        certificate = certificate_for(learner, days=7)
        with mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError):
            assert run() == 0
        reminder = CertificateReminder.objects.get(certificate=certificate)
        assert reminder.sent_at is None and reminder.attempts == 1
        assert reminder.claimed_at is None, "released for the next run"
        assert run() == 1
        reminder.refresh_from_db()
        assert reminder.sent_at is not None
        assert len(mail.outbox) == 1

    def test_a_refused_address_never_reaches_the_log(self, learner, caplog):
        import smtplib

        certificate_for(learner, days=7)
        refused = smtplib.SMTPRecipientsRefused({learner.email: (550, b"no such user")})
        with mock.patch("django.core.mail.EmailMessage.send", side_effect=refused):
            assert run() == 0
        assert "SMTPRecipientsRefused" in caplog.text
        assert learner.email not in caplog.text and "Traceback" not in caplog.text

    def test_one_bad_address_does_not_stop_the_others(self, learner, other_learner):
        certificate_for(learner, days=7)
        certificate_for(other_learner, days=7)
        real_send = mail.EmailMessage.send

        def send(message, *args, **kwargs):
            if message.to == [learner.email]:
                raise ConnectionRefusedError
            return real_send(message, *args, **kwargs)

        with mock.patch("django.core.mail.EmailMessage.send", send):
            assert run() == 1
        assert [m.to for m in mail.outbox] == [[other_learner.email]]

    def test_given_up_after_three_attempts(self, learner):
        certificate = certificate_for(learner, days=7)
        with mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError):
            for _ in range(4):
                run()
        reminder = CertificateReminder.objects.get(certificate=certificate)
        assert reminder.attempts == CertificateReminder.MAX_ATTEMPTS
        assert run() == 0 and not mail.outbox


class TestWhoGetsOne:
    def test_opted_out_learners_get_none(self, learner):
        certificate_for(learner, days=7)
        certificate_reminders_set(user=learner, opt_out=True)
        assert run() == 0
        assert not CertificateReminder.objects.exists()
        certificate_reminders_set(user=learner, opt_out=False)
        assert run() == 1

    def test_opting_out_after_a_failed_send_stops_the_retry(self, learner):
        certificate_for(learner, days=7)
        with mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError):
            run()
        certificate_reminders_set(user=learner, opt_out=True)
        assert run() == 0 and not mail.outbox

    @pytest.mark.parametrize(
        "fields",
        [
            {"revoked_at": timezone.now()},
            {"replaced_at": timezone.now()},
            {"revoked_at": timezone.now(), "ended_by_holder": True},
        ],
    )
    def test_not_for_revoked_ended_or_replaced_certificates(self, learner, fields):
        certificate_for(learner, days=7, **fields)
        assert run() == 0

    def test_not_for_expired_or_unlinked_certificates(self, learner):
        certificate_for(learner, days=-1)
        certificate_for(None, days=7)
        assert run() == 0

    def test_not_for_certificates_that_never_expire(self, learner):
        certificate = certificate_for(learner, days=7)
        Certificate.objects.filter(pk=certificate.pk).update(expires_on=None)
        assert run() == 0


class TestTheMail:
    def test_dutch_formal_only_the_title_and_a_link(self, learner):
        certificate_for(learner, days=30)
        run()
        (message,) = mail.outbox
        text = message.subject + "\n" + message.body
        assert message.to == [learner.email]
        assert "Geachte deelnemer" in text and "Uw certificaat" in text
        assert "Signaleren en handelen" in text
        assert "radicalis" not in text.lower()
        assert "Noor Jansen" not in text, "the name is not needed in the mail"
        assert "https://weerbaar.example/mijn-leeromgeving/" in text
        assert " je " not in text and " jouw " not in text


class TestOptOutForm:
    def test_the_dashboard_form_turns_reminders_off_and_on(self, client, learner):
        client.force_login(learner)
        certificate_for(learner, days=100)
        html = client.get(reverse("courses:dashboard")).content.decode()
        assert "Geen herinneringen over certificaten" in html
        url = reverse("courses:certificate_reminders")
        response = client.post(url, {"herinneringen": "uit"})
        assert response.status_code == 302
        assert CertificateReminderOptOut.objects.filter(user=learner).exists()
        html = client.get(reverse("courses:dashboard")).content.decode()
        assert "Herinneringen over certificaten aanzetten" in html
        client.post(url, {"herinneringen": "aan"})
        assert not CertificateReminderOptOut.objects.filter(user=learner).exists()

    def test_get_is_refused_and_anonymous_is_sent_to_login(self, client, learner):
        url = reverse("courses:certificate_reminders")
        assert client.post(url, {"herinneringen": "uit"}).status_code == 302
        assert not CertificateReminderOptOut.objects.exists()
        client.force_login(learner)
        assert client.get(url).status_code == 405


class TestPrivacy:
    def test_export_and_erasure(self, learner):
        from accounts.services import account_erase, personal_data_export

        certificate = certificate_for(learner, days=7)
        run()
        certificate_reminders_set(user=learner, opt_out=True)
        exported = personal_data_export(user=learner)
        text = str(exported)
        assert "certificate_reminders" in text and certificate.code in text
        account_erase(user=learner, choices={"courses.learning": "bewaren"})
        assert not CertificateReminder.objects.exists(), "the mail log goes with the account"
        assert not CertificateReminderOptOut.objects.exists()
        assert Certificate.objects.get().holder_name == "Noor Jansen", "kept, as chosen"

    def test_no_user_linked_model_is_left_unregistered(self):
        from accounts import privacy

        assert privacy.unregistered_models() == []


@pytest.fixture
def other_learner(db):
    return UserFactory()
