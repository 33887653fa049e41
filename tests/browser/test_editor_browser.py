"""The query editor in a real browser (Debian's headless Chromium), as a person tries it, at a
phone's width (390 px) and a desktop's (1280 px), in English and Italian: a query using the
predeclared prefixes is not marked wrong; answers read as values with links to this server;
the bar chart, map, graph and timeline are drawn for answers of their shape and by their
`#defaultView:` comment; the query survives a reload and the history reopens past ones; an
example opens with its parameters bound and gives its canned query's rows; completion offers
the graph's names; `/sparql?canned=` and `#query=` open their text; YASGUI's words are in the
page's language; axe-core finds no serious violation, before a run or after; the console
stays free of errors.

Also a browser's own `fetch` against the endpoint from another origin, which needs CORS.
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import browser as browsers
from servers import fetch, running_server

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
BASE = "https://w3id.org/ltc"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIX_QUERY = "SELECT ?c WHERE { ?c a ltc:Cluster }"
# every kind of value: IRIs of the dataset and of elsewhere, numbers, dates, language tags
VALUES_QUERY = """SELECT ?cluster ?name ?members ?site ?since WHERE {
  ?cluster a ltc:Cluster ; rdfs:label ?name ; foaf:homepage ?site .
  FILTER(LANG(?name) = "en")
  ?count ltc:countOf ?cluster ; ltc:memberCategory vocab:all-members ; schema:value ?members .
  BIND("2024-06-05"^^xsd:date AS ?since)
}
ORDER BY ?name"""
# YASGUI's own English, which the Italian page must not show
YASGUI_ENGLISH = ("Simple view", "Ellipse", "Filter query results", "Page size", "Showing",
                  "entries", "results in", "Download result", "Shows ", "Run query",
                  "Previous", "Next", "Activate to sort", "is not defined", "Response",
                  "Table")
# Boxes of the text in every drawn view, and the view's frame.
LABEL_BOXES = browsers.label_boxes(".ltc-view svg")
# Cells whose text breaks inside a word: more lines of text than words.
BROKEN_WORDS = """
const out = [];
document.querySelectorAll('.yasr td, .yasr th').forEach(cell => {
  const words = cell.innerText.split(/\\s+/).filter(w => w.length > 0);
  if (!words.length || cell.querySelector('a[href^="http"]')) return;
  const lines = [];
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (!lines.some(top => Math.abs(top - r.top) < 4)) lines.push(r.top);
    }
  }
  if (lines.length > words.length) out.push(cell.innerText.slice(0, 40));
});
return out;"""


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running_server() as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    with browsers.drawing(tmp_path_factory.mktemp("chromium")) as driver:
        yield driver


@pytest.fixture
def quiet(browser: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    """The browser, and afterwards the console free of errors for what the test did."""
    browser.get_log("browser")
    yield browser
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


def open_editor(browser: webdriver.Chrome, url: str, lang: str = "en", width: int = 1280,
                query: str = "", fresh: bool = True) -> WebDriverWait:
    """Load the editor (`query`: what follows /sparql) and wait until it is up; `fresh`
    forgets what earlier tests left in the browser's storage."""
    browser.set_window_size(width, 900)
    if fresh:
        browser.get(url + f"?lang={lang}")
        browser.execute_script("localStorage.clear()")
    joiner = "&" if "?" in query else "?"
    target = url + query if "#" in query else url + query + f"{joiner}lang={lang}"
    browser.get(target)
    wait = WebDriverWait(browser, 30)
    wait.until(lambda b: b.execute_script("return !!window.ltcEditor"))
    return wait


def editor_text(browser: webdriver.Chrome) -> str:
    return browser.execute_script("return window.ltcEditor.yasqe.getValue()")


def set_text(browser: webdriver.Chrome, text: str) -> None:
    browser.execute_script("window.ltcEditor.yasqe.setValue(arguments[0])", text)


def run(browser: webdriver.Chrome, text: str | None = None) -> str:
    """Run the editor's query (after writing `text`, if given) with the Run button; the
    view drawn."""
    if text is not None:
        set_text(browser, text)
    browser.find_element(By.ID, "run").click()
    return wait_drawn(browser)


def wait_drawn(browser: webdriver.Chrome) -> str:
    WebDriverWait(browser, 30).until(
        lambda b: b.find_element(By.ID, "results").get_attribute("data-drawn"))
    return browser.find_element(By.ID, "results").get_attribute("data-drawn")


