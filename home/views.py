"""Health endpoints for the container platform (JSON, no login, no secrets or versions) and the
site's security.txt."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
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


def security_txt_expires(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """When the security.txt stops being valid: SECURITY_TXT_EXPIRES when set, else 180 days from
    the start of today (UTC). RFC 9116 asks for less than a year ahead, so a stale file expires."""
    if settings.SECURITY_TXT_EXPIRES:
        return datetime.datetime.fromisoformat(settings.SECURITY_TXT_EXPIRES).astimezone(
            datetime.UTC
        )
    today = (
        (now or timezone.now())
        .astimezone(datetime.UTC)
        .replace(hour=0, minute=0, second=0, microsecond=0)
    )
    return today + datetime.timedelta(days=180)


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: where to report a vulnerability, in Dutch first, and until when this holds."""
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_TXT_CONTACTS]
    expires = security_txt_expires().strftime("%Y-%m-%dT%H:%M:%SZ")
    lines += [
        f"Expires: {expires}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    if settings.SECURITY_TXT_POLICY:
        lines.append(f"Policy: {request.build_absolute_uri(settings.SECURITY_TXT_POLICY)}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
