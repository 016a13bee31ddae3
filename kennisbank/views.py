"""Views for professionals who share a practice; reads and writes go through selectors/services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from .forms import PracticeSubmissionForm
from .selectors import practice_submission_list
from .services import SubmissionRateLimited, practice_submission_create

private = cache_control(no_store=True, private=True)


@private
@login_required
def practice_share_view(request: HttpRequest) -> HttpResponse:
    form = PracticeSubmissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            # Look like success so bots learn nothing; nothing is stored.
            messages.success(request, _("Dank u wel. Uw praktijk is ingezonden voor beoordeling."))
            return redirect("kennisbank:my_submissions")
        try:
            practice_submission_create(user=request.user, data=form.cleaned_data)
        except SubmissionRateLimited:
            form.add_error(
                None,
                _(
                    "U hebt de afgelopen tijd al meerdere praktijken ingezonden. Probeer het later opnieuw."
                ),
            )
            return _share_response(request, form, status=429)
        messages.success(request, _("Dank u wel. Uw praktijk is ingezonden voor beoordeling."))
        return redirect("kennisbank:my_submissions")
    status = 400 if request.method == "POST" else 200
    return _share_response(request, form, status=status)


def _share_response(
    request: HttpRequest, form: PracticeSubmissionForm, *, status: int
) -> HttpResponse:
    context = {"form": form, "error_fields": [field for field in form if field.errors]}
    return TemplateResponse(request, "kennisbank/practice_share.html", context, status=status)


@private
@login_required
def my_submissions_view(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "kennisbank/my_submissions.html",
        {"submissions": practice_submission_list(user=request.user)},
    )
