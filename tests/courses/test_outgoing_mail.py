"""The text of every e-mail the platform sends: the public address, the platform's name, Dutch.

Requests reach the app as http://127.0.0.1:8302/ here, as they do behind a proxy that does not
pass the Host on or from the development server: no mail may carry that address.
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from home.services import site_addresses_apply
from tests.dutch_text import DEVELOPMENT_ADDRESSES, english_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = "https://weerbaar.example"
HOST = {"HTTP_HOST": "127.0.0.1:8302"}


@pytest.fixture(autouse=True)
def public_address(settings, homepage):
    settings.WEERBAAR_BASE_URL = PUBLIC
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    settings.WEERBAAR_SITE_NAME = "Weerbaar"
    settings.ALLOWED_HOSTS = ["*"]
    site_addresses_apply()
    mail.outbox.clear()


def text_of(message) -> str:
    parts = [message.subject, message.body]
    parts += [content for content, _mime in getattr(message, "alternatives", [])]
    return "\n".join(str(part) for part in parts)


def assert_public_dutch(message, *, links: bool = True) -> str:
    text = text_of(message)
    for address in DEVELOPMENT_ADDRESSES:
        assert address not in text, f"{address!r} in {message.subject!r}:\n{text}"
    assert not english_in(text), f"English {english_in(text)} in {message.subject!r}:\n{text}"
    if links:
        assert PUBLIC + "/" in text, text
    assert "http://" not in text.replace(PUBLIC, ""), text
    return text


def only_mail():
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    return mail.outbox[0]


class TestAccountMails:
    def test_confirmation_after_signup(self, client):
        client.post(
            "/account/signup/",
            {
                "email": "nieuw@voorbeeld.test",
                "password1": "een-lang-wachtwoord-42",
                "password2": "een-lang-wachtwoord-42",
            },
            **HOST,
        )
        text = assert_public_dutch(only_mail())
        assert "Weerbaar" in text and "Hallo" in text
        assert PUBLIC + "/account/confirm-email/" in text

    def test_signup_with_a_known_address(self, client, user):
        client.post(
            "/account/signup/",
            {
                "email": user.email,
                "password1": "een-lang-wachtwoord-42",
                "password2": "een-lang-wachtwoord-42",
            },
            **HOST,
        )
        text = assert_public_dutch(only_mail())
        assert PUBLIC + "/account/password/reset/" in text

    def test_password_reset(self, client, user):
        client.post("/account/password/reset/", {"email": user.email}, **HOST)
        text = assert_public_dutch(only_mail())
        assert PUBLIC + "/account/password/reset/key/" in text

    def test_password_reset_for_an_unknown_address(self, client):
        client.post("/account/password/reset/", {"email": "niemand@voorbeeld.test"}, **HOST)
        text = assert_public_dutch(only_mail())
        assert PUBLIC + "/account/signup/" in text

    def test_retention_warning(self):
        from accounts.retention import retention_run

        old = UserFactory()
        old.last_login = timezone.now() - datetime.timedelta(days=3 * 365)
        old.date_joined = old.last_login
        old.save()
        retention_run()
        assert_public_dutch(only_mail())


class TestCourseMails:
    def test_cohort_reminder(self, course, django_capture_on_commit_callbacks):
        from accounts.roles import TRAINERS
        from courses.services import cohort_create, cohort_join, cohort_reminders_send

        trainer = UserFactory(groups=[TRAINERS], totp=True)
        today = timezone.localdate()
        cohort = cohort_create(
            trainer=trainer,
            name="Docenten Noord",
            organisation="Scholengroep Noord",
            courses=[course],
            start_date=today,
            end_date=today + datetime.timedelta(days=60),
            inactive_after_days=1,
        )
        cohort_join(user=UserFactory(), cohort=cohort, consent=True)
        with django_capture_on_commit_callbacks(execute=True):
            cohort_reminders_send(trainer=trainer, cohort=cohort, course=course)
        text = assert_public_dutch(only_mail())
        assert PUBLIC + "/mijn-leeromgeving/" in text

    def test_certificate_reminder(self, course):
        from courses.models import Certificate
        from courses.services import certificate_code_new
        from courses.tasks import certificate_reminders_deliver

        Certificate.objects.create(
            code=certificate_code_new(),
            user=UserFactory(),
            course=course,
            holder_name="Noor Jansen",
            course_title="Signaleren en handelen",
            provider_name="ROR",
            completed_on=timezone.localdate(),
            expires_on=timezone.localdate() + datetime.timedelta(days=30),
        )
        certificate_reminders_deliver.enqueue()
        text = assert_public_dutch(only_mail())
        assert PUBLIC + "/mijn-leeromgeving/" in text


class TestModerationMails:
    """Sharing a practice starts Wagtail's workflow: moderators get Wagtail's mail, the
    professional our own outcome mail."""

    @pytest.fixture
    def submitted(self, client, user, django_capture_on_commit_callbacks):
        from accounts.roles import MODERATORS
        from kennisbank.models import BestPracticePage
        from kennisbank.services import kennisbank_index_pages_ensure
        from tests.kennisbank.test_submissions import VALID

        kennisbank_index_pages_ensure()
        moderator = UserFactory(username="moderator", groups=[MODERATORS], totp=True)
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/deel-uw-praktijk/", VALID, **HOST)
        return moderator, BestPracticePage.objects.get()

    def test_moderators_are_told_in_dutch(self, submitted):
        moderator, page = submitted
        to_moderator = [m for m in mail.outbox if m.to == [moderator.email]]
        assert to_moderator, [(m.to, m.subject) for m in mail.outbox]
        for message in to_moderator:
            text = assert_public_dutch(message)
            assert PUBLIC + "/beheer/" in text

    def test_the_professional_hears_the_outcome(
        self, submitted, user, django_capture_on_commit_callbacks
    ):
        from wagtail.models import WorkflowState

        moderator, page = submitted
        mail.outbox.clear()
        state = WorkflowState.objects.get(object_id=str(page.pk))
        task_state = state.current_task_state
        with django_capture_on_commit_callbacks(execute=True):
            task_state.task.specific.on_action(task_state, moderator, "approve")
        to_submitter = [m for m in mail.outbox if m.to == [user.email]]
        assert len(to_submitter) == 1, [(m.to, m.subject) for m in mail.outbox]
        text = assert_public_dutch(to_submitter[0])
        assert PUBLIC + page.url in text
        for message in mail.outbox:
            assert_public_dutch(message, links=False)

    def test_a_rejection(self, submitted, user, django_capture_on_commit_callbacks):
        from wagtail.models import WorkflowState

        moderator, page = submitted
        mail.outbox.clear()
        task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
        with django_capture_on_commit_callbacks(execute=True):
            task_state.task.specific.on_action(task_state, moderator, "reject")
        to_submitter = [m for m in mail.outbox if m.to == [user.email]]
        assert len(to_submitter) == 1
        text = assert_public_dutch(to_submitter[0])
        assert PUBLIC + "/mijn-inzendingen/" in text
