"""Renewing a certificate: when it opens, what renews it, what the old certificate then says.

Dates are moved by setting ``expires_on`` on the certificate, not by freezing the clock: the
rules compare it with today.
"""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate, CoursePage, Enrolment, TestAttempt
from courses.selectors import certificate_renewal_is_open, learner_dashboard
from courses.services import (
    assessment_submit,
    certificate_code_new,
    certificate_issue,
    enrolment_create,
    lesson_progress_record,
    question_answer,
)

from .factories import course_with_lessons, question

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def finish(user, lesson):
    for qid in lesson.question_ids():
        question_answer(user=user, lesson=lesson, question_id=qid, selected=[f"{qid}-a"])
    return lesson_progress_record(user=user, lesson=lesson, reached_end=True)


def final_questions():
    # The right answer first in some questions, second in others (the course rule).
    return [question(f"f{n}", options=("a", "b") if n % 2 else ("b", "a")) for n in (1, 2)]


def submit_final(user, course, *, right=True):
    return assessment_submit(
        user=user,
        course=course,
        kind=TestAttempt.FINAL,
        token=str(uuid.uuid4()),
        answers={b.id: [f"{b.id}-a" if right else f"{b.id}-b"] for b in course.final_test},
    )


def complete(user, course):
    enrolment_create(user=user, course=course)
    for lesson in course.get_children().specific():
        finish(user, lesson)
    if course.final_test:
        submit_final(user, course)


def expiring_in(certificate, days):
    certificate.expires_on = TODAY() + datetime.timedelta(days=days)
    certificate.save(update_fields=["expires_on"])
    return certificate


@pytest.fixture
def renewable(homepage):
    return course_with_lessons(
        lessons=1,
        final_test=final_questions(),
        certificate_validity_months=12,
        renewal=CoursePage.RENEWAL_FINAL_TEST,
    )


@pytest.fixture
def certified(learner, renewable):
    complete(learner, renewable)
    return certificate_issue(user=learner, course=renewable, holder_name="Noor Jansen")


class TestRenewalByFinalTest:
    def test_passing_again_within_60_days_issues_a_new_certificate(self, learner, certified):
        old = expiring_in(certified, 20)
        submit_final(learner, old.course)
        old.refresh_from_db()
        new = Certificate.objects.get(user=learner, replaced_at__isnull=True)
        assert new.pk != old.pk and new.code != old.code
        assert old.replaced_by == new and old.status() == Certificate.REPLACED
        assert new.status() == Certificate.VALID
        assert new.completed_on == TODAY()
        assert (new.expires_on - TODAY()).days in range(365, 367), "today + the validity"
        assert new.holder_name == "Noor Jansen", "the name the holder chose stays"
        assert new.basis == Certificate.BASIS_FINAL_TEST

    def test_also_after_expiry(self, learner, certified):
        expiring_in(certified, -5)
        submit_final(learner, certified.course)
        certified.refresh_from_db()
        assert certified.replaced_by is not None

    def test_not_before_the_renewal_opens(self, learner, certified):
        expiring_in(certified, 61)
        submit_final(learner, certified.course)
        certified.refresh_from_db()
        assert certified.replaced_at is None
        assert Certificate.objects.count() == 1

    def test_renewal_opens_at_exactly_60_days(self, certified):
        assert certificate_renewal_is_open(certificate=expiring_in(certified, 60))
        assert not certificate_renewal_is_open(certificate=expiring_in(certified, 61))

    def test_a_failed_retake_renews_nothing(self, learner, certified):
        expiring_in(certified, 10)
        submit_final(learner, certified.course, right=False)
        assert Certificate.objects.count() == 1

    def test_a_course_without_renewal_is_not_renewed(self, learner, certified):
        CoursePage.objects.filter(pk=certified.course_id).update(renewal="")
        expiring_in(certified, 10)
        submit_final(learner, CoursePage.objects.get(pk=certified.course_id))
        assert Certificate.objects.count() == 1

    def test_a_revoked_certificate_is_not_renewed(self, learner, certified):
        from courses.services import certificate_revoke

        expiring_in(certified, 10)
        certificate_revoke(certificate=certified, reason="fout")
        submit_final(learner, certified.course)
        assert Certificate.objects.count() == 1

    def test_the_same_form_twice_renews_once(self, learner, certified):
        expiring_in(certified, 10)
        token = str(uuid.uuid4())
        course = certified.course
        answers = {b.id: [f"{b.id}-a"] for b in course.final_test}
        for _ in range(2):
            assessment_submit(
                user=learner, course=course, kind=TestAttempt.FINAL, token=token, answers=answers
            )
        assert Certificate.objects.count() == 2

    def test_a_second_renewal_chains_on(self, learner, certified):
        expiring_in(certified, 10)
        submit_final(learner, certified.course)
        second = expiring_in(Certificate.objects.get(replaced_at__isnull=True), 5)
        submit_final(learner, certified.course)
        second.refresh_from_db()
        assert second.replaced_by is not None
        assert Certificate.objects.filter(replaced_at__isnull=True).count() == 1
        assert Certificate.objects.count() == 3


