"""Phone numbers in plain text become tel: links (the escalation contacts had none)."""

import pytest
from django.template import Context, Template

from home.templatetags.phone_tags import phone_links


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("Gratis en dag en nacht bereikbaar via 0800-2000", "tel:08002000"),
        ("tijdens kantooruren bereikbaar op 0900-1113111.", "tel:09001113111"),
        ("bij acuut gevaar altijd 112", "tel:112"),
        ("Bel 088 123 45 67 of mail", "tel:0881234567"),
        ("mobiel: 06-12345678", "tel:0612345678"),
        ("Vanuit het buitenland +31 (0)20 123 4567", "tel:+31201234567"),
    ],
)
def test_numbers_become_tel_links(text, href):
    assert f'<a href="{href}">' in str(phone_links(text))


@pytest.mark.parametrize(
    "text",
    ["Sinds 2021 in 12 gemeenten", "Score 0,5 punt", "Kenmerk 2024-0012", "versie 1.12"],
)
def test_other_numbers_stay_text(text):
    assert "<a " not in str(phone_links(text))


def test_text_is_escaped():
    html = str(phone_links("<script>alert(1)</script> 0800-2000"))
    assert "<script>" not in html and "&lt;script&gt;" in html and 'href="tel:08002000"' in html


def test_the_escalation_contact_block_links_its_number():
    html = Template("{% include 'blocks/escalation_contact_block.html' %}").render(
        Context({"value": {"who": "Meldpunt", "when": "Altijd", "how": "Via 0800-2000"}})
    )
    assert '<a href="tel:08002000">0800-2000</a>' in html
