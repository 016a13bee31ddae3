"""Cross-cutting HTTP behaviour: the Content-Security-Policy, the anonymous page cache and the
mapping of application errors to responses."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from . import page_cache
from .errors import ApplicationError
from .http import application_error_response


class ContentSecurityPolicyMiddleware:
    """Send one policy from settings on every response (Django 5.2 has none built in)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY
        self.admin_policy = settings.CONTENT_SECURITY_POLICY_ADMIN
        self.admin_prefix = settings.ADMIN_PATH_PREFIX

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(self.admin_prefix)
            policy = self.admin_policy if admin else self.policy
            if policy:
                response["Content-Security-Policy"] = policy
        return response


class AnonymousPageCacheMiddleware:
    """Answer anonymous GETs of Wagtail pages from the page cache; see ``core.page_cache``.

    It sits right after WhiteNoise, so a hit skips sessions, users and CSRF entirely (a visitor
    without a session cookie is anonymous). It only stores responses produced by Wagtail's
    page-serving view, so forms, accounts and the admin are never cached.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not page_cache.page_cache_is_candidate(request=request):
            return self.get_response(request)
        cached = page_cache.page_cache_get(request=request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "wagtail_serve":
            page_cache.page_cache_store(request=request, response=response)
        return response


class ApplicationErrorMiddleware:
    """Turn an ``ApplicationError`` a view raised into its response, once for the whole site
    (``core.http``): the API answers JSON with the message and field, pages a Dutch page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ApplicationError):
            return application_error_response(request=request, error=exception)
        return None
