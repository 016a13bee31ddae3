"""StreamField blocks shared by every page type.

Each block renders through its own template in ``templates/blocks/`` and carries a
``preview_value`` so editors see a realistic example in the block picker.
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
        template = "blocks/callout_block.html"
        preview_value = {
            "kind": "tip",
            "title": "Eerst in gesprek",
            "text": "<p>Een signaal is een reden om het gesprek aan te gaan, geen bewijs.</p>",
        }


class RoleEntryBlock(blocks.StructBlock):
    """An entry point on the home page for one professional role ("Ik ben docent")."""

    title = blocks.CharBlock(
        label=_("Titel"), max_length=60, help_text=_("Bijvoorbeeld: Ik ben docent")
    )
    description = blocks.TextBlock(label=_("Korte omschrijving"), max_length=220)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.CharBlock(
        label=_("Of een adres"),
        required=False,
        max_length=200,
        help_text=_("Een relatief adres zoals /zoeken/?q=docent, als er geen pagina is gekozen."),
    )

    class Meta:
        icon = "user"
        label = _("Ingang per rol")
        template = "blocks/role_entry_block.html"
        preview_value = {
            "title": "Ik ben docent",
            "description": "Signalen in de klas herkennen en het gesprek voeren.",
            "url": "/zoeken/?q=docent",
        }


class CardBlock(blocks.StructBlock):
    """A teaser card pointing to a page, used for featured courses, guides and practices."""

    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Tekst"), max_length=300)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.CharBlock(label=_("Of een adres"), required=False, max_length=200)
    label = blocks.CharBlock(
        label=_("Label"), required=False, max_length=40, help_text=_("Bijv. Cursus of Handreiking")
    )

    class Meta:
        icon = "doc-full"
        label = _("Kaart")
        template = "blocks/card_block.html"
        preview_value = {
            "title": "Polarisatie in de klas",
            "text": "Hoe u een open gesprek voert als spanningen in de wereld de klas in komen.",
            "label": "Handreiking",
            "url": "/",
        }


class FeaturedSectionBlock(blocks.StructBlock):
    """A titled row of cards on the home page: featured courses, guides or practices."""

    heading = blocks.CharBlock(label=_("Kop"), max_length=120)
    intro = blocks.TextBlock(label=_("Inleiding"), required=False, max_length=300)
    cards = blocks.ListBlock(CardBlock(), label=_("Kaarten"), min_num=1, max_num=6)

    class Meta:
        icon = "list-ul"
        label = _("Uitgelichte sectie")
        template = "blocks/featured_section_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The body blocks for general pages."""

    heading_block = HeadingBlock()
    paragraph_block = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Tekst"),
        template="blocks/paragraph_block.html",
        preview_value="<p>Professionals in zorg, welzijn, onderwijs en veiligheid werken samen.</p>",
    )
    callout_block = CalloutBlock()


class AccessibilityLimitationBlock(blocks.StructBlock):
    """One known limitation in an accessibility statement, as the Dutch model asks: what does not
    work, which criterion it fails, since when, and what will be done by when."""

    title = blocks.CharBlock(label=_("Wat werkt niet"), max_length=200)
    criterion = blocks.CharBlock(
        label=_("WCAG-succescriterium"),
        max_length=120,
        help_text=_("Bijvoorbeeld: 4.1.2 Naam, rol, waarde"),
    )
    description = blocks.TextBlock(label=_("Toelichting en gevolg voor bezoekers"))
    found_on = blocks.DateBlock(label=_("Gevonden op"))
    plan = blocks.TextBlock(label=_("Wat wij doen"))
    planned_for = blocks.DateBlock(label=_("Opgelost uiterlijk"), required=False)

    class Meta:
        icon = "warning"
        label = _("Bekende beperking")
        template = "blocks/accessibility_limitation_block.html"
