"""The one application error: what a user (or their browser, or a file) sent that the platform
cannot accept, with a message meant for them and, where it applies, the field it is about.

Every app's input errors subclass it (the learning and cohort rules, search input, the exchange
format), so each is turned into a response in exactly one place: ``core.http.json_errors`` for
the JSON API, ``core.middleware.ApplicationErrorMiddleware`` for pages. ``status`` is the HTTP
status that mapping uses: 400 unless a subclass says otherwise (403 for "enrol first").
"""

from __future__ import annotations


class ApplicationError(Exception):
    status: int = 400

    def __init__(self, message: str, *, field: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if status is not None:
            self.status = status

    def as_json(self) -> dict:
        body = {"error": str(self.message)}
        if self.field:
            body["field"] = self.field
        return body
