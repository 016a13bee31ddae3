from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search behind one interface, with an Elasticsearch and a database backend."""

    name = "search"
    verbose_name = _("Zoeken")

    def ready(self) -> None:
        from django.core import checks

        from . import signal_handlers
        from .checks import search_backends_check
        from .registry import search_sources_discover

        checks.register(search_backends_check)

        search_sources_discover()
        signal_handlers.connect()