class TestCompletionHistory:
    def test_renewal_keeps_the_first_completion_and_adds_a_row(self, learner, certified):
        enrolment = Enrolment.objects.get(user=learner)
        first_completed_at = enrolment.completed_at
        old = expiring_in(certified, 10)
        submit_final(learner, old.course)
        enrolment.refresh_from_db()
        assert enrolment.completed_at == first_completed_at, "the first completion stays"
        history = list(
            Certificate.objects.filter(user=learner, course=old.course).order_by("issued_at", "pk")
        )
        assert [c.basis for c in history] == [
            Certificate.BASIS_COURSE,
            Certificate.BASIS_FINAL_TEST,
        ]
        assert history[0].completed_on == old.completed_on, "the old row is not rewritten"

    def test_issue_returns_the_current_certificate_after_renewal(self, learner, certified):
        expiring_in(certified, 10)
        submit_final(learner, certified.course)
        current = Certificate.objects.get(replaced_at__isnull=True)
        again = certificate_issue(user=learner, course=certified.course, holder_name="Ander")
        assert again.pk == current.pk


class TestRenewalByRefresher:
    @pytest.fixture
    def refresher(self, homepage):
        return course_with_lessons(lessons=1, final_test=final_questions())

    @pytest.fixture
    def main_course(self, homepage, refresher):
        return course_with_lessons(
            lessons=1,
            certificate_validity_months=24,
            renewal=CoursePage.RENEWAL_REFRESHER,
            refresher_course=refresher,
        )

    def test_completing_the_refresher_renews_the_linked_certificate(
        self, learner, main_course, refresher
    ):
        complete(learner, main_course)
        old = certificate_issue(user=learner, course=main_course, holder_name="Sam de Vries")
        expiring_in(old, 30)
        complete(learner, refresher)
        old.refresh_from_db()
        new = old.replaced_by
        assert new is not None and new.course_id == main_course.pk
        assert new.basis == Certificate.BASIS_REFRESHER
        assert (new.expires_on - TODAY()).days in range(730, 733)

    def test_passing_the_refresher_test_again_renews_a_later_round(
        self, learner, main_course, refresher
    ):
        complete(learner, main_course)
        old = certificate_issue(user=learner, course=main_course, holder_name="Sam de Vries")
        complete(learner, refresher)  # early: renewal not open yet, nothing happens
        assert Certificate.objects.count() == 1
        expiring_in(old, 30)
        submit_final(learner, refresher)
        old.refresh_from_db()
        assert old.replaced_by is not None

    def test_the_course_needs_a_refresher_to_choose_it(self, main_course):
        main_course.refresher_course = None
        with pytest.raises(ValidationError) as error:
            main_course.full_clean()
        assert "refresher_course" in error.value.message_dict

    def test_a_course_cannot_refresh_itself(self, main_course):
        main_course.refresher_course = main_course
        with pytest.raises(ValidationError) as error:
            main_course.full_clean()
        assert "refresher_course" in error.value.message_dict


