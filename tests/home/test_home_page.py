"""The home page: renders its editable content, is reachable for everyone, stays cheap."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, StatementPage
from tests.factories import StatementPageFactory

pytestmark = pytest.mark.django_db


def _fill(homepage):
    homepage.hero_title = "Radicalisering vroeg herkennen"
    homepage.hero_intro = "Voor professionals."
    homepage.role_entries = [
        (
            "role",
            {
                "title": "Ik ben docent",
                "description": "In de klas.",
                "url": "/signalen-herkennen/?rol=docent",
            },
        ),
        ("role", {"title": "Ik ben wijkagent", "description": "In de wijk.", "url": ""}),
    ]
    homepage.save_revision().publish()
    return homepage


def test_home_page_renders_with_role_entries_and_search(client, homepage):
    _fill(homepage)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Radicalisering vroeg herkennen" in html
    assert "Ik ben docent" in html and "Ik ben wijkagent" in html
    assert 'href="/signalen-herkennen/?rol=docent"' in html
    assert 'role="search"' in html and 'action="/zoeken/"' in html
    assert '<a class="skip-link" href="#inhoud">' in html
    assert '<main id="inhoud"' in html


def test_home_page_uses_its_template(client, homepage):
    response = client.get("/")
    assert "home/home_page.html" in [t.name for t in response.templates]


def test_only_one_home_page_may_exist(homepage):
    assert not HomePage.can_create_at(homepage.get_parent())


def test_statement_pages_only_under_home_and_linked_in_footer(client, homepage, statement):
    assert StatementPage.can_create_at(homepage)
    assert not StatementPage.can_create_at(statement)
    html = client.get("/").content.decode()
    assert 'href="/privacy/"' in html


def test_statement_page_renders(client, statement):
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "<h1>Privacyverklaring</h1>" in response.content.decode()


def test_home_page_can_be_edited_in_admin(admin_client, homepage):
    data = nested_form_data(
        {
            "title": "Weerbaar",
            "slug": "home",
            "hero_title": "Nieuwe kop",
            "hero_intro": "",
            "role_heading": "Waar werkt u?",
            "role_entries": streamfield([]),
            "featured": streamfield([]),
            "body": streamfield([("paragraph_block", rich_text("<p>Hallo</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/beheer/pages/{homepage.pk}/edit/", data)
    assert response.status_code == 302
    homepage.refresh_from_db()
    assert homepage.hero_title == "Nieuwe kop"


def _queries_for_home(client) -> int:
    from django.core.cache import caches

    # Publishing purges the page cache on commit, which a test transaction never reaches.
    # Every cache, so each count starts as cold as the first (Wagtail keeps its site root paths
    # in the default cache).
    for alias in caches:
        caches[alias].clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("extra", [27])
def test_uncached_query_count_is_small_and_constant(client, homepage, extra):
    for n in range(3):
        page = StatementPageFactory(parent=homepage, title=f"Pagina {n}", show_in_menus=True)
        page.save_revision().publish()
    with_three = _queries_for_home(client)
    for n in range(extra):
        page = StatementPageFactory(parent=homepage, title=f"Extra {n}", show_in_menus=True)
        page.save_revision().publish()
    with_thirty = _queries_for_home(client)
    assert with_three == with_thirty
    assert with_three <= 10
