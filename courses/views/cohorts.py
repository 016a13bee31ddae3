"""The learner's side of cohorts: join with a code or an invitation link, leave, and choose
reminders. The trainer's side is in ``trainer``.

Wrong codes and links count per user (``COHORT_JOIN_MISS_RATE_LIMIT``), so codes cannot be found
by trying; past the limit even a right code waits.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.rate_limit import rate_limit_consume

from .. import services
from ..models import Cohort
from ..selectors.cohorts import cohort_by_code
from . import private

JOIN_MISSES_MESSAGE = gettext_lazy(
    "U hebt te vaak een code of link gebruikt die we niet kennen. Probeer het over een uur "
    "opnieuw, of vraag uw trainer om de juiste code."
)


def _join_misses_within(request: HttpRequest, *, count: bool) -> bool:
    """Whether this user's wrong join codes and links are within COHORT_JOIN_MISS_RATE_LIMIT;
    ``count=True`` counts one more. Only misses count, and past the limit even a right code is
    refused, or a guesser would learn from which ones get through."""
    return rate_limit_consume(
        scope="cohort-join-miss",
        client=f"user:{request.user.pk}",
        rate=settings.COHORT_JOIN_MISS_RATE_LIMIT,
        count=count,
    )


@private
@login_required
def cohort_code_view(request: HttpRequest) -> HttpResponse:
    """Enter a join code; it leads to the same consent page as the invitation link."""
    error, status = "", 200
    if request.method == "POST":
        if not _join_misses_within(request, count=False):
            error, status = JOIN_MISSES_MESSAGE, 429
        else:
            cohort = cohort_by_code(code=request.POST.get("code", ""))
            if cohort is not None:
                return redirect("courses:cohort_join", cohort.invite_token)
            _join_misses_within(request, count=True)
            error, status = _("Deze code kennen we niet. Controleer de code bij uw trainer."), 400
    return TemplateResponse(request, "courses/cohort_code.html", {"error": error}, status=status)


@private
@login_required
def cohort_join_view(request: HttpRequest, token: str) -> HttpResponse:
    if not _join_misses_within(request, count=False):
        return TemplateResponse(
            request, "courses/cohort_code.html", {"error": JOIN_MISSES_MESSAGE}, status=429
        )
    cohort = Cohort.objects.select_related("trainer").filter(invite_token=token).first()
    if cohort is None:
        _join_misses_within(request, count=True)
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            services.cohort_join(
                user=request.user, cohort=cohort, consent=request.POST.get("toestemming") == "ja"
            )
        except services.CohortError as exc:
            error = exc.message
        else:
            messages.success(
                request, _("U neemt nu deel aan de groep %(name)s.") % {"name": cohort.name}
            )
            return redirect("courses:dashboard")
    is_member = cohort.memberships.filter(user=request.user).exists()
    return TemplateResponse(
        request,
        "courses/cohort_join.html",
        {
            "cohort": cohort,
            "courses": cohort.courses.live(),
            "error": error,
            "is_member": is_member,
        },
        status=400 if error else 200,
    )


@private
@login_required
@require_POST
def cohort_leave_view(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort, pk=cohort_id, memberships__user=request.user)
    services.cohort_leave(user=request.user, cohort=cohort)
    messages.success(
        request,
        _("U bent uit de groep %(name)s. De trainer ziet uw gegevens niet meer.")
        % {"name": cohort.name},
    )
    return redirect("courses:dashboard")


@private
@login_required
@require_POST
def cohort_reminders_view(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort, pk=cohort_id, memberships__user=request.user)
    opt_out = request.POST.get("herinneringen") == "uit"
    services.membership_reminders_set(user=request.user, cohort=cohort, opt_out=opt_out)
    messages.success(
        request,
        _("U krijgt geen herinneringen meer van deze groep.")
        if opt_out
        else _("U krijgt weer herinneringen van deze groep."),
    )
    return redirect("courses:dashboard")
