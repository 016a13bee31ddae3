from __future__ import annotations

from django.http import QueryDict

from search.selectors import search_request_from_params, search_run
from tests.kennisbank.factories import BestPracticePageFactory, SignalGuidePageFactory, publish

ENGINE = "search.backends.elasticsearch"
DATABASE = {"BACKEND": "search.backends.database"}


def practice(index, **kwargs):
    return publish(BestPracticePageFactory(parent=index, **kwargs))


def guide(index, **kwargs):
    return publish(SignalGuidePageFactory(parent=index, **kwargs))


def search(query: str = "", **params):
    data = QueryDict(mutable=True)
    data["q"] = query
    for name, values in params.items():
        data.setlist(name, values if isinstance(values, list) else [values])
    return search_run(request=search_request_from_params(data, api=True))


def titles(response) -> list[str]:
    return [hit.title for hit in response.hits]


def use_engine(
    settings,
    url: str | list[str],
    *,
    timeout: float = 2,
    write_timeout: float | None = None,
    index: str | None = None,
    flavour: str | None = None,
    **extra,
) -> dict:
    """Point the app's SEARCH_BACKENDS at the engine at ``url`` (several URLs: a list). The
    flavour is the test cluster's (ELASTICSEARCH_FLAVOUR) unless given; index updates get
    ``timeout`` too unless ``write_timeout`` says otherwise."""
    config = {
        "BACKEND": ENGINE,
        "URLS": url if isinstance(url, list) else [url],
        "INDEX": index or "weerbaar-test",
        "TIMEOUT": timeout,
        "WRITE_TIMEOUT": write_timeout if write_timeout is not None else timeout,
        "FLAVOUR": flavour or settings.ELASTICSEARCH_TEST_FLAVOUR,
        **extra,
    }
    settings.SEARCH_BACKENDS = {"default": config, "fallback": DATABASE}
    return config


def use_database(settings) -> None:
    """Searches go to the database backend only (no engine configured)."""
    settings.SEARCH_BACKENDS = {"default": DATABASE, "fallback": DATABASE}