def rows_shown(browser: webdriver.Chrome) -> list[str]:
    return [row.text for row in browser.find_elements(By.CSS_SELECTOR, ".yasr tbody tr")]


def answered(browser: webdriver.Chrome) -> list[dict[str, str]]:
    """The rows of the answer the editor received, as {variable: value}."""
    return browser.execute_script(
        "return window.ltcEditor.yasr.results.getBindings().map(b => Object.fromEntries("
        "Object.entries(b).map(([k, v]) => [k, v.value])))")


def server_rows(url: str, text: str) -> list[dict[str, str]]:
    """The endpoint's own answer to `text`, for comparison."""
    status, _, body = fetch(url + "?" + urllib.parse.urlencode({"query": text}),
                            "application/sparql-results+json")
    assert status == 200, body
    return [{k: v["value"] for k, v in b.items()}
            for b in json.loads(body)["results"]["bindings"]]


def example(browser: webdriver.Chrome, name: str) -> str:
    return browser.execute_script(
        "return JSON.parse(document.getElementById('editor-config').textContent)"
        ".examples[arguments[0]]", name)


def labels_fit(browser: webdriver.Chrome) -> None:
    """Every label of the drawn view inside it, none over another."""
    boxes = browser.execute_script(LABEL_BOXES)
    for box in boxes:
        assert box["x"] >= box["fx"] - 1 and box["x"] + box["w"] <= box["fx"] + box["fw"] + 1 \
            and box["y"] >= box["fy"] - 1 and box["y"] + box["h"] <= box["fy"] + box["fh"] + 1, \
            f"label cut off: {box['text']!r}"
    for a in boxes:
        for b in boxes:
            if a["svg"] == b["svg"] and a["i"] < b["i"]:
                width = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
                height = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
                assert max(0, width) * max(0, height) <= 2, (a["text"], b["text"])


def no_sideways_scrolling(browser: webdriver.Chrome) -> None:
    scroll, view = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= view, f"the page scrolls sideways: {scroll} px wide in {view}"


def screenshot(browser: webdriver.Chrome, name: str) -> None:
    """With LTC_SCREENSHOTS set to a folder, the whole page as a PNG there, to look at."""
    if not os.environ.get("LTC_SCREENSHOTS"):  # resizing costs time: only when kept
        return
    width = browser.execute_script("return window.innerWidth")
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(max(height, 600), 8000))
    browsers.keep(f"editor-{name}", browser.get_screenshot_as_png())
    browser.set_window_size(width, 900)


SIZES = [("en", 1280), ("it", 390), ("en", 390), ("it", 1280)]


@pytest.mark.parametrize("lang, width", SIZES)
def test_predeclared_prefixes_are_not_marked_wrong(quiet: webdriver.Chrome, url: str,
                                                   lang: str, width: int) -> None:
    browser = quiet
    open_editor(browser, url, lang, width)
    set_text(browser, PREFIX_QUERY)
    assert browser.find_elements(By.CSS_SELECTOR, ".parseErrorIcon, .cm-error") == []
    assert run(browser) == "table"
    assert len(rows_shown(browser)) == 9
    assert browser.find_element(By.ID, "run").get_attribute("class") == "run"
    # a prefix nobody declares is still an error, said in the page's language
    set_text(browser, "SELECT ?c WHERE { ?c a nope:Cluster }")
    marks = browser.find_elements(By.CSS_SELECTOR, ".parseErrorIcon")
    assert len(marks) == 1
    browser.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", marks[0])
    said = {"en": "The prefix nope is not declared",
            "it": "Il prefisso nope non è dichiarato"}[lang]
    WebDriverWait(browser, 5).until(lambda b: b.find_element(
        By.CSS_SELECTOR, ".yasqe_tooltip").get_attribute("textContent") == said)
    no_sideways_scrolling(browser)
    screenshot(browser, f"prefixes-{lang}-{width}")


