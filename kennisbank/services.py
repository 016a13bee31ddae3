"""Writes for the kennisbank. Each public function runs in one transaction."""

from __future__ import annotations

import contextlib
import datetime
import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.html import escape
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.exchange import exchange_file_read
from core.models import Domain, EvidenceLevel, Phase, Role, Theme
from core.page_cache import page_cache_purge_on_commit
from core.publishing import PageChildAppender, page_create, page_save_imported
from core.sanitize import sanitize_html
from home.models import HomePage
from search.services import search_pages_enqueue

from .importing import FORMAT_VERSION, KennisbankImportError, validate_file
from .models import (
    BestPracticeIndexPage,
    BestPracticePage,
    EvidenceLadderPage,
    PracticeSubmission,
    SignalGuideIndexPage,
    SignalGuidePage,
)
from .selectors import taxonomy_term_page_ids

INDEX_PAGES = (
    (
        SignalGuideIndexPage,
        "signalen-herkennen",
        "Signalen herkennen",
        "Handreikingen per beroep: waar kunt u op letten, wat kunt u doen en wie kunt u raadplegen?",
    ),
    (
        BestPracticeIndexPage,
        "wat-werkt",
        "Wat werkt",
        "Aanpakken uit gemeenten en organisaties, met de mate waarin bekend is dat ze werken.",
    ),
    (
        EvidenceLadderPage,
        "niveaus-van-bewijs",
        "Niveaus van bewijs",
        "Hoe sterk is het bewijs dat een aanpak werkt? Wij gebruiken de Nederlandse erkenningsladder "
        "voor interventies. Elk niveau bouwt voort op het vorige.",
    ),
)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    dry_run: bool = False

    def __str__(self) -> str:
        prefix = "proefimport: zou " if self.dry_run else ""
        return f"{prefix}{self.created} aangemaakt, {self.updated} bijgewerkt"


@transaction.atomic
def kennisbank_index_pages_ensure() -> dict[type, object]:
    """Create the guide and practice index pages and the evidence ladder page if missing."""
    home = HomePage.objects.get()
    pages = {}
    for model, slug, title, intro in INDEX_PAGES:
        page = model.objects.first()
        if page is None:
            page = model(
                title=title, slug=slug, intro=intro, show_in_menus=model is not EvidenceLadderPage
            )
            page_create(parent=home, page=page)
        pages[model] = page
    return pages


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


# --- Practices shared by professionals -------------------------------------------------------

logger = logging.getLogger(__name__)

SUBMISSIONS_PER_HOUR = 3
SUBMISSIONS_PER_DAY = 10


class SubmissionRateLimited(Exception):
    """The user shared too many practices in a short time."""


def _unique_child_slug(parent, title: str) -> str:
    from django.utils.text import slugify

    base = slugify(title)[:80] or "praktijk"
    slug, n = base, 1
    while parent.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _rich_text_as_the_editor_saves(*, field_name: str, html: str) -> str:
    """The sanitised HTML in the form the page editor's rich text widget writes back.

    A moderator approves a shared practice from the page editor, which saves the form as a new
    revision first when it differs from the page. The submitted HTML had no block keys (and
    could hold a link without href), so the editor's round trip always differed: approving
    without changing anything logged "Gewijzigd" under the moderator's name and published that
    new, unapproved revision instead of the submitted one (issue 16). Stored in the editor's own
    form, the submitted revision is the one that is approved and published, as the last write.
    """
    if not html.strip():
        return html  # an empty editor sends nothing, not an empty paragraph
    field = BestPracticePage._meta.get_field(field_name)
    widget = field.formfield().widget
    return widget.value_from_datadict({field_name: widget.format_value(html)}, {}, field_name)


