"""The taxonomy is a fixed set editors may rename; source links must be web addresses."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Domain, EvidenceLevel, Phase, Role, Theme
from core.models.taxonomy import ROLES
from kennisbank.blocks import SourceBlock

# --- Taxonomy admin ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_lists_roles_and_may_rename_one_but_not_its_slug(admin_client):
    listing_url = reverse("wagtailsnippets_core_role:list")
    response = admin_client.get(listing_url)
    assert response.status_code == 200
    html = response.content.decode()
    for _, label in ROLES:
        assert label in html
    assert reverse("wagtailsnippets_core_role:add") not in html

    role = Role.objects.get(slug="docent")
    edit_url = reverse("wagtailsnippets_core_role:edit", args=[role.pk])
    assert admin_client.get(edit_url).status_code == 200
    response = admin_client.post(edit_url, {"label": "Leraar", "slug": "leraar"})
    assert response.status_code == 302
    role.refresh_from_db()
    assert (role.label, role.slug) == ("Leraar", "docent")
    assert Role.objects.count() == len(ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Role, Domain, Phase, Theme, EvidenceLevel])
def test_admin_can_neither_add_nor_delete_terms(admin_client, model):
    name = model._meta.model_name
    count = model.objects.count()
    add_url = reverse(f"wagtailsnippets_core_{name}:add")
    # FixedSetPermissionPolicy denies "add" even to a superuser: Wagtail redirects to the dashboard.
    response = admin_client.get(add_url)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    response = admin_client.post(add_url, {"label": "Nieuw", "description": "Nieuw niveau."})
    assert response.status_code == 302
    term = model.objects.first()
    delete_url = reverse(f"wagtailsnippets_core_{name}:delete", args=[term.pk])
    assert admin_client.post(delete_url).status_code == 302
    assert model.objects.count() == count
    assert model.objects.filter(pk=term.pk).exists()


# --- Block validation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["ftp://example.org/rapport.pdf", "javascript:alert(1)", "mailto:info@example.org"]
)
def test_source_block_rejects_addresses_that_are_not_web_links(url):
    block = SourceBlock()
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python({"title": "Rapport", "url": url}))
    assert "url" in caught.value.block_errors


@pytest.mark.parametrize("url", ["https://example.org/rapport", "http://example.org/r", ""])
def test_source_block_accepts_web_links_and_no_link(url):
    block = SourceBlock()
    value = block.clean(block.to_python({"title": "Rapport", "url": url}))
    assert value["title"] == "Rapport" and value["url"] == url
