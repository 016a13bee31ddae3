"""What both exchange formats share (the kennisbank's and the courses'): the key and URL rules,
the error that lists every problem of a file, the field validator, and reading the JSON file.

Validation reads the whole file before anything is written and reports every problem as
``<record key>: <field>: <message>``, so an editor can mend a file in one go.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ApplicationError

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
URL_PATTERN = re.compile(r"^https?://\S+$")
SHOWN_ERRORS = 50


class ExchangeFormatError(ApplicationError):
    """The file is not valid; ``errors`` lists each problem with its record key and field."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        shown = "\n".join(f"- {error}" for error in errors[:SHOWN_ERRORS])
        more = (
            f"\n(en nog {len(errors) - SHOWN_ERRORS} fouten)" if len(errors) > SHOWN_ERRORS else ""
        )
        super().__init__(f"{len(errors)} fout(en) in het importbestand:\n{shown}{more}")


def exchange_file_read(*, path: Path, error: type[ExchangeFormatError] = ExchangeFormatError):
    """The parsed JSON of ``path``; an unreadable file or invalid JSON raises ``error`` naming
    the line and column, so a command can exit non-zero with the reason."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise error(
            [f"bestand: json: ongeldige JSON (regel {exc.lineno}, kolom {exc.colno})"]
        ) from exc
    except UnicodeDecodeError as exc:
        raise error(["bestand: codering: het bestand is geen UTF-8"]) from exc
    except OSError as exc:
        raise error([f"bestand: pad: kan {path} niet lezen ({exc.strerror})"]) from exc


@dataclass
class Validator:
    """Collects errors for one file; ``terms`` maps a taxonomy name to its valid slugs."""

    terms: dict[str, set[str]]
    errors: list[str] = field(default_factory=list)

    def error(self, where: str, field_name: str, message: str) -> None:
        self.errors.append(f"{where}: {field_name}: {message}")

    def text(
        self, record: dict, where: str, name: str, *, required=True, max_length=None, label=None
    ) -> str:
        value = record.get(name, "")
        name = label or name
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(where, name, "moet tekst zijn")
            return ""
        value = value.strip()
        if required and not value:
            self.error(where, name, "ontbreekt of is leeg")
        if max_length and len(value) > max_length:
            self.error(where, name, f"is langer dan {max_length} tekens")
        return value

    def slugs(self, record: dict, where: str, name: str, taxonomy: str) -> list[str]:
        value = record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(where, name, "moet een lijst met codes zijn")
            return []
        for slug in value:
            if slug not in self.terms[taxonomy]:
                self.error(where, name, f"onbekende code '{slug}'")
        return list(dict.fromkeys(value))

    def string_list(
        self, record: dict, where: str, name: str, *, required=False, max_length=300
    ) -> list[str]:
        value = record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(where, name, "moet een lijst met niet-lege teksten zijn")
            return []
        for position, item in enumerate(value):
            if len(item.strip()) > max_length:
                self.error(where, f"{name}[{position}]", f"is langer dan {max_length} tekens")
        if required and not value:
            self.error(where, name, "ontbreekt of is leeg")
        return [v.strip() for v in value]

    def objects(self, record: dict, where: str, name: str, fields: dict, *, required=False):
        """A list of objects; ``fields`` maps each field to required, or (required, max length).

        The limits are the blocks' own: StreamField content is not validated on save.
        """
        value = record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error(where, name, "moet een lijst met objecten zijn")
            return []
        if required and not value:
            self.error(where, name, "ontbreekt of is leeg")
        cleaned = []
        for position, item in enumerate(value):
            entry = {}
            for key, rule in fields.items():
                needed, limit = rule if isinstance(rule, tuple) else (rule, None)
                entry[key] = self.text(
                    item,
                    where,
                    key,
                    required=needed,
                    max_length=limit,
                    label=f"{name}[{position}].{key}",
                )
            cleaned.append(entry)
        return cleaned
