"""Filtered listings on /wat-werkt/ and /signalen-herkennen/: facets, counts, sorting, pages."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.models import Domain, EvidenceLevel, Phase, Role, Theme
from kennisbank.models import BestPracticeIndexPage
from tests.kennisbank.factories import BestPracticePageFactory, SignalGuidePageFactory

pytestmark = pytest.mark.django_db


def _listing(client, url: str, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.context["listing"]


def _titles(listing) -> list[str]:
    return [page.title for page in listing.page]


def _counts(listing, param: str) -> dict[str, int]:
    """The non-zero counts of one facet (every other option must be 0)."""
    (result,) = [r for r in listing.facets if r.facet.param == param]
    return {option.slug: option.count for option in result.options if option.count}


def _selected(listing, param: str) -> list[str]:
    (result,) = [r for r in listing.facets if r.facet.param == param]
    return [option.slug for option in result.options if option.selected]


@pytest.fixture(scope="class")
def five(class_db, class_indexes):
    """Five practices, built once for the class; the comments in the tests count on them."""
    practice_index = class_indexes[BestPracticeIndexPage]
    make = BestPracticePageFactory
    with class_db():
        return {
            "A": make(
                parent=practice_index, title="A", role_slugs=["docent", "wijkagent"],
                theme_slugs=["polarisatie"], domain_slugs=["onderwijs"], phase_slugs=["preventie"],
                level="goed-beschreven",
            ),
            "B": make(
                parent=practice_index, title="B", role_slugs=["docent"], theme_slugs=["jihadisme"],
                domain_slugs=["onderwijs"], level="goed-onderbouwd",
            ),
            "C": make(
                parent=practice_index, title="C", role_slugs=["wijkagent"],
                theme_slugs=["polarisatie"], domain_slugs=["veiligheid"],
                level="effectief-eerste-aanwijzingen",
            ),
            "D": make(
                parent=practice_index, title="D", role_slugs=["jongerenwerker"],
                theme_slugs=["polarisatie"], domain_slugs=["welzijn"], level="goed-beschreven",
            ),
            "E": make(
                parent=practice_index, title="E", role_slugs=["docent"],
                theme_slugs=["polarisatie", "jihadisme"], phase_slugs=["interventie"],
                level="niet-beoordeeld",
            ),
        }  # fmt: skip


# --- Facets ------------------------------------------------------------------------------------


class TestFacets:
    """Filter facets over the five practices of ``five``."""

    def test_without_filters_everything_is_listed_with_full_counts(self, client, five):
        listing = _listing(client, "/wat-werkt/")
        assert listing.count == 5 and listing.active == [] and listing.querystring == ""
        assert _counts(listing, "rol") == {"docent": 3, "wijkagent": 2, "jongerenwerker": 1}
        assert _counts(listing, "thema") == {"polarisatie": 4, "jihadisme": 2}
        assert _counts(listing, "domein") == {"onderwijs": 2, "veiligheid": 1, "welzijn": 1}
        assert _counts(listing, "fase") == {"preventie": 1, "interventie": 1}
        assert _counts(listing, "bewijs") == {
            "goed-beschreven": 2,
            "goed-onderbouwd": 1,
            "effectief-eerste-aanwijzingen": 1,
            "niet-beoordeeld": 1,
        }
        # Every term is offered, also those without results, in taxonomy order.
        for param, model in (
            ("rol", Role), ("domein", Domain), ("fase", Phase), ("thema", Theme),
            ("bewijs", EvidenceLevel),
        ):  # fmt: skip
            (result,) = [r for r in listing.facets if r.facet.param == param]
            assert [o.slug for o in result.options] == list(
                model.objects.values_list("slug", flat=True)
            )

    def test_single_facet(self, client, five):
        listing = _listing(client, "/wat-werkt/", {"rol": "jongerenwerker"})
        assert sorted(_titles(listing)) == ["D"]
        assert listing.active == [("rol", "jongerenwerker", "Jongerenwerker")]

    def test_or_within_a_facet_lists_each_page_once(self, client, five):
        listing = _listing(client, "/wat-werkt/", {"rol": ["docent", "wijkagent"]})
        # A has both roles and must appear once.
        assert sorted(_titles(listing)) == ["A", "B", "C", "E"]
        assert listing.count == 4
        assert _selected(listing, "rol") == ["docent", "wijkagent"]

    def test_and_across_facets(self, client, five):
        listing = _listing(client, "/wat-werkt/", {"rol": "docent", "thema": "jihadisme"})
        assert sorted(_titles(listing)) == ["B", "E"]
        listing = _listing(
            client, "/wat-werkt/", {"rol": ["docent", "wijkagent"], "thema": "polarisatie",
                                    "bewijs": "goed-beschreven"},
        )  # fmt: skip
        assert _titles(listing) == ["A"]

    def test_counts_apply_every_other_active_facet(self, client, five):
        listing = _listing(client, "/wat-werkt/", {"rol": "docent", "thema": "polarisatie"})
        assert sorted(_titles(listing)) == ["A", "E"]
        # Roles counted within thema=polarisatie (A, C, D, E): the ticked docent has A and E;
        # ticking wijkagent as well gives docent OR wijkagent (A, C, E), jongerenwerker A, D, E.
        # A role no page has adds nothing: ticking it still gives the 2.
        roles = dict.fromkeys(Role.objects.values_list("slug", flat=True), 2)
        assert _counts(listing, "rol") == roles | {"wijkagent": 3, "jongerenwerker": 3}
        # Themes counted within rol=docent (A, B, E): polarisatie OR jihadisme is all three.
        themes = dict.fromkeys(Theme.objects.values_list("slug", flat=True), 2)
        assert _counts(listing, "thema") == themes | {"jihadisme": 3}
        # Facets that are not active apply both filters (A, E).
        assert _counts(listing, "bewijs") == {"goed-beschreven": 1, "niet-beoordeeld": 1}
        assert _counts(listing, "domein") == {"onderwijs": 1}
        assert _counts(listing, "fase") == {"preventie": 1, "interventie": 1}
        assert _selected(listing, "rol") == ["docent"] and _selected(listing, "thema") == [
            "polarisatie"
        ]

    @pytest.mark.parametrize(
        "params",
        [{"rol": "docent"}, {"rol": "docent", "thema": "polarisatie"},
         {"rol": ["docent", "wijkagent"], "bewijs": "goed-beschreven"}, {}],
    )  # fmt: skip
    def test_every_count_is_what_ticking_the_option_gives(self, client, five, params):
        """The README's promise. Before, ?rol=docent showed an option's own pages only, while
        ticking it added them to the docent pages (OR): 'Jongerenwerker (4)' gave 5."""
        listing = _listing(client, "/wat-werkt/", params)
        for result in listing.facets:
            for option in result.options:
                if option.selected:
                    continue
                ticked = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
                ticked[result.facet.param] = [*ticked.get(result.facet.param, []), option.slug]
                after = _listing(client, "/wat-werkt/", ticked)
                assert option.count == after.count, (result.facet.param, option.slug, params)

    def test_unknown_slugs_are_ignored(self, client, five):
        listing = _listing(client, "/wat-werkt/", {"rol": "bestaat-niet", "bewijs": "<script>"})
        assert listing.count == 5 and listing.active == []
        listing = _listing(client, "/wat-werkt/", {"rol": ["docent", "onzin"], "sorteer": "titel"})
        assert _titles(listing) == ["A", "B", "E"]
        assert listing.active == [("rol", "docent", "Docent")]
        assert listing.querystring == "rol=docent&sorteer=titel"

    def test_draft_and_private_practices_are_never_listed_or_counted(
        self, client, five, practice_index
    ):
        BestPracticePageFactory(
            parent=practice_index, title="Concept", role_slugs=["docent"], live=False
        )
        private = BestPracticePageFactory(
            parent=practice_index, title="Besloten", role_slugs=["docent"]
        )
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        for params in ({}, {"rol": "docent"}, {"sorteer": "titel", "pagina": "1"}):
            listing = _listing(client, "/wat-werkt/", params)
            assert "Concept" not in _titles(listing) and "Besloten" not in _titles(listing)
        assert _counts(listing, "rol")["docent"] == 3
        html = client.get("/wat-werkt/", {"rol": "docent"}).content.decode()
        assert "Concept" not in html and "Besloten" not in html

    def test_filter_form_works_without_javascript(self, client, five):
        html = client.get("/wat-werkt/", {"rol": "docent"}).content.decode()
        form = re.search(
            r'<form class="filters" method="get" action="".*?</form>', html, re.S
        ).group(0)
        assert '<button class="btn btn--primary" type="submit">' in form
        assert re.search(
            r'<input type="checkbox" id="f-rol-docent" name="rol" value="docent" checked>\s*'
            r'<label for="f-rol-docent">Docent <span class="filters__count">\(3<',
            form,
        )
        # With rol=docent active, ticking wijkagent too gives A, B, C, E; themes are within docent.
        assert re.search(r'value="wijkagent">\s*<label for="f-rol-wijkagent">Wijkagent '
                         r'<span class="filters__count">\(4<', form)  # fmt: skip
        assert re.search(r'value="polarisatie">\s*<label for="f-thema-polarisatie">Polarisatie '
                         r'<span class="filters__count">\(2<', form)  # fmt: skip
        assert 'name="bewijs" value="effectief-sterke-aanwijzingen"' in form
        assert '<select id="sorteer" name="sorteer">' in form
        assert '<p class="listing-count" role="status">3 resultaten</p>' in html
        assert '<a class="btn btn--secondary" href="?">' in form  # clear all filters


# --- Sorting -----------------------------------------------------------------------------------


@pytest.fixture(scope="class")
def four_for_sorting(class_db, class_indexes):
    practice_index = class_indexes[BestPracticeIndexPage]
    make = BestPracticePageFactory
    with class_db():
        _four_for_sorting(make, practice_index)


def _four_for_sorting(make, practice_index):
    make(
        parent=practice_index,
        title="Delta",
        level="niet-beoordeeld",
        last_reviewed=datetime.date(2023, 1, 1),
    )
    make(parent=practice_index, title="Charlie", level="goed-beschreven", last_reviewed=None)
    make(
        parent=practice_index,
        title="Bravo",
        level="effectief-sterke-aanwijzingen",
        last_reviewed=datetime.date(2020, 1, 1),
    )
    make(parent=practice_index, title="Alfa", level="goed-beschreven",
         last_reviewed=datetime.date(2024, 6, 1))  # fmt: skip


class TestSorting:
    """Sort options over four practices."""

    @pytest.mark.parametrize(
        ("sort", "expected_sort", "expected"),
        [
            (None, "bewijs", ["Bravo", "Alfa", "Charlie", "Delta"]),
            ("bewijs", "bewijs", ["Bravo", "Alfa", "Charlie", "Delta"]),
            # Never reviewed comes last, on every database.
            ("recent", "recent", ["Alfa", "Delta", "Bravo", "Charlie"]),
            ("titel", "titel", ["Alfa", "Bravo", "Charlie", "Delta"]),
            ("onzin", "bewijs", ["Bravo", "Alfa", "Charlie", "Delta"]),
        ],
    )
    def test_sorting(self, client, four_for_sorting, sort, expected_sort, expected):
        listing = _listing(client, "/wat-werkt/", {"sorteer": sort} if sort else {})
        assert listing.sort == expected_sort
        assert _titles(listing) == expected
        assert [key for key, _ in listing.sorts] == ["bewijs", "recent", "titel"]
        html = client.get("/wat-werkt/", {"sorteer": sort} if sort else {}).content.decode()
        assert f'<option value="{expected_sort}" selected>' in html


# --- Pagination --------------------------------------------------------------------------------


@pytest.fixture(scope="class")
def thirteen(class_db, class_indexes):
    practice_index = class_indexes[BestPracticeIndexPage]
    with class_db():
        for n in range(13):
            BestPracticePageFactory(
                parent=practice_index, title=f"Docent {n:02d}", role_slugs=["docent"]
            )
        BestPracticePageFactory(parent=practice_index, title="Wijk", role_slugs=["wijkagent"])


class TestPagination:
    """Thirteen practices for docenten: two pages of twelve."""

    @pytest.mark.parametrize(
        ("pagina", "number", "size"),
        [(None, 1, 12), ("1", 1, 12), ("2", 2, 1), ("999", 2, 1), ("abc", 1, 12)],
    )
    def test_pagination(self, client, thirteen, pagina, number, size):
        params = {"rol": "docent"} | ({"pagina": pagina} if pagina else {})
        listing = _listing(client, "/wat-werkt/", params)
        assert listing.count == 13 and listing.paginator.num_pages == 2
        assert listing.page.number == number
        assert len(listing.page.object_list) == size

    def test_pagination_links_keep_filters_and_sort(self, client, thirteen):
        listing = _listing(client, "/wat-werkt/", {"rol": "docent", "sorteer": "titel"})
        assert _titles(listing) == [f"Docent {n:02d}" for n in range(12)]
        html = client.get("/wat-werkt/", {"rol": "docent", "sorteer": "titel"}).content.decode()
        nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
        assert 'href="?rol=docent&amp;sorteer=titel&amp;pagina=2" rel="next"' in nav
        assert '<span aria-current="page">1</span>' in nav

        listing = _listing(
            client, "/wat-werkt/", {"rol": "docent", "sorteer": "titel", "pagina": 2}
        )
        assert _titles(listing) == ["Docent 12"]
        html = client.get(
            "/wat-werkt/", {"rol": "docent", "sorteer": "titel", "pagina": 2}
        ).content.decode()
        assert 'href="?rol=docent&amp;sorteer=titel&amp;pagina=1" rel="prev"' in html
        assert 'href="?rol=docent&amp;sorteer=titel&amp;pagina=2"' not in html  # current page

        # The default sort is not repeated in links; no pagination when everything fits.
        assert _listing(client, "/wat-werkt/", {"rol": "docent"}).querystring == "rol=docent"
        html = client.get("/wat-werkt/", {"rol": "wijkagent"}).content.decode()
        assert 'class="pagination"' not in html


# --- Query count -------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    # Anonymous pages are page-cached, in a cache of their own; publishing purges it on commit,
    # which a test transaction never reaches.
    # Every cache, so each count starts as cold as the first (Wagtail keeps its site root paths
    # in the default cache).
    for alias in caches:
        caches[alias].clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert response.get("X-Page-Cache") != "hit"
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_number_of_practices(client, practice_index):
    def add(count: int, offset: int):
        for n in range(count):
            BestPracticePageFactory(
                parent=practice_index,
                title=f"Praktijk {offset + n}",
                role_slugs=["docent", "wijkagent"],
                theme_slugs=["polarisatie"],
                domain_slugs=["onderwijs", "zorg"],
                phase_slugs=["preventie"],
                level=["goed-beschreven", "goed-onderbouwd"][n % 2],
            )

    add(3, 0)
    three = _queries(client, "/wat-werkt/")
    three_filtered = _queries(client, "/wat-werkt/?rol=docent&thema=polarisatie")
    add(12, 3)
    assert _listing(client, "/wat-werkt/").count == 15
    assert _queries(client, "/wat-werkt/") == three
    assert _queries(client, "/wat-werkt/?rol=docent&thema=polarisatie") == three_filtered


# --- Guide listing -----------------------------------------------------------------------------


@pytest.fixture
def guides(guide_index):
    make = SignalGuidePageFactory
    return [
        make(parent=guide_index, title="Zorg", role_slugs=["zorgprofessional"],
             theme_slugs=["jihadisme"], first_published_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)),
        make(parent=guide_index, title="Klas", role_slugs=["docent"],
             theme_slugs=["polarisatie"], first_published_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)),
        make(parent=guide_index, title="Wijk", role_slugs=["wijkagent", "docent"],
             theme_slugs=["jihadisme"], first_published_at=datetime.datetime(2025, 9, 1, tzinfo=datetime.UTC)),
    ]  # fmt: skip


def test_guide_listing_filters_counts_and_sorts(client, guides, guide_index):
    SignalGuidePageFactory(parent=guide_index, title="Concept", role_slugs=["docent"], live=False)
    listing = _listing(client, "/signalen-herkennen/")
    assert _titles(listing) == ["Klas", "Wijk", "Zorg"]  # default: title
    assert [r.facet.param for r in listing.facets] == ["rol", "thema"]

    listing = _listing(client, "/signalen-herkennen/", {"rol": "docent", "thema": "jihadisme"})
    assert _titles(listing) == ["Wijk"]
    # Ticking another role adds its jihadisme guides to Wijk: zorgprofessional adds Zorg.
    roles = dict.fromkeys(Role.objects.values_list("slug", flat=True), 1)
    assert _counts(listing, "rol") == roles | {"zorgprofessional": 2}
    themes = dict.fromkeys(Theme.objects.values_list("slug", flat=True), 1)
    assert _counts(listing, "thema") == themes | {"polarisatie": 2}

    listing = _listing(client, "/signalen-herkennen/", {"rol": ["docent", "zorgprofessional"]})
    assert _titles(listing) == ["Klas", "Wijk", "Zorg"]

    listing = _listing(client, "/signalen-herkennen/", {"sorteer": "nieuw"})
    assert _titles(listing) == ["Wijk", "Zorg", "Klas"]
    listing = _listing(client, "/signalen-herkennen/", {"sorteer": "bewijs", "rol": "x"})
    assert listing.sort == "titel" and listing.count == 3

    html = client.get("/signalen-herkennen/", {"rol": "docent"}).content.decode()
    assert '<input type="checkbox" id="f-rol-docent" name="rol" value="docent" checked>' in html
    assert "Klas" in html and "Zorg</a>" not in html and "Concept" not in html
