"""Writes of the search app: keeping the indexes in step with pages, the rebuild, analytics."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
import re
import time
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from core.rate_limit import rate_limit_consume

from .analysis import fold
from .backends import database_backend, elasticsearch_backend, search_backends
from .documents import PageDocument, page_document_build
from .models import SearchQueryStat, SearchQueryVisitor
from .query import MAX_QUERY_LENGTH
from .registry import search_sources

logger = logging.getLogger(__name__)


def search_pages_sync(*, page_ids: Iterable[int]) -> None:
    """Index each page as it is now, or remove it when it is gone, draft, private or not indexed.

    Raises when a backend fails, so the task that called it can retry; the database is
    written first, so the fallback is current even while Elasticsearch is down.
    """
    page_ids = list(dict.fromkeys(page_ids))
    public = Page.objects.live().public().filter(pk__in=page_ids)
    documents: list[PageDocument] = []
    for source in search_sources():
        queryset = _with_relations(source.model, public.exact_type(source.model).values("pk"))
        for page in queryset:
            document = page_document_build(page)
            if document is not None:
                documents.append(document)
    found = {document.page_id for document in documents}
    gone = [page_id for page_id in page_ids if page_id not in found]
    for backend in search_backends():
        backend.index_documents(documents)
        backend.delete_documents(gone)


def search_pages_remove(*, page_ids: Iterable[int]) -> None:
    """Remove deleted pages from every index (never re-reads them: they are being deleted)."""
    page_ids = list(dict.fromkeys(page_ids))
    for backend in search_backends():
        backend.delete_documents(page_ids)


def search_pages_enqueue(*, page_ids: Iterable[int], removed: bool = False) -> None:
    """Have the pages (re)indexed in the background; an editor's action never waits for it."""
    from .tasks import search_pages_sync_task

    page_ids = list(dict.fromkeys(int(pk) for pk in page_ids))
    if page_ids:
        search_pages_sync_task.enqueue(page_ids=page_ids, removed=removed)


def search_subtree_enqueue(*, page: Page) -> None:
    """A move, a new slug or a changed view restriction affects the page and everything below
    it: one task for the whole subtree, so Elasticsearch gets a single bulk request. Only live
    pages can be in an index (unpublishing removes a page)."""
    subtree = Page.objects.descendant_of(page, inclusive=True).live()
    search_pages_enqueue(page_ids=subtree.values_list("pk", flat=True))


def _with_relations(model, pages):
    """The specific pages of ``model`` among ``pages``, their own relations fetched in bulk."""
    own = [f for f in model._meta.get_fields() if getattr(f, "model", None) is model]
    many = [f.name for f in own if f.many_to_many and not f.auto_created]
    single = [f.name for f in own if f.many_to_one and f.concrete]
    queryset = model.objects.filter(pk__in=pages)
    return queryset.select_related(*single).prefetch_related(*many).order_by("pk")


def searchable_documents() -> Iterator[PageDocument]:
    """Documents of every live, public page of every registered type, relations prefetched."""
    for source in search_sources():
        queryset = _with_relations(
            source.model, source.model.objects.live().public().exact_type(source.model)
        )
        for page in queryset.iterator(chunk_size=500):
            document = page_document_build(page)
            if document is not None:
                yield document


def search_index_rebuild(*, elasticsearch_only: bool = False) -> dict[str, float]:
    """Rebuild every index from the pages. Elasticsearch gets a new versioned index and an
    alias swap, so searches keep being answered during the rebuild. Returns seconds per step."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    documents = list(searchable_documents())
    timings["documents"] = time.perf_counter() - started
    timings["count"] = len(documents)
    if not elasticsearch_only:
        started = time.perf_counter()
        database_backend().rebuild(documents)
        timings["database"] = time.perf_counter() - started
    elasticsearch = elasticsearch_backend()
    if elasticsearch is not None:
        started = time.perf_counter()
        elasticsearch.rebuild(documents)
        timings["elasticsearch"] = time.perf_counter() - started
    return timings


def search_index_reconcile() -> dict[str, int]:
    """Bring the engine in step with the pages after an outage longer than the task retries:
    every live, public page whose document is missing from the engine, or whose "published"
    stamp differs from the page's, is indexed again; documents of pages that are gone are
    removed. Compares ids and stamps only, so a run with nothing to do reads no bodies twice.
    Returns the counts. Raises when the engine cannot be reached (nothing is half-written:
    each document is indexed or deleted in bulk, and a second run finds what is left)."""
    engine = elasticsearch_backend()
    if engine is None:
        return {"checked": 0, "indexed": 0, "removed": 0}
    indexed_stamps = engine.published_stamps()
    expected = {document.page_id: document for document in searchable_documents()}
    outdated = [
        document
        for page_id, document in expected.items()
        if page_id not in indexed_stamps
        or _stamp(indexed_stamps[page_id]) != _stamp(document.published)
    ]
    gone = [page_id for page_id in indexed_stamps if page_id not in expected]
    engine.index_documents(outdated)
    engine.delete_documents(gone)
    return {"checked": len(expected), "indexed": len(outdated), "removed": len(gone)}


def _stamp(value) -> str | None:
    """A stamp as the engine returns it and as the page has it, in one comparable form."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


