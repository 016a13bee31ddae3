"""Writes for the kennisbank, one module per feature. Each public function runs in one
transaction. Callers import from here; the modules are ``index_pages``, ``exchange`` (import and
export), ``submissions`` (shared practices) and ``taxonomy``."""

from .exchange import ImportReport, kennisbank_export, kennisbank_import, kennisbank_import_file
from .index_pages import INDEX_PAGES, kennisbank_index_pages_ensure
from .submissions import (
    SUBMISSIONS_PER_DAY,
    SUBMISSIONS_PER_HOUR,
    SubmissionRateLimited,
    practice_submission_create,
    practice_submission_outcome_record,
)
from .taxonomy import taxonomy_term_search_refresh

__all__ = [
    "INDEX_PAGES",
    "SUBMISSIONS_PER_DAY",
    "SUBMISSIONS_PER_HOUR",
    "ImportReport",
    "SubmissionRateLimited",
    "kennisbank_export",
    "kennisbank_import",
    "kennisbank_import_file",
    "kennisbank_index_pages_ensure",
    "practice_submission_create",
    "practice_submission_outcome_record",
    "taxonomy_term_search_refresh",
]
