"""Block validation, course validation and the course import format."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.blocks import StructBlockValidationError

from courses.blocks import CaseDilemmaBlock, LessonImageBlock, QuizQuestionBlock
from courses.importing import CourseImportError
from courses.models import CoursePage, LessonPage, Provider
from courses.services import course_import

from .factories import CoursePageFactory

pytestmark = pytest.mark.django_db


def quiz(options, multiple=False):
    block = QuizQuestionBlock()
    return block, block.to_python(
        {
            "question": "Wat doet u?",
            "multiple": multiple,
            "explanation": "",
            "options": [{"text": t, "correct": c, "feedback": ""} for t, c in options],
        }
    )


class TestBlocks:
    def test_question_needs_a_correct_option(self):
        block, value = quiz([("a", False), ("b", False)])
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(value)
        assert "options" in error.value.block_errors

    def test_several_correct_options_need_multiple(self):
        block, value = quiz([("a", True), ("b", True)])
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(value)
        assert "multiple" in error.value.block_errors
        block, value = quiz([("a", True), ("b", True)], multiple=True)
        assert block.clean(value)["multiple"] is True

    def test_image_needs_alt_text_unless_decorative(self):
        block = LessonImageBlock()
        value = block.to_python({"image": None, "alt_text": "", "decorative": False, "caption": ""})
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(value)
        assert "alt_text" in error.value.block_errors or "image" in error.value.block_errors

    def test_dilemma_step_needs_a_recommended_choice(self):
        block = CaseDilemmaBlock()
        value = block.to_python(
            {
                "title": "Casus",
                "scenario": "Een leerling zegt iets.",
                "steps": [
                    {
                        "situation": "Stilte in de klas.",
                        "question": "Wat doet u?",
                        "choices": [
                            {"text": "a", "consequence": "x", "feedback": "", "recommended": False},
                            {"text": "b", "consequence": "y", "feedback": "", "recommended": False},
                        ],
                    }
                ],
                "conclusion": "<p>Overleg.</p>",
                "contacts": [],
            }
        )
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(value)
        assert "steps" in error.value.block_errors

    @pytest.mark.parametrize(
        ("block", "shown"), [(QuizQuestionBlock(), "question"), (CaseDilemmaBlock(), "title")]
    )
    def test_block_templates_render_their_preview_values(self, block, shown):
        html = block.render(block.to_python(block.meta.preview_value))
        assert block.meta.preview_value[shown] in html


class TestCourseValidation:
    def test_certificate_may_not_say_radicalisering(self, homepage):
        page = CoursePageFactory.build(
            title="Basistraining signaleren van radicalisering",
            certificate_title="",
            provider=Provider.objects.create(key="ror", name="ROR"),
        )
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "certificate_title" in error.value.message_dict
        page.certificate_title = "Basistraining signaleren en handelen"
        page.clean()

    def test_a_provider_named_after_radicalisation_prints_its_abbreviation(self):
        provider = Provider(key="ror", name="Rijksopleidingsinstituut tegengaan Radicalisering")
        with pytest.raises(ValidationError) as error:
            provider.clean()
        assert "neutral_name" in error.value.message_dict
        provider.short_name = "ROR"
        with pytest.raises(ValidationError):
            provider.clean()  # an abbreviation explains nothing to an employer
        assert provider.certificate_name != "ROR"
        assert "radicali" not in provider.certificate_name.lower()
        provider.neutral_name = "Opleidingsinstituut van de Dienst Justitiële Inrichtingen"
        provider.clean()
        assert provider.certificate_name == provider.neutral_name
        neutral = Provider(key="ssv", name="Stichting School en Veiligheid", short_name="SSV")
        assert neutral.certificate_name == "Stichting School en Veiligheid"

    def test_pre_test_same_needs_a_final_test(self, homepage):
        page = CoursePageFactory.build(pre_test_mode="same", provider=Provider(key="x", name="X"))
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "pre_test_mode" in error.value.message_dict


COURSE = {
    "version": 1,
    "providers": [{"key": "ssv", "name": "Stichting School en Veiligheid", "short_name": "SSV"}],
    "courses": [
        {
            "key": "spanningen-in-de-klas",
            "title": "Spanningen in de klas",
            "provider": "ssv",
            "format": "e-learning",
            "summary": "Het gesprek voeren als het schuurt.",
            "roles": ["docent"],
            "themes": ["polarisatie"],
            "learning_goals": ["U kent de rollen in polarisatie."],
            "duration_minutes": 60,
            "accreditation_points": 2,
            "accreditation_register": "Registerleraar",
            "certificate_validity_months": 36,
            "pass_mark": 70,
            "pre_test_mode": "same",
            "final_test": [
                {
                    "question": "Wie is de stille middengroep?",
                    "multiple": False,
                    "explanation": "De meesten kiezen geen kant.",
                    "options": [
                        {"text": "De meeste leerlingen", "correct": True, "feedback": "Ja."},
                        {"text": "De aanjagers", "correct": False, "feedback": "Nee."},
                    ],
                }
            ],
            "related_guides": [],
            "related_practices": [],
            "lessons": [
                {
                    "key": "spanningen-les-1",
                    "title": "Wat is polarisatie?",
                    "module": "Module 1",
                    "summary": "Wij-zij-denken herkennen.",
                    "duration_minutes": 15,
                    "body": [
                        {"type": "heading", "text": "Wij en zij", "level": "h2"},
                        {
                            "type": "text",
                            "html": "<p>Polarisatie is <script>x</script>een proces.</p>",
                        },
                        {
                            "type": "question",
                            "question": "Is polarisatie altijd slecht?",
                            "multiple": False,
                            "explanation": "Verschil mag er zijn.",
                            "options": [
                                {"text": "Nee", "correct": True, "feedback": "Klopt."},
                                {"text": "Ja", "correct": False, "feedback": "Niet altijd."},
                            ],
                        },
                        {"type": "reflection", "prompt": "Wanneer schuurde het in uw klas?"},
                    ],
                }
            ],
        }
    ],
}


class TestImport:
    def test_import_creates_published_pages_and_reimport_keeps_block_ids(self, homepage):
        report = course_import(data=COURSE)
        assert (report.created, report.updated, report.lessons) == (1, 0, 1)
        course = CoursePage.objects.get(external_key="spanningen-in-de-klas")
        lesson = LessonPage.objects.get(external_key="spanningen-les-1")
        assert course.live and lesson.live and lesson.get_parent().pk == course.pk
        assert "script" not in str(lesson.body[1].value)
        ids = lesson.question_ids()
        report = course_import(data=COURSE)
        assert (report.created, report.updated) == (0, 1)
        lesson.refresh_from_db()
        assert lesson.question_ids() == ids
        assert LessonPage.objects.count() == 1

    def test_import_sets_renewal_by_final_test(self, homepage):
        data = copy.deepcopy(COURSE)
        data["courses"][0]["renewal"] = "final_test"
        course_import(data=data)
        course = CoursePage.objects.get(external_key="spanningen-in-de-klas")
        assert course.renewal == CoursePage.RENEWAL_FINAL_TEST
        course_import(data=COURSE)  # without the field: not renewable
        course.refresh_from_db()
        assert course.renewal == CoursePage.RENEWAL_NONE

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (
                lambda d: d["courses"][0].update(provider="onbekend"),
                "spanningen-in-de-klas: provider",
            ),
            (lambda d: d["courses"][0].update(roles=["astronaut"]), "spanningen-in-de-klas: roles"),
            (
                lambda d: d["providers"][0].update(name="Centrum Radicalisering", short_name="CR"),
                "ssv: neutral_name",
            ),
            (
                lambda d: d["courses"][0].update(title="Radicalisering herkennen"),
                "spanningen-in-de-klas: certificate_title",
            ),
            (
                lambda d: d["courses"][0]["lessons"][0]["body"][2]["options"][0].update(
                    correct=False
                ),
                "spanningen-les-1: body[2].options",
            ),
            (
                lambda d: d["courses"][0]["lessons"][0]["body"].append({"type": "video"}),
                "spanningen-les-1: body[4].type",
            ),
            (
                lambda d: d["courses"][0].update(renewal="refresher"),
                "spanningen-in-de-klas: renewal",
            ),
            (
                lambda d: d["courses"][0].update(renewal="final_test", final_test=[]),
                "spanningen-in-de-klas: renewal",
            ),
            (
                lambda d: d["courses"][0].update(
                    renewal="final_test", certificate_validity_months=None
                ),
                "spanningen-in-de-klas: renewal",
            ),
        ],
    )
    def test_invalid_file_names_record_and_field_and_writes_nothing(
        self, homepage, change, expected
    ):
        data = copy.deepcopy(COURSE)
        change(data)
        with pytest.raises(CourseImportError) as error:
            course_import(data=data)
        assert any(message.startswith(expected) for message in error.value.errors), (
            error.value.errors
        )
        assert not CoursePage.objects.exists() and not Provider.objects.exists()

    def test_command_exits_non_zero_with_the_errors(self, homepage, tmp_path):
        path = tmp_path / "cursussen.json"
        path.write_text('{"version": 1, "courses": []}', encoding="utf-8")
        with pytest.raises(CommandError, match="courses: ontbreekt"):
            call_command("import_courses", str(path))

    def test_dry_run_writes_nothing(self, homepage, tmp_path):
        import json

        path = tmp_path / "cursussen.json"
        path.write_text(json.dumps(COURSE), encoding="utf-8")
        call_command("import_courses", str(path), "--dry-run")
        assert not CoursePage.objects.exists()
