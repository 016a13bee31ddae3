from .pages import (
    BestPracticeIndexPage,
    BestPracticePage,
    EvidenceLadderPage,
    SignalGuideIndexPage,
    SignalGuidePage,
)
from .submissions import PracticeSubmission

__all__ = [
    "BestPracticeIndexPage",
    "BestPracticePage",
    "EvidenceLadderPage",
    "PracticeSubmission",
    "SignalGuideIndexPage",
    "SignalGuidePage",
]
