"""A trainer's journey in a real browser, axe-core on the cohort pages, and XSS payloads typed
into cohort names and reflection notes that must never run."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import TRAINERS
from courses.models import CohortMembership
from courses.services import enrolment_create
from tests.courses.factories import course_with_lessons, question, reflection, text
from tests.factories import UserFactory, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "een-veilig-wachtwoord-123"
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '<svg onload="window.__xss=3"></svg>',
    '"><iframe src="javascript:window.__xss=4">',
    '<a href="javascript:window.__xss=5">klik</a>',
]


def sign_in(page, base, user, *, code=False):
    page.goto(base + "/account/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Aanmelden").click()
    if code:
        page.get_by_label(re.compile("Code")).fill(totp_code(user.totp_secret))
        page.locator("main").get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("link", name="Afmelden")).to_be_visible()


def assert_no_script_ran(page, dialogs):
    assert dialogs == [], dialogs
    assert page.evaluate("window.__xss === undefined")
    assert (
        page.locator("main script, main iframe, main svg[onload], main img[onerror]").count() == 0
    )


@pytest.fixture
def site(demo_site):
    course = course_with_lessons(
        lessons=2, title="Samen signaleren", body=[text(), question("q1"), reflection()]
    )
    demo_site.course = course
    demo_site.trainer = UserFactory(username="trainer", groups=[TRAINERS], totp=True)
    demo_site.learner = UserFactory(username="deelnemer")
    return demo_site


def test_trainer_creates_a_group_a_learner_joins_and_the_trainer_sees_progress(
    browser, site, axe_audit
):
    base = site.url
    trainer_context = browser.new_context()
    trainer = trainer_context.new_page()
    dialogs = []
    trainer.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(trainer, base, site.trainer, code=True)
    trainer.get_by_role("link", name="Mijn groepen").click()
    axe_audit(trainer)
    trainer.get_by_role("button", name="Groep aanmaken").click()
    expect(trainer.get_by_role("alert")).to_contain_text("Controleer de velden")
    axe_audit(trainer)  # the form with its errors
    trainer.get_by_label(re.compile("^Naam van de groep")).fill("Team Zuid " + PAYLOADS[0])
    trainer.get_by_label("Organisatie").fill(PAYLOADS[1])
    trainer.get_by_role("group", name=re.compile("Cursussen")).get_by_label(
        "Samen signaleren"
    ).check()
    trainer.get_by_label(re.compile("^Einddatum")).fill("2099-12-31")
    trainer.get_by_role("button", name="Groep aanmaken").click()
    expect(trainer.get_by_role("heading", level=1)).to_contain_text("Team Zuid <script>")
    assert_no_script_ran(trainer, dialogs)
    code = trainer.locator("dd code").nth(1).inner_text()
    axe_audit(trainer)
    trainer.set_viewport_size({"width": 390, "height": 800})
    trainer.reload()  # a fresh layout at phone width
    width = trainer.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    axe_audit(trainer)
    trainer.set_viewport_size({"width": 1280, "height": 800})

    learner_context = browser.new_context()
    learner = learner_context.new_page()
    learner.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(learner, base, site.learner)
    learner.goto(base + "/groep/aanmelden/")
    axe_audit(learner)
    learner.get_by_label("Code").fill(code.lower())
    learner.get_by_role("button", name="Verder").click()
    expect(learner.get_by_text("Uw trainer ziet nooit uw reflectienotities.")).to_be_visible()
    assert_no_script_ran(learner, dialogs)
    axe_audit(learner)
    learner.get_by_role("button", name="Deelnemen").click()
    expect(learner.get_by_role("alert").or_(learner.locator(".field__errors"))).to_be_visible()
    learner.get_by_label(re.compile("Ik heb gelezen")).check()
    learner.get_by_role("button", name="Deelnemen").click()
    expect(learner.get_by_text("Groep verlaten")).to_be_visible()

    # The learner works on lesson 1 and writes a note full of payloads.
    enrolment_create(user=site.learner, course=site.course)
    lesson = site.course.get_children().first()
    learner.goto(base + lesson.url)
    learner.get_by_label(re.compile("Antwoord a")).check()
    learner.get_by_role("button", name="Controleer mijn antwoord").click()
    learner.get_by_role("textbox").fill("PRIVE-NOTITIE " + " ".join(PAYLOADS))
    learner.get_by_role("button", name="Notitie bewaren").click()
    expect(learner.get_by_text("Uw notitie is bewaard.")).to_be_visible()
    learner.reload()
    assert_no_script_ran(learner, dialogs)

    trainer.reload()
    row = trainer.get_by_role("row", name=re.compile(site.learner.email))
    expect(row).to_contain_text("bezig")
    expect(trainer.get_by_text("te weinig deelnemers").first).to_be_visible()
    assert "PRIVE-NOTITIE" not in trainer.content(), "the trainer never sees reflection notes"
    with trainer.expect_download() as download:
        trainer.get_by_role("link", name="Download als CSV").first.click()
    assert download.value.suggested_filename.endswith("-matrix.csv")

    learner.goto(base + "/mijn-leeromgeving/")
    learner.get_by_role("button", name=re.compile("Groep verlaten")).click()
    expect(learner.get_by_text("De trainer ziet uw gegevens niet meer.")).to_be_visible()
    assert not CohortMembership.objects.exists()
    trainer.reload()
    expect(trainer.get_by_role("row", name=re.compile(site.learner.email))).to_have_count(0)
    trainer_context.close()
    learner_context.close()


def test_search_box_payloads_do_not_run(page, demo_site):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for payload in PAYLOADS:
        page.goto(demo_site.url + "/")
        page.get_by_role("searchbox").first.fill(payload)
        page.get_by_role("searchbox").first.press("Enter")
        page.wait_for_load_state()
        assert_no_script_ran(page, dialogs)
