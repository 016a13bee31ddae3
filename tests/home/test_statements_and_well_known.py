"""The accessibility statement in the Dutch model format, security.txt (RFC 9116) and
sitemap.xml (live, public pages only)."""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction

from home.models import StatementPage
from home.views import security_txt_expires
from tests.factories import StatementPageFactory

pytestmark = pytest.mark.django_db


def test_accessibility_statement_follows_the_dutch_model(client, homepage):
    call_command("load_demo_content")
    statement = StatementPage.objects.get(slug="toegankelijkheid")
    assert statement.compliance_status == "B"
    assert statement.register_url.startswith("https://www.toegankelijkheidsverklaring.nl/")
    assert len(statement.limitations) >= 3
    html = client.get(statement.url).content.decode()
    # The model's order: status, then the known limitations, then the register link.
    status = html.index("Nalevingsstatus")
    limits = html.index("Bekende beperkingen")
    register = html.index(statement.register_url)
    assert status < limits < register
    assert "B: voldoet gedeeltelijk" in html
    assert "geen toegankelijke naam" in html  # the Wagtail admin's rich-text fields
    assert "4.1.2 Naam, rol, waarde" in html
    assert '<time datetime="2027-03-31">31 maart 2027</time>' in html  # the plan's date
    assert '<time datetime="2026-11-28">' in html  # found on


def test_a_privacy_statement_shows_no_accessibility_status(client, statement):
    html = client.get(statement.url).content.decode()
    assert "Nalevingsstatus" not in html and "Bekende beperkingen" not in html


def test_demo_content_refuses_an_unknown_status(homepage, tmp_path):
    path = tmp_path / "home.json"
    path.write_text(json.dumps({
        "homepage": {"title": "Weerbaar", "hero_title": "Kop", "role_entries": []},
        "statements": [{"slug": "toegankelijkheid", "title": "T", "compliance_status": "Z",
                        "body": [{"type": "paragraph_block", "value": "<p>x</p>"}]}],
    }))  # fmt: skip
    with pytest.raises(CommandError, match=r"statements\[0\].*'compliance_status'"):
        call_command("load_demo_content", path=path)
    assert not StatementPage.objects.filter(slug="toegankelijkheid").exists()


def test_security_txt_has_the_rfc_9116_fields(client, settings):
    settings.SECURITY_TXT_CONTACTS = ["mailto:security@voorbeeld.nl", "https://voorbeeld.nl/cvd"]
    settings.SECURITY_TXT_POLICY = "/kwetsbaarheid-melden/"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    fields = [line.split(": ", 1) for line in text.strip().splitlines()]
    assert ["Contact", "mailto:security@voorbeeld.nl"] in fields
    assert ["Contact", "https://voorbeeld.nl/cvd"] in fields
    assert ["Preferred-Languages", "nl, en"] in fields
    assert ["Canonical", "http://testserver/.well-known/security.txt"] in fields
    assert ["Policy", "http://testserver/kwetsbaarheid-melden/"] in fields
    (expires,) = [value for name, value in fields if name == "Expires"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", expires)
    left = datetime.datetime.fromisoformat(expires) - datetime.datetime.now(datetime.UTC)
    assert datetime.timedelta(days=1) < left < datetime.timedelta(days=365)  # RFC 9116 2.5.5


def test_security_txt_expiry_from_the_settings(settings):
    settings.SECURITY_TXT_EXPIRES = "2027-06-01T00:00:00+02:00"
    assert security_txt_expires() == datetime.datetime(2027, 5, 31, 22, tzinfo=datetime.UTC)


def test_security_policy_page_exists_in_the_demo(client, homepage, settings):
    call_command("load_demo_content")
    assert client.get(settings.SECURITY_TXT_POLICY).status_code == 200


def sitemap_locations(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(response.content)  # noqa: S314 - our own test server's answer
    return {loc.text for loc in root.findall("s:url/s:loc", namespace)}


def test_sitemap_lists_only_live_public_pages(client, homepage):
    public = StatementPageFactory(parent=homepage, title="Openbaar", slug="openbaar")
    public.save_revision().publish()
    draft = StatementPageFactory(parent=homepage, title="Concept", slug="concept", live=False)
    private = StatementPageFactory(parent=homepage, title="Besloten", slug="besloten")
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    paths = {re.sub(r"^https?://[^/]+", "", loc) for loc in sitemap_locations(client)}
    assert {"/", "/openbaar/"} <= paths
    assert not draft.live and "/concept/" not in paths
    assert "/besloten/" not in paths


def test_sitemap_leaves_out_lessons(client, homepage):
    from tests.courses.factories import course_with_lessons

    course = course_with_lessons(lessons=2, title="Signalen", slug="signalen")
    paths = {re.sub(r"^https?://[^/]+", "", loc) for loc in sitemap_locations(client)}
    assert course.url in paths
    for lesson in course.get_children():
        assert lesson.url not in paths
