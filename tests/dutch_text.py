"""English that must never reach a Dutch page or e-mail: phrases seen in the interface before
(Django's, allauth's and Wagtail's untranslated or differently worded strings) and English
words no Dutch sentence of ours contains. Shared by the e-mail and the page-text tests."""

from __future__ import annotations

import re

ENGLISH_PHRASES = (
    "This password",
    "This field is required",
    "too short",
    "too common",
    "entirely numeric",
    "too similar",
    "characters",
    "Moderators approval",
    "Moderate",
    "Hello from",
    "Thank you",
    "Thanks for",
    "Password Reset",
    "password reset",
    "Please confirm",
    "You're receiving",
    "has been submitted",
    "has been approved",
    "has been rejected",
    "Authenticator geheim",
    "twee-factor",
    "tweefactor",
    "Two-Factor",
    "Recovery Codes",
    "Authenticator App",
    "Sign In",
    "Sign Up",
    "Continue",
    "1 inactieve deelnemers",
    "1 deelnemers",
)
# Month abbreviations as Django's English formats print them ("2 Nov 2026", "Nov. 2, 2026").
ENGLISH_DATE = re.compile(
    r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.? \d{4}\b"
    r"|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.? \d{1,2}, \d{4}\b"
    r"|\b(January|February|March|April|June|July|August|September|October|November|December)\b"
)
DEVELOPMENT_ADDRESSES = ("127.0.0.1", "localhost", "example.com", "testserver", ":8000")


def english_in(text: str) -> list[str]:
    """The known English phrases and dates found in ``text``."""
    found = [phrase for phrase in ENGLISH_PHRASES if phrase in text]
    found += [match.group(0) for match in ENGLISH_DATE.finditer(text)]
    return found
