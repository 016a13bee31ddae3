"""Search in a real browser: facets without JavaScript, the autocomplete combobox, axe."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_facets_work_without_javascript(browser, kennisbank_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(kennisbank_site.url + "/zoeken/?q=polarisatie")
    status = page.get_by_role("status").first
    expect(status).to_contain_text("resultaten voor")
    group = page.get_by_role("group", name="Voor wie")
    group.get_by_label("Wijkagent").check()
    page.get_by_role("button", name="Toepassen").click()
    expect(page).to_have_url(re.compile(r"rol=wijkagent"))
    expect(page.locator(".active-filters")).to_contain_text("Wijkagent")
    expect(page.locator(".search-result mark").first).to_be_visible()
    context.close()


def test_autocomplete_with_the_keyboard(page, kennisbank_site):
    page.goto(kennisbank_site.url + "/zoeken/")
    box = page.get_by_role("combobox", name="Zoekterm")
    box.focus()
    page.keyboard.type("weerbaarheidstr", delay=20)
    listbox = page.get_by_role("listbox", name="Suggesties")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    option = listbox.get_by_role("option").first
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/wat-werkt/praktijk-weerbaarheidstraining-jongeren-jongerenwerk/")


def test_escape_closes_the_suggestions(page, kennisbank_site):
    page.goto(kennisbank_site.url + "/")
    box = page.locator("#header-search-q")
    box.focus()
    page.keyboard.type("complot", delay=20)
    expect(page.get_by_role("listbox").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize(
    "path",
    ["/zoeken/?q=radicalisering&rol=docent", "/zoeken/?q=polarisatei", "/zoeken/?q=qqxxyyzz"],
)
def test_axe_on_search_pages(page, kennisbank_site, axe_audit, path):
    page.goto(kennisbank_site.url + path)
    axe_audit(page)


def test_axe_with_suggestions_open(page, kennisbank_site, axe_audit):
    page.goto(kennisbank_site.url + "/zoeken/")
    page.get_by_role("combobox", name="Zoekterm").focus()
    page.keyboard.type("radicali", delay=20)
    expect(page.get_by_role("listbox", name="Suggesties")).to_be_visible()
    page.keyboard.press("ArrowDown")
    axe_audit(page)
