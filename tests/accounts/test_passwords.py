"""Passwords: Django's validators with a minimum of 12 characters."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from home.management.commands.create_demo_editor import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _signup(client, password):
    return client.post(
        "/account/signup/",
        {"email": "nieuw@voorbeeld.test", "password1": password, "password2": password},
    )


def test_eleven_characters_are_too_short(client):
    response = _signup(client, "kort-wacht1")
    assert response.status_code == 200
    assert "12 tekens" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_twelve_characters_are_enough(client):
    assert _signup(client, "lang-genoeg1").status_code == 302
    assert get_user_model().objects.filter(email="nieuw@voorbeeld.test").exists()


@pytest.mark.parametrize("password", ["123456789012", "password1234", "gebruiker0-wachtwoord"])
def test_common_numeric_and_personal_passwords_are_refused(password):
    from tests.factories import UserFactory

    user = UserFactory.build(username="gebruiker0", email="gebruiker0-wachtwoord@voorbeeld.test")
    with pytest.raises(ValidationError):
        validate_password(password, user=user)


def test_the_demo_and_test_passwords_comply():
    validate_password(DEMO_PASSWORD)
    validate_password("een-veilig-wachtwoord-123")


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaaa",  # issue 16's probe
        "Welkom123456",  # issue 16's probe
        "abcabcabcabc",
        "abcdefghijkl",
        "Qwerty2024!!",
        "Wachtwoord2024!",
        "Zomer!!!2025",
        "p@ssw0rd1234",
    ],
)
def test_guessable_passwords_are_refused_in_dutch(client, password):
    response = _signup(client, password)
    assert response.status_code == 200
    assert "te makkelijk te raden" in response.content.decode()
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize(
    "password", ["fiets lamp regen boom", "een-veilig-wachtwoord-123", DEMO_PASSWORD]
)
def test_passphrases_and_the_demo_password_pass(password):
    validate_password(password)
