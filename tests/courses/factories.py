"""Factories for courses. Lesson bodies are built from small helpers with fixed block ids:

``LessonPageFactory(parent=course, body=[question("q1"), text()])`` gives a lesson whose quiz
question has id ``q1`` and options ``q1-a`` (correct) and ``q1-b``.
"""

from __future__ import annotations

import factory
import wagtail_factories

from courses.models import CourseIndexPage, CoursePage, LessonPage, Provider
from courses.services import course_index_page_ensure


def question(qid: str, *, multiple: bool = False, correct=("a",), options=("a", "b")) -> dict:
    return {
        "type": "quiz_question",
        "id": qid,
        "value": {
            "question": f"Vraag {qid}?",
            "multiple": multiple,
            "explanation": f"Uitleg bij {qid}.",
            "options": [
                {
                    "type": "item",
                    "id": f"{qid}-{key}",
                    "value": {
                        "text": f"Antwoord {key}",
                        "correct": key in correct,
                        "feedback": f"Terugkoppeling {key}",
                    },
                }
                for key in options
            ],
        },
    }


def text(content: str = "<p>Een signaal is een reden om te praten.</p>", bid: str = "t1") -> dict:
    return {"type": "paragraph_block", "id": bid, "value": content}


def dilemma(did: str = "d1", steps: int = 2) -> dict:
    return {
        "type": "case_dilemma",
        "id": did,
        "value": {
            "title": "Een zorgelijke opmerking",
            "scenario": "Een leerling zegt iets dat u zorgen baart.",
            "steps": [
                {
                    "type": "item",
                    "id": f"{did}-s{n}",
                    "value": {
                        "situation": f"Situatie {n}",
                        "question": "Wat doet u?",
                        "choices": [
                            {
                                "type": "item",
                                "id": f"{did}-s{n}-goed",
                                "value": {
                                    "text": "In gesprek gaan",
                                    "consequence": "U hoort wat er speelt.",
                                    "feedback": "Goed.",
                                    "recommended": True,
                                },
                            },
                            {
                                "type": "item",
                                "id": f"{did}-s{n}-fout",
                                "value": {
                                    "text": "Niets doen",
                                    "consequence": "De zorg blijft.",
                                    "feedback": "Liever niet.",
                                    "recommended": False,
                                },
                            },
                        ],
                    },
                }
                for n in range(1, steps + 1)
            ],
            "conclusion": "<p>Overleg met de zorgcoördinator.</p>",
            "contacts": [],
        },
    }


def reflection(pid: str = "r1") -> dict:
    return {"type": "reflection_prompt", "id": pid, "value": {"prompt": "Wat neemt u mee?"}}


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"aanbieder-{n}")
    name = factory.Sequence(lambda n: f"Aanbieder {n}")
    short_name = "AB"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Cursus {n}")
    summary = "Leer signalen herkennen en het gesprek voeren."
    provider = factory.SubFactory(ProviderFactory)
    duration_minutes = 60
    pass_mark = 70
    certificate_title = "Signaleren en handelen"


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Les {n}")
    body = factory.LazyFunction(lambda: [text()])


def course_index() -> CourseIndexPage:
    return course_index_page_ensure()


def course_with_lessons(*, lessons: int = 3, body=None, **course_kwargs) -> CoursePage:
    """A live course with ``lessons`` live lessons; each lesson gets ``body`` (or one text block)."""
    course = CoursePageFactory(parent=course_index(), **course_kwargs)
    for number in range(lessons):
        LessonPageFactory(
            parent=course,
            title=f"Les {number + 1}",
            slug=f"les-{number + 1}",
            body=body if body is not None else [text()],
        )
    return course