@pytest.mark.parametrize("lang, width", SIZES)
def test_values_read_compactly_and_link_to_this_server(quiet: webdriver.Chrome, url: str,
                                                       lang: str, width: int) -> None:
    browser = quiet
    open_editor(browser, url, lang, width)
    run(browser, VALUES_QUERY)
    expected = server_rows(url, VALUES_QUERY)
    assert len(rows_shown(browser)) == len(expected) > 0
    table = browser.find_element(By.CSS_SELECTOR, ".yasr tbody")
    text = table.text
    assert "^^" not in text and XSD not in text and "<" not in text and BASE not in text
    first = expected[0]
    row = browser.find_elements(By.CSS_SELECTOR, ".yasr tbody tr")[0]
    cells = row.find_elements(By.TAG_NAME, "td")
    cluster = cells[1].find_element(By.TAG_NAME, "a")
    assert cluster.text == "cluster:" + first["cluster"].rsplit("/", 1)[1]
    assert cluster.get_attribute("href") == url.replace(
        "/sparql", first["cluster"][len(BASE):])
    name = cells[2].find_element(By.CSS_SELECTOR, "span[lang]")
    assert (name.text, name.get_attribute("lang")) == (first["name"], "en")
    assert cells[2].text == first["name"]  # the tag is seen, not copied with the name
    assert browser.execute_script(
        "return getComputedStyle(arguments[0], '::after').content", name).startswith('"en"')
    assert cells[3].text == first["members"]
    assert cells[4].find_element(By.TAG_NAME, "a").get_dom_attribute("href") == first["site"]
    assert cells[5].text == {"en": "Jun 5, 2024", "it": "5 giu 2024"}[lang]
    assert not browser.find_elements(By.CSS_SELECTOR, f'.yasr tbody a[href^="{BASE}"]')
    assert browser.execute_script(BROKEN_WORDS) == []
    no_sideways_scrolling(browser)
    screenshot(browser, f"table-{lang}-{width}")


def view_query(browser: webdriver.Chrome, view: str) -> str:
    """A query of the view's shape: the examples that draw, without their comment."""
    name = {"barchart": "members-by-cluster", "map": "seat-cities",
            "graph": "shared-memberships", "timeline": "events-by-year"}[view]
    text = example(browser, name)
    assert text.startswith("#defaultView:")
    return text.split("\n", 1)[1]


def expected_marks(url: str, view: str, rows: list[dict[str, str]]) -> int:
    """How many bars, markers, nodes or bars in time the view draws for `rows`."""
    if view == "barchart":
        return len({r["name"] for r in rows if "total" in r})
    if view == "map":
        cities = sorted({r["city"] for r in rows})
        query = urllib.parse.urlencode([("iri", c) for c in cities])
        _, _, body = fetch(url + "/places.json?" + query)
        places = json.loads(body)["places"]
        return sum(places[c]["latitude"] is not None for c in cities)
    if view == "graph":
        return len({r["cluster"] for r in rows} | {r["partner"] for r in rows if "partner" in r})
    return len([r for r in rows if "start" in r])


MARKS = {"barchart": "g[aria-label=bar] rect", "map": "a.place circle.marker",
         "graph": "a.node circle", "timeline": "g[aria-label=bar] rect"}
VIEW_NAMES = {"barchart": "BarChart", "map": "Map", "graph": "Graph", "timeline": "Timeline"}


@pytest.mark.parametrize("lang, width", [("en", 1280), ("it", 390)])
@pytest.mark.parametrize("view", list(MARKS))
def test_each_view_is_drawn_for_its_shape_and_by_its_comment(
        quiet: webdriver.Chrome, url: str, view: str, lang: str, width: int) -> None:
    browser = quiet
    open_editor(browser, url, lang, width)
    text = view_query(browser, view)
    assert run(browser, text) == "table"  # without a comment, the table first
    rows = answered(browser)
    assert rows == server_rows(url, text)
    button = browser.find_element(By.CSS_SELECTOR, f".select_{view}")
    assert button.is_displayed() and button.is_enabled()
    button.click()
    WebDriverWait(browser, 30).until(
        lambda b: b.find_element(By.ID, "results").get_attribute("data-drawn") == view)
    drawn = browser.find_elements(By.CSS_SELECTOR, f".ltc-view[data-view={view}] {MARKS[view]}")
    assert len(drawn) == expected_marks(url, view, rows) > 0
    assert button.get_attribute("aria-pressed") == "true"
    labels_fit(browser)
    no_sideways_scrolling(browser)
    # the same query with its comment opens in the view at once
    assert run(browser, f"#defaultView:{VIEW_NAMES[view]}\n{text}") == view
    assert len(browser.find_elements(
        By.CSS_SELECTOR, f".ltc-view[data-view={view}] {MARKS[view]}")) == len(drawn)
    labels_fit(browser)
    no_sideways_scrolling(browser)
    screenshot(browser, f"{view}-{lang}-{width}")


