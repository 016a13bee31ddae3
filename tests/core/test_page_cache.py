"""The anonymous full-page cache: hits for readers, never for signed-in users, purged on publish."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_second_anonymous_request_is_a_cache_hit(client, homepage):
    first = client.get("/")
    second = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_cached_page_sets_no_cookie_and_holds_no_csrf_token(client, homepage):
    client.get("/")
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_signed_in_users_always_get_fresh_pages(client, homepage):
    client.get("/")  # fills the cache for anonymous readers
    client.force_login(UserFactory())
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "Afmelden" in response.content.decode()


def test_publishing_purges_the_cache(client, homepage, django_capture_on_commit_callbacks):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    homepage.hero_title = "Een nieuwe kop na publicatie"
    with django_capture_on_commit_callbacks(execute=True):
        homepage.save_revision().publish()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Een nieuwe kop na publicatie" in response.content.decode()


def test_unpublishing_purges_the_cache(client, statement, django_capture_on_commit_callbacks):
    client.get("/privacy/")
    assert client.get("/privacy/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        statement.unpublish()
    assert client.get("/privacy/").status_code == 404


def test_moving_purges_the_cache(client, homepage, statement, django_capture_on_commit_callbacks):
    from tests.factories import StatementPageFactory

    other = StatementPageFactory(parent=homepage, title="Toegankelijkheid", slug="toegankelijkheid")
    other.save_revision().publish()
    client.get("/privacy/")
    assert client.get("/privacy/")["X-Page-Cache"] == "hit"
    # Wagtail's move() sends post_page_move; StatementPage may only live under the home page,
    # so move it to the end among its siblings, which rewrites the tree path.
    with django_capture_on_commit_callbacks(execute=True):
        statement.move(other, pos="right")
    assert client.get("/privacy/")["X-Page-Cache"] == "miss"


def test_adding_a_login_restriction_purges_the_cache(
    client, statement, django_capture_on_commit_callbacks
):
    client.get("/privacy/")
    assert client.get("/privacy/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=statement, restriction_type=PageViewRestriction.LOGIN
        )
    response = client.get("/privacy/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_non_page_views_are_not_cached(client, homepage):
    client.get("/account/login/")
    response = client.get("/account/login/")
    assert "X-Page-Cache" not in response


def test_pending_message_bypasses_the_cache(client, homepage):
    client.get("/")
    client.cookies["messages"] = "iets"
    assert "X-Page-Cache" not in client.get("/")


def test_cache_can_be_switched_off(client, homepage, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_purge_waits_for_the_commit(client, homepage, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        homepage.save_revision().publish()
        assert client.get("/")["X-Page-Cache"] == "hit"  # not purged before the commit
    assert callbacks, "the purge must be scheduled for the commit"
    for callback in callbacks:
        callback()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_unknown_query_parameters_bypass_the_cache(client, homepage):
    client.get("/?utm_source=nieuwsbrief")
    assert "X-Page-Cache" not in client.get("/?utm_source=nieuwsbrief")


@pytest.fixture(scope="class")
def listing(class_db):
    """Thirteen published practices (two pages of twelve), built once for the class."""
    from kennisbank.services import kennisbank_index_pages_ensure
    from tests.kennisbank.factories import BestPracticePageFactory, publish

    with class_db():
        kennisbank_index_pages_ensure()
        from kennisbank.models import BestPracticeIndexPage

        index = BestPracticeIndexPage.objects.get()
        for _ in range(13):  # two pages of twelve
            publish(BestPracticePageFactory(parent=index, role_slugs=["docent"]))
    return "/wat-werkt/"


class TestListingCache:
    """The listing's query strings: which variants are stored and which never are."""

    def test_listing_parameters_are_cached_in_any_order(self, client, listing):
        client.get(f"{listing}?rol=docent&thema=polarisatie")
        assert client.get(f"{listing}?thema=polarisatie&rol=docent")["X-Page-Cache"] == "hit"
        client.get(f"{listing}?pagina=2")
        assert client.get(f"{listing}?pagina=2")["X-Page-Cache"] == "hit"

    @pytest.mark.parametrize(
        "query",
        [
            "pagina=915344",  # beyond the last page: shows the last page
            "pagina=1",  # the default spelled out
            "pagina=abc",
            "rol=bestaat-niet",  # not a term
            "sorteer=bewijs",  # the default sort
            "sorteer=willekeurig",
            "rol=",
        ],
    )
    def test_listing_variants_are_answered_but_never_stored(self, client, listing, query):
        first = client.get(f"{listing}?{query}")
        assert first.status_code == 200 and "X-Page-Cache" not in first
        assert "X-Page-Cache" not in client.get(f"{listing}?{query}")


def test_query_strings_on_pages_without_a_listing_are_not_stored(client, homepage):
    client.get("/?rol=docent")
    assert "X-Page-Cache" not in client.get("/?rol=docent")


def test_the_port_in_host_does_not_make_a_new_entry(client, homepage, settings):
    settings.ALLOWED_HOSTS = ["weerbaar.example"]
    assert client.get("/", HTTP_HOST="weerbaar.example")["X-Page-Cache"] == "miss"
    for port in (1234, 8443):
        response = client.get("/", HTTP_HOST=f"weerbaar.example:{port}")
        assert response["X-Page-Cache"] == "hit"
        assert response.content == client.get("/", HTTP_HOST="WEERBAAR.example").content


def test_health_and_search_skip_the_page_cache(client, homepage, monkeypatch):
    from core import page_cache

    looked_up = []
    monkeypatch.setattr(page_cache, "page_cache_get", lambda **kw: looked_up.append(kw))
    for path in ("/healthz/", "/zoeken/?q=klas", "/api/v1/search/?q=klas"):
        assert client.get(path).status_code == 200
    assert looked_up == []


def test_pages_live_in_their_own_cache(client, homepage):
    from django.core.cache import caches

    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    caches["default"].clear()  # sessions and rate limits: the pages are elsewhere
    assert client.get("/")["X-Page-Cache"] == "hit"
    caches["pages"].clear()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_renaming_a_term_purges_the_cache(client, homepage, django_capture_on_commit_callbacks):
    from core.models import Role

    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        role = Role.objects.get(slug="docent")
        role.label = "Leraar"
        role.save()
    assert client.get("/")["X-Page-Cache"] == "miss"
