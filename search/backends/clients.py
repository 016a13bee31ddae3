"""The few cluster operations the Elasticsearch backend uses, for each engine flavour.

Queries, mappings and analysis are built once, with ``elasticsearch.dsl``; only the wire
differs. elasticsearch-py 8 refuses any server that is not Elasticsearch (its product check
wants an ``X-Elastic-Product`` header) and sends a content type
(``application/vnd.elasticsearch+json; compatible-with=8``) OpenSearch answers 406 to, so the
OpenSearch flavour talks through the official ``opensearch-py`` client instead. Each adapter
takes the dsl objects' ``to_dict()`` bodies and hands back dsl ``Response`` objects, so the
backend cannot tell the two apart.

Several URLs: a request that cannot connect to one node is retried on the next (never on a
timeout: a slow cluster must fall back to the database within ``TIMEOUT``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from elasticsearch.dsl import Index, Search
from elasticsearch.dsl.response import Response

FLAVOURS = ("elasticsearch", "opensearch")


# The engine's own ``took`` (ms) of each search in the current request, when someone asked.
_took: ContextVar[list[float] | None] = ContextVar("engine_took", default=None)


@contextmanager
def engine_timing() -> Iterator[list[float]]:
    """Collect the engine's ``took`` of every search made inside the block.

    The API reports it in a ``Server-Timing`` header, so a benchmark (or a browser's network
    panel) can tell the cluster's time from the Python side's without a profiler.
    """
    token = _took.set([])
    try:
        yield _took.get()
    finally:
        _took.reset(token)


def _answered(search: Search, body: dict) -> Response:
    collected = _took.get()
    if collected is not None and isinstance(body.get("took"), int | float):
        collected.append(float(body["took"]))
    return Response(search, body)


class EngineError(Exception):
    """The cluster could not be reached or refused the request (either client library)."""


@dataclass(frozen=True)
class EngineConfig:
    """One ``SEARCH_BACKENDS`` entry for an engine, hashable so clients can be shared."""

    urls: tuple[str, ...]
    timeout: float = 2.0
    # Index updates run in background tasks, never in a visitor's request: a real cluster
    # may take seconds to create an index or to make a large bulk request searchable.
    write_timeout: float = 30.0
    flavour: str = "elasticsearch"
    api_key: str | None = None
    basic_auth: tuple[str, str] | None = None
    ca_certs: str | None = None

    @classmethod
    def from_settings(cls, config: dict) -> EngineConfig:
        urls = config.get("URLS") or []
        if isinstance(urls, str):
            urls = [urls]
        urls = tuple(url.strip().rstrip("/") for url in urls if url and url.strip())
        if not urls:
            raise ImproperlyConfigured("SEARCH_BACKENDS: an engine backend needs URLS")
        for url in urls:
            _check_url(url)
        flavour = (config.get("FLAVOUR") or "elasticsearch").lower()
        if flavour not in FLAVOURS:
            raise ImproperlyConfigured(
                f"SEARCH_BACKENDS: FLAVOUR {flavour!r} is not one of {', '.join(FLAVOURS)}"
            )
        basic_auth = config.get("BASIC_AUTH")
        if basic_auth is not None:
            basic_auth = tuple(basic_auth)
            if len(basic_auth) != 2:
                raise ImproperlyConfigured("SEARCH_BACKENDS: BASIC_AUTH is (username, password)")
        if basic_auth and config.get("API_KEY"):
            raise ImproperlyConfigured("SEARCH_BACKENDS: set API_KEY or BASIC_AUTH, not both")
        return cls(
            urls=urls,
            timeout=float(config.get("TIMEOUT", 2.0)),
            write_timeout=float(config.get("WRITE_TIMEOUT", 30.0)),
            flavour=flavour,
            api_key=config.get("API_KEY") or None,
            basic_auth=basic_auth or None,
            ca_certs=config.get("CA_CERTS") or None,
        )

    @property
    def max_retries(self) -> int:
        # Each other node is tried once when one refuses the connection.
        return len(self.urls) - 1


def _check_url(url: str) -> None:
    """Refuse an address the client libraries would crash on, naming it.

    opensearch-py answered a URL with a stray prefix (an ANSI colour code from a captured
    shell command) with ``TypeError: argument of type 'NoneType' is not iterable`` from inside
    every ``manage.py`` command; a setting that is wrong should say which value and why.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"SEARCH_BACKENDS: URL {url!r} is not an http(s) address with a host "
            "(check ELASTICSEARCH_URL)"
        )
    try:
        _ = parts.port  # parsed lazily: a port that is not a number raises only here
    except ValueError as error:
        raise ImproperlyConfigured(f"SEARCH_BACKENDS: URL {url!r} has a bad port") from error


