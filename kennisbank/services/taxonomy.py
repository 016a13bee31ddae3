"""What follows a change of a taxonomy term: the pages that carry it are reindexed."""

from __future__ import annotations

from django.db import transaction

from search.services import search_pages_enqueue

from ..selectors import taxonomy_term_page_ids


def taxonomy_term_search_refresh(*, term, deleting: bool = False) -> int:
    """Have the live pages that carry ``term`` re-indexed: their search keywords hold its label,
    so a renamed term is found by its new name (facet values are slugs, labelled when shown).
    Returns the number of pages queued.

    A term being deleted still links its pages now and no longer once the delete commits: the
    pages are read now and queued after the commit, when their documents are rebuilt without it.
    """
    page_ids = taxonomy_term_page_ids(term=term)
    if page_ids and deleting:
        transaction.on_commit(lambda: search_pages_enqueue(page_ids=page_ids))
    elif page_ids:
        search_pages_enqueue(page_ids=page_ids)
    return len(page_ids)
