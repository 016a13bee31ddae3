"""core.publishing: one path to create and publish pages, and the bulk appender's tree rows."""

import pytest
from wagtail.models import Page, PageLogEntry

from core.publishing import PageChildAppender, page_create, page_publish, page_save_imported
from home.models import StatementPage

pytestmark = pytest.mark.django_db


def _statement(slug):
    return StatementPage(title=f"Verklaring {slug}", slug=slug, body=[])


def test_a_created_page_is_live_with_a_revision_and_the_publish_logged(homepage):
    page = page_create(parent=homepage, page=_statement("privacy"))
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision_id == page.latest_revision_id
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1


def test_a_draft_stays_unpublished_and_publishing_it_later_makes_it_live(homepage):
    page = page_create(parent=homepage, page=_statement("concept"), publish=False)
    page.refresh_from_db()
    assert not page.live and page.live_revision_id is None and page.latest_revision_id
    page_publish(page=page)
    page.refresh_from_db()
    assert page.live and page.live_revision_id == page.latest_revision_id


def test_the_appender_writes_the_same_tree_as_add_child(homepage):
    homepage.add_child(instance=_statement("eerste"))
    homepage.refresh_from_db()
    appender = PageChildAppender(homepage)
    for slug in ("tweede", "derde"):
        page_save_imported(page=_statement(slug), appender=appender, publish=True)
    appender.finish()
    homepage.refresh_from_db()
    children = list(homepage.get_children().order_by("path"))
    assert [child.slug for child in children] == ["eerste", "tweede", "derde"]
    assert homepage.numchild == 3 and Page.find_problems() == ([], [], [], [], [])
    assert all(child.live and child.url_path.endswith(f"/{child.slug}/") for child in children)
    assert all(child.depth == homepage.depth + 1 for child in children)
