"""Reauthentication before sensitive actions, through real sign-ins (the login and TOTP forms):
a sign-in younger than ACCOUNT_REAUTHENTICATION_TIMEOUT counts, an older one is asked again.
The trainer exports are tested with the cohorts (tests/courses/test_cohorts.py)."""

from urllib.parse import urlencode

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import RequestFactory

from accounts.roles import TRAINERS
from accounts.sessions import session_login_reauthentication_mark
from tests.factories import UserFactory, authentication_age, sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "een-veilig-wachtwoord-123"
TOO_OLD = settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1
DOWNLOAD = "/account/mijn-gegevens/download/"


def _asked(response, next_url):
    assert response.status_code == 302
    assert response["Location"] == "/account/reauthenticate/?" + urlencode({"next": next_url})


def _reauthenticate(client, next_url):
    return client.post(
        "/account/reauthenticate/?" + urlencode({"next": next_url}), {"password": PASSWORD}
    )


@pytest.fixture
def trainer(db):
    return UserFactory(groups=[TRAINERS], totp=True)


def test_the_timeout_is_five_minutes():
    assert settings.ACCOUNT_REAUTHENTICATION_TIMEOUT == 300


class TestSignInCounts:
    def test_a_learner_downloads_right_after_signing_in_with_the_password(self, client, user):
        sign_in(client, user)
        assert client.get(DOWNLOAD).status_code == 200

    def test_and_is_asked_again_once_the_sign_in_is_too_old(self, client, user):
        sign_in(client, user)
        authentication_age(client, TOO_OLD)
        _asked(client.get(DOWNLOAD), DOWNLOAD)
        assert _reauthenticate(client, DOWNLOAD)["Location"] == DOWNLOAD
        assert client.get(DOWNLOAD).status_code == 200

    def test_a_confirmed_password_lasts_the_timeout_too(self, client, user):
        sign_in(client, user)
        authentication_age(client, TOO_OLD)
        _reauthenticate(client, DOWNLOAD)
        authentication_age(client, TOO_OLD)
        _asked(client.get(DOWNLOAD), DOWNLOAD)

    def test_password_and_code_are_both_flagged_after_a_two_step_sign_in(self, client, trainer):
        sign_in(client, trainer)
        records = client.session[AUTHENTICATION_METHODS_SESSION_KEY]
        assert [(r["method"], r.get("reauthenticated")) for r in records] == [
            ("password", True),
            ("mfa", True),
        ]

    def test_a_sign_in_missing_its_second_step_proves_nothing(self, client, trainer):
        # The password is typed, the authenticator code is not (yet): nothing is flagged.
        client.post("/account/login/", {"login": trainer.email, "password": PASSWORD})
        request = RequestFactory().get("/")
        request.session = client.session
        session_login_reauthentication_mark(request=request, user=trainer)
        records = request.session[AUTHENTICATION_METHODS_SESSION_KEY]
        assert [r["method"] for r in records] == ["password"]
        assert not any(r.get("reauthenticated") for r in records)

    def test_force_login_proves_nothing(self, client, user):
        client.force_login(user)
        _asked(client.get(DOWNLOAD), DOWNLOAD)


class TestEmailChanges:
    NEW = "nieuw-adres@voorbeeld.test"

    def _add(self, client):
        return client.post("/account/email/", {"email": self.NEW, "action_add": ""})

    def test_adding_an_address_right_after_signing_in(self, client, user):
        sign_in(client, user)
        assert self._add(client).status_code == 302
        assert EmailAddress.objects.filter(user=user, email=self.NEW).exists()

    def test_adding_an_address_later_asks_first_and_then_adds_it(self, client, user):
        sign_in(client, user)
        authentication_age(client, TOO_OLD)
        _asked(self._add(client), "/account/email/")
        assert not EmailAddress.objects.filter(email=self.NEW).exists()
        # allauth stashed the POST and replays it after the password.
        _reauthenticate(client, "/account/email/")
        assert EmailAddress.objects.filter(user=user, email=self.NEW).exists()

    @pytest.mark.parametrize("action", ["action_remove", "action_primary"])
    def test_removing_or_making_primary_later_asks_first(self, client, user, action):
        other = EmailAddress.objects.create(user=user, email=self.NEW, verified=True)
        sign_in(client, user)
        authentication_age(client, TOO_OLD)
        _asked(
            client.post("/account/email/", {"email": other.email, action: ""}), "/account/email/"
        )
        other.refresh_from_db()
        assert not other.primary


class TestMfaChanges:
    PATHS = ["/account/2fa/totp/deactivate/", "/account/2fa/recovery-codes/generate/"]

    @pytest.mark.parametrize("path", PATHS)
    def test_right_after_signing_in_the_page_opens(self, client, trainer, path):
        sign_in(client, trainer)
        assert client.get(path).status_code == 200

    @pytest.mark.parametrize("path", PATHS)
    def test_later_allauth_asks_first(self, client, trainer, path):
        sign_in(client, trainer)
        authentication_age(client, TOO_OLD)
        _asked(client.get(path), path)

    def test_activating_an_authenticator_later_needs_a_confirmation(self, client, user):
        sign_in(client, user)
        client.get("/account/2fa/totp/activate/")  # fresh sign-in: the page opens
        authentication_age(client, TOO_OLD)
        response = client.post("/account/2fa/totp/activate/", {"code": "000000"})
        _asked(response, "/account/2fa/totp/activate/")
        assert not Authenticator.objects.filter(user=user).exists()


class TestMethods:
    def test_password_and_authenticator_are_offered_an_email_code_is_not(self, client, trainer):
        sign_in(client, trainer)
        html = client.get("/account/reauthenticate/").content.decode()
        assert 'href="/account/2fa/reauthenticate/"' in html
        assert "/account/reauthenticate/code/" not in html
        response = client.post("/account/reauthenticate/code/", {"email": trainer.email})
        assert response.status_code == 403