def test_a_view_is_offered_only_for_its_shape(quiet: webdriver.Chrome, url: str) -> None:
    browser = quiet
    open_editor(browser, url)
    run(browser, PREFIX_QUERY)  # one column of IRIs: a table, nothing to chart
    for view in MARKS:
        assert not browser.find_element(By.CSS_SELECTOR, f".select_{view}").is_displayed()
    # a comment asking for a view that does not fit says so, and shows the table
    assert run(browser, "#defaultView:Map\n" + PREFIX_QUERY) == "table"
    assert browser.find_element(By.CSS_SELECTOR, ".yasr_fallback_info").text == \
        "The Map view does not fit this answer, so it is shown as a table."


@pytest.mark.parametrize("lang, width", [("en", 1280), ("it", 390)])
def test_the_query_survives_a_reload_and_the_history_reopens_it(
        quiet: webdriver.Chrome, url: str, lang: str, width: int) -> None:
    browser = quiet
    open_editor(browser, url, lang, width)
    first = "SELECT ?project WHERE { ?project a ltc:Project } ORDER BY ?project"
    second = "SELECT ?network WHERE { ?network a ltc:Network } ORDER BY ?network"
    run(browser, first)
    run(browser, second)
    set_text(browser, second + " LIMIT 3")
    browser.refresh()
    WebDriverWait(browser, 30).until(lambda b: b.execute_script("return !!window.ltcEditor"))
    assert editor_text(browser) == second + " LIMIT 3"
    history = browser.find_element(By.ID, "history")
    history.find_element(By.TAG_NAME, "summary").click()
    entries = history.find_elements(By.CSS_SELECTOR, "#history-list button")
    assert [e.find_element(By.TAG_NAME, "code").text for e in entries] == [second, first]
    assert history.find_element(By.ID, "history-count").text == "(2)"
    entries[1].click()
    assert editor_text(browser) == first
    assert browser.find_elements(By.CSS_SELECTOR, ".yasr tbody tr") == []  # opened, not run
    no_sideways_scrolling(browser)
    screenshot(browser, f"history-{lang}-{width}")
    browser.find_element(By.ID, "clear-history").click()
    assert history.find_elements(By.CSS_SELECTOR, "#history-list button") == []


@pytest.mark.parametrize("lang, width, words, name, params", [
    ("en", 1280, "statement page", "where-is-it-stated", {}),
    ("it", 390, "dove scritto", "where-is-it-stated", {}),
    ("en", 390, "keyword", "search", {"keyword": "hydrogen", "language": "en"}),
    ("it", 1280, "parola", "search", {"keyword": "hydrogen", "language": "it"}),
])
def test_an_example_opens_with_its_parameters_bound_and_gives_its_rows(
        quiet: webdriver.Chrome, url: str, lang: str, width: int, words: str, name: str,
        params: dict[str, str]) -> None:
    browser = quiet
    open_editor(browser, url, lang, width)
    examples = browser.find_element(By.ID, "examples")
    examples.find_element(By.TAG_NAME, "summary").click()
    browser.find_element(By.ID, "example-filter").send_keys(words)
    shown = [a for a in examples.find_elements(By.CSS_SELECTOR, "a[data-canned]")
             if a.is_displayed()]
    assert [a.get_attribute("data-canned") for a in shown] == [name]
    shown[0].click()
    wait_drawn(browser)
    assert "VALUES (" in editor_text(browser)
    site = url.rsplit("/sparql", 1)[0]
    status, _, body = fetch(f"{site}/queries/{name}?"
                            + urllib.parse.urlencode({**params, "format": "json"}))
    assert status == 200
    expected = [{k: v["value"] for k, v in b.items()}
                for b in json.loads(body)["results"]["bindings"]]
    assert answered(browser) == expected and 0 < len(expected) < 500
    assert len(rows_shown(browser)) == min(len(expected), 50)
    no_sideways_scrolling(browser)
    screenshot(browser, f"example-{name}-{lang}-{width}")


