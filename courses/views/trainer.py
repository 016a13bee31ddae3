"""Trainer pages (``/trainer/``, behind MFA); the learner's side of cohorts is in ``cohorts``.

Every trainer view finds the cohort together with ``request.user`` as its trainer, so another
trainer's cohort is a 404; every view of learner data writes an audit record.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import reauthentication_required
from accounts.services import audit_event_record

from .. import services
from ..models import Cohort, CoursePage
from ..selectors.cohorts import (
    cohort_for_trainer,
    cohort_report,
    cohorts_for_trainer,
    user_is_trainer,
)
from . import private


def trainer_required(view):
    """Signed in and in the Trainers group; anyone else gets a 403, which
    PermissionDeniedAuditMiddleware records like every other refusal."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not user_is_trainer(user=request.user):
            return TemplateResponse(request, "403.html", {}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


class CohortForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Naam van de groep"), max_length=120)
    organisation = forms.CharField(
        label=gettext_lazy("Organisatie"), max_length=160, required=False
    )
    courses = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Cursussen"),
        queryset=CoursePage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    start_date = forms.DateField(
        label=gettext_lazy("Startdatum"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    end_date = forms.DateField(
        label=gettext_lazy("Einddatum"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    inactive_after_days = forms.IntegerField(
        label=gettext_lazy("Inactief na (dagen)"), min_value=1, max_value=365, initial=14
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = CoursePage.objects.live().order_by("title")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt voor de startdatum."))
        return cleaned


@private
@trainer_required
def trainer_home_view(request: HttpRequest) -> HttpResponse:
    form = CohortForm(request.POST or None, initial={"start_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cohort = services.cohort_create(
                trainer=request.user,
                name=data["name"],
                organisation=data["organisation"],
                courses=list(data["courses"]),
                start_date=data["start_date"],
                end_date=data["end_date"],
                inactive_after_days=data["inactive_after_days"],
            )
        except services.CohortError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("De groep is aangemaakt. Deel de link of de code."))
            return redirect("courses:trainer_cohort", cohort.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "courses/trainer_home.html",
        {"form": form, "cohorts": cohorts_for_trainer(trainer=request.user)},
        status=status,
    )


def _cohort_and_course(request, cohort_id: int) -> tuple[Cohort, CoursePage]:
    cohort = cohort_for_trainer(trainer=request.user, cohort_id=cohort_id)
    if cohort is None:
        audit_event_record(
            actor=request.user,
            action="cohort.denied",
            target_type="cohort",
            target_id=cohort_id,
            result="denied",
        )
        raise Http404
    courses = list(cohort.courses.order_by("title"))
    chosen = request.GET.get("cursus")
    course = next((c for c in courses if str(c.pk) == chosen), courses[0] if courses else None)
    if course is None:
        raise Http404
    return cohort, course


@private
@trainer_required
def cohort_dashboard_view(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort, course = _cohort_and_course(request, cohort_id)
    report = cohort_report(cohort=cohort, course=course, page=request.GET.get("pagina", 1))
    audit_event_record(
        actor=request.user, action="cohort.viewed", target_type="cohort", target_id=cohort.pk
    )
    invite_url = request.build_absolute_uri(
        reverse("courses:cohort_join", args=[cohort.invite_token])
    )
    return TemplateResponse(
        request,
        "courses/cohort_dashboard.html",
        {
            "cohort": cohort,
            "course": course,
            "courses": list(cohort.courses.order_by("title")),
            "report": report,
            "invite_url": invite_url,
        },
    )


def _export_rows(report, kind: str) -> tuple[list[str], list[list]]:
    if kind == "items":
        header = [_("Nr."), _("Les"), _("Vraag"), _("Antwoorden"), _("Goed bij eerste poging"), _("Foute opties (aantal keer gekozen)")]  # fmt: skip
        rows = [
            [
                item.number,
                item.lesson,
                item.question,
                item.respondents,
                _("te weinig deelnemers") if item.suppressed else f"{item.share_correct:.0%}",
                ""
                if item.suppressed
                else "; ".join(f"{text} ({count})" for text, count in item.wrong_options),
            ]
            for item in report.items
        ]
        return header, rows
    header = [_("Deelnemer")] + [lesson.title for lesson in report.lessons] + [_("Cursus afgerond")]
    state = {
        "complete": _("afgerond"),
        "in_progress": _("bezig"),
        "not_started": _("niet begonnen"),
    }
    rows = []
    for row in report.matrix.object_list:
        cells = [
            f"{state[c['state']]} {c['date'].date().isoformat()}"
            if c["date"]
            else state[c["state"]]
            for c in row.cells
        ]
        done = row.completed_at.date().isoformat() if row.completed_at else ""
        rows.append([row.name, *cells, done])
    return header, rows


def _safe_cell(value):
    """Keep spreadsheet programs from running a learner-chosen name as a formula.

    Spreadsheets skip leading spaces and invisible characters (a zero-width space, a BOM, a
    control character) before they look for "=", so the test looks past them too."""
    if not isinstance(value, str):
        return value
    visible = value.lstrip()
    while visible and (unicodedata.category(visible[0]) in ("Cf", "Cc", "Zs", "Zl", "Zp")):
        visible = visible[1:].lstrip()
    if value[:1] in ("\t", "\r") or visible[:1] in ("=", "+", "-", "@", "\uff1d", "\ufe66"):
        return "'" + value
    return value


@private
@trainer_required
def cohort_export_view(request: HttpRequest, cohort_id: int, kind: str, fmt: str) -> HttpResponse:
    if kind not in ("matrix", "items") or fmt not in ("csv", "xlsx"):
        raise Http404
    # Another trainer's cohort is a 404 before any password is asked: the question itself
    # would tell them the cohort exists.
    cohort, course = _cohort_and_course(request, cohort_id)
    return _cohort_export(request, cohort=cohort, course=course, kind=kind, fmt=fmt)


@reauthentication_required
def _cohort_export(
    request: HttpRequest, *, cohort: Cohort, course: CoursePage, kind: str, fmt: str
) -> HttpResponse:
    """The file, once the trainer signed in or confirmed their password (or authenticator
    code) less than ACCOUNT_REAUTHENTICATION_TIMEOUT ago; allauth asks and then comes back."""
    # The export holds every learner, not one page of the matrix.
    report = cohort_report(cohort=cohort, course=course, page_size=10_000_000)
    audit_event_record(
        actor=request.user,
        action=f"cohort.exported.{kind}",
        target_type="cohort",
        target_id=cohort.pk,
    )
    header, rows = _export_rows(report, kind)
    filename = f"groep-{cohort.pk}-{course.slug}-{kind}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header)
        writer.writerows([[_safe_cell(v) for v in row] for row in rows])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=kind)
        sheet.append(header)
        for row in rows:
            sheet.append([_safe_cell(v) for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@private
@trainer_required
@require_POST
def cohort_remind_view(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort, course = _cohort_and_course(request, cohort_id)
    try:
        count = services.cohort_reminders_send(trainer=request.user, cohort=cohort, course=course)
    except services.ReminderTooSoon as error:
        messages.error(request, error.message)
    else:
        audit_event_record(
            actor=request.user, action="cohort.reminded", target_type="cohort", target_id=cohort.pk
        )
        messages.success(
            request,
            ngettext(
                "Er gaat een herinnering naar %(count)d inactieve deelnemer.",
                "Er gaat een herinnering naar %(count)d inactieve deelnemers.",
                count,
            )
            % {"count": count},
        )
    return redirect(reverse("courses:trainer_cohort", args=[cohort.pk]) + f"?cursus={course.pk}")