class EngineClient:
    """What the backend needs from a cluster; one implementation per flavour."""

    flavour: str
    # The highlight request's cap on re-analysed characters: Elasticsearch 8 calls it
    # max_analyzed_offset, OpenSearch 2 max_analyzer_offset (and answers 400 to the other).
    highlight_offset_option: str

    def search(self, search: Search) -> Response: ...

    def bulk(
        self,
        actions: Iterable[dict],
        *,
        refresh: str | bool = False,
        raise_on_error: bool = True,
        chunk_size: int = 500,
        request_timeout: float | None = None,
    ) -> tuple[int, list]: ...

    def create_index(self, index: Index) -> None: ...

    def indices(self, pattern: str) -> list[str]:
        """Names of the indices matching ``pattern`` (none is not an error)."""

    def alias_indices(self, alias: str) -> list[str]:
        """The indices behind ``alias`` (none when it does not exist)."""

    def put_alias(self, *, index: str, alias: str) -> None: ...

    def update_aliases(self, actions: list[dict]) -> None: ...

    def refresh(self, index: str) -> None: ...

    def delete_index(self, index: str) -> None:
        """Delete one index by name; an index already gone is fine."""

    def scan(self, index: str, *, fields: list[str]) -> Iterable[tuple[str, dict]]:
        """(id, source with only ``fields``) of every document, in pages (scroll)."""

    def exists(self, index: str, id: int | str | None = None) -> bool:
        """Whether the index (or one document in it) exists."""

    def analyze(self, *, index: str, **body) -> dict:
        """The analyze API: the tokens an analyzer, tokenizer or filters make of a text."""

    def ping(self) -> bool: ...


class ElasticsearchClient(EngineClient):
    flavour = "elasticsearch"
    highlight_offset_option = "max_analyzed_offset"

    def __init__(self, config: EngineConfig):
        from elasticsearch import Elasticsearch

        self.client = Elasticsearch(
            list(config.urls),
            request_timeout=config.timeout,
            max_retries=config.max_retries,
            retry_on_timeout=False,
            api_key=config.api_key,
            basic_auth=config.basic_auth,
            ca_certs=config.ca_certs,
        )
        self.admin = self.client.options(request_timeout=config.write_timeout)

    @staticmethod
    def _errors():
        from elasticsearch import exceptions

        return (exceptions.ApiError, exceptions.TransportError, exceptions.UnsupportedProductError)

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except self._errors() as error:
            raise EngineError(f"{type(error).__name__}: {error}") from error

    def search(self, search: Search) -> Response:
        raw = self._call(self.client.search, index=search._index, body=search.to_dict())
        return _answered(search, raw.body)

    def bulk(self, actions, *, refresh=False, raise_on_error=True, chunk_size=500,
             request_timeout=None):  # fmt: skip
        from elasticsearch import helpers

        client = self.admin
        if request_timeout is not None:
            client = client.options(request_timeout=request_timeout)
        return self._call(
            helpers.bulk, client, actions, refresh=refresh, raise_on_error=raise_on_error,
            chunk_size=chunk_size,
        )  # fmt: skip

    def create_index(self, index: Index) -> None:
        body = index.to_dict()
        self._call(self.admin.indices.create, index=index._name, **body)

    def indices(self, pattern: str) -> list[str]:
        return sorted(self._call(self.admin.indices.get, index=pattern, allow_no_indices=True))

    def alias_indices(self, alias: str) -> list[str]:
        if not self._call(self.admin.indices.exists_alias, name=alias):
            return []
        return sorted(self._call(self.admin.indices.get_alias, name=alias))

    def put_alias(self, *, index: str, alias: str) -> None:
        self._call(self.admin.indices.put_alias, index=index, name=alias)

    def update_aliases(self, actions: list[dict]) -> None:
        self._call(self.admin.indices.update_aliases, actions=actions)

    def refresh(self, index: str) -> None:
        self._call(self.admin.indices.refresh, index=index)

    def delete_index(self, index: str) -> None:
        self._call(self.admin.options(ignore_status=404).indices.delete, index=index)

    def scan(self, index: str, *, fields: list[str]) -> Iterable[tuple[str, dict]]:
        from elasticsearch import helpers

        hits = self._call(
            lambda: list(
                helpers.scan(self.admin, index=index, query={"_source": fields}, size=1000)
            )
        )
        return [(hit["_id"], hit.get("_source", {})) for hit in hits]

    def exists(self, index: str, id: int | str | None = None) -> bool:
        if id is None:
            return bool(self._call(self.admin.indices.exists, index=index))
        return bool(self._call(self.admin.exists, index=index, id=id))

    def analyze(self, *, index: str, **body) -> dict:
        return dict(self._call(self.admin.indices.analyze, index=index, **body))

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:  # a product-check refusal is as unreachable as a closed port
            return False


