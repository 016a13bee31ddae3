"""Factories for tests: build objects the way the app does, never by hand."""

from __future__ import annotations

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from home.models import HomePage, StatementPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@voorbeeld.test")
    password = factory.django.Password("een-veilig-wachtwoord-123")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class StatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StatementPage

    title = factory.Sequence(lambda n: f"Verklaring {n}")
    intro = "Een korte inleiding."
    body = wagtail_factories.StreamFieldFactory({})


def home_page() -> HomePage:
    """The one HomePage, created by the data migration."""
    return HomePage.objects.get()


def ensure_site_tree() -> None:
    """Recreate the taxonomy, the root, the HomePage and the Site that migrations made.

    Transactional tests flush every table afterwards, data migrations included, so each
    browser test rebuilds the minimal tree before it loads the demo content.
    """
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage
    from kennisbank.models import Domain, EvidenceLevel, Phase, Role, Theme
    from kennisbank.models.taxonomy import taxonomy_terms_sync

    taxonomy_terms_sync(
        role=Role, domain=Domain, phase=Phase, theme=Theme, evidence_level=EvidenceLevel
    )
    if HomePage.objects.exists():
        return
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Weerbaar", slug="home", hero_title="Weerbaar"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Weerbaar"},
    )
