from .pages import (
    BestPracticeIndexPage,
    BestPracticePage,
    EvidenceLadderPage,
    SignalGuideIndexPage,
    SignalGuidePage,
)
from .submissions import PracticeSubmission
from .taxonomy import Domain, EvidenceLevel, Phase, Role, Theme

__all__ = [
    "BestPracticeIndexPage",
    "BestPracticePage",
    "Domain",
    "EvidenceLadderPage",
    "EvidenceLevel",
    "Phase",
    "PracticeSubmission",
    "Role",
    "SignalGuideIndexPage",
    "SignalGuidePage",
    "Theme",
]
