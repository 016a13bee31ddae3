"""Account pages in a real browser: WCAG audits, MFA set-up for staff, and profile fields that
never run a script whatever is typed into them."""

import pytest
from playwright.sync_api import expect

from accounts.roles import EDITORS
from tests.factories import UserFactory, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "een-veilig-wachtwoord-123"

XSS_PAYLOADS = [
    "<script>window.__xss = 1; alert(1)</script>",
    '<img src=x onerror="window.__xss = 2; alert(2)">',
    '<svg onload="window.__xss = 3; alert(3)"></svg>',
    '"><script>window.__xss = 4</script>',
    "javascript:window.__xss = 5; alert(5)",
    "data:text/html,<script>alert(6)</script>",
    '<a href="javascript:alert(7)">klik</a><b <i onmouseover=alert(8)>',
    "</textarea></title><iframe src=javascript:alert(9)>",
]


def _sign_in(page, site, user):
    page.goto(site.url + "/account/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(site.url + "/")


def test_axe_on_account_pages(page, demo_site, axe_audit):
    user = UserFactory(username="axe-account")
    _sign_in(page, demo_site, user)
    for path in (
        "/account/profiel/",
        "/account/mijn-gegevens/",
        "/account/sessions/",
        "/account/2fa/",
        "/account/verwijderen/",
        "/account/email/",
    ):
        page.goto(demo_site.url + path)
        expect(page.get_by_role("navigation", name="Accountinstellingen")).to_be_visible()
        axe_audit(page)
    # The password check allauth shows before MFA changes once the sign-in is older than five
    # minutes, and the MFA set-up page, which a fresh sign-in opens directly.
    page.goto(demo_site.url + "/account/reauthenticate/")
    expect(page.get_by_label("Wachtwoord")).to_be_visible()
    axe_audit(page)
    page.goto(demo_site.url + "/account/2fa/totp/activate/")
    expect(page.get_by_role("img")).not_to_have_count(0)
    axe_audit(page)
    # The profile with every error shown.
    page.goto(demo_site.url + "/account/profiel/")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#form-errors")).to_be_focused()
    axe_audit(page)


def test_axe_on_account_pages_at_phone_width(browser, demo_site, axe_audit):
    user = UserFactory(username="axe-telefoon")
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    _sign_in(page, demo_site, user)
    for path in ("/account/profiel/", "/account/sessions/", "/account/mijn-gegevens/"):
        page.goto(demo_site.url + path)
        axe_audit(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways ({width}px)"
    context.close()


def _editors_group():
    """Transactional tests flush the groups Wagtail's migrations made; make Editors again."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


def test_an_editor_sets_up_mfa_before_the_admin_opens(page, demo_site):
    _editors_group()
    editor = UserFactory(username="redactie", groups=[EDITORS])
    _sign_in(page, demo_site, editor)
    page.goto(demo_site.url + "/beheer/")
    # Just signed in, so the set-up page opens without asking the password again; the reason
    # is shown there.
    page.wait_for_url("**/2fa/totp/activate/**")
    expect(page.get_by_text("tweestapsverificatie verplicht")).to_be_visible()
    secret = page.locator("#authenticator_secret").inner_text()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activeer").click()
    page.wait_for_url("**/2fa/recovery-codes/")
    page.goto(demo_site.url + "/beheer/")
    expect(page).to_have_url(demo_site.url + "/beheer/")


def test_profile_fields_never_execute_scripts(page, demo_site):
    user = UserFactory(username="xss")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _sign_in(page, demo_site, user)
    for payload in XSS_PAYLOADS:
        page.goto(demo_site.url + "/account/profiel/")
        page.get_by_label("Weergavenaam").fill(payload)
        page.get_by_label("Organisatie").fill(payload[:120])
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text("Uw profiel is opgeslagen.")).to_be_visible()
        page.reload()
        # The text comes back exactly as typed, as text.
        expect(page.get_by_label("Weergavenaam")).to_have_value(" ".join(payload.split()))
        assert page.evaluate("window.__xss") is None, payload
        assert page.locator("main img[src='x'], main svg, main iframe, main script").count() == 0
    page.goto(demo_site.url + "/account/mijn-gegevens/")
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
