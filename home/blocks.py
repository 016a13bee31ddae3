"""The blocks of the home page and the statements: role entries, featured cards, known
accessibility limitations. The base blocks every page shares live in ``core.blocks``.

Each block renders through its own template in ``templates/blocks/``, carries a
``preview_value`` so editors see a realistic example in the block picker, and a description.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


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
        description = _("Een ingang op de homepagina voor één beroepsgroep, zoals docenten.")
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
        description = _("Een kaart die naar een cursus, handreiking of praktijk verwijst.")
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
        description = _("Een rij uitgelichte kaarten met een kop.")
        preview_value = {
            "heading": "Uitgelicht",
            "intro": "Cursussen en handreikingen die professionals nu veel gebruiken.",
            "cards": [
                {
                    "title": "Polarisatie in de klas",
                    "text": "Een open gesprek voeren als spanningen de klas in komen.",
                    "label": "Handreiking",
                    "url": "/",
                }
            ],
        }
        template = "blocks/featured_section_block.html"


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
        description = _(
            "Eén bekende beperking in de toegankelijkheidsverklaring, met plan en datum."
        )
        preview_value = {
            "title": "Tekstvelden in het beheer hebben geen toegankelijke naam",
            "criterion": "4.1.2 Naam, rol, waarde",
            "description": "Redacteuren met een schermlezer horen niet welk veld zij bewerken.",
            "found_on": "2026-11-02",
            "plan": "Wij melden het bij Wagtail en geven de velden zelf een naam.",
            "planned_for": "2027-03-01",
        }
        template = "blocks/accessibility_limitation_block.html"
