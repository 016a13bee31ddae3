"""Reachability of the configured search cluster, for the readiness endpoint."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def search_backend_is_reachable() -> bool:
    """True when no engine is configured (database search) or the engine answers a ping,
    through the client of its flavour (elasticsearch-py refuses OpenSearch, and vice versa
    the product check would make a wrong flavour look reachable if pinged with raw HTTP)."""
    from .backends import elasticsearch_backend

    backend = elasticsearch_backend()
    if backend is None:
        return True
    if backend.ping():
        return True
    logger.warning("readiness: search cluster unreachable")
    return False
