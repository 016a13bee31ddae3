"""Wiring only: moderation outcomes call the submission service."""

from django.db.models.signals import post_save
from wagtail.signals import page_published, workflow_rejected

from home.page_cache import page_cache_purge_on_commit

from .models import BestPracticePage, Domain, EvidenceLevel, Phase, PracticeSubmission, Role, Theme
from .services import practice_submission_outcome_record


def _published(sender, instance, **kwargs) -> None:
    practice_submission_outcome_record(
        page_id=instance.pk, outcome=PracticeSubmission.Outcome.PUBLISHED
    )


def _rejected(sender, instance, **kwargs) -> None:
    # ``instance`` is the WorkflowState; its page may be any page type.
    if instance.content_type.model_class() is not None and issubclass(
        instance.content_type.model_class(), BestPracticePage
    ):
        practice_submission_outcome_record(
            page_id=int(instance.object_id), outcome=PracticeSubmission.Outcome.REJECTED
        )


def _term_renamed(sender, **kwargs) -> None:
    # Term labels appear in filters and on every page that is cached.
    page_cache_purge_on_commit()


def connect() -> None:
    for model in (Role, Domain, Phase, Theme, EvidenceLevel):
        post_save.connect(
            _term_renamed, sender=model, dispatch_uid=f"kennisbank.term.{model.__name__}"
        )
    page_published.connect(_published, sender=BestPracticePage, dispatch_uid="kennisbank.published")
    workflow_rejected.connect(_rejected, dispatch_uid="kennisbank.rejected")
