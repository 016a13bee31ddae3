"""Writes for the courses app: learning (``learning``) and course content (``content``)."""

from .content import (
    CourseImportReport,
    course_import,
    course_import_file,
    course_index_page_ensure,
)
from .learning import (
    LearningError,
    NotEnrolled,
    assessment_submit,
    certificate_code_new,
    certificate_issue,
    certificate_revoke,
    course_completion_update,
    course_of,
    dilemma_choice_record,
    enrolment_create,
    final_test_is_open,
    lesson_progress_record,
    question_answer,
    reflection_note_save,
)

__all__ = [
    "CourseImportReport",
    "LearningError",
    "NotEnrolled",
    "certificate_code_new",
    "certificate_issue",
    "certificate_revoke",
    "course_completion_update",
    "course_import",
    "course_import_file",
    "course_index_page_ensure",
    "course_of",
    "dilemma_choice_record",
    "enrolment_create",
    "final_test_is_open",
    "lesson_progress_record",
    "question_answer",
    "reflection_note_save",
    "assessment_submit",
]
