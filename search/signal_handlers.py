"""Wiring only: page events enqueue index updates through the search services."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .services import search_pages_enqueue, search_subtree_enqueue


def _published(sender, instance, **kwargs) -> None:
    search_pages_enqueue(page_ids=[instance.pk])


def _unpublished(sender, instance, **kwargs) -> None:
    # Also sent while a live page is being deleted: only remove, never re-read the page.
    search_pages_enqueue(page_ids=[instance.pk], removed=True)


def _moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs) -> None:
    # A reorder among siblings changes no URL (and nothing else a document holds).
    if url_path_before != url_path_after:
        search_subtree_enqueue(page=instance)


def _slug_changed(sender, instance, **kwargs) -> None:
    # Sent once the new slug is committed: every URL below the page changed with it.
    search_subtree_enqueue(page=instance)


def _deleted(sender, instance, **kwargs) -> None:
    # Connected for Page itself: a specific page type sends it once per table, Page's is enough.
    search_pages_enqueue(page_ids=[instance.pk], removed=True)


def _restriction(sender, instance, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        search_subtree_enqueue(page=page)


def connect() -> None:
    page_published.connect(_published, dispatch_uid="search.published")
    page_unpublished.connect(_unpublished, dispatch_uid="search.unpublished")
    post_page_move.connect(_moved, dispatch_uid="search.moved")
    page_slug_changed.connect(_slug_changed, dispatch_uid="search.slug_changed")
    post_delete.connect(_deleted, sender=Page, dispatch_uid="search.deleted")
    post_save.connect(_restriction, sender=PageViewRestriction, dispatch_uid="search.restrict")
    post_delete.connect(_restriction, sender=PageViewRestriction, dispatch_uid="search.unrestrict")
