"""Small lookups the lesson templates need: a learner's answer or choice for a block id."""

import html

import nh3
from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


@register.filter
def is_trainer(user) -> bool:
    """For the header: show "Mijn groepen" to trainers (asked once per request's user object)."""
    from courses.selectors.cohorts import user_is_trainer

    if not hasattr(user, "_weerbaar_is_trainer"):
        user._weerbaar_is_trainer = user_is_trainer(user=user)
    return user._weerbaar_is_trainer
