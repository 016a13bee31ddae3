"""Case dilemmas: steps with choices, each with its consequence, ending in what to do and whom to
consult."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from kennisbank.blocks import EscalationContactBlock

from .state import _interactive_page


class DilemmaChoiceBlock(blocks.StructBlock):
    """A choice in a dilemma step: what happens next, and what the trainer thinks of it."""

    text = blocks.CharBlock(label=_("Keuze"), max_length=300)
    consequence = blocks.TextBlock(label=_("Wat er dan gebeurt"))
    feedback = blocks.TextBlock(label=_("Terugkoppeling"), required=False)
    recommended = blocks.BooleanBlock(label=_("Aanbevolen keuze"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Keuze")
        description = _("Eén keuze in een dilemma en wat er dan gebeurt.")
        preview_value = {
            "text": "U vraagt de leerling na de les wat hem bezighoudt.",
            "consequence": "De leerling vertelt over wat hij online ziet en waarom het hem raakt.",
            "recommended": True,
        }


class DilemmaStepBlock(blocks.StructBlock):
    """One moment in the scenario where the professional has to decide."""

    situation = blocks.TextBlock(label=_("Situatie"))
    question = blocks.CharBlock(label=_("Vraag"), max_length=300, default="Wat doet u?")
    choices = blocks.ListBlock(DilemmaChoiceBlock(), label=_("Keuzes"), min_num=2, max_num=5)

    class Meta:
        icon = "list-ol"
        label = _("Stap")
        description = _("Een moment in de casus waarop de deelnemer kiest.")
        preview_value = {
            "situation": "Een leerling deelt in de klas een filmpje met een harde boodschap.",
            "question": "Wat doet u?",
            "choices": [
                {
                    "text": "U gaat na de les met hem in gesprek.",
                    "consequence": "Hij vertelt meer.",
                },
                {"text": "U meldt het meteen bij de politie.", "consequence": "Het gesprek stokt."},
            ],
        }


class CaseDilemmaBlock(blocks.StructBlock):
    """A workplace scenario in steps; it ends in what to do and whom to contact."""

    title = blocks.CharBlock(label=_("Titel"), max_length=160)
    scenario = blocks.TextBlock(label=_("Casus"))
    steps = blocks.ListBlock(DilemmaStepBlock(), label=_("Stappen"), min_num=1, max_num=6)
    conclusion = blocks.RichTextBlock(
        label=_("Wat te doen"), features=["bold", "italic", "ul", "ol", "link"]
    )
    contacts = blocks.ListBlock(
        EscalationContactBlock(), label=_("Wie kunt u raadplegen?"), required=False, min_num=0
    )

    class Meta:
        icon = "group"
        label = _("Casus met dilemma's")
        description = _("Een casus waarin de deelnemer stap voor stap kiest en de gevolgen ziet.")
        template = "blocks/case_dilemma_block.html"
        preview_value = {
            "title": "Een zorgelijke opmerking in de klas",
            "scenario": "Tijdens een les over het nieuws zegt een leerling dat geweld soms de enige "
            "manier is om gehoord te worden.",
            "steps": [
                {
                    "situation": "De klas valt stil en kijkt naar u.",
                    "question": "Wat doet u?",
                    "choices": [
                        {
                            "text": "Ik vraag door: wat bedoel je daarmee?",
                            "consequence": "De leerling vertelt over een oneerlijke behandeling.",
                            "feedback": "Doorvragen geeft u zicht op wat er speelt.",
                            "recommended": True,
                        },
                        {
                            "text": "Ik stuur de leerling de klas uit.",
                            "consequence": "Het gesprek stopt en de leerling voelt zich afgewezen.",
                            "feedback": "Zo verliest u het contact dat u nodig hebt.",
                            "recommended": False,
                        },
                    ],
                }
            ],
            "conclusion": "<p>Ga in gesprek, leg vast wat u zag en overleg met de zorgcoördinator.</p>",
            "contacts": [],
        }

    def clean(self, value):
        value = super().clean(value)
        for step in value["steps"]:
            if not any(choice["recommended"] for choice in step["choices"]):
                raise StructBlockValidationError(
                    block_errors={
                        "steps": ValidationError(
                            _("Markeer in elke stap ten minste één aanbevolen keuze.")
                        )
                    }
                )
        return value

    def get_context(self, value, parent_context=None):
        """Which steps to show: each step opens once the one before it is answered."""
        context = super().get_context(value, parent_context)
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
        context["state"] = {
            "id": context.get("id") or "",
            "page": page,
            "steps": steps,
            "finished": open_ or page is None,
        }
        return context
