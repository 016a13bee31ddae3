from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def session_timeout_hours(kind: str) -> str:
    """The idle or absolute session timeout in hours, for the explanation on the sessions page."""
    seconds = settings.SESSION_IDLE_TIMEOUT if kind == "idle" else settings.SESSION_ABSOLUTE_TIMEOUT
    hours = seconds / 3600
    return f"{hours:g}"
