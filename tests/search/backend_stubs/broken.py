"""A backend module whose own import fails, as when its client library is not installed."""

from __future__ import annotations

import weerbaar_library_that_is_not_installed  # noqa: F401

SearchBackend = None