@pytest.mark.parametrize("lang, typed, wanted, label", [
    ("en", "afil", "cluster:afil", "Lombardy Intelligent Factory Association"),
    ("it", "AFIL", "cluster:afil", "Lombardy Intelligent Factory Association"),
    ("it", "scienze", "cluster:life-sciences", "Cluster lombardo scienze della vita"),
    ("it", "Milano", "place:milano", "Milano"),
])
def test_completion_offers_the_graphs_names(quiet: webdriver.Chrome, url: str, lang: str,
                                            typed: str, wanted: str, label: str) -> None:
    browser = quiet
    open_editor(browser, url, lang)
    browser.execute_script(
        "const y = window.ltcEditor.yasqe; y.setValue('SELECT ?p ?o WHERE {\\n  \\n}');"
        "y.focus(); y.setCursor({line: 1, ch: 2});")
    field = browser.find_element(By.CSS_SELECTOR, ".CodeMirror textarea")
    field.send_keys(typed)
    WebDriverWait(browser, 15).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, ".CodeMirror-hint"))
    first = browser.find_elements(By.CSS_SELECTOR, ".CodeMirror-hint")[0]
    assert first.find_element(By.CSS_SELECTOR, ".hint-name").text == wanted
    assert first.find_element(By.CSS_SELECTOR, ".hint-label").text == label
    field.send_keys(Keys.ENTER)
    assert editor_text(browser) == f"SELECT ?p ?o WHERE {{\n  {wanted}\n}}"
    set_text(browser, f"SELECT ?p ?o WHERE {{ {wanted} ?p ?o }}")
    assert run(browser) == "table" and len(rows_shown(browser)) > 0


def test_a_canned_url_opens_its_text_with_the_values_given(quiet: webdriver.Chrome,
                                                           url: str) -> None:
    browser = quiet
    open_editor(browser, url, query="?canned=clusters-in-network"
                                    "&network=network:vanguard-initiative")
    text = editor_text(browser)
    assert f"VALUES (?network ?language) {{ (<{BASE}/id/network/vanguard-initiative> \"en\")" \
        in text
    assert browser.find_element(By.ID, "results").get_attribute("hidden") is not None
    run(browser)
    site = url.rsplit("/sparql", 1)[0]
    _, _, body = fetch(f"{site}/queries/clusters-in-network?network=network%3Avanguard-"
                       "initiative&format=json")
    assert answered(browser) == [{k: v["value"] for k, v in b.items()}
                                 for b in json.loads(body)["results"]["bindings"]]


def test_a_query_in_the_fragment_opens_without_running(quiet: webdriver.Chrome,
                                                       url: str) -> None:
    browser = quiet
    text = 'SELECT ?s WHERE { ?s rdfs:label "Milano"@it } # 100% & more'
    open_editor(browser, url, query="#query=" + urllib.parse.quote(text, safe=""))
    assert editor_text(browser) == text
    assert browser.find_element(By.ID, "results").get_attribute("hidden") is not None
    # the link to the editor's query, to share
    browser.find_element(By.ID, "share").click()
    shared = browser.find_element(By.ID, "share-url").get_attribute("value")
    assert shared == url + "#query=" + urllib.parse.quote(text, safe="-_.!~*'()")


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_phone_gets_a_usable_editor(quiet: webdriver.Chrome, url: str, lang: str) -> None:
    browser = quiet
    open_editor(browser, url, lang, 390)
    # nothing covers the first line of the query
    covered = browser.execute_script("""
        const line = document.querySelector('.CodeMirror-line');
        const box = line.getBoundingClientRect();
        return [0.1, 0.5, 0.9].map(f => document.elementFromPoint(
            box.left + f * box.width, box.top + box.height / 2)).filter(
            e => !line.contains(e) && !e.closest('.CodeMirror-gutter-wrapper')).map(
            e => e.className);""")
    assert covered == []
    for selector in ("#run", "#share", "#examples summary", "#history summary"):
        element = browser.find_element(By.CSS_SELECTOR, selector)
        assert element.size["height"] >= 44 and element.size["width"] >= 44, selector
    run(browser, VALUES_QUERY)
    no_sideways_scrolling(browser)
    for button in browser.find_elements(By.CSS_SELECTOR, ".yasr_btnGroup button"):
        if button.is_displayed():
            assert button.size["height"] >= 44
    assert browser.execute_script(BROKEN_WORDS) == []


def test_the_skip_link_goes_straight_to_the_editor(quiet: webdriver.Chrome, url: str) -> None:
    browser = quiet
    open_editor(browser, url)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    body.send_keys(Keys.TAB)  # the site's own skip link comes first
    skip = browser.switch_to.active_element
    assert skip.get_attribute("id") == "skip-editor"
    skip.send_keys(Keys.ENTER)
    focused = browser.switch_to.active_element
    assert focused.tag_name == "textarea" and focused.get_attribute("aria-label") == \
        "SPARQL query"
    # Tab indents inside the editor; Esc then Tab leaves it, for the Run button
    focused.send_keys(Keys.ESCAPE)
    webdriver.ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "run"