class TestCourseRules:
    def test_renewal_by_test_needs_a_final_test(self, homepage):
        course = course_with_lessons(lessons=1, certificate_validity_months=12)
        course.renewal = CoursePage.RENEWAL_FINAL_TEST
        with pytest.raises(ValidationError) as error:
            course.full_clean()
        assert "renewal" in error.value.message_dict

    def test_renewal_needs_a_validity(self, homepage):
        course = course_with_lessons(lessons=1, final_test=final_questions())
        course.renewal = CoursePage.RENEWAL_FINAL_TEST
        with pytest.raises(ValidationError) as error:
            course.full_clean()
        assert "renewal" in error.value.message_dict


class TestOneCurrentCertificate:
    def row(self, learner, course, **fields):
        return Certificate.objects.create(
            code=certificate_code_new(),
            user=learner,
            course=course,
            holder_name="Noor Jansen",
            course_title="Signaleren en handelen",
            provider_name="ROR",
            completed_on=TODAY(),
            **fields,
        )

    def test_two_current_certificates_are_refused(self, learner, certified):
        with pytest.raises(IntegrityError), transaction.atomic():
            self.row(learner, certified.course)

    def test_a_replaced_one_and_a_current_one_may_coexist(self, learner, certified):
        Certificate.objects.filter(pk=certified.pk).update(replaced_at=timezone.now())
        self.row(learner, certified.course)
        assert Certificate.objects.count() == 2

    def test_replaced_by_needs_the_replacement_time(self, learner, certified):
        other = self.row(learner, certified.course, revoked_at=timezone.now())
        with pytest.raises(IntegrityError), transaction.atomic():
            Certificate.objects.filter(pk=certified.pk).update(replaced_by=other)


class TestDashboardAndVerification:
    def test_dashboard_offers_verlengen_for_expiring_and_expired(self, client, learner, certified):
        client.force_login(learner)
        for days in (30, -3):
            expiring_in(certified, days)
            dashboard = learner_dashboard(user=learner)
            url = reverse("courses:test", args=[certified.course_id, "final"])
            assert dashboard.renew_urls == {certified.code: url}
            html = client.get(reverse("courses:dashboard")).content.decode()
            assert "Verlengen" in html and url in html

    def test_no_verlengen_before_60_days_or_for_a_replaced_certificate(self, learner, certified):
        expiring_in(certified, 90)
        assert learner_dashboard(user=learner).renew_urls == {}
        expiring_in(certified, 10)
        submit_final(learner, certified.course)
        dashboard = learner_dashboard(user=learner)
        assert certified.code not in dashboard.renew_urls
        assert len(dashboard.certificates) == 2, "the old one stays in the list, as replaced"

    def test_dashboard_leads_to_the_refresher_course(self, learner, homepage):
        refresher = course_with_lessons(lessons=1)
        course = course_with_lessons(
            lessons=1,
            certificate_validity_months=12,
            renewal=CoursePage.RENEWAL_REFRESHER,
            refresher_course=refresher,
        )
        complete(learner, course)
        certificate = expiring_in(
            certificate_issue(user=learner, course=course, holder_name="Noor"), 7
        )
        assert learner_dashboard(user=learner).renew_urls == {certificate.code: refresher.url}

    def test_replaced_certificate_reads_vervangen_without_a_name(self, client, learner, certified):
        expiring_in(certified, 10)
        submit_final(learner, certified.course)
        html = client.get(reverse("courses:verify", args=[certified.code])).content.decode()
        assert "Dit certificaat is vervangen door een nieuwer certificaat." in html
        assert "Noor Jansen" not in html
        new = Certificate.objects.get(replaced_at__isnull=True)
        assert new.code not in html, "the new code is the holder's to share"
        html = client.get(reverse("courses:verify", args=[new.code])).content.decode()
        assert "Dit certificaat is geldig" in html and "Noor Jansen" in html
