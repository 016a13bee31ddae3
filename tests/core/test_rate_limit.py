"""core.rate_limit: the fixed window every app's limits share."""

from django.core.cache import cache

from core import rate_limit
from core.rate_limit import rate_limit_consume


def test_the_limit_holds_per_scope_and_client_and_reading_does_not_count():
    for _ in range(3):
        assert rate_limit_consume(scope="a", client="x", rate="3/m")
    assert rate_limit_consume(scope="a", client="x", rate="3/m", count=False) is False
    assert rate_limit_consume(scope="a", client="x", rate="3/m") is False
    assert rate_limit_consume(scope="a", client="y", rate="3/m")
    assert rate_limit_consume(scope="b", client="x", rate="3/m")


def test_a_new_window_starts_again(monkeypatch):
    monkeypatch.setattr(rate_limit.time, "time", lambda: 1000.0)
    assert rate_limit_consume(scope="w", client="x", rate="1/h")
    assert not rate_limit_consume(scope="w", client="x", rate="1/h")
    monkeypatch.setattr(rate_limit.time, "time", lambda: 1000.0 + 3600)
    assert rate_limit_consume(scope="w", client="x", rate="1/h")


def test_no_rate_means_no_limit_and_the_key_never_holds_the_client():
    assert all(rate_limit_consume(scope="n", client="x", rate="") for _ in range(50))
    rate_limit_consume(scope="k", client="203.0.113.9", rate="5/s")
    keys = list(cache._cache.keys())  # locmem in tests
    assert keys and not any("203.0.113.9" in key for key in keys)
