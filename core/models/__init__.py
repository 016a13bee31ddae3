from .external_key import ExternalKeyMixin
from .pages import SectionIndexPage
from .taxonomy import Domain, EvidenceLevel, Phase, Role, TaxonomyTerm, Theme

__all__ = [
    "Domain",
    "EvidenceLevel",
    "ExternalKeyMixin",
    "Phase",
    "Role",
    "SectionIndexPage",
    "TaxonomyTerm",
    "Theme",
]
