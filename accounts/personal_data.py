"""The personal data that accounts, allauth, Wagtail and Django's admin hold, in the registry.

Secrets never leave the platform, not even to their owner: an export lists MFA authenticators
by type and date, never their keys or recovery codes.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from . import privacy


def _date(value):
    return value.isoformat() if value else None


def _account_export(user) -> dict:
    from .models import Profile

    profile = Profile.objects.select_related("role").filter(user=user).first()
    return {
        "email": user.email,
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _date(user.date_joined),
        "last_login": _date(user.last_login),
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "profile": None
        if profile is None
        else {
            "display_name": profile.display_name,
            "organisation": profile.organisation,
            "region": profile.region,
            "role": profile.role.slug if profile.role else None,
            "language": profile.language,
        },
    }


def _account_erase(user) -> None:
    from .models import Profile

    Profile.objects.filter(user=user).delete()


def _email_export(user) -> dict:
    from allauth.account.models import EmailAddress

    return {
        "addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ]
    }


def _authenticators_export(user) -> dict:
    from allauth.mfa.models import Authenticator

    return {
        "authenticators": [
            {
                "type": a.type,
                "created_at": _date(a.created_at),
                "last_used_at": _date(a.last_used_at),
            }
            for a in Authenticator.objects.filter(user=user).order_by("created_at")
        ]
    }


def _sessions_export(user) -> dict:
    from allauth.usersessions.models import UserSession

    return {
        "sessions": [
            {
                "created_at": _date(s.created_at),
                "last_seen_at": _date(s.last_seen_at),
                "ip": s.ip,
                "user_agent": s.user_agent,
            }
            for s in UserSession.objects.filter(user=user).order_by("created_at")
        ]
    }


def _sessions_erase(user) -> None:
    from allauth.usersessions.models import UserSession

    for session in UserSession.objects.filter(user=user):
        session.end()


def _audit_export(user) -> dict:
    from .models import AuditEvent

    return {
        "events": [
            {
                "at": _date(e.created_at),
                "action": e.action,
                "target_type": e.target_type,
                "target_id": e.target_id,
                "result": e.result,
            }
            for e in AuditEvent.objects.filter(actor_id=user.pk)[:1000]
        ]
    }


def _audit_keep(user) -> None:
    """Security events stay (legitimate interest, GDPR art. 6(1)(f)); they hold only a number."""


def _wagtail_export(user) -> dict:
    from wagtail.models import Comment, Page, Revision
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    return {
        "admin_preferences": None
        if profile is None
        else {
            "preferred_language": profile.preferred_language,
            "current_time_zone": profile.current_time_zone,
            "submitted_notifications": profile.submitted_notifications,
            "approved_notifications": profile.approved_notifications,
            "rejected_notifications": profile.rejected_notifications,
            "updated_comments_notifications": profile.updated_comments_notifications,
        },
        "comments": [
            {"text": c.text, "created_at": _date(c.created_at)}
            for c in Comment.objects.filter(user=user).order_by("created_at")
        ],
        "pages_owned": Page.objects.filter(owner=user).count(),
        "revisions_made": Revision.objects.filter(user=user).count(),
    }


def _wagtail_erase(user) -> None:
    """Remove personal settings, sessions and tokens; unlink authorship from shared content.

    Pages, revisions, images and documents belong to the editorial team and stay, without the
    link to the person (``owner``, ``user``, ``uploaded_by_user`` become empty). Wagtail's own
    action logs keep the number of a deleted user, as our audit trail does.
    """
    from wagtail.admin.models import EditingSession
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Comment,
        CommentReply,
        Page,
        PageSubscription,
        Revision,
        TaskState,
        UploadedFile,
        WorkflowState,
    )
    from wagtail.users.models import UserProfile

    UserProfile.objects.filter(user=user).delete()
    EditingSession.objects.filter(user=user).delete()
    PageSubscription.objects.filter(user=user).delete()
    CommentReply.objects.filter(user=user).delete()
    Comment.objects.filter(user=user).delete()
    Comment.objects.filter(resolved_by=user).update(resolved_by=None)
    Page.objects.filter(owner=user).update(owner=None)
    Page.objects.filter(locked_by=user).update(locked_by=None, locked=False, locked_at=None)
    Revision.objects.filter(user=user).update(user=None)
    WorkflowState.objects.filter(requested_by=user).update(requested_by=None)
    TaskState.objects.filter(finished_by=user).update(finished_by=None)
    UploadedFile.objects.filter(uploaded_by_user=user).update(uploaded_by_user=None)
    get_image_model().objects.filter(uploaded_by_user=user).update(uploaded_by_user=None)
    get_document_model().objects.filter(uploaded_by_user=user).update(uploaded_by_user=None)
    for label in ("wagtailadmin.FormState", "wagtailcore.APIToken"):
        apps.get_model(label).objects.filter(user=user).delete()


def register_all() -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession
    from django.contrib.admin.models import LogEntry

    from .models import Profile, RetentionNotice

    privacy.register(
        RetentionNotice,
        description=_("Een waarschuwing dat uw account wegens lange inactiviteit wordt verwijderd"),
    )
    privacy.register(
        privacy.PersonalDataProvider(
            name="account",
            description=_("Uw account en profiel (naam, rol, organisatie, regio, taal)"),
            models=(Profile,),
            export=_account_export,
            erase=_account_erase,
        )
    )
    privacy.register(
        privacy.PersonalDataProvider(
            name="account.email_addresses",
            description=_("Uw e-mailadressen"),
            models=(EmailAddress,),
            export=_email_export,
            erase=privacy.rows_erase(EmailAddress),
        )
    )
    privacy.register(
        privacy.PersonalDataProvider(
            name="mfa.authenticators",
            description=_(
                "Uw tweestapsverificatie (alleen soort en datum, nooit sleutels of codes)"
            ),
            models=(Authenticator,),
            export=_authenticators_export,
            erase=privacy.rows_erase(Authenticator),
        )
    )
    privacy.register(
        privacy.PersonalDataProvider(
            name="usersessions",
            description=_("Uw sessies (apparaat, IP-adres, tijdstip)"),
            models=(UserSession,),
            export=_sessions_export,
            erase=_sessions_erase,
        )
    )
    privacy.register(
        privacy.PersonalDataProvider(
            name="audit",
            description=_("Beveiligingslog van uw aanmeldingen (zonder e-mailadres)"),
            models=(),
            export=_audit_export,
            erase=_audit_keep,
            note="Kept after erasure: security events hold only the account number.",
        )
    )
    privacy.register(
        privacy.PersonalDataProvider(
            name="wagtail",
            description=_("Beheeromgeving: voorkeuren, opmerkingen en auteurschap"),
            models=tuple(
                apps.get_model(label)
                for label in (
                    "wagtailusers.UserProfile",
                    "wagtailadmin.EditingSession",
                    "wagtailadmin.FormState",
                    "wagtailcore.APIToken",
                    "wagtailcore.ModelLogEntry",
                    "wagtailcore.PageLogEntry",
                    "wagtailcore.Revision",
                    "wagtailcore.UploadedFile",
                    "wagtailcore.WorkflowState",
                    "wagtailcore.TaskState",
                    "wagtailcore.Page",
                    "wagtailcore.Comment",
                    "wagtailcore.CommentReply",
                    "wagtailcore.PageSubscription",
                    "wagtaildocs.Document",
                    "wagtailimages.Image",
                )
            ),
            export=_wagtail_export,
            erase=_wagtail_erase,
            note="Editorial content stays without the author link; action logs keep the number.",
            staff_only=True,
        )
    )
    privacy.register(
        LogEntry,
        name="admin.log_entries",
        description=_("Wijzigingen die u als beheerder in Django-beheer maakte"),
        staff_only=True,
    )
