"""Practices that professionals share: stored as a draft for moderation, rate-limited per user, and
the submitter told once of the outcome."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from ..models import (
    BestPracticeIndexPage,
    BestPracticePage,
    PracticeSubmission,
)
from .index_pages import kennisbank_index_pages_ensure

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
