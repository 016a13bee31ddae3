"""Course pages: the course catalogue, a course and its lessons, and the training providers."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.models import ExternalKeyMixin, SectionIndexPage

from ..blocks import AssessmentStreamBlock, LessonStreamBlock
from ..shuffle import correct_answers_in_one_position

# Learners show their certificate to employers and registers; it must not label them.
CERTIFICATE_FORBIDDEN = re.compile(r"radicali", re.IGNORECASE)


class Provider(models.Model):
    """Who offers a training: a national provider (ROR, JEP, SSV...) or a municipality."""

    key = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("afkorting"), max_length=30, blank=True)
    neutral_name = models.CharField(
        _("naam op certificaten"),
        max_length=200,
        blank=True,
        help_text=_(
            "Nodig als de naam radicalisering noemt: deelnemers laten hun certificaat aan "
            "werkgevers en registers zien, en het mag hen niet labelen. Geef een eigen neutrale "
            "naam of een omschrijving, geen losse afkorting."
        ),
    )
    url = models.URLField(_("website"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True, max_length=600)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("neutral_name"),
        FieldPanel("key"),
        FieldPanel("url"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")

    def __str__(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        super().clean()
        if CERTIFICATE_FORBIDDEN.search(self.neutral_name or ""):
            raise ValidationError(
                {"neutral_name": _("De naam op certificaten mag radicalisering niet noemen.")}
            )
        if CERTIFICATE_FORBIDDEN.search(self.name or "") and not self.neutral_name.strip():
            raise ValidationError(
                {
                    "neutral_name": _(
                        "Deze naam noemt radicalisering. Geef de naam die certificaten tonen: een "
                        "eigen neutrale naam of een omschrijving, geen losse afkorting."
                    )
                }
            )

    @property
    def certificate_name(self) -> str:
        """The name printed on a certificate. A learner shows it to others, so a full name that
        mentions radicalisation ("Rijksopleidingsinstituut tegengaan Radicalisering") gives way
        to the provider's neutral name; a bare abbreviation ("ROR") explains nothing to an
        employer. A provider saved before the rule without one is described, not abbreviated."""
        if not CERTIFICATE_FORBIDDEN.search(self.name):
            return self.name
        if self.neutral_name:
            return self.neutral_name
        return str(_("een landelijke opleider voor professionals"))


class CourseIndexPage(SectionIndexPage):
    """The course catalogue."""

    subpage_types = ["courses.CoursePage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("Overzicht cursussen")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_catalogue

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_catalogue(index=self, user=request.user)
        return context


class CoursePage(ExternalKeyMixin, Page):
    """A training course; its lessons are its child pages, in tree order."""

    FORMAT_CHOICES = [
        ("e-learning", _("E-learning")),
        ("blended", _("Blended (online en bijeenkomst)")),
        ("masterclass", _("Masterclass")),
    ]
    PRE_TEST_NONE = "none"
    PRE_TEST_SAME = "same"
    PRE_TEST_OWN = "own"
    PRE_TEST_CHOICES = [
        (PRE_TEST_NONE, _("Geen voortoets")),
        (PRE_TEST_SAME, _("Dezelfde vragen als de eindtoets")),
        (PRE_TEST_OWN, _("Een eigen, parallelle set vragen")),
    ]

    summary = models.TextField(_("Samenvatting"), max_length=600)
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="courses", verbose_name=_("Aanbieder")
    )
    course_format = models.CharField(
        _("Vorm"), max_length=20, choices=FORMAT_CHOICES, default="e-learning"
    )
    roles = ParentalManyToManyField("core.Role", verbose_name=_("Voor wie"), blank=True)
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("Thema's"), blank=True)
    learning_goals = StreamField(
        [("goal", blocks.CharBlock(label=_("Leerdoel"), max_length=300))],
        blank=True,
        verbose_name=_("Leerdoelen"),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("Over deze cursus"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("Geschatte duur (minuten)"), validators=[MinValueValidator(1)]
    )
    accreditation_points = models.DecimalField(
        _("Accreditatiepunten"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    accreditation_register = models.CharField(
        _("Register"), max_length=100, blank=True, help_text=_("Bijv. SKJ of Registerplein.")
    )
    certificate_title = models.CharField(
        _("Titel op het certificaat"),
        max_length=160,
        blank=True,
        help_text=_(
            "Leeg = de titel van de cursus. Waarom kan deze titel anders zijn? Deelnemers laten "
            "hun certificaat aan werkgevers en registers zien, en het mag hen niet labelen: het "
            "certificaat noemt daarom nooit het woord 'radicalisering'. Kies een titel die zegt "
            "wat iemand kan, bijvoorbeeld 'Signaleren en handelen'. In Mijn leeromgeving zien "
            "deelnemers beide namen."
        ),
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("Geldigheid certificaat (maanden)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("Leeg = verloopt niet."),
    )
    RENEWAL_NONE = ""
    RENEWAL_FINAL_TEST = "final_test"
    RENEWAL_REFRESHER = "refresher"
    RENEWAL_CHOICES = [
        (RENEWAL_NONE, _("Niet te verlengen")),
        (RENEWAL_FINAL_TEST, _("De eindtoets opnieuw maken")),
        (RENEWAL_REFRESHER, _("Een korte opfriscursus afronden")),
    ]
    renewal = models.CharField(
        _("Verlengen"),
        max_length=12,
        choices=RENEWAL_CHOICES,
        default=RENEWAL_NONE,
        blank=True,
        help_text=_(
            "Hoe een deelnemer een verlopend certificaat verlengt, vanaf 60 dagen voor het "
            "verlopen. Verlengen geeft een nieuw certificaat met een nieuwe geldigheid."
        ),
    )
    refresher_course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="refreshes",
        verbose_name=_("Opfriscursus"),
        help_text=_("Alleen bij verlengen met een opfriscursus."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("Cesuur eindtoets (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    pre_test_mode = models.CharField(
        _("Voortoets"), max_length=10, choices=PRE_TEST_CHOICES, default=PRE_TEST_NONE
    )
    pre_test = StreamField(
        AssessmentStreamBlock(),
        blank=True,
        verbose_name=_("Vragen voortoets"),
        help_text=_("Alleen bij een eigen, parallelle set vragen."),
    )
    final_test = StreamField(
        AssessmentStreamBlock(),
        blank=True,
        verbose_name=_("Vragen eindtoets"),
        help_text=_("Leeg = geen eindtoets; de cursus is af als alle lessen af zijn."),
    )
    related_guides = ParentalManyToManyField(
        "kennisbank.SignalGuidePage",
        verbose_name=_("Bijbehorende handreikingen"),
        blank=True,
        related_name="courses",
    )
    related_practices = ParentalManyToManyField(
        "kennisbank.BestPracticePage",
        verbose_name=_("Bijbehorende praktijken"),
        blank=True,
        related_name="courses",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("provider"),
                FieldPanel("course_format"),
                FieldPanel("duration_minutes"),
                FieldPanel("roles"),
                FieldPanel("themes"),
            ],
            heading=_("Kenmerken"),
        ),
        FieldPanel("learning_goals"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("pre_test_mode"),
                FieldPanel("pre_test"),
                FieldPanel("final_test"),
                FieldPanel("pass_mark"),
            ],
            heading=_("Toetsen"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("certificate_title"),
                FieldPanel("certificate_validity_months"),
                FieldPanel("renewal"),
                FieldPanel("refresher_course"),
                FieldPanel("accreditation_points"),
                FieldPanel("accreditation_register"),
            ],
            heading=_("Certificaat en accreditatie"),
        ),
        MultiFieldPanel(
            [FieldPanel("related_guides"), FieldPanel("related_practices")],
            heading=_("Kennisbank"),
        ),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("external_key")]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("learning_goals"),
        index.SearchField("body"),
        index.RelatedFields("roles", [index.FilterField("slug")]),
        index.RelatedFields("themes", [index.FilterField("slug")]),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("Cursus")
        verbose_name_plural = _("Cursussen")

    @property
    def certificate_heading(self) -> str:
        return self.certificate_title or self.title

    @property
    def pre_test_questions(self):
        """The pre-test's questions: its own parallel set, the final test's, or none."""
        if self.pre_test_mode == self.PRE_TEST_OWN:
            return self.pre_test
        if self.pre_test_mode == self.PRE_TEST_SAME:
            return self.final_test
        return None

    @property
    def has_pre_test(self) -> bool:
        return bool(self.pre_test_questions)

    @property
    def has_final_test(self) -> bool:
        return bool(self.final_test)

    def clean(self):
        super().clean()
        errors = {}
        if CERTIFICATE_FORBIDDEN.search(self.certificate_heading):
            field = "certificate_title"
            errors[field] = _(
                "Het certificaat mag het woord 'radicalisering' niet noemen: geef een andere "
                "titel op het certificaat, bijvoorbeeld 'Signaleren en handelen'."
            )
        for field in ("pre_test", "final_test"):
            position = correct_answers_in_one_position(
                block for block in getattr(self, field) if block.block_type == "quiz_question"
            )
            if position is not None:
                errors[field] = _(
                    "In elke vraag staat een juist antwoord op plaats %(place)d. Deelnemers zien "
                    "de antwoorden in een eigen volgorde, maar wissel de plaats toch af: zo blijft "
                    "de toets ook op papier en in een voorbeeld eerlijk."
                ) % {"place": position + 1}
        if self.pre_test_mode == self.PRE_TEST_OWN and not self.pre_test:
            errors["pre_test"] = _("Voeg vragen toe, of kies een andere voortoets.")
        if self.pre_test_mode == self.PRE_TEST_SAME and not self.final_test:
            errors["pre_test_mode"] = _(
                "Er is geen eindtoets om als voortoets te gebruiken: voeg eerst eindtoetsvragen toe."
            )
        errors.update(self._renewal_errors())
        if errors:
            raise ValidationError(errors)

    def _renewal_errors(self) -> dict:
        """Renewal needs something to renew with, and a certificate that expires."""
        if self.renewal and not self.certificate_validity_months:
            return {
                "renewal": _("Een certificaat dat niet verloopt, hoeft niet verlengd te worden.")
            }
        if self.renewal == self.RENEWAL_FINAL_TEST and not self.final_test:
            return {"renewal": _("Deze cursus heeft geen eindtoets om opnieuw te maken.")}
        if self.renewal == self.RENEWAL_REFRESHER:
            if self.refresher_course_id is None:
                return {"refresher_course": _("Kies de opfriscursus.")}
            if self.pk is not None and self.refresher_course_id == self.pk:
                return {"refresher_course": _("Kies een andere cursus dan deze.")}
        return {}

    @property
    def renewal_url(self) -> str | None:
        """Where "Verlengen" leads: the final test again, or the refresher course's page."""
        from django.urls import reverse

        if self.renewal == self.RENEWAL_FINAL_TEST and self.final_test:
            return reverse("courses:test", args=[self.pk, "final"])
        if self.renewal == self.RENEWAL_REFRESHER and self.refresher_course is not None:
            return self.refresher_course.url
        return None

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_overview, course_related

        context = super().get_context(request, *args, **kwargs)
        context["overview"] = course_overview(course=self, user=request.user)
        context["related"] = course_related(course=self)
        return context


class LessonPage(ExternalKeyMixin, Page):
    """One lesson. Only enrolled learners read it; everyone else is sent to the course page."""

    module_title = models.CharField(
        _("Module"),
        max_length=120,
        blank=True,
        help_text=_("Opeenvolgende lessen met dezelfde module staan samen onder één kop."),
    )
    summary = models.TextField(_("Samenvatting"), max_length=400, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("Geschatte duur (minuten)"), default=10, validators=[MinValueValidator(1)]
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("Inhoud"))

    content_panels = Page.content_panels + [
        FieldPanel("module_title"),
        FieldPanel("summary"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("external_key")]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Les")
        verbose_name_plural = _("Lessen")

    def question_ids(self) -> list[str]:
        """Ids of the quiz questions a learner must answer to complete this lesson."""
        return [block.id for block in self.body if block.block_type == "quiz_question"]

    def get_sitemap_urls(self, request=None):
        """Not in sitemap.xml: a lesson opens only for an enrolled learner who is signed in."""
        return []

    def get_context(self, request, *args, **kwargs):
        from ..selectors import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(lesson=self, user=request.user))
        return context
