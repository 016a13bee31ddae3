"""The order in which a learner sees a question's options, and the check that authors vary it.

Authors tend to write the right answer first. Shown as written, a test can be passed without
reading it, and learning gain, item analysis and the certificate would mean nothing. So each
learner sees the options in an order of their own: a hash of who they are, where the question
is, which attempt this is and the option's id. The same seed always gives the same order, so a
reload, a form shown again with errors, or a resubmitted form keep it; the next attempt of a
test gets a new one. Answers are stored and counted by option id, never by position, so item
analysis is untouched by the order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence


def shuffle_seed(*, user_id, scope: str, attempt: int = 0) -> str:
    """``scope`` names where the question is shown (a lesson, or a course's test kind)."""
    return f"{user_id or 0}:{scope}:{attempt}"


def options_ordered(*, options: Sequence, seed: str, question_id: str) -> list:
    """``options`` (bound list items with an ``id``) in the learner's own, repeatable order."""

    def key(option) -> str:
        return hashlib.sha256(f"{seed}:{question_id}:{option.id}".encode()).hexdigest()

    return sorted(options, key=key)


def _value(item):
    """A block's value, from a bound block or from stream data (``{"type", "id", "value"}``)."""
    if hasattr(item, "value"):
        return item.value
    return item["value"] if isinstance(item, dict) and "value" in item else item


def correct_positions(questions: Iterable) -> list[tuple[int, ...]]:
    """Per quiz question (bound block or stream data), the positions of its right options."""
    positions = []
    for block in questions:
        options = _value(block)["options"]
        items = options.bound_blocks if hasattr(options, "bound_blocks") else options
        positions.append(tuple(i for i, item in enumerate(items) if _value(item)["correct"]))
    return positions


# A test this long with every right answer in one place is no accident.
UNIFORM_MIN_QUESTIONS = 3


def correct_answers_in_one_position(questions: Iterable) -> int | None:
    """The position (0 = first) that holds a right answer in every question, when a set of at
    least three questions has one; else None. Shuffling hides the pattern from learners, but it
    still shows in the editor and in printed copies, and says the content was not reviewed."""
    positions = correct_positions(questions)
    if len(positions) < UNIFORM_MIN_QUESTIONS:
        return None
    shared = set(positions[0]).intersection(*positions[1:])
    return min(shared) if shared else None
