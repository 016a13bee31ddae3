"""Request-level rules for signed-in users: session lifetimes, MFA for staff, no caching of
personal pages, and an audit event for every permission denial."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .models import AuditEvent
from .selectors import user_has_totp, user_is_staff_role, user_language
from .services import AuditAction, audit_event_record
from .sessions import LANGUAGE_KEY, MFA_CONTINUE_SESSION_KEY, session_expiry_reason

GetResponse = Callable[[HttpRequest], HttpResponse]


def _user(request: HttpRequest):
    return getattr(request, "user", None)


def _has_session_cookie(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class PermissionDeniedAuditMiddleware:
    """Record every 403 (a raised PermissionDenied, a CSRF failure, a view's own refusal).

    Placed right after AuthenticationMiddleware so it also sees CSRF rejections. The target is
    the view's name, never the full path or query string (they can hold tokens).
    """

    def __init__(self, get_response: GetResponse):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            match = getattr(request, "resolver_match", None)
            audit_event_record(
                actor=_user(request),
                action=AuditAction.PERMISSION_DENIED,
                target_type="view",
                target_id=match.view_name if match else "",
                result=AuditEvent.Result.DENIED,
            )
        return response


class ProfileLanguageMiddleware:
    """Speak the interface language of the signed-in user's profile; Dutch for everyone else.

    Instead of Django's LocaleMiddleware, which would follow the browser's Accept-Language for
    anonymous visitors too: the content is Dutch, and anonymous pages are cached once for all.
    The language is active only while this request is answered, so none is left over for the
    next request on the same thread. Placed right after AuthenticationMiddleware, so CSRF
    failures, session messages and denials are in the user's language too. The Wagtail admin
    keeps its own per-user language setting.
    """

    def __init__(self, get_response: GetResponse):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = settings.LANGUAGE_CODE
        if _has_session_cookie(request):
            user = _user(request)
            if user is not None and user.is_authenticated:
                language = request.session.get(LANGUAGE_KEY)
                if language is None:
                    language = request.session[LANGUAGE_KEY] = user_language(user=user)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """Responses to a signed-in user never go into a browser or proxy cache.

    Anonymous responses are left alone, so the anonymous page cache (``core.page_cache``) and
    static files keep their own caching headers. A request without a session cookie cannot be
    signed in, so it is not even asked.
    """

    def __init__(self, get_response: GetResponse):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _has_session_cookie(request):
            return self.get_response(request)
        user = _user(request)
        was_signed_in = user is not None and user.is_authenticated
        response = self.get_response(request)
        user = _user(request)
        if was_signed_in or (user is not None and user.is_authenticated):
            patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        return response


class SessionTimeoutMiddleware:
    """Sign out a session idle for ``SESSION_IDLE_TIMEOUT`` seconds, or signed in longer than
    ``SESSION_ABSOLUTE_TIMEOUT`` seconds ago; the request then continues as anonymous."""

    def __init__(self, get_response: GetResponse):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        if user is not None and user.is_authenticated:
            reason = session_expiry_reason(request=request)
            if reason is not None:
                user_id = user.pk
                logout(request)
                audit_event_record(
                    actor=user_id,
                    action=AuditAction.SESSION_EXPIRED,
                    target_type="session",
                    target_id=reason,
                )
                messages.info(request, _("Uw sessie is verlopen. Meld u opnieuw aan."))
        return self.get_response(request)


class StaffMfaRequiredMiddleware:
    """Trainers, editors, moderators and administrators set up an authenticator app before
    they reach the admin or trainer pages (``MFA_REQUIRED_PATH_PREFIXES``).

    allauth has no setting for this. Everything outside those prefixes (allauth's account and
    MFA pages, logout, static files, public pages) stays reachable, so the user can always
    finish the set-up or sign out. GET requests are sent to the set-up page; other methods
    get 403, so no write happens behind a redirect.
    """

    def __init__(self, get_response: GetResponse):
        self.get_response = get_response
        self.prefixes = tuple(settings.MFA_REQUIRED_PATH_PREFIXES)
        self.exempt = tuple(getattr(settings, "MFA_REQUIRED_EXEMPT_PATHS", ()))

    def _protected(self, path: str) -> bool:
        return path.startswith(self.prefixes) and not path.startswith(self.exempt)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        if (
            self._protected(request.path_info)
            and user is not None
            and user.is_authenticated
            and user_is_staff_role(user=user)
            and not user_has_totp(user=user)
        ):
            audit_event_record(
                actor=user,
                action=AuditAction.MFA_REQUIRED,
                target_type="path",
                target_id=next(p for p in self.prefixes if request.path_info.startswith(p)),
                result=AuditEvent.Result.DENIED,
            )
            if request.method in ("GET", "HEAD"):
                messages.info(
                    request,
                    _(
                        "Voor uw rol is tweestapsverificatie verplicht. Stel eerst een "
                        "authenticator-app in; daarna kunt u verder."
                    ),
                )
                # Where the user was going, so the recovery-codes page that follows the set-up
                # offers the way on (accounts_tags.mfa_continue_url); before, it was lost.
                request.session[MFA_CONTINUE_SESSION_KEY] = request.get_full_path()
                return redirect(
                    reverse("mfa_activate_totp")
                    + "?"
                    + urlencode({"next": request.get_full_path()})
                )
            return HttpResponseForbidden(
                _("Stel eerst tweestapsverificatie in."), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


class ForwardedHeadersMiddleware:
    """Forwarded client addresses count only when a trusted proxy sent the request.

    allauth reads the visitor's address from ``X-Forwarded-For`` (``ALLAUTH_TRUSTED_PROXY_COUNT``)
    or from ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``. Whoever reaches the app without the proxy could
    write those headers and get a fresh login budget per request. So unless ``REMOTE_ADDR`` is
    one of ``TRUSTED_PROXY_IPS`` (addresses or networks), the connection's own address counts:
    X-Forwarded-For is removed and the trusted header, if any, is overwritten with it.
    """

    def __init__(self, get_response: GetResponse):
        self.get_response = get_response
        self.networks = [
            ipaddress.ip_network(item, strict=False) for item in settings.TRUSTED_PROXY_IPS
        ]
        header = getattr(settings, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", None)
        self.header = "HTTP_" + header.upper().replace("-", "_") if header else None

    def _trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        address = request.META.get("REMOTE_ADDR", "")
        if not self._trusted(address):
            request.META.pop("HTTP_X_FORWARDED_FOR", None)
            if self.header:
                # allauth reads only this header once it is configured: give it the
                # connection's own address rather than none (which it refuses with a 403).
                request.META[self.header] = address
        return self.get_response(request)
