"""Page bases every app's sections share."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class SectionIndexPage(Page):
    """A section's front page (the guides, the practices, the course catalogue): an
    introduction above the listing its app renders, and one of each per site. Each subclass
    names where it stands and what it holds."""

    intro = models.TextField(_("Inleiding"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1

    class Meta:
        abstract = True
