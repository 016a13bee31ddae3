"""What learners read: a tagged certificate PDF, both course names, their notes, the dilemma's
outcome before "Andere keuze maken", and feedback that takes focus without JavaScript."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses.certificates import certificate_pdf
from courses.models import Certificate, Provider
from courses.services import certificate_code_new, enrolment_create, reflection_note_save
from tests.factories import UserFactory

from .factories import course_with_lessons, dilemma, question, reflection, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(learner, course):
    course.title = "Basistraining signaleren van radicalisering"
    course.save_revision().publish()
    return Certificate.objects.create(
        code=certificate_code_new(),
        user=learner,
        course=course,
        holder_name="Noor Jansen",
        course_title="Basistraining signaleren en handelen",
        provider_name="Opleidingsinstituut van de Dienst Justitiële Inrichtingen",
        study_load_minutes=150,
        completed_on=datetime.date(2026, 3, 2),
    )


def test_certificate_pdf_is_tagged_with_title_and_language(certificate):
    pdf = certificate_pdf(certificate=certificate, verify_url="https://weerbaar.example/c/x/")
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]), "a tagged PDF"
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Certificaat · Basistraining signaleren en handelen"
    # The structure holds the text as headings, paragraphs and a table, not only drawn glyphs.
    kinds = set()

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, dict) or hasattr(node, "keys"):
            if "/S" in node:
                kinds.add(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None and depth < 30:
                for kid in kids if isinstance(kids, list) else [kids]:
                    if hasattr(kid, "get_object") or isinstance(kid, dict):
                        walk(kid, depth + 1)
        elif isinstance(node, list):
            for kid in node:
                walk(kid, depth + 1)

    walk(root["/StructTreeRoot"])
    assert {"/H1", "/P", "/Table"} <= kinds, kinds
    page_text = reader.pages[0].extract_text()
    assert "Studielast" in page_text and "2 uur en 30 minuten" in page_text
    assert "Dienst Justitiële Inrichtingen" in page_text


def test_dashboard_shows_both_names_and_the_study_load(client, learner, certificate):
    client.force_login(learner)
    html = client.get(reverse("courses:dashboard")).content.decode()
    assert "Basistraining signaleren en handelen" in html
    assert "de cursus heet „Basistraining signaleren van radicalisering”" in html
    assert "2 uur en 30 minuten" in html
    assert 'data-label="Cursus"' in html, "the table reflows into labelled cards on phones"


def test_provider_named_after_radicalisation_never_prints_a_bare_abbreviation():
    legacy = Provider(key="ror", name="Rijksopleidingsinstituut tegengaan Radicalisering",
                      short_name="ROR")  # fmt: skip
    assert legacy.certificate_name not in ("ROR", "")
    assert "radicali" not in legacy.certificate_name.lower()


def test_certificate_title_field_says_why_it_may_differ():
    from courses.models import CoursePage

    help_text = str(CoursePage._meta.get_field("certificate_title").help_text)
    assert "Waarom kan deze titel anders zijn?" in help_text and "beide namen" in help_text


@pytest.fixture
def lesson_course(homepage):
    course = course_with_lessons(lessons=1)
    lesson = course.get_children().first().specific
    lesson.body = [text(), question("q1"), dilemma(), reflection()]
    lesson.save_revision().publish()
    return course, lesson


def test_reflection_notes_read_back_in_mijn_leeromgeving_only_by_their_author(
    client, learner, lesson_course
):
    course, lesson = lesson_course
    enrolment_create(user=learner, course=course)
    reflection_note_save(
        user=learner, lesson=lesson, prompt_id="r1", text="Overleg met <b>mentor</b> & IB'er"
    )
    client.force_login(learner)
    html = client.get(reverse("courses:dashboard")).content.decode()
    assert "Mijn reflectienotities" in html
    assert "Overleg met mentor &amp; IB&#x27;er" in html, "plain text, escaped once"
    assert lesson.title in html and "#reflectie-r1" in html
    other = UserFactory()
    client.force_login(other)
    assert "Overleg met mentor" not in client.get(reverse("courses:dashboard")).content.decode()


def test_dilemma_outcome_comes_before_the_button_to_choose_again(client, learner, lesson_course):
    course, lesson = lesson_course
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    response = client.post(
        reverse("courses:dilemma", args=[lesson.pk, "d1", "d1-s1"]), {"keuze": "d1-s1-fout"}
    )
    assert response["Location"].endswith("#stap-d1-s1-uitkomst")
    html = client.get(lesson.url).content.decode()
    step = html[html.index('id="stap-d1-s1"') :]
    outcome = step.index('id="stap-d1-s1-uitkomst"')
    assert outcome < step.index("Andere keuze maken"), "the outcome, then the way to choose again"
    assert re.search(r'id="stap-d1-s1-uitkomst" tabindex="-1"', html)


def test_quiz_feedback_is_the_focus_target_after_a_reload(client, learner, lesson_course):
    course, lesson = lesson_course
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    response = client.post(reverse("courses:answer", args=[lesson.pk, "q1"]), {"antwoord": "q1-b"})
    fragment = response["Location"].split("#")[1]
    assert fragment == "vraag-q1-terugkoppeling"
    html = client.get(lesson.url).content.decode()
    target = re.search(rf'<div[^>]*id="{fragment}"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in target and 'role="status"' in target


def test_saved_reflection_is_the_focus_target_after_a_reload(client, learner, lesson_course):
    """The block itself is not focusable: landing on it left focus on the body (issue 16)."""
    course, lesson = lesson_course
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    response = client.post(
        reverse("courses:reflection", args=[lesson.pk, "r1"]), {"notitie": "Eerst overleggen."}
    )
    assert response.status_code == 302
    path, fragment = response["Location"].split("#")
    assert path == lesson.url
    assert fragment == "reflectie-r1-bewaard"
    html = client.get(lesson.url).content.decode()
    target = re.search(rf'<p[^>]*id="{fragment}"[^>]*>(.*?)</p>', html)
    assert target is not None, "the fragment names an element on the reloaded page"
    assert 'tabindex="-1"' in target.group(0)
    assert target.group(1).startswith("Bewaard op ")
