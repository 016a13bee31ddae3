"""Certificate verification: valid, expired, revoked (also after erasure) and unknown codes."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from courses.certificates import certificate_filename, certificate_qr_svg
from courses.models import Certificate
from courses.services import certificate_code_new, certificate_holder_erase, certificate_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(learner, course):
    return Certificate.objects.create(
        code=certificate_code_new(),
        user=learner,
        course=course,
        holder_name="Noor Jansen",
        course_title="Signaleren en handelen",
        provider_name="Rijksopleidingsinstituut",
        completed_on=datetime.date(2026, 3, 2),
        expires_on=datetime.date(2099, 3, 2),
    )


def verify(client, code):
    return client.get(reverse("courses:verify", args=[code]))


def test_valid_certificate_shows_only_name_course_date_and_status(client, certificate):
    response = verify(client, certificate.code)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit certificaat is geldig" in html
    assert "Noor Jansen" in html and "Signaleren en handelen" in html and "2 maart 2026" in html
    assert certificate.user.email not in html
    assert "Rijksopleidingsinstituut" not in html, "only name, course, date and status"
    assert 'name="robots" content="noindex' in html


def test_expired_certificate_says_so(client, certificate):
    certificate.expires_on = datetime.date(2026, 6, 1)
    certificate.save()
    html = verify(client, certificate.code).content.decode()
    assert "Dit certificaat is verlopen" in html and "1 juni 2026" in html


def test_revoked_certificate_says_so_without_details(client, certificate):
    certificate_revoke(certificate=certificate, reason="ingetrokken door aanbieder")
    html = verify(client, certificate.code).content.decode()
    assert "Dit certificaat is ingetrokken door de aanbieder" in html
    assert "Noor Jansen" not in html


def test_certificate_ended_with_the_holders_account_suggests_no_fault(client, certificate):
    certificate_holder_erase(certificate=certificate, keep=False)
    certificate.refresh_from_db()
    assert certificate.user is None and certificate.holder_name == ""
    assert certificate.status() == Certificate.ENDED
    html = verify(client, certificate.code).content.decode()
    assert "Dit certificaat is beëindigd met het account van de houder" in html
    assert "Dit is geen intrekking" in html
    assert "ingetrokken" not in html.replace("geen intrekking", "")
    assert "geldt niet meer" not in html


def test_certificate_the_holder_kept_stays_valid_with_only_name_and_course(client, certificate):
    certificate_holder_erase(certificate=certificate, keep=True)
    certificate.refresh_from_db()
    assert certificate.user is None, "no link to an account"
    assert certificate.status() == Certificate.VALID
    html = verify(client, certificate.code).content.decode()
    assert "Dit certificaat is geldig" in html
    assert "Noor Jansen" in html and "Signaleren en handelen" in html


def test_certificates_ended_by_the_old_erasure_read_as_ended_after_migrating(certificate):
    """Migration 0005 marks what the former erasure revoked as ended with the account."""
    from importlib import import_module

    from django.apps import apps

    certificate_revoke(certificate=certificate, reason="account verwijderd", forget_holder=True)
    module = import_module(
        "courses.migrations.0005_certificate_holder_choice_study_load_provider_neutral_name"
    )
    module.backfill(apps, None)
    certificate.refresh_from_db()
    assert certificate.status() == Certificate.ENDED


@pytest.mark.parametrize("code", ["onbekend", "A" * 27, "x" * 200])
def test_unknown_code_is_a_404_page(client, certificate, code):
    response = verify(client, code)
    assert response.status_code == 404
    assert "Dit certificaat is niet bekend" in response.content.decode()


def test_codes_are_long_random_and_unique():
    codes = {certificate_code_new() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) >= 27 for code in codes), "160 bits in URL-safe base64 is 27 characters"


def test_revoking_frees_the_course_for_a_new_certificate(certificate, learner, course):
    certificate_revoke(certificate=certificate)
    Certificate.objects.create(
        code=certificate_code_new(),
        user=learner,
        course=course,
        holder_name="Noor Jansen",
        course_title="Signaleren en handelen",
        provider_name="ROR",
        completed_on=datetime.date(2026, 3, 2),
    )
    assert Certificate.objects.filter(user=learner, revoked_at__isnull=True).count() == 1


def test_file_name_and_qr_code(certificate):
    name = certificate_filename(certificate)
    assert name.startswith("certificaat-weerbaar-") and name.endswith(".pdf")
    assert "radicali" not in name
    svg = certificate_qr_svg("https://weerbaar.example/certificaat/abc/")
    assert svg.startswith("<svg") and "path" in svg


def test_verification_page_is_never_stored_in_a_shared_cache(client, certificate):
    response = verify(client, certificate.code)
    assert "private" in response["Cache-Control"]
