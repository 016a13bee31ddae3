"""Settings shared by every environment.

Each concern lives in one place and is driven by environment variables so the same code runs
on a laptop (SQLite, database search, local-memory cache) and in production (PostgreSQL,
Elasticsearch, Redis) without edits.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "core",
    "accounts",
    "home",
    "kennisbank",
    "courses",
    "search",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Django's Site names the platform in allauth's e-mails; home.site_addresses keeps it, and
    # Wagtail's Site, equal to WEERBAAR_BASE_URL and WEERBAAR_SITE_NAME.
    "django.contrib.sites",
]
SITE_ID = 1

MIDDLEWARE = [
    # First, so nothing reads a forwarded address that the trusted-proxy rule does not allow.
    "accounts.middleware.ForwardedHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # View restrictions are read once per request (core.restrictions.pages_public).
    "core.restrictions.RequestRestrictionsMiddleware",
    "core.middleware.AnonymousPageCacheMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # An ApplicationError a view raises becomes JSON for /api/ and a page elsewhere (core.http).
    "core.middleware.ApplicationErrorMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The interface language of the user's profile (Dutch for anonymous visitors).
    "accounts.middleware.ProfileLanguageMiddleware",
    # Outside CSRF so its rejections are audited too; see accounts/middleware.py.
    "accounts.middleware.PermissionDeniedAuditMiddleware",
    "accounts.middleware.NoStoreForAuthenticatedMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After allauth's middleware: expired sessions are signed out first, then staff without
    # an authenticator app are sent to set one up before /beheer/ or /trainer/.
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.StaffMfaRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database: SQLite by default, anything dj-database-url understands through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins and wait for it (up to 20 s) instead of
    # failing with "database is locked" when two requests write at once. Write-ahead logging
    # lets searches read while a request writes (in the default journal mode each write waits
    # for every reader, and the waits back off in steps of up to 100 ms).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions: Redis when REDIS_URL is set, so rate limits and the page cache hold
# across gunicorn workers; local memory otherwise.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "weerbaar",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "weerbaar",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Anonymous CMS pages are cached whole until an editor publishes; see core/page_cache.py.
# They live in a cache of their own ("pages"): anyone can fill it, so it must be a Redis that
# evicts (maxmemory with allkeys-lru), while sessions and rate limits stay in the default
# cache, a Redis that never evicts. PAGE_CACHE_REDIS_URL names that separate instance;
# without it the page cache is local memory (development; production then switches it off).
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_REDIS_URL = env("PAGE_CACHE_REDIS_URL")
if PAGE_CACHE_REDIS_URL:
    CACHES[PAGE_CACHE_ALIAS] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": PAGE_CACHE_REDIS_URL,
        "KEY_PREFIX": "weerbaar-pages",
    }
else:
    CACHES[PAGE_CACHE_ALIAS] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "weerbaar-pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
# Paths that are never Wagtail pages: the cache does not even look them up, so health checks,
# search and the API cost no cache round trip.
PAGE_CACHE_SKIP_PREFIXES = (
    "/healthz/", "/readyz/", "/zoeken/", "/api/", "/account/", "/beheer/", "/static/",
    "/media/", "/documenten/", "/trainer/",
)  # fmt: skip
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_TIMEOUT = int(env("PAGE_CACHE_TIMEOUT", str(60 * 60 * 24)))
PAGE_CACHE_QUERY_PARAMS = frozenset(
    {"rol", "thema", "domein", "fase", "bewijs", "sorteer", "pagina"}
)

# --- Authentication through django-allauth: e-mail is the login and must be verified.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Repetitions, runs and common words with digits around them, which the list misses.
    {"NAME": "accounts.password_validation.PasswordStrengthValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Weerbaar] "
# Accounts unused this long are deleted (after a warning 30 days before): accounts_retention.
ACCOUNT_RETENTION_MONTHS = int(env("ACCOUNT_RETENTION_MONTHS", "24"))
# Audit records (who viewed or exported learner data, logins, denials) are kept this long.
AUDIT_RETENTION_DAYS = int(env("AUDIT_RETENTION_DAYS", "365"))
# allauth's rate limits are on by default; they are stated here so nobody switches them off by
# accident. They count in the default cache, which is Redis in production.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Exports of personal data, account deletion, e-mail and MFA changes ask for the password or an
# authenticator code again unless the user signed in or confirmed one of them this long ago
# (seconds). A completed sign-in counts: accounts.sessions.session_login_reauthentication_mark.
# E-mail codes are not offered: whoever reads the mailbox should not pass for the account holder.
ACCOUNT_REAUTHENTICATION_TIMEOUT = int(env("ACCOUNT_REAUTHENTICATION_TIMEOUT", "300"))
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_METHODS = ["password", "mfa"]
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Weerbaar"
# Staff roles (trainers, editors, moderators, administrators) must have an authenticator app
# before they reach these paths; accounts.middleware.StaffMfaRequiredMiddleware enforces it.
MFA_REQUIRED_PATH_PREFIXES = ["/beheer/", "/trainer/"]
# Wagtail's login, logout and reset URLs under /beheer/ redirect to allauth or sign out.
MFA_REQUIRED_EXEMPT_PATHS = ["/beheer/login/", "/beheer/logout/", "/beheer/password_reset/"]
# Sessions: signed out after SESSION_IDLE_TIMEOUT seconds without a request, and at the latest
# SESSION_ABSOLUTE_TIMEOUT seconds after signing in (accounts.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = int(env("SESSION_IDLE_TIMEOUT", str(2 * 60 * 60)))
SESSION_ABSOLUTE_TIMEOUT = int(env("SESSION_ABSOLUTE_TIMEOUT", str(12 * 60 * 60)))
# The cookie and the stored session never outlive the absolute timeout.
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# --- Internationalisation: Dutch first, English can follow. The content is Dutch; a signed-in
# user's interface follows the language of their profile (accounts.middleware).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and media files. Whitenoise serves static files with far-future cache headers.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- E-mail
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Weerbaar <noreply@weerbaar.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Public address: one setting for every link and name the platform sends out. It drives
# Django's Site (allauth's e-mails), WAGTAILADMIN_BASE_URL (Wagtail's e-mails, our reminders
# and outcome mails) and the default Wagtail Site (page.full_url, the print view); migrate and
# the demo loader write it into both Site tables (home.services.site_addresses_apply).
# Production refuses to run without it (home.checks).
WEERBAAR_BASE_URL = env("WEERBAAR_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WEERBAAR_SITE_NAME = env("WEERBAAR_SITE_NAME", "Weerbaar")
# allauth builds its links from this adapter, so they carry the public address too.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"

# --- Wagtail
WAGTAIL_SITE_NAME = WEERBAAR_SITE_NAME
WAGTAILADMIN_BASE_URL = WEERBAAR_BASE_URL
# The admin signs in through allauth so its rate limits (and MFA) apply there too.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/account/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Where professionals can write to the editors (outcome e-mails of shared practices).
EDITORIAL_EMAIL = env("EDITORIAL_EMAIL", "redactie@weerbaar.example")
# /.well-known/security.txt (RFC 9116). Contacts: mailto: or https: URIs, comma-separated.
SECURITY_TXT_CONTACTS = [
    c.strip()
    for c in env("SECURITY_TXT_CONTACTS", "mailto:security@weerbaar.example").split(",")
    if c.strip()
]
SECURITY_TXT_EXPIRES = env("SECURITY_TXT_EXPIRES", "")  # ISO 8601; empty: 180 days from today
SECURITY_TXT_POLICY = env("SECURITY_TXT_POLICY", "/kwetsbaarheid-melden/")  # path or URL
# Help for visitors, shown in the footer of every page (WCAG 3.2.6 Consistent Help).
SUPPORT_EMAIL = env("SUPPORT_EMAIL", "ondersteuning@weerbaar.example")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
# Shared-password restrictions store the password in plain text: only login restrictions.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"},
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Wagtail 8 runs background work through django-tasks; production points this at a database
# queue (see production.py), development and tests run tasks immediately.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Searches per visitor's address (search.services.search_rate_limit_consume), counted in the
# default cache: "<number>/<s|m|h>". The page and the API share "search"; the autocomplete asks
# on every keystroke, so it has its own budget. Empty switches a limit off.
SEARCH_RATE_LIMITS = {
    "search": env("SEARCH_RATE_LIMIT", "30/m"),
    "suggest": env("SEARCH_SUGGEST_RATE_LIMIT", "120/m"),
}

# Wrong cohort join codes and invitation links per signed-in user (courses.views.cohorts): past
# this the join pages answer 429 until the window ends, so codes cannot be guessed by trying.
COHORT_JOIN_MISS_RATE_LIMIT = env("COHORT_JOIN_MISS_RATE_LIMIT", "10/h")

# Search analytics (search.services.search_query_record): a query's text reaches the editors'
# reports only once this many distinct visitors typed it; rows unsearched for the retention
# days are deleted by `manage.py search_analytics_retention` (run it daily).
SEARCH_ANALYTICS_MIN_VISITORS = int(env("SEARCH_ANALYTICS_MIN_VISITORS", "5"))
SEARCH_ANALYTICS_RETENTION_DAYS = int(env("SEARCH_ANALYTICS_RETENTION_DAYS", "180"))


# --- Search backends of our own search/ app (see search/backends/__init__.py): a search
# engine answers when ELASTICSEARCH_URL is set, the database when it is not or cannot.


def search_backends_from_env() -> dict:
    """SEARCH_BACKENDS from the environment. ELASTICSEARCH_URL: one or more comma-separated
    node URLs; ELASTICSEARCH_FLAVOUR: elasticsearch (default) or opensearch; either
    ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME + ELASTICSEARCH_PASSWORD; a private CA in
    ELASTICSEARCH_CA_CERTS (a PEM file) for https URLs."""
    database = {"BACKEND": "search.backends.database"}
    urls = env_list("ELASTICSEARCH_URL")
    if not urls:
        return {"default": database, "fallback": database}
    username = env("ELASTICSEARCH_USERNAME")
    return {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": urls,
            # The alias searches read; each rebuild fills a new index "<alias>-<timestamp>".
            "INDEX": env("ELASTICSEARCH_INDEX", "weerbaar-zoeken"),
            # Seconds a search may take before the database answers instead.
            "TIMEOUT": float(env("ELASTICSEARCH_TIMEOUT", "2")),
            # Seconds an index update (a background task) may take.
            "WRITE_TIMEOUT": float(env("ELASTICSEARCH_WRITE_TIMEOUT", "30")),
            "FLAVOUR": env("ELASTICSEARCH_FLAVOUR", "elasticsearch"),
            "API_KEY": env("ELASTICSEARCH_API_KEY") or None,
            "BASIC_AUTH": (username, env("ELASTICSEARCH_PASSWORD")) if username else None,
            "CA_CERTS": env("ELASTICSEARCH_CA_CERTS") or None,
        },
        "fallback": database,
    }


SEARCH_BACKENDS = search_backends_from_env()

# --- Security defaults that hold everywhere; production.py tightens transport security.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# DENY everywhere; Wagtail opts its preview views back into SAMEORIGIN itself.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No 'unsafe-inline' for scripts. Styles allow it because the Wagtail admin sets inline styles.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)

# Wagtail's admin still renders a few inline scripts (date choosers, inline panels); only
# its pages, behind login, get them.
ADMIN_PATH_PREFIX = "/beheer/"
# Paths whose errors are answered as JSON (core.http.request_wants_json).
API_PATH_PREFIXES = ("/api/",)
CONTENT_SECURITY_POLICY_ADMIN = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'unsafe-inline'"
)
# The proxy contract (README, "Production"): the app is reachable only through the proxy, which
# appends the visitor's address to X-Forwarded-For (or sets TRUSTED_CLIENT_IP_HEADER, e.g.
# X-Real-IP, overwriting any value the client sent). allauth's per-IP login limits and the
# search limits then count that address. TRUSTED_PROXY_COUNT proxies are trusted, and only
# when the request comes from one of TRUSTED_PROXY_IPS (addresses or networks):
# accounts.middleware.ForwardedHeadersMiddleware drops the headers otherwise, so a client that
# reaches the app directly cannot pick its own address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER") or None
TRUSTED_PROXY_IPS = env_list("TRUSTED_PROXY_IPS", "127.0.0.1,::1")

# --- Logging: to stdout, never personal data (no request bodies, no e-mail addresses).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Logins, failures, MFA events and denials: ids, actions and results only.
        "weerbaar.security": {"level": "INFO"},
        # Request lines of the Elasticsearch client would repeat every search.
        "elastic_transport": {"level": "ERROR"},
    },
}
