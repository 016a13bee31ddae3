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

With no engine, ``"default"`` is the database backend itself. config/settings/base.py builds
this from the ``ELASTICSEARCH_*`` environment variables.
"""

from __future__ import annotations

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


def get_search_backend(name: str = "default") -> SearchBackend:
    """The backend configured as ``name`` in ``SEARCH_BACKENDS``."""
    config = _config(name)
    path = config.get("BACKEND")
    if path == DATABASE:
        return database_backend()
    if path == ENGINE:
        from .clients import EngineConfig
        from .elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(
            config=EngineConfig.from_settings(config),
            alias=config.get("INDEX") or "weerbaar-zoeken",
            replicas=str(config.get("REPLICAS") or "0-1"),
        )
    raise ImproperlyConfigured(
        f"SEARCH_BACKENDS[{name!r}]: BACKEND {path!r} is not {ENGINE!r} or {DATABASE!r}"
    )


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
