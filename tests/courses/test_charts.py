"""The trainer's charts: dates on the x-axis, a scale on the y-axis, the gain as bars, and
each with its table."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment
from courses.selectors.charts import completions_chart, distribution_chart, nice_ticks
from courses.selectors.cohorts import MIN_GROUP

from .test_cohorts import (  # noqa: F401 - fixtures
    course,
    learners_in,
    make_cohort,
    shared_course_id,
    trainer,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def test_scale_uses_round_steps_up_to_the_top():
    assert nice_ticks(1) == [0, 1]
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(23) == [0, 10, 20, 30]
    assert nice_ticks(100) == [0, 50, 100]


def test_completions_chart_places_dates_by_time_and_labels_both_axes():
    chart = completions_chart(
        [(D(2026, 11, 1), 2, 2), (D(2026, 11, 3), 1, 3), (D(2026, 11, 11), 4, 7)]
    )
    assert [t.value for t in chart.y_ticks] == [0, 2, 4, 6, 8]
    assert chart.x_ticks[0].value == D(2026, 11, 1) and chart.x_ticks[-1].value == D(2026, 11, 11)
    assert len(chart.x_ticks) == 5
    xs = [x for x, _y in chart.dots]
    # Two days then eight: the gaps follow the calendar, not the row number.
    assert (xs[2] - xs[1]) == pytest.approx(4 * (xs[1] - xs[0]), rel=0.01)
    assert chart.dots[-1][1] > chart.top, "7 of a scale to 8 is below the top"


def test_distribution_chart_has_a_bar_per_bucket_with_its_height():
    chart = distribution_chart([("0 tot 10", 1), ("10 tot 20", 0), ("20 tot 30", 4)])
    assert [b["count"] for b in chart.bars] == [1, 0, 4]
    assert chart.bars[1]["height"] == 0
    assert chart.bars[2]["height"] == pytest.approx(4 * chart.bars[0]["height"], rel=0.01)


def test_trainer_page_draws_both_charts_with_axes_and_tables(client, trainer, course):  # noqa: F811
    cohort = make_cohort(trainer, course)
    learners_in(cohort, course, MIN_GROUP)
    # Completions spread over days, so the x-axis has more than one date.
    for offset, enrolment in enumerate(Enrolment.objects.filter(course=course)):
        enrolment.completed_at = timezone.now() - datetime.timedelta(days=offset * 3)
        enrolment.save(update_fields=["completed_at"])
    client.force_login(trainer)
    html = client.get(reverse("courses:trainer_cohort", args=[cohort.pk])).content.decode()
    completion = html[html.index('aria-labelledby="grafiek-titel"') :]
    completion = completion[: completion.index("</svg>")]
    dates = re.findall(r">(\d{1,2}-\d{1,2})</text>", completion)
    assert len(dates) >= 2, "dates along the x-axis"
    scale = re.findall(r'text-anchor="end" fill="#1f2933">(\d+)</text>', completion)
    assert scale[0] == "0" and len(scale) >= 3, "a scale up the y-axis, not only the maximum"
    gain = html[html.index('aria-labelledby="leerwinst-grafiek-titel"') :]
    gain = gain[: gain.index("</svg>")]
    assert gain.count("<rect") >= 1 and ">90</text>" in gain, "bars labelled by their bucket"
    assert "Verdeling van de leerwinst (procentpunten)" in html, "the table stays beside it"
    assert "Cijfers als tabel" in html
    # On phones the matrix scrolls inside a labelled, focusable region that says so.
    assert re.search(
        r'<div class="table-wrap" tabindex="0" role="region" aria-labelledby="voortgang" '
        r'aria-describedby="voortgang-hint">',
        html,
    )