def test_the_italian_page_shows_no_english_of_yasgui(quiet: webdriver.Chrome,
                                                     url: str) -> None:
    browser = quiet
    open_editor(browser, url, "it")
    run(browser, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 120")
    shown = browser.execute_script("""
        const parts = [];
        for (const root of [document.getElementById('query-editor'),
                            document.getElementById('results')]) {
          parts.push(root.innerText);
          root.querySelectorAll('[title], [aria-label], [placeholder]').forEach(e => {
            for (const a of ['title', 'aria-label', 'placeholder'])
              if (e.getAttribute(a)) parts.push(e.getAttribute(a));
          });
        }
        return parts.join('\\n');""")
    left = [english for english in YASGUI_ENGLISH if english in shown]
    assert left == []
    for said in ("Righe da 1 a 50 di 120", "Vista semplice", "Righe per pagina",
                 "120 risultati in", "Tabella", "Risposta", "Pagina successiva"):
        assert said in shown, said


def test_a_construct_answer_reads_as_statements(quiet: webdriver.Chrome, url: str) -> None:
    browser = quiet
    open_editor(browser, url, "it")
    text = "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a ltc:Cluster ; rdfs:label ?l }"
    assert run(browser, text) == "table"
    titles = [th.text for th in browser.find_elements(By.CSS_SELECTOR, ".yasr thead th")]
    assert titles == ["", "soggetto", "predicato", "oggetto"]
    cells = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")][1:]
             for tr in browser.find_elements(By.CSS_SELECTOR, ".yasr tbody tr")]
    assert ["cluster:aerospace", "rdfs:label", "Lombardia Aerospace Cluster"] in cells
    # the raw answer, as the server sent it, is one click away and says so in Italian
    browser.find_element(By.CSS_SELECTOR, ".select_response").click()
    WebDriverWait(browser, 30).until(
        lambda b: b.find_element(By.ID, "results").get_attribute("data-drawn") == "response")
    assert "<https://w3id.org/ltc/id/cluster/aerospace>" in browser.find_element(
        By.CSS_SELECTOR, ".yasr_results .CodeMirror").text
    assert browser.find_element(By.CSS_SELECTOR, ".yasr_results textarea").get_attribute(
        "aria-label") == "Risposta"


def axe_violations(browser: webdriver.Chrome) -> list[str]:
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations))"
        ".catch(e => done([{id: 'axe failed', impact: 'critical', help: String(e)}]));")
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(str(n["target"]) for n in v.get("nodes", [])[:3])
            for v in result if v.get("impact") in ("serious", "critical")]


@pytest.mark.parametrize("lang", ["en", "it"])
def test_axe_finds_nothing_serious_before_or_after_a_run(quiet: webdriver.Chrome, url: str,
                                                         lang: str) -> None:
    browser = quiet
    open_editor(browser, url, lang)
    browser.find_element(By.CSS_SELECTOR, "#examples summary").click()
    assert axe_violations(browser) == []
    for text in (VALUES_QUERY, "#defaultView:Map\n" + view_query(browser, "map")):
        run(browser, text)
        assert axe_violations(browser) == []
    browser.find_element(By.CSS_SELECTOR, ".select_response").click()
    WebDriverWait(browser, 30).until(
        lambda b: b.find_element(By.ID, "results").get_attribute("data-drawn") == "response")
    assert axe_violations(browser) == []


def test_a_failing_query_says_why(browser: webdriver.Chrome, url: str) -> None:
    open_editor(browser, url, "it")
    assert run(browser, "SELECT ?s WHERE { ?s ?p }") == "error"
    said = browser.find_element(By.CSS_SELECTOR, ".errorResult")
    assert said.find_element(By.TAG_NAME, "p").text == \
        "Non è stato possibile eseguire l'interrogazione. Il server risponde:"
    message = said.find_element(By.TAG_NAME, "pre")
    assert message.get_attribute("lang") == "en" and "SPARQL syntax error" in message.text


def test_the_page_asks_no_other_server(browser: webdriver.Chrome, url: str) -> None:
    open_editor(browser, url)
    run(browser, "#defaultView:Map\n" + view_query(browser, "map"))
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    origin = url.rsplit("/sparql", 1)[0]
    assert resources and all(name.startswith(origin) for name in resources), resources


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
