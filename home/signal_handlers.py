"""Wiring only: page events call the page-cache service, migrate the site addresses. No logic
lives here."""

from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import page_cache_purge_on_commit


def _purge(**kwargs) -> None:
    page_cache_purge_on_commit()


def _site_addresses(sender, **kwargs) -> None:
    # After the last app's migrations, so both Site tables exist.
    if sender.name == "home":
        from .services import site_addresses_apply

        site_addresses_apply(using=kwargs.get("using", "default"))


def connect() -> None:
    post_migrate.connect(_site_addresses, dispatch_uid="home.site_addresses")
    page_published.connect(_purge, dispatch_uid="home.page_cache.published")
    page_unpublished.connect(_purge, dispatch_uid="home.page_cache.unpublished")
    post_page_move.connect(_purge, dispatch_uid="home.page_cache.moved")
    post_delete.connect(_on_delete, dispatch_uid="home.page_cache.deleted")
    # A new or lifted login restriction changes who may read an already cached page.
    post_save.connect(_purge, sender=PageViewRestriction, dispatch_uid="home.page_cache.restrict")
    post_delete.connect(
        _purge, sender=PageViewRestriction, dispatch_uid="home.page_cache.unrestrict"
    )


def _on_delete(sender, **kwargs) -> None:
    if isinstance(sender, type) and issubclass(sender, Page):
        page_cache_purge_on_commit()
