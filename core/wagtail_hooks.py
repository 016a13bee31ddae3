"""Admin for the taxonomy: editors can rename terms; slugs and the set of terms stay fixed."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Domain, EvidenceLevel, Phase, Role, Theme


class FixedSetPermissionPolicy(ModelPermissionPolicy):
    """Terms are referenced by slug in URLs, imports and search: no adding or deleting."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class TermViewSet(SnippetViewSet):
    panels = [FieldPanel("label")]
    list_display = ["label", "slug"]
    ordering = ["sort_order"]


class RoleViewSet(TermViewSet):
    model = Role
    icon = "user"


class DomainViewSet(TermViewSet):
    model = Domain
    icon = "folder-open-inverse"


class PhaseViewSet(TermViewSet):
    model = Phase
    icon = "time"


class ThemeViewSet(TermViewSet):
    model = Theme
    icon = "tag"


class EvidenceLevelViewSet(TermViewSet):
    model = EvidenceLevel
    icon = "success"
    panels = [FieldPanel("label"), FieldPanel("description")]


class TaxonomyGroup(SnippetViewSetGroup):
    items = (RoleViewSet, DomainViewSet, PhaseViewSet, ThemeViewSet, EvidenceLevelViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomie")
    menu_name = "taxonomie"


for _model in (Role, Domain, Phase, Theme, EvidenceLevel):
    register_permission_policy(_model, FixedSetPermissionPolicy(_model))
register_snippet(TaxonomyGroup)
