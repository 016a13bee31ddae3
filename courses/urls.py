from django.urls import path, register_converter

from . import api
from .converters import IdConverter
from .views import cohorts, learning, trainer

# Ids in URLs: 18 digits at most, so none overflows a 64-bit column (a 404 instead of a 500).
register_converter(IdConverter, "id")

app_name = "courses"
urlpatterns = [
    path("mijn-leeromgeving/", learning.dashboard_view, name="dashboard"),
    path(
        "mijn-leeromgeving/herinneringen-certificaten/",
        learning.certificate_reminders_view,
        name="certificate_reminders",
    ),
    path("certificaat/<str:code>/", learning.certificate_verify_view, name="verify"),
    path("leren/cursus/<id:course_id>/inschrijven/", learning.enrol_view, name="enrol"),
    path("leren/cursus/<id:course_id>/toets/<str:kind>/", learning.test_view, name="test"),
    path(
        "leren/cursus/<id:course_id>/toets/<str:kind>/uitslag/<uuid:token>/",
        learning.test_result_view,
        name="test_result",
    ),
    path(
        "leren/cursus/<id:course_id>/certificaat/",
        learning.certificate_issue_view,
        name="certificate_issue",
    ),
    path(
        "leren/certificaat/<str:code>/pdf/",
        learning.certificate_download_view,
        name="certificate_download",
    ),
    path(
        "leren/les/<id:lesson_id>/vraag/<str:question_id>/",
        learning.question_answer_view,
        name="answer",
    ),
    path(
        "leren/les/<id:lesson_id>/casus/<str:dilemma_id>/<str:step_id>/",
        learning.dilemma_choice_view,
        name="dilemma",
    ),
    path(
        "leren/les/<id:lesson_id>/reflectie/<str:prompt_id>/",
        learning.reflection_save_view,
        name="reflection",
    ),
    path("leren/les/<id:lesson_id>/afronden/", learning.lesson_complete_view, name="complete"),
    path("trainer/", trainer.trainer_home_view, name="trainer_home"),
    path("trainer/groep/<id:cohort_id>/", trainer.cohort_dashboard_view, name="trainer_cohort"),
    path(
        "trainer/groep/<id:cohort_id>/export/<str:kind>.<str:fmt>",
        trainer.cohort_export_view,
        name="trainer_export",
    ),
    path(
        "trainer/groep/<id:cohort_id>/herinnering/",
        trainer.cohort_remind_view,
        name="trainer_remind",
    ),
    path("groep/aanmelden/", cohorts.cohort_code_view, name="cohort_code"),
    path("groep/uitnodiging/<str:token>/", cohorts.cohort_join_view, name="cohort_join"),
    path("groep/<id:cohort_id>/verlaten/", cohorts.cohort_leave_view, name="cohort_leave"),
    path(
        "groep/<id:cohort_id>/herinneringen/",
        cohorts.cohort_reminders_view,
        name="cohort_reminders",
    ),
    path("api/v1/progress/", api.progress_record_api, name="api_progress"),
    path("api/v1/progress/<id:lesson_id>/", api.progress_detail_api, name="api_progress_detail"),
    path("api/v1/answers/", api.answer_api, name="api_answer"),
]
