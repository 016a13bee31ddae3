"""The base blocks every page type builds its body from.

Each block renders through its own template in ``templates/blocks/``, carries a
``preview_value`` so editors see a realistic example in the block picker, and a
``description`` that the picker shows. The apps above add their own blocks beside these
(``home.blocks``, ``kennisbank.blocks``, ``courses.blocks``) and never redeclare them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# Editors may structure text with h2-h4 only: the page title is the one h1.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level is limited to h2-h4 so the outline stays sound."""

    heading_text = blocks.CharBlock(label=_("Kop"), max_length=120)
    size = blocks.ChoiceBlock(
        choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")],
        default="h2",
        label=_("Niveau"),
    )

    class Meta:
        icon = "title"
        label = _("Kop")
        description = _("Een tussenkop (niveau 2 tot 4) die de tekst in delen verdeelt.")
        template = "blocks/heading_block.html"
        preview_value = {"heading_text": "Wat kunt u doen?", "size": "h2"}


class CalloutBlock(blocks.StructBlock):
    """A framed remark: a signal to watch, a practical tip or a legal note."""

    kind = blocks.ChoiceBlock(
        choices=[("signal", _("Signaal")), ("tip", _("Tip")), ("legal", _("Juridische noot"))],
        default="tip",
        label=_("Soort"),
    )
    title = blocks.CharBlock(label=_("Titel"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("Tekst"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Kader")
        description = _("Een kader voor een signaal, een praktische tip of een juridische noot.")
        template = "blocks/callout_block.html"
        preview_value = {
            "kind": "tip",
            "title": "Eerst in gesprek",
            "text": "<p>Een signaal is een reden om het gesprek aan te gaan, geen bewijs.</p>",
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The body blocks for general pages."""

    heading_block = HeadingBlock()
    paragraph_block = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Tekst"),
        template="blocks/paragraph_block.html",
        description=_("Lopende tekst met tussenkoppen, lijsten en links."),
        preview_value="<p>Professionals in zorg, welzijn, onderwijs en veiligheid werken samen.</p>",
    )
    callout_block = CalloutBlock()

    class Meta:
        description = _("De inhoud van een pagina: koppen, tekst en kaders.")
