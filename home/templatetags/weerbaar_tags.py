"""Site chrome that every page needs: main navigation and footer links, one query each."""

from django import template
from django.conf import settings
from wagtail.models import Page, Site

from core.restrictions import pages_public
from home.models import StatementPage

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        items = list(pages_public(site.root_page.get_children().live()).in_menu())
    current = context.get("page")
    return {"items": items, "current": current, "request": request, "site": site}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    statements = (
        pages_public(StatementPage.objects.live()).filter(show_in_footer=True).order_by("path")
    )
    return {"statements": list(statements), "request": context.get("request")}


@register.simple_tag(takes_context=True)
def is_current(context, item: Page) -> bool:
    current = context.get("current")
    return bool(current and current.path.startswith(item.path))


@register.simple_tag
def support_email() -> str:
    """The help address every page shows in the same place (WCAG 3.2.6), from the settings."""
    return settings.SUPPORT_EMAIL
