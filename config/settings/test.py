"""Test settings: fast hashing, mail kept in memory, the same middleware as production."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Tests that exercise the search engine configure it themselves (tests/search/conftest.py):
# noida-db by default, or the real cluster in ELASTICSEARCH_URL (ELASTICSEARCH_FLAVOUR says
# which engine it is; scripts/test-postgres.sh points them at a real OpenSearch node).
SEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.database"},
    "fallback": {"BACKEND": "search.backends.database"},
}
ELASTICSEARCH_TEST_URL = env("ELASTICSEARCH_URL")
ELASTICSEARCH_TEST_FLAVOUR = env("ELASTICSEARCH_FLAVOUR", "elasticsearch")

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: only a file honours the busy timeout, which the
    # concurrency tests (two requests writing the same progress row) rely on.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".pytest-db.sqlite3")}  # noqa: F405
