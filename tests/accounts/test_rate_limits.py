"""Login and sign-up are rate-limited (allauth's ACCOUNT_RATE_LIMITS, counted in the cache,
which tests/conftest.py empties around every test)."""

import pytest
from django.conf import settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _per_minute(action: str) -> int:
    """The per-IP allowance per minute configured for ``action``, e.g. 30 for "30/m/ip"."""
    for rate in settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, period, per = rate.split("/")
        if period == "m" and per == "ip":
            return int(amount)
    raise AssertionError(f"no per-minute IP limit for {action}")


def test_login_attempts_beyond_the_limit_get_429(client):
    limit = _per_minute("login")
    # Empty forms: they count as login attempts but not as failed passwords.
    statuses = [client.post("/account/login/", {}).status_code for _ in range(limit)]
    assert set(statuses) == {200}
    response = client.post("/account/login/", {})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()


def test_signups_beyond_the_limit_get_429(client):
    limit = _per_minute("signup")
    data = {"email": "geen-adres", "password1": "x", "password2": "y"}
    statuses = [client.post("/account/signup/", data).status_code for _ in range(limit)]
    assert set(statuses) == {200}
    assert client.post("/account/signup/", data).status_code == 429


def test_failed_logins_lock_the_account_even_with_the_right_password(client):
    user = UserFactory()
    for _ in range(5):
        client.post("/account/login/", {"login": user.email, "password": "fout-wachtwoord-1"})
    response = client.post(
        "/account/login/", {"login": user.email, "password": "een-veilig-wachtwoord-123"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert "Te veel inlogpogingen" in response.content.decode()


def test_limits_count_per_visitor_address(client):
    limit = _per_minute("login")
    for _ in range(limit + 1):
        client.post("/account/login/", {}, REMOTE_ADDR="192.0.2.1")
    assert client.post("/account/login/", {}, REMOTE_ADDR="192.0.2.2").status_code == 200
