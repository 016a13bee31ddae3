"""The global layout in a real browser: reflow at 320 px (WCAG 1.4.10), the compact phone header,
focus not hidden under the sticky header (2.4.11) and target sizes (2.5.8) on every page type.

Set ``LAYOUT_SCREENSHOTS=/some/dir`` to also save a full-page screenshot of every page type at
320, 390 and 1280 px: the layout is meant to be looked at, not only measured.
"""

from __future__ import annotations

import datetime
import os
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from accounts.roles import TRAINERS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = os.environ.get("LAYOUT_SCREENSHOTS")


@pytest.fixture
def every_page_type(kennisbank_site):
    """The demo site with courses, a learner with a certificate and a trainer with a group; the
    fixture's ``pages`` maps a name to (path, who) for every page type a visitor can reach."""
    from courses.models import Certificate, CoursePage, LessonPage
    from courses.services import (
        assessment_submit,
        certificate_code_new,
        cohort_create,
        enrolment_create,
    )
    from kennisbank.models import (
        BestPracticeIndexPage,
        BestPracticePage,
        EvidenceLadderPage,
        SignalGuideIndexPage,
        SignalGuidePage,
    )

    call_command(
        "import_courses",
        str(Path(settings.BASE_DIR) / "fixtures" / "courses" / "demo.json"),
        verbosity=0,
    )
    learner = UserFactory(username="lezer")
    trainer = UserFactory(username="trainer", groups=[TRAINERS], totp=True)
    course = CoursePage.objects.live().order_by("path").first()
    enrolment_create(user=learner, course=course)
    if course.has_pre_test:  # done, so the lesson opens instead of the pre-test
        answers = {b.id: [b.value["options"].bound_blocks[0].id] for b in course.pre_test_questions}
        assessment_submit(
            user=learner, course=course, kind="pre", token=str(uuid.uuid4()), answers=answers
        )
    certificate = Certificate.objects.create(
        code=certificate_code_new(),
        user=learner,
        course=course,
        holder_name="Noor Jansen",
        course_title=course.certificate_heading,
        provider_name=course.provider.name,
        completed_on="2026-11-01",
        expires_on="2028-11-01",
    )
    cohort = cohort_create(
        trainer=trainer,
        name="Team Zuid",
        organisation="Gemeente Voorbeeld",
        courses=[course],
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2099, 12, 31),
    )
    lesson = LessonPage.objects.live().descendant_of(course).order_by("path").first()
    guide_index = SignalGuideIndexPage.objects.live().first()
    practice_index = BestPracticeIndexPage.objects.live().first()
    kennisbank_site.users = {"learner": learner, "trainer": trainer}
    kennisbank_site.pages = {
        "home": ("/", None),
        "guide-index": (guide_index.url, None),
        "guide-index-filtered": (guide_index.url + "?rol=docent", None),
        "guide": (SignalGuidePage.objects.live().first().url, None),
        "practice-index": (practice_index.url, None),
        "practice-index-filtered": (practice_index.url + "?domein=onderwijs", None),
        "practice": (BestPracticePage.objects.live().first().url, None),
        "evidence": (EvidenceLadderPage.objects.live().first().url, None),
        "course-index": ("/cursussen/", None),
        "course": (course.url, None),
        "lesson": (lesson.url, "learner"),
        "dashboard": ("/mijn-leeromgeving/", "learner"),
        "trainer": ("/trainer/", "trainer"),
        "cohort": (f"/trainer/groep/{cohort.pk}/", "trainer"),
        "search": ("/zoeken/?q=radicalisering", None),
        "search-empty": ("/zoeken/", None),
        "login": ("/account/login/", None),
        "signup": ("/account/signup/", None),
        "privacy": ("/privacy/", None),
        "accessibility": ("/toegankelijkheid/", None),
        "certificate": (f"/certificaat/{certificate.code}/", None),
        "not-found": ("/bestaat-niet/", None),
    }
    return kennisbank_site


def signed_in_context(browser, site, who: str | None, **options):
    """A browser context, signed in as ``who`` through a session made on the server side."""
    context = browser.new_context(**options)
    if who:
        client = Client()
        client.force_login(site.users[who])
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site.url}])
    return context


