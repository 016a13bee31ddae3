"""MFA for staff: set-up enforced before /beheer/ and /trainer/, TOTP codes not replayable,
password resets that never skip the second step, and MFA events in the audit trail."""

from unittest import mock
from urllib.parse import urlencode

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP
from django.conf import settings

from accounts.models import AuditEvent
from accounts.roles import EDITORS, MODERATORS, TRAINERS
from tests.factories import (
    UserFactory,
    authentication_age,
    password_reset_link,
    totp_activate,
    totp_code,
)

pytestmark = pytest.mark.django_db

PASSWORD = "een-veilig-wachtwoord-123"
SETUP_URL = "/account/2fa/totp/activate/"


def _login(client, user, password=PASSWORD):
    return client.post("/account/login/", {"login": user.email, "password": password})


def _reauthenticate(client, password=PASSWORD):
    """allauth asks for the password again before MFA changes once the sign-in is older than
    ACCOUNT_REAUTHENTICATION_TIMEOUT."""
    return client.post("/account/reauthenticate/", {"password": password})


@pytest.mark.parametrize("groups,superuser", [([EDITORS], False), ([MODERATORS], False),
                                              ([TRAINERS], False), ([], True)])  # fmt: skip
def test_staff_without_authenticator_are_sent_to_set_up(client, groups, superuser):
    staff = UserFactory(groups=groups, is_superuser=superuser)
    client.force_login(staff)
    for path in ("/beheer/", "/beheer/pages/", "/trainer/", "/trainer/cohorten/1/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == SETUP_URL + "?" + urlencode({"next": path})
    assert AuditEvent.objects.filter(
        action="mfa.required", actor_id=staff.pk, result="denied"
    ).exists()


def test_writes_by_staff_without_authenticator_are_refused_not_redirected(client):
    client.force_login(UserFactory(groups=[EDITORS]))
    assert client.post("/beheer/pages/").status_code == 403


def test_staff_without_authenticator_can_still_set_up_sign_out_and_read(client, homepage):
    _login(client, UserFactory(groups=[EDITORS]))
    authentication_age(client, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)
    assert client.get(SETUP_URL)["Location"].startswith("/account/reauthenticate/")
    assert client.get("/account/reauthenticate/").status_code == 200
    _reauthenticate(client)
    assert client.get(SETUP_URL).status_code == 200
    assert client.get("/account/2fa/").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/account/logout/").status_code == 200
    client.post("/account/logout/")
    assert "_auth_user_id" not in client.session


def test_protected_prefixes_are_a_setting(client, settings):
    settings.MFA_REQUIRED_PATH_PREFIXES = ["/beheer/", "/trainer/", "/rapportage/"]
    client.force_login(UserFactory(groups=[TRAINERS]))
    assert client.get("/rapportage/")["Location"] == SETUP_URL + "?next=%2Frapportage%2F"


def test_learners_are_not_asked_for_mfa(client):
    client.force_login(UserFactory())
    response = client.get("/beheer/")
    assert response.get("Location") != SETUP_URL


def test_staff_with_authenticator_reach_the_admin(client):
    client.force_login(UserFactory(groups=[EDITORS], totp=True))
    assert client.get("/beheer/").status_code == 200


def test_recovery_codes_alone_are_not_enough(client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    editor = UserFactory(groups=[EDITORS])
    RecoveryCodes.activate(editor)
    client.force_login(editor)
    assert client.get("/beheer/")["Location"] == SETUP_URL + "?next=%2Fbeheer%2F"


def test_editor_signs_in_sets_up_totp_and_reaches_the_admin(
    client, django_capture_on_commit_callbacks
):
    editor = UserFactory(groups=[EDITORS])
    assert _login(client, editor).status_code == 302
    assert client.get("/beheer/")["Location"] == SETUP_URL + "?next=%2Fbeheer%2F"
    # Just signed in with the password: the set-up page opens without asking it again.
    page = client.get(SETUP_URL)
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETUP_URL, {"code": totp_code(secret)})
    assert response.status_code == 302
    # TOTP comes with recovery codes, shown right after activation.
    assert response["Location"] == "/account/2fa/recovery-codes/"
    types = set(Authenticator.objects.filter(user=editor).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get("/beheer/").status_code == 200
    assert AuditEvent.objects.filter(action="mfa.added", actor_id=editor.pk).exists()


@pytest.mark.parametrize(
    "groups,wanted,fallback",
    [([TRAINERS], "/trainer/cohorten/7/?cursus=3", "/trainer/"), ([EDITORS], "/beheer/pages/", "/beheer/")],
)  # fmt: skip
def test_after_setting_up_the_recovery_codes_page_leads_on(
    client, groups, wanted, fallback, django_capture_on_commit_callbacks
):
    """Before, trainers and editors landed on the recovery codes with no link onward and the
    page they had asked for was lost."""
    staff = UserFactory(groups=groups)
    assert _login(client, staff).status_code == 302
    client.get(wanted)
    client.get(SETUP_URL + "?" + urlencode({"next": wanted}))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETUP_URL, {"code": totp_code(client.session[SECRET_SESSION_KEY])})
    html = client.get(response["Location"]).content.decode()
    assert "Ik heb de codes bewaard, ga verder" in html
    assert f'href="{wanted.replace("&", "&amp;")}"' in html
    # Used once: a later visit to the codes leads to the role's own start page.
    html = client.get("/account/2fa/recovery-codes/").content.decode()
    assert f'class="btn btn--primary" href="{fallback}"' in html


def test_login_with_totp_asks_for_the_code(client):
    user = UserFactory(totp=True)
    response = _login(client, user)
    assert response["Location"] == "/account/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    response = client.post("/account/2fa/authenticate/", {"code": totp_code(user.totp_secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_totp_code_cannot_be_replayed(client):
    user = UserFactory(totp=True)
    now = 1_800_000_000.0
    code = totp_code(user.totp_secret, at=now)
    # Freeze allauth's clock so the code stays inside its 30-second window for both attempts:
    # the second attempt fails because the code was used, not because it expired.
    with mock.patch("allauth.mfa.totp.internal.auth.time.time", return_value=now):
        _login(client, user)
        client.post("/account/2fa/authenticate/", {"code": code})
        assert client.session["_auth_user_id"] == str(user.pk)
        client.post("/account/logout/")

        _login(client, user)
        response = client.post("/account/2fa/authenticate/", {"code": code})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

        totp = TOTP(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP))
        assert not totp.validate_code(code)
    failure = AuditEvent.objects.get(action="mfa.failed", actor_id=user.pk)
    assert failure.result == "failure" and code not in failure.target_id


@pytest.mark.parametrize("login_on_reset", [False, True])
def test_password_reset_never_skips_the_second_step(client, settings, login_on_reset):
    settings.ACCOUNT_LOGIN_ON_PASSWORD_RESET = login_on_reset
    user = UserFactory(totp=True)
    _link, form_url = password_reset_link(client, user)
    new_password = "nieuw-en-lang-wachtwoord-77"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    # Whatever the reset did, nobody is signed in until the authenticator code is given.
    assert "_auth_user_id" not in client.session
    if login_on_reset:
        assert response["Location"] == "/account/2fa/authenticate/"
    response = _login(client, user, password=new_password)
    assert response["Location"] == "/account/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    client.post("/account/2fa/authenticate/", {"code": totp_code(user.totp_secret)})
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEvent.objects.filter(action="password.reset", actor_id=user.pk).exists()


def test_totp_helpers_match_allauth(db):
    user = UserFactory()
    secret = totp_activate(user)
    totp = TOTP(Authenticator.objects.get(user=user))
    assert totp.validate_code(totp_code(secret))
