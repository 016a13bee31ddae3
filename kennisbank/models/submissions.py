"""Who shared which practice: the link between a professional and their submitted page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeSubmission(models.Model):
    """A practice shared by a signed-in professional through "Deel uw praktijk".

    The page itself is an ordinary draft ``BestPracticePage`` in the moderation workflow; this
    row remembers the submitter (the page's owner can change in the admin) and whether they were
    already told the outcome, so a notification is sent once.
    """

    class Outcome(models.TextChoices):
        PENDING = "pending", _("In behandeling")
        PUBLISHED = "published", _("Gepubliceerd")
        REJECTED = "rejected", _("Niet geplaatst")

    page = models.OneToOneField(
        "kennisbank.BestPracticePage", on_delete=models.CASCADE, related_name="submission"
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_submissions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ingezonden praktijk")
        verbose_name_plural = _("ingezonden praktijken")
        indexes = [models.Index(fields=["submitter", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.page_id} ({self.get_outcome_display()})"
