"""Every kind of page as a person meets it, in Chromium at a phone's width (390 px) and a
desktop's (1280 px), in English and Italian: the console free of errors, no sideways
scrolling, no serious or critical accessibility violation (axe-core, the field's tool), chart
labels neither overlapping nor cut off, and table cells that break lines between words only.

Each visit photographs the whole page, for people to look at; the assertions keep what they
saw fixed. `make screenshots` writes the pictures to the gallery, docs/gallery/KIND-LANG-WIDTH.webp,
with docs/gallery.md showing them; with LTC_SCREENSHOTS set to a folder the PNGs are kept there.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import browser as browsers
from pages import PAGES

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
GALLERY = browsers.DOCS / "gallery"
WIDTHS = (390, 1280)
LANGUAGES = ("en", "it")
GRAVE = {"serious", "critical"}

# Boxes of text in every drawn chart: {svg: n, i: n, text, x, y, w, h} and the svg's box.
LABEL_BOXES = browsers.label_boxes(".chart svg")
# Cells whose text is broken inside a word: a word wider than its cell, wrapped per letter.
BROKEN_WORDS = """
const out = [];
document.querySelectorAll('td, th').forEach(cell => {
  const words = cell.innerText.split(/\\s+/).filter(w => w.length > 0);
  if (!words.length || cell.querySelector('code, a[href^="http"]')) return;
  // e-mail addresses, IRIs and codes may break anywhere; words of a language may not
  if (words.some(w => !/^[\\p{L}'\\u2019(),.;:!?\\u00ab\\u00bb"-]+$/u.test(w))) return;
  const style = getComputedStyle(cell);
  const range = document.createRange();
  range.selectNodeContents(cell);
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  if (lines.size > words.length) out.push(cell.innerText.slice(0, 40));
});
return out;"""


def gallery_page() -> str:
    """docs/gallery.md: every kind of page, in both languages, at both widths."""
    lines = ["# Gallery", "",
             "Every kind of page of the site as Chromium draws it at a phone's width (390 px) "
             "and a desktop's (1280 px), in English and Italian. `make screenshots` re-takes "
             "the pictures; the browser tests (`tests/browser/test_site_browser.py`) check "
             "each page for what a person would notice.", ""]
    lines += [f"- [{kind}](#{kind}): `{path}`" for kind, path in PAGES.items()]
    for kind, path in PAGES.items():
        lines += ["", f"## {kind}", "", f"`{path}`", "",
                  "| | English | Italiano |", "|---|---|---|"]
        for width in WIDTHS:
            cells = " | ".join(f"[![{kind}, {lang}, {width} px](gallery/{kind}-{lang}-{width}"
                               f".webp)](gallery/{kind}-{lang}-{width}.webp)"
                               for lang in LANGUAGES)
            lines.append(f"| {width} px | {cells} |")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module", autouse=True)
def gallery() -> Iterator[None]:
    yield
    if browsers.refreshing():
        (browsers.DOCS / "gallery.md").write_text(gallery_page(), encoding="utf-8")


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    with browsers.drawing(tmp_path_factory.mktemp("chromium")) as chromium:
        yield chromium


def visit(driver: webdriver.Chrome, site: str, kind: str, lang: str, width: int) -> None:
    """Open the page at `width` in `lang`, wait for its charts, and photograph it whole."""
    driver.set_window_size(width, 900)
    path = PAGES[kind]
    driver.get(site + path + ("&" if "?" in path else "?") + f"lang={lang}")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return document.readyState") == "complete" and all(
        box.get_attribute("data-drawn") for box in d.find_elements(By.CSS_SELECTOR,
                                                                   "[data-chart]")))
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height, 600), 12000))
    png = driver.get_screenshot_as_png()
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    assert picture.size[0] >= width - 20
    if browsers.refreshing():
        GALLERY.mkdir(parents=True, exist_ok=True)
        picture.save(GALLERY / f"{kind}-{lang}-{width}.webp", lossless=True, method=4)
    browsers.keep(f"{kind}-{lang}-{width}", png)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PAGES)
def test_every_page_reads_well(driver: webdriver.Chrome, site: str, kind: str, lang: str,
                               width: int) -> None:
    driver.get_log("browser")  # what earlier pages logged
    visit(driver, site, kind, lang, width)
    errors = [entry["message"] for entry in driver.get_log("browser")
              if entry["level"] == "SEVERE" and not (kind == "not-found" and " 404 " in
                                                     entry["message"])]
    assert errors == [], errors
    scroll, view = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= view, f"the page scrolls sideways: {scroll} px wide in {view}"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    boxes = driver.execute_script(LABEL_BOXES)
    for box in boxes:
        inside = (box["x"] >= box["fx"] - 1 and box["y"] >= box["fy"] - 1
                  and box["x"] + box["w"] <= box["fx"] + box["fw"] + 1
                  and box["y"] + box["h"] <= box["fy"] + box["fh"] + 1)
        assert inside, f"chart label cut off: {box['text']!r}"
    for a in boxes:
        for b in boxes:
            if a["svg"] == b["svg"] and a["i"] < b["i"] and _overlap(a, b) > 2:
                pytest.fail(f"chart labels overlap: {a['text']!r} and {b['text']!r}")
    assert driver.execute_script(BROKEN_WORDS) == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PAGES)
def test_every_page_passes_axe(driver: webdriver.Chrome, site: str, kind: str,
                               lang: str) -> None:
    visit(driver, site, kind, lang, 1280)
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations))"
        ".catch(e => done([{id: 'axe failed', impact: 'critical', help: String(e)}]));")
    grave = [f"{v['id']} ({v['impact']}): {v['help']} — "
             + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                         for n in v.get("nodes", [])[:3])
             for v in result if v.get("impact") in GRAVE]
    assert grave == [], grave


def _overlap(a: dict, b: dict) -> float:
    """The area two text boxes share, in square pixels."""
    width = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    height = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return max(0.0, width) * max(0.0, height)


def test_the_gallery_shows_every_kind_of_page() -> None:
    """docs/gallery.md and its pictures follow the list of pages (`make screenshots`)."""
    page = (browsers.DOCS / "gallery.md").read_text(encoding="utf-8")
    assert page == gallery_page()
    for kind in PAGES:
        for lang in LANGUAGES:
            for width in WIDTHS:
                with Image.open(GALLERY / f"{kind}-{lang}-{width}.webp") as picture:
                    assert picture.size[0] in range(width - 20, width + 1), (kind, lang, width)
