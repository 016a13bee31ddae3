"""Factories for tests: build objects the way the app does, never by hand."""

from __future__ import annotations

import re
import time

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.models import HomePage, StatementPage

TEST_PASSWORD = "een-veilig-wachtwoord-123"  # noqa: S105 - every factory user has it


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@voorbeeld.test")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        """``UserFactory(groups=["Editors"])``: put the user in existing groups by name."""
        if create and extracted:
            groups = list(Group.objects.filter(name__in=extracted))
            missing = set(extracted) - {group.name for group in groups}
            assert not missing, f"groups {missing} do not exist (flushed by a transactional test?)"
            obj.groups.add(*groups)

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        """``UserFactory(totp=True)``: an activated authenticator app; its secret is kept on
        ``user.totp_secret`` so tests can compute codes with ``totp_code``."""
        if create and extracted:
            obj.totp_secret = totp_activate(obj)


def totp_activate(user) -> str:
    """Give ``user`` an activated authenticator app the way allauth stores one."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The code an authenticator app shows for ``secret`` at time ``at`` (default: now)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time() if at is None else at) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def sign_in(client, user, *, password: str = TEST_PASSWORD) -> None:
    """Sign in through allauth's forms, as a browser does: the password, then the authenticator
    code when ``user`` has one (``UserFactory(totp=True)``). Unlike ``force_login`` this leaves
    the session's record of how the user authenticated, which reauthentication reads."""
    response = client.post("/account/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, response.status_code
    secret = getattr(user, "totp_secret", None)
    if secret:
        assert response["Location"] == "/account/2fa/authenticate/"
        response = client.post("/account/2fa/authenticate/", {"code": totp_code(secret)})
        assert response.status_code == 302, response.status_code
    assert client.session["_auth_user_id"] == str(user.pk)


def password_reset_link(client, user) -> tuple[str, str]:
    """Ask for a reset of ``user``'s password as a visitor does, and follow the e-mailed link:
    (the link's path, the URL of the form it lands on, where the new password is posted)."""
    from django.core import mail

    client.post("/account/password/reset/", {"email": user.email})
    found = re.search(r"https?://[^/]+(/account/password/reset/key/\S+)", mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    response = client.get(found.group(1), follow=True)
    return found.group(1), response.redirect_chain[-1][0]


def authentication_age(client, seconds: float) -> None:
    """Move every sign-in and reauthentication recorded in the client's session ``seconds``
    into the past, so a test can reach the "too long ago, confirm again" path without waiting."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY

    session = client.session
    records = session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {**record, "at": record["at"] - seconds} for record in records
    ]
    session.save()


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

    from core.models import Domain, EvidenceLevel, Phase, Role, Theme
    from core.models.taxonomy import taxonomy_terms_sync
    from home.models import HomePage

    taxonomy_terms_sync(
        role=Role, domain=Domain, phase=Phase, theme=Theme, evidence_level=EvidenceLevel
    )
    from django.contrib.auth.models import Group

    from accounts.roles import TRAINERS

    Group.objects.get_or_create(name=TRAINERS)  # made by a data migration, flushed with it
    if HomePage.objects.exists():
        return
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Weerbaar", slug="home", hero_title="Weerbaar"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Weerbaar"},
    )