# --- Rate limit -----------------------------------------------------------------------------


def search_rate_limit_consume(*, client: str, action: str = "search") -> bool:
    """Count one search of ``client`` (its address as the trusted-proxy rule reads it) and say
    whether it is within ``SEARCH_RATE_LIMITS[action]``."""
    rate = getattr(settings, "SEARCH_RATE_LIMITS", {}).get(action)
    return rate_limit_consume(scope=f"search-{action}", client=client, rate=rate)


# --- Analytics ------------------------------------------------------------------------------

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# "naam [at] school.nl", "naam (at) school punt nl", "naam at school dot nl", "naam @ school"
_OBFUSCATED_EMAIL = re.compile(
    r"\w[\w.\-]*\s*(?:[\[({<]\s*(?:at|apenstaartje|@)\s*[\])}>]|\s@\s|\s(?:at|apenstaartje)\s)"
    r"\s*\w[\w\-]*(?:\s*(?:\.|[\[({<]?\s*(?:dot|punt)\s*[\])}>]?)\s*\w+)",
    re.IGNORECASE,
)
# Dutch and international phone numbers: 10+ digits, with spaces, dashes, dots or brackets.
_PHONE = re.compile(r"(?:\+|00)?\d(?:[\s\-.()/]*\d){8,}")
# What points at one child or client: a postcode, a school class or group, a date of birth.
_POSTCODE = re.compile(r"\b\d{4}\s?[a-z]{2}\b", re.IGNORECASE)
_CLASS = re.compile(r"\b(?:klas|groep|leerjaar|mentorklas)\s*\d+\s*[a-z]?\b", re.IGNORECASE)
_DATE = re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b")
# A capitalised word after the first one ("leerling Sanne de Vries") or two capitalised words
# in a row ("Mohammed Bakker"): visitors type topics in lower case, names with capitals.
_CAPITALISED = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'\-]+$")


def _looks_like_a_name(text: str) -> bool:
    """A capitalised word anywhere but first ("jan de Vries", "Sanne Bakker")."""
    return any(_CAPITALISED.match(word) for word in text.split()[1:])


def query_has_personal_data(text: str) -> bool:
    """Whether a query may point at a person: then it is not counted at all.

    A heuristic, so it errs towards dropping; what it misses (a name typed in lower case) still
    never reaches an editor unless enough distinct visitors typed it (k-anonymity)."""
    return bool(
        _EMAIL.search(text)
        or _OBFUSCATED_EMAIL.search(text)
        or _PHONE.search(text)
        or _POSTCODE.search(text)
        or _CLASS.search(text)
        or _DATE.search(text)
        or _looks_like_a_name(text)
    )


def _keyed(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def search_query_record(*, query: str, result_count: int, client: str) -> bool:
    """Count a query for the editors' report. True when counted.

    Queries that may point at a person are dropped. ``client`` (the visitor's address) is only
    turned into a keyed hash of today's date and the address, kept until the day is over, to
    count distinct visitors; the query's text is stored only once
    ``SEARCH_ANALYTICS_MIN_VISITORS`` of them typed it."""
    text = " ".join(fold(query).split())[:MAX_QUERY_LENGTH]
    if not text or query_has_personal_data(query):
        return False
    today = timezone.localdate()
    zero = 1 if result_count == 0 else 0
    token = _keyed(f"visitor|{today.isoformat()}|{client}")[:32]
    threshold = settings.SEARCH_ANALYTICS_MIN_VISITORS
    with transaction.atomic():
        stat, created = SearchQueryStat.objects.select_for_update().get_or_create(
            query_key=_keyed(f"query|{text}"),
            defaults={
                "count": 1,
                "zero_result_count": zero,
                "first_searched": today,
                "last_searched": today,
            },
        )
        changes = {}
        if not created:
            changes = {
                "count": F("count") + 1,
                "zero_result_count": F("zero_result_count") + zero,
                "last_searched": today,
            }
        _visitor, new_visitor = SearchQueryVisitor.objects.get_or_create(
            stat=stat, token=token, defaults={"day": today}
        )
        if new_visitor:
            changes["visitor_count"] = F("visitor_count") + 1
            if not stat.query and stat.visitor_count + 1 >= threshold:
                changes["query"] = text
        if changes:
            SearchQueryStat.objects.filter(pk=stat.pk).update(**changes)
    return True


def search_analytics_prune(*, today=None) -> dict[str, int]:
    """The retention job (``manage.py search_analytics_retention``, daily).

    Visitor tokens go once their day is over (they only serve to count a visitor once a day).
    Queries not searched for ``SEARCH_ANALYTICS_RETENTION_DAYS`` go entirely, and so do those
    that never reached the visitor threshold within that time. Returns the numbers deleted."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.SEARCH_ANALYTICS_RETENTION_DAYS)
    with transaction.atomic():
        tokens, _ = SearchQueryVisitor.objects.filter(day__lt=today).delete()
        stale = SearchQueryStat.objects.filter(last_searched__lt=cutoff)
        unshown = SearchQueryStat.objects.filter(query="", first_searched__lt=cutoff)
        _, deleted = (stale | unshown).delete()
    return {"tokens": tokens, "queries": deleted.get(SearchQueryStat._meta.label, 0)}
