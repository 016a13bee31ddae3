"""Index updates run as background tasks; failures are retried and logged; rebuilds swap an alias."""

from __future__ import annotations

import logging

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search import services
from search.models import SearchDocument
from search.tasks import MAX_ATTEMPTS, search_pages_sync_task
from tests.search.helpers import guide, practice, search, titles, use_engine

pytestmark = pytest.mark.django_db


def test_publishing_enqueues_a_task_instead_of_indexing_inline(practice_index, queued_search_tasks):
    page = practice(practice_index, title="Nog niet geïndexeerd")
    assert queued_search_tasks() == [[page.pk]]
    assert not SearchDocument.objects.filter(pk=page.pk).exists()


def test_a_failed_update_is_retried_and_then_succeeds(practice_index, monkeypatch, caplog):
    page = practice(practice_index, title="Herkansing")
    real = services.search_pages_sync
    calls = []

    def flaky(*, page_ids):
        calls.append(page_ids)
        if len(calls) == 1:
            raise ConnectionError("cluster unreachable")
        return real(page_ids=page_ids)

    monkeypatch.setattr(services, "search_pages_sync", flaky)
    SearchDocument.objects.all().delete()
    with caplog.at_level(logging.WARNING):
        result = search_pages_sync_task.enqueue(page_ids=[page.pk])
    assert result.status == "SUCCESSFUL"
    assert len(calls) == 2
    assert "attempt 1 of" in caplog.text
    assert SearchDocument.objects.filter(pk=page.pk).exists()


def test_a_lasting_failure_is_logged_and_never_breaks_publishing(
    practice_index, monkeypatch, caplog
):
    def broken(*, page_ids):
        raise ConnectionError("cluster unreachable")

    monkeypatch.setattr(services, "search_pages_sync", broken)
    with caplog.at_level(logging.WARNING):
        page = practice(practice_index, title="Blijft live")
    assert page.live
    assert f"after {MAX_ATTEMPTS} attempts" in caplog.text


def test_restricting_a_section_removes_everything_below_it(
    backend_name, guide_index, practice_index
):
    from wagtail.models import PageViewRestriction

    guide(guide_index, title="Handreiking over netwerken")
    practice(practice_index, title="Praktijk over netwerken")
    PageViewRestriction.objects.create(
        page=practice_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert titles(search("netwerken")) == ["Handreiking over netwerken"]


def test_rebuild_indexes_live_public_pages_only(backend_name, practice_index):
    practice(practice_index, title="Eerste aanpak")
    gone = practice(practice_index, title="Tweede aanpak")
    SearchDocument.objects.all().delete()
    gone.unpublish()
    call_command("search_rebuild")
    assert titles(search("aanpak")) == ["Eerste aanpak"]
    assert SearchDocument.objects.count() == 1


def test_rebuild_fills_a_new_versioned_index_and_swaps_the_alias(use_elasticsearch, practice_index):
    backend = use_elasticsearch
    practice(practice_index, title="Eerste aanpak")
    call_command("search_rebuild")
    first = list(backend.client.alias_indices(backend.alias))
    practice(practice_index, title="Tweede aanpak")
    call_command("search_rebuild", elasticsearch_only=True)
    second = list(backend.client.alias_indices(backend.alias))
    assert len(first) == len(second) == 1 and first != second
    assert second[0].startswith(f"{backend.alias}-")
    assert not backend.client.exists(first[0])  # the old version is gone
    assert {h.title for h in search("aanpak").hits} == {"Eerste aanpak", "Tweede aanpak"}


def test_updates_during_a_rebuild_reach_the_new_index(use_elasticsearch, practice_index):
    backend = use_elasticsearch
    practice(practice_index, title="Eerste aanpak")
    newer = backend._create_index()  # a rebuild is filling this one
    page = practice(practice_index, title="Tijdens de herbouw")
    assert backend.client.exists(index=newer, id=page.pk)


def test_rebuild_failure_names_the_problem(settings, practice_index):
    use_engine(settings, "http://127.0.0.1:9", timeout=0.5)
    with pytest.raises(CommandError, match="zoekindex niet opnieuw opgebouwd"):
        call_command("search_rebuild", elasticsearch_only=True)


def test_a_new_slug_queues_one_task_for_the_live_subtree(
    homepage, queued_search_tasks, django_capture_on_commit_callbacks
):
    from tests.courses.factories import course_with_lessons

    course = course_with_lessons(lessons=3)
    lessons = list(course.get_children().order_by("path"))
    lessons[2].unpublish()  # a draft is in no index: nothing to update
    before = len(queued_search_tasks())
    course.slug = "nieuwe-naam"
    with django_capture_on_commit_callbacks(execute=True):
        course.save()
    queued = queued_search_tasks()[before:]
    assert queued == [[course.pk, lessons[0].pk, lessons[1].pk]]


def test_reordering_siblings_queues_nothing(practice_index, queued_search_tasks):
    first = practice(practice_index, title="Eerste")
    second = practice(practice_index, title="Tweede")
    before = len(queued_search_tasks())
    second.move(first, pos="left")
    assert queued_search_tasks()[before:] == []
