"""The page an ApplicationError becomes outside the API: Dutch, the error's status, accessible."""

import pytest

pytestmark = pytest.mark.urls("tests.browser.error_urls")


@pytest.mark.parametrize("width", [390, 1280])
def test_an_application_error_is_a_dutch_page_that_passes_axe(
    browser, demo_site, axe_audit, width, tmp_path
):
    page = browser.new_page(viewport={"width": width, "height": 900})
    response = page.goto(f"{demo_site.url}/test-fout/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Dit kan niet"
    assert page.get_by_role("alert").inner_text() == "U bent niet ingeschreven voor deze cursus."
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width
    axe_audit(page)
    page.screenshot(path=str(tmp_path / f"fout-{width}.png"), full_page=True)
    page.close()
