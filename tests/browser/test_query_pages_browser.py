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
from servers import fetch

PNRR = "/queries/clusters-on-pnrr-mission"


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
    folder = browsers.readme_screenshots()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "query-page.png").write_bytes(shot)


# As a new user meets the pages: the editor, the form before the answer, a phone, axe ---------

AXE = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"
# What the editor shows: YASGUI's CodeMirror, else the plain form's text area.
EDITOR_TEXT = """
const mirror = document.querySelector('.CodeMirror');
if (mirror && mirror.CodeMirror) return mirror.CodeMirror.getValue();
const area = document.querySelector('textarea[name=query]');
return area ? area.value : null;"""


def test_open_in_the_editor_with_the_values_chosen(browser: webdriver.Chrome, site: str) -> None:
    browser.set_window_size(1280, 1000)
    browser.get(site + PNRR)
    link = browser.find_element(By.ID, "open-editor")
    assert link.get_attribute("href") == \
        site + "/sparql?canned=clusters-on-pnrr-mission&mission=pnrr:M2&language=en"
    Select(browser.find_element(By.ID, "p-mission")).select_by_visible_text(
        "M4 · Education and research")  # chosen, not yet run: the link follows the form
    link.click()
    WebDriverWait(browser, 30).until(ec.url_contains("/sparql"))
    assert browser.current_url == \
        site + "/sparql?canned=clusters-on-pnrr-mission&mission=pnrr:M4&language=en"
    text = WebDriverWait(browser, 30).until(lambda b: b.execute_script(EDITOR_TEXT))
    assert 'VALUES (?mission ?language) { (<https://w3id.org/ltc/id/pnrr/M4> "en") }' in text
    assert "?comp skos:broader ?mission" in text


def test_a_missing_value_asks_for_it_and_then_answers(browser: webdriver.Chrome,
                                                      site: str) -> None:
    browser.set_window_size(390, 900)
    browser.get(site + "/queries/search")
    note = browser.find_element(By.ID, "missing-keyword")
    assert note.text == "To see the answer, fill in “The word to look for” and press Run."
    assert browser.find_elements(By.ID, "answer") == []
    keyword = browser.find_element(By.ID, "p-keyword")
    keyword.send_keys("hydrogen")
    assert browser.find_element(By.ID, "open-editor").get_attribute("href") == \
        site + "/sparql?canned=search&keyword=hydrogen&language=en"
    browser.find_element(By.CSS_SELECTOR, "#params button[type=submit]").click()
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.ID, "answer")))
    assert browser.current_url == site + "/queries/search?keyword=hydrogen&language=en"
    header, rows = table_shown(browser)
    assert header == ["Keyword", "Resource", "Name", "Type", "Language"]
    assert rows == json_rows(site, "/queries/search?keyword=hydrogen&language=en")
    assert browser.find_elements(By.ID, "missing-keyword") == []


def test_a_wrong_value_is_said_beside_its_field_and_can_be_corrected(
        browser: webdriver.Chrome, site: str) -> None:
    browser.set_window_size(390, 900)
    browser.get(site + "/queries/where-is-it-stated?resource=not+an+iri&lang=it")
    field = browser.find_element(By.ID, "p-resource")
    error = browser.find_element(By.ID, "error-resource")
    assert error.text == "“not an iri” non è un IRI."
    assert field.get_attribute("aria-invalid") == "true"
    assert error.location["y"] > field.location["y"]  # right under the field
    assert error.location["y"] - (field.location["y"] + field.size["height"]) < 20
    field.clear()
    field.send_keys("project:plastix")
    browser.find_element(By.CSS_SELECTOR, "#params button[type=submit]").click()
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.ID, "answer")))
    _, rows = table_shown(browser)
    assert rows and {row[0] for row in rows} == {"https://w3id.org/ltc/id/project/plastix"}


def boxes(browser: webdriver.Chrome, selector: str) -> list[dict[str, float]]:
    return browser.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => {"
        "const b = e.getBoundingClientRect();"
        "return {left: b.left, right: b.right, width: b.width, height: b.height,"
        " scroll: e.scrollWidth, client: e.clientWidth}; });", selector)


@pytest.mark.parametrize("lang", ["en", "it"])
def test_on_a_phone_the_answer_is_cards_and_the_form_fits_a_thumb(
        browser: webdriver.Chrome, site: str, lang: str) -> None:
    browser.set_window_size(390, 900)
    browser.get(site + PNRR + f"?lang={lang}")
    width = browser.execute_script("return window.innerWidth")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    for box in boxes(browser, "#params select, #params input:not([type=hidden]), #params button"):
        assert box["height"] >= 44 and box["right"] <= width, box
    assert boxes(browser, "#params button")[0]["width"] > width * 0.75
    cells = boxes(browser, "#answer td")
    shown = [cell for cell in cells if cell["height"] > 0]
    assert len(cells) == 9 * 8 and len(shown) == 9 * 8 - 3 * 2  # blank cells: no line
    assert all(cell["right"] <= width - 10 and cell["scroll"] <= cell["client"] + 1
               for cell in shown)
    first = browser.find_element(By.CSS_SELECTOR, "#answer tbody tr td")
    title = browser.execute_script(
        "return getComputedStyle(arguments[0], '::before').content", first)
    assert title == ('"Mission"' if lang == "en" else '"Missione"')
    for code in boxes(browser, "pre"):  # wide code scrolls inside its own box
        assert code["right"] <= width and code["client"] < width
    assert any(code["scroll"] > code["client"] for code in boxes(browser, "pre"))


