"""Learner views. Every form works without JavaScript; the JSON API in ``api.py`` enhances them.

Views only parse input, call a service or selector and choose a response. A learner can only
ever reach their own records: objects are looked up together with ``request.user``.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.restrictions import pages_public

from .. import selectors, services
from ..certificates import certificate_filename, certificate_pdf
from ..models import CoursePage, LessonPage, TestAttempt
from ..selectors.cohorts import memberships_for_learner
from ..shuffle import options_ordered, shuffle_seed
from . import private


def _no_store(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, no_store=True, private=True)
    return response


MAX_ID = 2**31 - 1


def _lesson_for(lesson_id: int) -> LessonPage:
    if not 0 < lesson_id <= MAX_ID:
        raise Http404
    return get_object_or_404(pages_public(LessonPage.objects.live()), pk=lesson_id)


def _not_ready(request, lesson: LessonPage, error) -> HttpResponse:
    """Not enrolled, or the pre-test comes first: say so on the page that fixes it."""
    messages.error(request, error.message)
    course = selectors.course_of(lesson)
    if isinstance(error, services.PreTestFirst):
        return redirect("courses:test", course.pk, TestAttempt.PRE)
    return redirect(course.url)


def _lesson_rerender(
    request, lesson: LessonPage, *, errors: dict[str, str], anchor: str = "vraag"
) -> HttpResponse:
    """Show the lesson again with the learner's input errors next to the block they belong to."""
    context = lesson.get_context(request)
    context["block_errors"] = errors
    context["error_summary"] = [(f"{anchor}-{key}", message) for key, message in errors.items()]
    response = TemplateResponse(request, lesson.get_template(request), context, status=400)
    return _no_store(response)


def _lesson_block_write(
    request, lesson_id: int, *, block_id: str, anchor: str, write, done="", target=""
):
    """Run one learner write for a lesson block, then return to that block on the lesson page.

    ``target`` is the fragment to return to (default: the block). Quiz feedback, dilemma
    outcomes and the reflection's "Bewaard op" line are focusable (tabindex -1), so the browser
    moves focus there on the reload and a screen reader reads the feedback, without JavaScript.

    Not enrolled, or the pre-test first: sent where that is fixed. Bad input: the lesson again,
    with the message next to the block.
    """
    lesson = _lesson_for(lesson_id)
    try:
        write(lesson)
    except (services.NotEnrolled, services.PreTestFirst) as error:
        return _not_ready(request, lesson, error)
    except services.LearningError as error:
        return _lesson_rerender(request, lesson, errors={block_id: error.message}, anchor=anchor)
    if done:
        messages.success(request, done)
    return redirect(f"{lesson.url}#{target or f'{anchor}-{block_id}'}")


@private
@login_required
@require_POST
def question_answer_view(request: HttpRequest, lesson_id: int, question_id: str) -> HttpResponse:
    return _lesson_block_write(
        request,
        lesson_id,
        block_id=question_id,
        anchor="vraag",
        target=f"vraag-{question_id}-terugkoppeling",
        write=lambda lesson: services.question_answer(
            user=request.user,
            lesson=lesson,
            question_id=question_id,
            selected=request.POST.getlist("antwoord"),
        ),
    )


@private
@login_required
@require_POST
def dilemma_choice_view(
    request: HttpRequest, lesson_id: int, dilemma_id: str, step_id: str
) -> HttpResponse:
    return _lesson_block_write(
        request,
        lesson_id,
        block_id=step_id,
        anchor="stap",
        target=f"stap-{step_id}-uitkomst",
        write=lambda lesson: services.dilemma_choice_record(
            user=request.user,
            lesson=lesson,
            dilemma_id=dilemma_id,
            step_id=step_id,
            choice_id=request.POST.get("keuze", ""),
        ),
    )


