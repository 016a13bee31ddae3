"""Writes for accounts: the audit trail, the profile, personal-data export and erasure."""

from __future__ import annotations

import json
import logging

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from . import privacy
from .models import AuditEvent, Profile

security_logger = logging.getLogger("weerbaar.security")


class AuditAction:
    """The actions the platform records. Other apps add their own (e.g. "cohort.viewed")."""

    LOGIN = "login"
    LOGIN_FAILED = "login.failed"
    LOGOUT = "logout"
    SESSION_EXPIRED = "session.expired"
    PASSWORD_CHANGED = "password.changed"  # noqa: S105  (an action name, not a password)
    PASSWORD_RESET = "password.reset"  # noqa: S105
    MFA_ADDED = "mfa.added"
    MFA_REMOVED = "mfa.removed"
    MFA_RESET = "mfa.reset"
    MFA_USED = "mfa.used"
    MFA_FAILED = "mfa.failed"
    MFA_REQUIRED = "mfa.required"
    PERMISSION_DENIED = "permission.denied"
    PERSONAL_DATA_EXPORTED = "personal_data.exported"
    ACCOUNT_ERASED = "account.erased"


def _actor_id(actor) -> int | None:
    if actor is None:
        return None
    if isinstance(actor, int):
        return actor
    if not getattr(actor, "is_authenticated", False):
        return None
    return actor.pk


def audit_event_record(
    *,
    actor,
    action: str,
    target_type: str = "",
    target_id: str | int | None = "",
    result: str = AuditEvent.Result.SUCCESS,
) -> AuditEvent:
    """Record one security-relevant event in the audit table and the ``weerbaar.security`` log.

    ``actor`` is a user, a user id or None (anonymous). Callers pass identifiers only: never
    e-mail addresses, names, codes, passwords or what a learner wrote. A trainer looking at a
    cohort is ``audit_event_record(actor=request.user, action="cohort.viewed",
    target_type="cohort", target_id=cohort.pk, result="success")``.
    """
    if result not in AuditEvent.Result.values:
        raise ValueError(f"unknown audit result {result!r}")
    if not action:
        raise ValueError("an audit event needs an action")
    target = "" if target_id is None else str(target_id)
    with transaction.atomic():
        event = AuditEvent.objects.create(
            actor_id=_actor_id(actor),
            action=action[:60],
            target_type=target_type[:60],
            target_id=target[:120],
            result=result,
        )
    security_logger.info(
        "action=%s result=%s actor=%s target=%s:%s",
        event.action,
        event.result,
        event.actor_id if event.actor_id is not None else "-",
        event.target_type or "-",
        event.target_id or "-",
    )
    return event


@transaction.atomic
def profile_update(
    *,
    user,
    display_name: str,
    organisation: str = "",
    region: str = "",
    role=None,
    language: str = "",
) -> Profile:
    profile, _ = Profile.objects.select_for_update().get_or_create(
        user=user, defaults={"display_name": display_name}
    )
    profile.display_name = display_name
    profile.organisation = organisation
    profile.region = region
    profile.role = role
    if language:
        profile.language = language
    profile.full_clean()
    profile.save()
    return profile


def personal_data_export(*, user) -> dict:
    """Everything the registry's providers hold about ``user``, as plain JSON values."""
    sections = {provider.name: provider.export(user) for provider in privacy.providers()}
    data = {
        "format": "weerbaar-personal-data",
        "version": 1,
        "generated_at": timezone.now(),
        "account_id": user.pk,
        "sections": sections,
    }
    # One round trip through JSON makes dates, decimals and UUIDs plain strings, so what the
    # caller gets is exactly what the download contains.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


@transaction.atomic
def personal_data_erase(*, user, choices: dict[str, str] | None = None) -> None:
    """Run every provider's eraser for ``user``, all or nothing; the account row stays.

    ``choices`` holds the person's answers to the providers' questions (by provider name);
    without an answer a provider uses its default.
    """
    for provider in privacy.providers():
        provider.erase_for(user, choices)


@transaction.atomic
def account_erase(*, user, actor=None, choices: dict[str, str] | None = None) -> None:
    """Erase the personal data and delete the account, all or nothing.

    ``actor`` is who asked (an administrator), or None when people delete their own account.
    The audit trail keeps one "account.erased" event with the former account number.
    """
    user_id = user.pk
    personal_data_erase(user=user, choices=choices)
    user.delete()
    audit_event_record(
        actor=actor if actor is not None else user_id,
        action=AuditAction.ACCOUNT_ERASED,
        target_type="user",
        target_id=user_id,
    )
