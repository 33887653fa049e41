"""Debian's Chromium, headless, for the browser tests: one set of flags for every suite."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# Headless, and quiet on a closed network: no background requests to Google's hosts.
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")


def options(profile: Path, *extra: str) -> webdriver.ChromeOptions:
    """Options for a fresh profile in `profile`, with the suite's own `extra` flags."""
    chosen = webdriver.ChromeOptions()
    chosen.binary_location = CHROMIUM
    for flag in (*FLAGS, *extra, f"--user-data-dir={profile}"):
        chosen.add_argument(flag)
    return chosen


def start(chosen: webdriver.ChromeOptions) -> webdriver.Chrome:
    driver = webdriver.Chrome(service=Service(DRIVER), options=chosen)
    driver.set_page_load_timeout(30)
    return driver


@contextmanager
def drawing(profile: Path, console: bool = True) -> Iterator[webdriver.Chrome]:
    """A Chromium that draws at scale 1 without scrollbars, so pictures and boxes are in CSS
    pixels; with `console`, its console is kept for the test to read."""
    chosen = options(profile, "--hide-scrollbars", "--force-device-scale-factor=1")
    if console:
        chosen.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = start(chosen)
    try:
        yield driver
    finally:
        driver.quit()


def label_boxes(svgs: str) -> str:
    """A script giving the box of every text drawn in the `svgs` (a CSS selector), with the
    box of its svg: {svg, i, text, x, y, w, h, fx, fy, fw, fh}."""
    return f"""
const out = [];
document.querySelectorAll({svgs!r}).forEach((svg, n) => {{
  const frame = svg.getBoundingClientRect();
  svg.querySelectorAll('text').forEach((t, i) => {{
    const b = t.getBoundingClientRect();
    if (b.width === 0 || !t.textContent.trim()) return;
    out.push({{svg: n, i, text: t.textContent.trim(), x: b.x, y: b.y, w: b.width, h: b.height,
              fx: frame.x, fy: frame.y, fw: frame.width, fh: frame.height}});
  }});
}});
return out;"""


def keep(name: str, png: bytes) -> None:
    """With LTC_SCREENSHOTS set to a folder (made if missing), the picture there as NAME.png,
    to look at."""
    if kept := os.environ.get("LTC_SCREENSHOTS"):
        Path(kept).mkdir(parents=True, exist_ok=True)
        (Path(kept) / f"{name}.png").write_bytes(png)


DOCS = Path(__file__).resolve().parents[1] / "docs"


def refreshing() -> bool:
    """Whether this run re-takes the pictures in docs/ (`make screenshots`); other runs leave
    the tree as it was."""
    return os.environ.get("LTC_README_SCREENSHOTS") == "1"


def readme_screenshots() -> Path:
    """Where the README's screenshots go: docs/screenshots when refreshing, else scratch."""
    if refreshing():
        return DOCS / "screenshots"
    return Path(tempfile.gettempdir()) / "ltc-graph-screenshots"
