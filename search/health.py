"""Reachability of the configured search cluster, for the readiness endpoint."""

from __future__ import annotations

import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def search_backend_is_reachable() -> bool:
    """True when no cluster is configured (database search) or the cluster answers a ping."""
    url = settings.ELASTICSEARCH_URL
    if not url:
        return True
    from elasticsearch import Elasticsearch

    try:
        client = Elasticsearch(url, request_timeout=settings.ELASTICSEARCH_TIMEOUT, max_retries=0)
        return bool(client.ping())
    except Exception:  # transport errors of every kind mean "not reachable"
        logger.warning("readiness: search cluster unreachable")
        return False
