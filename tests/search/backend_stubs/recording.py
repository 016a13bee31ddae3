"""A backend that answers nothing and remembers the ``SEARCH_BACKENDS`` entry it was built from."""

from __future__ import annotations

from search.backends.base import SearchBackend as BaseSearchBackend


class RecordingBackend(BaseSearchBackend):
    name = "recording"

    def __init__(self, *, params: dict):
        self.params = params

    @classmethod
    def from_params(cls, *, params: dict) -> RecordingBackend:
        return cls(params=params)


SearchBackend = RecordingBackend
