"""The audit trail in the Wagtail admin: administrators (superusers) read it, nobody edits it."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import AuditEvent


class AdministratorReadOnlyPolicy(BasePermissionPolicy):
    """Only active superusers may view; nobody may add, change or delete (not even them)."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


register_permission_policy(AuditEvent, AdministratorReadOnlyPolicy(AuditEvent))


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("Audit-log")
    add_to_admin_menu = True
    # Events hold no references to other objects; skip the per-save reference indexing.
    add_to_reference_index = False
    menu_order = 900
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["created_at", "action", "result", "actor_id", "target_type", "target_id"]
    list_filter = ["action", "result"]
    search_fields = None
    list_export = ["created_at", "action", "result", "actor_id", "target_type", "target_id"]
    ordering = ["-created_at", "-id"]
    form_fields = []
    inspect_view_fields = list_display


@hooks.register("register_admin_viewset")
def register_audit_event_viewset():
    return AuditEventViewSet("audit_events")


@hooks.register("before_delete_user")
def erase_personal_data_before_user_deletion(request, user):
    """An administrator deleting an account in the admin runs the same erasers as "Mijn
    gegevens", so providers can unlink (not just cascade-delete) what should outlive it.
    The hook also runs for the confirmation page (GET); only the POST erases."""
    if request.method != "POST":
        return None
    from .services import AuditAction, audit_event_record, personal_data_erase

    personal_data_erase(user=user)
    audit_event_record(
        actor=request.user, action=AuditAction.ACCOUNT_ERASED, target_type="user", target_id=user.pk
    )
    return None
