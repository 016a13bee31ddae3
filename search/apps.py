from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search behind one interface, with an Elasticsearch and a database backend."""

    name = "search"
    verbose_name = _("Zoeken")

    def ready(self) -> None:
        from . import signal_handlers
        from .registry import search_sources_discover

        search_sources_discover()
        signal_handlers.connect()
