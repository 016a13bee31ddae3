from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisbankConfig(AppConfig):
    """Signal-recognition guides and evidence-graded best practices."""

    name = "kennisbank"
    verbose_name = _("Kennisbank")

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect()
