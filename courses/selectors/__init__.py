"""Reads for the courses app: learners' own views (``learning``) and trainers' cohorts (``cohorts``)."""

from .learning import *  # noqa: F403
from .learning import (  # noqa: F401 - names other modules import from here
    COMPLETE,
    IN_PROGRESS,
    NOT_STARTED,
    CourseOverview,
    Dashboard,
    LessonEntry,
    _lessons_by_course,
    certificate_by_code,
    certificate_for_owner,
    course_catalogue,
    course_overview,
    course_related,
    courses_exist,
    courses_for_kennisbank_page,
    learner_dashboard,
    lesson_context,
    lesson_progress_for,
)
