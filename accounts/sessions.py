"""Session lifetimes: an idle timeout and an absolute timeout for signed-in sessions.

The session stores two timestamps (seconds since the epoch): when the user signed in and when
they were last active. The activity stamp is refreshed at most once a minute, so an active
session is not rewritten on every request.
"""

from __future__ import annotations

import time

from allauth.account.authentication import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
)
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest

AUTH_AT_KEY = "weerbaar.auth_at"
ACTIVE_AT_KEY = "weerbaar.active_at"
ACTIVITY_RESOLUTION = 60
# The profile's interface language, read once per session instead of once per request.
LANGUAGE_KEY = "weerbaar.language"
# Where a staff member was going when they were sent to set up an authenticator app.
MFA_CONTINUE_SESSION_KEY = "weerbaar.mfa_continue"


def session_login_mark(*, request: HttpRequest) -> None:
    """Start the clocks of a fresh sign-in (called on every login)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    now = int(time.time())
    session[AUTH_AT_KEY] = now
    session[ACTIVE_AT_KEY] = now


def session_login_reauthentication_mark(*, request: HttpRequest, user) -> None:
    """Let a completed sign-in count as a recent reauthentication.

    allauth (65.22) treats only records flagged ``reauthenticated`` as recent, so the password
    and authenticator code typed at sign-in did not count and every export or MFA change right
    after signing in asked for them again. A sign-in proves the same factors the
    reauthentication form asks for, so their records are flagged, but only when all of them are
    there: the password (if the account has one) and the authenticator app (if it has one). A
    sign-in that proved neither (a confirmation link, ``force_login`` in tests) is left alone,
    and the timeout still runs from the last factor typed.
    """
    session = getattr(request, "session", None)
    if session is None:
        return
    records = [dict(record) for record in get_authentication_records(request, user)]
    required = set()
    if user.has_usable_password():
        required.add("password")
    if is_mfa_enabled(user):
        required.add("mfa")
    latest = {}
    for record in records:
        if record.get("method") in required:
            latest[record["method"]] = record
    if not required or set(latest) != required:
        return
    for record in latest.values():
        record["reauthenticated"] = True
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records


def session_expiry_reason(*, request: HttpRequest, now: float | None = None) -> str | None:
    """ "idle" or "absolute" when the signed-in session has run out, None while it is valid.

    Refreshes the activity stamp of a valid session. A session without stamps (signed in
    before this check existed) starts its clocks now.
    """
    session = request.session
    now = time.time() if now is None else now
    auth_at = session.get(AUTH_AT_KEY)
    active_at = session.get(ACTIVE_AT_KEY)
    if auth_at is None or active_at is None:
        session[AUTH_AT_KEY] = auth_at or int(now)
        session[ACTIVE_AT_KEY] = int(now)
        return None
    if now - auth_at > settings.SESSION_ABSOLUTE_TIMEOUT:
        return "absolute"
    if now - active_at > settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    if now - active_at >= ACTIVITY_RESOLUTION:
        session[ACTIVE_AT_KEY] = int(now)
    return None
