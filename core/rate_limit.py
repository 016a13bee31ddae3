"""One rate limiter for every app: a fixed window per scope and client in the shared cache.

It lives in ``core`` because search (searches per address) and courses (wrong join codes per
user) both need it, and neither should import the other for it.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _parse_rate(rate: str) -> tuple[int, int]:
    """``"60/m"`` -> (60, 60): the number of searches and the window in seconds."""
    amount, _, unit = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600}[unit.strip() or "m"]
    return int(amount), seconds


def rate_limit_consume(*, scope: str, client: str, rate: str | None, count: bool = True) -> bool:
    """Count one action of ``client`` in ``scope`` and say whether it is within ``rate``
    (``"<number>/<s|m|h>"``); ``count=False`` only reads, for refusing before the work is done.

    A fixed window in the shared cache (Redis in production, so it holds across workers): two
    round trips and no lock, cheap enough to run before every search. The key holds a hash of
    the client, never the address or user itself. An unlimited scope (no rate) always passes.
    Search uses it per visitor's address, and the cohort join pages count wrong codes with it.
    """
    if not rate:
        return True
    amount, seconds = _parse_rate(rate)
    window = int(time.time() // seconds)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{client}".encode()).hexdigest()[:32]
    key = f"rl:{scope}:{window}:{digest}"
    if not count:
        return (cache.get(key) or 0) < amount
    try:
        cache.add(key, 0, timeout=seconds + 1)
        used = cache.incr(key)
    except ValueError:  # evicted between add() and incr(): count this one as the first
        cache.set(key, 1, timeout=seconds + 1)
        used = 1
    return used <= amount
