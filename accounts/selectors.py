"""Reads for accounts: who counts as staff, and a user's profile."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings

from .models import Profile
from .roles import STAFF_GROUPS

_CACHE_ATTR = "_weerbaar_is_staff_role"


def user_is_staff_role(*, user) -> bool:
    """Whether ``user`` is a trainer, editor, moderator or administrator.

    Staff see other people's data or publish to everyone, so they must use MFA. Anyone who can
    open the Wagtail admin counts too, whatever group gave them that right. The answer is kept
    on the user object for the rest of the request.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    result = (
        user.is_superuser
        or user.is_staff
        or user.groups.filter(name__in=STAFF_GROUPS).exists()
        or user.has_perm("wagtailadmin.access_admin")
    )
    setattr(user, _CACHE_ATTR, result)
    return result


def user_has_totp(*, user) -> bool:
    """Whether ``user`` has an activated authenticator app (recovery codes alone do not count)."""
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def user_language(*, user) -> str:
    """The interface language ``user`` chose in their profile, or the site's default.

    Only languages in ``settings.LANGUAGES`` are answered: a stored choice the site no longer
    offers (or no profile at all) falls back to ``settings.LANGUAGE_CODE``.
    """
    if user is None or not user.is_authenticated:
        return settings.LANGUAGE_CODE
    chosen = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    offered = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in offered else settings.LANGUAGE_CODE


def profile_get(*, user) -> Profile | None:
    return Profile.objects.select_related("role").filter(user=user).first()