@private
@login_required
@require_POST
def reflection_save_view(request: HttpRequest, lesson_id: int, prompt_id: str) -> HttpResponse:
    return _lesson_block_write(
        request,
        lesson_id,
        block_id=prompt_id,
        anchor="reflectie",
        # The "Bewaard op" line, not the block: the block is not focusable, so the reload left
        # focus on the body and a screen reader heard nothing of the save (issue 16).
        target=f"reflectie-{prompt_id}-bewaard",
        write=lambda lesson: services.reflection_note_save(
            user=request.user,
            lesson=lesson,
            prompt_id=prompt_id,
            text=request.POST.get("notitie", ""),
        ),
        done=_("Uw notitie is bewaard. Alleen u kunt haar lezen."),
    )


@private
@login_required
@require_POST
def lesson_complete_view(request: HttpRequest, lesson_id: int) -> HttpResponse:
    """The button at the end of a lesson: record the end, then go on to what comes next."""
    lesson = _lesson_for(lesson_id)
    try:
        row = services.lesson_progress_record(user=request.user, lesson=lesson, reached_end=True)
    except (services.NotEnrolled, services.PreTestFirst) as error:
        return _not_ready(request, lesson, error)
    if not row.is_complete:
        answered = selectors.answered_question_ids(user=request.user, lesson=lesson)
        missing = [qid for qid in lesson.question_ids() if qid not in answered]
        errors = dict.fromkeys(missing, _("Beantwoord deze vraag om de les af te ronden."))
        return _lesson_rerender(request, lesson, errors=errors)
    overview = selectors.course_overview(course=selectors.course_of(lesson), user=request.user)
    if overview.is_complete:
        messages.success(request, _("Gefeliciteerd, u hebt de cursus afgerond."))
        return redirect(overview.course.url + "#certificaat")
    return redirect(overview.resume_url or overview.course.url)


@private
@login_required
@require_POST
def enrol_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(pages_public(CoursePage.objects.live()), pk=course_id)
    services.enrolment_create(user=request.user, course=course)
    overview = selectors.course_overview(course=course, user=request.user)
    messages.success(request, _("U bent ingeschreven. U kunt meteen beginnen."))
    return redirect(overview.resume_url or course.url)


@private
@login_required
def test_view(request: HttpRequest, course_id: int, kind: str) -> HttpResponse:
    """The pre-test or final test as one form of fieldsets; results appear after submitting."""
    course = get_object_or_404(CoursePage.objects.live().select_related("provider"), pk=course_id)
    if kind not in (TestAttempt.PRE, TestAttempt.FINAL):
        raise Http404
    questions = course.pre_test_questions if kind == TestAttempt.PRE else course.final_test
    if not questions:
        raise Http404
    overview = selectors.course_overview(course=course, user=request.user)
    if not overview.is_enrolled:
        messages.info(request, _("Schrijf u eerst in voor deze cursus."))
        return redirect(course.url)
    if kind == TestAttempt.PRE and overview.pre_attempt is not None:
        return _test_response(
            request, course, kind, questions, overview, attempt=overview.pre_attempt
        )
    if kind == TestAttempt.FINAL and not overview.all_lessons_done:
        messages.info(request, _("De eindtoets gaat open als u alle lessen hebt afgerond."))
        return redirect(course.url)
    errors: dict[str, str] = {}
    form_error = ""
    selected: dict[str, list[str]] = {}
    attempt = None
    status = 200
    if request.method == "POST":
        selected = {block.id: request.POST.getlist(f"vraag-{block.id}") for block in questions}
        try:
            attempt = services.assessment_submit(
                user=request.user,
                course=course,
                kind=kind,
                token=request.POST.get("token", ""),
                answers=selected,
            )
        except services.LearningError as error:
            errors = getattr(error, "errors", None) or {}
            form_error = "" if errors else error.message
            status = 400
        else:
            return redirect(reverse("courses:test_result", args=[course.pk, kind, attempt.token]))
    return _test_response(
        request,
        course,
        kind,
        questions,
        overview,
        errors=errors,
        form_error=form_error,
        selected=selected,
        status=status,
    )