class OpenSearchClient(EngineClient):
    flavour = "opensearch"
    highlight_offset_option = "max_analyzer_offset"

    def __init__(self, config: EngineConfig):
        from opensearchpy import OpenSearch

        headers = {}
        if config.api_key:
            # opensearch-py has no api_key option; a gateway or security plugin reads the header.
            headers["Authorization"] = f"ApiKey {config.api_key}"
        options = {
            "hosts": list(config.urls),
            "max_retries": config.max_retries,
            "retry_on_timeout": False,
            "http_auth": config.basic_auth,
            "ca_certs": config.ca_certs,
            "verify_certs": True,
            "headers": headers or None,
        }
        self.client = OpenSearch(timeout=config.timeout, **options)
        self.admin = OpenSearch(timeout=config.write_timeout, **options)

    @staticmethod
    def _errors():
        from opensearchpy import exceptions

        return (exceptions.TransportError, exceptions.ImproperlyConfigured)

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except self._errors() as error:
            raise EngineError(f"{type(error).__name__}: {error}") from error

    def search(self, search: Search) -> Response:
        raw = self._call(self.client.search, index=search._index, body=search.to_dict())
        return _answered(search, raw)

    def bulk(self, actions, *, refresh=False, raise_on_error=True, chunk_size=500,
             request_timeout=None):  # fmt: skip
        from opensearchpy import helpers

        extra = {"request_timeout": request_timeout} if request_timeout is not None else {}
        if refresh:
            extra["refresh"] = refresh
        return self._call(
            helpers.bulk, self.admin, actions, raise_on_error=raise_on_error,
            chunk_size=chunk_size, **extra,
        )  # fmt: skip

    def create_index(self, index: Index) -> None:
        self._call(self.admin.indices.create, index=index._name, body=index.to_dict())

    def indices(self, pattern: str) -> list[str]:
        return sorted(self._call(self.admin.indices.get, index=pattern, allow_no_indices=True))

    def alias_indices(self, alias: str) -> list[str]:
        if not self._call(self.admin.indices.exists_alias, name=alias):
            return []
        return sorted(self._call(self.admin.indices.get_alias, name=alias))

    def put_alias(self, *, index: str, alias: str) -> None:
        self._call(self.admin.indices.put_alias, index=index, name=alias)

    def update_aliases(self, actions: list[dict]) -> None:
        self._call(self.admin.indices.update_aliases, body={"actions": actions})

    def refresh(self, index: str) -> None:
        self._call(self.admin.indices.refresh, index=index)

    def delete_index(self, index: str) -> None:
        self._call(self.admin.indices.delete, index=index, ignore=404)

    def scan(self, index: str, *, fields: list[str]) -> Iterable[tuple[str, dict]]:
        from opensearchpy import helpers

        hits = self._call(
            lambda: list(
                helpers.scan(self.admin, index=index, query={"_source": fields}, size=1000)
            )
        )
        return [(hit["_id"], hit.get("_source", {})) for hit in hits]

    def exists(self, index: str, id: int | str | None = None) -> bool:
        if id is None:
            return bool(self._call(self.admin.indices.exists, index=index))
        return bool(self._call(self.admin.exists, index=index, id=id))

    def analyze(self, *, index: str, **body) -> dict:
        return self._call(self.admin.indices.analyze, index=index, body=body)

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:  # transport errors of every kind mean "not reachable"
            return False


@functools.lru_cache(maxsize=16)
def engine_client(config: EngineConfig) -> EngineClient:
    """One client (and connection pool) per configuration, shared by all requests."""
    if config.flavour == "opensearch":
        return OpenSearchClient(config)
    return ElasticsearchClient(config)
