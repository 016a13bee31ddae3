"""A new professional's whole journey in a real browser, and axe-core on every course page type."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from courses.models import Certificate, LessonProgress
from tests.courses.factories import course_with_lessons, dilemma, question, reflection, text

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "een-heel-veilig-wachtwoord-2026"


@pytest.fixture
def course_site(demo_site):
    """A small course: lesson 1 has a question, a dilemma and a reflection; lesson 2 a question."""
    course = course_with_lessons(
        lessons=2,
        title="Signalen bespreken",
        slug="signalen-bespreken",
        final_test=[question("f1"), question("f2")],
        pre_test_mode="same",
        pass_mark=50,
        certificate_validity_months=24,
        accreditation_points=2,
        accreditation_register="SKJ",
    )
    first, second = [p.specific for p in course.get_children().order_by("path")]
    first.body = [text(), question("q1"), dilemma(steps=1), reflection()]
    first.save_revision().publish()
    second.body = [text(bid="t2"), question("q2")]
    second.save_revision().publish()
    demo_site.course = course
    return demo_site


def tab_to(page, selector: str, *, limit: int = 120) -> None:
    """Press Tab until the element matching ``selector`` has focus: the keyboard alone."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def answer_test(page, right: bool) -> None:
    for fieldset in page.locator("form.test-form fieldset").all():
        # Options come in the learner's own order: pick by option id ("-a" is right), not place.
        fieldset.locator("input[value$='-a']" if right else "input[value$='-b']").check()
    page.get_by_role("button", name="Antwoorden inleveren").click()


def test_new_professional_takes_a_course_to_the_certificate(page, course_site, mailoutbox):
    base = course_site.url
    course = course_site.course

    # Sign up and verify the e-mail address.
    page.goto(base + course.url)
    page.get_by_role("link", name="Account maken").click()
    page.get_by_label("E-mail").fill("noor@voorbeeld.test")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label(re.compile("Wachtwoord \\(bevestigen\\)")).fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/account/confirm-email/\S+", mailoutbox[0].body).group(0)
    # Mails link to the public address (WEERBAAR_BASE_URL); the test follows the path there.
    page.goto(base + urlsplit(link).path)
    page.get_by_role("button", name=re.compile("Bevestig")).click()

    # Enrol, take the pre-test.
    page.goto(base + course.url)
    page.get_by_role("button", name="Inschrijven en beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voortoets")
    answer_test(page, right=False)
    expect(page.get_by_text("U had 0 van de 2 vragen goed (0%).")).to_be_visible()
    page.get_by_role("link", name="Naar de eerste les").click()

    # Lesson 1 with the keyboard only: answer the question, make the dilemma choice, finish.
    expect(page.get_by_role("heading", level=1)).to_have_text("Les 1")
    # Options come in the learner's own order: Tab enters the radio group, the arrows choose.
    tab_to(page, "input[name=antwoord]")
    for _ in range(8):
        if page.evaluate("() => document.activeElement.value") == "q1-a":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, "form[data-quiz-form] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-quiz-feedback]").first).to_contain_text("Goed beantwoord.")
    tab_to(page, "input[name=keuze][value='d1-s1-goed']")
    page.keyboard.press("Space")
    tab_to(page, ".dilemma button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("U hoort wat er speelt.")).to_be_visible()
    expect(page.get_by_role("heading", name="Wat te doen")).to_be_visible()
    tab_to(page, "textarea[name=notitie]")
    page.keyboard.type("Eerst overleggen met de zorgcoördinator.")
    tab_to(page, ".reflection button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Uw notitie is bewaard.")).to_be_visible()
    tab_to(page, ".lesson__end button[type=submit]")
    page.keyboard.press("Enter")

    # Lesson 2 with the mouse; the quiz is answered in place by the JSON API.
    expect(page.get_by_role("heading", level=1)).to_have_text("Les 2")
    expect(page.get_by_text("1 van 2 lessen afgerond")).to_be_visible()
    page.locator("input[value='q2-b']").check()
    page.get_by_role("button", name="Controleer mijn antwoord").click()
    expect(page.locator("[data-quiz-feedback]")).to_contain_text("Nog niet helemaal goed.")
    assert "/leren/" not in page.url, "the answer was checked without leaving the page"
    page.get_by_role("button", name="Les afronden en naar de eindtoets").click()

    # The final test, failed once and then passed.
    expect(page.get_by_role("heading", level=1)).to_have_text("Eindtoets")
    answer_test(page, right=False)
    expect(page.get_by_text("U hebt 50% goed nodig")).to_be_visible()
    page.get_by_role("link", name="Eindtoets opnieuw maken").click()
    answer_test(page, right=True)
    expect(page.get_by_text("Gefeliciteerd, u bent geslaagd.")).to_be_visible()
    # Learning gain compares the pre-test with the attempt that passed, never the failed try.
    expect(
        page.get_by_text(
            "van 0% goed bij de voortoets naar 100% bij de eindtoets waarmee u slaagde"
        )
    ).to_be_visible()

    # The certificate: name it, download it, verify it.
    page.get_by_role("link", name="Naar uw certificaat").click()
    page.get_by_label("Naam op het certificaat").fill("Noor Jansen")
    page.get_by_role("button", name="Certificaat aanmaken").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Certificaat downloaden (pdf)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("certificaat-weerbaar-")
    pdf_text = PdfReader(io.BytesIO(Path(download.path()).read_bytes())).pages[0].extract_text()
    assert "Noor Jansen" in pdf_text and "Signaleren en handelen" in pdf_text
    certificate = Certificate.objects.get()
    page.get_by_role("link", name="Controlepagina bekijken").click()
    expect(page.get_by_role("heading", name="Dit certificaat is geldig")).to_be_visible()
    expect(page.get_by_text("Noor Jansen")).to_be_visible()
    assert certificate.code in page.url

    page.goto(base + "/mijn-leeromgeving/")
    # The certificate's title, and (as it differs) the course's own name beside it.
    cell = page.get_by_role("cell", name=re.compile(r"^Signaleren en handelen"))
    expect(cell).to_be_visible()
    expect(cell).to_contain_text(f"de cursus heet „{course.title}”")
    assert LessonProgress.objects.filter(first_completed_at__isnull=False).count() == 2


