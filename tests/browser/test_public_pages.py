"""Public pages in a real browser: demo content, keyboard use, and a WCAG 2.1 AA audit."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/privacy/",
    "/toegankelijkheid/",
    "/kwetsbaarheid-melden/",
    "/zoeken/",
    "/zoeken/?q=radicalisering",
    "/zoeken/?q=onvindbaarwoord",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/bestaat-niet/",
]


def test_home_page_shows_demo_content(page, demo_site):
    page.goto(demo_site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Radicalisering vroeg herkennen, samen handelen"
    )
    expect(page.locator(".role-card")).to_have_count(5)
    expect(page.get_by_role("link", name="Ik ben wijkagent")).to_be_visible()
    expect(
        page.get_by_role("contentinfo").get_by_role("link", name="Privacyverklaring")
    ).to_be_visible()


def test_skip_link_moves_focus_to_main_content(page, demo_site):
    page.goto(demo_site.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhoud")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_search_works_with_the_keyboard_alone(page, demo_site):
    page.goto(demo_site.url + "/")
    search = page.get_by_label("Waar zoekt u informatie over?")
    search.focus()
    page.keyboard.type("privacy")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=privacy")
    expect(page.get_by_role("status")).to_contain_text("resultaat")
    expect(page.get_by_role("link", name="Privacyverklaring").first).to_be_visible()


def test_pages_work_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site.url + "/")
    page.get_by_role("link", name="Toegankelijkheidsverklaring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegankelijkheidsverklaring")
    context.close()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_axe_finds_no_wcag_violations(page, demo_site, axe_audit, path):
    page.goto(demo_site.url + path)
    axe_audit(page)


@pytest.mark.parametrize("path", ["/", "/account/login/"])
def test_axe_on_phone_width(browser, demo_site, axe_audit, path):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(demo_site.url + path)
    axe_audit(page)
    context.close()
