"""Settings per environment, checked in fresh interpreters so module-level guards really run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3Y-" + "x9Qz!Tr7#pL2" * 5


# Variables a deployment would not have; the test run sets some of them for itself.
NOT_INHERITED = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "REDIS_URL",
    "PAGE_CACHE_REDIS_URL",
    "PAGE_CACHE_ENABLED",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "WEERBAAR_BASE_URL",
    "WEERBAAR_SITE_NAME",
}


def _python(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    return _python("-c", code, **env)


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return _python("manage.py", *args, **env)


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "weerbaar.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without(env, missing):
    result = _run("import config.settings.production", **env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_check_deploy_is_clean():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="weerbaar.example",
        WEERBAAR_BASE_URL="https://weerbaar.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("value", ["", "weerbaar.example", "https://weerbaar.example/pad/"])
def test_production_refuses_to_migrate_without_a_public_address(value):
    """Without it every e-mail named the development address (127.0.0.1:8000)."""
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="weerbaar.example",
        WEERBAAR_BASE_URL=value,
    )
    assert result.returncode != 0
    assert "home.E001" in result.stderr and "WEERBAAR_BASE_URL" in result.stderr


def test_one_setting_drives_every_address():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.production';"
        "django.setup(); from django.conf import settings;"
        "print(settings.WAGTAILADMIN_BASE_URL, settings.WAGTAIL_SITE_NAME)"
    )
    result = _run(
        code,
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="x",
        WEERBAAR_BASE_URL="https://weerbaar.example/",
        WEERBAAR_SITE_NAME="Weerbaar Zuid",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["https://weerbaar.example", "Weerbaar", "Zuid"]


def test_redis_url_moves_cache_and_sessions_to_redis():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.production';"
        "django.setup(); from django.conf import settings;"
        "print(settings.CACHES['default']['BACKEND']); print(settings.SESSION_ENGINE)"
    )
    result = _run(
        code, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="x", REDIS_URL="redis://127.0.0.1:6379/3"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cache",
    ]


@pytest.mark.services
def test_rate_limits_really_count_in_redis():
    """allauth's limits use the default cache; with REDIS_URL that is the shared Redis."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.production';"
        "django.setup(); from django.core.cache import cache;"
        "cache.set('probe', 41); cache.incr('probe'); print(cache.get('probe'));"
        "import redis; r = redis.Redis.from_url(os.environ['REDIS_URL']);"
        "print(any(b'probe' in k for k in r.keys('*'))); cache.delete('probe')"
    )
    result = _run(
        code, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="x", REDIS_URL="redis://127.0.0.1:6379/14"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["42", "True"]


def test_csp_forbids_inline_scripts(settings):
    script_src = next(
        part for part in settings.CONTENT_SECURITY_POLICY.split(";") if "script-src" in part
    )
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src


def test_dutch_first(settings):
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"SHARED_PASSWORD": False}


@pytest.mark.django_db
def test_responses_carry_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_production_queues_tasks_in_the_database_for_db_worker():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.production'; "
        "django.setup(); from django_tasks import task_backends; "
        "print(type(task_backends['default']).__name__, task_backends['default'].supports_defer)"
    )
    result = _run(code, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="weerbaar.example")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["DatabaseBackend", "True"]


def test_sqlite_reads_while_a_request_writes(tmp_path):
    """Write-ahead logging: a search can read while another request holds the write lock."""
    code = (
        "import django, os, sqlite3; django.setup();"
        "from django.db import connection; c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0]);"
        "connection.cursor().execute('CREATE TABLE t (x int)');"
        "connection.cursor().execute('INSERT INTO t VALUES (1)');"
        "other = sqlite3.connect(os.environ['DB_FILE'], timeout=0);"
        "other.execute('BEGIN IMMEDIATE'); other.execute('INSERT INTO t VALUES (2)');"
        "print(connection.cursor().execute('SELECT count(*) FROM t').fetchone()[0])"
    )
    result = _run(
        code,
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DB_FILE=str(tmp_path / "db.sqlite3"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "1"]


_CACHES = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.production';"
    "django.setup(); from django.conf import settings; c = settings.CACHES;"
    "print(settings.PAGE_CACHE_ENABLED, c['default']['LOCATION'], c['pages']['BACKEND'],"
    " c['pages'].get('LOCATION'), settings.SESSION_ENGINE)"
)


def test_the_page_cache_has_a_redis_of_its_own_in_production():
    """Anyone can fill the page cache; sessions and login limits must not be what it evicts."""
    result = _run(
        _CACHES,
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="x",
        REDIS_URL="redis://127.0.0.1:6379/3",
        PAGE_CACHE_REDIS_URL="redis://127.0.0.1:6380/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "redis://127.0.0.1:6379/3",
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6380/0",
        "django.contrib.sessions.backends.cache",
    ]


def test_without_its_own_redis_the_page_cache_is_off_or_refused():
    shared = {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "x", "REDIS_URL": "redis://h:6379/3"}
    result = _run(_CACHES, **shared)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"  # no longer on merely because REDIS_URL is set
    refused = _run(_CACHES, **shared, PAGE_CACHE_ENABLED="1")
    assert refused.returncode != 0 and "PAGE_CACHE_REDIS_URL" in refused.stderr


def test_readme_states_the_redis_split():
    readme = (ROOT / "README.md").read_text()
    assert "PAGE_CACHE_REDIS_URL" in readme and "allkeys-lru" in readme
    assert "noeviction" in readme
