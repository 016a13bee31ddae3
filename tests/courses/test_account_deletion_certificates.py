"""Deleting an account: the page says what happens to certificates, and the holder chooses."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from courses.models import Certificate
from courses.services import certificate_code_new
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

FIELD = "keuze_courses_learning"


@pytest.fixture
def certificate(learner, course):
    return Certificate.objects.create(
        code=certificate_code_new(),
        user=learner,
        course=course,
        holder_name="Noor Jansen",
        course_title="Signaleren en handelen",
        provider_name="Stichting School en Veiligheid",
        completed_on=datetime.date(2026, 3, 2),
    )


def delete_page(client):
    return client.get("/account/verwijderen/").content.decode()


def test_delete_page_says_what_happens_to_certificates_and_asks(client, learner, certificate):
    sign_in(client, learner)
    html = delete_page(client)
    assert "Wat gebeurt er met uw certificaten?" in html
    assert "controleerbaar" in html and "geen intrekking" in html
    assert (
        f'name="{FIELD}" value="bewaren"' in html and f'name="{FIELD}" value="beeindigen"' in html
    )
    # Without a choice nothing is deleted, and the error is next to the question.
    response = client.post("/account/verwijderen/", {"confirm": "on"})
    assert response.status_code == 400
    assert "Maak een keuze." in response.content.decode()
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def test_learner_without_certificates_is_not_asked(client, learner):
    sign_in(client, learner)
    assert "Wat gebeurt er met uw certificaten?" not in delete_page(client)


def test_holder_who_keeps_them_leaves_a_valid_certificate_with_name_and_course(
    client, learner, certificate
):
    sign_in(client, learner)
    response = client.post("/account/verwijderen/", {"confirm": "on", FIELD: "bewaren"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    certificate.refresh_from_db()
    assert certificate.user_id is None and certificate.status() == Certificate.VALID
    html = client.get(reverse("courses:verify", args=[certificate.code])).content.decode()
    assert "Dit certificaat is geldig" in html and "Noor Jansen" in html


def test_holder_who_ends_them_gets_an_ended_not_revoked_certificate(client, learner, certificate):
    sign_in(client, learner)
    client.post("/account/verwijderen/", {"confirm": "on", FIELD: "beeindigen"})
    certificate.refresh_from_db()
    assert certificate.holder_name == "" and certificate.status() == Certificate.ENDED
    html = client.get(reverse("courses:verify", args=[certificate.code])).content.decode()
    assert "beëindigd met het account van de houder" in html
    assert "ingetrokken door de aanbieder" not in html


def test_an_unknown_choice_is_refused(client, learner, certificate):
    sign_in(client, learner)
    response = client.post("/account/verwijderen/", {"confirm": "on", FIELD: "iets"})
    assert response.status_code == 400
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def test_privacy_statement_and_retention_warning_say_the_same():
    import json
    from pathlib import Path

    from django.conf import settings

    data = json.loads(Path(settings.BASE_DIR, "fixtures/demo/home.json").read_text())
    privacy = next(s for s in data["statements"] if s["slug"] == "privacy")
    body = json.dumps(privacy["body"], ensure_ascii=False)
    for phrase in ("Bewaren", "Beëindigen", "geen intrekking", "ingetrokken door de aanbieder"):
        assert phrase in body, phrase
    warning = Path(settings.BASE_DIR, "templates/accounts/email/retention_warning.txt").read_text()
    assert "ingetrokken" not in warning and "beëindigd" in warning
