from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Training modules, lessons and learner progress (filled by the courses issue)."""

    name = "courses"
    verbose_name = _("Cursussen")
