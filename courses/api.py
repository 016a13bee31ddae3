"""JSON API for the enhanced lesson page: record progress and answer quiz questions.

It needs a session and a CSRF token (the lesson page's own), reads and writes only the requesting
learner's rows, and answers every mistake with a 4xx JSON message, changing nothing.
"""

from __future__ import annotations

import json
import math
from functools import wraps

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

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


def _error(message: str, *, status: int = 400, field: str | None = None) -> JsonResponse:
    body = {"error": message}
    if field:
        body["field"] = field
    return JsonResponse(body, status=status)


def api_login_required(view):
    """A JSON 401 instead of a redirect to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _error(_("Meld u aan."), status=401)
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


def _lesson(data: dict) -> LessonPage:
    lesson_id = data.get("lesson")
    if not isinstance(lesson_id, int) or isinstance(lesson_id, bool) or not 0 < lesson_id < 2**31:
        raise services.LearningError(_("Geef het nummer van de les."), field="lesson")
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        raise services.LearningError(_("Deze les bestaat niet."), field="lesson")
    return lesson


def _number(data: dict, key: str, *, kind=float):
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise services.LearningError(_("'%(key)s' moet een getal zijn.") % {"key": key}, field=key)
    if kind is int and value != int(value):
        raise services.LearningError(
            _("'%(key)s' moet een geheel getal zijn.") % {"key": key}, field=key
        )
    return kind(value)


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
    try:
        data = _json_body(request)
        lesson = _lesson(data)
        view_id = data.get("view", "")
        if not isinstance(view_id, str) or "\x00" in view_id:
            raise services.LearningError(_("Ongeldige weergave."), field="view")
        reached_end = data.get("reached_end", False)
        if not isinstance(reached_end, bool):
            raise services.LearningError(
                _("'reached_end' moet true of false zijn."), field="reached_end"
            )
        row = services.lesson_progress_record(
            user=request.user,
            lesson=lesson,
            progress=_number(data, "progress"),
            reached_end=reached_end,
            view_id=view_id,
            view_seconds=_number(data, "seconds", kind=int),
        )
    except (services.NotEnrolled, services.PreTestFirst) as error:
        return _error(error.message, status=403)
    except services.LearningError as error:
        return _error(error.message, field=error.field)
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
        return _error(_("Geen voortgang gevonden."), status=404)
    return JsonResponse(_progress_json(row))


@never_cache
@api_login_required
@require_POST
def answer_api(request: HttpRequest) -> JsonResponse:
    """POST {"lesson": id, "question": block id, "options": [option ids]}: feedback per option."""
    try:
        data = _json_body(request)
        lesson = _lesson(data)
        question_id = data.get("question")
        if not isinstance(question_id, str):
            raise services.LearningError(_("Geef de vraag op."), field="question")
        options = data.get("options")
        if not isinstance(options, list):
            raise services.LearningError(
                _("Geef de gekozen antwoorden als lijst."), field="options"
            )
        response = services.question_answer(
            user=request.user, lesson=lesson, question_id=question_id, selected=options
        )
    except (services.NotEnrolled, services.PreTestFirst) as error:
        return _error(error.message, status=403)
    except services.LearningError as error:
        return _error(error.message, field=error.field)
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
