"""A stable key for content that travels between databanks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalKeyMixin(models.Model):
    """A stable identifier from the databank a page was imported from (import is idempotent by it)."""

    external_key = models.SlugField(
        _("externe sleutel"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Vaste sleutel voor import en export. Laat leeg bij nieuwe inhoud."),
    )

    class Meta:
        abstract = True
