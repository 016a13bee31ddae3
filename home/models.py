"""The home page and the statements that Dutch public-sector sites must publish."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock

from .blocks import AccessibilityLimitationBlock, FeaturedSectionBlock, RoleEntryBlock


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


class ComplianceStatus(models.TextChoices):
    """The statuses of the Dutch model statement (digitoegankelijk.nl), A to E."""

    A = "A", _("A: voldoet volledig")
    B = "B", _("B: voldoet gedeeltelijk")
    C = "C", _("C: eerste maatregelen genomen")
    D = "D", _("D: eerste maatregelen nog niet genomen")
    E = "E", _("E: voldoet niet")


class StatementPage(Page):
    """An accessibility or privacy statement: plain, dated, editable text.

    An accessibility statement also fills the fields of the Dutch model (status, known
    limitations, the register entry) so the page shows them in the model's order and form; a
    privacy statement leaves them empty.
    """

    intro = models.TextField(_("Inleiding"), max_length=600, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhoud"))
    last_reviewed = models.DateField(_("Laatst herzien"), null=True, blank=True)
    show_in_footer = models.BooleanField(_("Tonen in de voettekst"), default=True)
    compliance_status = models.CharField(
        _("Nalevingsstatus"),
        max_length=1,
        choices=ComplianceStatus.choices,
        blank=True,
        help_text=_(
            "Alleen voor een toegankelijkheidsverklaring: de status volgens het modelformat."
        ),
    )
    register_url = models.URLField(
        _("Vermelding in het register"),
        blank=True,
        help_text=_(
            "De pagina van deze verklaring in het register van toegankelijkheidsverklaringen."
        ),
    )
    limitations = StreamField(
        [("limitation", AccessibilityLimitationBlock())],
        blank=True,
        verbose_name=_("Bekende beperkingen"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("compliance_status"),
        FieldPanel("limitations"),
        FieldPanel("register_url"),
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

    @property
    def is_accessibility_statement(self) -> bool:
        return bool(self.compliance_status)

    class Meta:
        verbose_name = _("Verklaring")
        verbose_name_plural = _("Verklaringen")
