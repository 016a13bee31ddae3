"""WCAG 2.2 criteria axe-core cannot test, in a real browser: 3.3.7 Redundant Entry in the
sign-up and join flows, and 2.5.7 Dragging Movements (nothing needs dragging)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.roles import TRAINERS
from courses.services import cohort_create
from tests.courses.factories import course_with_lessons, text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_keeps_what_was_typed_when_a_field_is_wrong(page, demo_site):
    page.goto(demo_site.url + "/account/signup/")
    page.get_by_label("E-mail").fill("noor@voorbeeld.test")
    page.locator("#id_password1").fill("een-heel-veilig-wachtwoord-2026")
    page.locator("#id_password2").fill("een-ander-wachtwoord-2026")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".field__errors, .errorlist").first).to_be_visible()
    # The e-mail address is kept; only the passwords are asked again (the security exception).
    expect(page.get_by_label("E-mail")).to_have_value("noor@voorbeeld.test")


def test_joining_a_group_never_asks_for_the_code_twice(browser, demo_site):
    course = course_with_lessons(lessons=1, title="Samen signaleren", body=[text()])
    trainer = UserFactory(username="trainer", groups=[TRAINERS], totp=True)
    cohort = cohort_create(
        trainer=trainer,
        name="Team Noord",
        courses=[course],
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2099, 12, 31),
    )
    learner = UserFactory(username="deelnemer")
    client = Client()
    client.force_login(learner)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context()
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": demo_site.url}])
    page = context.new_page()
    page.goto(demo_site.url + "/groep/aanmelden/")
    typo = cohort.join_code[:-1] + ("X" if cohort.join_code[-1] != "X" else "Y")
    page.get_by_label("Code").fill(typo)
    page.get_by_role("button", name="Verder").click()
    expect(page.locator(".field__errors")).to_be_visible()
    expect(page.get_by_label("Code")).to_have_value(typo)  # correct the typo, not retype it all
    page.get_by_label("Code").fill(cohort.join_code)
    page.get_by_role("button", name="Verder").click()
    consent_url = page.url
    page.get_by_role("button", name="Deelnemen").click()  # without the consent: an error
    expect(page.get_by_role("alert").or_(page.locator(".field__errors")).first).to_be_visible()
    assert page.url == consent_url
    expect(page.get_by_label("Code")).to_have_count(0)  # the code is not asked again
    page.get_by_label(re.compile("Ik heb gelezen")).check()
    page.get_by_role("button", name="Deelnemen").click()
    expect(page.get_by_text("Groep verlaten")).to_be_visible()
    context.close()