def each_page(browser, site, width: int, height: int = 800, **options):
    """Yield (name, page) for every page type at ``width``, one signed-in context per role."""
    contexts = {}
    try:
        for name, (path, who) in site.pages.items():
            if who not in contexts:
                contexts[who] = signed_in_context(
                    browser, site, who, viewport={"width": width, "height": height}, **options
                )
                contexts[who].new_page()
            page = contexts[who].pages[0]
            response = page.goto(site.url + path)
            expected = 404 if name == "not-found" else 200
            assert response.status == expected, f"{name} {path}: HTTP {response.status}"
            yield name, page
    finally:
        for context in contexts.values():
            context.close()


def test_no_page_scrolls_sideways_at_320_px(browser, every_page_type):
    """WCAG 1.4.10 Reflow: 320 CSS px (1280 px at 400 % zoom) needs no horizontal scrolling."""
    overflowing = {}
    for width in (320, 390, 1280) if SCREENSHOTS else (320,):
        for name, page in each_page(browser, every_page_type, width):
            if SCREENSHOTS:
                page.screenshot(path=f"{SCREENSHOTS}/{name}-{width}.png", full_page=True)
            # WCAG 3.2.6 Consistent Help: the same help, last-but-one in the footer, everywhere.
            help_link = page.locator("footer .site-footer__help a[href^='mailto:']")
            expect(help_link).to_have_attribute("href", f"mailto:{settings.SUPPORT_EMAIL}")
            assert (
                page.evaluate(
                    "[...document.querySelector('.site-footer__inner').children]"
                    ".indexOf(document.querySelector('.site-footer__help'))"
                )
                == 1
            ), name
            scroll, inner = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll > inner:
                culprits = page.evaluate(
                    """(w) => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > w + 1)
                        .filter(e => !e.closest('.visually-hidden, .table-wrap'))
                        .slice(0, 4).map(e => e.tagName.toLowerCase() + '.' + e.className)""",
                    inner,
                )
                overflowing[f"{name}@{width}"] = (scroll, culprits)
    assert overflowing == {}, f"pages wider than the viewport: {overflowing}"


def content_top(page) -> float:
    """Where the page's own content (messages included) starts: the header's bottom edge."""
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().bottom")


def test_phone_header_is_one_row_so_content_starts_near_the_top(browser, every_page_type):
    """Before: brand, account links, a two-row navigation and the search ended 266 px down
    (signed in: 296 px) at 390 px, a third of the screen. Now one row: brand and "Menu"."""
    for name, page in each_page(browser, every_page_type, 390):
        if name in ("home", "dashboard", "lesson", "search"):
            top = content_top(page)
            assert top <= 90, f"{name}: the content starts {top:.0f} px down at 390 px"
            expect(page.get_by_role("button", name="Menu")).to_be_visible()
    for name, page in each_page(browser, every_page_type, 1280):
        if name in ("home", "dashboard"):
            expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
            expect(page.get_by_role("navigation", name="Account")).to_be_visible()
            expect(page.get_by_role("button", name="Menu")).to_be_hidden()
            assert content_top(page) <= 140


