"""Local development: SQLite, database search, e-mail to the console. Never used in production."""

from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = True
# A fixed key is acceptable only here: dev settings never serve real users.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
