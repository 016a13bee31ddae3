"""Ids beyond 64 bits in any of our URL routes are a 404, never an OverflowError (issue 16)."""

from __future__ import annotations

import pytest
from django.urls import get_resolver

from tests.courses.test_cohorts import trainer  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HUGE = str(2**64 + 1)  # 20 digits


def _id_routes() -> list[str]:
    """Every courses route with an id in it, the id replaced by HUGE and other parts filled."""
    resolver = get_resolver()
    urls = []
    for pattern in resolver.url_patterns:
        for sub in getattr(pattern, "url_patterns", []):
            route = str(getattr(sub.pattern, "_route", ""))
            if "<id:" in route or "<int:" in route:
                filled = route
                for name in ("course_id", "lesson_id", "cohort_id"):
                    filled = filled.replace(f"<id:{name}>", HUGE).replace(f"<int:{name}>", HUGE)
                filled = filled.replace("<uuid:token>", "12345678-1234-5678-1234-567812345678")
                while "<str:" in filled:
                    start = filled.index("<str:")
                    filled = filled[:start] + "x" + filled[filled.index(">", start) + 1 :]
                urls.append("/" + filled)
    return urls


def test_every_id_route_answers_404_for_an_id_beyond_64_bits(client, trainer):  # noqa: F811
    urls = _id_routes()
    assert len(urls) >= 8, urls
    for user in (UserFactory(), trainer):
        client.force_login(user)
        for url in urls:
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code == 404, (url, method.__name__, response.status_code)


def test_ids_within_range_still_resolve():
    from django.urls import resolve

    assert resolve("/leren/cursus/123/inschrijven/").kwargs == {"course_id": 123}
    assert resolve(f"/leren/cursus/{'9' * 18}/inschrijven/").kwargs["course_id"] == 10**18 - 1