def test_lesson_page_records_reading_progress_with_javascript(page, course_site):
    from courses.services import enrolment_create
    from tests.factories import UserFactory

    course = course_site.course
    user = UserFactory(username="lezer")
    enrolment_create(user=user, course=course)
    course.pre_test_mode = "none"
    course.save_revision().publish()
    page.goto(course_site.url + "/account/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill("een-veilig-wachtwoord-123")
    page.locator("main").get_by_role("button", name="Aanmelden").click()
    lesson = course.get_children().first()
    page.goto(course_site.url + lesson.url)
    page.locator(".lesson__end").scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # the IntersectionObserver reports on a later frame
    page.evaluate(
        "Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});"
        "document.dispatchEvent(new Event('visibilitychange'))"
    )
    page.wait_for_timeout(1500)
    row = LessonProgress.objects.get(user=user, lesson=lesson)
    assert row.progress == 1.0, "every block of the lesson was on screen"
    assert not row.is_complete, "reading alone does not complete a lesson with questions"


def _focused_id(page) -> str:
    # Playwright's own evaluate runs even where the page's scripts are off.
    return page.evaluate("() => document.activeElement ? document.activeElement.id : ''")


@pytest.mark.parametrize("javascript", [False, True], ids=["zonder-js", "met-js"])
def test_feedback_takes_focus_after_each_lesson_answer(browser, course_site, javascript):
    """Issue 16: after answering, focus lands on the feedback, so a screen reader reads it.

    Without JavaScript every form posts and the lesson reloads at the feedback's fragment; the
    feedback is focusable (tabindex -1), so Chromium focuses it on the reload. With JavaScript
    the quiz is answered in place and lesson.js focuses the feedback; the other blocks reload.
    """
    from django.test import Client

    from courses.services import enrolment_create
    from tests.factories import UserFactory

    course = course_site.course
    course.pre_test_mode = "none"
    course.save_revision().publish()
    user = UserFactory(username="focus")
    enrolment_create(user=user, course=course)
    client = Client()
    client.force_login(user)
    context = browser.new_context(java_script_enabled=javascript)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": course_site.url,
            }
        ]
    )
    page = context.new_page()
    lesson_url = course_site.url + course.get_children().first().url
    page.goto(lesson_url)

    page.locator("input[value='q1-b']").check()
    page.get_by_role("button", name="Controleer mijn antwoord").click()
    feedback = page.locator("#vraag-q1-terugkoppeling")
    expect(feedback).to_contain_text("Nog niet helemaal goed.")
    if javascript:
        assert page.url == lesson_url, "answered in place"
    else:
        assert page.url == lesson_url + "#vraag-q1-terugkoppeling"
    expect(feedback).to_have_attribute("tabindex", "-1")
    expect(feedback).to_have_attribute("role", "status")
    assert _focused_id(page) == "vraag-q1-terugkoppeling"

    page.locator("input[value='d1-s1-fout']").check()
    page.locator(".dilemma button[type=submit]").click()
    expect(page.locator("#stap-d1-s1-uitkomst")).to_contain_text("Wat er gebeurt:")
    assert page.url == lesson_url + "#stap-d1-s1-uitkomst"
    expect(page.locator("#stap-d1-s1-uitkomst")).to_have_attribute("tabindex", "-1")
    assert _focused_id(page) == "stap-d1-s1-uitkomst"

    page.locator("textarea[name=notitie]").fill("Eerst overleggen met de zorgcoördinator.")
    page.locator(".reflection button[type=submit]").click()
    saved = page.locator("#reflectie-r1-bewaard")
    expect(saved).to_contain_text("Bewaard op ")
    assert page.url == lesson_url + "#reflectie-r1-bewaard"
    expect(saved).to_have_attribute("tabindex", "-1")
    assert _focused_id(page) == "reflectie-r1-bewaard"
    context.close()


