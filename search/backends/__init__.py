"""Search backends. Views and the API talk to ``search.selectors``, never to a backend.

Configured like django-modelsearch's ``SEARCH_BACKENDS``: ``"default"`` answers searches and
``"fallback"`` answers when it cannot (and always holds every document)::

    SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": ["https://es1:9200", "https://es2:9200"],
            "INDEX": "weerbaar-zoeken",        # the alias searches read
            "TIMEOUT": 2,                       # seconds, then the fallback answers
            "FLAVOUR": "elasticsearch",         # or "opensearch"
            "API_KEY": "...",                   # or "BASIC_AUTH": ("user", "password")
            "CA_CERTS": "/etc/ssl/cluster-ca.pem",
            "REPLICAS": "0-1",                  # auto_expand_replicas of each new index
        },
        "fallback": {"BACKEND": "search.backends.database"},
    }

``BACKEND`` is the dotted path of a module whose ``SearchBackend`` attribute is the backend
class (as in django-modelsearch); the class builds itself from the whole entry with
``from_params``. A new backend is a new module: nothing here names the existing ones, except
to tell which of them is the search engine for the callers that need that.

With no engine, ``"default"`` is the database backend itself. config/settings/base.py builds
this from the ``ELASTICSEARCH_*`` environment variables.

Instances are not cached: the engine's client and connection pool are already shared per
configuration (``clients.engine_client``), so a backend is cheap to make, and a cache keyed by
name would keep serving an entry that code (or a test) changed in place.
"""

from __future__ import annotations

import importlib

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import SearchBackend

DATABASE = "search.backends.database"
ENGINE = "search.backends.elasticsearch"


def _config(name: str) -> dict:
    backends = getattr(settings, "SEARCH_BACKENDS", None) or {}
    if name not in backends:
        if name == "fallback":
            return {"BACKEND": DATABASE}
        raise ImproperlyConfigured(f"SEARCH_BACKENDS has no backend named {name!r}")
    return backends[name]


def _backend_class(*, name: str, path: object) -> type[SearchBackend]:
    """The ``SearchBackend`` class of the module at ``path``, or an error naming both.

    Only a module that is not there becomes ``ImproperlyConfigured``: an import that fails
    inside an existing backend module (a missing client library, a bug) is raised as it is,
    so the real cause is not hidden behind "unknown backend".
    """
    where = f"SEARCH_BACKENDS[{name!r}]"
    if not isinstance(path, str) or not path:
        raise ImproperlyConfigured(f"{where}: BACKEND must be a module path, not {path!r}")
    try:
        module = importlib.import_module(path)
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if path != missing and not path.startswith(f"{missing}."):
            raise
        raise ImproperlyConfigured(
            f"{where}: BACKEND {path!r} is not an importable module ({error})"
        ) from error
    backend_class = getattr(module, "SearchBackend", None)
    if not (
        isinstance(backend_class, type)
        and issubclass(backend_class, SearchBackend)
        and backend_class is not SearchBackend
    ):
        raise ImproperlyConfigured(
            f"{where}: module {path!r} has no SearchBackend class "
            "(a subclass of search.backends.base.SearchBackend)"
        )
    return backend_class


def get_search_backend(name: str = "default") -> SearchBackend:
    """The backend configured as ``name`` in ``SEARCH_BACKENDS``, built from its entry."""
    config = _config(name)
    backend_class = _backend_class(name=name, path=config.get("BACKEND"))
    return backend_class.from_params(params=config)


def engine_configured() -> bool:
    """True when searches go to a search engine (Elasticsearch or OpenSearch) first."""
    return _config("default").get("BACKEND") == ENGINE


def database_backend() -> SearchBackend:
    from .database import DatabaseSearchBackend

    return DatabaseSearchBackend()


def elasticsearch_backend() -> SearchBackend | None:
    """The engine backend (Elasticsearch or OpenSearch) when one is configured, else None."""
    return get_search_backend("default") if engine_configured() else None


def search_backends() -> list[SearchBackend]:
    """Every backend that must hold the documents: the database always (it is the fallback)."""
    backends = [database_backend()]
    elasticsearch = elasticsearch_backend()
    if elasticsearch is not None:
        backends.append(elasticsearch)
    return backends
