"""The Dutch interface has no English: every page type of the demo content, the account, MFA,
learner and trainer pages, and the errors of their forms, rendered in Dutch and searched for
known English strings (tests/dutch_text.py) in the text and the attributes people hear.

Before: "This password is too short…", "2 Nov 2026" on the trainer pages, "Authenticator
geheim", "Twee-factor-authenticatie" next to "Tweestapsverificatie"."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page

from accounts.roles import TRAINERS
from tests.dutch_text import english_in
from tests.factories import UserFactory, sign_in

pytestmark = pytest.mark.django_db

SPOKEN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "aria-description")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if value and (name in SPOKEN_ATTRIBUTES or (tag == "input" and name == "value")):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def assert_dutch(response, where: str) -> None:
    assert response.status_code in (200, 400), f"{where}: {response.status_code}"
    text = visible_text(response.content.decode())
    found = english_in(text)
    assert not found, f"{where}: English {found}"


@pytest.fixture(scope="class")
def demo(class_db):
    call_command("import_kennisbank", "fixtures/kennisbank/demo.json", only_if_empty=True)
    call_command("import_courses", "fixtures/courses/demo.json", only_if_empty=True)
    from django.test import override_settings

    with override_settings(DEBUG=True):  # --demo makes demo accounts only with DEBUG on
        call_command("seed_cohort", "--demo")
    call_command("load_demo_content")


@pytest.fixture(scope="class")
def class_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        from tests.factories import home_page

        home_page()
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo")
class TestDutchInterface:
    def test_every_live_page_of_every_type(self, client):
        from courses.models import CoursePage
        from courses.services import enrolment_create

        learner = UserFactory(username="lezer-nl")
        for course in CoursePage.objects.live():
            enrolment_create(user=learner, course=course)
        client.force_login(learner)
        seen_types = set()
        for page in Page.objects.live().filter(depth__gt=1).specific():
            url = page.url
            if not url:
                continue
            seen_types.add(type(page).__name__)
            # A lesson before the pre-test sends the learner to it: that page is checked too.
            assert_dutch(client.get(url, follow=True), f"{type(page).__name__} {url}")
        assert {
            "HomePage",
            "StatementPage",
            "SignalGuidePage",
            "SignalGuideIndexPage",
            "BestPracticePage",
            "BestPracticeIndexPage",
            "EvidenceLadderPage",
            "CourseIndexPage",
            "CoursePage",
            "LessonPage",
        } <= seen_types, seen_types

    def test_listings_facets_and_search(self, client):
        for url in (
            "/signalen-herkennen/?rol=docent",
            "/wat-werkt/?bewijs=goed-onderbouwd",
            "/zoeken/?q=signalen",
            "/zoeken/?q=praktijk&soort=goede-praktijk",
            "/zoeken/?q=",
        ):
            assert_dutch(client.get(url), url)

    def test_account_pages_and_their_form_errors(self, client):
        for url in ("/account/login/", "/account/signup/", "/account/password/reset/"):
            assert_dutch(client.get(url), url)
        assert_dutch(client.post("/account/login/", {}), "login, empty")
        assert_dutch(
            client.post("/account/login/", {"login": "x@voorbeeld.test", "password": "fout"}),
            "login, wrong password",
        )
        for password in ("kort", "123456789012345", "qwertyuiop123", "nieuw@voorbeeld.test"):
            response = client.post(
                "/account/signup/",
                {"email": "nieuw@voorbeeld.test", "password1": password, "password2": password},
            )
            assert_dutch(response, f"signup with {password!r}")
        assert_dutch(
            client.post("/account/signup/", {"email": "geen", "password1": "a", "password2": "b"}),
            "signup, mismatch",
        )

    def test_learner_pages(self, client):
        learner = UserFactory(username="leerling-nl")
        sign_in(client, learner)
        for url in (
            "/mijn-leeromgeving/",
            "/account/profiel/",
            "/account/mijn-gegevens/",
            "/account/verwijderen/",
            "/account/email/",
            "/account/password/change/",
            "/account/2fa/",
            "/account/2fa/totp/activate/",
            "/account/sessions/",
            "/groep/aanmelden/",
            "/deel-uw-praktijk/",
            "/mijn-inzendingen/",
        ):
            assert_dutch(client.get(url), url)
        assert_dutch(client.post("/account/2fa/totp/activate/", {"code": "000000"}), "totp, bad")
        assert_dutch(client.post("/deel-uw-praktijk/", {}), "share, empty")
        assert_dutch(client.post("/groep/aanmelden/", {"code": "ONBEKEND"}), "join code, bad")

    def test_trainer_pages(self, client):
        from courses.models import Cohort

        trainer = UserFactory(username="trainer-nl", groups=[TRAINERS], totp=True)
        cohort = Cohort.objects.exclude(memberships=None).first()
        Cohort.objects.filter(pk=cohort.pk).update(trainer=trainer)
        course = cohort.courses.first()
        sign_in(client, trainer)
        dashboard = reverse("courses:trainer_cohort", args=[cohort.pk]) + f"?cursus={course.pk}"
        for url in (
            "/trainer/",
            dashboard,
            "/account/2fa/",
            "/account/2fa/recovery-codes/generate/",
        ):
            assert_dutch(client.get(url), url)
        # One unit on the dashboard: it said "procentpunt" in one place, "procentpunten" in another.
        text = visible_text(client.get(dashboard).content.decode())
        assert "procentpunten" in text and not re.search(r"\bprocentpunt\b", text)
