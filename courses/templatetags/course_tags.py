"""Small lookups the lesson templates need: a learner's answer or choice for a block id."""

import html

import nh3
from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """``mapping[key]``, or None; templates cannot index a dict with a variable."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def selected_ids(response) -> list[str]:
    """The option ids a stored answer chose."""
    if response is None:
        return []
    return list(response.answer.get("selected", []))


@register.filter
def note_text(note) -> str:
    """A stored (sanitised) note as plain text for its textarea."""
    if note is None:
        return ""
    return html.unescape(nh3.clean(note.text, tags=set()))


@register.simple_tag
def progress_percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


@register.simple_tag
def dilemma_state(value, choices) -> dict:
    """Which steps of a dilemma to show: each step opens once the one before it is answered."""
    choices = choices or {}
    steps = []
    open_ = True
    for step in value["steps"].bound_blocks:
        chosen = choices.get(step.id)
        outcome = next((c for c in step.value["choices"].bound_blocks if c.id == chosen), None)
        steps.append({"step": step, "chosen": chosen, "outcome": outcome, "visible": open_})
        open_ = open_ and outcome is not None
    return {"steps": steps, "finished": open_}
