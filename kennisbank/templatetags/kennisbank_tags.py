from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def querystring_without(querystring: str, param: str, value: str) -> str:
    """The listing's query string with one filter value removed (for "remove filter" links)."""
    query = QueryDict(querystring, mutable=True)
    query.setlist(param, [v for v in query.getlist(param) if v != value])
    return query.urlencode()
