"""Search behaviour both backends share. Each test runs on the database and on Elasticsearch."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from tests.kennisbank.factories import BestPracticePageFactory, publish
from tests.search.helpers import guide, practice, search, titles

pytestmark = pytest.mark.django_db


def test_finds_a_published_page_by_a_title_word(backend_name, practice_index):
    practice(practice_index, title="Dialoogsessies over polarisatie", summary="Gesprekken.")
    practice(practice_index, title="Sport als verbinding", summary="Buurtcompetitie.")
    response = search("dialoogsessies")
    assert response.backend == backend_name
    assert titles(response) == ["Dialoogsessies over polarisatie"]
    assert response.hits[0].type == "goede-praktijk"
    assert response.hits[0].url.endswith("/")


def test_title_outranks_body(backend_name, practice_index):
    practice(practice_index, title="Algemene aanpak", summary="Iets over mentoren en weerbaarheid.")
    practice(practice_index, title="Mentoren in de wijk", summary="Een aanpak.")
    assert titles(search("mentoren"))[0] == "Mentoren in de wijk"


def test_drafts_unpublished_and_private_pages_are_never_found(backend_name, practice_index):
    live = practice(practice_index, title="Zichtbare weerbaarheidstraining")
    gone = practice(practice_index, title="Ingetrokken weerbaarheidstraining")
    gone.unpublish()
    private = practice(practice_index, title="Besloten weerbaarheidstraining")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    changed = practice(practice_index, title="Gewijzigde weerbaarheidstraining")
    changed.title = "Gewijzigde weerbaarheidstraining met conceptversie"
    changed.save_revision()  # an unpublished change is never indexed
    never = BestPracticePageFactory(
        parent=practice_index, title="Ongepubliceerde training", live=False
    )
    never.save_revision()

    assert set(titles(search("weerbaarheidstraining"))) == {
        live.title,
        "Gewijzigde weerbaarheidstraining",
    }
    assert titles(search("conceptversie")) == []
    assert titles(search("ongepubliceerde")) == []


def test_lifting_a_restriction_makes_the_page_findable_again(backend_name, practice_index):
    page = practice(practice_index, title="Casusoverleg in de regio")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert search("casusoverleg").count == 0
    restriction.delete()
    assert titles(search("casusoverleg")) == ["Casusoverleg in de regio"]


def test_deleting_and_republishing_update_the_index(backend_name, practice_index):
    page = practice(practice_index, title="Oude titel over netwerken")
    page.title = "Nieuwe titel over sleutelfiguren"
    page.save_revision().publish()
    assert titles(search("sleutelfiguren")) == ["Nieuwe titel over sleutelfiguren"]
    assert search("oude").count == 0
    page.delete()
    assert search("sleutelfiguren").count == 0


def test_moving_a_page_updates_its_url(backend_name, practice_index, guide_index):
    page = guide(guide_index, title="Verhuisde handreiking")
    other = practice(practice_index, title="Andere plek")
    assert search("verhuisde").hits[0].url.startswith("/signalen-herkennen/")
    page.move(other, pos="last-child")
    assert search("verhuisde").hits[0].url.startswith("/wat-werkt/andere-plek/")


def test_quoted_phrase_and_excluded_word(backend_name, practice_index):
    practice(practice_index, title="Gesprek in de klas", summary="Over polarisatie praten.")
    practice(practice_index, title="Klas en gesprek", summary="Over online polarisatie.")
    practice(practice_index, title="Online gesprek", summary="Digitale aanpak.")
    assert titles(search('"gesprek in de klas"')) == ["Gesprek in de klas"]
    assert set(titles(search("gesprek -online"))) == {"Gesprek in de klas"}


def test_filters_or_within_a_facet_and_across_facets(backend_name, practice_index):
    practice(practice_index, title="Training A", role_slugs=["docent"], theme_slugs=["jihadisme"])
    practice(
        practice_index, title="Training B", role_slugs=["wijkagent"], theme_slugs=["jihadisme"]
    )
    practice(practice_index, title="Training C", role_slugs=["docent"], theme_slugs=["polarisatie"])
    assert set(titles(search("training", role=["docent", "wijkagent"]))) == {
        "Training A", "Training B", "Training C",
    }  # fmt: skip
    assert set(titles(search("training", role="docent", theme="jihadisme"))) == {"Training A"}


def test_facet_counts_apply_the_other_filters(backend_name, practice_index, guide_index):
    practice(practice_index, title="Training A", role_slugs=["docent"], level="goed-onderbouwd")
    practice(practice_index, title="Training B", role_slugs=["wijkagent"], level="goed-onderbouwd")
    practice(practice_index, title="Training C", role_slugs=["docent"], level="goed-beschreven")
    guide(guide_index, title="Training D gids", role_slugs=["docent"])
    response = search("training", role="docent")
    facets = {facet.name: {o.value: o.count for o in facet.options} for facet in response.facets}
    assert response.count == 3
    # The role facet ignores its own filter: choosing "wijkagent" too would add one result.
    assert facets["role"] == {"docent": 3, "wijkagent": 1}
    # Other facets count within the chosen role.
    assert facets["type"] == {"goede-praktijk": 2, "signaalgids": 1}
    assert facets["evidence"] == {"goed-onderbouwd": 1, "goed-beschreven": 1}
    assert facets["provider"] == {"Gemeente Voorbeeld": 2}


def test_results_carry_labels_and_marked_snippets(backend_name, practice_index):
    practice(
        practice_index,
        title="Ouderavond",
        summary="Ouders praten over <script> en weerbaarheid van hun kinderen.",
        role_slugs=["sleutelfiguur"],
        level="effectief-sterke-aanwijzingen",
    )
    hit = search("weerbaarheid").hits[0]
    assert "<mark>weerbaarheid</mark>" in hit.snippet
    assert "&lt;script&gt;" in hit.snippet and "<script>" not in hit.snippet
    assert hit.role_labels == ["Sleutelfiguur"]
    assert hit.evidence_label == "Effectief volgens sterke aanwijzingen"
    assert hit.type_label == "Praktijkvoorbeeld"


def test_pagination_and_sort_by_date(backend_name, practice_index):
    import datetime

    for number in range(25):
        practice(
            practice_index,
            title=f"Netwerkaanpak {number:02d}",
            last_reviewed=datetime.date(2000 + number, 1, 1),
        )
    first = search("netwerkaanpak", page="1")
    third = search("netwerkaanpak", page="3")
    assert first.count == 25 and first.num_pages == 3
    assert len(first.hits) == 10 and len(third.hits) == 5
    assert not {h.page_id for h in first.hits} & {h.page_id for h in third.hits}
    newest = search("netwerkaanpak", sort="datum")
    assert titles(newest)[:2] == ["Netwerkaanpak 24", "Netwerkaanpak 23"]


def test_zero_results_suggest_a_spelling(backend_name, practice_index):
    practice(practice_index, title="Weerbaarheidstraining voor jongeren", summary="Polarisatie.")
    response = search("polarsatei")
    # Found by typo tolerance right away, or through the suggestion "polarisatie".
    assert titles(response) == ["Weerbaarheidstraining voor jongeren"]
    assert response.corrected_query in (None, "polarisatie")
    if backend_name == "database":  # no typo tolerance of its own: always the correction
        assert response.corrected_query == "polarisatie"
    assert response.suggestion is None
    nothing = search("qqqxyzw")
    assert nothing.count == 0 and nothing.suggestion is None


def test_autocomplete_completes_partial_words(backend_name, practice_index):
    from search.selectors import search_suggest

    practice(practice_index, title="Weerbaarheidstraining voor jongeren")
    practice(practice_index, title="Sport als verbinding")
    suggestions = search_suggest(text="weerbaarh")
    assert [s.title for s in suggestions] == ["Weerbaarheidstraining voor jongeren"]
    assert suggestions[0].type_label == "Praktijkvoorbeeld"
    assert search_suggest(text="w") == []


def test_filter_only_search_lists_everything_in_the_facet(backend_name, practice_index):
    practice(practice_index, title="Training A", role_slugs=["docent"])
    practice(practice_index, title="Training B", role_slugs=["wijkagent"])
    assert titles(search("", role="wijkagent")) == ["Training B"]


def test_changed_facets_count_at_once_in_the_same_process(backend_name, practice_index):
    """The database backend counts facets from an in-process copy: a republished page whose
    roles changed must not be counted under its old role by the next search."""
    practice(practice_index, title="Training A", role_slugs=["docent"])
    changed = practice(practice_index, title="Training B", role_slugs=["docent"])
    before = search("training")
    assert {o.value: o.count for o in _facet(before, "role").options} == {"docent": 2}

    changed.roles.set(_roles(["wijkagent"]))
    publish(changed)

    after = search("training", role="wijkagent")
    assert titles(after) == ["Training B"]
    assert {o.value: o.count for o in _facet(after, "role").options} == {
        "docent": 1,
        "wijkagent": 1,
    }


def _facet(response, name):
    return next(facet for facet in response.facets if facet.name == name)


def _roles(slugs):
    from core.models import Role

    return list(Role.objects.filter(slug__in=slugs))


def test_stop_words_neither_match_nor_get_marked(backend_name, practice_index):
    practice(practice_index, title="Dialoog over polarisatie", summary="Gesprekken in de klas.")
    practice(practice_index, title="Sport in de wijk", summary="Een competitie in de buurt.")
    # No page has every word, so any of them will do; "in" and "het" are not words to match on.
    response = search("polarisatie in het mbo")
    assert titles(response) == ["Dialoog over polarisatie"]
    assert "<mark>in</mark>" not in str(response.hits[0].snippet).lower()


def test_a_compound_written_apart_is_found(backend_name, practice_index):
    practice(
        practice_index, title="Vrijwillige deradicaliseringsbegeleiding", summary="Gesprekken."
    )
    practice(practice_index, title="Begeleiding na detentie", summary="Werk en wonen.")
    response = search("deradicaliserings begeleiding")
    assert titles(response)[0] == "Vrijwillige deradicaliseringsbegeleiding"
