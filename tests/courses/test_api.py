"""The progress API: login, CSRF, own records only, and 4xx JSON for bad input."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import LessonProgress, QuestionResponse
from courses.services import enrolment_create, lesson_progress_record

pytestmark = pytest.mark.django_db

PROGRESS = reverse("courses:api_progress")
ANSWER = reverse("courses:api_answer")


def post(client, url, body):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def api(client, learner, enrolled):
    client.force_login(learner)
    return client


def test_records_progress_and_answers_with_feedback(api, lessons):
    response = post(
        api, PROGRESS, {"lesson": lessons[0].pk, "progress": 0.4, "view": "v1", "seconds": 12}
    )
    assert response.status_code == 200
    assert response.json()["progress"] == 0.4
    assert response.json()["time_spent_seconds"] == 12

    response = post(api, ANSWER, {"lesson": lessons[0].pk, "question": "q1", "options": ["q1-b"]})
    body = response.json()
    assert response.status_code == 200
    assert body["correct"] is False
    assert body["feedback"] == [
        {"option": "q1-b", "correct": False, "feedback": "Terugkoppeling b"}
    ]
    assert body["explanation"] == "Uitleg bij q1."


def test_retried_request_changes_nothing(api, lessons, learner):
    payload = {
        "lesson": lessons[1].pk,
        "progress": 1,
        "reached_end": True,
        "view": "v1",
        "seconds": 30,
    }
    first = post(api, PROGRESS, payload).json()
    second = post(api, PROGRESS, payload).json()
    assert first == second
    assert LessonProgress.objects.filter(user=learner, lesson=lessons[1]).count() == 1
    assert second["completed"] is True and second["time_spent_seconds"] == 30


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"lesson": 999999, "progress": 0.5}, "lesson"),
        ({"lesson": "1", "progress": 0.5}, "lesson"),
        ({"progress": 0.5}, "lesson"),
        ({"lesson": None, "progress": 1.5}, "lesson"),
        ({"lesson": "LESSON", "progress": 1.5}, "progress"),
        ({"lesson": "LESSON", "progress": -0.1}, "progress"),
        ({"lesson": "LESSON", "progress": "half"}, "progress"),
        ({"lesson": "LESSON", "progress": True}, "progress"),
        ({"lesson": "LESSON", "seconds": 2.5, "view": "v"}, "seconds"),
        ({"lesson": "LESSON", "seconds": -1, "view": "v"}, "seconds"),
        ({"lesson": "LESSON", "reached_end": "yes"}, "reached_end"),
        ({"lesson": "LESSON", "view": 5}, "view"),
        ({"lesson": "LESSON", "view": "a\u0000b", "seconds": 3}, "view"),
        ({"lesson": 10**30, "progress": 0.5}, "lesson"),
        ({"lesson": "LESSON", "seconds": float("inf"), "view": "v"}, "seconds"),
        ({"lesson": "LESSON", "progress": float("nan")}, "progress"),
    ],
)
def test_bad_progress_input_is_a_400_with_a_message(api, lessons, learner, body, field):
    if body.get("lesson") == "LESSON":
        body = {**body, "lesson": lessons[1].pk}
    response = post(api, PROGRESS, body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert response.json().get("field") == field
    assert not LessonProgress.objects.filter(user=learner).exists()


@pytest.mark.parametrize(
    "raw", ["{not json", "[1, 2]", "", '"tekst"', '{"lesson": 1, "seconds": Infinity}']
)
def test_malformed_json_is_a_400(api, raw):
    response = post(api, PROGRESS, raw)
    assert response.status_code == 400
    assert "error" in response.json()


@pytest.mark.parametrize(
    "raw",
    [
        "[" * 5000 + "]" * 5000,  # about 10 KB, under the size limit: RecursionError before
        '{"lesson": 1, "x": ' + "[" * 3000 + "]" * 3000 + "}",
        '{"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": {}}}}}}}}}}',
    ],
)
def test_deeply_nested_json_is_a_400_with_a_message(api, raw, learner):
    response = post(api, PROGRESS, raw)
    assert response.status_code == 400
    assert "te diep genest" in response.json()["error"]
    assert not LessonProgress.objects.filter(user=learner).exists()


def test_brackets_inside_strings_do_not_count_as_nesting(api, lessons):
    body = json.dumps({"lesson": lessons[0].pk, "seconds": 5, "note": "[" * 50})
    response = post(api, PROGRESS, body)
    assert "te diep genest" not in response.content.decode()


@pytest.mark.parametrize(
    "body",
    [
        {"question": "q1", "options": ["q1-a"]},
        {"lesson": "LESSON", "question": "bestaat-niet", "options": ["q1-a"]},
        {"lesson": "LESSON", "question": "q1", "options": "q1-a"},
        {"lesson": "LESSON", "question": "q1", "options": []},
        {"lesson": "LESSON", "question": "q1", "options": ["q1-a", "q1-b"]},
        {"lesson": "LESSON", "question": 7, "options": ["q1-a"]},
    ],
)
def test_bad_answers_are_a_400_and_store_nothing(api, lessons, body):
    if body.get("lesson") == "LESSON":
        body = {**body, "lesson": lessons[0].pk}
    response = post(api, ANSWER, body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not QuestionResponse.objects.exists()


def test_anonymous_gets_401_json(client, lessons):
    response = post(client, PROGRESS, {"lesson": lessons[0].pk, "progress": 0.5})
    assert response.status_code == 401
    assert response.json()["error"]
    assert (
        client.get(reverse("courses:api_progress_detail", args=[lessons[0].pk])).status_code == 401
    )


def test_csrf_token_is_required(learner, lessons, enrolled):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = post(client, PROGRESS, {"lesson": lessons[0].pk, "progress": 0.5})
    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_learner_not_enrolled_gets_403_and_nothing_is_written(client, other_learner, lessons):
    client.force_login(other_learner)
    response = post(client, PROGRESS, {"lesson": lessons[0].pk, "progress": 0.5})
    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_another_learners_progress_is_a_404(
    client, learner, other_learner, course, lessons, enrolled
):
    lesson_progress_record(user=learner, lesson=lessons[0], progress=0.7)
    enrolment_create(user=other_learner, course=course)
    client.force_login(other_learner)
    response = client.get(reverse("courses:api_progress_detail", args=[lessons[0].pk]))
    assert response.status_code == 404
    assert "0.7" not in response.content.decode()
    client.force_login(learner)
    assert (
        client.get(reverse("courses:api_progress_detail", args=[lessons[0].pk])).json()["progress"]
        == 0.7
    )


def test_a_user_field_in_the_body_is_ignored(
    client, learner, other_learner, course, lessons, enrolled
):
    enrolment_create(user=other_learner, course=course)
    client.force_login(other_learner)
    post(client, PROGRESS, {"lesson": lessons[0].pk, "progress": 0.9, "user": learner.pk})
    assert not LessonProgress.objects.filter(user=learner).exists()
    assert LessonProgress.objects.get(user=other_learner).progress == 0.9


def test_get_on_write_endpoints_is_refused(api):
    assert api.get(PROGRESS).status_code == 405
    assert api.get(ANSWER).status_code == 405


def test_a_lesson_behind_a_view_restriction_is_not_answered(api, lessons, learner):
    """The API finds lessons as the lesson forms do: live and not behind a view restriction, so
    feedback and explanations of a restricted lesson are not given away."""
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=lessons[0], restriction_type="login")
    response = post(api, ANSWER, {"lesson": lessons[0].pk, "question": "q1", "options": ["q1-b"]})
    assert response.status_code == 400 and response.json()["field"] == "lesson"
    assert "explanation" not in response.json()
    assert not QuestionResponse.objects.filter(user=learner).exists()
