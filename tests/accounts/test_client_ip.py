"""The per-IP login limit counts the address the trusted proxy saw, never one a client wrote.

Issue 16's probe got a fresh login budget per request by sending its own X-Forwarded-For to an
app that trusted one proxy but was reachable without it.
"""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # as in production
    settings.ACCOUNT_RATE_LIMITS = {**django_settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}


def _login(client, **meta) -> int:
    return client.post("/account/login/", {}, **meta).status_code


def test_a_direct_client_cannot_forge_its_address(client, one_proxy):
    direct = {"REMOTE_ADDR": "198.51.100.7"}
    statuses = [_login(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}", **direct) for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_behind_the_trusted_proxy_each_visitor_has_a_budget(client, one_proxy):
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(3):
        assert _login(client, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy) == 200
    assert _login(client, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy) == 429
    # The proxy appends the real address: what a client put in front does not count.
    assert _login(client, HTTP_X_FORWARDED_FOR="203.0.113.1, 203.0.113.2", **proxy) == 200


def test_a_trusted_client_ip_header_counts_only_from_the_proxy(client, one_proxy, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    settings.TRUSTED_PROXY_IPS = ["10.0.0.0/8"]
    for _ in range(3):
        assert _login(client, REMOTE_ADDR="10.1.2.3", HTTP_X_REAL_IP="203.0.113.9") == 200
    assert _login(client, REMOTE_ADDR="10.1.2.3", HTTP_X_REAL_IP="203.0.113.9") == 429
    assert _login(client, REMOTE_ADDR="10.1.2.3", HTTP_X_REAL_IP="203.0.113.10") == 200
    # Sent straight to the app, the header is dropped and the connection's address counts.
    for n in range(3):
        assert _login(client, REMOTE_ADDR="198.51.100.8", HTTP_X_REAL_IP=f"192.0.2.{n}") == 200
    assert _login(client, REMOTE_ADDR="198.51.100.8", HTTP_X_REAL_IP="192.0.2.99") == 429


def test_production_start_binds_to_loopback_by_default():
    script = (django_settings.BASE_DIR / "scripts" / "start-production.sh").read_text()
    assert 'BIND="${BIND:-127.0.0.1:8000}"' in script
