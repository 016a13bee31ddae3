"""The Elasticsearch (or OpenSearch) backend: ``BACKEND = "search.backends.elasticsearch"``.

This module only glues three parts that change for different reasons:

* ``index.py``: Dutch analysis, the mapping and the versioned indices behind the alias (what
  is stored; a change needs ``search_rebuild``);
* ``query.py``: the request bodies (relevance tuning; no rebuild needed);
* ``results.py``: turning an answer into the backend-neutral ``SearchResponse``.

The cluster itself is reached through ``clients.py`` (Elasticsearch 8 or OpenSearch behind one
small interface). The names tests and other code import from here are re-exported.
"""

from __future__ import annotations

from collections.abc import Iterable

from elasticsearch.dsl import Search

from ...documents import PageDocument
from ..base import SearchBackend as BaseSearchBackend
from ..base import SearchBackendError, SearchRequest, SearchResponse, Suggestion
from ..clients import EngineConfig, EngineError, engine_client
from .index import create_index, drop_indices, index_definition, rebuild_index, write_targets
from .query import (
    ENOUGH_WORDS,
    FUZZY_FIELDS,
    HIGHLIGHT_MAX_CHARS,
    MAX_RESULT_WINDOW,
    TEXT_FIELDS,
    build_search,
    build_suggest,
    text_query,
)
from .results import search_response, suggestions

__all__ = [
    "ENOUGH_WORDS",
    "FUZZY_FIELDS",
    "HIGHLIGHT_MAX_CHARS",
    "MAX_RESULT_WINDOW",
    "TEXT_FIELDS",
    "ElasticsearchBackend",
    "SearchBackend",
    "index_definition",
    "text_query",
]

DEFAULT_ALIAS = "weerbaar-zoeken"


class ElasticsearchBackend(BaseSearchBackend):
    name = "elasticsearch"

    def __init__(self, *, config: EngineConfig, alias: str, replicas: str = "0-1"):
        self.alias = alias
        # auto_expand_replicas: one replica as soon as the cluster has a second node (so a
        # node can stop without losing a shard), none on a single node (which stays green).
        self.replicas = replicas
        self.timeout = config.timeout
        # Elasticsearch 8 or OpenSearch behind one small interface (see clients.py).
        self.client = engine_client(config)

    @classmethod
    def from_params(cls, *, params: dict) -> ElasticsearchBackend:
        """URLS, FLAVOUR, credentials and timeouts go to ``EngineConfig`` (which refuses a
        wrong value by name); INDEX is the alias searches read."""
        return cls(
            config=EngineConfig.from_settings(params),
            alias=params.get("INDEX") or DEFAULT_ALIAS,
            replicas=str(params.get("REPLICAS") or "0-1"),
        )

    def ping(self) -> bool:
        return self.client.ping()

    # --- Reading

    def _run(self, search: Search):
        try:
            response = self.client.search(search)
        except EngineError as error:
            raise SearchBackendError(str(error)) from error
        # Past the request's "timeout", or with a shard failing, Elasticsearch still answers
        # 200 with the hits it has so far: an incomplete answer, so the database answers instead.
        if response.timed_out or response.to_dict().get("_shards", {}).get("failed", 0):
            raise SearchBackendError("partial results")
        return response

    def search(self, request: SearchRequest) -> SearchResponse:
        search = build_search(
            request=request,
            alias=self.alias,
            timeout=self.timeout,
            highlight_offset_option=self.client.highlight_offset_option,
        )
        return search_response(response=self._run(search), request=request, backend=self.name)

    def suggest(self, text: str, *, limit: int = 8) -> list[Suggestion]:
        search = build_suggest(text=text, alias=self.alias, limit=limit)
        return suggestions(response=self._run(search))

    # --- Writing

    def _write_targets(self) -> list[str]:
        """The live index and any newer one a rebuild is filling, so no update is lost."""
        return write_targets(client=self.client, alias=self.alias, replicas=self.replicas)

    def _create_index(self) -> str:
        return create_index(client=self.client, alias=self.alias, replicas=self.replicas)

    def index_documents(self, documents: Iterable[PageDocument]) -> None:
        documents = list(documents)
        if not documents:
            return
        actions = [
            {"_op_type": "index", "_index": target, "_id": d.page_id, **d.as_elasticsearch()}
            for target in self._write_targets()
            for d in documents
        ]
        # refresh=True, not "wait_for": searchable at once, without holding the worker up to
        # a refresh interval per update (an editor's publish is a handful of documents).
        self.client.bulk(actions, refresh=True)

    def delete_documents(self, page_ids: Iterable[int]) -> None:
        ids = list(page_ids)
        if not ids:
            return
        actions = [
            {"_op_type": "delete", "_index": target, "_id": page_id}
            for target in self._write_targets()
            for page_id in ids
        ]
        self.client.bulk(actions, refresh=True, raise_on_error=False)

    def rebuild(self, documents: Iterable[PageDocument]) -> int:
        """Fill a new versioned index with the bulk API, then swap the alias atomically."""
        return rebuild_index(
            client=self.client, alias=self.alias, replicas=self.replicas, documents=documents
        )

    def published_stamps(self) -> dict[int, str | None]:
        """Page id -> "published" stamp of every document searches read (for reconcile)."""
        return {
            int(doc_id): source.get("published")
            for doc_id, source in self.client.scan(self.alias, fields=["published"])
        }

    def drop(self) -> None:
        """Delete every index of this alias (tests)."""
        drop_indices(client=self.client, alias=self.alias)


# What ``search.backends.get_search_backend`` builds for BACKEND = this module's path.
SearchBackend = ElasticsearchBackend
