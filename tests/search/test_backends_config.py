"""search.backends.get_search_backend: BACKEND is a module path whose ``SearchBackend``
attribute is built from the whole entry, so a new backend is a new module and nothing else;
a wrong entry says which name and which path."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.backends import (
    database_backend,
    elasticsearch_backend,
    engine_configured,
    get_search_backend,
    search_backends,
)
from search.backends.database import DatabaseSearchBackend
from search.backends.elasticsearch import ElasticsearchBackend
from tests.search.backend_stubs.recording import RecordingBackend

STUB = "tests.search.backend_stubs.recording"


def test_a_module_path_with_a_search_backend_is_built_from_its_entry(settings):
    entry = {"BACKEND": STUB, "KLEUR": "blauw"}
    settings.SEARCH_BACKENDS = {"default": entry, "fallback": {"BACKEND": STUB}}
    backend = get_search_backend()
    assert isinstance(backend, RecordingBackend)
    assert backend.params == entry
    assert get_search_backend("fallback").params == {"BACKEND": STUB}


def test_the_shipped_backends_are_found_the_same_way(settings):
    import search.backends.database
    import search.backends.elasticsearch

    assert search.backends.database.SearchBackend is DatabaseSearchBackend
    assert search.backends.elasticsearch.SearchBackend is ElasticsearchBackend
    settings.SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX": "weerbaar-eigen",
            "REPLICAS": 1,
        },
        "fallback": {"BACKEND": "search.backends.database"},
    }
    engine = get_search_backend()
    assert isinstance(engine, ElasticsearchBackend)
    assert (engine.alias, engine.replicas) == ("weerbaar-eigen", "1")
    assert isinstance(get_search_backend("fallback"), DatabaseSearchBackend)


def test_an_engine_without_index_reads_the_default_alias(settings):
    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.elasticsearch", "URLS": ["http://127.0.0.1:9"]}
    }
    engine = get_search_backend()
    assert (engine.alias, engine.replicas, engine.timeout) == ("weerbaar-zoeken", "0-1", 2.0)


def test_another_backend_is_not_taken_for_the_engine(settings):
    """engine_configured() means Elasticsearch or OpenSearch (health checks ping it, rebuilds
    fill it); any other default backend is searched, the database still holds everything."""
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": STUB}}
    assert not engine_configured() and elasticsearch_backend() is None
    assert [type(backend) for backend in search_backends()] == [DatabaseSearchBackend]
    assert isinstance(database_backend(), DatabaseSearchBackend)


@pytest.mark.parametrize(
    "path",
    ["search.backends.solr", "weerbaar_zoekmachine", "weerbaar_zoekmachine.backends.solr"],
)
def test_a_path_that_is_not_a_module_names_the_backend_and_the_path(settings, path):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    settings.SEARCH_BACKENDS["zoeken"] = {"BACKEND": path}
    with pytest.raises(ImproperlyConfigured) as error:
        get_search_backend("zoeken")
    assert "SEARCH_BACKENDS['zoeken']" in str(error.value)
    assert repr(path) in str(error.value)


@pytest.mark.parametrize(
    "path",
    [
        "search.backends.clients",  # a module, no SearchBackend
        "search.backends.base",  # the base class itself is no backend
        "tests.search.backend_stubs.plain",  # SearchBackend, but not a class
    ],
)
def test_a_module_without_a_backend_class_is_named(settings, path):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": path}}
    with pytest.raises(ImproperlyConfigured, match="has no SearchBackend class") as error:
        get_search_backend()
    assert repr(path) in str(error.value) and "'default'" in str(error.value)


@pytest.mark.parametrize("path", [None, "", 42])
def test_a_missing_backend_path_is_named(settings, path):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": path} if path is not None else {}}
    with pytest.raises(ImproperlyConfigured, match=r"SEARCH_BACKENDS\['default'\]: BACKEND"):
        get_search_backend()


def test_a_failing_import_inside_a_backend_is_not_hidden(settings):
    """A backend module that exists but cannot import its own dependency shows that cause,
    not "not an importable module" about the backend path."""
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "tests.search.backend_stubs.broken"}}
    with pytest.raises(ModuleNotFoundError) as error:
        get_search_backend()
    assert error.value.name == "weerbaar_library_that_is_not_installed"
    assert not isinstance(error.value, ImproperlyConfigured)


def test_the_fallback_is_the_database_unless_configured(settings):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": STUB}}
    assert isinstance(get_search_backend("fallback"), DatabaseSearchBackend)
    settings.SEARCH_BACKENDS = {}
    assert isinstance(get_search_backend("fallback"), DatabaseSearchBackend)
    with pytest.raises(ImproperlyConfigured, match="no backend named 'default'"):
        get_search_backend()
    with pytest.raises(ImproperlyConfigured, match="no backend named 'elders'"):
        get_search_backend("elders")


def test_an_entry_changed_in_place_is_honoured(settings):
    """No instance cache: a test (or code) that edits an entry in place gets the new value."""
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": STUB, "INDEX": "een"}}
    assert get_search_backend().params["INDEX"] == "een"
    settings.SEARCH_BACKENDS["default"]["INDEX"] = "twee"
    assert get_search_backend().params["INDEX"] == "twee"
