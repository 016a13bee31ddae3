"""The /zoeken/ page: facets as fieldsets with counts, highlighted results, a helpful zero page."""

from __future__ import annotations

import pytest

from tests.search.helpers import guide, practice, use_database

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(practice_index, guide_index):
    practice(
        practice_index,
        title="Dialoog in de klas",
        summary="Leerlingen praten over polarisatie.",
        role_slugs=["docent"],
        level="goed-onderbouwd",
    )
    practice(
        practice_index,
        title="Polarisatie in de wijk",
        summary="Buurtgesprekken.",
        role_slugs=["wijkagent"],
    )
    guide(
        guide_index, title="Signalen van polarisatie", summary="Wat ziet u?", role_slugs=["docent"]
    )


def test_results_with_facets_that_work_without_javascript(client, backend_name, content):
    response = client.get("/zoeken/", {"q": "polarisatie", "rol": "docent"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 resultaten voor “polarisatie”" in html
    assert "<legend>Voor wie</legend>" in html and "<legend>Soort</legend>" in html
    assert 'name="rol" value="docent" checked' in html
    assert 'Wijkagent <span class="filters__count">(1' in html
    assert "<mark>" in html
    assert "Goed onderbouwd" in html and "Handreiking signaleren" in html
    assert "<script>" not in html.split("</main>")[0]  # no inline scripts in the content


def test_zero_results_page_helps(client, backend_name, content):
    response = client.get("/zoeken/", {"q": "polarisatei"})
    html = response.content.decode()
    assert "Geen resultaten gevonden" in html or "polarisatie" in html.lower()
    # A typo still shows the pages: found with typo tolerance or through the correction.
    assert "Geen resultaten gevonden" not in html
    assert "Polarisatie in de wijk" in html
    nothing = client.get("/zoeken/", {"q": "qqxxyyzz"}).content.decode()
    assert "Geen resultaten gevonden" in nothing
    assert 'href="/signalen-herkennen/"' in nothing


def test_a_typo_shows_the_results_of_the_corrected_query(client, content, settings):
    use_database(settings)
    html = client.get("/zoeken/", {"q": "dialooog"}).content.decode()
    assert "Niets gevonden voor “dialooog”." in html
    assert "resultaten voor “dialoog”" in html or "1 resultaat voor “dialoog”" in html
    assert "Geen resultaten gevonden" not in html
    assert 'value="dialooog"' in html  # the visitor's own words stay in the box


def test_a_phrase_with_a_typo_is_not_rewritten_but_gets_a_suggestion(client, content, settings):
    use_database(settings)
    html = client.get("/zoeken/", {"q": 'dialooog "in de klas"'}).content.decode()
    assert "Geen resultaten gevonden" in html
    assert "Bedoelde u" in html


def test_empty_page_shows_only_the_form(client, content):
    html = client.get("/zoeken/").content.decode()
    assert 'id="search-q"' in html and "resultaten" not in html.split('id="search-q"')[1][:200]


def test_page_beyond_the_last_shows_the_last(client, content):
    response = client.get("/zoeken/", {"q": "polarisatie", "pagina": "99"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Polarisatie in de wijk" in html, "the results of the last page, not an empty one"
    assert response.context["search"].page == 1


def test_search_box_offers_autocomplete(client, content):
    html = client.get("/zoeken/").content.decode()
    assert 'data-autocomplete="/api/v1/search/suggest/"' in html
    assert "js/autocomplete" in html
