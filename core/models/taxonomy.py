"""The taxonomy: for whom, which domain, which phase, which theme, how strong the evidence.

It sits in ``core`` because every layer uses it: accounts (a profile's role), search (facets),
the kennisbank and the courses. The tables keep their first names (``kennisbank_role`` and so on,
from when the kennisbank owned them), so moving the models here moved no data.

Slugs are stable identifiers (used in URLs, filters, imports and search) created by a data
migration; editors may change the labels and descriptions in the admin, not the slugs.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaxonomyTerm(models.Model):
    slug = models.SlugField(_("code"), max_length=60, unique=True, editable=False)
    label = models.CharField(_("naam"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0, editable=False)

    class Meta:
        abstract = True
        ordering = ["sort_order", "label"]

    def __str__(self) -> str:
        return self.label


class Role(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        db_table = "kennisbank_role"
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")


class Domain(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        db_table = "kennisbank_domain"
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")


class Phase(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        db_table = "kennisbank_phase"
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")


class Theme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        db_table = "kennisbank_theme"
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class EvidenceLevel(TaxonomyTerm):
    """A rung of the Dutch intervention-recognition ladder; ``sort_order`` is its rank."""

    description = models.TextField(_("uitleg in één zin"), max_length=400)

    class Meta(TaxonomyTerm.Meta):
        db_table = "kennisbank_evidencelevel"
        verbose_name = _("niveau van bewijs")
        verbose_name_plural = _("niveaus van bewijs")
        ordering = ["sort_order"]

    @property
    def rank(self) -> int:
        return self.sort_order


# The terms themselves: the data migration and tests read these, nothing else hard-codes them.
ROLES = [
    ("docent", "Docent"),
    ("jongerenwerker", "Jongerenwerker"),
    ("wijkagent", "Wijkagent"),
    ("zorgprofessional", "Zorgprofessional"),
    ("gemeenteambtenaar", "Gemeenteambtenaar"),
    ("sleutelfiguur", "Sleutelfiguur"),
]
DOMAINS = [
    ("zorg", "Zorg"),
    ("welzijn", "Welzijn"),
    ("onderwijs", "Onderwijs"),
    ("veiligheid", "Veiligheid"),
]
PHASES = [
    ("preventie", "Preventie"),
    ("vroegsignalering", "Vroegsignalering"),
    ("interventie", "Interventie"),
    ("re-integratie", "Re-integratie"),
]
THEMES = [
    ("polarisatie", "Polarisatie"),
    ("online-radicalisering", "Online radicalisering"),
    ("jihadisme", "Jihadisme"),
    ("rechts-extremisme", "Rechts-extremisme"),
    ("links-extremisme", "Links-extremisme"),
    ("anti-institutioneel-extremisme", "Anti-institutioneel extremisme"),
    ("complotdenken", "Complotdenken"),
    ("opvoeding", "Opvoeding"),
    ("terugkeerders", "Terugkeerders"),
]
EVIDENCE_LEVELS = [
    (
        "niet-beoordeeld",
        "Niet beoordeeld",
        "De aanpak is (nog) niet door een onafhankelijke erkenningscommissie beoordeeld.",
    ),
    (
        "goed-beschreven",
        "Goed beschreven",
        "Doel, doelgroep en werkwijze zijn zo helder beschreven dat anderen de aanpak kunnen toepassen.",
    ),
    (
        "goed-onderbouwd",
        "Goed onderbouwd",
        "Er is een theoretische onderbouwing waarom de aanpak zou moeten werken, gesteund door de praktijk.",
    ),
    (
        "effectief-eerste-aanwijzingen",
        "Effectief volgens eerste aanwijzingen",
        "Eerste onderzoek, zoals een voor- en nameting, laat zien dat de beoogde resultaten optreden.",
    ),
    (
        "effectief-goede-aanwijzingen",
        "Effectief volgens goede aanwijzingen",
        "Onderzoek met een vergelijkingsgroep laat zien dat de aanpak effect heeft.",
    ),
    (
        "effectief-sterke-aanwijzingen",
        "Effectief volgens sterke aanwijzingen",
        "Meerdere goed opgezette effectstudies met een controlegroep en een langere meting tonen het effect aan.",
    ),
]


def taxonomy_terms_sync(*, role, domain, phase, theme, evidence_level) -> None:
    """Create the fixed terms that are missing (labels editors changed stay); takes the model
    classes so migrations can pass their historical ones."""
    for model, terms in ((role, ROLES), (domain, DOMAINS), (phase, PHASES), (theme, THEMES)):
        for order, (slug, label) in enumerate(terms):
            model.objects.get_or_create(slug=slug, defaults={"label": label, "sort_order": order})
    for order, (slug, label, description) in enumerate(EVIDENCE_LEVELS):
        evidence_level.objects.get_or_create(
            slug=slug, defaults={"label": label, "sort_order": order, "description": description}
        )
