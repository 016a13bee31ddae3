"""The kennisbank in a real browser: filter practices, read and print a guide, share a practice."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from kennisbank.models import BestPracticePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_filter_practices_without_javascript(browser, kennisbank_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(kennisbank_site.url + "/wat-werkt/")
    total = int(re.search(r"(\d+)", page.get_by_role("status").inner_text()).group(1))
    assert total == 26
    onderwijs = page.get_by_role("group", name="Domein").get_by_label(re.compile(r"^Onderwijs"))
    label_text = onderwijs.locator("xpath=following-sibling::label").inner_text()
    expected = int(re.search(r"\((\d+)", label_text).group(1))
    onderwijs.check()
    page.get_by_role("button", name="Toepassen").click()
    assert "domein=onderwijs" in page.url
    expect(page.get_by_role("status")).to_contain_text(f"{expected} resultat")
    expect(page.locator(".result")).to_have_count(min(expected, 12))
    page.get_by_role("link", name=re.compile("Onderwijs.*filter verwijderen")).click()
    expect(page.get_by_role("status")).to_contain_text("26 resultaten")
    context.close()


def test_open_a_guide_and_print_it_on_two_pages(page, kennisbank_site):
    page.goto(kennisbank_site.url + "/signalen-herkennen/")
    page.get_by_role("link", name=re.compile("Signalen van radicalisering in de klas")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("in de klas")
    expect(page.get_by_text("Eén signaal is geen bewijs")).to_be_visible()
    expect(page.get_by_role("heading", name="Wat kunt u doen?")).to_be_visible()
    expect(page.get_by_role("button", name="Afdrukken als checklist")).to_be_visible()
    pdf = page.pdf(format="A4")
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    assert 1 <= len(pages) <= 2, f"the print view takes {len(pages)} pages"


def test_practice_page_explains_its_evidence_level(page, kennisbank_site):
    practice = BestPracticePage.objects.select_related("evidence_level").first()
    page.goto(kennisbank_site.url + practice.url)
    expect(page.get_by_text(practice.evidence_level.description)).to_be_visible()
    page.get_by_role("link", name="Meer over de niveaus van bewijs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Niveaus van bewijs")
    expect(page.locator(".ladder__level")).to_have_count(6)


def test_a_professional_shares_a_practice(page, kennisbank_site):
    user = UserFactory(username="deler")
    page.goto(kennisbank_site.url + "/deel-uw-praktijk/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill("een-veilig-wachtwoord-123")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/deel-uw-praktijk/")
    page.get_by_role("button", name="Insturen voor beoordeling").click()
    expect(page.get_by_role("alert")).to_contain_text("velden die aandacht nodig hebben")
    page.get_by_label("Naam van de aanpak").fill("Praatgroep voor ouders")
    page.get_by_label("Samenvatting").fill(
        "Ouders praten met elkaar over zorgen om hun kinderen online."
    )
    page.get_by_label("Beschrijving").fill(
        "<p>Maandelijks komen ouders samen met een jongerenwerker om ervaringen te delen.</p>"
    )
    page.get_by_label(re.compile(r"^Doel \(verplicht\)$")).fill("Ouders weerbaar maken.")
    page.get_by_label("Doelgroep").fill("Ouders van tieners.")
    page.get_by_label(re.compile(r"^Organisatie \(verplicht\)$")).fill("Stichting Ouderkracht")
    page.get_by_role("group", name=re.compile("Voor wie")).get_by_label("Sleutelfiguur").check()
    page.get_by_role("group", name=re.compile("^Domein")).get_by_label("Welzijn").check()
    page.get_by_role("group", name=re.compile("^Fase")).get_by_label("Preventie").check()
    page.get_by_label(re.compile("geen gegevens over cliënten")).check()
    page.get_by_role("button", name="Insturen voor beoordeling").click()
    page.wait_for_url("**/mijn-inzendingen/")
    expect(page.get_by_role("cell", name="Praatgroep voor ouders")).to_be_visible()
    expect(page.get_by_role("cell", name="Wordt beoordeeld door de redactie")).to_be_visible()
    assert not BestPracticePage.objects.get(title="Praatgroep voor ouders").live


KENNISBANK_PAGES = [
    "/signalen-herkennen/",
    "/signalen-herkennen/?rol=docent&thema=polarisatie",
    "/signalen-herkennen/gids-docent-signalen-klas/",
    "/wat-werkt/",
    "/wat-werkt/?domein=zorg&bewijs=goed-onderbouwd&sorteer=recent",
    "/wat-werkt/praktijk-sleutelfigurennetwerk-wijk/",
    "/niveaus-van-bewijs/",
]


def test_axe_on_kennisbank_pages(page, kennisbank_site, axe_audit):
    for path in KENNISBANK_PAGES:
        page.goto(kennisbank_site.url + path)
        axe_audit(page)


def test_axe_on_share_and_submissions_pages(page, kennisbank_site, axe_audit, client):
    user = UserFactory(username="axe")
    page.goto(kennisbank_site.url + "/account/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill("een-veilig-wachtwoord-123")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(kennisbank_site.url + "/")
    for path in ("/deel-uw-praktijk/", "/mijn-inzendingen/"):
        page.goto(kennisbank_site.url + path)
        axe_audit(page)
    page.goto(kennisbank_site.url + "/deel-uw-praktijk/")
    page.get_by_role("button", name="Insturen voor beoordeling").click()
    axe_audit(page)  # the page with every error message shown


def test_approving_a_shared_practice_in_the_editor_publishes_what_was_submitted(browser, demo_site):
    """Issue 16: "gewijzigd" after approving. The editor saves its form as a new revision before
    approving when the form differs from the page; the submitted rich text used to differ from
    what the editor writes back, so every approval logged an edit by the moderator and published
    that unapproved revision. Approving without changes must publish the submitted revision."""
    from django.conf import settings
    from django.test import Client
    from wagtail.models import (
        GroupApprovalTask,
        Page,
        PageLogEntry,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    from kennisbank.services import kennisbank_index_pages_ensure
    from tests.kennisbank.test_submissions import VALID

    kennisbank_index_pages_ensure()
    if not WorkflowPage.objects.exists():
        # An earlier live-server test flushed the database, and with it the default moderation
        # workflow that a data migration made.
        workflow = Workflow.objects.create(name="Goedkeuring door moderatoren")
        task = GroupApprovalTask.objects.create(name="Beoordeling door moderatoren")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=Page.get_first_root_node())
    professional = Client()
    professional.force_login(UserFactory())
    assert professional.post("/deel-uw-praktijk/", VALID).status_code == 302
    practice = BestPracticePage.objects.get(title=VALID["title"])
    submitted = practice.get_latest_revision()
    assert practice.workflow_in_progress, "the submission waits for a moderator"
    moderator = UserFactory(username="moderator", is_staff=True, is_superuser=True, totp=True)
    session = Client()
    session.force_login(moderator)
    context = browser.new_context()
    cookie = settings.SESSION_COOKIE_NAME
    context.add_cookies(
        [{"name": cookie, "value": session.cookies[cookie].value, "url": demo_site.url}]
    )
    page = context.new_page()
    page.goto(f"{demo_site.url}/beheer/pages/{practice.pk}/edit/")
    approve = page.locator("footer").get_by_role(
        "button", name="Goedkeuren en publiceren", exact=True
    )
    for _ in range(5):  # the menu opens once the admin's scripts have connected the dropdown
        page.locator("footer [data-w-dropdown-target='toggle']").last.click()
        try:
            approve.wait_for(state="visible", timeout=2000)
            break
        except PlaywrightTimeoutError:
            continue
    approve.click()
    page.wait_for_url(f"**/beheer/pages/{practice.get_parent().pk}/")
    context.close()

    practice.refresh_from_db()
    assert practice.live
    assert not practice.has_unpublished_changes, "no draft on top of the live page"
    assert practice.status_string == "live"
    assert practice.get_latest_revision() == submitted, "no revision saved by the approval"
    assert practice.live_revision == submitted, "the approved revision is the published one"
    actions = list(
        PageLogEntry.objects.filter(page=practice).order_by("pk").values_list("action", flat=True)
    )
    assert actions[-2:] == ["wagtail.workflow.approve", "wagtail.publish"]
    assert actions.count("wagtail.edit") == 1, "only the submission itself, no edit at approval"
