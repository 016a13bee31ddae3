"""The database backend's full-text entries (modelsearch) go with their search documents."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from search.models import SearchDocument
from search.services import search_pages_remove
from tests.search.helpers import practice, search, titles

pytestmark = pytest.mark.django_db


def entry_ids() -> set[int]:
    """Page ids that have a modelsearch entry for their search document."""
    model = SearchDocument._meta.get_field("index_entries").related_model
    entries = model.objects.filter(content_type=ContentType.objects.get_for_model(SearchDocument))
    return {int(object_id) for object_id in entries.values_list("object_id", flat=True)}


def lose_row(page_id: int) -> None:
    """Remove a document row without the ORM's cascade, as a raw delete or a race would."""
    SearchDocument.objects.filter(pk=page_id)._raw_delete(using="default")


def test_unpublishing_and_deleting_leave_no_entry(practice_index):
    kept = practice(practice_index, title="Blijft staan")
    unpublished = practice(practice_index, title="Gaat offline")
    deleted = practice(practice_index, title="Wordt verwijderd")
    assert entry_ids() == {kept.pk, unpublished.pk, deleted.pk}
    unpublished.unpublish()
    deleted.delete()
    assert entry_ids() == {kept.pk}


def test_removing_a_document_whose_row_is_gone_removes_its_entry(practice_index):
    page = practice(practice_index, title="Zonder rij")
    lose_row(page.pk)
    assert page.pk in entry_ids()
    search_pages_remove(page_ids=[page.pk])
    assert page.pk not in entry_ids()


def test_rebuild_removes_entries_without_a_document(practice_index):
    kept = practice(practice_index, title="Eerste aanpak")
    gone = practice(practice_index, title="Tweede aanpak")
    lose_row(gone.pk)
    gone.unpublish()  # its removal finds no row to take the entry along
    call_command("search_rebuild")
    assert entry_ids() == {kept.pk}
    assert titles(search("aanpak")) == ["Eerste aanpak"]


def test_reindexing_keeps_one_entry_per_document(practice_index):
    page = practice(practice_index, title="Oude titel")
    page.title = "Nieuwe titel"
    page.save_revision().publish()
    call_command("search_rebuild")
    assert entry_ids() == {page.pk}
    assert titles(search("nieuwe")) == ["Nieuwe titel"]
    assert search("oude").count == 0
