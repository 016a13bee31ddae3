"""The home page and the statements that Dutch public-sector sites must publish."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock, FeaturedSectionBlock, RoleEntryBlock


class HomePage(Page):
    """The front door: who are you, what do you need, and a search box.

    Role entry points lead each professional to their own starting place; the featured
    sections hold courses, guides and practices chosen by editors.
    """

    hero_title = models.CharField(_("Hoofdkop"), max_length=120)
    hero_intro = models.TextField(_("Inleiding"), max_length=600, blank=True)
    role_heading = models.CharField(
        _("Kop boven de ingangen"), max_length=120, default="Waar werkt u?"
    )
    role_entries = StreamField(
        [("role", RoleEntryBlock())], blank=True, verbose_name=_("Ingangen per rol")
    )
    featured = StreamField(
        [("section", FeaturedSectionBlock())], blank=True, verbose_name=_("Uitgelicht")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("Verdere inhoud"))

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_intro"),
        FieldPanel("role_heading"),
        FieldPanel("role_entries"),
        FieldPanel("featured"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_intro"),
        index.SearchField("body"),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("Homepagina")


class StatementPage(Page):
    """An accessibility or privacy statement: plain, dated, editable text."""

    intro = models.TextField(_("Inleiding"), max_length=600, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhoud"))
    last_reviewed = models.DateField(_("Laatst herzien"), null=True, blank=True)
    show_in_footer = models.BooleanField(_("Tonen in de voettekst"), default=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("show_in_footer")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Verklaring")
        verbose_name_plural = _("Verklaringen")
