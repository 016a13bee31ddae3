from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Site-wide pages: the home page, statements, base layout and health checks."""

    name = "home"
    verbose_name = _("Home en algemeen")

    def ready(self) -> None:
        from . import checks, signal_handlers  # noqa: F401  (checks register themselves)

        signal_handlers.connect()
