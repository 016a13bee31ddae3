"""Permission denials in the Wagtail admin (a redirect and a message, not a 403) are audited."""

import sys

import pytest
from wagtail.admin import auth as wagtail_auth

from accounts.models import AuditEvent
from accounts.roles import EDITORS
from accounts.wagtail_denials import wagtail_denials_audit_install
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    """Editors may open the admin and edit pages, but not manage users or read the audit log."""
    return UserFactory(groups=[EDITORS], totp=True)


def _denials():
    return list(
        AuditEvent.objects.filter(action="permission.denied")
        .order_by("id")
        .values_list("actor_id", "target_type", "target_id", "result")
    )


@pytest.mark.parametrize("path", ["/beheer/users/", "/beheer/audit_events/"])
def test_an_editor_denied_in_the_admin_is_recorded(client, editor, path):
    client.force_login(editor)
    response = client.get(path)
    # Wagtail's answer: back to the admin home with a message.
    assert response.status_code == 302 and response["Location"] == "/beheer/"
    assert _denials() == [(editor.pk, "path", path, "denied")]


def test_the_query_string_and_personal_data_stay_out(client, editor):
    client.force_login(editor)
    client.get("/beheer/users/?q=jan.jansen%40voorbeeld.test&ordering=email")
    assert _denials() == [(editor.pk, "path", "/beheer/users/", "denied")]
    event = AuditEvent.objects.get(action="permission.denied")
    assert "@" not in event.target_id and editor.email not in str(event.__dict__)


def test_a_denied_post_is_recorded_and_changes_nothing(client, editor):
    client.force_login(editor)
    other = UserFactory()
    response = client.post(f"/beheer/users/delete/{other.pk}/")
    assert response.status_code == 302
    assert _denials() == [(editor.pk, "path", f"/beheer/users/delete/{other.pk}/", "denied")]
    other.refresh_from_db()


def test_what_an_editor_may_open_is_not_recorded(client, editor, homepage):
    client.force_login(editor)
    assert client.get("/beheer/").status_code == 200
    assert client.get(f"/beheer/pages/{homepage.pk}/").status_code == 200
    assert _denials() == []


def test_ajax_denials_are_a_403_recorded_once(client, editor):
    client.force_login(editor)
    response = client.get("/beheer/users/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied").count() == 1


def test_a_signed_in_learner_turned_away_from_the_admin_is_recorded(client, user):
    client.force_login(user)
    response = client.get("/beheer/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    assert _denials() == [(user.pk, "path", "/beheer/pages/", "denied")]


def test_anonymous_visitors_are_only_asked_to_sign_in(client):
    response = client.get("/beheer/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    assert _denials() == []


def test_installing_twice_wraps_once():
    before = wagtail_auth.permission_denied
    wagtail_denials_audit_install()
    assert wagtail_auth.permission_denied is before


def test_no_module_holds_an_unaudited_copy():
    """The wrappers only see callers that look the functions up in wagtail.admin.auth. A module
    that imported the originals by name would bypass them; this fails on such an upgrade."""
    originals = {
        wagtail_auth.permission_denied.__wrapped__,
        wagtail_auth.reject_request.__wrapped__,
    }
    holders = [
        f"{name}.{attribute}"
        for name, module in list(sys.modules.items())
        if name.startswith("wagtail")
        for attribute, value in list(vars(module).items())
        if any(value is original for original in originals)
    ]
    assert holders == []
