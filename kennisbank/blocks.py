"""Blocks for signal-recognition guides and best practices."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError


class SignalBlock(blocks.StructBlock):
    """One observable signal, grouped by category on the page.

    The caution field exists because many signals have innocent explanations (a new religious
    practice, anger about injustice, withdrawal in puberty); the guide must say so where it applies.
    """

    category = blocks.CharBlock(
        label=_("Categorie"), max_length=60, help_text=_("Bijv. Gedrag, Uitingen en taal, Online")
    )
    label = blocks.CharBlock(label=_("Signaal"), max_length=140)
    description = blocks.TextBlock(label=_("Omschrijving"))
    example = blocks.TextBlock(label=_("Voorbeeld uit de praktijk"), required=False)
    caution = blocks.TextBlock(
        label=_("Let op"),
        required=False,
        help_text=_("Waar dit signaal makkelijk verkeerd wordt uitgelegd."),
    )

    class Meta:
        icon = "view"
        label = _("Signaal")
        description = _("Een signaal om op te letten, met wat het wel en niet betekent.")
        template = "blocks/signal_block.html"
        preview_value = {
            "category": "Gedrag",
            "label": "Plotselinge breuk met vrienden",
            "description": "Een leerling trekt zich terug uit de vriendengroep en zoekt nieuwe contacten.",
            "example": "Een leerling die altijd meedeed, zit nu apart en praat alleen nog met één nieuwe groep.",
            "caution": "Terugtrekken kan vele oorzaken hebben: rouw, pesten, zorgen thuis.",
        }


class ActionStepBlock(blocks.StructBlock):
    """A step in the professional's course of action; steps render as an ordered list."""

    title = blocks.CharBlock(label=_("Stap"), max_length=300)
    text = blocks.TextBlock(label=_("Toelichting"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Stap")
        description = _("Een stap in wat u kunt doen als u zich zorgen maakt.")
        template = "blocks/action_step_block.html"
        preview_value = {
            "title": "Ga in gesprek",
            "text": "Vraag open naar wat u ziet; luister zonder te oordelen.",
        }


class EscalationContactBlock(blocks.StructBlock):
    """Who to consult, when, and how to reach them."""

    who = blocks.CharBlock(label=_("Wie"), max_length=140)
    when = blocks.TextBlock(label=_("Wanneer"))
    how = blocks.CharBlock(label=_("Hoe"), max_length=200)

    class Meta:
        icon = "group"
        label = _("Contact")
        description = _("Een instantie die u kunt raadplegen, met hoe u haar bereikt.")
        template = "blocks/escalation_contact_block.html"
        preview_value = {
            "who": "Aanspreekpunt radicalisering van uw gemeente",
            "when": "Als u twijfelt en wilt overleggen over een zorg.",
            "how": "Via het algemene nummer van de gemeente",
        }


class SourceBlock(blocks.StructBlock):
    """A source or evaluation report, with a link."""

    title = blocks.CharBlock(label=_("Titel"), max_length=250)
    url = blocks.URLBlock(label=_("Adres"), required=False)

    class Meta:
        icon = "link"
        label = _("Bron")
        description = _("Een bron: onderzoek, beleid of een handreiking waarop de inhoud steunt.")
        template = "blocks/source_block.html"
        preview_value = {"title": "Evaluatierapport 2022", "url": "https://www.example.org/rapport"}

    def clean(self, value):
        value = super().clean(value)
        url = value.get("url") or ""
        if url and not url.startswith(("https://", "http://")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Gebruik een adres dat met https:// begint."))
                }
            )
        return value