def test_phone_menu_opens_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(demo_site.url + "/privacy/")
    assert content_top(page) <= 90
    main_nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(main_nav).to_be_hidden()
    page.get_by_role("link", name="Menu", exact=True).click()
    expect(main_nav).to_be_visible()
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/menu-open-nojs-390.png")
    expect(page.get_by_role("link", name="Aanmelden")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Zoeken in Weerbaar")).to_be_visible()
    page.get_by_role("link", name="Menu sluiten").click()
    expect(main_nav).to_be_hidden()
    page.get_by_role("link", name="Menu", exact=True).click()
    main_nav.get_by_role("link", name="Home").click()
    page.wait_for_url(demo_site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    context.close()


def test_phone_menu_is_a_disclosure_button_with_javascript(browser, demo_site):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(demo_site.url + "/")
    button = page.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    main_nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(main_nav).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(main_nav).to_be_visible()
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/menu-open-js-390.png")
    assert page.url == demo_site.url + "/", "opening the menu adds no #fragment"
    page.get_by_role("link", name="Aanmelden").focus()
    page.keyboard.press("Escape")
    expect(main_nav).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    context.close()


def test_hidden_means_hidden_without_javascript(browser, kennisbank_site):
    """``.btn`` set display: inline-block and so beat the ``hidden`` attribute: the print button
    showed without JavaScript and did nothing. No element with ``hidden`` may render."""
    from kennisbank.models import SignalGuidePage

    guide = SignalGuidePage.objects.live().first()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("/", guide.url, "/zoeken/?q=radicalisering", "/account/login/"):
        page.goto(kennisbank_site.url + path)
        shown = page.evaluate(
            "[...document.querySelectorAll('[hidden]')].filter(e => e.getClientRects().length)"
            ".map(e => e.outerHTML.slice(0, 80))"
        )
        assert shown == [], f"{path}: elements with hidden render: {shown}"
    page.goto(kennisbank_site.url + guide.url)
    expect(page.get_by_role("button", name="Afdrukken als checklist")).to_be_hidden()
    context.close()
    page = browser.new_page()
    page.goto(kennisbank_site.url + guide.url)
    expect(page.get_by_role("button", name="Afdrukken als checklist")).to_be_visible()
    page.close()


FOCUS_OBSCURED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    const shown = r.bottom > 0 && r.top < innerHeight && hit && (e.contains(hit) || hit.contains(e)
        || (e.labels && [...e.labels].some(l => l.contains(hit))));
    return shown ? null : `${e.tagName.toLowerCase()} "${(e.innerText || e.name || '').slice(0, 40)}"`
        + ` at ${Math.round(r.top)} px, under ${hit ? hit.tagName.toLowerCase() + '.' + hit.className : 'nothing'}`;
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_focus_is_never_hidden_behind_other_content(browser, every_page_type, width):
    """WCAG 2.4.11 Focus Not Obscured: Tab through long pages; each focused element is on screen
    and nothing (a sticky header, the autocomplete, a banner) lies over it."""
    hidden = []
    for name, page in each_page(browser, every_page_type, width, height=700):
        if name not in ("guide", "practice-index", "search", "lesson", "cohort"):
            continue
        for _ in range(40):
            page.keyboard.press("Tab")
            problem = page.evaluate(FOCUS_OBSCURED)
            if problem:
                hidden.append(f"{name}: {problem}")
    assert hidden == [], hidden


TARGETS = """() => {
    // WCAG 2.5.8: targets in navigation, filters, pagination and controls. Inline links in
    // running text are exempt; so is a target whose 24 px circle touches no other target.
    const selector = 'nav a, .footer-links a, .pagination a, .active-filters a, button, summary,'
        + ' input:not([type=hidden]), select, .btn, .menu-toggle a';
    const all = [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length
        && !e.closest('.visually-hidden, .skip-inline, .skip-link, .wagtail-userbar')
        && getComputedStyle(e).visibility !== 'hidden');
    const boxes = all.map(e => ({e, r: e.getBoundingClientRect()}));
    const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
    const distance = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right),
                                              Math.max(r.top - y, 0, y - r.bottom));
    const small = boxes.filter(b => b.r.width < 23.5 || b.r.height < 23.5);
    return small.filter(b => boxes.some(o => o.e !== b.e && !o.e.contains(b.e) && !b.e.contains(o.e)
            && (o.r.width < 23.5 || o.r.height < 23.5
                ? Math.hypot(centre(b.r)[0] - centre(o.r)[0], centre(b.r)[1] - centre(o.r)[1]) < 24
                : distance(centre(b.r), o.r) < 12)))
        .map(b => `${b.e.tagName.toLowerCase()} "${(b.e.innerText || b.e.name || b.e.id).slice(0, 30)}"`
            + ` ${Math.round(b.r.width)}x${Math.round(b.r.height)}`);
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_targets_are_at_least_24_px_or_well_spaced(browser, every_page_type, width):
    """WCAG 2.5.8 Target Size (Minimum), measured on the rendered boxes of every page type,
    with the phone menu unfolded so its links are measured too."""
    too_small = {}
    for name, page in each_page(browser, every_page_type, width):
        if width < 768:
            page.get_by_role("button", name="Menu").click()
        found = page.evaluate(TARGETS)
        if found:
            too_small[name] = found[:6]
        # 2.5.7 Dragging Movements: nothing on the site is operated by dragging.
        assert page.locator("[draggable=true]").count() == 0, f"{name}: a draggable element"
    assert too_small == {}, too_small
