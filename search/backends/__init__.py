"""Search backends. Views and the API talk to ``search.selectors``, never to a backend."""

from __future__ import annotations

from django.conf import settings

from .base import SearchBackend


def database_backend() -> SearchBackend:
    from .database import DatabaseSearchBackend

    return DatabaseSearchBackend()


def elasticsearch_backend(url: str | None = None) -> SearchBackend | None:
    """The Elasticsearch backend when a cluster is configured, else None."""
    url = url if url is not None else settings.ELASTICSEARCH_URL
    if not url:
        return None
    from .elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(
        url=url, alias=settings.ELASTICSEARCH_INDEX, timeout=settings.ELASTICSEARCH_TIMEOUT
    )


def search_backends() -> list[SearchBackend]:
    """Every backend that must hold the documents: the database always (it is the fallback)."""
    backends = [database_backend()]
    elasticsearch = elasticsearch_backend()
    if elasticsearch is not None:
        backends.append(elasticsearch)
    return backends
