"""Wiring only: moderation outcomes call the submission service; term edits purge the page
cache and queue the search update."""

from django.db.models.signals import post_save, pre_delete
from wagtail.signals import page_published, workflow_rejected

from core.models import Domain, EvidenceLevel, Phase, Role, Theme
from core.page_cache import page_cache_purge_on_commit

from .models import BestPracticePage, PracticeSubmission
from .services import practice_submission_outcome_record, taxonomy_term_search_refresh


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


def _term_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    # Term labels appear in filters and on every page that is cached.
    page_cache_purge_on_commit()
    if not created and not raw:  # a new term is on no page yet; fixtures are indexed afterwards
        taxonomy_term_search_refresh(term=instance)


def _term_deleting(sender, instance, **kwargs) -> None:
    # Never from the admin (the set of terms is fixed), but a shell or a script may.
    page_cache_purge_on_commit()
    taxonomy_term_search_refresh(term=instance, deleting=True)


def connect() -> None:
    for model in (Role, Domain, Phase, Theme, EvidenceLevel):
        post_save.connect(
            _term_saved, sender=model, dispatch_uid=f"kennisbank.term.{model.__name__}"
        )
        pre_delete.connect(
            _term_deleting, sender=model, dispatch_uid=f"kennisbank.term_delete.{model.__name__}"
        )
    page_published.connect(_published, sender=BestPracticePage, dispatch_uid="kennisbank.published")
    workflow_rejected.connect(_rejected, dispatch_uid="kennisbank.rejected")
