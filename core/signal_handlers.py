"""Wiring only: every page event that changes what readers may see retires the page cache.
No logic lives here; the purge itself is ``core.page_cache.page_cache_purge_on_commit``."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import page_cache_purge_on_commit
from .restrictions import private_q_forget


def _purge(**kwargs) -> None:
    page_cache_purge_on_commit()


def _on_delete(sender, **kwargs) -> None:
    if isinstance(sender, type) and issubclass(sender, Page):
        page_cache_purge_on_commit()


def connect() -> None:
    page_published.connect(_purge, dispatch_uid="core.page_cache.published")
    page_unpublished.connect(_purge, dispatch_uid="core.page_cache.unpublished")
    post_page_move.connect(_purge, dispatch_uid="core.page_cache.moved")
    post_delete.connect(_on_delete, dispatch_uid="core.page_cache.deleted")
    # A new or lifted login restriction changes who may read an already cached page.
    post_save.connect(_purge, sender=PageViewRestriction, dispatch_uid="core.page_cache.restrict")
    post_delete.connect(
        _purge, sender=PageViewRestriction, dispatch_uid="core.page_cache.unrestrict"
    )
    # And a request that changes a restriction lists pages with the new set.
    post_save.connect(
        private_q_forget, sender=PageViewRestriction, dispatch_uid="core.restrictions.saved"
    )
    post_delete.connect(
        private_q_forget, sender=PageViewRestriction, dispatch_uid="core.restrictions.deleted"
    )
