"""Learning gain, defined once for the learner's pages and the trainer's figures.

Learning gain is the difference, in percentage points, between the pre-test and the final test
that counts: the attempt with which the learner passed (the first that did), or, until they
pass, their best attempt so far. A failed first try is never shown as the outcome once the
learner has passed: someone who scored 83% before the course, failed the final test once and
then passed with 100% learned 17 points, not lost 83.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LearningGain:
    pre_percent: int
    final_percent: int
    passed: bool
    final_attempt_number: int  # 1 = the first final-test attempt
    final_attempt_count: int

    @property
    def points(self) -> int:
        return self.final_percent - self.pre_percent

    @property
    def points_size(self) -> int:
        """For the singular or plural of "procentpunt"."""
        return abs(self.points)

    @property
    def points_signed(self) -> str:
        return f"+{self.points}" if self.points > 0 else str(self.points).replace("-", "\u2212")


def counting_final(finals: Sequence):
    """The final-test attempt that counts (``finals`` in the order they were submitted)."""
    passed = next((attempt for attempt in finals if attempt.passed), None)
    if passed is not None:
        return passed
    return max(finals, key=lambda attempt: attempt.score, default=None)


def learning_gain_of(*, pre, finals: Sequence) -> LearningGain | None:
    """``pre`` and ``finals`` are attempts (anything with ``score`` and ``passed``)."""
    final = counting_final(finals)
    if pre is None or final is None:
        return None
    return LearningGain(
        pre_percent=round(pre.score * 100),
        final_percent=round(final.score * 100),
        passed=bool(final.passed),
        final_attempt_number=list(finals).index(final) + 1,
        final_attempt_count=len(finals),
    )