@transaction.atomic
def practice_submission_create(*, user, data: dict) -> PracticeSubmission:
    """Save a shared practice as a draft page and put it in the moderation workflow.

    ``data`` is the cleaned data of ``PracticeSubmissionForm`` (HTML already sanitised).
    Raises SubmissionRateLimited when the user exceeds the hourly or daily limit.
    """
    now = timezone.now()
    recent = PracticeSubmission.objects.filter(submitter=user)
    if (
        recent.filter(created_at__gte=now - datetime.timedelta(hours=1)).count()
        >= SUBMISSIONS_PER_HOUR
        or recent.filter(created_at__gte=now - datetime.timedelta(days=1)).count()
        >= SUBMISSIONS_PER_DAY
    ):
        raise SubmissionRateLimited

    index = kennisbank_index_pages_ensure()[BestPracticeIndexPage]
    page = BestPracticePage(
        title=data["title"],
        slug=_unique_child_slug(index, data["title"]),
        summary=data["summary"],
        body=_rich_text_as_the_editor_saves(field_name="body", html=data["description"]),
        aim=data["aim"],
        target_group=data["target_group"],
        approach=_rich_text_as_the_editor_saves(field_name="approach", html=data["approach"]),
        effective_elements=[("element", text) for text in data["effective_elements"]],
        conditions=[("condition", text) for text in data["conditions"]],
        evaluation=_rich_text_as_the_editor_saves(field_name="evaluation", html=data["evaluation"]),
        sources=[("source", source) for source in data["sources"]],
        evidence_level=data["evidence_level"],
        evidence_justification=data["evidence_justification"],
        organisation=data["organisation"],
        region=data["region"],
        contact=data["contact"],
        start_year=data["start_year"],
        live=False,
        owner=user,
    )
    page.roles = list(data["roles"])
    page.domains = list(data["domains"])
    page.phases = list(data["phases"])
    page.themes = list(data["themes"])
    index.add_child(instance=page)
    if not user.has_perm("wagtailadmin.access_admin"):
        # Professionals get our own Dutch e-mail (see practice_submission_outcome_record), not
        # Wagtail's admin notification with links into an admin they cannot open.
        from wagtail.users.models import UserProfile

        UserProfile.objects.update_or_create(
            user=user, defaults={"approved_notifications": False, "rejected_notifications": False}
        )
    page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    return PracticeSubmission.objects.create(page=page, submitter=user)


def _notify(submission, *, subject: str, template: str) -> None:
    """Send the outcome e-mail; a mail server failure is logged, never raised into a publish."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string

    context = {
        "submission": submission,
        "page": submission.page,
        "base_url": settings.WAGTAILADMIN_BASE_URL,
        "editorial_email": settings.EDITORIAL_EMAIL,
    }
    message = EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        to=[submission.submitter.email],
        reply_to=[settings.EDITORIAL_EMAIL],
    )
    try:
        message.send()
    except Exception:  # SMTP errors of every kind; the submission id is enough to follow up
        logger.exception("outcome e-mail for practice submission %s failed", submission.pk)


@transaction.atomic
def practice_submission_outcome_record(*, page_id: int, outcome: str) -> bool:
    """Record that a shared practice was published or rejected and tell the submitter once.

    Returns whether a notification was sent. Pages that were not shared by a professional, and
    outcomes already notified, are ignored.
    """
    submission = (
        PracticeSubmission.objects.select_for_update()
        .select_related("submitter", "page")
        .filter(page_id=page_id)
        .first()
    )
    if submission is None or submission.outcome == outcome:
        return False
    submission.outcome = outcome
    submission.notified_at = timezone.now()
    submission.save(update_fields=["outcome", "notified_at"])
    if outcome == PracticeSubmission.Outcome.PUBLISHED:
        subject, template = (
            "Uw praktijk is gepubliceerd",
            "kennisbank/email/submission_published.txt",
        )
    else:
        subject, template = (
            "Uw praktijk is niet geplaatst",
            "kennisbank/email/submission_rejected.txt",
        )
    transaction.on_commit(
        lambda: _notify(submission, subject=f"[Weerbaar] {subject}", template=template)
    )
    return True


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
