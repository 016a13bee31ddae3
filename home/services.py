"""Writes for the home app. Each function is one transaction; views and commands only call them."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.db import transaction

from core.publishing import page_create, page_publish

from .models import ComplianceStatus, HomePage, StatementPage


class DemoContentError(Exception):
    """A demo content file is missing a field or holds an invalid value."""


def _required(record: dict, field: str, where: str):
    if field not in record or record[field] in (None, "", [], {}):
        raise DemoContentError(f"{where}: field '{field}' is missing or empty")
    return record[field]


def site_addresses_apply(*, using: str = "default") -> dict[str, str]:
    """Write WEERBAAR_BASE_URL and WEERBAAR_SITE_NAME into Django's and Wagtail's Site.

    Django's Site names the platform in allauth's mails ("Hallo van …"), Wagtail's default Site
    makes page.full_url (print view, search results, e-mails). Both used to keep what the
    first migration wrote (example.com, localhost:80). Runs after every migrate and from the
    demo loader; idempotent.
    """
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.sites.models import Site as DjangoSite
    from wagtail.models import Site as WagtailSite

    parts = urlsplit(settings.WEERBAAR_BASE_URL)
    if not parts.hostname:
        # Production's system check refuses this already; nothing sensible to write.
        return {}
    default_port = 443 if parts.scheme == "https" else 80
    port = parts.port or default_port
    name = settings.WEERBAAR_SITE_NAME
    with transaction.atomic(using=using):
        DjangoSite.objects.using(using).update_or_create(
            pk=settings.SITE_ID, defaults={"domain": parts.netloc, "name": name}
        )
        for site in WagtailSite.objects.using(using).filter(is_default_site=True):
            site.hostname, site.port, site.site_name = parts.hostname, port, name
            site.save(using=using)  # save(), not update(): Wagtail clears its site cache
    DjangoSite.objects.clear_cache()
    return {"domain": parts.netloc, "name": name}


@transaction.atomic
def home_demo_content_load(*, path: Path) -> dict[str, int]:
    """Fill the home page and create the statements from ``path``, once.

    Idempotent: a home page an editor (or an earlier run) already filled is left alone and a
    statement whose slug exists is not created again. Returns counts of what was written.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DemoContentError(f"{path}: cannot read demo content ({exc})") from exc

    homepage = HomePage.objects.first()
    if homepage is None:
        raise DemoContentError("no HomePage exists: run migrate first")

    site_addresses_apply()
    written = {"homepage": 0, "statements": 0}
    home = _required(data, "homepage", str(path))
    if not homepage.role_entries:
        for field in ("title", "hero_title"):
            setattr(homepage, field, _required(home, field, f"{path}: homepage"))
        for field in ("seo_title", "search_description", "hero_intro", "role_heading"):
            if field in home:
                setattr(homepage, field, home[field])
        homepage.role_entries = home.get("role_entries", [])
        homepage.featured = home.get("featured", [])
        homepage.body = home.get("body", [])
        page_publish(page=homepage)
        written["homepage"] = 1

    for index, record in enumerate(data.get("statements", [])):
        where = f"{path}: statements[{index}]"
        slug = _required(record, "slug", where)
        if homepage.get_children().filter(slug=slug).exists():
            continue
        try:
            reviewed = (
                datetime.date.fromisoformat(record["last_reviewed"])
                if record.get("last_reviewed")
                else None
            )
        except ValueError as exc:
            raise DemoContentError(f"{where}: field 'last_reviewed' is not a date") from exc
        status = record.get("compliance_status", "")
        if status and status not in ComplianceStatus.values:
            raise DemoContentError(
                f"{where}: field 'compliance_status' must be one of {', '.join(ComplianceStatus.values)}"
            )
        statement = StatementPage(
            title=_required(record, "title", where),
            slug=slug,
            intro=record.get("intro", ""),
            body=_required(record, "body", where),
            last_reviewed=reviewed,
            compliance_status=status,
            register_url=record.get("register_url", ""),
            limitations=record.get("limitations", []),
        )
        page_create(parent=homepage, page=statement)
        written["statements"] += 1
    return written


@transaction.atomic
def demo_editor_ensure(*, email: str, password: str) -> tuple[AbstractUser, bool]:
    """Create the demo editor (verified e-mail, Editors and Moderators groups) if missing."""
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = user_model.objects.create_user(
            username=email.split("@")[0],
            email=email,
            password=password,
            first_name="Demo",
            last_name="Redacteur",
        )
        user.groups.add(*Group.objects.filter(name__in=["Editors", "Moderators"]))
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user, created
