"""Session lifetimes (idle and absolute) and the list of one's own sessions."""

import time

import pytest
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.test import Client

from accounts.models import AuditEvent
from accounts.sessions import ACTIVE_AT_KEY, AUTH_AT_KEY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "een-veilig-wachtwoord-123"


def _login(client, user):
    response = client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)
    return response


def _shift(client, **offsets):
    """Move the session's clocks into the past by the given number of seconds."""
    session = client.session
    for key, seconds in offsets.items():
        session[key] = session[key] - seconds
    session.save()


def test_defaults_are_two_hours_idle_and_twelve_hours_absolute():
    assert settings.SESSION_IDLE_TIMEOUT == 2 * 60 * 60
    assert settings.SESSION_ABSOLUTE_TIMEOUT == 12 * 60 * 60
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_TIMEOUT


def test_login_starts_both_clocks(client, user):
    before = int(time.time())
    _login(client, user)
    assert client.session[AUTH_AT_KEY] >= before
    assert client.session[ACTIVE_AT_KEY] >= before


def test_an_active_session_stays_signed_in(client, user):
    _login(client, user)
    _shift(client, **{AUTH_AT_KEY: 3 * 60 * 60, ACTIVE_AT_KEY: 60 * 60})
    response = client.get("/account/profiel/")
    assert response.status_code == 200
    # The activity stamp moved to now, so the idle clock restarted.
    assert time.time() - client.session[ACTIVE_AT_KEY] < 5


def test_an_idle_session_is_signed_out(client, user):
    _login(client, user)
    _shift(client, **{ACTIVE_AT_KEY: settings.SESSION_IDLE_TIMEOUT + 1})
    response = client.get("/account/profiel/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="session.expired")
    assert (event.actor_id, event.target_id) == (user.pk, "idle")


def test_a_session_is_signed_out_after_the_absolute_timeout_however_active(client, user):
    _login(client, user)
    _shift(client, **{AUTH_AT_KEY: settings.SESSION_ABSOLUTE_TIMEOUT + 1})
    response = client.get("/account/profiel/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(action="session.expired").target_id == "absolute"


def test_timeouts_are_settings(client, user, settings):
    settings.SESSION_IDLE_TIMEOUT = 60
    _login(client, user)
    _shift(client, **{ACTIVE_AT_KEY: 61})
    assert client.get("/account/profiel/").status_code == 302


def test_expiry_shows_a_message_on_the_login_page(client, user):
    _login(client, user)
    _shift(client, **{ACTIVE_AT_KEY: settings.SESSION_IDLE_TIMEOUT + 1})
    response = client.get("/account/profiel/", follow=True)
    assert "Uw sessie is verlopen" in response.content.decode()


def test_sessions_page_lists_own_sessions_and_ends_the_others(user):
    laptop, phone = Client(HTTP_USER_AGENT="Laptop"), Client(HTTP_USER_AGENT="Telefoon")
    _login(laptop, user)
    _login(phone, user)
    stranger = UserFactory()
    _login(Client(HTTP_USER_AGENT="Vreemde"), stranger)

    html = laptop.get("/account/sessions/").content.decode()
    assert "Laptop" in html and "Telefoon" in html and "Vreemde" not in html
    assert "Deze sessie" in html and 'class="account-subnav"' in html

    laptop.post("/account/sessions/")
    assert laptop.get("/account/profiel/").status_code == 200
    assert phone.get("/account/profiel/").status_code == 302
    assert list(UserSession.objects.filter(user=user).values_list("user_agent", flat=True)) == [
        "Laptop"
    ]
