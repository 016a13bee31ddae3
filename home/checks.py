"""System checks: production must know its public address before it migrates or serves."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register


def base_url_problem(value: str) -> str:
    """Why ``value`` cannot be the public base URL, or "" when it can."""
    if not value:
        return "is not set"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"is not an http(s) address: {value!r}"
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return f"must be scheme and host only, without a path: {value!r}"
    return ""


@register()
def check_public_address(app_configs, **kwargs):
    """Without WEERBAAR_BASE_URL every e-mail would name a development address.

    Only the settings that must be deployed ask for it (production leaves it empty by default);
    development and tests default to http://127.0.0.1:8000.
    """
    problem = base_url_problem(getattr(settings, "WEERBAAR_BASE_URL", ""))
    errors = []
    if problem:
        errors.append(
            Error(
                f"WEERBAAR_BASE_URL {problem}.",
                hint="Set it to the public address, e.g. https://weerbaar.example "
                "(and WEERBAAR_SITE_NAME to the platform's name).",
                id="home.E001",
            )
        )
    if not getattr(settings, "WEERBAAR_SITE_NAME", "").strip():
        errors.append(Error("WEERBAAR_SITE_NAME is empty.", id="home.E002"))
    return errors
