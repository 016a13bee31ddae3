"""The demo group shows every figure a trainer needs; the scale seeder makes what it says."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from courses.models import Cohort, CohortMembership, LessonProgress
from courses.selectors.cohorts import cohort_report
from courses.services import course_import

from .test_blocks_and_import import COURSE

pytestmark = pytest.mark.django_db


def test_demo_group_has_enough_learners_for_every_figure(homepage, settings):
    settings.DEBUG = True
    data = {**COURSE, "courses": [{**COURSE["courses"][0], "key": "basistraining-signaleren"}]}
    course_import(data=data)
    call_command("seed_cohort", "--demo")
    call_command("seed_cohort", "--demo")  # a second run adds nothing
    cohort = Cohort.objects.get()
    report = cohort_report(cohort=cohort, course=cohort.courses.get())
    assert report.member_count == 8
    assert report.gain_mean is not None and len(report.gains) >= 5
    assert report.completion_rate >= 6 / 8
    assert not report.items[0].suppressed


def test_demo_accounts_need_debug(homepage, settings):
    settings.DEBUG = False
    with pytest.raises(Exception, match="DEBUG"):
        call_command("seed_cohort", "--demo")


def test_scale_seed(homepage):
    call_command("seed_cohort", "--learners", "40", "--lessons", "5")
    cohort = Cohort.objects.get()
    assert CohortMembership.objects.filter(cohort=cohort).count() == 40
    assert LessonProgress.objects.filter(course__cohorts=cohort).exists()
