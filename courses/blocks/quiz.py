"""Knowledge questions: single or multiple choice, feedback per option, and the learner's own
option order."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from ..shuffle import options_ordered, shuffle_seed
from .state import _for_block, _interactive_page


class QuizOptionBlock(blocks.StructBlock):
    """One answer option with the feedback a learner sees after choosing it."""

    text = blocks.CharBlock(label=_("Antwoord"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Juist antwoord"), required=False)
    feedback = blocks.TextBlock(label=_("Terugkoppeling bij dit antwoord"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Antwoordoptie")
        description = _("Eén antwoord op een kennisvraag, met terugkoppeling.")
        preview_value = {
            "text": "Ik ga eerst in gesprek en overleg met een collega.",
            "correct": True,
            "feedback": "Een signaal is een reden om te praten en te overleggen, geen bewijs.",
        }


class QuizQuestionBlock(blocks.StructBlock):
    """A single- or multiple-choice question; it counts towards lesson completion once answered."""

    question = blocks.CharBlock(label=_("Vraag"), max_length=400)
    multiple = blocks.BooleanBlock(
        label=_("Meer antwoorden mogelijk"),
        required=False,
        help_text=_("Aanvinken als meer dan één antwoord juist kan zijn."),
    )
    options = blocks.ListBlock(QuizOptionBlock(), label=_("Antwoorden"), min_num=2, max_num=8)
    explanation = blocks.TextBlock(
        label=_("Uitleg"), required=False, help_text=_("Getoond na het antwoorden.")
    )

    class Meta:
        icon = "help"
        label = _("Kennisvraag")
        description = _("Een kennisvraag met antwoorden en terugkoppeling per antwoord.")
        template = "blocks/quiz_question_block.html"
        preview_value = {
            "question": "Wat doet u als eerste als u zich zorgen maakt over een leerling?",
            "multiple": False,
            "options": [
                {
                    "text": "Ik ga in gesprek en overleg met een collega.",
                    "correct": True,
                    "feedback": "Juist: een signaal is een reden om te praten, geen bewijs.",
                },
                {
                    "text": "Ik meld het direct bij de politie.",
                    "correct": False,
                    "feedback": "Alleen bij acuut gevaar. Meestal begint u met een gesprek.",
                },
            ],
            "explanation": "Eerst verkennen en overleggen; daarna besluit u samen over vervolgstappen.",
        }

    def clean(self, value):
        value = super().clean(value)
        correct = [option for option in value["options"] if option["correct"]]
        if not correct:
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(_("Markeer ten minste één juist antwoord."))
                }
            )
        if len(correct) > 1 and not value["multiple"]:
            raise StructBlockValidationError(
                block_errors={
                    "multiple": ValidationError(
                        _("Er zijn meer juiste antwoorden: vink 'Meer antwoorden mogelijk' aan.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        """The learner's answer and the options in their own order.

        In a lesson the learner keeps one order per question (answering again is revising the
        same answer, and the options must not jump about under the feedback). An editor's block
        preview shows the options as written.
        """
        context = super().get_context(value, parent_context)
        block_id = context.get("id") or ""
        page = _interactive_page(context)
        response = _for_block(context, "responses")
        options = value["options"].bound_blocks
        request = context.get("request")
        if page is not None and request is not None:
            options = options_ordered(
                options=options,
                seed=shuffle_seed(user_id=request.user.pk, scope=f"lesson-{page.pk}"),
                question_id=block_id,
            )
        context["quiz"] = {
            "id": block_id,
            "page": page,
            "options": options,
            "response": response,
            "chosen": list(response.answer.get("selected", [])) if response else [],
            "error": _for_block(context, "block_errors"),
        }
        return context
