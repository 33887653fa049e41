"""The query editor in a real browser (Debian's headless Chromium): type, run, see the rows.

Also a browser's own `fetch` against the endpoint from another origin, which needs CORS.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

import browser as browsers
from servers import running_server


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running_server() as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    driver = browsers.start(browsers.options(tmp_path_factory.mktemp("chromium")))
    try:
        yield driver
    finally:
        driver.quit()


def open_editor(browser: webdriver.Chrome, url: str) -> WebDriverWait:
    """Load the editor page and wait until the query editor is up."""
    browser.get(url)
    wait = WebDriverWait(browser, 30)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".CodeMirror")))
    return wait


def rows_shown(browser: webdriver.Chrome) -> list[str]:
    return [row.text for row in browser.find_elements(By.CSS_SELECTOR, ".yasr tbody tr")]


def test_type_a_query_run_it_and_see_the_rows(browser: webdriver.Chrome, url: str) -> None:
    wait = open_editor(browser, url)
    assert not browser.find_element(By.ID, "plain-form").is_displayed()
    editor = browser.find_element(By.CSS_SELECTOR, ".CodeMirror textarea")
    browser.execute_script("document.querySelector('.CodeMirror').CodeMirror.setValue('')")
    editor.send_keys('SELECT ?name WHERE { ?c a ltc:Cluster ; rdfs:label ?name '
                     'FILTER(LANG(?name) = "en") } ORDER BY ?name')
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    wait.until(lambda b: len(rows_shown(b)) == 9)
    text = "\n".join(rows_shown(browser))
    assert "Lombardy Intelligent Factory Association" in text
    assert "Lombardia Aerospace Cluster" in text


def test_a_canned_query_runs_in_one_click(browser: webdriver.Chrome, url: str) -> None:
    wait = open_editor(browser, url)
    browser.find_element(By.CSS_SELECTOR, "[data-canned='events-2024']").click()
    wait.until(lambda b: len(rows_shown(b)) == 9)
    assert "Ila Berlin" in "\n".join(rows_shown(browser))


def test_the_page_asks_no_other_server(browser: webdriver.Chrome, url: str) -> None:
    open_editor(browser, url)
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    origin = url.rsplit("/sparql", 1)[0]
    assert resources and all(name.startswith(origin) for name in resources), resources


def test_the_prefixes_are_preset(browser: webdriver.Chrome, url: str) -> None:
    open_editor(browser, url)
    value = browser.execute_script(
        "return document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "PREFIX ltc: <https://w3id.org/ltc/ontology#>" in value


def test_a_browser_fetch_from_another_origin(browser: webdriver.Chrome, url: str) -> None:
    # a document of another origin (localhost, not 127.0.0.1) that carries no CSP of ours
    other_origin = url.replace("127.0.0.1", "localhost").replace("/sparql", "/prefixes.json")
    browser.get(other_origin)
    result = browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        fetch(arguments[0] + "?query=" + encodeURIComponent(
            "SELECT ?c WHERE { ?c a ltc:Cluster }"),
            {headers: {Accept: "application/sparql-results+json"}})
          .then(r => r.json()).then(j => done(j.results.bindings.length))
          .catch(e => done("failed: " + e));""", url)
    assert result == 9


def test_a_cluster_page_renders_its_main_parts(browser: webdriver.Chrome, url: str,
                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    browser.set_window_size(1100, 1400)
    browser.get(url.replace("/sparql", "/id/cluster/afil"))
    for selector in ("h1", "#seats", "#members", "#networks", "#projects", "#facts"):
        element = browser.find_element(By.CSS_SELECTOR, selector)
        assert element.is_displayed() and element.size["height"] > 0, selector
    title = browser.find_element(By.TAG_NAME, "h1").text
    assert title == "Lombardy Intelligent Factory Association"
    shot = tmp_path_factory.mktemp("screens") / "afil.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 20_000
    browser.set_window_size(390, 844)  # a phone: no sideways scrolling of the page itself
    browser.get(url.replace("/sparql", "/id/cluster/afil"))
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 420, width


def test_the_model_diagram_is_drawn(browser: webdriver.Chrome, url: str) -> None:
    browser.get(url.replace("/sparql", "/ontology"))
    svg = WebDriverWait(browser, 30).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "pre.mermaid svg")))
    assert svg.size["width"] > 300 and "ltc:Cluster" in svg.text
