"""The interface language follows the signed-in user's profile; Dutch for everyone else.

There is no English catalogue of Weerbaar's own texts yet, so English shows in Django's and
allauth's built-in strings: "This field is required." instead of "Dit is een verplicht veld."."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from accounts.models import Profile
from accounts.services import profile_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REQUIRED_NL = "Dit is een verplicht veld."
REQUIRED_EN = "This field is required."


def _html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def _empty_profile_form(client):
    """The profile form without a display name: Django's own "required" message comes back."""
    response = client.post("/account/profiel/", {"display_name": "", "language": "nl"})
    assert response.status_code == 400
    return response.content.decode()


def _user_speaking(language):
    user = UserFactory()
    profile_update(user=user, display_name="Sam", language=language)
    return user


def test_dutch_is_the_default(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/account/profiel/")
    assert _html_lang(response) == "nl"
    assert REQUIRED_NL in _empty_profile_form(client)


def test_english_profile_gets_an_english_interface(client):
    client.force_login(_user_speaking("en"))
    response = client.get("/account/profiel/")
    assert _html_lang(response) == "en"
    html = _empty_profile_form(client)
    assert REQUIRED_EN in html and REQUIRED_NL not in html


def test_choosing_english_in_the_profile_applies_from_the_next_page(client):
    user = _user_speaking("nl")
    client.force_login(user)
    response = client.post("/account/profiel/", {"display_name": "Sam", "language": "en"})
    assert response.status_code == 302
    assert _html_lang(client.get("/account/profiel/")) == "en"


def test_anonymous_visitors_get_dutch_whatever_their_browser_asks(client, homepage):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert _html_lang(response) == "nl"


def test_no_language_is_left_over_for_the_next_visitor(client, homepage):
    client.force_login(_user_speaking("en"))
    assert _html_lang(client.get("/account/profiel/")) == "en"
    client.logout()
    assert _html_lang(client.get("/")) == "nl"
    other = UserFactory()
    client.force_login(other)
    assert _html_lang(client.get("/account/profiel/")) == "nl"


def test_the_language_is_active_only_during_the_request(client):
    client.force_login(_user_speaking("en"))
    client.get("/account/profiel/")
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_a_stored_language_the_site_no_longer_offers_falls_back_to_dutch(client):
    user = _user_speaking("nl")
    Profile.objects.filter(user=user).update(language="de")
    client.force_login(user)
    assert _html_lang(client.get("/account/profiel/")) == "nl"


def test_the_form_offers_only_the_site_languages_and_says_what_changes(client):
    client.force_login(UserFactory())
    html = client.get("/account/profiel/").content.decode()
    select = re.search(r'<select name="language".*?</select>', html, re.S).group()
    offered = re.findall(r'<option value="([^"]*)"', select)
    assert offered == [code for code, _name in settings.LANGUAGES]
    assert "De kennisbank en de cursussen blijven Nederlands." in html
    response = client.post("/account/profiel/", {"display_name": "Sam", "language": "de"})
    assert response.status_code == 400
    assert not Profile.objects.filter(language="de").exists()


def test_the_profile_language_is_read_once_per_session(client, homepage):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(_user_speaking("en"))
    assert _html_lang(client.get("/")) == "en"
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert _html_lang(response) == "en"
    assert not [q for q in queries if "accounts_profile" in q["sql"]], "read from the session"
