"""Password validators beyond Django's own.

- ``MinimumLengthValidator``: Django 5.2 words the minimum-length error as "This password is too
  short. It must contain at least %d characters.", a msgid its Dutch catalogue does not have, so
  Dutch users read English. The message is ours here, in locale/nl with an English translation.
- ``PasswordStrengthValidator``: guessable patterns of any length. Django's
  CommonPasswordValidator knows 20,000 leaked passwords, but only exactly: twelve times "a" or
  "Welkom123456" passed (issue 16). No maintained zxcvbn-style package is available here, so
  this validator refuses the patterns password crackers try first: few distinct characters, a
  repeated block, a keyboard or alphabet run, and a common (or common Dutch) word with digits or
  symbols around it.
"""

from __future__ import annotations

import re

from django.contrib.auth import password_validation
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d teken bevatten.",
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d tekens bevatten.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                self.get_error_message(),
                code="password_too_short",
                params={"min_length": self.min_length},
            )


MIN_DISTINCT = 5
# Words Dutch users pick that the English-heavy common list lacks.
DUTCH_WORDS = frozenset(
    [
        "welkom",
        "wachtwoord",
        "geheim",
        "zomer",
        "winter",
        "lente",
        "herfst",
        "voetbal",
        "ajax",
        "feyenoord",
        "psv",
        "oranje",
        "nederland",
        "amsterdam",
        "rotterdam",
        "utrecht",
        "schatje",
        "liefde",
        "hallo",
        "hoi",
        "welkom01",
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "school",
        "docent",
        "leraar",
        "gemeente",
        "politie",
        "weerbaar",
        "wachtwoordje",
        "inloggen",
        "beheerder",
        "gebruiker",
    ]
)
_RUNS = (
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "azertyuiop",
)
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def _is_run(text: str) -> bool:
    text = text.lower()
    for run in _RUNS:
        for source in (run, run[::-1]):
            if len(text) >= 6 and text in source * 2:
                return True
    return False


def _repeats(text: str) -> bool:
    return bool(re.fullmatch(r"(.{1,6}?)\1+", text))


class PasswordStrengthValidator:
    def __init__(self):
        self.common = CommonPasswordValidator().passwords | DUTCH_WORDS

    def _weak(self, password: str) -> bool:
        if len(set(password)) < MIN_DISTINCT or _repeats(password) or _is_run(password):
            return True
        core = _EDGES.sub("", password).lower()
        candidates = {core, core.translate(_LEET), password.lower().translate(_LEET)}
        if any(len(word) >= 3 and word in self.common for word in candidates):
            return True
        # A run of digits or letters with a little around it: "Abcdef123456", "Qwerty2024!".
        parts = [p for p in re.split(r"[\W_]+|(?<=\d)(?=\D)|(?<=\D)(?=\d)", password) if p]
        return all(_is_run(p) or p.lower() in self.common or len(p) <= 2 for p in parts)

    def validate(self, password: str, user=None) -> None:
        if self._weak(password):
            raise ValidationError(
                _(
                    "Dit wachtwoord is te makkelijk te raden (een herhaling, een reeks of een "
                    "bekend woord met cijfers). Kies bijvoorbeeld een zin van een paar losse "
                    "woorden."
                ),
                code="password_too_guessable",
            )

    def get_help_text(self) -> str:
        return _("Uw wachtwoord mag geen herhaling, reeks of bekend woord met wat cijfers zijn.")
