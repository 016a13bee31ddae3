"""Cohorts: creating, joining with consent, leaving; the trainer dashboard, its privacy rules,
exports, reminders and query counts."""

from __future__ import annotations

import csv
import datetime
import io
import re
import time
import uuid
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AuditEvent
from accounts.roles import TRAINERS
from courses.models import CohortMembership, CoursePage
from courses.selectors.cohorts import MIN_GROUP, cohort_by_code, cohort_report
from courses.services import (
    CohortError,
    ReminderTooSoon,
    assessment_submit,
    cohort_create,
    cohort_join,
    cohort_leave,
    cohort_reminders_send,
    enrolment_create,
    lesson_progress_record,
    membership_reminders_set,
    question_answer,
    reflection_note_save,
)
from tests.factories import UserFactory, authentication_age, sign_in, totp_code

from .factories import course_with_lessons, question, reflection

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
PASSWORD = "een-veilig-wachtwoord-123"


@pytest.fixture
def trainer(db):
    return UserFactory(username="trainer", groups=[TRAINERS], totp=True)


@pytest.fixture
def other_trainer(db):
    return UserFactory(username="andere-trainer", groups=[TRAINERS], totp=True)


@pytest.fixture(scope="module")
def shared_course_id(module_db) -> int:
    """Built once for the module; each test's writes are undone by its savepoint."""
    with module_db():
        return course_with_lessons(
            lessons=2,
            body=[question("q1", options=("a", "b", "c")), reflection()],
            final_test=[question("f1"), question("f2")],
            pre_test_mode="same",
        ).pk


@pytest.fixture
def course(db, shared_course_id):
    return CoursePage.objects.get(pk=shared_course_id)


def make_cohort(trainer, course, **kwargs):
    return cohort_create(
        trainer=trainer,
        name=kwargs.pop("name", "Docenten Noord"),
        organisation="Scholengroep Noord",
        courses=[course],
        start_date=TODAY,
        end_date=TODAY + datetime.timedelta(days=60),
        **kwargs,
    )


def learners_in(cohort, course, count, *, answer="q1-a", finish=True):
    people = []
    lessons = list(course.get_children().specific().order_by("path"))
    for _ in range(count):
        person = UserFactory()
        cohort_join(user=person, cohort=cohort, consent=True)
        enrolment_create(user=person, course=course)
        assessment_submit(
            user=person, course=course, kind="pre", token=str(uuid.uuid4()),
            answers={"f1": ["f1-b"], "f2": ["f2-b"]},
        )  # fmt: skip
        for lesson in lessons if finish else lessons[:1]:
            question_answer(user=person, lesson=lesson, question_id="q1", selected=[answer])
            reflection_note_save(user=person, lesson=lesson, prompt_id="r1", text="GEHEIM-NOTITIE")
            lesson_progress_record(user=person, lesson=lesson, reached_end=True)
        if finish:
            assessment_submit(
                user=person, course=course, kind="final", token=str(uuid.uuid4()),
                answers={"f1": ["f1-a"], "f2": ["f2-a"]},
            )  # fmt: skip
        people.append(person)
    return people


class TestServices:
    def test_only_trainers_create_cohorts(self, learner, course):
        with pytest.raises(CohortError):
            make_cohort(learner, course)

    def test_code_and_link_are_hard_to_guess_and_codes_forgive_typing(self, trainer, course):
        cohort = make_cohort(trainer, course)
        assert len(cohort.invite_token) >= 32
        assert cohort_by_code(code=cohort.join_code.lower().replace("-", " ")) == cohort
        assert cohort_by_code(code="XXXX") is None

    def test_joining_needs_consent_and_happens_once(self, trainer, course, learner):
        cohort = make_cohort(trainer, course)
        with pytest.raises(CohortError):
            cohort_join(user=learner, cohort=cohort, consent=False)
        assert not CohortMembership.objects.exists()
        first = cohort_join(user=learner, cohort=cohort, consent=True)
        again = cohort_join(user=learner, cohort=cohort, consent=True)
        assert first.pk == again.pk and first.consented_at is not None

    def test_end_before_start_is_refused(self, trainer, course):
        with pytest.raises(CohortError) as error:
            cohort_create(
                trainer=trainer, name="X", courses=[course],
                start_date=TODAY, end_date=TODAY - datetime.timedelta(days=1),
            )  # fmt: skip
        assert error.value.field == "end_date"


