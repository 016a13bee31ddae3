"""Accounts through allauth: e-mail login, mandatory verification, rate limits, site styling."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import UserFactory, password_reset_link

pytestmark = pytest.mark.django_db


def test_login_page_uses_the_site_layout_in_dutch(client):
    html = client.get("/account/login/").content.decode()
    assert '<html lang="nl">' in html
    assert 'class="skip-link"' in html and 'class="site-footer"' in html
    assert "<h1>" in html and "Aanmelden" in html
    assert 'class="form"' in html and 'class="btn btn--primary"' in html


def test_signup_requires_email_verification(client):
    response = client.post(
        "/account/signup/",
        {
            "email": "nieuw@voorbeeld.test",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    user = get_user_model().objects.get(email="nieuw@voorbeeld.test")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1 and "nieuw@voorbeeld.test" in mail.outbox[0].to
    assert "_auth_user_id" not in client.session


def test_unverified_user_cannot_log_in(client):
    UserFactory(username="onbevestigd", verified=False)
    response = client.post(
        "/account/login/",
        {"login": "onbevestigd@voorbeeld.test", "password": "een-veilig-wachtwoord-123"},
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and "confirm-email" in response["Location"]


def test_verified_user_logs_in_with_email(client, user):
    response = client.post(
        "/account/login/", {"login": user.email, "password": "een-veilig-wachtwoord-123"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_form_shows_field_errors(client):
    response = client.post(
        "/account/signup/", {"email": "geen-adres", "password1": "kort", "password2": "anders"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "field--error" in html
    assert not get_user_model().objects.exists()


def test_failed_logins_are_rate_limited(client, user):
    for _ in range(5):
        client.post("/account/login/", {"login": user.email, "password": "fout-wachtwoord"})
    response = client.post(
        "/account/login/", {"login": user.email, "password": "een-veilig-wachtwoord-123"}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_wagtail_login_view_cannot_be_used_to_bypass_allauth(client):
    UserFactory(username="omweg", verified=False)
    response = client.post(
        "/beheer/login/",
        {"username": "omweg@voorbeeld.test", "password": "een-veilig-wachtwoord-123"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/beheer/password_reset/")["Location"] == "/account/password/reset/"


def test_admin_pages_get_their_own_script_policy(client, admin_client):
    public = client.get("/account/login/")["Content-Security-Policy"]
    admin = admin_client.get("/beheer/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in public.split("script-src")[1].split(";")[0]
    assert "'unsafe-inline'" in admin.split("script-src")[1].split(";")[0]


def test_a_used_reset_link_cannot_set_the_password_again(client, settings):
    """Whoever finds an old reset e-mail (a shared mailbox, a forwarded message) must not be
    able to use its link a second time."""
    settings.ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
    user = UserFactory()
    link, form_url = password_reset_link(client, user)
    first = "eerste-nieuwe-wachtwoord-81"
    response = client.post(form_url, {"password1": first, "password2": first})
    assert response.status_code == 302
    client.logout()

    again = client.get(link, follow=True)
    assert again.status_code == 200
    assert again.context["token_fail"] is True
    assert 'name="password1"' not in again.content.decode()
    second = "tweede-nieuwe-wachtwoord-92"
    client.post(form_url, {"password1": second, "password2": second})
    user.refresh_from_db()
    assert user.check_password(first) and not user.check_password(second)
