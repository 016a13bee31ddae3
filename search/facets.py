"""The search facets: their URL parameters, legends and the labels of their values.

Values are stable slugs (taxonomy terms, type keys) except the provider, which is the
organisation's name. Labels are looked up when a page is shown, so a term renamed in the
admin shows its new label without reindexing. The taxonomy lives in ``core``, under search, so
the facets read it directly; the types come from the apps' registered search sources.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.models import Domain, EvidenceLevel, Phase, Role, TaxonomyTerm, Theme

from .registry import search_type_labels


def _terms(model: type[TaxonomyTerm]) -> Callable[[], dict[str, str]]:
    def labels() -> dict[str, str]:
        return dict(model.objects.values_list("slug", "label"))

    return labels


def _providers() -> dict[str, str]:
    from .backends.facet_index import facet_index

    return {value: value for value in facet_index().values("provider")}


@dataclass(frozen=True)
class Facet:
    name: str  # API parameter and document field
    param: str  # parameter on the Dutch search page
    legend: str
    labels: Callable[[], dict[str, str]]  # value -> label, in display order
    size: int = 50  # most options shown


FACETS: list[Facet] = [
    Facet("type", "soort", _("Soort"), search_type_labels),
    Facet("role", "rol", _("Voor wie"), _terms(Role)),
    Facet("domain", "domein", _("Domein"), _terms(Domain)),
    Facet("theme", "thema", _("Thema"), _terms(Theme)),
    Facet("phase", "fase", _("Fase"), _terms(Phase)),
    Facet("evidence", "bewijs", _("Niveau van bewijs"), _terms(EvidenceLevel)),
    Facet("provider", "aanbieder", _("Aanbieder"), _providers, size=15),
]
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
