"""One setting, WEERBAAR_BASE_URL (+ WEERBAAR_SITE_NAME), drives Django's Site, Wagtail's Site
and WAGTAILADMIN_BASE_URL. Before, Django's Site did not exist (allauth greeted with the
request's host, "Hallo van 127.0.0.1:8302!") and Wagtail's said localhost:80 (the print view
cited http://localhost/…)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.contrib.sites.shortcuts import get_current_site
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.models import Site as WagtailSite

from home.services import site_addresses_apply

pytestmark = pytest.mark.django_db


def test_migrate_wrote_the_setting_into_djangos_site():
    site = DjangoSite.objects.get(pk=settings.SITE_ID)
    assert site.domain == settings.WEERBAAR_BASE_URL.split("://", 1)[1]
    assert site.name == settings.WEERBAAR_SITE_NAME


def test_apply_sets_both_sites_and_full_urls(settings, homepage, statement):
    settings.WEERBAAR_BASE_URL = "https://weerbaar.example"
    settings.WEERBAAR_SITE_NAME = "Weerbaar Noord"
    site_addresses_apply()
    wagtail_site = WagtailSite.objects.get(is_default_site=True)
    assert (wagtail_site.hostname, wagtail_site.port, wagtail_site.site_name) == (
        "weerbaar.example",
        443,
        "Weerbaar Noord",
    )
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8302")
    current = get_current_site(request)
    assert (current.domain, current.name) == ("weerbaar.example", "Weerbaar Noord")
    statement.refresh_from_db()
    assert statement.full_url == "https://weerbaar.example/privacy/"


def test_a_port_is_kept(settings, homepage):
    settings.WEERBAAR_BASE_URL = "http://10.0.0.5:8302"
    site_addresses_apply()
    site = WagtailSite.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("10.0.0.5", 8302)
    assert DjangoSite.objects.get_current().domain == "10.0.0.5:8302"


def test_the_demo_loader_applies_it(settings, homepage):
    settings.WEERBAAR_BASE_URL = "https://demo.weerbaar.example"
    call_command(
        "load_demo_content", path=Path(settings.BASE_DIR) / "fixtures" / "demo" / "home.json"
    )
    assert WagtailSite.objects.get(is_default_site=True).hostname == "demo.weerbaar.example"
    assert DjangoSite.objects.get_current().domain == "demo.weerbaar.example"
