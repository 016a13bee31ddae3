"""Import and export of the kennisbank exchange format (version 1): validated whole before anything is
written, idempotent by external key, and an export re-imports to the same content."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models.signals import post_save
from django.utils.html import escape
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.exchange import exchange_file_read
from core.models import Domain, EvidenceLevel, Phase, Role, Theme
from core.page_cache import page_cache_purge_on_commit
from core.publishing import PageChildAppender, page_save_imported
from core.sanitize import sanitize_html
from search.services import search_pages_enqueue

from ..importing import FORMAT_VERSION, KennisbankImportError, validate_file
from ..models import (
    BestPracticeIndexPage,
    BestPracticePage,
    SignalGuideIndexPage,
    SignalGuidePage,
)
from .index_pages import kennisbank_index_pages_ensure


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    dry_run: bool = False

    def __str__(self) -> str:
        prefix = "proefimport: zou " if self.dry_run else ""
        return f"{prefix}{self.created} aangemaakt, {self.updated} bijgewerkt"


def _terms() -> dict[str, set[str]]:
    return {
        "roles": set(Role.objects.values_list("slug", flat=True)),
        "domains": set(Domain.objects.values_list("slug", flat=True)),
        "phases": set(Phase.objects.values_list("slug", flat=True)),
        "themes": set(Theme.objects.values_list("slug", flat=True)),
        "evidence_levels": set(EvidenceLevel.objects.values_list("slug", flat=True)),
    }


def _term_objects(model, slugs: list[str], cache: dict) -> list:
    """Term instances (not ids): modelcluster needs objects to relate an unsaved page."""
    if model not in cache:
        cache[model] = {term.slug: term for term in model.objects.all()}
    return [cache[model][slug] for slug in slugs]


def _body_blocks(html: str) -> list[tuple[str, RichText]]:
    clean = sanitize_html(html)
    return [("paragraph_block", RichText(clean))] if clean else []


def _apply_guide(page: SignalGuidePage, record: dict, ids: dict) -> None:
    page.title = record["title"]
    page.summary = record["summary"]
    page.body = _body_blocks(record["body"])
    page.signals = [("signal", signal) for signal in record["signals"]]
    page.steps = [("step", step) for step in record["steps"]]
    page.contacts = [("contact", contact) for contact in record["contacts"]]
    page.legal_frame = sanitize_html(record["legal"])
    page.roles = _term_objects(Role, record["roles"], ids)
    page.themes = _term_objects(Theme, record["themes"], ids)


def _apply_practice(page: BestPracticePage, record: dict, ids: dict, levels: dict) -> None:
    page.title = record["title"]
    page.summary = record["summary"]
    page.body = sanitize_html(record["body"])
    page.aim = record["aim"]
    page.target_group = record["target_group"]
    page.approach = sanitize_html(record["approach"])
    page.effective_elements = [("element", text) for text in record["effective_elements"]]
    page.conditions = [("condition", text) for text in record["conditions"]]
    page.evaluation = sanitize_html(record["evaluation"])
    page.sources = [("source", source) for source in record["sources"]]
    page.evidence_level_id = levels[record["evidence_level"]]
    page.evidence_justification = record["evidence_justification"]
    page.organisation = record["organisation"]
    page.region = record["region"]
    page.contact = record["contact"]
    page.start_year = record["year"]
    page.last_reviewed = record["last_reviewed"]
    page.roles = _term_objects(Role, record["roles"], ids)
    page.domains = _term_objects(Domain, record["domains"], ids)
    page.phases = _term_objects(Phase, record["phases"], ids)
    page.themes = _term_objects(Theme, record["themes"], ids)


def kennisbank_import_file(
    *, path: Path, publish: bool = True, dry_run: bool = False
) -> ImportReport:
    data = exchange_file_read(path=path, error=KennisbankImportError)
    return kennisbank_import(data=data, publish=publish, dry_run=dry_run)


@contextlib.contextmanager
def _deferred_indexing(models: tuple[type, ...]):
    """Skip per-save search and reference indexing; the caller indexes once at the end.

    Each page save would otherwise index the page three times (create, revision, publish).
    """
    disconnected = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def _index_pages(pages: list) -> None:
    """Index the imported pages in bulk, fetched with their relations in a few queries."""
    backend = get_search_backend()
    for model in {type(page) for page in pages}:
        ids = [page.pk for page in pages if type(page) is model]
        related = [
            f.name for f in model._meta.get_fields() if f.many_to_many and not f.auto_created
        ]
        fresh = list(model.objects.filter(pk__in=ids).prefetch_related(*related))
        backend.add_bulk(model, fresh)
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)


def _existing(model, index_model, kind: str, records: list[dict]) -> dict:
    """The pages these records update, by external key or (for pages made in the admin) slug.

    A key whose slug is taken under the index by a page that is not this record's is an error:
    Wagtail would refuse the duplicate slug halfway through the import.
    """
    keys = [record["key"] for record in records]
    found = {page.external_key: page for page in model.objects.filter(external_key__in=keys)}
    index = index_model.objects.first()
    if index is None:
        return found
    candidates = model.objects.child_of(index).filter(external_key__isnull=True, slug__in=keys)
    if model is BestPracticePage:
        # A professional's submission is never taken over by an import.
        candidates = candidates.filter(submission__isnull=True)
    for page in candidates:
        if page.slug not in found:
            page.external_key = page.slug
            found[page.slug] = page
    taken = index.get_children().filter(slug__in=[key for key in keys if key not in found])
    errors = [
        f"{kind} {slug}: key: het adres '{slug}' is al in gebruik door een andere pagina"
        for slug in taken.values_list("slug", flat=True)
    ]
    if errors:
        raise KennisbankImportError(errors)
    return found


@transaction.atomic
def kennisbank_import(*, data, publish: bool = True, dry_run: bool = False) -> ImportReport:
    """Create or update guides and practices by ``key``; all or nothing.

    The whole file is validated before the first write. Pages land under the index pages,
    published unless ``publish`` is false (then as a draft revision). HTML is sanitised.
    """
    guides, practices = validate_file(data, _terms())
    existing_guides = _existing(SignalGuidePage, SignalGuideIndexPage, "guide", guides)
    existing_practices = _existing(BestPracticePage, BestPracticeIndexPage, "practice", practices)
    report = ImportReport(dry_run=dry_run)
    report.updated = len(existing_guides) + len(existing_practices)
    report.created = len(guides) + len(practices) - report.updated
    if dry_run:
        return report

    indexes = kennisbank_index_pages_ensure()
    ids: dict = {}
    levels = dict(EvidenceLevel.objects.values_list("slug", "pk"))
    saved = []
    guide_appender = PageChildAppender(indexes[SignalGuideIndexPage])
    practice_appender = PageChildAppender(indexes[BestPracticeIndexPage])
    with _deferred_indexing((SignalGuidePage, BestPracticePage)):
        for record in guides:
            page = existing_guides.get(record["key"]) or SignalGuidePage(
                external_key=record["key"], slug=record["key"]
            )
            _apply_guide(page, record, ids)
            page_save_imported(page=page, appender=guide_appender, publish=publish)
            saved.append(page)
        for record in practices:
            page = existing_practices.get(record["key"]) or BestPracticePage(
                external_key=record["key"], slug=record["key"]
            )
            _apply_practice(page, record, ids, levels)
            page_save_imported(page=page, appender=practice_appender, publish=publish)
            saved.append(page)
    guide_appender.finish()
    practice_appender.finish()
    _index_pages(saved)
    search_pages_enqueue(page_ids=[page.pk for page in saved])
    page_cache_purge_on_commit()
    return report


def _blocks_html(stream) -> str:
    parts = []
    for block in stream:
        if block.block_type == "heading_block":
            size = block.value["size"]
            parts.append(f"<{size}>{escape(block.value['heading_text'])}</{size}>")
        elif block.block_type == "paragraph_block":
            parts.append(block.value.source)
    return "".join(parts)


def _slugs(related) -> list[str]:
    return [term.slug for term in related.all()]


def kennisbank_export() -> dict:
    """Every live guide and practice, with its live content, in the import format."""
    guides = []
    for page in SignalGuidePage.objects.live().order_by("path").prefetch_related("roles", "themes"):
        guides.append(
            {
                "key": page.external_key or page.slug,
                "title": page.title,
                "summary": page.summary,
                "roles": _slugs(page.roles),
                "themes": _slugs(page.themes),
                "signals": [dict(block.value) for block in page.signals],
                "steps": [
                    block.value["title"] if not block.value["text"] else dict(block.value)
                    for block in page.steps
                ],
                "contacts": [dict(block.value) for block in page.contacts],
                "legal": page.legal_frame,
                "body": _blocks_html(page.body),
            }
        )
    practices = []
    # Live pages only: drafts and professionals' pending or rejected submissions stay here.
    queryset = BestPracticePage.objects.live().order_by("path").select_related("evidence_level")
    for page in queryset.prefetch_related("roles", "domains", "phases", "themes"):
        practices.append(
            {
                "key": page.external_key or page.slug,
                "title": page.title,
                "summary": page.summary,
                "body": page.body,
                "aim": page.aim,
                "target_group": page.target_group,
                "approach": page.approach,
                "effective_elements": [block.value for block in page.effective_elements],
                "conditions": [block.value for block in page.conditions],
                "evaluation": page.evaluation,
                "sources": [
                    {"title": b.value["title"], "url": b.value["url"] or ""} for b in page.sources
                ],
                "evidence_level": page.evidence_level.slug,
                "evidence_justification": page.evidence_justification,
                "organisation": page.organisation,
                "region": page.region,
                "contact": page.contact,
                "year": page.start_year,
                "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
                "roles": _slugs(page.roles),
                "domains": _slugs(page.domains),
                "phases": _slugs(page.phases),
                "themes": _slugs(page.themes),
            }
        )
    return {"version": FORMAT_VERSION, "guides": guides, "practices": practices}
