"""A path converter for database ids: at most 18 digits, so every match fits in 64 bits.

Django's ``int`` converter accepts any length; an id beyond 64 bits then reaches the database
and SQLite raises OverflowError (a 500 in issue 16's probe). With this one such a URL simply
does not match: a 404.
"""

from __future__ import annotations


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
