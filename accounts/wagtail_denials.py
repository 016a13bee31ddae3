"""An audit event for every permission denial in the Wagtail admin.

``PermissionDeniedAuditMiddleware`` records 403 responses, but Wagtail's admin answers a
denial with a redirect and a message instead, and always from the same function,
``wagtail.admin.auth.permission_denied``: the ``permission_required`` / ``user_passes_test`` /
``PermissionPolicyChecker`` decorators call it, and ``require_admin_access`` (around every admin
view) calls it for a ``PermissionDenied`` raised by any admin view. Signed-in users without
admin access at all are sent away by ``wagtail.admin.auth.reject_request``.

Wagtail 8.0 has no hook or signal for either, so both are wrapped once at start-up
(``AccountsConfig.ready``). Their callers look them up in ``wagtail.admin.auth`` when they run,
so the wrappers see every denial; tests/accounts/test_wagtail_denials.py fails if a Wagtail
upgrade moves a caller to a reference of its own. For AJAX requests Wagtail raises
``PermissionDenied`` instead; that becomes a 403, which the middleware records, so it is not
recorded twice. The target is the path without its query string (it can hold search terms).
"""

from __future__ import annotations

from functools import wraps

from django.http import HttpRequest

from .models import AuditEvent
from .services import AuditAction, audit_event_record

MARK = "weerbaar_audited"


def _record(request: HttpRequest) -> None:
    audit_event_record(
        actor=request.user,
        action=AuditAction.PERMISSION_DENIED,
        target_type="path",
        target_id=request.path,
        result=AuditEvent.Result.DENIED,
    )


def _audited_permission_denied(original):
    @wraps(original)
    def permission_denied(request):
        response = original(request)
        _record(request)
        return response

    setattr(permission_denied, MARK, True)
    return permission_denied


def _audited_reject_request(original):
    @wraps(original)
    def reject_request(request):
        response = original(request)
        # Anonymous visitors are only asked to sign in; a signed-in user was turned away.
        if request.user.is_authenticated:
            _record(request)
        return response

    setattr(reject_request, MARK, True)
    return reject_request


def wagtail_denials_audit_install() -> None:
    """Wrap Wagtail's two denial responses (once, however often it is called)."""
    from wagtail.admin import auth

    if not getattr(auth.permission_denied, MARK, False):
        auth.permission_denied = _audited_permission_denied(auth.permission_denied)
    if not getattr(auth.reject_request, MARK, False):
        auth.reject_request = _audited_reject_request(auth.reject_request)