@private
@login_required
def test_result_view(request: HttpRequest, course_id: int, kind: str, token) -> HttpResponse:
    attempt = get_object_or_404(
        TestAttempt.objects.select_related("course"),
        user=request.user,
        course_id=course_id,
        kind=kind,
        token=token,
    )
    course = CoursePage.objects.select_related("provider").get(pk=attempt.course_id)
    questions = course.pre_test_questions if kind == TestAttempt.PRE else course.final_test
    overview = selectors.course_overview(course=course, user=request.user)
    return _test_response(request, course, kind, questions or [], overview, attempt=attempt)


def _test_response(
    request,
    course,
    kind,
    questions,
    overview,
    *,
    attempt=None,
    errors=None,
    form_error="",
    selected=None,
    status=200,
) -> HttpResponse:
    # The attempt this form is for: the same until it is submitted, so a reload or the form shown
    # again with errors keeps the order; the next attempt gets a new one.
    attempt_number = len(overview.final_attempts) if kind == TestAttempt.FINAL else 0
    seed = shuffle_seed(
        user_id=request.user.pk, scope=f"course-{course.pk}-{kind}", attempt=attempt_number
    )
    ordered = {
        block.id: options_ordered(
            options=block.value["options"].bound_blocks, seed=seed, question_id=block.id
        )
        for block in questions
    }
    context = {
        "page": course,
        "course": course,
        "kind": kind,
        "questions": questions,
        "ordered_options": ordered,
        "overview": overview,
        "attempt": attempt,
        "errors": errors or {},
        "form_error": form_error,
        "selected": selected or {},
        "token": uuid.uuid4(),
        "is_pre": kind == TestAttempt.PRE,
    }
    return TemplateResponse(request, "courses/course_test.html", context, status=status)


@private
@login_required
@require_POST
def certificate_issue_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(
        pages_public(CoursePage.objects.live()).select_related("provider"), pk=course_id
    )
    try:
        services.certificate_issue(
            user=request.user, course=course, holder_name=request.POST.get("naam", "")
        )
    except services.LearningError as error:
        overview = selectors.course_overview(course=course, user=request.user)
        context = course.get_context(request)
        context.update({"overview": overview, "certificate_error": error.message})
        response = TemplateResponse(request, course.get_template(request), context, status=400)
        return _no_store(response)
    messages.success(request, _("Uw certificaat staat klaar."))
    return redirect(course.url + "#certificaat")


@private
@login_required
def certificate_download_view(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.certificate_for_owner(code=code, user=request.user)
    if certificate is None:
        raise Http404
    verify_url = request.build_absolute_uri(reverse("courses:verify", args=[certificate.code]))
    response = HttpResponse(
        certificate_pdf(certificate=certificate, verify_url=verify_url),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(certificate)}"'
    return response


def certificate_verify_view(request: HttpRequest, code: str) -> HttpResponse:
    """Public: is this certificate valid? Shows name, course, date and status, nothing else."""
    certificate = selectors.certificate_by_code(code=code)
    response = TemplateResponse(
        request,
        "courses/certificate_verify.html",
        {"certificate": certificate, "status": certificate.status() if certificate else None},
        status=200 if certificate else 404,
    )
    patch_cache_control(response, no_cache=True, private=True)
    return response


@private
@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "courses/dashboard.html",
        {
            "dashboard": selectors.learner_dashboard(user=request.user),
            "memberships": memberships_for_learner(user=request.user),
        },
    )


@private
@login_required
@require_POST
def certificate_reminders_view(request: HttpRequest) -> HttpResponse:
    """Turn the reminders about expiring certificates off or on (a plain form, no JavaScript)."""
    opt_out = request.POST.get("herinneringen") == "uit"
    services.certificate_reminders_set(user=request.user, opt_out=opt_out)
    messages.success(
        request,
        _("U krijgt geen herinneringen meer over uw certificaten.")
        if opt_out
        else _("U krijgt weer een herinnering voordat een certificaat verloopt."),
    )
    return redirect(reverse("courses:dashboard") + "#certificaten")
