"""Health endpoints for the container platform: JSON, no login, no secrets or versions."""

from __future__ import annotations

import logging

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from search.backends import engine_configured
from search.health import search_backend_is_reachable

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answering. Touches no dependency."""
    return JsonResponse({"status": "ok"})


def _database_is_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any driver error means "not ready"
        logger.exception("readiness: database unreachable")
        return False


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to serve: the database answers, and the search cluster too when one is configured."""
    checks = {"database": "ok" if _database_is_reachable() else "unavailable"}
    if engine_configured():
        checks["search"] = "ok" if search_backend_is_reachable() else "unavailable"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )
