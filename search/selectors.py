from __future__ import annotations

from wagtail.models import Page


def page_search(*, query: str):
    """Live, public pages matching ``query``, best first."""
    return Page.objects.live().public().specific().search(query, operator="and")
