"""Background indexing. Runs on the django-tasks backend in ``settings.TASKS``: immediately in
development and tests, in ``manage.py db_worker`` (django-tasks-db) in production."""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
RETRY_DELAY = datetime.timedelta(seconds=30)


@task()
def search_pages_sync_task(*, page_ids: list[int], removed: bool = False, attempt: int = 1) -> int:
    """Index or remove the pages; on failure try again later, and log when giving up."""
    from .services import search_pages_remove, search_pages_sync

    while True:
        try:
            if removed:
                search_pages_remove(page_ids=page_ids)
            else:
                search_pages_sync(page_ids=page_ids)
            return len(page_ids)
        except Exception as error:
            if attempt >= MAX_ATTEMPTS:
                logger.error(
                    "search index update failed for %d page(s) after %d attempts (%s); "
                    "run manage.py search_rebuild once the cluster is back",
                    len(page_ids), attempt, type(error).__name__,
                )  # fmt: skip
                raise
            logger.warning(
                "search index update failed for %d page(s), attempt %d of %d (%s); retrying",
                len(page_ids), attempt, MAX_ATTEMPTS, type(error).__name__,
            )  # fmt: skip
            attempt += 1
            backend = search_pages_sync_task.get_backend()
            if backend.supports_defer:
                run_after = timezone.now() + RETRY_DELAY * (2 ** (attempt - 2))
                search_pages_sync_task.using(run_after=run_after).enqueue(
                    page_ids=page_ids, removed=removed, attempt=attempt
                )
                return 0
            # The immediate backend cannot defer: try again right away.
