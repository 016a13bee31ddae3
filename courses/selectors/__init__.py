"""Reads for the courses app: learners' own views (``learning``) and trainers' cohorts
(``cohorts``, imported from there directly)."""

from .learning import (
    COMPLETE,
    IN_PROGRESS,
    NOT_STARTED,
    CourseOverview,
    Dashboard,
    LessonEntry,
    answered_question_ids,
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

__all__ = [
    "COMPLETE",
    "IN_PROGRESS",
    "NOT_STARTED",
    "CourseOverview",
    "Dashboard",
    "LessonEntry",
    "answered_question_ids",
    "certificate_by_code",
    "certificate_for_owner",
    "course_catalogue",
    "course_overview",
    "course_related",
    "courses_exist",
    "courses_for_kennisbank_page",
    "learner_dashboard",
    "lesson_context",
    "lesson_progress_for",
]
