from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisbankConfig(AppConfig):
    """Signal-recognition guides and evidence-graded best practices (filled by the kennisbank issue)."""

    name = "kennisbank"
    verbose_name = _("Kennisbank")
