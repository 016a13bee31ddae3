"""Wiring only: moderation outcomes call the submission service."""

from wagtail.signals import page_published, workflow_rejected

from .models import BestPracticePage, PracticeSubmission
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


def connect() -> None:
    page_published.connect(_published, sender=BestPracticePage, dispatch_uid="kennisbank.published")
    workflow_rejected.connect(_rejected, dispatch_uid="kennisbank.rejected")
