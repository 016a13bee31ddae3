"""core.exchange: reading an exchange file and validating its fields, shared by both importers."""

import pytest

from core.errors import ApplicationError
from core.exchange import ExchangeFormatError, Validator, exchange_file_read
from courses.importing import CourseImportError
from kennisbank.importing import KennisbankImportError


class OwnError(ExchangeFormatError):
    pass


def test_a_file_is_read_as_json(tmp_path):
    path = tmp_path / "ok.json"
    path.write_text('{"version": 1, "titel": "Één"}', encoding="utf-8")
    assert exchange_file_read(path=path) == {"version": 1, "titel": "Één"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"version": 1,\n  "x": }', "bestand: json: ongeldige JSON (regel 2, kolom 8)"),
        (b'{"titel": "\xe9\xe9n"}', "bestand: codering: het bestand is geen UTF-8"),
        (None, "bestand: pad: kan "),
    ],
)
def test_an_unreadable_file_raises_the_callers_error_naming_where(tmp_path, content, expected):
    path = tmp_path / "bestand.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(OwnError) as caught:
        exchange_file_read(path=path, error=OwnError)
    assert caught.value.errors[0].startswith(expected)
    assert isinstance(caught.value, ApplicationError) and caught.value.status == 400


def test_the_validator_collects_every_problem_before_anyone_writes():
    validator = Validator(terms={"roles": {"docent"}})
    record = {"title": "", "roles": ["docent", "onbekend"], "links": "geen lijst"}
    assert validator.text(record, "gids-1", "title") == ""
    assert validator.slugs(record, "gids-1", "roles", "roles") == ["docent", "onbekend"]
    assert validator.string_list(record, "gids-1", "links") == []
    assert validator.errors == [
        "gids-1: title: ontbreekt of is leeg",
        "gids-1: roles: onbekende code 'onbekend'",
        "gids-1: links: moet een lijst met niet-lege teksten zijn",
    ]


def test_both_importers_errors_are_exchange_errors_and_list_only_the_first_fifty():
    assert issubclass(KennisbankImportError, ExchangeFormatError)
    assert issubclass(CourseImportError, ExchangeFormatError)
    error = KennisbankImportError([f"r{n}: veld: fout" for n in range(60)])
    assert (
        str(error).startswith("60 fout(en)") and "r49:" in str(error) and "r50:" not in str(error)
    )
    assert str(error).endswith("(en nog 10 fouten)")
