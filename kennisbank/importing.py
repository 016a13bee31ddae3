"""Validation and conversion for the kennisbank exchange format (version 1).

The same format goes out (export) and comes in (import), so an export re-imports to the same
content. Validation reads the whole file before anything is written and reports every problem as
``<record key>: <field>: <message>``.
"""

from __future__ import annotations

import datetime

from core.exchange import KEY_PATTERN, URL_PATTERN, ExchangeFormatError, Validator

FORMAT_VERSION = 1


class KennisbankImportError(ExchangeFormatError):
    """The kennisbank file is not valid; ``errors`` lists each problem with its record key and field."""


def _split_step(text: str, limit: int = 300) -> dict[str, str]:
    """A long step becomes a title (cut at a word boundary) and the rest as its explanation."""
    if len(text) <= limit:
        return {"title": text, "text": ""}
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > 0 else limit
    return {"title": text[:cut].strip(), "text": text[cut:].strip()}


def _steps(validator: Validator, record: dict, where: str) -> list[dict]:
    value = record.get("steps", [])
    if not isinstance(value, list) or not value:
        validator.error(where, "steps", "ontbreekt of is leeg")
        return []
    steps = []
    for position, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            steps.append(_split_step(item.strip()))
        elif isinstance(item, dict):
            steps.append(
                {
                    "title": validator.text(
                        item, where, "title", max_length=300, label=f"steps[{position}].title"
                    ),
                    "text": validator.text(
                        item, where, "text", required=False, label=f"steps[{position}].text"
                    ),
                }
            )
        else:
            validator.error(where, f"steps[{position}]", "moet tekst of een object met title zijn")
    return steps


def validate_guide(validator: Validator, record, position: int) -> dict | None:
    if not isinstance(record, dict):
        validator.error(f"guides[{position}]", "record", "moet een object zijn")
        return None
    where = f"guide {record.get('key') or f'guides[{position}]'}"
    key = validator.text(record, where, "key")
    if key and not KEY_PATTERN.match(key):
        validator.error(where, "key", "alleen kleine letters, cijfers en streepjes")
    return {
        "key": key,
        "title": validator.text(record, where, "title", max_length=255),
        "summary": validator.text(record, where, "summary", max_length=600),
        "roles": validator.slugs(record, where, "roles", "roles"),
        "themes": validator.slugs(record, where, "themes", "themes"),
        "signals": validator.objects(
            record,
            where,
            "signals",
            {
                "category": (True, 60),
                "label": (True, 140),
                "description": True,
                "example": False,
                "caution": False,
            },
            required=True,
        ),  # fmt: skip
        "steps": _steps(validator, record, where),
        "contacts": validator.objects(
            record, where, "contacts", {"who": (True, 140), "when": True, "how": (True, 200)}
        ),
        "legal": validator.text(record, where, "legal", required=False),
        "body": validator.text(record, where, "body", required=False),
    }


def validate_practice(validator: Validator, record, position: int) -> dict | None:
    if not isinstance(record, dict):
        validator.error(f"practices[{position}]", "record", "moet een object zijn")
        return None
    where = f"practice {record.get('key') or f'practices[{position}]'}"
    key = validator.text(record, where, "key")
    if key and not KEY_PATTERN.match(key):
        validator.error(where, "key", "alleen kleine letters, cijfers en streepjes")
    level = validator.text(record, where, "evidence_level")
    if level and level not in validator.terms["evidence_levels"]:
        validator.error(where, "evidence_level", f"onbekende code '{level}'")
    year = record.get("year")
    if year is not None and (
        not isinstance(year, int) or isinstance(year, bool) or not 1950 <= year <= 2100
    ):
        validator.error(where, "year", "moet een jaartal tussen 1950 en 2100 zijn")
        year = None
    reviewed = record.get("last_reviewed")
    reviewed_date = None
    if reviewed not in (None, ""):
        try:
            reviewed_date = datetime.date.fromisoformat(str(reviewed))
        except ValueError:
            validator.error(where, "last_reviewed", "moet een datum zijn als JJJJ-MM-DD")
    sources = validator.objects(record, where, "sources", {"title": (True, 250), "url": False})
    for position_, source in enumerate(sources):
        if source["url"] and not URL_PATTERN.match(source["url"]):
            validator.error(
                where, f"sources[{position_}].url", "moet met http:// of https:// beginnen"
            )
    return {
        "key": key,
        "title": validator.text(record, where, "title", max_length=255),
        "summary": validator.text(record, where, "summary", max_length=600),
        "body": validator.text(record, where, "body", required=False),
        "aim": validator.text(record, where, "aim", required=False),
        "target_group": validator.text(record, where, "target_group", required=False),
        "approach": validator.text(record, where, "approach", required=False),
        "effective_elements": validator.string_list(record, where, "effective_elements"),
        "conditions": validator.string_list(record, where, "conditions"),
        "evaluation": validator.text(record, where, "evaluation", required=False),
        "sources": sources,
        "evidence_level": level,
        "evidence_justification": validator.text(
            record, where, "evidence_justification", required=False
        ),
        "organisation": validator.text(record, where, "organisation", max_length=200),
        "region": validator.text(record, where, "region", required=False, max_length=100),
        "contact": validator.text(record, where, "contact", required=False, max_length=200),
        "year": year,
        "last_reviewed": reviewed_date,
        "roles": validator.slugs(record, where, "roles", "roles"),
        "domains": validator.slugs(record, where, "domains", "domains"),
        "phases": validator.slugs(record, where, "phases", "phases"),
        "themes": validator.slugs(record, where, "themes", "themes"),
    }


def validate_file(data, terms: dict[str, set[str]]) -> tuple[list[dict], list[dict]]:
    """Validate a whole parsed file; raise KennisbankImportError listing every problem."""
    validator = Validator(terms=terms)
    if not isinstance(data, dict):
        raise KennisbankImportError(["bestand: het bestand moet een JSON-object zijn"])
    if data.get("version") != FORMAT_VERSION:
        validator.error("bestand", "version", f"moet {FORMAT_VERSION} zijn")
    guides, practices = [], []
    for name, validate, target in (
        ("guides", validate_guide, guides),
        ("practices", validate_practice, practices),
    ):
        records = data.get(name, [])
        if not isinstance(records, list):
            validator.error("bestand", name, "moet een lijst zijn")
            continue
        seen: set[str] = set()
        for position, record in enumerate(records):
            cleaned = validate(validator, record, position)
            if cleaned is None:
                continue
            if cleaned["key"] in seen:
                validator.error(
                    f"{name[:-1]} {cleaned['key']}", "key", "komt twee keer voor in het bestand"
                )
            seen.add(cleaned["key"])
            target.append(cleaned)
    if validator.errors:
        raise KennisbankImportError(validator.errors)
    return guides, practices
