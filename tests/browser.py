"""Debian's Chromium, headless, for the browser tests: one set of flags for every suite."""

from __future__ import annotations

import os
import shutil
import tempfile
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
