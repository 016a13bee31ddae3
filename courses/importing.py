"""Validation and conversion for the course exchange format (version 1).

Authors write courses in Wagtail; this format exists for the demo courses and for providers who
bring a training along. The whole file is validated before anything is written, and each problem
is reported as ``<record key>: <field>: <message>``.

Block ids are derived from the lesson key and the block's position (UUID 5), so a re-import
keeps the ids learners' answers refer to.
"""

from __future__ import annotations

import uuid

from core.exchange import KEY_PATTERN, URL_PATTERN, ExchangeFormatError, Validator
from core.sanitize import sanitize_html

from .shuffle import correct_answers_in_one_position

FORMAT_VERSION = 1
ID_NAMESPACE = uuid.UUID("7f0e8a52-3c1d-4c8e-9a57-5b0f6f3c2d11")
FORMATS = {"e-learning", "blended", "masterclass"}
PRE_TEST_MODES = {"none", "same", "own"}
RENEWALS = {"none", "final_test"}
CALLOUT_KINDS = {"signal", "tip", "legal"}
HEADING_LEVELS = {"h2", "h3", "h4"}
FORBIDDEN_ON_CERTIFICATE = "radicali"


class CourseImportError(ExchangeFormatError):
    """The course file is not valid; ``errors`` names each record and field."""


def block_id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(parts)))


