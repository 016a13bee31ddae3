"""The learner's pages without JavaScript: enrol, read, answer, finish, test, certificate."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses.models import (
    Certificate,
    CoursePage,
    LessonProgress,
    QuestionResponse,
    TestAttempt,
)
from courses.services import enrolment_create

from .factories import course_with_lessons, dilemma, question, reflection, text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_tested_course_id(module_db) -> int:
    """Two lessons (the first with a question, a dilemma and a reflection), pre- and final test.
    Built once for the module; each test's writes are undone by its savepoint."""
    with module_db():
        course = course_with_lessons(
            lessons=2,
            final_test=[question("f1"), question("f2")],
            pre_test_mode="same",
            pass_mark=50,
            certificate_validity_months=24,
            accreditation_points=3,
            accreditation_register="SKJ",
        )
        first = course.get_children().first().specific
        first.body = [text(), question("q1"), dilemma(), reflection()]
        first.save_revision().publish()
        return course.pk


@pytest.fixture
def tested_course(db, shared_tested_course_id):
    return CoursePage.objects.get(pk=shared_tested_course_id)


def lessons_of(course):
    return [page.specific for page in course.get_children().order_by("path")]


def test_anonymous_visitor_reads_the_course_and_is_invited_to_sign_in(client, tested_course):
    response = client.get(tested_course.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aanmelden en inschrijven" in html
    assert f"{reverse('account_login')}?next=" in html
    assert "Les 1" in html and "Les 2" in html


def test_anonymous_visitor_is_sent_to_login_from_a_lesson(client, tested_course):
    lesson = lessons_of(tested_course)[0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_signed_in_but_not_enrolled_learner_is_sent_to_the_course(client, learner, tested_course):
    client.force_login(learner)
    response = client.get(lessons_of(tested_course)[0].url)
    assert response.status_code == 302 and response["Location"] == tested_course.url


def test_enrolling_leads_to_the_pre_test_first(client, learner, tested_course):
    client.force_login(learner)
    response = client.post(reverse("courses:enrol", args=[tested_course.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:test", args=[tested_course.pk, "pre"])
    lesson = lessons_of(tested_course)[0]
    assert client.get(lesson.url)["Location"] == response["Location"], "pre-test before lesson 1"


def take_test(client, course, kind, *, right=True):
    page = client.get(reverse("courses:test", args=[course.pk, kind]))
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    data = {"token": token}
    for block in course.final_test:
        data[f"vraag-{block.id}"] = f"{block.id}-a" if right else f"{block.id}-b"
    return client.post(reverse("courses:test", args=[course.pk, kind]), data)


def test_whole_journey_without_javascript(client, learner, tested_course):
    client.force_login(learner)
    client.post(reverse("courses:enrol", args=[tested_course.pk]))
    result = take_test(client, tested_course, "pre", right=False)
    assert result.status_code == 302
    assert "0%" in client.get(result["Location"]).content.decode()

    first, second = lessons_of(tested_course)
    page = client.get(first.url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "0 van 2 lessen afgerond" in page.content.decode()

    # Finishing without answering shows which question is missing, next to it.
    response = client.post(reverse("courses:complete", args=[first.pk]))
    assert response.status_code == 400
    assert "Beantwoord deze vraag om de les af te ronden." in response.content.decode()

    response = client.post(reverse("courses:answer", args=[first.pk, "q1"]), {"antwoord": "q1-b"})
    assert response["Location"].endswith("#vraag-q1-terugkoppeling"), "focus lands on the feedback"
    page = client.get(first.url).content.decode()
    assert "Nog niet helemaal goed." in page and "Terugkoppeling b" in page

    client.post(reverse("courses:dilemma", args=[first.pk, "d1", "d1-s1"]), {"keuze": "d1-s1-goed"})
    page = client.get(first.url).content.decode()
    assert "U hoort wat er speelt." in page and "Situatie 2" in page

    response = client.post(reverse("courses:complete", args=[first.pk]))
    assert response["Location"] == second.url, "on to the next lesson"
    response = client.post(reverse("courses:complete", args=[second.pk]))
    assert response["Location"] == reverse("courses:test", args=[tested_course.pk, "final"])

    result = take_test(client, tested_course, "final")
    result_page = client.get(result["Location"]).content.decode()
    assert "Gefeliciteerd, u bent geslaagd." in result_page
    assert (
        "van 0% goed bij de voortoets naar 100% bij de eindtoets waarmee u slaagde: "
        "+100 procentpunten"
    ) in result_page

    course_page = client.get(tested_course.url).content.decode()
    assert "Naam op het certificaat" in course_page
    response = client.post(
        reverse("courses:certificate_issue", args=[tested_course.pk]), {"naam": ""}
    )
    assert response.status_code == 400
    assert "Vul de naam in" in response.content.decode()
    response = client.post(
        reverse("courses:certificate_issue", args=[tested_course.pk]), {"naam": "Sam de Vries"}
    )
    certificate = Certificate.objects.get(user=learner)
    assert response.status_code == 302

    pdf = client.get(reverse("courses:certificate_download", args=[certificate.code]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "radicali" not in pdf["Content-Disposition"].lower()
    assert pdf["Content-Disposition"].startswith('attachment; filename="certificaat-weerbaar-')
    reader = PdfReader(io.BytesIO(pdf.content))
    pdf_text = reader.pages[0].extract_text()
    for expected in (
        "Sam de Vries",
        "Signaleren en handelen",
        "3 punten SKJ",
        certificate.code[:12],
    ):
        assert expected in pdf_text
    assert "radicali" not in (reader.metadata.title or "").lower()

    verify = client.get(reverse("courses:verify", args=[certificate.code]))
    assert verify.status_code == 200
    assert "Dit certificaat is geldig" in verify.content.decode()

    dashboard = client.get(reverse("courses:dashboard")).content.decode()
    assert tested_course.title in dashboard and "geldig" in dashboard


def test_final_test_is_closed_before_the_lessons_are_done(client, learner, tested_course):
    client.force_login(learner)
    enrolment_create(user=learner, course=tested_course)
    response = client.get(reverse("courses:test", args=[tested_course.pk, "final"]))
    assert response.status_code == 302 and response["Location"] == tested_course.url


def test_unanswered_test_form_shows_field_errors_and_stores_nothing(client, learner, tested_course):
    client.force_login(learner)
    enrolment_create(user=learner, course=tested_course)
    page = client.get(reverse("courses:test", args=[tested_course.pk, "pre"]))
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(
        reverse("courses:test", args=[tested_course.pk, "pre"]),
        {"token": token, "vraag-f1": "f1-a"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="toetsvraag-f2-fout"' in html
    assert 'value="f1-a" id="toetsoptie-f1-a" checked' in html, "the given answer is kept"
    assert not TestAttempt.objects.exists()


def test_invalid_answer_in_lesson_is_shown_next_to_the_question(client, learner, tested_course):
    client.force_login(learner)
    enrolment_create(user=learner, course=tested_course)
    lesson = lessons_of(tested_course)[0]
    response = client.post(reverse("courses:answer", args=[lesson.pk, "q1"]), {})
    assert response["Location"] == reverse("courses:test", args=[tested_course.pk, "pre"])
    take_test(client, tested_course, "pre")
    response = client.post(reverse("courses:answer", args=[lesson.pk, "q1"]), {})
    assert response.status_code == 400
    assert 'id="vraag-q1-fout"' in response.content.decode()
    assert not QuestionResponse.objects.exists()


def test_reflection_note_is_private_to_its_author(client, learner, other_learner, tested_course):
    tested_course.pre_test_mode = "none"
    tested_course.save_revision().publish()
    for person in (learner, other_learner):
        enrolment_create(user=person, course=tested_course)
    lesson = lessons_of(tested_course)[0]
    client.force_login(learner)
    client.post(reverse("courses:reflection", args=[lesson.pk, "r1"]), {"notitie": "Mijn geheim"})
    assert "Mijn geheim" in client.get(lesson.url).content.decode()
    client.force_login(other_learner)
    assert "Mijn geheim" not in client.get(lesson.url).content.decode()


def test_another_learners_certificate_cannot_be_downloaded(client, learner, other_learner, course):
    certificate = Certificate.objects.create(
        code="a" * 27,
        user=learner,
        course=course,
        holder_name="Sam",
        course_title="Signaleren en handelen",
        provider_name="ROR",
        completed_on="2026-01-05",
    )
    client.force_login(other_learner)
    assert (
        client.get(reverse("courses:certificate_download", args=[certificate.code])).status_code
        == 404
    )
    client.logout()
    response = client.get(reverse("courses:certificate_download", args=[certificate.code]))
    assert response.status_code == 302


def test_opening_a_lesson_reads_the_gate_and_writes_nothing(client, learner, course, lessons):
    """GET is safe: a prefetch or the back button records nothing. The lesson's script (the
    progress API) or its first form records the opening, behind the same gate."""
    client.force_login(learner)
    response = client.get(lessons[1].url)
    assert response.status_code == 302 and response["Location"] == course.url
    enrolment_create(user=learner, course=course)
    response = client.get(lessons[1].url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not LessonProgress.objects.filter(user=learner).exists()
    client.post(
        reverse("courses:api_progress"),
        {"lesson": lessons[1].pk, "progress": 0.2},
        content_type="application/json",
    )
    row = LessonProgress.objects.get(user=learner, lesson=lessons[1])
    assert row.progress == 0.2 and not row.is_complete


def test_guide_lists_the_courses_that_point_to_it(
    client, homepage, django_capture_on_commit_callbacks
):
    from kennisbank.models import SignalGuideIndexPage
    from kennisbank.services import kennisbank_index_pages_ensure
    from tests.kennisbank.factories import SignalGuidePageFactory

    index = kennisbank_index_pages_ensure()[SignalGuideIndexPage]
    guide = SignalGuidePageFactory(parent=index, title="Signalen in de klas")
    course = course_with_lessons(lessons=1, title="Polarisatie in de klas")
    course.related_guides = [guide]
    course.save_revision().publish()
    html = client.get(guide.url).content.decode()
    assert "Polarisatie in de klas" in html and course.url in html
    with django_capture_on_commit_callbacks(execute=True):  # the page cache is purged on commit
        course.unpublish()
    assert "Polarisatie in de klas" not in client.get(guide.url).content.decode()


def test_not_enrolled_learner_never_sees_the_lesson_through_a_form_error(
    client, other_learner, tested_course
):
    lesson = lessons_of(tested_course)[0]
    client.force_login(other_learner)
    response = client.post(reverse("courses:answer", args=[lesson.pk, "bestaat-niet"]), {})
    assert response.status_code == 302 and response["Location"] == tested_course.url
    assert "Een signaal is een reden om te praten." not in response.content.decode()


def test_draft_course_is_not_shown_through_the_certificate_form(client, learner, tested_course):
    tested_course.unpublish()
    client.force_login(learner)
    response = client.post(reverse("courses:certificate_issue", args=[tested_course.pk]), {})
    assert response.status_code == 404


@pytest.mark.parametrize("code", ["a%00b", "x" * 65])
def test_odd_certificate_codes_are_a_404(client, code):
    assert client.get(f"/certificaat/{code}/").status_code == 404


def test_huge_lesson_id_is_a_404(client, learner):
    client.force_login(learner)
    assert client.post(f"/leren/les/{10**30}/afronden/").status_code == 404