def test_on_a_phone_the_chart_fits_with_its_labels(browser: webdriver.Chrome, site: str) -> None:
    browser.set_window_size(390, 900)
    browser.get(site + "/queries/clusters-by-s3-ecosystem?lang=it")
    WebDriverWait(browser, 30).until(
        lambda b: b.find_element(By.ID, "chart").get_attribute("data-drawn"))
    width = browser.execute_script("return window.innerWidth")
    svg = boxes(browser, "#chart svg")[0]
    assert svg["right"] <= width and svg["width"] > 300
    labels = browser.execute_script(
        "const frame = document.querySelector('#chart svg').getBoundingClientRect();"
        "return [...document.querySelectorAll('#chart svg text')].map(t => {"
        "const b = t.getBoundingClientRect();"
        "return [t.textContent, b.left >= frame.left - 1 && b.right <= frame.right + 1]; });")
    assert labels and all(inside for _, inside in labels), labels
    ticks = [text for text, _ in labels if text.replace(".", "").isdigit()]
    assert ticks == ["0", "1", "2", "3"]  # counts: whole numbers only
    chart = browser.find_element(By.ID, "chart")
    assert chart.get_attribute("role") == "img"
    assert chart.get_attribute("aria-label") == (
        "Grafico a barre, Cluster per ecosistema; la tabella qui sotto riporta gli stessi dati.")


@pytest.mark.parametrize("path", [
    "/queries/clusters-by-s3-ecosystem?lang=it", "/queries/search", "/queries/search?lang=it",
    "/queries/where-is-it-stated?resource=not+an+iri", PNRR + "?lang=it",
    "/embed/queries/clusters-by-s3-ecosystem?view=chart&lang=it",
    "/embed/queries/clusters-in-network?view=table",
])
def test_axe_finds_nothing_grave(browser: webdriver.Chrome, site: str, path: str) -> None:
    for width in (390, 1280):
        browser.set_window_size(width, 900)
        browser.get(site + path)
        WebDriverWait(browser, 30).until(lambda b: all(
            box.get_attribute("data-drawn")
            for box in b.find_elements(By.CSS_SELECTOR, "[data-chart]")))
        browser.execute_script(AXE.read_text(encoding="utf-8"))
        found = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations))"
            ".catch(e => done([{id: 'axe failed', impact: 'critical'}]));")
        grave = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in found
                 if v.get("impact") in ("serious", "critical")]
        assert grave == [], (path, width, grave)
        inside = browser.execute_script(
            "return [...document.querySelectorAll('[role=img] a, [role=img] button,"
            " [role=img] [tabindex], [role=img] input')].length")
        assert inside == 0


def test_an_embedded_table_on_a_phone_is_cards_without_blank_lines(
        browser: webdriver.Chrome, site: str) -> None:
    browser.set_window_size(390, 900)
    browser.get(site + "/embed/queries/clusters-in-network?view=table&lang=it"
                "&network=network:european-cluster-collaboration-platform")
    width = browser.execute_script("return window.innerWidth")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    cells = boxes(browser, "tbody td")
    shown = [cell for cell in cells if cell["height"] > 0]
    # all four are in the network directly: no pilot or table (two columns) and no role
    assert len(cells) == 4 * 8 and len(shown) == 4 * 5
    assert all(cell["right"] <= width for cell in shown)
    borders = browser.execute_script(
        "return [...document.querySelectorAll('tbody td')].map("
        "td => getComputedStyle(td).borderTopWidth)")
    assert set(borders) == {"0px"}


@pytest.mark.parametrize("width", [390, 1280])
def test_dates_in_an_answer_stay_on_one_line(browser: webdriver.Chrome, site: str,
                                             width: int) -> None:
    """A date never breaks at its hyphens ("2024-06-\\n05"), on a phone or a desktop."""
    browser.set_window_size(width, 900)
    browser.get(site + "/queries/events-2024")
    dates = browser.execute_script(
        "return [...document.querySelectorAll('#answer td.date')].map(td => {"
        " const r = document.createRange(); r.selectNodeContents(td);"
        " return [td.innerText, new Set([...r.getClientRects()].map(b => Math.round(b.top)))"
        ".size]; });")
    assert len(dates) >= 2 * 9  # a start and an end for each event of 2024
    assert all(lines == 1 and len(text) >= 4 for text, lines in dates), dates
