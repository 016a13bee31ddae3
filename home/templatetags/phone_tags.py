"""Phone numbers in plain text as tel: links, so a professional on a phone can call the
helpline from the page (the escalation contacts printed "0800-2000" as text)."""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Dutch numbers as people write them: 0800-2000, 0900-1113111, 088 123 45 67, 06-12345678,
# +31 6 1234 5678, and the emergency number 112. Not years (they do not start with 0) or
# amounts.
PHONE = re.compile(
    r"(?<![\w+\-/.,])"
    r"(\+31[\s\-]?\(?0?\)?\d(?:[\s\-]?\d){7,9}|0\d{1,3}(?:[\s\-]?\d){4,8}|112)"
    r"(?![\w\-/.,]\d|\w)"
)


def tel_href(number: str) -> str:
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("+310"):
        digits = "+31" + digits[4:]
    return "tel:" + digits


@register.filter(is_safe=True, needs_autoescape=True)
def phone_links(value, autoescape: bool = True) -> SafeString:
    """``value`` escaped, with each phone number in it a tel: link."""
    text = conditional_escape(value) if autoescape else str(value)
    out, last = [], 0
    for match in PHONE.finditer(text):
        out.append(text[last : match.start()])
        out.append(format_html('<a href="{}">{}</a>', tel_href(match.group()), match.group()))
        last = match.end()
    out.append(text[last:])
    return mark_safe("".join(str(part) for part in out))  # noqa: S308 - parts escaped above
