"""Cohorts: a trainer follows a group of learners through one or more courses.

A learner joins by invitation link or code, after seeing exactly what the trainer will see, and
can leave at any time; leaving deletes the membership, so the trainer's figures stop including
them at once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Cohort(models.Model):
    name = models.CharField(_("naam van de groep"), max_length=120)
    organisation = models.CharField(_("organisatie"), max_length=160, blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="cohorts_led",
        verbose_name=_("trainer"),
    )
    courses = models.ManyToManyField(
        "courses.CoursePage", related_name="cohorts", verbose_name=_("cursussen")
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"))
    join_code = models.CharField(_("aanmeldcode"), max_length=12, unique=True, editable=False)
    invite_token = models.CharField(max_length=64, unique=True, editable=False)
    inactive_after_days = models.PositiveSmallIntegerField(
        _("inactief na (dagen)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    last_reminder_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="cohort_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CohortMembership(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    consented_at = models.DateTimeField(_("toestemming gegeven op"))
    reminders_opt_out = models.BooleanField(_("geen herinneringen"), default=False)

    class Meta:
        verbose_name = _("deelname aan een groep")
        verbose_name_plural = _("deelnames aan groepen")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="cohort_membership_once"),
        ]
