from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search behind one interface, with an Elasticsearch and a database backend."""

    name = "search"
    verbose_name = _("Zoeken")
