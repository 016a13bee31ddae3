"""Options in a learner's own order, and right answers that do not all sit in one place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.importing import CourseImportError
from courses.models import Provider, QuestionResponse, TestAttempt
from courses.services import course_import, enrolment_create
from courses.shuffle import correct_answers_in_one_position
from tests.factories import UserFactory

from .factories import CoursePageFactory, course_with_lessons, question, text
from .test_blocks_and_import import COURSE

pytestmark = pytest.mark.django_db

SIX = ("a", "b", "c", "d", "e", "f")


def question_sets(course: dict):
    yield "pre_test", course.get("pre_test") or []
    yield "final_test", course.get("final_test") or []
    yield (
        "lessons",
        [
            block
            for lesson in course["lessons"]
            for block in lesson["body"]
            if block.get("type") == "question"
        ],
    )


def test_demo_content_varies_where_the_right_answer_is():
    """Every demo file that holds questions: no set has a right answer in one place throughout."""
    files = sorted(Path(settings.BASE_DIR, "fixtures").glob("**/*.json"))
    checked = 0
    for path in files:
        data = json.loads(path.read_text())
        for course in data.get("courses", []) if isinstance(data, dict) else []:
            for name, questions in question_sets(course):
                if questions:
                    checked += 1
                    position = correct_answers_in_one_position(questions)
                    assert position is None, (
                        f"{path.name}: {course['key']} {name}: right answer always at {position + 1}"
                    )
    assert checked >= 6, "the demo courses' tests and lesson questions were found"


def test_check_finds_a_shared_position_and_only_that():
    first = [question(f"q{n}", correct=("a",), options=("a", "b", "c")) for n in range(3)]
    assert correct_answers_in_one_position(first) == 0
    # A multiple-answer question that includes the first option still shares it.
    mixed = first[:2] + [question("m", multiple=True, correct=("a", "c"), options=("a", "b", "c"))]
    assert correct_answers_in_one_position(mixed) == 0
    varied = [
        question("x", correct=("a",), options=("a", "b", "c")),
        question("y", correct=("b",), options=("a", "b", "c")),
        question("z", correct=("c",), options=("a", "b", "c")),
    ]
    assert correct_answers_in_one_position(varied) is None
    assert correct_answers_in_one_position(first[:2]) is None, "two questions are no pattern"


def test_editor_is_told_when_every_right_answer_sits_in_one_place(homepage):
    page = CoursePageFactory.build(
        provider=Provider(key="x", name="X"),
        final_test=[question(f"f{n}", options=("a", "b", "c")) for n in range(4)],
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "final_test" in error.value.message_dict
    assert "plaats 1" in error.value.message_dict["final_test"][0]


def test_import_refuses_a_test_with_every_right_answer_in_one_place(homepage):
    data = json.loads(json.dumps(COURSE))
    one = data["courses"][0]["final_test"][0]
    data["courses"][0]["final_test"] = [json.loads(json.dumps(one)) for _ in range(3)]
    with pytest.raises(CourseImportError) as error:
        course_import(data=data)
    assert any(m.startswith("spanningen-in-de-klas: final_test") for m in error.value.errors)


@pytest.fixture
def six_option_course(homepage):
    course = course_with_lessons(
        lessons=1,
        final_test=[
            question("f1", options=SIX, correct=("a",)),
            question("f2", options=SIX, correct=("b",)),
            question("f3", options=SIX, correct=("c",)),
        ],
        pass_mark=100,
    )
    lesson = course.get_children().first().specific
    lesson.body = [text(), question("q1", options=SIX, correct=("d",))]
    lesson.save_revision().publish()
    return course


def order_on(html: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" value="([^"]+)"', html)


def finish_lessons(client, course):
    for lesson in course.get_children().specific():
        client.post(reverse("courses:answer", args=[lesson.pk, "q1"]), {"antwoord": "q1-d"})
        client.post(reverse("courses:complete", args=[lesson.pk]))


def test_test_options_are_in_a_stable_order_per_learner_and_new_per_attempt(
    client, six_option_course
):
    url = reverse("courses:test", args=[six_option_course.pk, "final"])
    orders = []
    for _ in range(6):
        learner = UserFactory()
        enrolment_create(user=learner, course=six_option_course)
        client.force_login(learner)
        finish_lessons(client, six_option_course)
        html = client.get(url).content.decode()
        order = order_on(html, "vraag-f1")
        assert sorted(order) == [f"f1-{key}" for key in SIX]
        assert order_on(client.get(url).content.decode(), "vraag-f1") == order, "same on reload"
        # The form shown again with an error keeps the order the learner was answering in.
        token = re.search(r'name="token" value="([^"]+)"', html).group(1)
        again = client.post(url, {"token": token, "vraag-f1": "f1-a"})
        assert again.status_code == 400
        assert order_on(again.content.decode(), "vraag-f1") == order
        orders.append(tuple(order))
    assert len(set(orders)) > 1, "learners do not all see the same order"
    assert any(order[0] != "f1-a" for order in orders), "the right answer is not always first"

    # A failed attempt: the next attempt comes in a new order (all three questions together).
    whole = [order_on(client.get(url).content.decode(), f"vraag-f{n}") for n in (1, 2, 3)]
    token = re.search(r'name="token" value="([^"]+)"', client.get(url).content.decode()).group(1)
    wrong = {"token": token, "vraag-f1": "f1-b", "vraag-f2": "f2-a", "vraag-f3": "f3-a"}
    assert client.post(url, wrong).status_code == 302
    assert TestAttempt.objects.filter(kind="final", passed=False).count() == 1
    retry = [order_on(client.get(url).content.decode(), f"vraag-f{n}") for n in (1, 2, 3)]
    assert retry != whole


def test_lesson_question_order_is_the_learners_own_and_answers_count_by_id(
    client, six_option_course
):
    lesson = six_option_course.get_children().first().specific
    orders = set()
    for _ in range(6):
        learner = UserFactory()
        enrolment_create(user=learner, course=six_option_course)
        client.force_login(learner)
        first = order_on(client.get(lesson.url).content.decode(), "antwoord")
        assert order_on(client.get(lesson.url).content.decode(), "antwoord") == first
        client.post(reverse("courses:answer", args=[lesson.pk, "q1"]), {"antwoord": "q1-d"})
        assert order_on(client.get(lesson.url).content.decode(), "antwoord") == first, (
            "answering does not reorder the options under the feedback"
        )
        orders.add(tuple(first))
    assert len(orders) > 1
    # Whatever the order on screen, the answer is stored by option id and scored by it.
    responses = QuestionResponse.objects.filter(question_id="q1")
    assert responses.count() == 6
    assert all(r.first_is_correct and r.first_answer["selected"] == ["q1-d"] for r in responses)
