"""Providers are snippets: editors add ROR, JEP, SSV or a municipality once and choose them per course."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Provider


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "group"
    menu_label = "Aanbieders"
    list_display = ["name", "short_name", "key"]
    search_fields = ["name", "short_name"]


register_snippet(ProviderViewSet)
