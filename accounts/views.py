"""Profile, "Mijn gegevens" (export) and account deletion. Views only call selectors/services."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import privacy
from .decorators import reauthentication_required
from .forms import AccountDeleteForm, ProfileForm
from .personal_data_summary import personal_data_summary
from .selectors import profile_get
from .services import (
    AuditAction,
    account_erase,
    audit_event_record,
    personal_data_export,
    profile_update,
)
from .sessions import LANGUAGE_KEY


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_view(request: HttpRequest) -> HttpResponse:
    profile = profile_get(user=request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            profile_update(user=request.user, **form.cleaned_data)
            request.session.pop(LANGUAGE_KEY, None)  # the next request reads the new choice
            messages.success(request, _("Uw profiel is opgeslagen."))
            return redirect("accounts:profile")
        status = 400
    else:
        status = 200
    context = {"form": form, "error_fields": [field for field in form if field.errors]}
    return TemplateResponse(request, "accounts/profile.html", context, status=status)


@never_cache
@login_required
def my_data_view(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "accounts/my_data.html", {"providers": privacy.providers_for(user=request.user)}
    )


@never_cache
@login_required
@reauthentication_required
def my_data_download_view(request: HttpRequest) -> HttpResponse:
    """The readable Dutch summary, with the JSON file one click on (``?formaat=json``).

    After the password question the browser used to receive the file straight away and stayed
    on "Toegang bevestigen", as if nothing had happened; now it lands on the summary, which
    says the data is ready and offers the file.
    """
    data = personal_data_export(user=request.user)
    audit_event_record(
        actor=request.user,
        action=AuditAction.PERSONAL_DATA_EXPORTED,
        target_type="user",
        target_id=request.user.pk,
    )
    if request.GET.get("formaat") != "json":
        context = {
            "sections": personal_data_summary(user=request.user, data=data),
            "generated_at": timezone.now(),
        }
        return TemplateResponse(request, "accounts/my_data_summary.html", context)
    filename = f"weerbaar-mijn-gegevens-{timezone.localdate().isoformat()}.json"
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@reauthentication_required(allow_get=True)
def account_delete_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = AccountDeleteForm(request.POST if request.method == "POST" else None, user=user)
    refused = user.is_superuser
    if request.method == "POST" and not refused and form.is_valid():
        account_erase(user=user, choices=form.erasure_choices())
        # The account is gone: end what is left of this session without the logout signal,
        # which would record an event for a user that no longer exists.
        request.session.flush()
        request.user = AnonymousUser()
        messages.success(request, _("Uw account en uw gegevens zijn verwijderd."))
        return redirect("/")
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "refused": refused,
        "error_fields": [field for field in form if field.errors],
    }
    return TemplateResponse(request, "accounts/account_delete.html", context, status=status)
