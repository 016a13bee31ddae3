"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

``playwright install`` cannot download browsers on these machines, so the session launches the
system Chromium. ``make test`` installs it (and axe-core) first; a missing browser is an error,
never a silent skip.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import ensure_site_tree

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, which the next EN 301 549 takes in. axe-core 4.14 tags its 2.2 rules (target-size)
# "wcag22aa" only; it has no "wcag22a" tag, and the 2.2 criteria it cannot test
# (2.4.11, 3.2.6, 3.3.7, 2.5.7) are checked by tests/browser/test_layout.py and test_accounts.py.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync",
        ],
    }  # fmt: skip


@pytest.fixture(autouse=True)
def _live_server_settled(transactional_db, live_server):
    """Let the live server finish its requests before the test database is flushed.

    A lesson page posts its progress with a keepalive request when it is hidden, so the last
    request of a test can still be running when the browser context closes. On PostgreSQL the
    flush (one TRUNCATE of every table) then deadlocks with that request and the teardown
    fails. Waiting here for the other sessions on the test database to go idle removes the race.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return  # SQLite waits for its write lock (OPTIONS timeout) instead
    deadline = time.monotonic() + 15
    quiet_polls = 0  # a keepalive request may still be on its way: ask for 0.3 s of quiet
    with connection.cursor() as cursor:
        while quiet_polls < 3 and time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state <> 'idle'"
            )
            quiet_polls = quiet_polls + 1 if cursor.fetchone()[0] == 0 else 0
            time.sleep(0.1)


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The live server with the demo content loaded, as `make run` shows it."""
    ensure_site_tree()
    call_command("load_demo_content", verbosity=0)
    return live_server


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_PATH.exists():
        pytest.fail(
            f"axe-core not found at {AXE_PATH}: run `make test`, which installs it (npm ci)."
        )
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def axe_audit(axe_source):
    """Run axe-core on the page for WCAG 2.2 A/AA and fail with a readable list of violations."""

    def audit(page) -> None:
        page.evaluate(axe_source)
        violations = page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {
                    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
                });
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)
                }));
            }""",
            WCAG_TAGS,
        )
        assert violations == [], (
            f"axe violations on {page.url}:\n{json.dumps(violations, indent=2)}"
        )

    return audit


@pytest.fixture
def kennisbank_site(demo_site):
    """The live server with the kennisbank demo content imported, as `make run` does."""
    from django.conf import settings

    call_command(
        "import_kennisbank",
        str(Path(settings.BASE_DIR) / "fixtures" / "kennisbank" / "demo.json"),
        verbosity=0,
    )
    return demo_site
