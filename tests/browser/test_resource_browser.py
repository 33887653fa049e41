"""Resource pages, the dataset's page and the 404 as a person meets them in Chromium: on a
phone (390 px) the summary puts each heading above its value and the table of facts puts each
property above its values, nothing scrolls sideways, long IRIs break inside their own box,
no word is broken across lines; on a desktop (1280 px) headings sit beside their values; the
page's queries open in the editor; axe-core finds nothing serious on a phone either."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import browser as browsers
from ltc_graph.publish.description import construct

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ("/id/project/plastix", "/id/role/afil-advanced-polymers--plastix", "/graph/afil",
         "/id/cluster/living-environments", "/.well-known/void", "/id/cluster/no-such-cluster")

# Boxes of the summary's rows and of the facts' rows: [heading box, value box] each.
ROWS = """
const box = e => { const b = e.getBoundingClientRect();
                   return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
return {
  summary: [...document.querySelectorAll('.summary dl > div')].map(
    d => [box(d.querySelector('dt')), box(d.querySelector('dd'))]),
  facts: [...document.querySelectorAll('table.facts tbody tr')].map(
    r => [box(r.querySelector('th')), box(r.querySelector('td'))]),
  codes: [...document.querySelectorAll('main code')].map(box),
  width: window.innerWidth,
  scroll: document.documentElement.scrollWidth,
};"""
# Words broken across lines in headings and values: their text on more lines than it has
# words (the lines of the text itself, not of the boxes around it).
BROKEN = """
const out = [];
document.querySelectorAll('main dt, main dd, main th, main td, main h1, main h2, main h3')
  .forEach(el => {
    if (el.querySelector('code, ul, table')) return;
    const words = el.innerText.split(/\\s+/).filter(w => w.length > 0);
    const lines = new Set();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      [...range.getClientRects()].forEach(r => lines.add(Math.round(r.top)));
    }
    if (words.length && lines.size > words.length) out.push(el.innerText.slice(0, 40));
  });
return out;"""


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    with browsers.drawing(tmp_path_factory.mktemp("chromium"), console=False) as chromium:
        yield chromium


def open_page(driver: webdriver.Chrome, url: str, width: int) -> dict:
    driver.set_window_size(width, 900)
    driver.get(url)
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.readyState") == "complete")
    return driver.execute_script(ROWS)


@pytest.mark.parametrize("lang", ["en", "it"])
@pytest.mark.parametrize("path", PAGES)
def test_on_a_phone_headings_stack_above_their_values(driver: webdriver.Chrome, site: str,
                                                      path: str, lang: str) -> None:
    found = open_page(driver, f"{site}{path}?lang={lang}", 390)
    assert found["scroll"] <= found["width"]
    for dt, dd in found["summary"]:
        assert dd["top"] >= dt["bottom"] - 1 and abs(dd["left"] - dt["left"]) < 1
    for th, td in found["facts"]:
        assert td["top"] >= th["bottom"] - 1 and abs(td["left"] - th["left"]) < 1
        assert td["right"] <= found["width"]
    assert [c for c in found["codes"] if c["right"] > found["width"] + 0.5] == []
    assert driver.execute_script(BROKEN) == []
    if path != "/id/cluster/no-such-cluster":
        assert found["summary"] and (found["facts"] or path == "/.well-known/void")


@pytest.mark.parametrize("path", PAGES[:5])
def test_on_a_desktop_headings_sit_beside_their_values(driver: webdriver.Chrome, site: str,
                                                       path: str) -> None:
    found = open_page(driver, f"{site}{path}?lang=it", 1280)
    assert found["summary"]
    for dt, dd in found["summary"]:
        assert dd["left"] > dt["right"] and abs(dd["top"] - dt["top"]) < 2
    for th, td in found["facts"]:
        assert td["left"] >= th["right"] - 1 and abs(td["top"] - th["top"]) < 2


def test_the_description_query_opens_in_the_editor(driver: webdriver.Chrome,
                                                    site: str) -> None:
    open_page(driver, f"{site}/id/project/plastix?lang=en", 1280)
    link = driver.find_element(By.CSS_SELECTOR, '#as-data ~ p a[href^="/sparql#query="]')
    driver.execute_script("arguments[0].click()", link)
    WebDriverWait(driver, 30).until(lambda d: "/sparql" in d.current_url)
    address = driver.current_url
    assert address.startswith(f"{site}/sparql#query=")
    assert unquote(address.split("#query=", 1)[1]) == construct(
        "https://w3id.org/ltc/id/project/plastix", 100)


@pytest.mark.parametrize("path", ["/id/project/plastix", "/.well-known/void"])
def test_axe_finds_nothing_serious_on_a_phone(driver: webdriver.Chrome, site: str,
                                              path: str) -> None:
    open_page(driver, f"{site}{path}?lang=it", 390)
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations))"
        ".catch(e => done([{id: 'axe failed', impact: 'critical', help: String(e)}]));")
    assert [v["id"] for v in result if v.get("impact") in ("serious", "critical")] == []
