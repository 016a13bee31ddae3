"""Wagtail hooks of the courses: the lesson gate before a lesson is served, and the providers
as snippets (editors add ROR, JEP, SSV or a municipality once and choose them per course)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import selectors
from .models import LessonPage, Provider, TestAttempt


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "group"
    menu_label = "Aanbieders"
    list_display = ["name", "short_name", "key"]
    search_fields = ["name", "short_name"]


register_snippet(ProviderViewSet)


@hooks.register("before_serve_page")
def lesson_gate_check(page, request, serve_args, serve_kwargs):
    """Lessons are for enrolled learners who took the pre-test where there is one.

    Wagtail calls this before it serves a page, never for an editor's preview (which shows the
    lesson as a guest would). It reads the gate and writes nothing: see ``selectors.lesson_gate``.
    """
    if not isinstance(page, LessonPage):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    gate = selectors.lesson_gate(user=request.user, lesson=page)
    if gate == selectors.NOT_ENROLLED:
        messages.info(request, _("Schrijf u eerst in voor deze cursus om de lessen te volgen."))
        return redirect(selectors.course_of(page).url)
    if gate == selectors.PRE_TEST_FIRST:
        messages.info(request, _("Maak eerst de voortoets. Zo ziet u straks wat u hebt geleerd."))
        return redirect("courses:test", selectors.course_of(page).pk, TestAttempt.PRE)
    return None
