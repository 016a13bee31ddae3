"""Guide, practice and evidence-ladder pages: what they render, where they may live, what is related."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.models.taxonomy import EVIDENCE_LEVELS
from home.models import HomePage
from kennisbank.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    EvidenceLadderPage,
    SignalGuideIndexPage,
    SignalGuidePage,
)
from tests.kennisbank.factories import BestPracticePageFactory, SignalGuidePageFactory

pytestmark = pytest.mark.django_db

CAUTION = "Eén signaal is geen bewijs"


def _signal(category: str, label: str) -> tuple[str, dict]:
    return (
        "signal",
        {
            "category": category,
            "label": label,
            "description": f"Omschrijving van {label}.",
            "example": "",
            "caution": "",
        },
    )


def _years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    try:
        then = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        then = today.replace(year=today.year - years, day=28)
    return then - datetime.timedelta(days=days)


# --- Signal guide ------------------------------------------------------------------------------


@pytest.fixture
def full_guide(guide_index):
    return SignalGuidePageFactory(
        parent=guide_index,
        title="Signalen in de klas",
        slug="signalen-in-de-klas",
        summary="Voor docenten in het voortgezet onderwijs.",
        role_slugs=["docent", "jongerenwerker"],
        theme_slugs=["polarisatie"],
        signals=[
            _signal("Gedrag", "Terugtrekken"),
            _signal("Online", "Extremistische memes"),
            _signal("Gedrag", "Gezag afwijzen"),
            _signal("Uitingen en taal", "Wij-zij-denken"),
        ],
        steps=[
            ("step", {"title": "Observeer en noteer", "text": "Schrijf feiten op."}),
            ("step", {"title": "Ga het gesprek aan", "text": ""}),
            ("step", {"title": "Overleg met het zorgteam", "text": "Binnen een week."}),
        ],
        contacts=[
            (
                "contact",
                {
                    "who": "Aanspreekpunt radicalisering",
                    "when": "Bij aanhoudende zorg.",
                    "how": "Via het algemene nummer van de gemeente",
                },
            )
        ],
        legal_frame="<p>U mag zorgen delen binnen de <b>meldcode</b>.</p>",
    )


def test_signal_groups_follow_first_use_of_each_category(full_guide):
    groups = full_guide.signal_groups()
    assert [category for category, _ in groups] == ["Gedrag", "Online", "Uitingen en taal"]
    assert [[signal["label"] for signal in signals] for _, signals in groups] == [
        ["Terugtrekken", "Gezag afwijzen"],
        ["Extremistische memes"],
        ["Wij-zij-denken"],
    ]


def test_guide_renders_every_part_in_order(client, full_guide):
    response = client.get("/signalen-herkennen/signalen-in-de-klas/")
    assert response.status_code == 200
    assert "kennisbank/signal_guide_page.html" in [t.name for t in response.templates]
    html = response.content.decode()

    assert "<h1>Signalen in de klas</h1>" in html
    assert CAUTION in html
    # Signals grouped under their category, categories in first-use order.
    positions = [
        html.index(fragment)
        for fragment in (
            "<h3>Gedrag</h3>",
            "Terugtrekken",
            "Gezag afwijzen",
            "<h3>Online</h3>",
            "Extremistische memes",
            "<h3>Uitingen en taal</h3>",
            "Wij-zij-denken",
        )
    ]
    assert positions == sorted(positions)
    assert html.count("<h3>Gedrag</h3>") == 1
    # Steps are an ordered list, in editor order.
    steps = re.search(r'<ol class="steps">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r'<span class="step__title">(.*?)</span>', steps) == [
        "Observeer en noteer",
        "Ga het gesprek aan",
        "Overleg met het zorgteam",
    ]
    assert '<span class="step__text">Schrijf feiten op.</span>' in steps
    # Contacts, legal frame, roles.
    assert 'id="raadplegen"' in html
    assert "Aanspreekpunt radicalisering" in html and "Via het algemene nummer" in html
    assert 'id="juridisch-kader"' in html and "<b>meldcode</b>" in html
    assert re.search(
        r'<ul class="terms" aria-label="Voor wie"><li>Docent</li><li>Jongerenwerker</li></ul>', html
    )
    # Printable as a checklist.
    assert re.search(r'<link rel="stylesheet" href="[^"]*css/print\.css" media="print">', html)


def test_minimal_guide_keeps_the_caution_and_has_no_empty_sections(client, guide_index):
    guide = SignalGuidePageFactory(parent=guide_index, title="Kort", slug="kort")
    assert not guide.contacts and not guide.legal_frame
    html = client.get("/signalen-herkennen/kort/").content.decode()
    assert CAUTION in html
    assert 'id="raadplegen"' not in html and "Wie kunt u raadplegen?" not in html
    assert 'id="juridisch-kader"' not in html and "Juridisch kader" not in html
    assert '<ul class="terms"' not in html


# --- Best practice -----------------------------------------------------------------------------


def test_practice_renders_all_filled_fields_and_explains_its_evidence(
    client, practice_index, ladder_page
):
    BestPracticePageFactory(
        parent=practice_index,
        title="Buurtgesprekken",
        slug="buurtgesprekken",
        summary="Gesprekken met bewoners na een incident.",
        body="<p>Een uitgebreide beschrijving.</p>",
        aim="Spanningen verminderen.",
        target_group="Bewoners van de wijk.",
        approach="<p>Drie bijeenkomsten met een <b>neutrale</b> leider.</p>",
        effective_elements=[("element", "Neutrale gespreksleider"), ("element", "Vaste plek")],
        conditions=[("condition", "Tijd van de wijkagent")],
        evaluation="<p>Bewoners voelden zich gehoord.</p>",
        sources=[("source", {"title": "Verslag 2023", "url": "https://example.org/verslag"})],
        level="goed-onderbouwd",
        evidence_justification="Gebaseerd op contacttheorie.",
        organisation="Stichting Buurtwerk",
        region="Utrecht",
        contact="info@buurtwerk.example",
        start_year=2019,
        last_reviewed=timezone.localdate(),
        role_slugs=["wijkagent", "jongerenwerker"],
        domain_slugs=["welzijn"],
        phase_slugs=["preventie"],
        theme_slugs=["polarisatie"],
    )
    response = client.get("/wat-werkt/buurtgesprekken/")
    assert response.status_code == 200
    html = response.content.decode()
    for fragment in (
        "<h1>Buurtgesprekken</h1>",
        "Gesprekken met bewoners na een incident.",
        "Een uitgebreide beschrijving.",
        "<h2>Doel</h2><p>Spanningen verminderen.</p>",
        "<h2>Doelgroep</h2><p>Bewoners van de wijk.</p>",
        "<h2>Aanpak</h2>",
        "<b>neutrale</b>",
        "<li>Neutrale gespreksleider</li><li>Vaste plek</li>",
        "<h2>Randvoorwaarden</h2><ul><li>Tijd van de wijkagent</li></ul>",
        "Gebaseerd op contacttheorie.",
        "Bewoners voelden zich gehoord.",
        '<a href="https://example.org/verslag" rel="noopener">Verslag 2023</a>',
        "<dd>Stichting Buurtwerk</dd>",
        "<dt>Regio</dt><dd>Utrecht</dd>",
        "<dt>Gestart</dt><dd>2019</dd>",
        "info@buurtwerk.example",
        "<dd>Jongerenwerker, Wijkagent</dd>",
        "<dd>Welzijn</dd>",
        "<dd>Preventie</dd>",
        "<dd>Polarisatie</dd>",
    ):
        assert fragment in html, fragment
    assert f'<time datetime="{timezone.localdate():%Y-%m-%d}">' in html
    # Evidence: label, its one-sentence description and a link to the ladder page.
    level = {slug: (label, text) for slug, label, text in EVIDENCE_LEVELS}["goed-onderbouwd"]
    assert f"Niveau van bewijs: <strong>{level[0]}</strong>" in html
    explain = re.search(r'<p class="evidence__explain">(.*?)</p>', html, re.S).group(1)
    assert level[1] in explain
    assert f'<a href="{ladder_page.url}">' in explain
    assert ladder_page.url == "/niveaus-van-bewijs/"
    assert "toe aan herbeoordeling" not in html


def test_practice_with_only_required_fields_has_no_empty_headings(client, practice_index):
    BestPracticePageFactory(parent=practice_index, title="Kaal", slug="kaal")
    html = client.get("/wat-werkt/kaal/").content.decode()
    for heading in (
        "<h2>Doel</h2>",
        "<h2>Doelgroep</h2>",
        "<h2>Aanpak</h2>",
        "<h2>Werkzame elementen</h2>",
        "<h2>Randvoorwaarden</h2>",
        "<h3>Bronnen</h3>",
        "<dt>Regio</dt>",
        "<dt>Gestart</dt>",
        "<dt>Laatst beoordeeld</dt>",
        "<dt>Contact</dt>",
    ):
        assert heading not in html, heading
    assert '<div class="rich-text"></div>' not in html


def test_practice_without_evidence_details_has_no_empty_evidence_heading(client, practice_index):
    """No justification, evaluation or sources: the "Bewijs en evaluatie" heading has no content."""
    BestPracticePageFactory(parent=practice_index, title="Kaal", slug="kaal")
    html = client.get("/wat-werkt/kaal/").content.decode()
    prose = re.search(r'<div class="prose">(.*?)</div>\s*<aside', html, re.S).group(1)
    assert "Bewijs en evaluatie" not in prose


@pytest.mark.parametrize(
    ("last_reviewed", "expected"),
    [
        (lambda: None, True),
        (lambda: _years_ago(5, days=1), True),
        (lambda: _years_ago(12), True),
        (lambda: _years_ago(5), False),
        (lambda: _years_ago(4, days=300), False),
        (lambda: timezone.localdate(), False),
    ],
    ids=[
        "never",
        "five-years-and-a-day",
        "twelve-years",
        "exactly-five-years",
        "four-years",
        "today",
    ],
)
def test_needs_reassessment(last_reviewed, expected):
    assert BestPracticePage(last_reviewed=last_reviewed()).needs_reassessment is expected


def test_reassessment_notice_only_when_due(client, practice_index):
    BestPracticePageFactory(
        parent=practice_index, title="Oud", slug="oud", last_reviewed=_years_ago(6)
    )
    BestPracticePageFactory(
        parent=practice_index, title="Recent", slug="recent", last_reviewed=_years_ago(1)
    )
    assert "toe aan herbeoordeling" in client.get("/wat-werkt/oud/").content.decode()
    assert "toe aan herbeoordeling" not in client.get("/wat-werkt/recent/").content.decode()


# --- Evidence ladder ---------------------------------------------------------------------------


def test_evidence_ladder_lists_the_six_levels_in_ladder_order(client, ladder_page):
    response = client.get("/niveaus-van-bewijs/")
    assert response.status_code == 200
    expected = [slug for slug, _, _ in EVIDENCE_LEVELS]
    assert len(expected) == 6
    assert [level.slug for level in response.context["levels"]] == expected
    html = response.content.decode()
    titles = re.findall(
        r'<li class="ladder__level" id="([^"]+)">\s*<h2 class="ladder__title">', html
    )
    assert titles == expected
    for _, label, description in EVIDENCE_LEVELS:
        assert label in html and description in html


# --- Where pages may live ----------------------------------------------------------------------


def test_page_type_rules(homepage):
    # Before the index pages exist, they may be created under the home page only.
    assert SignalGuideIndexPage.can_create_at(homepage)
    assert BestPracticeIndexPage.can_create_at(homepage)
    assert EvidenceLadderPage.can_create_at(homepage)
    assert not SignalGuidePage.can_create_at(homepage)
    assert not BestPracticePage.can_create_at(homepage)

    from kennisbank.services import kennisbank_index_pages_ensure

    indexes = kennisbank_index_pages_ensure()
    guide_index = indexes[SignalGuideIndexPage]
    practice_index = indexes[BestPracticeIndexPage]
    ladder = indexes[EvidenceLadderPage]

    # One of each (max_count = 1).
    assert not SignalGuideIndexPage.can_create_at(homepage)
    assert not BestPracticeIndexPage.can_create_at(homepage)
    assert not EvidenceLadderPage.can_create_at(homepage)
    # Guides under the guide index, practices under the practice index, nothing crosses over.
    assert SignalGuidePage.can_create_at(guide_index)
    assert not SignalGuidePage.can_create_at(practice_index)
    assert BestPracticePage.can_create_at(practice_index)
    assert not BestPracticePage.can_create_at(guide_index)
    assert not SignalGuidePage.can_create_at(ladder)
    assert not BestPracticePage.can_create_at(ladder)
    # Guides and practices are leaves.
    guide = SignalGuidePageFactory(parent=guide_index)
    practice = BestPracticePageFactory(parent=practice_index)
    for parent in (guide, practice):
        for model in (SignalGuidePage, BestPracticePage, HomePage):
            assert not model.can_create_at(parent)
    for index in (guide_index, practice_index, ladder):
        assert index.get_parent().specific == homepage


# --- Related content ---------------------------------------------------------------------------


def test_related_content_ranks_by_overlap_and_skips_self_drafts_and_private(
    client, guide_index, practice_index
):
    SignalGuidePageFactory(
        parent=guide_index,
        title="Hoofdgids",
        slug="hoofdgids",
        role_slugs=["docent"],
        theme_slugs=["polarisatie", "jihadisme"],
    )
    other_guide = SignalGuidePageFactory(
        parent=guide_index, title="Gids thema", theme_slugs=["jihadisme"]
    )
    SignalGuidePageFactory(
        parent=guide_index, title="Gids zonder overlap", role_slugs=["wijkagent"]
    )
    best = BestPracticePageFactory(
        parent=practice_index,
        title="Zulu alles",
        role_slugs=["docent"],
        theme_slugs=["polarisatie", "jihadisme"],
    )
    two = BestPracticePageFactory(
        parent=practice_index, title="Yankee twee thema's", theme_slugs=["polarisatie", "jihadisme"]
    )
    one_a = BestPracticePageFactory(parent=practice_index, title="Bravo rol", role_slugs=["docent"])
    one_b = BestPracticePageFactory(
        parent=practice_index, title="Alfa thema", theme_slugs=["polarisatie"]
    )
    BestPracticePageFactory(parent=practice_index, title="Xray rol", role_slugs=["docent"])
    BestPracticePageFactory(parent=practice_index, title="Geen overlap", role_slugs=["wijkagent"])
    BestPracticePageFactory(
        parent=practice_index, title="Concept", role_slugs=["docent"], live=False
    )
    private = BestPracticePageFactory(
        parent=practice_index, title="Besloten", role_slugs=["docent"], theme_slugs=["polarisatie"]
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/signalen-herkennen/hoofdgids/")
    assert response.status_code == 200
    related = response.context["related"]
    assert related["guides"] == [other_guide]
    # Most overlap first (3, 2, then 1 by title); at most four, so "Xray rol" falls off.
    assert related["practices"] == [best, two, one_b, one_a]
    html = response.content.decode()
    section = html[html.index('id="related-title"') :]
    assert "Zulu alles" in section and "Gids thema" in section
    for absent in ("Geen overlap", "Concept", "Besloten", "Gids zonder overlap", "Xray rol"):
        assert absent not in section
    assert section.count('href="/signalen-herkennen/hoofdgids/"') == 0


def test_practice_page_shows_related_guides(client, guide_index, practice_index):
    guide = SignalGuidePageFactory(parent=guide_index, title="Gids", role_slugs=["wijkagent"])
    BestPracticePageFactory(
        parent=practice_index, title="Hier", slug="hier", role_slugs=["wijkagent"]
    )
    response = client.get("/wat-werkt/hier/")
    assert response.context["related"] == {"guides": [guide], "practices": [], "courses": []}
    assert f'href="{guide.url}"' in response.content.decode()
