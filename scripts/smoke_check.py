"""Smoke checks against a running production-settings server (standard library only).

    python scripts/smoke_check.py http://127.0.0.1:8765

Prints one line per check, "ok: ..." or "FAIL: ...", and exits 1 if any check failed.
Redirects are never followed, and no proxy from the environment is used.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message

HTTPS = {"X-Forwarded-Proto": "https"}
ONE_YEAR = 60 * 60 * 24 * 365
TIMEOUT = 10


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)

    def check(self, condition: bool, what: str, detail: str = "") -> bool:
        if condition:
            print(f"ok: {what}")
        else:
            line = f"{what} ({detail})" if detail else what
            self.failures.append(line)
            print(f"FAIL: {line}")
        return condition


def fetch(url: str, headers: dict[str, str] | None = None) -> Response:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
        return Response(error.code, error.headers, error.read())


def _json(response: Response) -> dict:
    try:
        value = json.loads(response.body)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _max_age(value: str) -> int:
    match = re.search(r"max-age=(\d+)", value or "")
    return int(match.group(1)) if match else -1


def _directive(policy: str, name: str) -> str | None:
    for part in policy.split(";"):
        tokens = part.strip().split()
        if tokens and tokens[0].lower() == name:
            return " ".join(tokens[1:])
    return None


def check_health(base: str, report: Report) -> None:
    response = fetch(f"{base}/healthz/")
    body = _json(response)
    report.check(
        response.status == 200 and body == {"status": "ok"},
        'GET /healthz/ is 200 {"status": "ok"}',
        f"status {response.status}, body {response.text[:200]!r}",
    )
    response = fetch(f"{base}/readyz/")
    checks = _json(response).get("checks") or {}
    report.check(
        response.status == 200 and checks.get("database") == "ok",
        "GET /readyz/ is 200 with checks.database ok",
        f"status {response.status}, body {response.text[:200]!r}",
    )


def check_redirect(base: str, report: Report) -> None:
    response = fetch(f"{base}/")
    location = response.headers.get("Location", "")
    report.check(
        response.status == 301 and location.startswith("https://"),
        "GET / over plain HTTP is a 301 to https",
        f"status {response.status}, Location {location!r}",
    )


def check_home(base: str, report: Report) -> str | None:
    """Check the home page over (proxied) HTTPS; return the stylesheet URL it links."""
    response = fetch(f"{base}/", HTTPS)
    headers = response.headers
    if not report.check(
        response.status == 200, "GET / over https is 200", f"status {response.status}"
    ):
        return None
    html = response.text
    report.check('<html lang="nl"' in html, 'home page has <html lang="nl"')
    report.check("Weerbaar" in html, "home page mentions Weerbaar")

    hsts = headers.get("Strict-Transport-Security", "")
    report.check(
        _max_age(hsts) >= ONE_YEAR,
        f"Strict-Transport-Security max-age >= {ONE_YEAR}",
        f"got {hsts!r}",
    )
    nosniff = headers.get("X-Content-Type-Options", "")
    report.check(
        nosniff.lower() == "nosniff", "X-Content-Type-Options: nosniff", f"got {nosniff!r}"
    )
    referrer = headers.get("Referrer-Policy", "")
    report.check(bool(referrer), "Referrer-Policy is set", "missing")
    frame = headers.get("X-Frame-Options", "")
    report.check(bool(frame), "X-Frame-Options is set", "missing")

    policy = headers.get("Content-Security-Policy", "")
    script_src = _directive(policy, "script-src")
    report.check(
        script_src is not None and "'self'" in script_src.split(),
        "Content-Security-Policy has script-src 'self'",
        f"got {policy!r}" if policy else "no Content-Security-Policy header",
    )
    report.check(
        script_src is not None and "'unsafe-inline'" not in script_src,
        "Content-Security-Policy script-src has no 'unsafe-inline'",
        f"script-src is {script_src!r}",
    )

    cookies = headers.get_all("Set-Cookie") or []
    report.check(
        not cookies,
        "anonymous home page sets no cookie",
        "Set-Cookie: " + ", ".join(c.split("=", 1)[0] for c in cookies),
    )

    again = fetch(f"{base}/", HTTPS)
    cache_state = again.headers.get("X-Page-Cache")
    report.check(
        again.status == 200 and cache_state == "hit",
        "second GET / is served from the page cache (X-Page-Cache: hit)",
        f"status {again.status}, X-Page-Cache {cache_state!r}",
    )
    again_cookies = again.headers.get_all("Set-Cookie") or []
    report.check(
        not again_cookies,
        "cached home page sets no cookie",
        "Set-Cookie: " + ", ".join(c.split("=", 1)[0] for c in again_cookies),
    )

    match = re.search(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
    report.check(match is not None, "home page links a stylesheet")
    return match.group(1) if match else None


def check_static(base: str, href: str, report: Report) -> None:
    report.check(
        re.search(r"\.[0-9a-f]{12}\.css$", href) is not None,
        f"stylesheet URL is content-hashed ({href})",
    )
    url = href if href.startswith("http") else f"{base}{href}"
    response = fetch(url, HTTPS)
    report.check(response.status == 200, f"GET {href} is 200", f"status {response.status}")
    cache_control = response.headers.get("Cache-Control", "")
    report.check(
        _max_age(cache_control) >= ONE_YEAR,
        f"static file has Cache-Control max-age >= {ONE_YEAR}",
        f"got {cache_control!r}",
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: smoke_check.py BASE_URL (e.g. http://127.0.0.1:8765)", file=sys.stderr)
        return 2
    base = argv[1].rstrip("/")
    report = Report()
    steps = [check_health, check_redirect]
    try:
        for step in steps:
            step(base, report)
        href = check_home(base, report)
        if href:
            check_static(base, href, report)
    except (OSError, urllib.error.URLError) as error:
        report.check(False, "server answered every request", repr(error))
    if report.failures:
        print(f"smoke: {len(report.failures)} check(s) failed")
        return 1
    print("smoke: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
