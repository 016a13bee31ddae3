"""The project's one HTML sanitiser.

Every piece of HTML that a user (not an editor in the Wagtail admin) supplies passes through
:func:`sanitize_html` before it is stored or shown: shared practices, reflection notes, anything
later. One allow-list, one place to review. It is built on nh3 (the Rust ``ammonia`` library)
because bleach, which the client originally named, was retired by its maintainers in June 2026
and receives no security fixes.
"""

from __future__ import annotations

import html as html_lib
from typing import Final

import nh3

ALLOWED_TAGS: Final[frozenset[str]] = frozenset(
    {
        "p", "br", "strong", "b", "em", "i", "u", "s",
        "ul", "ol", "li",
        "h2", "h3", "h4",
        "blockquote", "q", "cite", "abbr",
        "a", "code", "pre", "hr",
        "table", "thead", "tbody", "tr", "th", "td", "caption",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: Final[dict[str, set[str]]] = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}

ALLOWED_URL_SCHEMES: Final[frozenset[str]] = frozenset({"http", "https", "mailto", "tel"})

# Tags whose content is dropped with the tag, not kept as text.
CLEAN_CONTENT_TAGS: Final[frozenset[str]] = frozenset({"script", "style", "template", "noscript"})

LINK_REL: Final[str] = "nofollow noopener noreferrer"


def sanitize_html(html: str | None) -> str:
    """Return ``html`` reduced to the allow-list: safe to store and to render unescaped.

    Links get ``rel="nofollow noopener noreferrer"``; comments, scripts, event handlers,
    ``style`` attributes and non-http(s)/mailto/tel URLs are removed.
    """
    if not html:
        return ""
    return nh3.clean(
        str(html),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def html_to_text(html: str | None) -> str:
    """Plain text of a fragment, for e-mails, search snippets and length checks."""
    if not html:
        return ""
    stripped = nh3.clean(str(html), tags=set(), clean_content_tags=set(CLEAN_CONTENT_TAGS))
    return " ".join(html_lib.unescape(stripped).split())
