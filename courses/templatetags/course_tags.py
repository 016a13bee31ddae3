"""Small lookups the lesson templates need: a learner's answer or choice for a block id."""

import html

import nh3
from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.selectors.shuffle import options_ordered, shuffle_seed

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


@register.filter
def study_load(minutes) -> str:
    """Minutes as the study load registers ask for: "2 uur en 30 minuten (2,5 uur)"."""
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(ngettext("%(n)d uur", "%(n)d uur", hours) % {"n": hours})
    if rest:
        parts.append(ngettext("%(n)d minuut", "%(n)d minuten", rest) % {"n": rest})
    text = _(" en ").join(parts)
    if hours and rest:
        decimal = f"{minutes / 60:.1f}".replace(".", ",")
        text += " " + _("(%(hours)s uur)") % {"hours": decimal}
    return text


@register.simple_tag(takes_context=True)
def dilemma_state(context, value) -> dict:
    """Which steps of a dilemma to show: each step opens once the one before it is answered."""
    choices = context.get("dilemma_choices") or {}
    errors = context.get("block_errors") or {}
    page = _interactive_page(context)
    steps = []
    open_ = True
    for step in value["steps"].bound_blocks:
        chosen = choices.get(step.id)
        outcome = next((c for c in step.value["choices"].bound_blocks if c.id == chosen), None)
        steps.append(
            {
                "step": step,
                "chosen": chosen,
                "outcome": outcome,
                "visible": open_ or page is None,
                "error": errors.get(step.id),
            }
        )
        open_ = open_ and outcome is not None
    return {
        "id": context.get("id") or "",
        "page": page,
        "steps": steps,
        "finished": open_ or page is None,
    }


def _interactive_page(context):
    """The lesson page when the block is rendered inside one (not in an editor's block preview)."""
    page = context.get("page")
    return page if getattr(page, "pk", None) and context.get("id") else None


@register.simple_tag(takes_context=True)
def quiz_state(context) -> dict:
    """A lesson question for one learner: their answer, and the options in their own order.

    In a lesson the learner keeps one order per question (answering again is revising the same
    answer, and the options must not jump about under the feedback). An editor's block preview
    shows the options as written.
    """
    block_id = context.get("id") or ""
    response = (context.get("responses") or {}).get(block_id)
    page = _interactive_page(context)
    options = context["value"]["options"].bound_blocks
    request = context.get("request")
    if page is not None and request is not None:
        options = options_ordered(
            options=options,
            seed=shuffle_seed(user_id=request.user.pk, scope=f"lesson-{page.pk}"),
            question_id=block_id,
        )
    return {
        "id": block_id,
        "page": page,
        "options": options,
        "response": response,
        "chosen": selected_ids(response),
        "error": (context.get("block_errors") or {}).get(block_id),
    }


@register.simple_tag(takes_context=True)
def reflection_state(context) -> dict:
    block_id = context.get("id") or ""
    return {
        "id": block_id,
        "page": _interactive_page(context),
        "note": (context.get("reflection_notes") or {}).get(block_id),
        "error": (context.get("block_errors") or {}).get(block_id),
    }


@register.filter
def is_trainer(user) -> bool:
    """For the header: show "Mijn groepen" to trainers (asked once per request's user object)."""
    from courses.selectors.cohorts import user_is_trainer

    if not hasattr(user, "_weerbaar_is_trainer"):
        user._weerbaar_is_trainer = user_is_trainer(user=user)
    return user._weerbaar_is_trainer
