"""Canned-query pages in a real browser (Debian's headless Chromium): choose a value in the
form, run it, see the answer, download the CSV through the page's link, see the chart, and
embed the live figures in a page of another site. Writes the README's screenshot."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

import browser as browsers
from query_pages import answer_table
from servers import fetch, running_server

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "query-page.png"
PNRR = "/queries/clusters-on-pnrr-mission"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with running_server() as endpoint:
        yield endpoint.rsplit("/sparql", 1)[0]


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory,
            downloads: Path) -> Iterator[webdriver.Chrome]:
    options = browsers.options(tmp_path_factory.mktemp("chromium"), "--lang=en-GB",
                               "--hide-scrollbars")
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "intl.accept_languages": "en-GB,en"})
    driver = browsers.start(options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        yield driver
    finally:
        driver.quit()


def table_shown(browser: webdriver.Chrome) -> tuple[list[str], list[list[str]]]:
    return answer_table(browser.page_source)


def json_rows(site: str, path: str) -> list[list[str]]:
    status, _, body = fetch(site + path, "application/sparql-results+json")
    assert status == 200
    answer = json.loads(body)
    return [[row.get(v, {}).get("value", "") for v in answer["head"]["vars"]]
            for row in answer["results"]["bindings"]]


def test_choose_a_mission_run_it_and_see_its_answer(browser: webdriver.Chrome, site: str) -> None:
    browser.set_window_size(1280, 1000)
    browser.get(site + PNRR)
    mission = Select(browser.find_element(By.ID, "p-mission"))
    assert mission.first_selected_option.text == \
        "M2 · Green revolution and ecological transition"
    assert len(mission.options) == 7
    mission.select_by_visible_text("M4 · Education and research")
    browser.find_element(By.CSS_SELECTOR, "#params button[type=submit]").click()
    WebDriverWait(browser, 30).until(ec.url_contains("mission="))
    assert Select(browser.find_element(By.ID, "p-mission")).first_selected_option.text == \
        "M4 · Education and research"
    header, rows = table_shown(browser)
    assert header[:3] == ["Mission", "Cluster IRI", "Cluster"]
    assert rows == json_rows(site, PNRR + "?mission=pnrr:M4&language=en")
    assert {r[2] for r in rows} == {"Lombardia Aerospace Cluster",
                                    "Lombardy Energy Cleantech Cluster",
                                    "Lombardy Life Sciences Cluster",
                                    "Lombardy Mobility Cluster"}
    caption = browser.find_element(By.CSS_SELECTOR, "#answer caption").text
    assert caption == f"{len(rows)} rows"


def test_download_the_csv_through_the_pages_link(browser: webdriver.Chrome, site: str,
                                                 downloads: Path) -> None:
    browser.get(site + PNRR + "?mission=https%3A%2F%2Fw3id.org%2Fltc%2Fid%2Fpnrr%2FM2")
    header, rows = table_shown(browser)
    browser.find_element(By.LINK_TEXT, "CSV").click()
    target = downloads / "clusters-on-pnrr-mission.csv"
    deadline = time.monotonic() + 30
    while not target.is_file() or list(downloads.glob("*.crdownload")):
        assert time.monotonic() < deadline, list(downloads.iterdir())
        time.sleep(0.1)
    table = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert table[0] == header  # a person's download: the column titles of the page
    assert table[1:] == rows and len(rows) == 9
    assert {(r[2], r[4]) for r in rows} >= {("Lombardy Intelligent Factory Association",
                                             "PLASTIX"),
                                            ("Lombardy Energy Cleantech Cluster", "SYSCHEMIQ")}


def test_the_chart_has_a_bar_per_row(browser: webdriver.Chrome, site: str) -> None:
    browser.get(site + "/queries/clusters-by-s3-ecosystem")
    WebDriverWait(browser, 30).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#chart svg")))
    bars = browser.find_elements(By.CSS_SELECTOR, "#chart g[aria-label='bar'] rect")
    _, rows = table_shown(browser)
    assert len(bars) == len(rows) == 8
    widths = [float(b.get_attribute("width") or 0) for b in bars]
    assert widths[0] == widths[1] == widths[2] > widths[3] > widths[4] > 0  # 3, 3, 3, 2, 1
    errors = [e for e in browser.get_log("browser")
              if e["level"] == "SEVERE" and "/favicon.ico" not in e["message"]]
    assert errors == []  # no script refused by the page's policy, none failing


def test_a_page_of_another_site_embeds_the_live_chart_and_table(
        browser: webdriver.Chrome, site: str, tmp_path: Path) -> None:
    other = tmp_path / "site"
    other.mkdir()
    embed = site + "/embed/queries/clusters-by-s3-ecosystem"
    (other / "index.html").write_text(
        "<!doctype html><title>A cluster's own page</title>"
        f'<iframe id="chart" src="{embed}?view=chart" width="700" height="400"></iframe>'
        f'<iframe id="table" src="{embed}?view=table" width="700" height="400"></iframe>'
        f'<iframe id="page" src="{site}/queries/clusters" width="700" height="200"></iframe>',
        encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(other))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        # another origin: localhost on another port, while the graph is at 127.0.0.1
        browser.get(f"http://localhost:{server.server_address[1]}/index.html")
        browser.switch_to.frame(browser.find_element(By.ID, "chart"))
        bars = WebDriverWait(browser, 30).until(lambda b: b.find_elements(
            By.CSS_SELECTOR, "#chart g[aria-label='bar'] rect"))
        assert len(bars) == 8
        browser.switch_to.default_content()
        browser.switch_to.frame(browser.find_element(By.ID, "table"))
        assert len(browser.find_elements(By.CSS_SELECTOR, "tbody tr")) == 8
        browser.switch_to.default_content()
        browser.switch_to.frame(browser.find_element(By.ID, "page"))
        assert browser.find_elements(By.TAG_NAME, "table") == []  # pages refuse to be framed
    finally:
        browser.switch_to.default_content()
        server.shutdown()
        server.server_close()


def test_screenshot_of_the_mission_2_page_for_the_readme(browser: webdriver.Chrome,
                                                         site: str) -> None:
    browser.set_window_size(1200, 2400)
    browser.get(site + PNRR)
    assert browser.find_element(By.TAG_NAME, "h1").text == \
        "Clusters on a PNRR mission, with their projects"
    # The snippets name the test server's random port; shown with `make serve`'s address
    # instead, as the README's snippets are, the picture stays the same from run to run.
    browser.execute_script(
        "for (const code of document.querySelectorAll('pre code')) {"
        "  code.textContent = code.textContent.replaceAll(arguments[0], arguments[1]); }",
        site, "http://127.0.0.1:8000")
    shot = browser.get_screenshot_as_png()
    assert len(shot) > 50_000
    if not SCREENSHOT.is_file() or SCREENSHOT.read_bytes() != shot:
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(shot)
