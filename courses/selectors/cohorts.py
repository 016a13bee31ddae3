"""Reads for trainers: their cohorts, and per cohort and course what the learners agreed to share.

Never reflection notes. Group figures over fewer than ``MIN_GROUP`` learners are suppressed, so
no single learner can be singled out. Every query is bounded by the cohort (a subquery on its
memberships, never a list of ids) and runs once per report, whatever the number of learners or
lessons; only the matrix is paginated, because a page of 5,000 rows helps nobody.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.roles import TRAINERS

from ..models import (
    Cohort,
    CohortMembership,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuestionResponse,
    TestAttempt,
)
from .charts import Chart, completions_chart, distribution_chart
from .gain import learning_gain_of
from .learning import COMPLETE, IN_PROGRESS, NOT_STARTED, _lessons_by_course

MIN_GROUP = 5
MATRIX_PAGE_SIZE = 50


def cohorts_for_trainer(*, trainer) -> list[Cohort]:
    return list(
        Cohort.objects.filter(trainer=trainer)
        .annotate(member_count=Count("memberships"))
        .prefetch_related("courses")
    )


def cohort_for_trainer(*, trainer, cohort_id: int) -> Cohort | None:
    """The cohort only if ``trainer`` leads it: anyone else's id finds nothing."""
    if not trainer.is_authenticated:
        return None
    return Cohort.objects.filter(pk=cohort_id, trainer=trainer).first()


def memberships_for_learner(*, user) -> list[CohortMembership]:
    return list(
        CohortMembership.objects.filter(user=user)
        .select_related("cohort", "cohort__trainer")
        .order_by("-joined_at")
    )


def _members(cohort: Cohort):
    return CohortMembership.objects.filter(cohort=cohort).values("user_id")


def cohort_inactive_user_ids(
    *, cohort: Cohort, course: CoursePage, reminders: bool = False
) -> list[int]:
    """Members who have not finished ``course`` and did nothing in it for
    ``inactive_after_days`` days (or never started). The one definition the dashboard's list and
    the reminder e-mail share; with ``reminders``, who opted out is left out."""
    threshold = timezone.now() - timedelta(days=cohort.inactive_after_days)
    memberships = CohortMembership.objects.filter(cohort=cohort)
    if reminders:
        memberships = memberships.filter(reminders_opt_out=False)
    active_or_done = Enrolment.objects.filter(course=course, user_id__in=memberships.values("user_id")).filter(
        Q(completed_at__isnull=False) | Q(last_activity_at__gte=threshold)
    )  # fmt: skip
    return list(
        memberships.exclude(user_id__in=active_or_done.values("user_id"))
        .order_by("user__email")
        .values_list("user_id", flat=True)
    )


class _EnrolmentRow(NamedTuple):
    completed_at: object
    last_activity_at: object


@dataclass
class MatrixRow:
    user_id: int
    name: str
    cells: list[dict]
    completed_at: object = None
    last_activity: object = None


@dataclass
class ItemRow:
    number: int
    lesson: str
    question: str
    respondents: int
    suppressed: bool
    share_correct: float | None = None
    wrong_options: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class CohortReport:
    cohort: Cohort
    course: CoursePage
    lessons: list
    member_count: int
    matrix: object  # a Paginator page of MatrixRow
    suppressed: bool
    completion_rate: float | None
    average_score: float | None
    inactive: list[MatrixRow]
    gains: list[int]
    gain_mean: float | None
    gain_median: float | None
    gain_distribution: list[tuple[str, int]]
    items: list[ItemRow]
    completions: list[tuple[date, int, int]]  # day, completed that day, cumulative

    @property
    def chart(self) -> Chart:
        """Completions over time, with dates on the x-axis and a scale on the y-axis."""
        return completions_chart(self.completions)

    @property
    def gain_chart(self) -> Chart:
        """The learning-gain distribution as bars (the table beside it has the same numbers)."""
        return distribution_chart(self.gain_distribution)


