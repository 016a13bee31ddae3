"""Demo content: loads once, never duplicates, and bad files fail loudly without half-writes."""

import json

import pytest
from django.core.management import CommandError, call_command

from home.models import HomePage, StatementPage
from home.services import DemoContentError, home_demo_content_load
from tests.factories import totp_activate

pytestmark = pytest.mark.django_db


def test_demo_content_loads_once(homepage):
    call_command("load_demo_content")
    call_command("load_demo_content")
    home = HomePage.objects.get()
    assert len(home.role_entries) == 5
    assert sorted(StatementPage.objects.values_list("slug", flat=True)) == [
        "kwetsbaarheid-melden",
        "privacy",
        "toegankelijkheid",
    ]
    assert all(page.live for page in StatementPage.objects.all())


def test_demo_content_keeps_an_editors_home_page(homepage):
    homepage.role_entries = [("role", {"title": "Eigen", "description": "Van de redactie."})]
    homepage.save_revision().publish()
    call_command("load_demo_content")
    assert [b.value["title"] for b in HomePage.objects.get().role_entries] == ["Eigen"]


def test_bad_file_names_record_and_field_and_writes_nothing(homepage, tmp_path):
    path = tmp_path / "home.json"
    path.write_text(json.dumps({
        "homepage": {"title": "Weerbaar", "hero_title": "Kop", "role_entries": []},
        "statements": [
            {"slug": "privacy", "title": "Privacy", "body": []},
            {"slug": "kapot", "title": "Kapot", "body": [{"type": "paragraph_block", "value": "<p>x</p>"}],
             "last_reviewed": "geen-datum"},
        ],
    }))  # fmt: skip
    with pytest.raises(CommandError) as excinfo:
        call_command("load_demo_content", path=path)
    assert "statements[0]" in str(excinfo.value) and "'body'" in str(excinfo.value)
    assert not StatementPage.objects.exists()
    assert HomePage.objects.get().hero_title != "Kop"


def test_invalid_date_is_reported(homepage, tmp_path):
    path = tmp_path / "home.json"
    path.write_text(json.dumps({
        "homepage": {"title": "W", "hero_title": "K"},
        "statements": [{"slug": "x", "title": "X", "body": [{"type": "paragraph_block", "value": "<p>x</p>"}],
                        "last_reviewed": "31-12-2026"}],
    }))  # fmt: skip
    with pytest.raises(DemoContentError, match=r"statements\[0\].*last_reviewed"):
        home_demo_content_load(path=path)
    assert not StatementPage.objects.exists()


def test_unreadable_file_is_an_error(homepage, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("load_demo_content", path=tmp_path / "ontbreekt.json")


def test_demo_editor_only_with_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_demo_editor")


def test_demo_editor_is_created_once_and_can_reach_admin(settings, client):
    settings.DEBUG = True
    call_command("create_demo_editor")
    call_command("create_demo_editor")
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(email="redacteur@weerbaar.test")
    assert users.count() == 1
    editor = users.get()
    assert not editor.is_superuser
    assert editor.has_perm("wagtailadmin.access_admin")
    response = client.post(
        "/account/login/", {"login": "redacteur@weerbaar.test", "password": "weerbaar-demo-2026"}
    )
    assert response.status_code == 302
    # Editors must set up an authenticator app first; with one, the admin opens.
    assert client.get("/beheer/")["Location"] == "/account/2fa/totp/activate/?next=%2Fbeheer%2F"
    totp_activate(editor)
    assert client.get("/beheer/").status_code == 200
