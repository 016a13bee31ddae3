"""JSON API for the enhanced lesson page: record progress and answer quiz questions.

It needs a session and a CSRF token (the lesson page's own), reads and writes only the requesting
learner's rows, and answers every mistake with a 4xx JSON message, changing nothing.
"""

from __future__ import annotations

import json
from functools import wraps

from django import forms
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.http import json_error
from core.json_forms import (
    JSONBooleanField,
    JSONListField,
    JSONNumberField,
    JSONTextField,
    json_form_clean,
)
from core.restrictions import pages_public

from . import selectors, services
from .models import LessonPage

MAX_BODY_BYTES = 16 * 1024
# Our bodies nest two levels ({"options": [...]}); Python's parser recurses per level and a few
# thousand brackets under the size limit raise RecursionError (a 500). Checked before parsing.
MAX_JSON_DEPTH = 8


def _json_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in ``raw``, brackets inside strings excepted."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    break
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def api_login_required(view):
    """A JSON 401 instead of a redirect to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return json_error(message=_("Meld u aan."), status=401)
        return view(request, *args, **kwargs)

    return wrapper


def _json_body(request: HttpRequest) -> dict:
    if len(request.body) > MAX_BODY_BYTES:
        raise services.LearningError(_("Het verzoek is te groot."))
    if _json_depth(request.body) > MAX_JSON_DEPTH:
        raise services.LearningError(
            _("Het verzoek is te diep genest (hoogstens %(max)d niveaus).")
            % {"max": MAX_JSON_DEPTH}
        )
    try:
        data = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        raise services.LearningError(_("Het verzoek is geen geldige JSON.")) from None
    if not isinstance(data, dict):
        raise services.LearningError(_("Het verzoek moet een JSON-object zijn."))
    return data


class ProgressBody(forms.Form):
    """POST /api/v1/progress/: where the learner is in a lesson and how long a view took."""

    lesson = JSONNumberField(whole=True, required=True, min_value=1, max_value=2**31 - 1)
    progress = JSONNumberField()
    reached_end = JSONBooleanField()
    view = JSONTextField(max_length=1000)  # the service refuses ids over 40 characters
    seconds = JSONNumberField(whole=True)


class AnswerBody(forms.Form):
    """POST /api/v1/answers/: the options chosen for one question."""

    lesson = JSONNumberField(whole=True, required=True, min_value=1, max_value=2**31 - 1)
    question = JSONTextField(required=True)
    options = JSONListField(required=True)


def _body(request: HttpRequest, form_class: type[forms.Form]) -> tuple[dict, LessonPage]:
    """The validated body and its live lesson; a wrong one raises an ``ApplicationError``."""
    data = json_form_clean(form_class=form_class, data=_json_body(request))
    # The same lookup as the lesson forms: live, and not behind a view restriction.
    lesson = pages_public(LessonPage.objects.live()).filter(pk=data["lesson"]).first()
    if lesson is None:
        raise services.LearningError(_("Deze les bestaat niet."), field="lesson")
    return data, lesson


def _progress_json(row) -> dict:
    return {
        "lesson": row.lesson_id,
        "progress": row.progress,
        "reached_end": row.reached_end,
        "time_spent_seconds": row.time_spent_seconds,
        "completed": row.is_complete,
        "completed_at": row.first_completed_at.isoformat() if row.first_completed_at else None,
    }


@never_cache
@api_login_required
@require_POST
def progress_record_api(request: HttpRequest) -> JsonResponse:
    """POST {"lesson": id, "progress": 0-1, "reached_end": bool, "view": str, "seconds": int}."""
    data, lesson = _body(request, ProgressBody)
    row = services.lesson_progress_record(
        user=request.user,
        lesson=lesson,
        progress=data["progress"],
        reached_end=data["reached_end"],
        view_id=data["view"],
        view_seconds=data["seconds"],
    )
    return JsonResponse(_progress_json(row))


@never_cache
@api_login_required
@require_GET
def progress_detail_api(request: HttpRequest, lesson_id: int) -> JsonResponse:
    """The requesting learner's progress in one lesson; there is no way to ask for anyone else's."""
    row = (
        selectors.lesson_progress_for(user=request.user, lesson_id=lesson_id)
        if 0 < lesson_id < 2**31
        else None
    )
    if row is None:
        return json_error(message=_("Geen voortgang gevonden."), status=404)
    return JsonResponse(_progress_json(row))


@never_cache
@api_login_required
@require_POST
def answer_api(request: HttpRequest) -> JsonResponse:
    """POST {"lesson": id, "question": block id, "options": [option ids]}: feedback per option."""
    data, lesson = _body(request, AnswerBody)
    question_id = data["question"]
    response = services.question_answer(
        user=request.user, lesson=lesson, question_id=question_id, selected=data["options"]
    )
    block = next(b for b in lesson.body if b.id == question_id)
    chosen = set(response.answer["selected"])
    feedback = [
        {
            "option": item.id,
            "correct": item.value["correct"],
            "feedback": item.value["feedback"],
        }
        for item in block.value["options"].bound_blocks
        if item.id in chosen
    ]
    row = selectors.lesson_progress_for(user=request.user, lesson_id=lesson.pk)
    return JsonResponse(
        {
            "question": question_id,
            "correct": response.is_correct,
            "attempts": response.attempts,
            "feedback": feedback,
            "explanation": block.value["explanation"],
            "lesson_completed": bool(row and row.is_complete),
        }
    )
