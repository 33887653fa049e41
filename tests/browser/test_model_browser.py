"""The model's page (/ontology) in Chromium: usable before any diagram code arrives (no
request for mermaid until the reader opens the diagram, the document ready well within a
second), the diagram drawn when asked for, at the page's width or at its own size in a frame
that scrolls, never the page; and on a phone the validation report's cards and filters read
without a word split across lines.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import browser as browsers
from servers import fetch

# Time from the start of navigation to DOMContentLoaded, and each request made by then.
TIMING = """
const nav = performance.getEntriesByType('navigation')[0];
const ready = nav.domContentLoadedEventEnd;
return {ready: ready,
        requests: performance.getEntriesByType('resource')
          .filter(r => r.startTime <= ready).map(r => [r.name, r.responseEnd])};"""
REQUESTS = "return performance.getEntriesByType('resource').map(r => r.name);"
# Elements of the report's cards whose words wrap onto more lines than they have words.
SPLIT_WORDS = """
const out = [];
document.querySelectorAll('.finding .message, .finding dt, .finding .severity, .filters label')
  .forEach(el => {
    const words = el.innerText.split(/\\s+/).filter(w => w.length > 0);
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > words.length) out.push(el.innerText.slice(0, 40));
  });
return out;"""


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    with browsers.drawing(tmp_path_factory.mktemp("chromium")) as chromium:
        chromium.execute_cdp_cmd("Network.enable", {})
        chromium.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        yield chromium


def open_page(driver: webdriver.Chrome, url: str, width: int = 1280) -> None:
    driver.set_window_size(width, 900)
    driver.get(url)
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def drawn(driver: webdriver.Chrome) -> str:
    return WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.ID, "diagram-box").get_attribute("data-drawn"))


def test_the_page_is_usable_in_well_under_a_second_with_no_mermaid(driver: webdriver.Chrome,
                                                                    site: str) -> None:
    readies = []
    for _ in range(5):
        open_page(driver, f"{site}/ontology?lang=it")
        timing = driver.execute_script(TIMING)
        readies.append(timing["ready"])
        assert [name.rsplit("/", 1)[1] for name, _ in timing["requests"]] == [
            "site.css", "model.css", "diagram.js"]
        assert not any("mermaid" in name for name in driver.execute_script(REQUESTS))
        assert driver.execute_script("return typeof window.mermaid") == "undefined"
        assert driver.find_element(By.ID, "diagram-box").get_attribute("open") is None
    # measured on the 2-core machine: 60-400 ms to DOMContentLoaded, cache off; with mermaid
    # loaded up front it was 2.8 s
    assert sorted(readies)[2] < 1000, readies


def test_opening_the_diagram_loads_mermaid_once_and_draws_the_model(driver: webdriver.Chrome,
                                                                     site: str) -> None:
    open_page(driver, f"{site}/ontology?lang=en")
    driver.find_element(By.CSS_SELECTOR, "#diagram-box summary").click()
    assert drawn(driver) == "yes"
    loaded = [n for n in driver.execute_script(REQUESTS) if "mermaid" in n]
    assert loaded == [f"{site}/static/mermaid/mermaid.min.js"]
    svg = driver.find_element(By.CSS_SELECTOR, "#diagram-box pre.mermaid svg")
    assert "ltc:Cluster" in svg.text and "org:FormalOrganization" in svg.text
    frame = driver.find_element(By.CSS_SELECTOR, ".diagram-frame")
    assert 0 < svg.size["width"] <= frame.size["width"]
    button = driver.find_element(By.CSS_SELECTOR, ".diagram-zoom")
    assert (button.text, button.get_attribute("aria-pressed")) == (
        "Show it at its own size", "false")
    button.click()
    assert (button.text, button.get_attribute("aria-pressed")) == ("Fit it to the page", "true")
    assert svg.size["width"] > 1.5 * frame.size["width"]
    assert driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth",
                                 frame)
    assert driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth")
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_a_link_to_the_diagram_draws_it_on_a_phone_in_italian(driver: webdriver.Chrome,
                                                              site: str) -> None:
    started = time.monotonic()
    open_page(driver, f"{site}/ontology?lang=it#diagram", width=390)
    assert drawn(driver) == "yes" and time.monotonic() - started < 30
    assert driver.find_element(By.CSS_SELECTOR, ".diagram-zoom").text == (
        "Mostralo a grandezza reale")
    driver.find_element(By.CSS_SELECTOR, ".diagram-zoom").click()
    assert driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_reports_cards_read_on_a_phone(driver: webdriver.Chrome, site: str,
                                           lang: str) -> None:
    _, _, body = fetch(f"{site}/validation.json")
    open_page(driver, f"{site}/validation?lang={lang}", width=390)
    cards = driver.find_elements(By.CSS_SELECTOR, "#results > li.finding")
    assert len(cards) == len(json.loads(body)["results"]) > 0
    view = driver.execute_script("return window.innerWidth")
    for card in cards:
        assert card.location["x"] >= 0 and card.location["x"] + card.size["width"] <= view
    assert driver.execute_script(SPLIT_WORDS) == []
    boxes = driver.find_elements(By.CSS_SELECTOR, ".filters input[type=checkbox]")
    assert len(boxes) == 3 and all(box.size["width"] < 30 for box in boxes)
    assert driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth")
