"""Screenshot pages at phone and desktop widths in Debian's Chromium, to look at what we build.

Usage: .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 OUTDIR /path ...
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = {"phone": (375, 740), "desktop": (1280, 900)}


def main() -> None:
    base, outdir, *paths = sys.argv[1:]
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        for name, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths:
                page.goto(base + path)
                slug = path.strip("/").replace("/", "_").replace("?", "_") or "home"
                page.screenshot(path=str(out / f"{slug}-{name}.png"), full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
