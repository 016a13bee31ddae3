from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer: what every other app builds on and nothing of ours lies under.

    The taxonomy, the HTML sanitiser, the page cache, the base blocks, the rate limiter, the
    exchange-format validator and page publishing live here, so that search, accounts, home,
    kennisbank and courses import them downwards. ``core`` imports no other app of ours; the
    import contract in ``pyproject.toml`` ([tool.importlinter]) keeps it so.
    """

    name = "core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from . import signal_handlers
        from .related import related_content_discover

        signal_handlers.connect()
        related_content_discover()
