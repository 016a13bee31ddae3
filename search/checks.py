"""System check: a wrong SEARCH_BACKENDS stops ``manage.py check`` and ``migrate`` (which the
production start script runs) with a message naming it, instead of surfacing on a search."""

from __future__ import annotations

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def search_backends_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from .backends import get_search_backend

    errors = []
    for name in ("default", "fallback"):
        try:
            get_search_backend(name)
        except ImproperlyConfigured as error:
            errors.append(checks.Error(str(error), id="search.E001"))
    return errors