@pytest.fixture
def demo_courses_site(kennisbank_site):
    call_command(
        "import_courses",
        str(Path(settings.BASE_DIR) / "fixtures" / "courses" / "demo.json"),
        verbosity=0,
    )
    return kennisbank_site


def test_axe_finds_no_violations_on_course_pages(browser, demo_courses_site, axe_audit):
    import uuid

    from courses.models import CoursePage, LessonPage
    from courses.services import assessment_submit, certificate_code_new, enrolment_create
    from tests.factories import UserFactory

    user = UserFactory(username="auditor")
    course = CoursePage.objects.get(slug="basistraining-signaleren")
    for each in CoursePage.objects.all():
        enrolment_create(user=user, course=each)
    certificate = Certificate.objects.create(
        code=certificate_code_new(),
        user=user,
        course=course,
        holder_name="Noor Jansen",
        course_title=course.certificate_heading,
        provider_name=course.provider.name,
        completed_on="2026-11-01",
        expires_on="2028-11-01",
    )
    base = demo_courses_site.url
    lessons = list(LessonPage.objects.live().order_by("path"))
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for path in (
            "/cursussen/",
            course.url,
            f"/certificaat/{certificate.code}/",
            "/certificaat/onbekend/",
        ):
            page.goto(base + path)
            axe_audit(page)
        page.goto(base + "/account/login/")
        page.get_by_label("E-mail").fill(user.email)
        page.get_by_label("Wachtwoord").fill("een-veilig-wachtwoord-123")
        page.locator("main").get_by_role("button", name="Aanmelden").click()
        # At phone width the account links sit in the folded header menu.
        expect(page.get_by_role("link", name="Afmelden", include_hidden=True)).to_have_count(1)
        for path in (course.url, f"/leren/cursus/{course.pk}/toets/pre/", "/mijn-leeromgeving/"):
            page.goto(base + path)
            axe_audit(page)
        for each in CoursePage.objects.all():
            if each.has_pre_test and not each.test_attempts.filter(user=user).exists():
                answers = {
                    b.id: [b.value["options"].bound_blocks[0].id] for b in each.pre_test_questions
                }
                assessment_submit(
                    user=user, course=each, kind="pre", token=str(uuid.uuid4()), answers=answers
                )
        page.goto(base + f"/leren/cursus/{course.pk}/toets/pre/")
        axe_audit(page)  # the pre-test's result page
        # Every demo lesson at desktop width; at phone width the first lesson of each course.
        chosen = (
            lessons if width == 1280 else [les for les in lessons if les.get_prev_sibling() is None]
        )
        for lesson in chosen:
            page.goto(base + lesson.url)
            expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
            axe_audit(page)
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_renewal_from_the_dashboard_and_the_replaced_verification_page(
    browser, course_site, axe_audit, width
):
    """Issue 11: an expiring certificate offers "Verlengen" on Mijn leeromgeving; passing the
    final test again renews it, and the old code's page reads "vervangen", without the name."""
    import datetime
    import os

    from django.test import Client
    from django.utils import timezone

    from courses.services import certificate_issue, enrolment_create, lesson_progress_record
    from tests.factories import UserFactory

    course = course_site.course
    course.pre_test_mode = "none"
    course.renewal = "final_test"
    course.save_revision().publish()
    user = UserFactory(username="verlenger")
    enrolment_create(user=user, course=course)
    from courses.services import question_answer

    for lesson in course.get_children().specific():
        for qid in lesson.question_ids():
            question_answer(user=user, lesson=lesson, question_id=qid, selected=[f"{qid}-a"])
        lesson_progress_record(user=user, lesson=lesson, reached_end=True)
    from courses.services import assessment_submit

    assessment_submit(
        user=user,
        course=course,
        kind="final",
        token="6b1f3c1e-8c1a-4a57-9d6a-0c4f1f0b1a12",
        answers={b.id: [f"{b.id}-a"] for b in course.final_test},
    )
    old = certificate_issue(user=user, course=course, holder_name="Noor Jansen")
    Certificate.objects.filter(pk=old.pk).update(
        expires_on=timezone.localdate() + datetime.timedelta(days=20)
    )
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": course_site.url,
            }
        ]
    )
    page = context.new_page()
    shots = os.environ.get("SHOTS_DIR")  # screenshots for review, when asked for

    page.goto(course_site.url + "/mijn-leeromgeving/")
    expect(page.get_by_text("Certificaten die verlopen of verlopen zijn")).to_be_visible()
    renew = page.get_by_role("link", name=re.compile("^Verlengen")).first
    expect(renew).to_be_visible()
    axe_audit(page)
    if shots:
        page.screenshot(path=f"{shots}/dashboard-verlengen-{width}.png", full_page=True)
    renew.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eindtoets")
    answer_test(page, right=True)
    expect(page.get_by_text("Gefeliciteerd, u bent geslaagd.")).to_be_visible()
    new = Certificate.objects.get(user=user, replaced_at__isnull=True)
    assert new.pk != old.pk

    page.goto(course_site.url + f"/certificaat/{old.code}/")
    expect(page.get_by_role("heading", name="Dit certificaat is vervangen")).to_be_visible()
    expect(
        page.get_by_text("Dit certificaat is vervangen door een nieuwer certificaat.")
    ).to_be_visible()
    expect(page.get_by_text("Noor Jansen")).to_have_count(0)
    axe_audit(page)
    if shots:
        page.screenshot(path=f"{shots}/verify-vervangen-{width}.png", full_page=True)

    page.goto(course_site.url + "/mijn-leeromgeving/")
    # At 390 px the table stacks into blocks, so look in the table, not for a cell role.
    expect(
        page.locator(".certificates-table td", has_text=re.compile("^vervangen$"))
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Verlengen"))).to_have_count(0)
    axe_audit(page)
    if shots:
        page.screenshot(path=f"{shots}/dashboard-na-verlengen-{width}.png", full_page=True)
    context.close()
