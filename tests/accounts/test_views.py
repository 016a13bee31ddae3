"""Profile, "Mijn gegevens" and account deletion; no-store on every signed-in response."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from accounts.models import AuditEvent, Profile
from core.models import Role
from tests.factories import authentication_age

pytestmark = pytest.mark.django_db

PASSWORD = "een-veilig-wachtwoord-123"
XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)>'


def _login(client, user):
    client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def _reauthenticate(client):
    return client.post("/account/reauthenticate/", {"password": PASSWORD})


@pytest.mark.parametrize(
    "path", ["/account/profiel/", "/account/mijn-gegevens/", "/account/verwijderen/"]
)
def test_pages_need_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_profile_is_saved_with_only_a_display_name(client, user):
    _login(client, user)
    page = client.get("/account/profiel/")
    assert page.status_code == 200
    assert 'aria-current="page"' in page.content.decode()
    response = client.post(
        "/account/profiel/",
        {"display_name": "  Sam  ", "organisation": "", "region": "", "role": "", "language": "nl"},
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert (profile.display_name, profile.organisation, profile.region, profile.role) == (
        "Sam",
        "",
        "",
        None,
    )


def test_profile_takes_role_region_organisation_and_language(client, user):
    _login(client, user)
    client.post(
        "/account/profiel/",
        {
            "display_name": "Sam",
            "organisation": "ROC Midden",
            "region": "utrecht",
            "role": Role.objects.get(slug="wijkagent").pk,
            "language": "en",
        },
    )
    profile = Profile.objects.get(user=user)
    assert (profile.organisation, profile.region, profile.role.slug, profile.language) == (
        "ROC Midden",
        "utrecht",
        "wijkagent",
        "en",
    )


def test_profile_errors_are_shown_per_field(client, user):
    _login(client, user)
    response = client.post(
        "/account/profiel/", {"display_name": "", "region": "atlantis", "language": "nl"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("field--error") == 2 and 'href="#id_display_name"' in html
    assert not Profile.objects.filter(user=user).exists()


def test_profile_values_are_escaped_when_shown(client, user):
    _login(client, user)
    client.post(
        "/account/profiel/",
        {"display_name": XSS, "organisation": XSS, "region": "", "role": "", "language": "nl"},
    )
    html = client.get("/account/profiel/").content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<svg" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_my_data_page_lists_what_is_kept(client, user):
    _login(client, user)
    html = client.get("/account/mijn-gegevens/").content.decode()
    assert "Praktijken die u hebt gedeeld" in html and "Uw sessies" in html
    link = re.search(r'<a [^>]*href="/account/mijn-gegevens/download/"[^>]*>', html).group()
    # A plain link: with a download attribute the browser would save the password question
    # (the reauthentication page) as the file instead of showing it.
    assert " download" not in link


def test_download_asks_for_the_password_again_then_sends_json(client, user):
    _login(client, user)
    authentication_age(client, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)
    response = client.get("/account/mijn-gegevens/download/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/reauthenticate/")
    response = client.post(
        "/account/reauthenticate/?next=/account/mijn-gegevens/download/", {"password": PASSWORD}
    )
    assert response["Location"] == "/account/mijn-gegevens/download/"
    # After the password the user lands on the readable summary, not on a page that stays
    # "Toegang bevestigen" while a file arrives; the summary offers the file.
    response = client.get("/account/mijn-gegevens/download/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Uw gegevens staan klaar" in html
    assert 'href="/account/mijn-gegevens/download/?formaat=json" download' in html
    assert "no-store" in response["Cache-Control"]
    response = client.get("/account/mijn-gegevens/download/?formaat=json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="weerbaar-mijn-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["sections"]["account"]["email"] == user.email
    assert AuditEvent.objects.filter(action="personal_data.exported", actor_id=user.pk).exists()


def test_deletion_needs_confirmation(client, user):
    _login(client, user)
    _reauthenticate(client)
    assert client.get("/account/verwijderen/").status_code == 200
    response = client.post("/account/verwijderen/", {})
    assert response.status_code == 400
    assert "Vink aan" in response.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_deletion_asks_for_the_password_then_erases_and_signs_out(client, user):
    _login(client, user)
    authentication_age(client, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)
    response = client.post("/account/verwijderen/", {"confirm": "on"})
    assert response["Location"].startswith("/account/reauthenticate/")
    assert get_user_model().objects.filter(pk=user.pk).exists()
    # allauth replays the stashed POST after reauthentication.
    response = client.post(
        "/account/reauthenticate/?next=/account/verwijderen/", {"password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert "_auth_user_id" not in client.session
    assert client.get("/account/profiel/").status_code == 302


def test_administrators_cannot_delete_themselves_here(admin_client, admin_user):
    admin_client.post("/account/reauthenticate/", {"password": PASSWORD})
    response = admin_client.post("/account/verwijderen/", {"confirm": "on"})
    assert get_user_model().objects.filter(pk=admin_user.pk).exists()
    assert response.status_code == 400
    assert "andere beheerder" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/", "/account/profiel/", "/account/sessions/", "/account/email/", "/mijn-inzendingen/"],
)
def test_signed_in_responses_are_never_stored(client, user, homepage, path):
    client.force_login(user)
    cache_control = client.get(path)["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_anonymous_page_cache_still_works(client, homepage):
    first = client.get("/")
    second = client.get("/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert "no-store" not in second.get("Cache-Control", "")


def test_the_summary_reads_in_dutch_with_dutch_labels(client, user):
    """Before, the only copy was JSON with English field names ("date_joined", "verified")."""
    from accounts.personal_data_summary import LABELS
    from accounts.services import personal_data_export

    _login(client, user)
    html = client.get("/account/mijn-gegevens/download/").content.decode()
    assert "E-mailadres" in html and user.email in html and "Lid sinds" in html
    assert "Uw e-mailadressen" in html and "Bevestigd" in html
    assert "date_joined" not in html and "verified" not in html
    assert "Django-beheer" not in html  # admin-only sections stay off, as on Mijn gegevens

    def keys(value):
        if isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from keys(item)
        elif isinstance(value, list):
            for item in value:
                yield from keys(item)

    # Every kind of record the export can hold, so nested keys are checked too.
    from courses.models import CertificateReminder, CertificateReminderOptOut
    from tests.courses.test_tasks_certificate_reminders import certificate_for

    old = certificate_for(user, days=20)
    new = certificate_for(user, days=400)
    old.replaced_by, old.replaced_at = new, new.issued_at
    old.save()
    CertificateReminder.objects.create(certificate=new, days_before=30)
    CertificateReminderOptOut.objects.create(user=user)
    sections = personal_data_export(user=user)["sections"].values()
    unlabelled = {key for section in sections for key in keys(section)} - set(LABELS)
    assert unlabelled == set()


def test_learners_do_not_see_admin_only_entries(client, user, admin_user):
    """'Wijzigingen die u als beheerder in Django-beheer maakte' was listed to every learner."""
    _login(client, user)
    html = client.get("/account/mijn-gegevens/").content.decode()
    assert "Django-beheer" not in html and "Beheeromgeving" not in html
    assert "Uw e-mailadressen" in html
    client.force_login(admin_user)
    html = client.get("/account/mijn-gegevens/").content.decode()
    assert "Django-beheer" in html and "Beheeromgeving" in html
