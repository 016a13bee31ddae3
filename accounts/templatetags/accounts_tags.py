from django import template
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.roles import TRAINERS
from accounts.selectors import user_is_staff_role
from accounts.sessions import MFA_CONTINUE_SESSION_KEY

register = template.Library()


@register.simple_tag
def session_timeout_hours(kind: str) -> str:
    """The idle or absolute session timeout in hours, for the explanation on the sessions page."""
    seconds = settings.SESSION_IDLE_TIMEOUT if kind == "idle" else settings.SESSION_ABSOLUTE_TIMEOUT
    hours = seconds / 3600
    return f"{hours:g}"


@register.simple_tag(takes_context=True)
def mfa_continue_url(context) -> str:
    """Where to go on after the recovery codes that follow setting up an authenticator app.

    The page where the user was sent to the set-up (kept in the session by
    StaffMfaRequiredMiddleware), else the place their role works in. Before, the recovery-codes
    page had no way on and the page they wanted was lost.
    """
    request = context.get("request")
    if request is None:
        return "/"
    target = request.session.pop(MFA_CONTINUE_SESSION_KEY, "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    user = request.user
    if user.is_authenticated and user.groups.filter(name=TRAINERS).exists():
        return "/trainer/"
    if user_is_staff_role(user=user) and user.has_perm("wagtailadmin.access_admin"):
        return settings.ADMIN_PATH_PREFIX
    return settings.LOGIN_REDIRECT_URL
