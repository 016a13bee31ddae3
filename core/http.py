"""The one place an ``ApplicationError`` becomes a response: JSON for the API, a page otherwise.

Views raise the error and do not catch it to build a response themselves; the middleware
(``core.middleware.ApplicationErrorMiddleware``) calls :func:`application_error_response`.
A view that shows the message inside its own form (a field error next to the input) still
catches it, because that is the form's feedback rather than an error page.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse

from .errors import ApplicationError


def json_error(*, message: str, status: int = 400, field: str | None = None) -> JsonResponse:
    """The API's error body: ``{"error": message}`` and the field when there is one."""
    return JsonResponse(ApplicationError(message, field=field).as_json(), status=status)


def request_wants_json(request: HttpRequest) -> bool:
    prefixes = tuple(getattr(settings, "API_PATH_PREFIXES", ("/api/",)))
    return request.path.startswith(prefixes)


def application_error_response(*, request: HttpRequest, error: ApplicationError) -> HttpResponse:
    if request_wants_json(request):
        return JsonResponse(error.as_json(), status=error.status)
    response = TemplateResponse(
        request, "application_error.html", {"message": error.message}, status=error.status
    )
    return response.render()
