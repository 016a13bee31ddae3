"""Production: refuses to start without a secret key and allowed hosts, enforces HTTPS."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool, env_list

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production (comma-separated).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Without Redis every worker would keep its own page cache, and a purge after publishing or
# unpublishing would reach only one of them; in the Redis of the sessions, filling the cache
# could evict sessions and login limits. So the cache is off unless PAGE_CACHE_REDIS_URL names
# its own, evicting Redis (base.py, README "Production").
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", bool(env("PAGE_CACHE_REDIS_URL")))
if PAGE_CACHE_ENABLED and not env("PAGE_CACHE_REDIS_URL"):
    raise ImproperlyConfigured(
        "PAGE_CACHE_ENABLED needs PAGE_CACHE_REDIS_URL: a Redis of its own with maxmemory and "
        "maxmemory-policy allkeys-lru, apart from the Redis of sessions and rate limits."
    )
# No default here: a missing public address would put the development address in every
# e-mail. home.checks refuses to migrate or serve without it.
WEERBAAR_BASE_URL = env("WEERBAAR_BASE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = WEERBAAR_BASE_URL
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1"))

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Container health checks speak plain HTTP on the loopback interface.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 60 * 60 * 12

# Background tasks (search indexing) wait in the database for `manage.py db_worker`, so an
# editor's publish never waits for Elasticsearch.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
