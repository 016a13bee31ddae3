"""SEARCH_BACKENDS: built from the environment, validated, and honoured by both flavours'
clients (several nodes, API key or basic auth, a private CA)."""

from __future__ import annotations

import json
import socket
import urllib.request
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.base import search_backends_from_env
from search.backends import elasticsearch_backend, engine_configured, get_search_backend
from search.backends.clients import ElasticsearchClient, EngineConfig, OpenSearchClient
from search.backends.database import DatabaseSearchBackend
from tests.search.helpers import practice, search, titles, use_engine

ENV = [
    "ELASTICSEARCH_URL",
    "ELASTICSEARCH_INDEX",
    "ELASTICSEARCH_TIMEOUT",
    "ELASTICSEARCH_FLAVOUR",
    "ELASTICSEARCH_API_KEY",
    "ELASTICSEARCH_USERNAME",
    "ELASTICSEARCH_PASSWORD",
    "ELASTICSEARCH_CA_CERTS",
]


@pytest.fixture
def environment(monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_no_url_means_database_search(environment):
    backends = search_backends_from_env()
    assert backends["default"] == backends["fallback"] == {"BACKEND": "search.backends.database"}


def test_the_environment_configures_a_production_cluster(environment):
    environment.setenv("ELASTICSEARCH_URL", "https://es1.example:9200, https://es2.example:9200")
    environment.setenv("ELASTICSEARCH_FLAVOUR", "opensearch")
    environment.setenv("ELASTICSEARCH_USERNAME", "weerbaar")
    environment.setenv("ELASTICSEARCH_PASSWORD", "geheim")
    environment.setenv("ELASTICSEARCH_CA_CERTS", "/etc/ssl/cluster-ca.pem")
    environment.setenv("ELASTICSEARCH_TIMEOUT", "1.5")
    default = search_backends_from_env()["default"]
    assert default["URLS"] == ["https://es1.example:9200", "https://es2.example:9200"]
    assert default["BASIC_AUTH"] == ("weerbaar", "geheim") and default["API_KEY"] is None
    config = EngineConfig.from_settings(default)
    assert config.flavour == "opensearch" and config.timeout == 1.5
    assert config.ca_certs == "/etc/ssl/cluster-ca.pem" and config.max_retries == 1


def test_the_elasticsearch_client_gets_every_node_the_key_and_the_ca(tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("not read until a connection is made")
    config = EngineConfig.from_settings(
        {
            "URLS": ["https://es1.example:9200", "https://es2.example:9200/"],
            "API_KEY": "c2xldXRlbA==",
            "CA_CERTS": str(ca),
        }
    )
    client = ElasticsearchClient(config).client
    nodes = client.transport.node_pool.all()
    assert sorted(node.config.host for node in nodes) == ["es1.example", "es2.example"]
    assert all(node.config.ca_certs == str(ca) for node in nodes)
    assert client._headers["authorization"] == "ApiKey c2xldXRlbA=="
    assert client._max_retries == 1


def test_the_opensearch_client_gets_every_node_and_basic_auth():
    config = EngineConfig.from_settings(
        {
            "URLS": ["http://os1.example:9200", "http://os2.example:9200"],
            "FLAVOUR": "opensearch",
            "BASIC_AUTH": ["weerbaar", "geheim"],
        }
    )
    client = OpenSearchClient(config).client
    connections = client.transport.connection_pool.connections
    assert sorted(c.host for c in connections) == [
        "http://os1.example:9200",
        "http://os2.example:9200",
    ]
    assert all(c.headers["authorization"].startswith("Basic ") for c in connections)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"URLS": []}, "needs URLS"),
        ({"URLS": ["http://x:9200"], "FLAVOUR": "solr"}, "FLAVOUR 'solr'"),
        ({"URLS": ["http://x:9200"], "API_KEY": "k", "BASIC_AUTH": ("u", "p")}, "not both"),
        ({"URLS": ["http://x:9200"], "BASIC_AUTH": ("u",)}, "BASIC_AUTH"),
        # A colour code captured from a shell command once crashed every manage.py command.
        ({"URLS": ["\x1b[0mhttp://127.0.0.1:9250"]}, "not an http"),
        ({"URLS": ["127.0.0.1:9200"]}, "not an http"),
        ({"URLS": ["http://:9200"]}, "not an http"),
        ({"URLS": ["http://x:port"]}, "bad port"),
    ],
)
def test_a_wrong_configuration_names_what_is_wrong(config, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        EngineConfig.from_settings(config)


def test_an_unknown_backend_is_named(settings):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.solr"}}
    with pytest.raises(ImproperlyConfigured, match="search.backends.solr"):
        get_search_backend()


def test_backends_are_chosen_by_settings(settings):
    use_engine(settings, "http://127.0.0.1:9")
    assert engine_configured() and elasticsearch_backend() is not None
    assert isinstance(get_search_backend("fallback"), DatabaseSearchBackend)
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    assert not engine_configured() and elasticsearch_backend() is None


@pytest.mark.django_db
def test_a_node_that_refuses_connections_is_passed_over(
    settings, elasticsearch_url, practice_index
):
    """Several URLs: the client tries the next node, so the engine (not the fallback) answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    index = f"weerbaar-test-{uuid.uuid4().hex[:10]}"
    use_engine(settings, [dead, elasticsearch_url], index=index, write_timeout=30)
    try:
        practice(practice_index, title="Weerbaarheid in het mbo")
        for _ in range(3):  # whichever node the pool picks first
            response = search("weerbaarheid")
            assert (response.backend, response.degraded) == ("elasticsearch", False)
            assert titles(response) == ["Weerbaarheid in het mbo"]
    finally:
        elasticsearch_backend().drop()


def test_a_wrong_configuration_fails_the_system_check(settings):
    from search.checks import search_backends_check

    use_engine(settings, "http://127.0.0.1:9", flavour="solr")
    errors = search_backends_check()
    assert [error.id for error in errors] == ["search.E001"] and "solr" in errors[0].msg
    use_engine(settings, "http://127.0.0.1:9")
    assert search_backends_check() == []


@pytest.mark.django_db
def test_only_the_engines_own_flavour_gets_answers(
    settings, client, elasticsearch_url, practice_index
):
    """elasticsearch-py 8 refuses a server that does not say it is Elasticsearch (product check)
    and sends a content type OpenSearch answers 406 to: against OpenSearch the elasticsearch
    flavour must fail over to the database (never a 5xx) and readiness must say so, while the
    opensearch flavour is answered. Against noida-db (which says it is Elasticsearch) the
    elasticsearch flavour is answered."""
    with urllib.request.urlopen(elasticsearch_url, timeout=10) as response:  # noqa: S310
        distribution = json.load(response)["version"].get("distribution", "elasticsearch")
    index = f"weerbaar-test-{uuid.uuid4().hex[:10]}"
    own = "opensearch" if distribution == "opensearch" else "elasticsearch"
    use_engine(settings, elasticsearch_url, index=index, write_timeout=30, flavour=own)
    try:
        practice(practice_index, title="Weerbaarheid in het mbo")
        assert (search("weerbaarheid").backend, client.get("/readyz/").status_code) == (
            "elasticsearch",
            200,
        )
        if distribution == "opensearch":
            use_engine(settings, elasticsearch_url, index=index, flavour="elasticsearch")
            response = search("weerbaarheid")
            assert (response.backend, response.degraded) == ("database", True)
            assert titles(response) == ["Weerbaarheid in het mbo"]
            assert client.get("/api/v1/search/", {"q": "weerbaarheid"}).status_code == 200
            assert client.get("/readyz/").status_code == 503
    finally:
        use_engine(settings, elasticsearch_url, index=index, flavour=own)
        elasticsearch_backend().drop()
