from __future__ import annotations

from django.http import QueryDict

from search.selectors import search_request_from_params, search_run
from tests.kennisbank.factories import BestPracticePageFactory, SignalGuidePageFactory, publish


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
