"""A minimal profile and the audit trail.

The profile holds only what the platform needs to address a professional and to suggest
content for their role; every field but the display name is optional. The audit trail stores
who did what, never what they saw: no e-mail addresses, codes, passwords or learner content.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The twelve provinces: coarse enough to say nothing about a person, fine enough for regional
# networks (veiligheidshuizen, regional coordinators) to find each other.
REGIONS = [
    ("drenthe", "Drenthe"),
    ("flevoland", "Flevoland"),
    ("friesland", "Friesland"),
    ("gelderland", "Gelderland"),
    ("groningen", "Groningen"),
    ("limburg", "Limburg"),
    ("noord-brabant", "Noord-Brabant"),
    ("noord-holland", "Noord-Holland"),
    ("overijssel", "Overijssel"),
    ("utrecht", "Utrecht"),
    ("zeeland", "Zeeland"),
    ("zuid-holland", "Zuid-Holland"),
]


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("weergavenaam"), max_length=80)
    organisation = models.CharField(_("organisatie"), max_length=120, blank=True)
    region = models.CharField(_("regio"), max_length=20, choices=REGIONS, blank=True)
    role = models.ForeignKey(
        "core.Role",
        verbose_name=_("rol"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(
        _("taal"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self) -> str:
        return self.display_name


class AuditEvent(models.Model):
    """One security-relevant event: a login, a denial, a trainer viewing a cohort.

    ``actor_id`` is a plain number, not a foreign key: the trail must outlive the account it
    names (an erased account leaves only a number that no longer points to anyone), and
    writing an event must never fail because of a deleted user.
    """

    class Result(models.TextChoices):
        SUCCESS = "success", _("gelukt")
        FAILURE = "failure", _("mislukt")
        DENIED = "denied", _("geweigerd")

    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor_id = models.PositiveBigIntegerField(_("gebruiker (id)"), null=True, blank=True)
    action = models.CharField(_("actie"), max_length=60)
    target_type = models.CharField(_("soort object"), max_length=60, blank=True)
    target_id = models.CharField(_("object (id)"), max_length=120, blank=True)
    result = models.CharField(_("resultaat"), max_length=10, choices=Result.choices)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit-gebeurtenis")
        verbose_name_plural = _("audit-gebeurtenissen")
        indexes = [
            models.Index(fields=["actor_id", "-created_at"]),
            models.Index(fields=["target_type", "target_id", "-created_at"]),
            models.Index(fields=["action", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(result__in=["success", "failure", "denied"]),
                name="audit_event_result_valid",
            ),
            models.CheckConstraint(condition=~models.Q(action=""), name="audit_event_action_set"),
        ]

    def __str__(self) -> str:
        return f"{self.action} ({self.get_result_display()})"


class RetentionNotice(models.Model):
    """The warning an inactive account got before it is deleted.

    Kept apart from the user row so a sign-in after the warning simply removes it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="retention_notice"
    )
    warned_at = models.DateTimeField(_("gewaarschuwd op"))

    class Meta:
        verbose_name = _("waarschuwing voor verwijdering")
        verbose_name_plural = _("waarschuwingen voor verwijdering")