class CourseValidator(Validator):
    """Validates records and turns them into StreamField data with stable ids."""

    def __init__(self, *, terms, guides: set[str], practices: set[str], providers: set[str]):
        super().__init__(terms=terms)
        self.guides = guides
        self.practices = practices
        self.providers = set(providers)

    def number(
        self, record, where, name, *, required=True, minimum=0, maximum=10_000, integer=True
    ):
        value = record.get(name)
        if value is None:
            if required:
                self.error(where, name, "ontbreekt")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(where, name, "moet een getal zijn")
            return None
        if integer and value != int(value):
            self.error(where, name, "moet een geheel getal zijn")
            return None
        if not minimum <= value <= maximum:
            self.error(where, name, f"moet tussen {minimum} en {maximum} liggen")
            return None
        return int(value) if integer else value

    def choice(self, record, where, name, choices, *, default=None):
        value = record.get(name, default)
        if value not in choices:
            self.error(where, name, f"moet een van {', '.join(sorted(choices))} zijn")
        return value

    def keys(self, record, where, name, known: set[str]) -> list[str]:
        value = record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(where, name, "moet een lijst met sleutels zijn")
            return []
        for key in value:
            if key not in known:
                self.error(where, name, f"onbekende sleutel '{key}'")
        return list(dict.fromkeys(value))

    def html(self, record, where, name, *, required=True) -> str:
        return sanitize_html(self.text(record, where, name, required=required))

    # --- blocks -------------------------------------------------------------------------------

    def question(self, record, where, label, id_parts) -> dict | None:
        if not isinstance(record, dict):
            self.error(where, label, "moet een object zijn")
            return None
        options = record.get("options")
        if not isinstance(options, list) or not 2 <= len(options) <= 8:
            self.error(where, f"{label}.options", "moet 2 tot 8 antwoorden hebben")
            options = []
        items = []
        for position, option in enumerate(options):
            if not isinstance(option, dict):
                self.error(where, f"{label}.options[{position}]", "moet een object zijn")
                continue
            items.append(
                {
                    "type": "item",
                    "id": block_id(*id_parts, "option", str(position)),
                    "value": {
                        "text": self.text(
                            option,
                            where,
                            "text",
                            max_length=300,
                            label=f"{label}.options[{position}].text",
                        ),
                        "correct": option.get("correct") is True,
                        "feedback": self.text(
                            option,
                            where,
                            "feedback",
                            required=False,
                            label=f"{label}.options[{position}].feedback",
                        ),
                    },
                }
            )
        correct = sum(1 for item in items if item["value"]["correct"])
        multiple = record.get("multiple") is True
        if items and correct == 0:
            self.error(where, f"{label}.options", "geen enkel antwoord is juist")
        if correct > 1 and not multiple:
            self.error(where, f"{label}.multiple", "meer juiste antwoorden: zet multiple op true")
        return {
            "question": self.text(
                record, where, "question", max_length=400, label=f"{label}.question"
            ),
            "multiple": multiple,
            "options": items,
            "explanation": self.text(
                record, where, "explanation", required=False, label=f"{label}.explanation"
            ),
        }

    def dilemma(self, record, where, label, id_parts) -> dict:
        steps = record.get("steps")
        if not isinstance(steps, list) or not 1 <= len(steps) <= 6:
            self.error(where, f"{label}.steps", "moet 1 tot 6 stappen hebben")
            steps = []
        step_items = []
        for s_pos, step in enumerate(steps):
            s_label = f"{label}.steps[{s_pos}]"
            if not isinstance(step, dict):
                self.error(where, s_label, "moet een object zijn")
                continue
            choices = step.get("choices")
            if not isinstance(choices, list) or not 2 <= len(choices) <= 5:
                self.error(where, f"{s_label}.choices", "moet 2 tot 5 keuzes hebben")
                choices = []
            choice_items = []
            for c_pos, choice in enumerate(choices):
                c_label = f"{s_label}.choices[{c_pos}]"
                if not isinstance(choice, dict):
                    self.error(where, c_label, "moet een object zijn")
                    continue
                choice_items.append(
                    {
                        "type": "item",
                        "id": block_id(*id_parts, "step", str(s_pos), "choice", str(c_pos)),
                        "value": {
                            "text": self.text(
                                choice, where, "text", max_length=300, label=f"{c_label}.text"
                            ),
                            "consequence": self.text(
                                choice, where, "consequence", label=f"{c_label}.consequence"
                            ),
                            "feedback": self.text(
                                choice,
                                where,
                                "feedback",
                                required=False,
                                label=f"{c_label}.feedback",
                            ),
                            "recommended": choice.get("recommended") is True,
                        },
                    }
                )
            if choice_items and not any(c["value"]["recommended"] for c in choice_items):
                self.error(where, f"{s_label}.choices", "geen enkele keuze is aanbevolen")
            step_items.append(
                {
                    "type": "item",
                    "id": block_id(*id_parts, "step", str(s_pos)),
                    "value": {
                        "situation": self.text(
                            step, where, "situation", label=f"{s_label}.situation"
                        ),
                        "question": self.text(
                            step,
                            where,
                            "question",
                            required=False,
                            max_length=300,
                            label=f"{s_label}.question",
                        )
                        or "Wat doet u?",
                        "choices": choice_items,
                    },
                }
            )
        contacts = self.objects(
            record, where, "contacts", {"who": (True, 140), "when": True, "how": (True, 200)}
        )
        return {
            "title": self.text(record, where, "title", max_length=160, label=f"{label}.title"),
            "scenario": self.text(record, where, "scenario", label=f"{label}.scenario"),
            "steps": step_items,
            "conclusion": self.html(record, where, "conclusion_html"),
            "contacts": [
                {"type": "item", "id": block_id(*id_parts, "contact", str(i)), "value": c}
                for i, c in enumerate(contacts)
            ],
        }

    def body(self, record, where, lesson_key: str, guide_ids: dict[str, int]) -> list[dict]:
        blocks = record.get("body")
        if not isinstance(blocks, list) or not blocks:
            self.error(where, "body", "ontbreekt of is leeg")
            return []
        stream = []
        for position, block in enumerate(blocks):
            label = f"body[{position}]"
            id_parts = (lesson_key, str(position))
            if not isinstance(block, dict):
                self.error(where, label, "moet een object zijn")
                continue
            kind = block.get("type")
            if kind == "heading":
                level = block.get("level", "h2")
                if level not in HEADING_LEVELS:
                    self.error(where, f"{label}.level", "moet h2, h3 of h4 zijn")
                value, block_type = (
                    {
                        "heading_text": self.text(
                            block, where, "text", max_length=120, label=f"{label}.text"
                        ),
                        "size": level,
                    },
                    "heading_block",
                )
            elif kind == "text":
                value, block_type = self.html(block, where, "html"), "paragraph_block"
            elif kind == "callout":
                value, block_type = (
                    {
                        "kind": self.choice(block, where, "kind", CALLOUT_KINDS, default="tip"),
                        "title": self.text(block, where, "title", required=False, max_length=120),
                        "text": self.html(block, where, "html"),
                    },
                    "callout_block",
                )
            elif kind == "question":
                value, block_type = self.question(block, where, label, id_parts), "quiz_question"
            elif kind == "dilemma":
                value, block_type = self.dilemma(block, where, label, id_parts), "case_dilemma"
            elif kind == "reflection":
                value, block_type = (
                    {"prompt": self.text(block, where, "prompt", label=f"{label}.prompt")},
                    "reflection_prompt",
                )
            elif kind == "guide":
                key = block.get("guide")
                if key not in self.guides:
                    self.error(where, f"{label}.guide", f"onbekende handreiking '{key}'")
                value, block_type = (
                    {
                        "guide": guide_ids.get(key),
                        "text": self.text(block, where, "text", required=False, max_length=250),
                    },
                    "guide_link",
                )
            else:
                self.error(where, f"{label}.type", f"onbekend bloktype '{kind}'")
                continue
            stream.append({"type": block_type, "value": value, "id": block_id(*id_parts)})
        return stream

    def questions(self, record, where, name, key) -> list[dict]:
        value = record.get(name, [])
        if not isinstance(value, list):
            self.error(where, name, "moet een lijst met vragen zijn")
            return []
        stream = []
        for position, item in enumerate(value):
            id_parts = (key, name, str(position))
            question = self.question(item, where, f"{name}[{position}]", id_parts)
            if question is not None:
                stream.append(
                    {"type": "quiz_question", "value": question, "id": block_id(*id_parts)}
                )
        return stream

    # --- records ------------------------------------------------------------------------------

    def provider(self, record, position) -> dict:
        where = f"providers[{position}]"
        if not isinstance(record, dict):
            self.error(where, "provider", "moet een object zijn")
            return {}
        key = record.get("key")
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            self.error(where, "key", "ontbreekt of bevat andere tekens dan a-z, 0-9 en -")
        else:
            where = key
            self.providers.add(key)
        url = self.text(record, where, "url", required=False, max_length=200)
        if url and not URL_PATTERN.match(url):
            self.error(where, "url", "moet met http:// of https:// beginnen")
        name = self.text(record, where, "name", max_length=200)
        short_name = self.text(record, where, "short_name", required=False, max_length=30)
        neutral_name = self.text(record, where, "neutral_name", required=False, max_length=200)
        if name and FORBIDDEN_ON_CERTIFICATE in name.lower() and not neutral_name:
            self.error(
                where,
                "neutral_name",
                "nodig: de naam noemt radicalisering; geef de naam die certificaten tonen "
                "(een eigen neutrale naam of een omschrijving, geen losse afkorting)",
            )
        if neutral_name and FORBIDDEN_ON_CERTIFICATE in neutral_name.lower():
            self.error(where, "neutral_name", "mag 'radicalisering' niet noemen")
        return {
            "key": key,
            "name": name,
            "short_name": short_name,
            "neutral_name": neutral_name,
            "url": url,
            "description": self.text(record, where, "description", required=False, max_length=600),
        }

    def course(self, record, position, guide_ids) -> dict:
        where = f"courses[{position}]"
        if not isinstance(record, dict):
            self.error(where, "course", "moet een object zijn")
            return {}
        key = record.get("key")
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            self.error(where, "key", "ontbreekt of bevat andere tekens dan a-z, 0-9 en -")
            key = f"course-{position}"
        else:
            where = key
        title = self.text(record, where, "title", max_length=255)
        certificate_title = self.text(
            record, where, "certificate_title", required=False, max_length=160
        )
        if FORBIDDEN_ON_CERTIFICATE in (certificate_title or title).lower():
            self.error(
                where,
                "certificate_title",
                "het certificaat mag 'radicalisering' niet noemen: geef een neutrale titel",
            )
        provider = record.get("provider")
        if provider not in self.providers:
            self.error(where, "provider", f"onbekende aanbieder '{provider}'")
        mode = self.choice(record, where, "pre_test_mode", PRE_TEST_MODES, default="none")
        final_test = self.questions(record, where, "final_test", key)
        pre_test = self.questions(record, where, "pre_test", key)
        if mode == "own" and not pre_test:
            self.error(where, "pre_test", "ontbreekt bij pre_test_mode 'own'")
        if mode == "same" and not final_test:
            self.error(where, "final_test", "ontbreekt bij pre_test_mode 'same'")
        for name, questions in (("pre_test", pre_test), ("final_test", final_test)):
            position = correct_answers_in_one_position(questions or [])
            if position is not None:
                self.error(
                    where,
                    name,
                    f"in elke vraag staat een juist antwoord op plaats {position + 1}; "
                    "wissel de plaats van het juiste antwoord af",
                )
        # A refresher course is chosen in the admin (it is another page); the exchange format
        # carries only "none" and "final_test".
        renewal = self.choice(record, where, "renewal", RENEWALS, default="none")
        validity = record.get("certificate_validity_months")
        if renewal == "final_test" and not final_test:
            self.error(where, "renewal", "'final_test' vraagt om een eindtoets (final_test)")
        if renewal == "final_test" and not validity:
            self.error(
                where,
                "renewal",
                "'final_test' vraagt om een geldigheid (certificate_validity_months)",
            )
        lessons = record.get("lessons")
        if not isinstance(lessons, list) or not lessons:
            self.error(where, "lessons", "ontbreekt of is leeg")
            lessons = []
        lesson_records = []
        for l_pos, lesson in enumerate(lessons):
            l_where = f"{where}.lessons[{l_pos}]"
            if not isinstance(lesson, dict):
                self.error(l_where, "lesson", "moet een object zijn")
                continue
            l_key = lesson.get("key")
            if not isinstance(l_key, str) or not KEY_PATTERN.match(l_key):
                self.error(l_where, "key", "ontbreekt of bevat andere tekens dan a-z, 0-9 en -")
                continue
            lesson_records.append(
                {
                    "key": l_key,
                    "title": self.text(lesson, l_key, "title", max_length=255),
                    "module_title": self.text(
                        lesson, l_key, "module", required=False, max_length=120
                    ),
                    "summary": self.text(lesson, l_key, "summary", required=False, max_length=400),
                    "duration_minutes": self.number(
                        lesson, l_key, "duration_minutes", minimum=1, maximum=600
                    ),
                    "body": self.body(lesson, l_key, l_key, guide_ids),
                }
            )
        return {
            "key": key,
            "title": title,
            "certificate_title": certificate_title,
            "provider": provider,
            "course_format": self.choice(record, where, "format", FORMATS, default="e-learning"),
            "summary": self.text(record, where, "summary", max_length=600),
            "roles": self.slugs(record, where, "roles", "roles"),
            "themes": self.slugs(record, where, "themes", "themes"),
            "learning_goals": [
                {"type": "goal", "value": goal, "id": block_id(key, "goal", str(i))}
                for i, goal in enumerate(self.string_list(record, where, "learning_goals"))
            ],
            "body": (
                [
                    {
                        "type": "paragraph_block",
                        "value": self.html(record, where, "about_html"),
                        "id": block_id(key, "about"),
                    }
                ]
                if record.get("about_html")
                else []
            ),
            "duration_minutes": self.number(
                record, where, "duration_minutes", minimum=1, maximum=10_000
            ),
            "accreditation_points": self.number(
                record, where, "accreditation_points", required=False, maximum=99, integer=False
            ),
            "accreditation_register": self.text(
                record, where, "accreditation_register", required=False, max_length=100
            ),
            "certificate_validity_months": self.number(
                record, where, "certificate_validity_months", required=False, minimum=1, maximum=240
            ),
            "pass_mark": self.number(record, where, "pass_mark", minimum=1, maximum=100),
            "renewal": "" if renewal == "none" else renewal,
            "pre_test_mode": mode,
            "pre_test": pre_test,
            "final_test": final_test,
            "related_guides": self.keys(record, where, "related_guides", self.guides),
            "related_practices": self.keys(record, where, "related_practices", self.practices),
            "lessons": lesson_records,
        }
