from .cohorts import Cohort, CohortMembership
from .learning import (
    ANSWER_SCHEMA_VERSION,
    Certificate,
    CertificateReminder,
    CertificateReminderOptOut,
    DilemmaResponse,
    Enrolment,
    LessonProgress,
    QuestionResponse,
    ReflectionNote,
    TestAttempt,
)
from .pages import CourseIndexPage, CoursePage, LessonPage, Provider

__all__ = [
    "ANSWER_SCHEMA_VERSION",
    "Certificate",
    "CertificateReminder",
    "CertificateReminderOptOut",
    "Cohort",
    "CohortMembership",
    "CourseIndexPage",
    "CoursePage",
    "DilemmaResponse",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "Provider",
    "QuestionResponse",
    "ReflectionNote",
    "TestAttempt",
]
