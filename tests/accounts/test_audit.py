"""The audit trail: logins, failures, logouts, MFA events and denials, with ids only."""

import logging

import pytest
from django.test import Client

from accounts.models import AuditEvent
from accounts.roles import EDITORS
from accounts.services import audit_event_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "een-veilig-wachtwoord-123"


def _all_text(caplog) -> str:
    rows = AuditEvent.objects.values_list("action", "target_type", "target_id", "result")
    return " ".join(" ".join(map(str, row)) for row in rows) + caplog.text


def test_login_and_logout_are_recorded_without_personal_data(client, user, caplog):
    caplog.set_level(logging.INFO, logger="weerbaar.security")
    client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    client.post("/account/logout/")
    events = list(AuditEvent.objects.order_by("id").values_list("action", "actor_id", "result"))
    assert events == [("login", user.pk, "success"), ("logout", user.pk, "success")]
    text = _all_text(caplog)
    assert f"action=login result=success actor={user.pk}" in caplog.text
    assert user.email not in text and PASSWORD not in text and "@" not in text


def test_failed_login_names_the_account_number_only(client, user, caplog):
    caplog.set_level(logging.INFO, logger="weerbaar.security")
    client.post("/account/login/", {"login": user.email, "password": "fout-wachtwoord-9"})
    client.post("/account/login/", {"login": "niemand@voorbeeld.test", "password": "x" * 12})
    failures = AuditEvent.objects.filter(action="login.failed").order_by("id")
    assert [(e.actor_id, e.target_type, e.target_id, e.result) for e in failures] == [
        (None, "user", str(user.pk), "failure"),
        (None, "", "", "failure"),
    ]
    text = _all_text(caplog)
    assert "fout-wachtwoord-9" not in text and "@" not in text


def test_permission_denials_are_recorded_with_the_view_name(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post("/account/profiel/", {"display_name": "X"}).status_code == 403
    event = AuditEvent.objects.get(action="permission.denied")
    assert (event.actor_id, event.target_type, event.target_id, event.result) == (
        user.pk,
        "view",
        "accounts:profile",
        "denied",
    )


def test_one_call_records_a_trainer_viewing_a_cohort(caplog):
    caplog.set_level(logging.INFO, logger="weerbaar.security")
    trainer = UserFactory()
    event = audit_event_record(
        actor=trainer, action="cohort.viewed", target_type="cohort", target_id=42, result="success"
    )
    event.refresh_from_db()
    assert (event.actor_id, event.action, event.target_type, event.target_id) == (
        trainer.pk,
        "cohort.viewed",
        "cohort",
        "42",
    )
    assert f"action=cohort.viewed result=success actor={trainer.pk} target=cohort:42" in caplog.text


def test_unknown_results_are_refused():
    with pytest.raises(ValueError):
        audit_event_record(actor=None, action="login", result="misschien")


def test_administrators_read_the_trail_in_the_admin(admin_client):
    audit_event_record(actor=None, action="login.failed", result="failure")
    response = admin_client.get("/beheer/audit_events/")
    assert response.status_code == 200
    assert "login.failed" in response.content.decode()
    event = AuditEvent.objects.get(action="login.failed")
    assert admin_client.get(f"/beheer/audit_events/inspect/{event.pk}/").status_code == 200


def test_nobody_edits_or_deletes_the_trail(admin_client):
    event = audit_event_record(actor=None, action="login.failed", result="failure")
    for url in (
        "/beheer/audit_events/new/",
        f"/beheer/audit_events/edit/{event.pk}/",
        f"/beheer/audit_events/delete/{event.pk}/",
    ):
        response = admin_client.post(url, {"action": "vervalst", "result": "success"})
        assert response.status_code in (302, 403), url
    event.refresh_from_db()
    assert event.action == "login.failed"
    assert AuditEvent.objects.filter(action="vervalst").count() == 0


def test_editors_cannot_read_the_trail(client):
    client.force_login(UserFactory(groups=[EDITORS], totp=True))
    response = client.get("/beheer/audit_events/")
    assert response.status_code in (302, 403)
    assert "login.failed" not in response.content.decode()
