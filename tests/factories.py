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
