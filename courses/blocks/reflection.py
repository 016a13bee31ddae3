"""Reflection prompts: a private note the learner writes for themself."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .state import _for_block, _interactive_page


class ReflectionPromptBlock(blocks.StructBlock):
    """A question for the learner to think about; their note is private to them."""

    prompt = blocks.TextBlock(label=_("Reflectievraag"))

    class Meta:
        icon = "edit"
        label = _("Reflectievraag")
        description = _(
            "Een vraag waarover de deelnemer voor zichzelf nadenkt en een notitie maakt."
        )
        template = "blocks/reflection_prompt_block.html"
        preview_value = {
            "prompt": "Denk aan een leerling over wie u twijfelde. Met wie had u kunnen overleggen?"
        }

    def get_context(self, value, parent_context=None):
        """The learner's own note for this prompt (never anyone else's: the lesson page puts
        only the requesting learner's notes in the context)."""
        context = super().get_context(value, parent_context)
        context["reflection"] = {
            "id": context.get("id") or "",
            "page": _interactive_page(context),
            "note": _for_block(context, "reflection_notes"),
            "error": _for_block(context, "block_errors"),
        }
        return context
