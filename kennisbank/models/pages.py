"""Page types of the kennisbank: guides, practices, their index pages and the evidence ladder."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from core.models import EvidenceLevel, ExternalKeyMixin, SectionIndexPage
from core.page_cache import page_cache_declare_query

from ..blocks import ActionStepBlock, EscalationContactBlock, SignalBlock, SourceBlock

REASSESSMENT_AFTER_YEARS = 5


class SignalGuideIndexPage(SectionIndexPage):
    """Lists the signal-recognition guides, filterable by role and theme."""

    subpage_types = ["kennisbank.SignalGuidePage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("Overzicht handreikingen")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import guide_filter

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = guide_filter(index=self, params=request.GET)
        page_cache_declare_query(request=request, query=context["listing"].canonical_query)
        return context


class SignalGuidePage(ExternalKeyMixin, Page):
    """A signal-recognition guide for one or more professional roles.

    It always shows the caution that one signal is no proof: that sentence lives in the template,
    not in the content, so no guide can go without it.
    """

    summary = models.TextField(_("Samenvatting"), max_length=600)
    roles = ParentalManyToManyField("core.Role", verbose_name=_("Voor wie"), blank=True)
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("Thema's"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("Achtergrond"))
    signals = StreamField([("signal", SignalBlock())], verbose_name=_("Signalen"), min_num=1)
    steps = StreamField(
        [("step", ActionStepBlock())], verbose_name=_("Handelingsperspectief"), min_num=1
    )
    contacts = StreamField(
        [("contact", EscalationContactBlock())],
        blank=True,
        verbose_name=_("Wie kunt u raadplegen?"),
    )
    legal_frame = RichTextField(
        _("Juridisch kader"),
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text=_("AVG, beroepsgeheim, meldcode: wat mag en moet u delen?"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("roles"), FieldPanel("themes")], heading=_("Indeling")),
        FieldPanel("body"),
        FieldPanel("signals"),
        FieldPanel("steps"),
        FieldPanel("contacts"),
        FieldPanel("legal_frame"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("external_key")]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("signals"),
        index.SearchField("steps"),
        index.SearchField("body"),
        index.RelatedFields("roles", [index.FilterField("slug")]),
        index.RelatedFields("themes", [index.FilterField("slug")]),
    ]
    parent_page_types = ["kennisbank.SignalGuideIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Handreiking signaleren")
        verbose_name_plural = _("Handreikingen signaleren")

    def signal_groups(self) -> list[tuple[str, list]]:
        """Signals grouped by category, in the order editors first used each category."""
        groups: dict[str, list] = {}
        for block in self.signals:
            groups.setdefault(block.value["category"], []).append(block.value)
        return list(groups.items())

    def get_context(self, request, *args, **kwargs):
        from ..selectors import kennisbank_related

        context = super().get_context(request, *args, **kwargs)
        context["related"] = kennisbank_related(page=self)
        return context


class BestPracticeIndexPage(SectionIndexPage):
    """Lists best practices with filters on every taxonomy, sorting and pagination."""

    subpage_types = ["kennisbank.BestPracticePage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("Overzicht praktijken")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import evidence_ladder_page, practice_filter

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = practice_filter(index=self, params=request.GET)
        page_cache_declare_query(request=request, query=context["listing"].canonical_query)
        context["ladder_page"] = evidence_ladder_page()
        return context


class BestPracticePage(ExternalKeyMixin, Page):
    """A practice with the fields Dutch intervention databanks and the EU RAN collection use."""

    summary = models.TextField(_("Samenvatting"), max_length=600)
    body = RichTextField(_("Beschrijving"), features=RICH_TEXT_FEATURES, blank=True)
    aim = models.TextField(_("Doel"), blank=True)
    target_group = models.TextField(_("Doelgroep"), blank=True)
    approach = RichTextField(_("Aanpak"), features=RICH_TEXT_FEATURES, blank=True)
    effective_elements = StreamField(
        [("element", blocks.CharBlock(label=_("Werkzaam element"), max_length=300))],
        blank=True,
        verbose_name=_("Werkzame elementen"),
    )
    conditions = StreamField(
        [("condition", blocks.CharBlock(label=_("Randvoorwaarde"), max_length=300))],
        blank=True,
        verbose_name=_("Randvoorwaarden"),
    )
    evaluation = RichTextField(_("Evaluatie"), features=RICH_TEXT_FEATURES, blank=True)
    sources = StreamField([("source", SourceBlock())], blank=True, verbose_name=_("Bronnen"))
    evidence_level = models.ForeignKey(
        "core.EvidenceLevel",
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("Niveau van bewijs"),
    )
    evidence_justification = models.TextField(_("Onderbouwing van het niveau"), blank=True)
    organisation = models.CharField(_("Eigenaar (organisatie)"), max_length=200)
    region = models.CharField(_("Regio"), max_length=100, blank=True)
    contact = models.CharField(
        _("Contact (organisatie)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Alleen een algemeen adres van de organisatie, nooit gegevens van een persoon."
        ),
    )
    start_year = models.PositiveSmallIntegerField(
        _("Startjaar"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    last_reviewed = models.DateField(_("Laatst beoordeeld"), null=True, blank=True)
    roles = ParentalManyToManyField("core.Role", verbose_name=_("Voor wie"), blank=True)
    domains = ParentalManyToManyField("core.Domain", verbose_name=_("Domeinen"), blank=True)
    phases = ParentalManyToManyField("core.Phase", verbose_name=_("Fasen"), blank=True)
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("Thema's"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("aim"),
                FieldPanel("target_group"),
                FieldPanel("approach"),
                FieldPanel("effective_elements"),
                FieldPanel("conditions"),
            ],
            heading=_("Aanpak"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("evidence_level"),
                FieldPanel("evidence_justification"),
                FieldPanel("evaluation"),
                FieldPanel("sources"),
                FieldPanel("last_reviewed"),
            ],
            heading=_("Bewijs"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("region"),
                FieldPanel("contact"),
                FieldPanel("start_year"),
            ],
            heading=_("Organisatie"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("roles"),
                FieldPanel("domains"),
                FieldPanel("phases"),
                FieldPanel("themes"),
            ],
            heading=_("Indeling"),
        ),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("external_key")]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("aim"),
        index.SearchField("target_group"),
        index.SearchField("approach"),
        index.SearchField("organisation"),
        index.FilterField("last_reviewed"),
        index.RelatedFields("evidence_level", [index.FilterField("slug")]),
        index.RelatedFields("roles", [index.FilterField("slug")]),
        index.RelatedFields("domains", [index.FilterField("slug")]),
        index.RelatedFields("phases", [index.FilterField("slug")]),
        index.RelatedFields("themes", [index.FilterField("slug")]),
    ]
    parent_page_types = ["kennisbank.BestPracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Praktijkvoorbeeld")
        verbose_name_plural = _("Praktijkvoorbeelden")

    @property
    def needs_reassessment(self) -> bool:
        """True when the last review is more than five years ago (or never happened)."""
        if self.last_reviewed is None:
            return True
        today = timezone.localdate()
        try:
            threshold = today.replace(year=today.year - REASSESSMENT_AFTER_YEARS)
        except ValueError:  # 29 February
            threshold = today.replace(year=today.year - REASSESSMENT_AFTER_YEARS, day=28)
        return self.last_reviewed < threshold

    def get_context(self, request, *args, **kwargs):
        from ..selectors import evidence_ladder_page, kennisbank_related

        context = super().get_context(request, *args, **kwargs)
        context["related"] = kennisbank_related(page=self)
        context["ladder_page"] = evidence_ladder_page()
        return context


class EvidenceLadderPage(Page):
    """Explains the Dutch recognition ladder; every evidence label links here."""

    intro = models.TextField(_("Inleiding"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("Inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("Uitleg niveaus van bewijs")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["levels"] = list(EvidenceLevel.objects.all())
        return context