def _display_name(user) -> str:
    profile = getattr(user, "profile", None)
    name = getattr(profile, "display_name", "") if profile else ""
    return name or user.get_full_name() or user.email


def cohort_report(
    *, cohort: Cohort, course: CoursePage, page: int | str = 1, page_size: int = MATRIX_PAGE_SIZE
) -> CohortReport:
    """The trainer's figures for one course; ``page_size=None``-like large values export all."""
    lessons = _lessons_by_course([course])[course.pk]
    lesson_ids = [lesson.pk for lesson in lessons]
    members = _members(cohort)
    member_count = CohortMembership.objects.filter(cohort=cohort).count()
    suppressed = member_count < MIN_GROUP

    enrolments = {
        user_id: _EnrolmentRow(completed_at, last_activity_at)
        for user_id, completed_at, last_activity_at in Enrolment.objects.filter(
            course=course, user_id__in=members
        ).values_list("user_id", "completed_at", "last_activity_at")
    }
    completed_count = sum(1 for e in enrolments.values() if e.completed_at)

    memberships = (
        CohortMembership.objects.filter(cohort=cohort)
        .select_related("user", "user__profile")
        .order_by("user__email")
    )
    paginator = Paginator(memberships, page_size)
    matrix_page = paginator.get_page(page)
    page_user_ids = [m.user_id for m in matrix_page.object_list]
    progress = defaultdict(dict)
    for row in LessonProgress.objects.filter(
        user_id__in=page_user_ids, lesson_id__in=lesson_ids
    ).only("user_id", "lesson_id", "progress", "first_completed_at", "updated_at"):
        progress[row.user_id][row.lesson_id] = row
    rows = []
    for membership in matrix_page.object_list:
        cells = []
        for lesson in lessons:
            row = progress[membership.user_id].get(lesson.pk)
            if row is None:
                cells.append({"state": NOT_STARTED, "date": None})
            elif row.first_completed_at:
                cells.append({"state": COMPLETE, "date": row.first_completed_at})
            else:
                cells.append({"state": IN_PROGRESS, "date": row.updated_at})
        enrolment = enrolments.get(membership.user_id)
        rows.append(
            MatrixRow(
                user_id=membership.user_id,
                name=_display_name(membership.user),
                cells=cells,
                completed_at=enrolment.completed_at if enrolment else None,
                last_activity=enrolment.last_activity_at if enrolment else None,
            )
        )
    matrix_page.object_list = rows

    inactive_ids = cohort_inactive_user_ids(cohort=cohort, course=course)
    inactive = [
        MatrixRow(user_id=m.user_id, name=_display_name(m.user), cells=[],
                  last_activity=getattr(enrolments.get(m.user_id), "last_activity_at", None))
        for m in CohortMembership.objects.filter(cohort=cohort, user_id__in=inactive_ids[:200])
        .select_related("user", "user__profile").order_by("user__email")
    ]  # fmt: skip

    answered = QuestionResponse.objects.filter(user_id__in=members, lesson_id__in=lesson_ids)
    score = answered.aggregate(
        total=Count("pk"), correct=Count("pk", filter=Q(first_is_correct=True))
    )
    average_score = score["correct"] / score["total"] if score["total"] else None

    # The same definition as on the learner's own pages (``gain.py``): a pass after a failed
    # first try counts as the pass.
    pre_of, finals_of = {}, defaultdict(list)
    for attempt in (
        TestAttempt.objects.filter(course=course, user_id__in=members)
        .order_by("submitted_at", "pk")
        .only("user_id", "kind", "score", "passed")
    ):
        if attempt.kind == TestAttempt.PRE:
            pre_of.setdefault(attempt.user_id, attempt)
        else:
            finals_of[attempt.user_id].append(attempt)
    gains = [
        gain.points
        for user_id, pre in pre_of.items()
        if (gain := learning_gain_of(pre=pre, finals=finals_of[user_id])) is not None
    ]
    gain_suppressed = len(gains) < MIN_GROUP
    buckets = Counter()
    for gain in gains:
        low = max(-100, min(90, (gain // 10) * 10))
        buckets[low] += 1
    # Every bucket between the lowest and highest, empty ones too, so the chart has no gaps.
    lows = range(min(buckets), max(buckets) + 10, 10) if buckets else []
    distribution = [(f"{low} tot {low + 10}", buckets[low]) for low in lows]

    items = _item_analysis(course=course, lessons=lessons, members=members)

    by_day = (
        Enrolment.objects.filter(course=course, user_id__in=members, completed_at__isnull=False)
        .annotate(day=TruncDate("completed_at"))
        .values("day")
        .annotate(count=Count("pk"))
        .order_by("day")
    )
    completions, running = [], 0
    for entry in by_day:
        running += entry["count"]
        completions.append((entry["day"], entry["count"], running))

    return CohortReport(
        cohort=cohort,
        course=course,
        lessons=lessons,
        member_count=member_count,
        matrix=matrix_page,
        suppressed=suppressed,
        completion_rate=None if suppressed else completed_count / member_count,
        average_score=None if suppressed else average_score,
        inactive=inactive,
        gains=[] if gain_suppressed else gains,
        gain_mean=None if gain_suppressed else statistics.mean(gains),
        gain_median=None if gain_suppressed else statistics.median(gains),
        gain_distribution=[] if gain_suppressed else distribution,
        items=items,
        completions=[] if suppressed else completions,
    )


def _item_analysis(*, course, lessons, members) -> list[ItemRow]:
    """Per quiz question: share right at the first try, and how often each wrong option was
    chosen then. Questions answered by fewer than ``MIN_GROUP`` learners show no figures."""
    bodies = dict(
        LessonPage.objects.filter(pk__in=[lesson.pk for lesson in lessons]).values_list(
            "pk", "body"
        )
    )
    questions = []
    for lesson in lessons:
        lesson.body = bodies[lesson.pk]  # one query for all bodies, not one per lesson
        for block in lesson.body:
            if block.block_type == "quiz_question":
                questions.append((lesson, block))
    stats = defaultdict(lambda: {"n": 0, "correct": 0, "chosen": Counter()})
    # Grouped in the database by the first answer given: a handful of rows per question, however
    # many learners. Keyed by lesson too: a copied lesson keeps its blocks' ids.
    grouped = (
        QuestionResponse.objects.filter(user_id__in=members, lesson_id__in=list(bodies))
        .values("lesson_id", "question_id", "first_answer", "first_is_correct")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for group in grouped:
        entry = stats[(group["lesson_id"], group["question_id"])]
        entry["n"] += group["n"]
        entry["correct"] += group["n"] if group["first_is_correct"] else 0
        for option_id in (group["first_answer"] or {}).get("selected", []):
            entry["chosen"][option_id] += group["n"]
    rows = []
    for number, (lesson, block) in enumerate(questions, start=1):
        entry = stats[(lesson.pk, block.id)]
        suppressed = entry["n"] < MIN_GROUP
        row = ItemRow(
            number=number,
            lesson=lesson.title,
            question=block.value["question"],
            respondents=entry["n"],
            suppressed=suppressed,
        )
        if not suppressed:
            row.share_correct = entry["correct"] / entry["n"]
            row.wrong_options = [
                (option.value["text"], entry["chosen"][option.id])
                for option in block.value["options"].bound_blocks
                if not option.value["correct"]
            ]
        rows.append(row)
    return rows


def user_is_trainer(*, user) -> bool:
    """Trainers are members of the trainers group (and superusers)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=TRAINERS).exists()


def cohort_by_code(*, code: str) -> Cohort | None:
    """The cohort of a join code as people type it: any case, with or without the dash."""
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(normalised) != 8:
        return None
    return Cohort.objects.filter(join_code=f"{normalised[:4]}-{normalised[4:]}").first()