class TestReport:
    def test_figures_with_enough_learners(self, trainer, course):
        cohort = make_cohort(trainer, course)
        learners_in(cohort, course, 4, answer="q1-a")
        learners_in(cohort, course, 2, answer="q1-b", finish=False)
        report = cohort_report(cohort=cohort, course=course)
        assert report.member_count == 6 and not report.suppressed
        assert report.completion_rate == pytest.approx(4 / 6)
        assert report.gain_mean is None, "only 4 learners have both tests: suppressed"
        item = report.items[0]
        assert item.respondents == 6 and item.share_correct == pytest.approx(4 / 6)
        assert dict(item.wrong_options) == {"Antwoord b": 2, "Antwoord c": 0}
        assert report.items[1].suppressed, "lesson 2's question: 4 answers, fewer than 5"
        assert [row.name for row in report.inactive] == [], "everyone was active today"

    def test_learning_gain_with_five_or_more(self, trainer, course):
        cohort = make_cohort(trainer, course)
        learners_in(cohort, course, MIN_GROUP)
        report = cohort_report(cohort=cohort, course=course)
        assert report.gains == [100] * MIN_GROUP
        assert report.gain_mean == 100 and report.gain_median == 100
        assert report.completions and report.completions[-1][2] == MIN_GROUP

    def test_small_groups_are_suppressed(self, trainer, course):
        cohort = make_cohort(trainer, course)
        learners_in(cohort, course, MIN_GROUP - 1)
        report = cohort_report(cohort=cohort, course=course)
        assert report.suppressed
        assert report.completion_rate is None and report.average_score is None
        assert all(item.suppressed for item in report.items)
        assert report.completions == []

    def test_learner_who_left_disappears(self, trainer, course):
        cohort = make_cohort(trainer, course)
        people = learners_in(cohort, course, 2)
        cohort_leave(user=people[0], cohort=cohort)
        report = cohort_report(cohort=cohort, course=course)
        assert [row.user_id for row in report.matrix.object_list] == [people[1].pk]


class TestDashboardAccess:
    def url(self, cohort):
        return reverse("courses:trainer_cohort", args=[cohort.pk])

    def test_trainer_sees_progress_but_never_notes(self, client, trainer, course):
        cohort = make_cohort(trainer, course)
        people = learners_in(cohort, course, 5)
        client.force_login(trainer)
        response = client.get(self.url(cohort))
        html = response.content.decode()
        assert response.status_code == 200
        assert people[0].email in html
        assert "GEHEIM-NOTITIE" not in html
        assert "no-store" in response["Cache-Control"]
        assert AuditEvent.objects.filter(
            actor_id=trainer.pk, action="cohort.viewed", target_id=str(cohort.pk)
        ).exists()

    def test_anonymous_is_sent_to_login(self, client, trainer, course):
        cohort = make_cohort(trainer, course)
        response = client.get(self.url(cohort))
        assert response.status_code == 302 and "login" in response["Location"]

    def test_learner_gets_403(self, client, trainer, course, learner):
        cohort = make_cohort(trainer, course)
        learners_in(cohort, course, 1)
        client.force_login(learner)
        response = client.get(self.url(cohort))
        assert response.status_code == 403
        # No address of anyone in the refusal (the footer's help address is outside <main>).
        main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        assert "@" not in main
        denials = AuditEvent.objects.filter(actor_id=learner.pk, result=AuditEvent.Result.DENIED)
        assert denials.count() == 1, "one refusal, one audit record"
        assert denials.get().action == "permission.denied"

    def test_other_trainers_cohort_is_404_and_audited(self, client, trainer, other_trainer, course):
        cohort = make_cohort(trainer, course)
        people = learners_in(cohort, course, 1)
        client.force_login(other_trainer)
        for url in (
            self.url(cohort),
            reverse("courses:trainer_export", args=[cohort.pk, "matrix", "csv"]),
        ):
            response = client.get(url)
            assert response.status_code == 404
            assert people[0].email not in response.content.decode()
        assert AuditEvent.objects.filter(action="cohort.denied", result="denied").count() == 2

    def test_trainer_without_mfa_is_sent_to_set_it_up(self, client, course):
        trainer = UserFactory(username="zonder-mfa", groups=[TRAINERS])
        client.force_login(trainer)
        response = client.get(reverse("courses:trainer_home"))
        assert response.status_code == 302 and "/2fa/totp/activate/" in response["Location"]


