"""Wiring only: authentication and MFA events become audit events."""

from __future__ import annotations

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals

from .models import AuditEvent
from .services import AuditAction, audit_event_record
from .sessions import session_login_mark, session_login_reauthentication_mark

DISPATCH = "accounts.audit"


def _logged_in(sender, request, user, **kwargs) -> None:
    session_login_mark(request=request)
    session_login_reauthentication_mark(request=request, user=user)
    audit_event_record(actor=user, action=AuditAction.LOGIN)


def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_event_record(actor=user, action=AuditAction.LOGOUT)


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The credentials hold the typed e-mail address: it is used to find the account number and
    # then dropped, so the trail shows which account was tried without saying who that is.
    from allauth.account.utils import filter_users_by_email

    login = credentials.get("email") or credentials.get("username") or ""
    users = filter_users_by_email(login) if "@" in login else []
    audit_event_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        target_type="user" if users else "",
        target_id=users[0].pk if users else "",
        result=AuditEvent.Result.FAILURE,
    )


def _password_changed(sender, request, user, **kwargs) -> None:
    audit_event_record(actor=user, action=AuditAction.PASSWORD_CHANGED)


def _password_reset(sender, request, user, **kwargs) -> None:
    audit_event_record(actor=user, action=AuditAction.PASSWORD_RESET)


def _mfa(action: str, result: str = AuditEvent.Result.SUCCESS):
    def handler(sender, request=None, user=None, authenticator=None, **kwargs) -> None:
        audit_event_record(
            actor=user,
            action=action,
            target_type="authenticator",
            target_id=authenticator.type if authenticator is not None else "",
            result=result,
        )

    return handler


_HANDLERS = [
    (auth_signals.user_logged_in, _logged_in),
    (auth_signals.user_logged_out, _logged_out),
    (auth_signals.user_login_failed, _login_failed),
    (account_signals.password_changed, _password_changed),
    (account_signals.password_reset, _password_reset),
    (mfa_signals.authenticator_added, _mfa(AuditAction.MFA_ADDED)),
    (mfa_signals.authenticator_removed, _mfa(AuditAction.MFA_REMOVED)),
    (mfa_signals.authenticator_reset, _mfa(AuditAction.MFA_RESET)),
    (mfa_signals.authenticator_used, _mfa(AuditAction.MFA_USED)),
    (
        mfa_signals.authentication_failed,
        _mfa(AuditAction.MFA_FAILED, AuditEvent.Result.FAILURE),
    ),
]


def connect() -> None:
    for index, (signal, handler) in enumerate(_HANDLERS):
        signal.connect(handler, dispatch_uid=f"{DISPATCH}.{index}", weak=False)
