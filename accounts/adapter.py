"""allauth's adapter, so every account e-mail carries the public address and name.

allauth builds its links from the request (``request.build_absolute_uri``): a request that
reached the app as http://127.0.0.1:8302/ (a health check, a proxy that rewrites Host, the
development server) sent mails with that address. The links are rebased on WEERBAAR_BASE_URL,
and the greeting's site name comes from Django's Site, which migrate keeps equal to
WEERBAAR_SITE_NAME (home.services.site_addresses_apply).
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings


def public_url(url: str, *, request=None) -> str:
    """``url`` with the request's own origin replaced by WEERBAAR_BASE_URL."""
    base = settings.WEERBAAR_BASE_URL.rstrip("/")
    if request is not None:
        origin = request.build_absolute_uri("/").rstrip("/")
        if url == origin or url.startswith(origin + "/"):
            return base + url[len(origin) :]
    if url.startswith("/"):
        return base + url
    return url


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Every absolute link allauth put in the context (activate_url, password_reset_url,
        # signup_url, …) points at the public address, whichever host the request used.
        request = allauth_context.request
        rebased = {
            key: public_url(value, request=request)
            if isinstance(value, str) and "://" in value
            else value
            for key, value in context.items()
        }
        super().send_mail(template_prefix, email, rebased)
