"""Personal data of the kennisbank: the practices a professional shared."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts import privacy

from .models import PracticeSubmission


def _export(user) -> dict:
    submissions = PracticeSubmission.objects.filter(submitter=user).select_related("page")
    return {
        "submissions": [
            {
                "title": s.page.title,
                "summary": s.page.summary,
                "aim": s.page.aim,
                "target_group": s.page.target_group,
                "body": str(s.page.body),
                "approach": str(s.page.approach),
                "created_at": s.created_at.isoformat(),
                "outcome": s.outcome,
                "live": s.page.live,
            }
            for s in submissions
        ]
    }


def _erase(user) -> None:
    """Drafts that never went live exist only as the person's submission: delete them.

    A published practice is editorial content by then; it stays, with nothing linking it to the
    person (the submission row goes, owner and revision authorship are unlinked by the wagtail
    provider).
    """
    for submission in PracticeSubmission.objects.filter(submitter=user).select_related("page"):
        page = submission.page
        never_published = not page.live and page.first_published_at is None
        submission.delete()
        if never_published:
            page.delete()


privacy.register(
    privacy.PersonalDataProvider(
        name="kennisbank.practice_submissions",
        description=_("Praktijken die u hebt gedeeld via Deel uw praktijk"),
        models=(PracticeSubmission,),
        export=_export,
        erase=_erase,
    )
)