class TestExports:
    def test_csv_and_xlsx_hold_the_matrix_and_item_analysis(self, client, trainer, course):
        cohort = make_cohort(trainer, course)
        people = learners_in(cohort, course, 5)
        people[0].first_name = "=HYPERLINK(1)"
        people[0].save()
        sign_in(client, trainer)
        response = client.get(reverse("courses:trainer_export", args=[cohort.pk, "matrix", "csv"]))
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][0] == "Deelnemer" and len(rows) == 6
        assert all(not row[0].startswith("=") for row in rows), "no formula injection"
        response = client.get(reverse("courses:trainer_export", args=[cohort.pk, "items", "xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = list(sheet.values)
        assert values[0][2] == "Vraag" and values[1][4] == "100%"
        assert AuditEvent.objects.filter(action__startswith="cohort.exported").count() == 2

    def test_unknown_export_kind_is_404(self, client, trainer, course):
        cohort = make_cohort(trainer, course)
        client.force_login(trainer)
        url = reverse("courses:trainer_export", args=[cohort.pk, "notities", "csv"])
        assert client.get(url).status_code == 404


class TestExportReauthentication:
    """Exports hold every learner of a cohort: right after signing in (password and
    authenticator code) the file comes at once; later the trainer confirms a factor first."""

    @pytest.fixture
    def export(self, trainer, course):
        cohort = make_cohort(trainer, course)
        learners_in(cohort, course, 1)
        url = reverse("courses:trainer_export", args=[cohort.pk, "matrix", "csv"])
        return f"{url}?cursus={course.pk}"

    def _asked_again(self, client, export):
        response = client.get(export)
        assert response.status_code == 302
        assert response["Location"] == "/account/reauthenticate/?" + urlencode({"next": export})
        assert not AuditEvent.objects.filter(action__startswith="cohort.exported").exists()

    def test_a_fresh_sign_in_downloads_directly(self, client, trainer, export):
        sign_in(client, trainer)
        authentication_age(client, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT - 30)
        response = client.get(export)
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('-matrix.csv"')
        assert AuditEvent.objects.filter(action="cohort.exported.matrix").count() == 1

    def test_later_the_password_is_asked_then_the_file_comes(self, client, trainer, export):
        sign_in(client, trainer)
        authentication_age(client, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)
        self._asked_again(client, export)
        response = client.post(
            "/account/reauthenticate/?" + urlencode({"next": export}), {"password": PASSWORD}
        )
        assert response.status_code == 302 and response["Location"] == export
        response = client.get(export)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")

    def test_or_the_authenticator_code(self, client, trainer, export):
        sign_in(client, trainer)
        authentication_age(client, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)
        self._asked_again(client, export)
        # The sign-in used this period's code, and a code works once: use the next period's.
        later = time.time() + 30
        with mock.patch("time.time", return_value=later):
            response = client.post(
                "/account/2fa/reauthenticate/?" + urlencode({"next": export}),
                {"code": totp_code(trainer.totp_secret, at=later)},
            )
        assert response.status_code == 302 and response["Location"] == export
        assert client.get(export).status_code == 200

    def test_a_wrong_password_gives_no_file(self, client, trainer, export):
        sign_in(client, trainer)
        authentication_age(client, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)
        response = client.post(
            "/account/reauthenticate/?" + urlencode({"next": export}), {"password": "fout"}
        )
        assert response.status_code == 200
        self._asked_again(client, export)

    def test_force_login_is_no_sign_in_proof(self, client, trainer, export):
        client.force_login(trainer)
        self._asked_again(client, export)

    def test_another_trainer_gets_404_not_a_password_question(self, client, other_trainer, export):
        sign_in(client, other_trainer)
        authentication_age(client, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)
        assert client.get(export).status_code == 404


class TestReminders:
    def test_reminder_goes_to_inactive_learners_who_did_not_opt_out(
        self, trainer, course, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort = make_cohort(trainer, course, inactive_after_days=1)
        idle, quiet, fresh = UserFactory(), UserFactory(), UserFactory()
        for person in (idle, quiet, fresh):
            cohort_join(user=person, cohort=cohort, consent=True)
        enrolment_create(user=fresh, course=course)
        membership_reminders_set(user=quiet, cohort=cohort, opt_out=True)
        with django_capture_on_commit_callbacks(execute=True):
            count = cohort_reminders_send(trainer=trainer, cohort=cohort, course=course)
        assert count == 1
        assert [mail.to for mail in mailoutbox] == [[idle.email]]
        with pytest.raises(ReminderTooSoon):
            cohort_reminders_send(trainer=trainer, cohort=cohort, course=course)

    def test_one_failing_address_does_not_cost_the_others_their_reminder(
        self, trainer, course, mailoutbox, django_capture_on_commit_callbacks, caplog
    ):
        from django.core.mail import EmailMessage

        cohort = make_cohort(trainer, course, inactive_after_days=1)
        broken, fine = UserFactory(email="kapot@voorbeeld.nl"), UserFactory()
        for person in (broken, fine):
            cohort_join(user=person, cohort=cohort, consent=True)
        real_send = EmailMessage.send

        def send(message, *args, **kwargs):
            if message.to == [broken.email]:
                raise OSError("mail server refused the address")
            return real_send(message, *args, **kwargs)

        with (
            mock.patch.object(EmailMessage, "send", send),
            django_capture_on_commit_callbacks(execute=True),
        ):
            cohort_reminders_send(trainer=trainer, cohort=cohort, course=course)
        assert [mail.to for mail in mailoutbox] == [[fine.email]]
        assert "cohort reminder failed" in caplog.text
        assert broken.email not in caplog.text, "no addresses in the log"

    def test_lesson_work_takes_a_learner_off_the_inactive_list(self, trainer, course):
        from courses.models import Enrolment
        from courses.selectors.cohorts import cohort_inactive_user_ids

        cohort = make_cohort(trainer, course, inactive_after_days=7)
        (learner,) = learners_in(cohort, course, 1, finish=False)
        Enrolment.objects.filter(user=learner).update(
            last_activity_at=timezone.now() - datetime.timedelta(days=30)
        )
        assert cohort_inactive_user_ids(cohort=cohort, course=course) == [learner.pk]
        lesson = course.get_children().live().order_by("path").last().specific
        lesson_progress_record(user=learner, lesson=lesson, progress=0.3)
        assert cohort_inactive_user_ids(cohort=cohort, course=course) == []


class TestLearnerSide:
    def test_join_by_code_shows_what_the_trainer_sees_first(self, client, trainer, course, learner):
        cohort = make_cohort(trainer, course)
        client.force_login(learner)
        response = client.post(reverse("courses:cohort_code"), {"code": cohort.join_code})
        assert response["Location"] == reverse("courses:cohort_join", args=[cohort.invite_token])
        page = client.get(response["Location"]).content.decode()
        assert "Uw trainer ziet nooit uw reflectienotities." in page
        refused = client.post(response["Location"], {})
        assert refused.status_code == 400 and not CohortMembership.objects.exists()
        # The error stands above the box; box and label share one row (the error inside the
        # wrapping row pushed them apart).
        html = refused.content.decode()
        assert re.search(
            r'<p class="field__errors" id="toestemming-fout">[^<]+</p>\s*'
            r'<div class="field--checkbox">\s*<input type="checkbox" id="toestemming"[^>]*>\s*'
            r'<label for="toestemming">',
            html,
        )
        client.post(response["Location"], {"toestemming": "ja"})
        assert CohortMembership.objects.filter(user=learner, cohort=cohort).exists()
        dashboard = client.get(reverse("courses:dashboard")).content.decode()
        assert "Docenten Noord" in dashboard and "Groep verlaten" in dashboard
        client.post(reverse("courses:cohort_leave", args=[cohort.pk]))
        assert not CohortMembership.objects.exists()

    def test_wrong_code_gets_a_field_error(self, client, learner):
        client.force_login(learner)
        response = client.post(reverse("courses:cohort_code"), {"code": "ABCD-EFGH"})
        assert response.status_code == 400
        assert "Deze code kennen we niet" in response.content.decode()

    def test_guessing_codes_is_stopped_and_then_even_a_right_code_waits(
        self, client, settings, trainer, course, learner, other_learner
    ):
        settings.COHORT_JOIN_MISS_RATE_LIMIT = "3/h"
        cohort = make_cohort(trainer, course)
        client.force_login(learner)
        code_url = reverse("courses:cohort_code")
        # A right code does not count: a learner who finds the group is never slowed down.
        for _ in range(4):
            assert client.post(code_url, {"code": cohort.join_code}).status_code == 302
        # Two wrong codes and one wrong invitation link use up the three misses.
        assert client.post(code_url, {"code": "ABCD-EFGH"}).status_code == 400
        assert client.post(code_url, {"code": "ABCD-EFGJ"}).status_code == 400
        assert client.get(reverse("courses:cohort_join", args=["geraden-link"])).status_code == 404
        # Past the limit the right code is refused too, or a guesser learns which ones exist.
        refused = client.post(code_url, {"code": cohort.join_code})
        assert refused.status_code == 429
        assert "te vaak een code of link" in refused.content.decode()
        link = reverse("courses:cohort_join", args=[cohort.invite_token])
        assert client.get(link).status_code == 429
        assert client.post(link, {"toestemming": "ja"}).status_code == 429
        assert not CohortMembership.objects.exists()
        # The count is the user's own: another learner joins as usual.
        other = other_learner
        client.force_login(other)
        assert client.post(code_url, {"code": cohort.join_code}).status_code == 302
        assert client.post(link, {"toestemming": "ja"}).status_code == 302
        assert CohortMembership.objects.filter(user=other, cohort=cohort).exists()

    def test_leaving_a_cohort_you_are_not_in_is_404(self, client, trainer, course, learner):
        cohort = make_cohort(trainer, course)
        client.force_login(learner)
        assert client.post(reverse("courses:cohort_leave", args=[cohort.pk])).status_code == 404


def test_dashboard_queries_do_not_grow_with_learners_or_lessons(client, trainer, homepage):
    def build(lessons, people):
        course = course_with_lessons(lessons=lessons, body=[question("q1")])
        cohort = make_cohort(trainer, course, name=f"Groep {lessons}-{people}")
        for _ in range(people):
            person = UserFactory()
            cohort_join(user=person, cohort=cohort, consent=True)
            enrolment_create(user=person, course=course)
            first = course.get_children().first().specific
            question_answer(user=person, lesson=first, question_id="q1", selected=["q1-a"])
            lesson_progress_record(user=person, lesson=first, reached_end=True)
        return reverse("courses:trainer_cohort", args=[cohort.pk])

    client.force_login(trainer)
    counts = []
    for url in (build(3, 6), build(30, 20)):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
